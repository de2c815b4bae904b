/**
 * The Word face of the review documents (#16 point 1: "Review filings and the annual report get the
 * same"): a review filing's data in 附件2's layout and its 规划目标完成情况, and the annual development
 * report — valid OOXML packages, real tables with the same rows as the PDFs (both read
 * src/render/review-cells.ts), header rows repeated, rows kept whole, orientation, named fonts, the draft
 * line on a filing with errors, identical bytes on every run; and the CLI (`render --docx`, `annual
 * --docx`, `pack`) writing them. No external tool: the .docx are unzipped and read as XML.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionById } from '../src/catalogue/index.js';
import { documentDate } from '../src/dates.js';
import { renderAnnualDocx, renderDocx, type RenderedDocx } from '../src/docx/index.js';
import { loadFiling } from '../src/load/index.js';
import { loadProfile, type Profile } from '../src/profile.js';
import { MINISTRY, REVIEW_FORM_SUBTITLE, REVIEW_FORM_TITLE } from '../src/render/fixed.js';
import { annualFiguresTable, annualPlanTable, reviewPlanTable, reviewStageTable, type PlainTable } from '../src/render/review-cells.js';
import { annualReport } from '../src/review/annual.js';
import { planAttainment } from '../src/review/attainment.js';
import { profileForFiling } from '../src/review/kind.js';
import { readZip, openEntryStream } from '../src/pack/zip/index.js';
import { parseManifest } from '../src/pack/manifest.js';
import { FilingView } from '../src/validate/view.js';
import { ROOT, cli } from './helpers/cli.js';
import { checkPackage, unzipDocx, wordTables, wordText, type Unzipped, type WTable } from './helpers/ooxml.js';
import { squash } from './helpers/pdf-text.js';

interface Review {
  data: Record<string, unknown>;
  profile: Profile;
  date: Date;
}

async function review(rel: string): Promise<Review> {
  const file = join(ROOT, rel);
  const loaded = await loadFiling(file, { years: loadProfile().dataYears });
  const profile = profileForFiling(loaded.data, loadProfile(), file);
  return { data: loaded.data, profile, date: documentDate(loaded.data, profile, {}) };
}

const flat = (u: Unzipped) => squash(wordText(u.parts.get('word/document.xml')!));
const sects = (u: Unzipped) => u.parts.get('word/document.xml')!.match(/<w:sectPr>.*?<\/w:sectPr>/g)!;

/** Every cell of a shared table (header, then rows) appears in the Word table, in order, as its text. */
function sameTable(word: WTable, shared: PlainTable): void {
  expect(word.rows[0]!.header).toBe(true);
  expect(word.rows[0]!.cells.map((c) => c.text)).toEqual(shared.head);
  expect(word.rows.length).toBe(shared.rows.length + 1);
  shared.rows.forEach((row, i) => {
    // Continuations of a vertical merge are empty cells in Word: compare the cells that start here.
    const cells = word.rows[i + 1]!.cells.filter((c) => c.vMerge !== 'continue').map((c) => c.text);
    expect(cells, `row ${i + 1}`).toEqual(row.map((c) => c.text));
  });
  for (const r of word.rows) expect(r.cantSplit).toBe(true);
}

describe('render --docx of a review filing (review-2027)', () => {
  let r: Review;
  let docs: RenderedDocx[];
  let form: Unzipped;
  let plan: Unzipped;

  beforeAll(async () => {
    r = await review('examples/review-2027/cluster.yaml');
    docs = await renderDocx({ data: r.data, profile: r.profile, date: r.date });
    [form, plan] = await Promise.all(docs.map((d) => unzipDocx(d.data)));
  });

  it('gives the review’s own documents, named as their PDFs', () => {
    expect(r.profile.kind).toBe('review');
    expect(docs.map((d) => d.name)).toEqual(['复核年度数据表（附件2格式）.docx', '规划目标完成情况（自评）.docx']);
    expect(docs.map((d) => d.title)).toEqual([REVIEW_FORM_TITLE, '规划目标完成情况（自评）']);
    for (const u of [form, plan]) {
      expect(checkPackage(u.parts)).toEqual([]);
      expect([...u.parts.keys()].filter((n) => /font/i.test(n))).toEqual(['word/fontTable.xml']);
    }
  });

  it('the data table: the tool’s own title, no annex number or ministry imprint, sections 一–七 and the lists, no 八/九', () => {
    const text = flat(form);
    expect(text.startsWith(squash(`${REVIEW_FORM_TITLE}${REVIEW_FORM_SUBTITLE}`))).toBe(true);
    expect(text).not.toContain('附件2');
    expect(text).not.toContain(squash(MINISTRY));
    expect(form.parts.get('word/footer1.xml')).not.toContain('工业和信息化部');
    let at = -1;
    for (const id of ['basic', 'industry', 'innovation', 'digital', 'green', 'openness', 'governance'] as const) {
      const k = text.indexOf(squash(sectionById(id).section.title), at + 1);
      expect(k, id).toBeGreaterThan(at);
      at = k;
    }
    expect(text).not.toContain(squash(sectionById('plan').section.title));
    expect(text).not.toContain(squash(sectionById('declaration').section.title));
    // The review years as the year columns.
    const years = wordTables(form.parts.get('word/document.xml')!).find((t) => t.rows[0]!.cells[0]!.text === '年度')!;
    expect(years.rows[0]!.cells.slice(1).map((c) => c.text)).toEqual(r.profile.dataYears.map((y) => `${y}年`));
    expect(text).toContain(squash(String((r.data.cover as Record<string, unknown>).clusterName)));
  });

  it('规划目标完成情况: landscape, the same rows as the PDF (方向 merged down its indicators), header rows repeated', () => {
    const xml = plan.parts.get('word/document.xml')!;
    for (const s of sects(plan)) expect(s).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    const a = planAttainment(new FilingView(r.data), r.profile, 'zh');
    const tables = wordTables(xml);
    sameTable(tables[0]!, reviewPlanTable(a, 'zh'));
    expect(tables[0]!.rows.some((row) => row.cells.some((c) => c.vMerge === 'restart'))).toBe(true);
    const stages = reviewStageTable(a, 'zh');
    expect(stages.rows.length).toBeGreaterThan(0);
    sameTable(tables.find((t) => t.rows[0]!.cells[0]!.text === '年度')!, stages);
    const text = flat(plan);
    for (const h of ['计算公式', '阶段性目标完成情况', '认定时的阶段性目标（原文）']) expect(text).toContain(h);
    for (const i of a.indicators) if (i.final) expect(text).toContain(squash(i.final.formula));
    expect(plan.parts.get('word/footer1.xml')).toContain('NUMPAGES');
  });

  it('Chinese typography: the same named faces and styles as the application’s Word forms', () => {
    const styles = plan.parts.get('word/styles.xml')!;
    for (const f of ['方正小标宋简体', '黑体', '宋体']) expect(styles).toContain(`w:eastAsia="${f}"`);
    expect(plan.parts.get('word/document.xml')).toContain('<w:pStyle w:val="FormTitle"/>');
    expect(form.parts.get('word/document.xml')).toContain('<w:pStyle w:val="SectionHeading"/>');
  });

  it('the same input gives the same bytes', async () => {
    const again = await renderDocx({ data: r.data, profile: r.profile, date: r.date });
    again.forEach((d, i) => expect(Buffer.from(d.data).equals(docs[i]!.data)).toBe(true));
  });

  it('a review filing with errors: every page of both documents carries the draft line', async () => {
    const bad = await review('examples/review-2026/cluster.yaml');
    const drafts = await renderDocx({ data: bad.data, profile: bad.profile, date: bad.date, errors: 3 });
    for (const d of drafts) {
      const u = await unzipDocx(d.data);
      expect(checkPackage(u.parts)).toEqual([]);
      expect(wordText(u.parts.get('word/header1.xml')!)).toContain('草稿 — 校验未通过：校验发现 3 个错误');
      for (const s of sects(u)) expect(s).toContain('r:id="rIdHeader1"');
    }
  });
});

describe('the annual report in Word', () => {
  it('A4 portrait; the key figures, the plan and what falls behind, as the PDF’s rows; same bytes twice', async () => {
    const r = await review('examples/review-2027/cluster.yaml');
    const report = annualReport(new FilingView(r.data), r.profile, 2026, 'zh');
    const doc = await renderAnnualDocx(report, { date: r.date, lang: 'zh' });
    expect(doc.name).toBe('2026年度发展情况自评报告.docx');
    const u = await unzipDocx(doc.data);
    expect(checkPackage(u.parts)).toEqual([]);
    for (const s of sects(u)) expect(s).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    const tables = wordTables(u.parts.get('word/document.xml')!);
    sameTable(tables[0]!, annualFiguresTable(report, 'zh'));
    sameTable(tables[1]!, annualPlanTable(report, 'zh'));
    const text = flat(u);
    expect(text).toContain('2026年度发展情况自评报告');
    expect(text).toContain('三、落后于规划的指标');
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) expect(text).toContain(squash(f.text));
    expect(Buffer.from((await renderAnnualDocx(report, { date: r.date, lang: 'zh' })).data).equals(doc.data)).toBe(true);
  });
});

describe('the CLI writes them', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cluster-docx-review-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('render --docx of a review filing: the two Word documents (exit 0); --pdf --docx both', () => {
    const out = join(tmp, 'render');
    const r = cli(['render', 'examples/review-2027/cluster.yaml', '--docx', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['复核年度数据表（附件2格式）.docx', '规划目标完成情况（自评）.docx']);
    const both = join(tmp, 'both');
    expect(cli(['render', 'examples/review-2027/cluster.yaml', '--pdf', '--docx', '-o', both]).code).toBe(0);
    expect(readdirSync(both).filter((f) => f.endsWith('.pdf')).length).toBe(3);
    expect(readdirSync(both).filter((f) => f.endsWith('.docx')).length).toBe(2);
  });

  it('annual --docx: the Word report and the workbook, no PDF (no font read); --pdf --docx all three', () => {
    const out = join(tmp, 'annual');
    const r = cli(['annual', 'examples/review-2027/cluster.yaml', '--year', '2026', '--docx', '-o', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2026年度发展情况自评报告.docx', '2026年度发展情况自评报告.xlsx']);
    const all = join(tmp, 'annual-all');
    expect(cli(['annual', 'examples/review-2027/cluster.yaml', '--year', '2026', '--pdf', '--docx', '-o', all]).code).toBe(0);
    expect(readdirSync(all).sort()).toEqual(['2026年度发展情况自评报告.docx', '2026年度发展情况自评报告.pdf', '2026年度发展情况自评报告.xlsx']);
  });

  it('summary of review filings -o 复核汇总.docx is a Word document (not a workbook under a .docx name)', async () => {
    const out = join(tmp, '复核汇总.docx');
    const r = cli(['summary', 'examples/review-2027', '-o', out]);
    expect(r.code).toBe(0);
    const u = await unzipDocx(readFileSync(out));
    expect(checkPackage(u.parts)).toEqual([]);
    expect([...u.parts.keys()].some((n) => n.startsWith('xl/'))).toBe(false);
    const [t] = wordTables(u.parts.get('word/document.xml')!);
    expect(t!.rows[0]!.header).toBe(true);
    expect(t!.rows[0]!.cells.map((c) => c.text)).toEqual(['序号', '集群名称', '所在地区', '认定标准（复核年度）', '规划目标', '未达到的规划目标', '阶段性目标未达到']);
    expect(t!.rows[1]!.cells[1]!.text).toBe('湖北省荆门市掇刀区新能源动力电池产业集群');
    expect(u.parts.get('word/document.xml')).toContain('w:orient="landscape"');
  });

  it('pack of a review filing: each .docx beside its PDF, listed as the editable version; 规划目标完成情况 is a report', async () => {
    const zip = join(tmp, 'review.zip');
    const r = cli(['pack', 'examples/review-2027/cluster.yaml', '-o', zip, '--no-progress']);
    expect(r.code).toBe(0);
    const entries = await readZip(zip);
    const me = entries.find((e) => e.name.endsWith('/manifest.json'))!;
    const chunks: Buffer[] = [];
    for await (const c of await openEntryStream(me)) chunks.push(c as Buffer);
    const { manifest } = parseManifest(Buffer.concat(chunks).toString('utf8'));
    const top = manifest.files.filter((f) => !f.path.includes('/') && f.kind !== 'list').map((f) => [f.path, f.kind, f.section]);
    expect(top).toEqual([
      ['01 复核年度数据表（附件2格式）.pdf', 'form', REVIEW_FORM_TITLE],
      ['01 复核年度数据表（附件2格式）.docx', 'form', `${REVIEW_FORM_TITLE}（可编辑 Word 版）`],
      ['02 规划目标完成情况（自评）.pdf', 'report', '规划目标完成情况（自评）'],
      ['02 规划目标完成情况（自评）.docx', 'report', '规划目标完成情况（自评）（可编辑 Word 版）'],
      ['03 自评报告.pdf', 'report', expect.any(String)],
      ['manifest.json', expect.anything(), expect.anything()],
    ].filter((row) => row[0] !== 'manifest.json'));
    expect(readFileSync(zip).length).toBeGreaterThan(0);
  });
});
