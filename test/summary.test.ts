/**
 * `cluster summary`: 附件1 推荐汇总表 with one row per filing, as PDF (A4 landscape, header row repeated
 * on every page) and as an Excel sheet; --sort; header lines; refusals (unreadable input, existing output).
 * Through the built CLI (npm test builds first).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerLines, oneRound, sortEntries, type SummaryEntry } from '../src/summary/model.js';
import { parseHeader } from '../src/summary/header.js';
import { cli, ROOT } from './helpers/cli.js';
import { extractPdfText, squash, type ExtractedPdf } from './helpers/pdf-text.js';

const EXAMPLES = [
  'examples/boundary/leading-share-70/cluster.yaml',
  'examples/boundary/output-40/cluster.yaml',
  'examples/boundary/output-growth-10/cluster.yaml',
  'examples/boundary/patents-per-10k-15/cluster.yaml',
  'examples/boundary/sme-share-70/cluster.yaml',
  'examples/failing/cluster.yaml',
  'examples/jingmen-battery/cluster.yaml',
];
const COLUMNS = ['序号', '集群名称', '集群运营管理机构', '所在省、市、县（区）', '主导产业', '集群成立时间', '集群简介（300字以内）'];
const BASE = readFileSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml'), 'utf8');

type Data = Record<string, Record<string, unknown>>;
function load(rel: string): Data {
  return jsyaml.load(readFileSync(join(ROOT, rel), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Data;
}

/** "2016-09" → "2016年9月", as the form prints dates. */
function cnDate(v: string): string {
  const [y, m, d] = v.split('-');
  return `${y}年${Number(m)}月${d ? `${Number(d)}日` : ''}`;
}

/** The six values of a filing's row, straight from its YAML. */
function expectedRow(rel: string): string[] {
  const d = load(rel);
  const cover = d.cover as { clusterName: string; operator: string; region: Record<string, string> };
  const summary = d.summary as { leadingIndustry: string; founded: string; intro: string };
  return [
    cover.clusterName,
    cover.operator,
    `${cover.region.province}${cover.region.city ?? ''}${cover.region.county}`,
    summary.leadingIndustry,
    cnDate(String(summary.founded)),
    summary.intro,
  ];
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cluster-summary-test-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the passing example under `dir` with another name, region and optionally no 简介. */
function variant(dir: string, o: { name: string; province?: string; city?: string; county?: string; noIntro?: boolean }): string {
  mkdirSync(dir, { recursive: true });
  let text = BASE.replace(/^ {2}clusterName: .*$/m, `  clusterName: ${o.name}`);
  if (o.province) text = text.replace(/^ {4}province: .*$/m, `    province: ${o.province}`);
  if (o.city) text = text.replace(/^ {4}city: .*$/m, `    city: ${o.city}`);
  if (o.county) text = text.replace(/^ {4}county: .*$/m, `    county: ${o.county}`);
  if (o.noIntro) text = text.replace(/^ {2}intro: .*$/m, '');
  const file = join(dir, 'cluster.yaml');
  writeFileSync(file, text);
  return file;
}

describe('summary PDF of the examples', () => {
  let pdf: ExtractedPdf;
  let text: string;
  let out: string;
  beforeAll(async () => {
    out = join(tmp, 'examples.pdf');
    const r = cli(['summary', 'examples/boundary', 'examples/failing', 'examples/jingmen-battery', '-o', out, '--city', '荆门市经济和信息化局', '--contact', '王芳 13800000000']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('7 个集群');
    // Remarks on stderr: the failing filings and the repeated cluster (the boundary examples share a name).
    expect(r.stderr).toContain('examples/failing/cluster.yaml 有 12 个错误');
    expect(r.stderr).toContain('同一集群出现 6 次');
    pdf = await extractPdfText(readFileSync(out));
    text = squash(pdf.pages.join('\n'));
  });

  it('is A4 landscape on every page, with the title, the filled-in header lines and page numbers', () => {
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const s of pdf.pageSizes) expect(s).toEqual({ width: 841.89, height: 595.28 });
    expect(pdf.info.Title).toBe('2024年度中小企业特色产业集群推荐汇总表');
    expect(text).toContain('附件1');
    expect(text).toContain('2024年度中小企业特色产业集群推荐汇总表');
    expect(text).toContain('市州经信部门：荆门市经济和信息化局（盖章）');
    expect(text).toContain('联系人和手机：王芳13800000000');
    pdf.pages.forEach((p, i) => expect(squash(p)).toContain(`第${i + 1}页共${pdf.pages.length}页`));
  });

  it('has every row in the order given, with each value of the filing', () => {
    let from = 0;
    // A failing or duplicated filing carries 草稿/重复 in its 序号 cell (checked in compare.test.ts).
    const unmarked = text.replace(/草稿|重复/g, '');
    EXAMPLES.forEach((rel, i) => {
      const row = expectedRow(rel);
      // Rows are found in order: the 序号 and the name start each row; the values follow.
      const at = unmarked.indexOf(squash(`${i + 1}${row[0]}`), from);
      expect(at, `${rel}: row ${i + 1}`).toBeGreaterThanOrEqual(from);
      for (const v of row) expect(unmarked.indexOf(squash(v), at), `${rel}: ${v.slice(0, 20)}`).toBeGreaterThan(at);
      from = at + 1;
    });
  });

  it('repeats the header row on every page, with the labels exactly as the seed prints them', () => {
    for (const p of pdf.pages) for (const c of COLUMNS) expect(squash(p)).toContain(c);
  });

  it('is reproducible: the same inputs give the same bytes', () => {
    const again = join(tmp, 'examples-again.pdf');
    const r = cli(['summary', 'examples/boundary', 'examples/failing', 'examples/jingmen-battery', '-o', again, '--city', '荆门市经济和信息化局', '--contact', '王芳 13800000000']);
    expect(r.code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });
});

describe('summary of 20 filings', () => {
  let dir: string;
  let pdf: ExtractedPdf;
  const names = Array.from({ length: 20 }, (_, i) => `湖北省荆门市掇刀区第${String(i + 1).padStart(2, '0')}号新能源产业集群`);
  beforeAll(async () => {
    dir = join(tmp, 'twenty');
    names.forEach((name, i) => variant(join(dir, `f${String(i + 1).padStart(2, '0')}`), { name, noIntro: i % 4 === 3 }));
    const out = join(tmp, 'twenty.pdf');
    const r = cli(['summary', dir, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('20 个集群，其中 5 个的简介由申报数据生成');
    pdf = await extractPdfText(readFileSync(out));
  });

  it('spans several landscape pages, the header row repeated on each, every row whole on one page', () => {
    expect(pdf.pages.length).toBeGreaterThanOrEqual(5);
    for (const s of pdf.pageSizes) expect(s.width).toBeGreaterThan(s.height);
    for (const p of pdf.pages) for (const c of COLUMNS) expect(squash(p)).toContain(c);
    names.forEach((n) => {
      const pages = pdf.pages.filter((p) => squash(p).includes(n));
      expect(pages, n).toHaveLength(1);
      // The whole row on that page: name, operator and the end of its 简介.
      expect(squash(pages[0]!)).toContain('荆门市掇刀区新能源动力电池产业园管理委员会');
    });
    // In the order given, numbered 1–20 (marks in the 序号 cell aside).
    const all = squash(pdf.pages.join('')).replace(/草稿|重复/g, '');
    let from = 0;
    names.forEach((n, i) => {
      const at = all.indexOf(`${i + 1}${n}`, from);
      expect(at, n).toBeGreaterThanOrEqual(from);
      from = at;
    });
  });

  it('generates the 简介 from the figures when the filing gives none, within 300 characters', () => {
    const all = squash(pdf.pages.join(''));
    // f04 has no 简介: the generated one gives the base-year figures.
    const page = pdf.pages.find((p) => squash(p).includes(names[3]!))!;
    expect(squash(page)).toContain('2023年，集群总产值289.30亿元');
    expect(squash(page)).toContain('每万人有效发明专利拥有量38.62件');
    expect(all.split('2023年，集群总产值289.30亿元').length - 1).toBe(20); // the stated ones say the same
  });
});

describe('summary as xlsx', () => {
  it('one sheet 推荐汇总表: title, header lines, the columns, one row per filing; landscape A4, header row repeated on print', async () => {
    const out = join(tmp, 's.xlsx');
    const header = join(tmp, 'header.yaml');
    writeFileSync(header, 'city: 武汉市经济和信息化局\ncontact:\n  name: 李强\n  phone: "13900001111"\n');
    const r = cli(['summary', ...EXAMPLES.slice(5), 'examples/boundary/output-40/cluster.yaml', '-o', out, '--header', header]);
    expect(r.code, r.stderr).toBe(0);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['推荐汇总表']);
    const ws = wb.getWorksheet('推荐汇总表')!;
    expect(ws.getCell('A1').value).toBe('附件1');
    expect(ws.getCell('A2').value).toBe('2024年度中小企业特色产业集群推荐汇总表');
    expect(ws.getCell('A3').value).toBe('市州经信部门：武汉市经济和信息化局（盖章）');
    expect(ws.getCell('A4').value).toBe('联系人和手机：李强 13900001111');
    expect(COLUMNS.map((_, i) => ws.getRow(5).getCell(i + 1).value)).toEqual(COLUMNS);
    const files = ['examples/failing/cluster.yaml', 'examples/jingmen-battery/cluster.yaml', 'examples/boundary/output-40/cluster.yaml'];
    files.forEach((rel, k) => {
      const row = ws.getRow(6 + k);
      expect(row.getCell(1).value).toBe(k + 1);
      expect([2, 3, 4, 5, 6, 7].map((c) => row.getCell(c).value), rel).toEqual(expectedRow(rel));
      expect(row.getCell(7).alignment?.wrapText).toBe(true);
      expect(row.getCell(2).border?.left?.style).toBe('thin');
    });
    expect(ws.rowCount).toBe(8);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('5:5');
    // Reproducible too.
    const again = join(tmp, 's2.xlsx');
    cli(['summary', ...EXAMPLES.slice(5), 'examples/boundary/output-40/cluster.yaml', '-o', again, '--header', header]);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });
});

describe('--sort', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(tmp, 'sort');
    variant(join(dir, 'a'), { name: '浙江省温州市乐清市电气产业集群', province: '浙江省', city: '温州市', county: '乐清市' });
    variant(join(dir, 'b'), { name: '安徽省合肥市肥西县家电产业集群', province: '安徽省', city: '合肥市', county: '肥西县' });
    variant(join(dir, 'c'), { name: '湖北省武汉市江夏区光电子产业集群', province: '湖北省', city: '武汉市', county: '江夏区' });
    variant(join(dir, 'd'), { name: '湖北省荆门市掇刀区新能源动力电池产业集群' });
  });

  async function order(args: string[]): Promise<string[]> {
    const out = join(tmp, `sort-${args.join('-') || 'none'}.xlsx`);
    const r = cli(['summary', dir, '-o', out, '--force', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('推荐汇总表')!;
    const names: string[] = [];
    for (let r = 6; r <= ws.rowCount; r++) names.push(String(ws.getRow(r).getCell(2).value));
    return names;
  }

  it('keeps the order given by default, sorts by name in pinyin order, or by province, city and county', async () => {
    expect(await order([])).toEqual(['浙江省温州市乐清市电气产业集群', '安徽省合肥市肥西县家电产业集群', '湖北省武汉市江夏区光电子产业集群', '湖北省荆门市掇刀区新能源动力电池产业集群']);
    expect(await order(['--sort', 'name'])).toEqual(['安徽省合肥市肥西县家电产业集群', '湖北省荆门市掇刀区新能源动力电池产业集群', '湖北省武汉市江夏区光电子产业集群', '浙江省温州市乐清市电气产业集群']);
    // 湖北省: 荆门市 (jing) before 武汉市 (wu).
    expect(await order(['--sort', 'region'])).toEqual(['安徽省合肥市肥西县家电产业集群', '湖北省荆门市掇刀区新能源动力电池产业集群', '湖北省武汉市江夏区光电子产业集群', '浙江省温州市乐清市电气产业集群']);
  });

  it('sortEntries: ties keep the order given', () => {
    const e = (name: string, county: string, file: string) => ({ file, row: { clusterName: name }, region: { province: '湖北省', city: '荆门市', county } }) as unknown as SummaryEntry;
    const list = [e('乙', '掇刀区', '1'), e('甲', '东宝区', '2'), e('乙', '掇刀区', '3')];
    expect(sortEntries(list, 'name').map((x) => x.file)).toEqual(['2', '1', '3']);
    expect(sortEntries(list, 'region').map((x) => x.file)).toEqual(['2', '1', '3']);
    expect(sortEntries(list).map((x) => x.file)).toEqual(['1', '2', '3']);
  });
});

describe('header and refusals', () => {
  it('header lines keep the seed labels; the YAML takes city/contact (or the form labels as keys)', () => {
    expect(headerLines({})).toEqual(['市州经信部门：（盖章）', '联系人和手机：']);
    expect(parseHeader('市州经信部门: 荆门市经信局\n联系人和手机: 张三 138\n', 'h.yaml')).toEqual({ city: '荆门市经信局', contact: '张三 138' });
    expect(() => parseHeader('town: x\n', 'h.yaml')).toThrow(/未知的键 town/);
  });

  it('an unreadable filing stops the command: exit 2, the file named, nothing written', () => {
    const dir = join(tmp, 'broken');
    variant(join(dir, 'ok'), { name: '湖北省荆门市掇刀区新能源动力电池产业集群' });
    mkdirSync(join(dir, 'bad'), { recursive: true });
    writeFileSync(join(dir, 'bad', 'cluster.yaml'), 'cover:\n  clusterName: [unclosed\n');
    for (const ext of ['pdf', 'xlsx']) {
      const out = join(tmp, `broken.${ext}`);
      const r = cli(['summary', dir, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(join(dir, 'bad', 'cluster.yaml'));
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
    const missing = cli(['summary', 'examples/jingmen-battery/cluster.yaml', 'no/such/file.yaml', '-o', join(tmp, 'missing.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/file.yaml');
    expect(existsSync(join(tmp, 'missing.pdf'))).toBe(false);
  });

  it('filings whose folders name different rounds are not put in one table (summary, compare); one --profile judges them all', () => {
    const dir = join(tmp, 'rounds');
    const a = variant(join(dir, 'a'), { name: '湖北省荆门市掇刀区新能源动力电池产业集群' });
    const b = variant(join(dir, 'b'), { name: '湖北省荆门市掇刀区新能源动力电池产业集群乙' });
    writeFileSync(join(dir, 'b', 'cluster.config.yaml'), 'profile: national-2025\n');
    const out = join(tmp, 'rounds.pdf');
    for (const args of [['summary', dir, '-o', out], ['compare', a, b]]) {
      const r = cli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`national-2024：${a}；national-2025：${b}`);
      expect(r.stderr).toContain('请分别汇总');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
    // As validate judges each: the same filing alone is judged under its folder's round.
    const validated = JSON.parse(cli(['validate', b, '--format', 'json']).stdout) as { profile: string };
    expect(validated.profile).toBe('national-2025');
    const one = cli(['compare', b]);
    expect(one.code, one.stderr).not.toBe(2);
    const all = cli(['summary', dir, '-o', out, '--profile', 'national-2024']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('2 个集群');
  });

  it('oneRound (the CLI and the page): one profile passes, two are refused with each round\'s files, reviews are left to the batch check', () => {
    const app = (file: string, id: string) => ({ file, profile: { id, kind: 'application' as const } });
    expect(() => oneRound([app('a.yaml', 'national-2024'), app('b.yaml', 'national-2024')])).not.toThrow();
    expect(() => oneRound([app('a.yaml', 'national-2024'), { file: 'r.yaml', profile: { id: 'review-2027', kind: 'review' as const } }])).not.toThrow();
    const five = ['1', '2', '3', '4', '5'].map((n) => app(`${n}.yaml`, 'national-2025'));
    expect(() => oneRound([app('a.yaml', 'national-2024'), ...five])).toThrow(/national-2024：a\.yaml；national-2025：1\.yaml、2\.yaml、3\.yaml、…（5）/);
  });

  it('an earlier .xlsx summary left in the input folder is not taken for a filing', () => {
    const dir = join(tmp, 'rerun');
    variant(join(dir, 'a'), { name: '湖北省荆门市掇刀区新能源动力电池产业集群' });
    const out = join(dir, '汇总表.xlsx');
    expect(cli(['summary', dir, '-o', out]).code).toBe(0);
    const again = cli(['summary', dir, '-o', out, '--force']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('1 个集群');
  });

  it('refuses to overwrite without --force, and other output types', () => {
    const out = join(tmp, 'existing.pdf');
    writeFileSync(out, 'keep me');
    const r = cli(['summary', 'examples/jingmen-battery/cluster.yaml', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(cli(['summary', 'examples/jingmen-battery/cluster.yaml', '-o', out, '--force']).code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const bad = cli(['summary', 'examples/jingmen-battery/cluster.yaml', '-o', join(tmp, 'x.doc')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.pdf、.xlsx 或 .docx');
  });
});
