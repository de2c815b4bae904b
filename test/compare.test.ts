/**
 * `cluster compare`: the key figures and metrics of several filings side by side, each with its margin
 * over the profile's bound; the ranking hint; the quota per province. The model in process, the
 * formats through the built CLI (npm test builds first).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, compare, normalise, type CompareInput, type Comparison } from '../src/compare/model.js';
import { csvField, formatCompareCsv } from '../src/compare/csv.js';
import { formatCompareText } from '../src/compare/text.js';
import { width } from '../src/format/text.js';
import { computeMetrics } from '../src/metrics/index.js';
import { FilingView } from '../src/validate/view.js';
import { cli, ROOT } from './helpers/cli.js';
import { BASE_REL, clone, example, FAILING_REL, profile, setAt, type Data } from './helpers/filing.js';
import { extractPdfText, squash } from './helpers/pdf-text.js';

function input(file: string, data: Data, errors = 0, warnings = 0): CompareInput {
  const view = new FilingView(data);
  return { file, view, metrics: computeMetrics(view, profile()), errors, warnings };
}

const row = (c: Comparison, id: string) => c.rows.find((r) => r.id === id)!;
const texts = (c: Comparison, id: string) => row(c, id).cells.map((x) => cellText(row(c, id), x, 'zh'));

/** A minimal RFC 4180 reader for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') q = false;
      else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += ch;
  }
  return rows;
}

describe('the comparison model', () => {
  const base = clone();
  const failing = clone(example(FAILING_REL));
  const c = compare([input('a.yaml', base), input('b.yaml', failing, 12, 4)], profile(), 'zh');

  it('judges each figure against the profile bound with its margin', () => {
    expect(texts(c, 'output')).toEqual(['289.30', '41.60']);
    expect(row(c, 'output').threshold).toBeUndefined();
    expect(row(c, 'outputMin').threshold).toBe('≥ 40');
    expect(texts(c, 'outputMin')).toEqual(['186.40 (+146.40)', '36.80 (-3.20) ✘']);
    expect(row(c, 'outputCagr').threshold).toBe('> 10');
    expect(texts(c, 'outputCagr')).toEqual(['24.04 (+14.04)', '6.32 (-3.68) ✘']);
    expect(texts(c, 'smeOutputShareMin')[0]).toBe('78.60 (+8.60)');
    expect(texts(c, 'leadingShareMin')[1]).toBe('70.00 (0.00) ✘'); // 高于70%: exactly 70 fails
    expect(texts(c, 'area')[0]).toBe('18.60 (+81.40)'); // a maximum: bound − value
    expect(texts(c, 'patentsPer10k')).toEqual(['38.62 (+23.62)', '11.11 (-3.89) ✘']);
    expect(texts(c, 'co2Falling')).toEqual(['是', '否 ✘']);
    expect(texts(c, 'qualitySmeCount')).toEqual(['116', '28']);
    expect(texts(c, 'errors')).toEqual(['0', '12 ✘']);
    expect(texts(c, 'warnings')).toEqual(['0', '4']);
    expect(row(c, 'planEnergyIntensityReduction').threshold).toBe('13.5%左右');
  });

  it('counts criteria met, sums normalised margins (each clipped to ±1) and ranks within the province', () => {
    const [a, b] = c.columns;
    expect(a!.criteria).toBe(17);
    expect(a!.met).toBe(17);
    expect(b!.met).toBeLessThan(17);
    expect(a!.score).toBeGreaterThan(b!.score);
    expect(normalise(14.04, { min: 10, inclusive: false })).toBe(1);
    expect(normalise(2, { min: 10, inclusive: false })).toBeCloseTo(0.2, 9);
    expect(normalise(-30, { min: 10, inclusive: false })).toBe(-1);
    // Different provinces: each ranks first in its own.
    expect(c.provinces.map((p) => [p.province, p.count, p.overQuota])).toEqual([
      ['湖北省', 1, false],
      ['河南省', 1, false],
    ]);
    expect(c.columns.map((x) => x.rank)).toEqual([1, 1]);
  });

  it('a missing figure shows — and fails its criterion', () => {
    const d = clone();
    setAt(d, '/basic/area', undefined);
    setAt(d, '/innovation/inventionPatents/count', undefined);
    const m = compare([input('a.yaml', d)], profile(), 'zh');
    expect(texts(m, 'area')).toEqual(['—']);
    expect(texts(m, 'patentsPer10k')).toEqual(['—']);
    expect(m.columns[0]!.met).toBe(15);
  });

  it('ranks fewer errors first, then more criteria met, then the larger margin sum', () => {
    const weaker = clone();
    setAt(weaker, '/industry/output/2023', 200); // lower growth, still over 10%
    const inputs = [input('weak.yaml', weaker), input('strong.yaml', clone()), input('err.yaml', clone(), 1)];
    const m = compare(inputs, profile(), 'zh');
    const order = m.provinces[0]!.ranking.map((i) => m.columns[i]!.file);
    expect(order).toEqual(['strong.yaml', 'weak.yaml', 'err.yaml']);
  });

  it('text: aligned columns with the cluster names wrapped in the header, files, quota, the rank hint and its explanation', () => {
    const t = formatCompareText(c, 'zh');
    const lines = t.split('\n');
    const rule = lines.find((l) => l.startsWith('───'))!;
    const cagr = lines.find((l) => l.startsWith('集群总产值近三年年均增速（%）'))!;
    // The bound column starts at the same display offset on every row (CJK characters count two).
    const offsets = ['集群总产值近三年年均增速（%）', '每万人有效发明专利拥有量（件/万人）', '集群占地面积（平方公里）'].map((label) => {
      const l = lines.find((x) => x.startsWith(label))!;
      return width(l.slice(0, l.search(/[≥>≤]/)));
    });
    expect(new Set(offsets).size).toBe(1);
    expect(offsets[0]).toBe(width(rule.split('  ')[0]!) + 2);
    expect(cagr).toContain('> 10');
    expect(cagr).toContain('24.04 (+14.04)');
    expect(t).toContain('[1] a.yaml');
    expect(t).toContain('湖北省 1 个（每省最多推荐 8 个）');
    expect(t).toContain('省内排序提示：先比较校验错误数');
    expect(t).toContain('归一化余量 = 余量 ÷ 标准值');
    expect(rule.split('  ').length).toBe(4); // label, bound, two filings
    // The names appear in the header, wrapped to the column: column k's pieces are each line's k-th token.
    const head = lines.slice(2, lines.indexOf(rule)).map((l) => l.split(/\s+/).filter((x) => x && x !== '指标' && x !== '标准'));
    expect(head[0]).toEqual(['[1]', '[2]']);
    expect(head.slice(1).map((t) => t[0]).join('')).toBe('湖北省荆门市掇刀区新能源动力电池产业集群');
    expect(head.slice(1).map((t) => t[1]).join('')).toBe('河南省周口市西华县休闲食品产业集群');
  });

  it('CSV: BOM, CRLF, RFC 4180 quoting; one column per filing', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    const csv = formatCompareCsv(c, 'zh');
    expect(csv.startsWith('\uFEFF指标,标准,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['指标', '标准', '湖北省荆门市掇刀区新能源动力电池产业集群', '河南省周口市西华县休闲食品产业集群']);
    expect(rows.find((r) => r[0] === '集群总产值近三年年均增速（%）')).toEqual(['集群总产值近三年年均增速（%）', '> 10', '24.04 (+14.04)', '6.32 (-3.68) ✘']);
    expect(rows.find((r) => r[0] === '申报文件')).toEqual(['申报文件', '', 'a.yaml', 'b.yaml']);
    expect(rows.find((r) => r[0] === '达标项数')![2]).toBe('17/17');
  });

  it('CSV cells: control characters escaped, formulas defused, plain numbers left as numbers (the shared csvField)', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+1+cmd')).toBe("'+1+cmd");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('-3.68')).toBe('-3.68');
    expect(csvField('+14.04')).toBe('+14.04');
    expect(csvField('a\u001b[2Jb\rc\u202ed')).toBe('a\\u001b[2Jb\\u000dc\\u202ed');
    expect(csvField(null)).toBe('');
    const d = clone();
    setAt(d, '/cover/clusterName', '=cmd|\' /C calc\'!A0\u001b[31m集群');
    const csv = formatCompareCsv(compare([input('x\u0007.yaml', d)], profile(), 'zh'), 'zh');
    expect(csv).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]![2]).toBe("'=cmd|' /C calc'!A0\\u001b[31m集群");
    expect(rows.find((r) => r[0] === '申报文件')![2]).toBe('x\\u0007.yaml');
  });
});

describe('cluster compare (CLI)', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cluster-compare-test-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('text of the examples: margins, ✘ marks, ranking, exit 0', () => {
    const r = cli(['compare', BASE_REL, FAILING_REL, 'examples/boundary/output-growth-10/cluster.yaml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2024年度国家级中小企业特色产业集群：申报比较（3 个申报，配置 national-2024）');
    expect(r.stdout).toMatch(/集群总产值近三年年均增速（%）\s+> 10\s+24\.04 \(\+14\.04\)\s+10\.00 \(0\.00\) ✘\s+6\.32 \(-3\.68\) ✘/);
    expect(r.stdout).toContain('湖北省 2 个（每省最多推荐 8 个）');
    expect(r.stdout).toContain('河南省 1 个（每省最多推荐 8 个）');
    expect(r.stdout).toMatch(/1\. \[1\] 湖北省荆门市掇刀区新能源动力电池产业集群（错误 0，达标 17\/17/);
  });

  it('quotas as the notices state them: 8 per province; 计划单列市 and 兵团 2 each, counted apart from their province', () => {
    const filing = (province: string, city: string | null) => {
      const d = clone();
      setAt(d, '/cover/region/province', province);
      setAt(d, '/cover/region/city', city);
      return d;
    };
    const gd = Array.from({ length: 8 }, (_, i) => input(`gd${i}.yaml`, filing('广东省', '佛山市')));
    const sz = (n: number) => Array.from({ length: n }, (_, i) => input(`sz${i}.yaml`, filing('广东省', '深圳市')));
    const ok = compare([...gd, ...sz(2)], profile(), 'zh');
    expect(ok.provinces.map((g) => [g.province, g.count, g.quota, g.overQuota])).toEqual([
      ['广东省', 8, 8, false],
      ['深圳市', 2, 2, false],
    ]);
    const over = compare([...gd, ...sz(3)], profile(), 'zh');
    const shenzhen = over.provinces.find((g) => g.province === '深圳市')!;
    expect(shenzhen.overQuota).toBe(true);
    expect(over.provinces.find((g) => g.province === '广东省')!.overQuota).toBe(false);
    const text = formatCompareText(over, 'zh');
    expect(text).toContain('深圳市 3 个，超过计划单列市、新疆生产建设兵团各最多推荐 2 个的名额');
    expect(text).toContain('广东省 8 个（每省最多推荐 8 个）');
    expect(text).toContain('西部地区可适当放宽');
    const bt = compare([input('x.yaml', filing('新疆生产建设兵团', '第八师')), input('y.yaml', filing('新疆维吾尔自治区', '乌鲁木齐市'))], profile(), 'zh');
    expect(bt.provinces.map((g) => [g.province, g.quota])).toEqual([
      ['新疆生产建设兵团', 2],
      ['新疆维吾尔自治区', 8],
    ]);
  });

  it('nine filings of one province: the quota note; CSV and PDF outputs', async () => {
    const files: string[] = [];
    const text = readFileSync(join(ROOT, BASE_REL), 'utf8');
    for (let i = 1; i <= 9; i++) {
      const d = join(tmp, `f${i}`);
      mkdirSync(d, { recursive: true });
      const f = join(d, 'cluster.yaml');
      writeFileSync(f, text.replace(/^ {2}clusterName: .*$/m, `  clusterName: 湖北省荆门市掇刀区第${i}号产业集群`));
      files.push(f);
    }
    const r = cli(['compare', tmp]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('湖北省 9 个，超过每省最多推荐 8 个的名额');
    expect(r.stdout).toMatch(/9\. \[9\] 湖北省荆门市掇刀区第9号产业集群.* 超出名额/);

    const csvOut = join(tmp, 'c.csv');
    expect(cli(['compare', tmp, '--format', 'csv', '-o', csvOut]).code).toBe(0);
    const csv = readFileSync(csvOut, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(parseCsv(csv.slice(1))[0]).toHaveLength(11);
    expect(csv).toContain('湖北省 9 个，超过每省最多推荐 8 个的名额');

    // Through the CLI: a hostile cluster name reaches the CSV escaped and defused (stdout, no -o).
    const hostile = mkdtempSync(join(tmpdir(), 'cluster-compare-hostile-'));
    writeFileSync(join(hostile, 'cluster.yaml'), text.replace(/^ {2}clusterName: .*$/m, '  clusterName: "=1+2\\e]8;;http://x\\a集群"'));
    const h = cli(['compare', join(hostile, 'cluster.yaml'), '--format', 'csv']);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).not.toMatch(/[\u0007\u001b]/);
    expect(parseCsv(h.stdout.slice(1))[0]![2]).toBe("'=1+2\\u001b]8;;http://x\\u0007集群");
    rmSync(hostile, { recursive: true, force: true });

    const pdfOut = join(tmp, 'c.pdf');
    const p = cli(['compare', tmp, FAILING_REL, '--format', 'pdf', '-o', pdfOut]);
    expect(p.code, p.stderr).toBe(0);
    const pdf = await extractPdfText(readFileSync(pdfOut));
    for (const s of pdf.pageSizes) expect(s.width).toBeGreaterThan(s.height);
    const all = squash(pdf.pages.join(''));
    for (let i = 1; i <= 9; i++) expect(all).toContain(`湖北省荆门市掇刀区第${i}号产业集群`);
    expect(all).toContain('河南省周口市西华县休闲食品产业集群');
    expect(all).toContain('24.04(+14.04)');
    expect(all).toContain('湖北省9个，超过每省最多推荐8个的名额');
  });

  it('pdf needs -o; an unreadable filing is exit 2 naming it', () => {
    expect(cli(['compare', BASE_REL, '--format', 'pdf']).code).toBe(2);
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'a: [\n');
    const r = cli(['compare', BASE_REL, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
  });
});

describe('compare and summary PDFs mark what an office must notice (issue #15)', () => {
  it('plan thresholds print as the form words them ("45%左右"), not as "≥ 45"', () => {
    const c = compare([input('a.yaml', clone())], profile(), 'zh');
    const th = (id: string) => c.rows.find((r) => r.id === id)?.threshold;
    expect(th('planIndustrialInternetRate')).toBe('45%左右');
    expect(th('planCo2Reduction')).toBe('18%左右');
    expect(th('planEnergyIntensityReduction')).toBe('13.5%左右');
    expect(th('planRdCagr')).toMatch(/^≥/);
  });

  it('same-name filings get distinguishable headings; a failing one is marked', async () => {
    const { columnHeading } = await import('../src/compare/pdf.js');
    const c = compare([input('a/cluster.yaml', clone()), input('b/cluster.yaml', clone(), 3)], profile(), 'zh');
    const h = [0, 1].map((i) => columnHeading(c, i, 'zh'));
    expect(h[0]!.text).not.toBe(h[1]!.text);
    expect(h[0]!.text).toContain('a/cluster.yaml');
    expect(h[1]!.text).toContain('b/cluster.yaml');
    expect(h[0]!.text).toContain('与 [2] 同名');
    expect(h[1]!.text).toContain('未通过校验（错误 3 个）');
    expect(h.every((x) => x.marked)).toBe(true);
    // Many same-named filings: a few twins by number, then a count (naming 99 made a heading taller
    // than the page, and the PDF ran out of memory).
    const many = compare(Array.from({ length: 12 }, (_, i) => input(`${i}/cluster.yaml`, clone())), profile(), 'zh');
    const first = columnHeading(many, 0, 'zh').text;
    expect(first).toContain('与 [2]、[3]、[4] 等 11 个申报 同名');
    expect(first).not.toContain('[12]');
    expect(columnHeading(many, 0, 'en').text).toContain('same name as [2], [3], [4] and 8 more');
    const alone = compare([input('a.yaml', clone())], profile(), 'zh');
    expect(columnHeading(alone, 0, 'zh')).toEqual({ text: `[1] ${alone.columns[0]!.name}`, marked: false });
  });

  it('the summary marks a failing row (草稿) and a duplicated one (重复) in the table, with a note', async () => {
    const { rowMarks, markNotes } = await import('../src/summary/pdf.js');
    const entry = (name: string, errors: number) => ({ file: `${name}.yaml`, row: { clusterName: name } as never, region: { province: '', city: '', county: '' }, errors, warnings: 0 });
    const table = { title: 't', annex: '附件1', headerLines: ['', ''] as [string, string], columns: [], rows: [], entries: [entry('甲集群', 0), entry('乙集群', 2), entry('甲集群', 0)] };
    expect(rowMarks(table)).toEqual([['重复'], ['草稿'], ['重复']]);
    const notes = markNotes(table).join('\n');
    expect(notes).toContain('序号2（2个错误）');
    expect(notes).toContain('序号1、3');
    // The PDF itself carries the marks.
    const out = mkdtempSync(join(tmpdir(), 'cluster-sum-'));
    const r = cli(['summary', BASE_REL, FAILING_REL, '-o', join(out, 's.pdf')]);
    expect(r.code).not.toBe(2);
    const text = squash((await extractPdfText(readFileSync(join(out, 's.pdf')))).pages.join(''));
    expect(text).toContain('草稿');
    expect(text).toContain('标“草稿”的集群校验未通过');
  });
});
