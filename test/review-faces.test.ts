/**
 * The faces of a review (复核) filing, end to end through the built CLI: the annual report (PDF and
 * XLSX), render (the review years in 附件2's layout, 规划目标完成情况, the self-assessment), pack, and
 * summary/compare of a batch. Structure and text, not bytes.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip } from '../src/pack/zip/index.js';
import { cli } from './helpers/cli.js';
import { extractPdfText, squash } from './helpers/pdf-text.js';

const REVIEW = 'examples/review-2027/cluster.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'cluster-review-faces-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function pdfText(file: string): Promise<string> {
  const pdf = await extractPdfText(readFileSync(file));
  return squash(pdf.pages.join('\n'));
}

describe('cluster annual', () => {
  it('writes the year’s report as PDF and XLSX: key figures, change, stage targets, what is behind', async () => {
    const dir = join(tmp, 'annual');
    const r = cli(['annual', REVIEW, '--year', '2025', '-o', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['2025年度发展情况自评报告.pdf', '2025年度发展情况自评报告.xlsx']);
    const text = await pdfText(join(dir, '2025年度发展情况自评报告.pdf'));
    for (const s of ['2025年度发展情况自评报告', '不是官方的年度报告模板', '2024年', '集群总产值', '372.80', '+42.30（+12.80%）', '阶段性目标', '有效发明专利数量', '未完成', '落后于规划', '2026-03-31']) {
      expect(text, s).toContain(squash(s));
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '2025年度发展情况自评报告.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主要数据', '目标完成情况', '落后于规划']);
    const plan = wb.getWorksheet('目标完成情况')!;
    const rows = plan.getSheetValues().filter(Boolean) as unknown[][];
    const patents = rows.find((x) => x.includes('有效发明专利数量'))!;
    expect(patents).toContain(130); // the 2025 stage target
    expect(patents).toContain(127); // the 2025 actual
    expect(patents).toContain('未完成');
    // Counts print as integers (家), other figures with the form's 2 decimals.
    const key = wb.getWorksheet('主要数据')!;
    key.eachRow((row) => {
      const label = row.getCell(1).value;
      if (label === '集群企业数量') expect([row.getCell(3).numFmt, row.getCell(4).numFmt, row.getCell(5).numFmt]).toEqual(['0', '0', '0']);
      if (label === '集群总产值') expect(row.getCell(4).numFmt).toBe('0.00##');
    });
    // Same input, same bytes.
    const again = join(tmp, 'annual2');
    expect(cli(['annual', REVIEW, '--year', '2025', '-o', again]).code).toBe(0);
    for (const f of readdirSync(dir)) expect(readFileSync(join(again, f)).equals(readFileSync(join(dir, f))), f).toBe(true);
  });

  it('in the target year holds the year against the 目标值', async () => {
    const dir = join(tmp, 'annual-2026');
    expect(cli(['annual', REVIEW, '--year', '2026', '-o', dir, '--lang', 'en']).code).toBe(0);
    const text = await pdfText(join(dir, '2026年度发展情况自评报告.pdf'));
    expect(text).toContain(squash('Annual development report 2026'));
    expect(text).toContain(squash('behind'));
  });

  it('refuses a year outside the plan, and an application (exit 2, saying what to do)', () => {
    const y = cli(['annual', REVIEW, '--year', '2027', '-o', join(tmp, 'x')]);
    expect(y.code).toBe(2);
    expect(y.stderr).toContain('2024、2025、2026');
    const a = cli(['annual', 'examples/jingmen-battery/cluster.yaml', '--year', '2025', '-o', join(tmp, 'y')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('init --review');
  });
});

describe('render, pack, summary and compare of review filings', () => {
  it('render: the review years in 附件2’s layout, 规划目标完成情况, the self-assessment; never passed off as the official form', async () => {
    const dir = join(tmp, 'render');
    const r = cli(['render', REVIEW, '-o', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['复核年度数据表（附件2格式）.pdf', '自评报告.pdf', '规划目标完成情况（自评）.pdf'].sort());
    const form = await pdfText(join(dir, '复核年度数据表（附件2格式）.pdf'));
    expect(form).toContain(squash('不是官方的复核申报表'));
    expect(form).not.toContain(squash('工业和信息化部制'));
    expect(form).toContain('421.60');
    expect(form).not.toContain(squash('未来三年中小企业特色产业集群发展规划（3000字以内）'));
    const plan = await pdfText(join(dir, '规划目标完成情况（自评）.pdf'));
    for (const s of ['规划目标完成情况（自评）', '2023年基准值', '2026年目标值', '2024年实际', '完成率', '89.20%', '未完成', '85.71%', '达到目标5项', '实际降低率']) expect(plan, s).toContain(squash(s));
  });

  it('pack: the review package holds the review PDFs', async () => {
    const zip = join(tmp, 'review.zip');
    const r = cli(['pack', REVIEW, '-o', zip, '--no-progress']);
    expect(r.code, r.stderr).toBe(0);
    const names = (await readZip(zip)).map((e) => e.name);
    expect(names.some((n) => n.endsWith('规划目标完成情况（自评）.pdf'))).toBe(true);
    expect(names.some((n) => n.endsWith('复核年度数据表（附件2格式）.pdf'))).toBe(true);
    expect(names.some((n) => n.includes('附件1'))).toBe(false);
  });

  it('summary of a batch: pass/fail on the standard per cluster and the targets missed', async () => {
    const out = join(tmp, 'batch.pdf');
    const r = cli(['summary', REVIEW, 'examples/review-2027/cluster.yaml', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = await pdfText(out);
    for (const s of ['2024年度批次中小企业特色产业集群复核汇总（自评）', '符合', '达到5/10项', '近三年集群产值年均增速13.38%（目标15.00%，完成率89.20%）']) expect(text, s).toContain(squash(s));
    const xlsx = join(tmp, 'batch.xlsx');
    expect(cli(['summary', REVIEW, '-o', xlsx]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(String(wb.getWorksheet('复核汇总')!.getCell('D4').value)).toBe('符合');
  });

  it('summary refuses a mix of batches or of applications and reviews (exit 2)', () => {
    expect(cli(['summary', REVIEW, 'examples/review-2026/cluster.yaml', '-o', join(tmp, 'm1.pdf')]).code).toBe(2);
    const m = cli(['summary', REVIEW, 'examples/jingmen-battery/cluster.yaml', '-o', join(tmp, 'm2.pdf')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('分别汇总');
  });

  it('a review that fails the standard shows as such in the batch summary', async () => {
    const out = join(tmp, 'fail.xlsx');
    expect(cli(['summary', 'examples/review-2026/cluster.yaml', '-o', out]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(String(wb.getWorksheet('复核汇总')!.getCell('D4').value)).toMatch(/^不符合：\d+ 项错误（.*competitiveness\/output-growth/);
  });

  it('compare: attainment rows and no quota or ranking', () => {
    const r = cli(['compare', REVIEW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('复核比较');
    expect(r.stdout).toContain('规划目标完成率（%）：近三年集群产值年均增速');
    expect(r.stdout).not.toContain('各省推荐名额');
  });
});
