/**
 * The Word face: 附件2 and the 附件1 row as .docx, and the city's 汇总表 — unzipped with the project's zip
 * reader and checked as XML: a valid OOXML package, every label of the seed's form in order, every value
 * of the example, ticks, merged cells, repeating header rows, rows that do not split, page breaks,
 * orientation, named (not embedded) fonts with East Asian attributes, and identical bytes on every run.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sectionById } from '../src/catalogue/index.js';
import { documentDate } from '../src/dates.js';
import { renderDocx, summaryTableDocx, type RenderedDocx } from '../src/docx/index.js';
import { FORM1_COLUMNS, FORM1_HEADER_LINES, MINISTRY, TARGET_COLUMNS, form1Title, planRemarks } from '../src/render/fixed.js';
import { summaryRow } from '../src/render/summary-row.js';
import { baseYearNoteText } from '../src/render/cells.js';
import { computeMetrics } from '../src/metrics/index.js';
import { loadProfile } from '../src/profile.js';
import { buildSummaryTable, entryOf } from '../src/summary/model.js';
import { FilingView } from '../src/validate/view.js';
import { ROOT, cli } from './helpers/cli.js';
import { type Data, clone, example, profile, setAt } from './helpers/filing.js';
import { expectedForm2Labels, expectedForm2Values, firstOutOfOrder } from './helpers/form2-expected.js';
import { checkPackage, unzipDocx, wordTables, wordText, type Unzipped, type WTable } from './helpers/ooxml.js';
import { squash } from './helpers/pdf-text.js';
import { parseXml } from './helpers/xml.js';

async function render(data: Data, titleFont?: 'fzxbs' | 'song'): Promise<RenderedDocx[]> {
  return renderDocx({ data, profile: profile(), date: documentDate(data, profile(), {}), ...(titleFont ? { titleFont } : {}) });
}

/** The document's text without whitespace. */
const flat = (u: Unzipped) => squash(wordText(u.parts.get('word/document.xml')!));

/** Every row fills the table's grid; every vertical continuation sits under a restart (or another continuation) of the same span. */
function gridProblems(t: WTable): string[] {
  const out: string[] = [];
  let above: Array<{ span: number; vMerge?: string } | undefined> = [];
  t.rows.forEach((r, ri) => {
    const at: Array<{ span: number; vMerge?: string } | undefined> = [];
    let col = 0;
    for (const c of r.cells) {
      if (c.vMerge === 'continue') {
        const a = above[col];
        if (!a || !a.vMerge || a.span !== c.gridSpan) out.push(`row ${ri + 1} col ${col + 1}: vMerge continue without a merge above`);
      }
      at[col] = { span: c.gridSpan, ...(c.vMerge ? { vMerge: c.vMerge } : {}) };
      col += c.gridSpan;
    }
    if (col !== t.grid.length) out.push(`row ${ri + 1}: ${col} grid columns of ${t.grid.length}`);
    above = at;
  });
  return out;
}

describe('render --docx: the passing example', () => {
  let data: Data;
  let docs: RenderedDocx[];
  let form2: Unzipped;
  let form1: Unzipped;
  let tables: WTable[];

  beforeAll(async () => {
    data = clone();
    docs = await render(data);
    [form2, form1] = await Promise.all(docs.map((d) => unzipDocx(d.data)));
    tables = wordTables(form2.parts.get('word/document.xml')!);
  });

  it('returns 附件2 and 附件1 with their file names and titles', () => {
    expect(docs.map((d) => d.name)).toEqual(['附件2 中小企业特色产业集群申报表.docx', '附件1 2024年度中小企业特色产业集群推荐汇总表.docx']);
    expect(docs.map((d) => d.title)).toEqual(['中小企业特色产业集群申报表', '2024年度中小企业特色产业集群推荐汇总表']);
  });

  it('both are valid OOXML packages: well-formed parts, content types, relationships', () => {
    for (const u of [form2, form1]) {
      expect(checkPackage(u.parts)).toEqual([]);
      expect(u.entries[0]!.name).toBe('[Content_Types].xml');
      expect([...u.parts.keys()].filter((n) => /font/i.test(n))).toEqual(['word/fontTable.xml']); // no embedded font parts
    }
    // The check has teeth: a dangling relationship, an untyped part and a broken part are reported.
    const broken = new Map(form2.parts);
    broken.set('word/_rels/document.xml.rels', broken.get('word/_rels/document.xml.rels')!.replace('footer2.xml', 'footer9.xml'));
    broken.set('word/extra.bin', 'x');
    broken.set('word/styles.xml', broken.get('word/styles.xml')!.replace('</w:styles>', '</w:style>'));
    broken.set('word/settings.xml', broken.get('word/settings.xml')!.replace('<w:zoom', '\u0001<w:zoom'));
    const problems = checkPackage(broken).join('\n');
    expect(problems).toMatch(/footer9\.xml/);
    expect(problems).toMatch(/extra\.bin: no content type/);
    expect(problems).toMatch(/styles\.xml: XML not well-formed/);
    expect(problems).toMatch(/settings\.xml: character not allowed in XML/);
  });

  it('附件2 has every label of the seed’s form, in the seed’s order', () => {
    // 工业和信息化部 制 sits in the cover's footer (at the foot of the page), not in the body.
    const labels = expectedForm2Labels().filter((l) => l !== MINISTRY);
    expect(labels.length).toBeGreaterThan(250);
    expect(firstOutOfOrder(flat(form2), labels)).toBeUndefined();
    expect(wordText(form2.parts.get('word/footer1.xml')!)).toContain(MINISTRY);
    const i = labels.indexOf('集群企业数量');
    const swapped = [...labels];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    expect(firstOutOfOrder(flat(form2), swapped)).toBeDefined();
  });

  it('附件2 shows every value of the example', () => {
    const text = flat(form2);
    expect(expectedForm2Values(data).filter((v) => !text.includes(squash(v)))).toEqual([]);
    expect(text).toContain('18.60');
    expect(text).toContain('186500.00');
    expect(text).toContain('数量：3个名称：荆门市新能源电池产业联盟、荆门市锂电池行业协会、掇刀区新能源电池产业链上下游企业协作联盟');
    expect(text).toContain('96个(需提供清单及佐证材料)');
    expect(text).toContain('湖北省(区、市)荆门市(区)掇刀县(市、区)');
  });

  it('the 注 on the growth basis under 二, 三 and the targets table, as on the PDF', () => {
    const view = new FilingView(data);
    const ctx = { view, profile: profile(), metrics: computeMetrics(view, profile()) };
    const notes = [
      baseYearNoteText(ctx, [
        ['outputCagr', '/industry/output', '集群总产值', '亿元'],
        ['leadingIndustryOutputCagr', '/industry/leadingShare', '集群主导产业产值占比', '%'],
      ]),
      baseYearNoteText(ctx, [
        ['rdSpendingCagr', '/innovation/rdSpending', '集群中小企业研发经费总额', '亿元'],
        ['inventionPatentCagr', '/innovation/inventionPatentsByYear', '有效发明专利拥有量', '件'],
      ]),
      baseYearNoteText(ctx, [['outputCagr', '/industry/output', '集群总产值', '亿元']]),
    ];
    for (const n of notes) expect(n).toMatch(/^注：/);
    expect(firstOutOfOrder(flat(form2), ['二、主导产业情况', notes[0]!, '三、创新能力情况', notes[1]!, '1. 三年总体目标', notes[2]!, '(备注：'])).toBeUndefined();
  });

  it('ticks with √ and open boxes with □, where the filing ticks them, in runs that ask for the CJK face', () => {
    const text = flat(form2);
    expect(text).toContain('□第一产业√第二产业□第三产业');
    expect(text).toContain('√绘制产业链图谱，开展产业链培育');
    expect(text).toContain('□与先进制造业集群、国家新型工业化产业示范基地建立稳定合作配套关系');
    expect(text).toContain('√是□否□不适用');
    expect(text).toContain('□是□否√非高耗能行业，不适用');
    // Unticking an item in the filing unticks it in the document.
    const xml = form2.parts.get('word/document.xml')!;
    const runs = xml.match(/<w:r>(?:(?!<\/w:r>).)*[√□](?:(?!<\/w:r>).)*<\/w:r>/g)!;
    expect(runs.length).toBeGreaterThan(40);
    for (const r of runs) expect(r).toContain('w:hint="eastAsia"');
  });

  it('unticking a checklist item in the filing shows an open box', async () => {
    const d = clone();
    setAt(d, '/industry/chainWork/chainMap/checked', false);
    const [f2] = await render(d);
    expect(flat(await unzipDocx(f2!.data))).toContain('□绘制产业链图谱，开展产业链培育');
  });

  it('real tables: every row fills the grid, merged cells where the form merges them', () => {
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const t of tables) expect(gridProblems(t)).toEqual([]);
    // 三年总体目标: 方向 spans the rows of its direction.
    const targets = tables.find((t) => t.rows[0]!.cells.map((c) => c.text).join('|') === TARGET_COLUMNS(profile()).join('|'))!;
    expect(targets).toBeDefined();
    expect(targets.rows[0]!.header).toBe(true);
    const dirs = targets.rows.map((r) => r.cells[0]!);
    expect(dirs[1]).toMatchObject({ text: '主导产业', vMerge: 'restart' });
    expect(dirs[2]).toMatchObject({ text: '', vMerge: 'continue' });
    expect(targets.rows.map((r) => r.cells.find((c) => c.vMerge !== 'continue')?.text).filter(Boolean)).toEqual(
      expect.arrayContaining(['主导产业', '创新', '数字化', '绿色化', '开放合作', '治理和服务', '其它']),
    );
    // 标准 table: the label spans five rows, each year spans three columns.
    const inn = tables.find((t) => t.rows.some((r) => r.cells.some((c) => c.text.startsWith('近三年集群中小企业主持'))))!;
    expect(inn.grid).toHaveLength(10);
    expect(inn.rows[0]!.cells.map((c) => [c.text, c.gridSpan])).toEqual([['年度', 1], ['2021年', 3], ['2022年', 3], ['2023年', 3]]);
    const stdRow = inn.rows.findIndex((r) => r.cells[0]!.text.startsWith('近三年集群中小企业主持'));
    expect(inn.rows[stdRow]!.cells[0]!.vMerge).toBe('restart');
    for (let k = 1; k <= 4; k++) expect(inn.rows[stdRow + k]!.cells[0]!.vMerge).toBe('continue');
    expect(inn.rows[stdRow + 1]!.cells.map((c) => c.text)).toEqual(['', '国际', '0', '0', '国际', '0', '0', '国际', '0', '0']);
  });

  it('header rows repeat, no row splits across pages', () => {
    const yearTables = tables.filter((t) => t.rows[0]!.cells[0]!.text === '年度');
    expect(yearTables.length).toBe(2);
    for (const t of yearTables) expect(t.rows[0]!.header).toBe(true);
    // 三's platform and patent rows have no year columns: a table of their own on the same grid, no header.
    const platforms = tables.find((t) => t.rows[0]!.cells[0]!.text.startsWith('创新平台建设情况'))!;
    expect(platforms.grid).toEqual(tables.find((t) => t.rows.some((r) => r.cells[0]!.text.startsWith('近三年集群中小企业主持')))!.grid);
    expect(platforms.rows.some((r) => r.header)).toBe(false);
    for (const t of tables) for (const r of t.rows) expect(r.cantSplit).toBe(true);
  });

  it('sections 一 to 九 each start a new page; A4 portrait; numbered from 填报说明 in the footer', () => {
    const xml = form2.parts.get('word/document.xml')!;
    const root = parseXml(xml);
    const paras: string[] = [];
    const visit = (e: ReturnType<typeof parseXml>) => {
      if (e.name === 'w:p') {
        let t = '';
        const walkT = (x: typeof e) => (x.name === 'w:t' ? (t += x.text) : x.children.forEach(walkT));
        walkT(e);
        const pb = e.children.find((c) => c.name === 'w:pPr')?.children.some((c) => c.name === 'w:pageBreakBefore');
        paras.push(`${pb ? '[PB]' : ''}${t}`);
      } else e.children.forEach(visit);
    };
    visit(root);
    for (const id of ['basic', 'industry', 'innovation', 'digital', 'green', 'openness', 'governance', 'plan', 'declaration'] as const) {
      expect(paras).toContain(`[PB]${sectionById(id).section.title}`);
    }
    const sects = xml.match(/<w:sectPr>.*?<\/w:sectPr>/g)!;
    expect(sects).toHaveLength(2);
    for (const s of sects) expect(s).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(sects[0]).toContain('r:id="rIdFooter1"');
    expect(sects[1]).toContain('r:id="rIdFooter2"');
    expect(sects[1]).toContain('<w:pgNumType w:start="1"/>');
    expect(form2.parts.get('word/footer2.xml')).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
  });

  it('Chinese government typography: named fonts with East Asian attributes, 号 sizes', () => {
    const styles = form2.parts.get('word/styles.xml')!;
    const fontOf = (id: string) => styles.match(new RegExp(`w:styleId="${id}".*?w:eastAsia="([^"]+)".*?<w:sz w:val="(\\d+)"/>`))!.slice(1);
    expect(fontOf('FormTitle')).toEqual(['方正小标宋简体', '44']); // 二号
    expect(fontOf('SectionHeading')).toEqual(['黑体', '32']); // 三号
    expect(fontOf('Body')).toEqual(['仿宋_GB2312', '24']); // 小四
    expect(fontOf('TableText')).toEqual(['宋体', '21']); // 五号
    expect(styles).toContain('w:eastAsia="zh-CN"');
    const fonts = form2.parts.get('word/fontTable.xml')!;
    for (const f of ['方正小标宋简体', '黑体', '仿宋_GB2312', '宋体']) expect(fonts).toContain(`w:name="${f}"`);
    expect(fonts).toMatch(/w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
    expect(fonts).not.toContain('embed');
    expect(form2.parts.get('word/settings.xml')).not.toContain('embedTrueTypeFonts');
  });

  it('--title-font song: the title in 宋体 bold', async () => {
    const [f2] = await render(clone(), 'song');
    const styles = (await unzipDocx(f2!.data)).parts.get('word/styles.xml')!;
    expect(styles).toMatch(/w:styleId="FormTitle".*?w:eastAsia="宋体"[^>]*\/><w:b\/>/);
  });

  it('附件1: landscape, the seed’s columns, this cluster’s row, header row repeated', () => {
    expect(checkPackage(form1.parts)).toEqual([]);
    const xml = form1.parts.get('word/document.xml')!;
    expect(xml).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    const text = flat(form1);
    const row = summaryRow(new FilingView(data), profile(), computeMetrics(new FilingView(data), profile()));
    expect(firstOutOfOrder(text, ['附件1', form1Title(profile()), ...FORM1_HEADER_LINES, ...FORM1_COLUMNS, '1', row.clusterName, row.operator, row.place, row.leadingIndustry, row.founded, row.intro])).toBeUndefined();
    const [t] = wordTables(xml);
    expect(t!.rows[0]!.header).toBe(true);
    expect(t!.rows).toHaveLength(2);
    expect(form1.parts.get('word/footer1.xml')).toContain(' NUMPAGES ');
  });

  it('the same input gives the same bytes; zip times are the document date', async () => {
    const again = await render(clone());
    expect(again.map((d) => Buffer.from(d.data).equals(docs[docs.indexOf(docs.find((x) => x.name === d.name)!)]!.data))).toEqual([true, true]);
    const date = documentDate(data, profile(), {});
    for (const e of form2.entries) expect(e.lastModified.getTime()).toBe(date.getTime());
    expect(form2.parts.get('docProps/core.xml')).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${date.toISOString().replace('.000', '')}</dcterms:created>`);
    // Nothing random or time-dependent: no rsids, no GUIDs.
    expect(form2.parts.get('word/document.xml')).not.toMatch(/w:rsid|\{[0-9A-F-]{36}\}/);
  });

  it('a narrative too long for one page lets its row break (between lines); other rows stay whole', async () => {
    const d = clone();
    setAt(d, '/industry/chainText', '集群产业链强链补链。'.repeat(200));
    const [f2] = await render(d);
    const t = wordTables((await unzipDocx(f2!.data)).parts.get('word/document.xml')!);
    const rows = t.flatMap((x) => x.rows);
    const long = rows.filter((r) => !r.cantSplit);
    expect(long).toHaveLength(1);
    expect(long[0]!.cells[0]!.text).toContain('集群产业链强链补链情况');
  });

  it('"无" for empty optional fields, as on the PDF', async () => {
    const d = clone();
    setAt(d, '/innovation/platforms/other/names', []);
    const [f2] = await render(d);
    expect(flat(await unzipDocx(f2!.data))).toContain('其他平台名称及数量数量：3个名称：无');
  });

  it('text that is not valid in XML is dropped, not written into a broken part', async () => {
    const d = clone();
    setAt(d, '/industry/chainText', 'A\u0001B<&>"');
    const [f2] = await render(d);
    const u = await unzipDocx(f2!.data);
    expect(checkPackage(u.parts)).toEqual([]);
    expect(flat(u)).toContain('AB<&>"');
  });
});

describe('every example renders to a valid package', () => {
  it.each(['examples/jingmen-battery/cluster.yaml', 'examples/failing/cluster.yaml', 'examples/boundary/output-40/cluster.yaml'])('%s', async (rel) => {
    const data = example(rel).parsed.data as Data;
    for (const d of await render(data)) {
      const u = await unzipDocx(d.data);
      expect(checkPackage(u.parts), d.name).toEqual([]);
      for (const t of wordTables(u.parts.get('word/document.xml')!)) expect(gridProblems(t)).toEqual([]);
    }
  });

  it('a filing with errors: every page of both documents carries the draft line; a clean one has none', async () => {
    const docs = await renderDocx({ data: example('examples/failing/cluster.yaml').parsed.data as Data, profile: profile(), date: new Date('2024-06-11T16:00:00Z'), errors: 12 });
    for (const d of docs) {
      const u = await unzipDocx(d.data);
      expect(checkPackage(u.parts)).toEqual([]);
      expect(wordText(u.parts.get('word/header1.xml')!)).toContain('草稿 — 校验未通过：校验发现 12 个错误，修改前不得盖章报送');
      const sects = u.parts.get('word/document.xml')!.match(/<w:sectPr>.*?<\/w:sectPr>/g)!;
      for (const s of sects) expect(s).toContain('<w:headerReference w:type="default" r:id="rIdHeader1"/>');
    }
    const clean = await unzipDocx((await render(clone()))[0]!.data);
    expect(clean.parts.has('word/header1.xml')).toBe(false);
    expect(clean.parts.get('word/document.xml')).not.toContain('headerReference');
  });

  it('the annex numbers are the profile’s (the national notices number the 申报表 附件1)', async () => {
    const p = loadProfile('national-2025');
    const docs = await renderDocx({ data: {}, profile: p, date: new Date('2025-06-11T16:00:00Z') });
    expect(docs.map((d) => d.name)).toEqual(['附件1 中小企业特色产业集群申报表.docx', `附件2 ${form1Title(p)}.docx`]);
    const [f2, f1] = await Promise.all(docs.map((d) => unzipDocx(d.data)));
    expect(flat(f2!).startsWith('附件1中小企业特色产业集群申报表')).toBe(true);
    expect(flat(f1!).startsWith(`附件2${form1Title(p)}`)).toBe(true);
  });

  it('an empty filing still gives every label and a valid package (blanks to fill in by hand)', async () => {
    const [f2] = await render({});
    const u = await unzipDocx(f2!.data);
    expect(checkPackage(u.parts)).toEqual([]);
    expect(firstOutOfOrder(flat(u), expectedForm2Labels().filter((l) => l !== MINISTRY))).toBeUndefined();
  });
});

describe('any text the filing holds gives a well-formed package', () => {
  it('names, narratives and list entries of arbitrary Unicode (controls, lone surrogates, markup)', async () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", '\u0000', '\u0008', '\u000B', '\uFFFE', '\uD800', '\uDFFF', '\t', '\n', '□', '√', '𠀀'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(text, text, fc.array(text, { maxLength: 3 }), async (name, narrative, names) => {
        const d = clone();
        setAt(d, '/cover/clusterName', name);
        setAt(d, '/industry/chainText', narrative);
        setAt(d, '/governance/alliances/names', names);
        for (const doc of await render(d)) {
          const u = await unzipDocx(doc.data);
          expect(checkPackage(u.parts)).toEqual([]);
        }
      }),
      { numRuns: 25, seed: 16 },
    );
  }, 120_000);
});

describe('summary -o 汇总表.docx', () => {
  it('one row per filing, in the order given, landscape, valid package', async () => {
    const p = profile();
    const files = ['examples/jingmen-battery/cluster.yaml', 'examples/failing/cluster.yaml'];
    const entries = files.map((f) => {
      const view = new FilingView(example(f).parsed.data as Data);
      return entryOf(f, view, p, computeMetrics(view, p), { errors: 0, warnings: 0 });
    });
    const table = buildSummaryTable(entries, p, { city: '荆门市经济和信息化局', contact: '王芳 13800000000' });
    const u = await unzipDocx(await summaryTableDocx(table, new Date('2024-06-11T16:00:00Z')));
    expect(checkPackage(u.parts)).toEqual([]);
    const [t] = wordTables(u.parts.get('word/document.xml')!);
    expect(t!.rows).toHaveLength(3);
    expect(t!.rows.slice(1).map((r) => r.cells.map((c) => c.text))).toEqual(table.rows);
    expect(flat(u)).toContain(squash('市州经信部门：荆门市经济和信息化局（盖章）'));
  });

  it('the CLI writes the .docx (and refuses other extensions by name)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-sum-docx-'));
    const out = join(dir, '汇总表.docx');
    const r = cli(['summary', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const bad = cli(['summary', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), '-o', join(dir, 'x.doc')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.docx');
  });
});

describe('cluster render --docx', () => {
  it('--docx writes the two Word documents only; PDF stays the default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-render-docx-'));
    const r = cli(['render', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), '--docx', '-o', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['附件1 2024年度中小企业特色产业集群推荐汇总表.docx', '附件2 中小企业特色产业集群申报表.docx']);
    expect(r.stdout).toContain('附件2 中小企业特色产业集群申报表.docx');
  });

  it('the same bytes whatever the time zone of the machine', () => {
    const a = mkdtempSync(join(tmpdir(), 'cluster-docx-tz-a-'));
    const b = mkdtempSync(join(tmpdir(), 'cluster-docx-tz-b-'));
    const file = join(ROOT, 'examples/jingmen-battery/cluster.yaml');
    expect(cli(['render', file, '--docx', '-o', a], { env: { TZ: 'UTC' } }).code).toBe(0);
    expect(cli(['render', file, '--docx', '-o', b], { env: { TZ: 'America/Los_Angeles' } }).code).toBe(0);
    for (const n of readdirSync(a)) expect(readFileSync(join(a, n)).equals(readFileSync(join(b, n))), n).toBe(true);
  });

  it('--pdf --docx writes both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-render-both-'));
    const r = cli(['render', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), '--pdf', '--docx', '-o', dir]);
    expect(r.code).toBe(0);
    const names = readdirSync(dir).sort();
    expect(names.filter((n) => n.endsWith('.docx'))).toHaveLength(2);
    expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(3);
  }, 60_000);

  it('remarks a–g of the plan are in the document', async () => {
    const [f2] = await render(clone());
    const text = flat(await unzipDocx(f2!.data));
    const r = planRemarks(profile());
    expect(firstOutOfOrder(text, [r.head, ...r.items])).toBeUndefined();
  });
});
