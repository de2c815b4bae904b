/**
 * The Word documents as LibreOffice sees them: each .docx converted to PDF headless (no repair, no
 * error), then read back with poppler — every label of the seed's form in order, every value of the
 * example, the ticks, A4 portrait/landscape, the page count, each of 一–九 at the top of a page, and
 * the 汇总表's header row on every page.
 *
 * Needs LibreOffice (soffice) and poppler-utils: run by .ci/run, which installs them, with
 * CLUSTER_LIBREOFFICE=1. Skipped in a plain `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionById } from '../src/catalogue/index.js';
import { FORM1_COLUMNS, MINISTRY, form1Title } from '../src/render/fixed.js';
import { ROOT, cli } from './helpers/cli.js';
import { clone, profile } from './helpers/filing.js';
import { expectedForm2Labels, expectedForm2Values, firstOutOfOrder } from './helpers/form2-expected.js';
import { squash } from './helpers/pdf-text.js';

const ON = process.env.CLUSTER_LIBREOFFICE === '1';

function soffice(files: string[], outdir: string, profileDir: string): string {
  return execFileSync('soffice', [`-env:UserInstallation=file://${profileDir}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outdir, ...files], {
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function pdfPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

function pdfInfo(pdf: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
}

describe.skipIf(!ON)('LibreOffice headless opens and converts the Word documents', () => {
  let dir: string;
  let pdf2: string;
  let pdf1: string;
  let pdfSum: string;
  let log: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-lo-'));
    const r = cli(['render', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), '--docx', '-o', dir]);
    expect(r.code).toBe(0);
    // The application examples (a folder with review filings too is refused: a 汇总表 holds one kind).
    const s = cli(['summary', ...['jingmen-battery', 'failing', 'boundary'].map((d) => join(ROOT, 'examples', d)), '-o', join(dir, '汇总表.docx')]);
    expect(s.code).toBe(0);
    const docs = readdirSync(dir).filter((n) => n.endsWith('.docx')).map((n) => join(dir, n));
    expect(docs).toHaveLength(3);
    log = soffice(docs, dir, join(dir, 'lo-profile'));
    pdf2 = join(dir, '附件2 中小企业特色产业集群申报表.pdf');
    pdf1 = join(dir, `附件1 ${form1Title(profile())}.pdf`);
    pdfSum = join(dir, '汇总表.pdf');
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('converts every document without an error', () => {
    for (const p of [pdf2, pdf1, pdfSum]) expect(existsSync(p), p).toBe(true);
    expect(log).not.toMatch(/error|repair|corrupt/i);
  });

  it('附件2: A4 portrait, every label in order, every value, the ticks', () => {
    const info = pdfInfo(pdf2);
    expect(Math.round(info.width)).toBe(595);
    expect(Math.round(info.height)).toBe(842);
    const text = squash(pdfPages(pdf2).join('\n')).replace(/—\d+—/g, '');
    expect(firstOutOfOrder(text, expectedForm2Labels().filter((l) => l !== MINISTRY))).toBeUndefined();
    expect(text).toContain(MINISTRY.replace(/\s/g, ''));
    expect(expectedForm2Values(clone()).filter((v) => !text.includes(squash(v)))).toEqual([]);
    expect(text).toContain('□第一产业√第二产业□第三产业');
    expect(text).toContain('√绘制产业链图谱，开展产业链培育');
  });

  it('附件2: each of 一–九 starts a page; cover unnumbered, then — 1 — onwards', () => {
    const pages = pdfPages(pdf2);
    const info = pdfInfo(pdf2);
    expect(pages).toHaveLength(info.pages);
    // Cover, 填报说明, 九 sections (several pages for 二, 三, 五, 八), at most a few pages each.
    expect(info.pages).toBeGreaterThanOrEqual(12);
    expect(info.pages).toBeLessThanOrEqual(40);
    const firstLine = (p: string) => p.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
    for (const id of ['basic', 'industry', 'innovation', 'digital', 'green', 'openness', 'governance', 'plan', 'declaration'] as const) {
      const title = sectionById(id).section.title;
      expect(pages.some((p) => firstLine(p) === title), title).toBe(true);
    }
    expect(pages[0]).not.toMatch(/—\s*\d+\s*—/);
    expect(pages[1]).toMatch(/—\s*1\s*—/);
    expect(pages[pages.length - 1]).toMatch(new RegExp(`—\\s*${pages.length - 1}\\s*—`));
  });

  it('附件1 and the 汇总表: A4 landscape, the seed’s columns on every page', () => {
    for (const p of [pdf1, pdfSum]) {
      const info = pdfInfo(p);
      expect(Math.round(info.width)).toBe(842);
      expect(Math.round(info.height)).toBe(595);
      for (const page of pdfPages(p)) expect(squash(page)).toContain(squash(FORM1_COLUMNS.slice(0, 3).join('')));
    }
    expect(pdfInfo(pdf1).pages).toBe(1);
    expect(squash(pdfPages(pdf1).join(''))).toContain('湖北省荆门市掇刀区新能源动力电池产业集群');
    // Seven filings of ~300-character 简介: more than one page, the header row repeated.
    expect(pdfInfo(pdfSum).pages).toBeGreaterThan(1);
  });
});

describe.skipIf(!ON)('LibreOffice headless: the review documents and the annual report', () => {
  let dir: string;
  let log: string;
  const reviewForm = () => join(dir, '复核年度数据表（附件2格式）.pdf');
  const reviewPlan = () => join(dir, '规划目标完成情况（自评）.pdf');
  const annual = () => join(dir, '2026年度发展情况自评报告.pdf');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-lo-review-'));
    const word = join(dir, 'word');
    expect(cli(['render', join(ROOT, 'examples/review-2027/cluster.yaml'), '--docx', '-o', word]).code).toBe(0);
    expect(cli(['annual', join(ROOT, 'examples/review-2027/cluster.yaml'), '--year', '2026', '--docx', '-o', word]).code).toBe(0);
    const docs = readdirSync(word).filter((n) => n.endsWith('.docx')).map((n) => join(word, n));
    expect(docs).toHaveLength(3);
    log = soffice(docs, dir, join(dir, 'lo-profile'));
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('converts each without an error', () => {
    for (const p of [reviewForm(), reviewPlan(), annual()]) expect(existsSync(p), p).toBe(true);
    expect(log).not.toMatch(/error|repair|corrupt/i);
  });

  it('the review data table: A4 portrait, its title, 一–七 each starting a page, the review years', () => {
    const info = pdfInfo(reviewForm());
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
    const pages = pdfPages(reviewForm());
    const firstLine = (p: string) => p.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
    for (const id of ['basic', 'industry', 'innovation', 'digital', 'green', 'openness', 'governance'] as const) {
      expect(pages.some((p) => firstLine(p) === sectionById(id).section.title), id).toBe(true);
    }
    const text = squash(pages.join('\n'));
    expect(text).toContain('中小企业特色产业集群复核年度数据表');
    expect(text).not.toContain('工业和信息化部制');
    for (const y of [2024, 2025, 2026]) expect(text).toContain(`${y}年`);
  });

  it('规划目标完成情况: A4 landscape, every indicator, the verdicts, the header row on every page', () => {
    const info = pdfInfo(reviewPlan());
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([842, 595]);
    const pages = pdfPages(reviewPlan());
    const text = squash(pages.join('\n'));
    for (const s of ['规划目标完成情况（自评）', '近三年集群产值年均增速', '研发经费投入', '完成率', '未完成', '计算公式', '阶段性目标完成情况']) expect(text).toContain(s);
    // The plan table's header repeats where it runs onto the next page.
    expect(squash(pages[1] ?? '')).toMatch(/方向指标2023年基准值/);
    expect(squash(pages[pages.length - 1]!)).toContain(`第${pages.length}页共${pages.length}页`);
  });

  it('the annual report: A4 portrait, the three chapters, the figures, page numbers', () => {
    const info = pdfInfo(annual());
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
    const text = squash(pdfPages(annual()).join('\n'));
    for (const s of ['2026年度发展情况自评报告', '一、2026年主要数据及与上年比较', '二、2026年规划目标完成情况', '三、落后于规划的指标', '集群总产值', '421.60', '+48.80（+13.09%）']) expect(text).toContain(squash(s));
    expect(text).toMatch(/—1—/);
  });
});
