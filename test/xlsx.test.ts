import { profileForFiling } from '../src/review/kind.js';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { loadProfile } from '../src/profile.js';
import type { TemplateOptions } from '../src/xlsx/template.js';
import { templateBytes } from '../src/xlsx/node.js';
import { readWorkbook } from '../src/xlsx/import.js';
import { COL, GUIDE_SHEET, layoutYears, workbookLayout, colLetter } from '../src/xlsx/layout.js';
import { completeFiling } from '../src/catalogue/empty.js';
import { openEntryStream, readZip, writeZipAtomic } from '../src/pack/zip/index.js';
import { checkPackage, pagesOf, printInfo } from './helpers/ooxml-check.js';
import { InputError } from '../src/errors.js';
import { materialize } from '../src/validate/index.js';
import { cli, ROOT } from './helpers/cli.js';

const profile = loadProfile('national-2024');
const years = layoutYears(profile);
const tmp = mkdtempSync(join(tmpdir(), 'cluster-xlsx-'));
let n = 0;

/** Sheet and cell of a value, from the layout (template rows = layout rows, 1-based). */
function where(pointer: string): { sheet: string; row: number; col: number; address: string } {
  for (const s of workbookLayout(years)) {
    const i = s.rows.findIndex((r) => r.cells.some((c) => c.pointer === pointer));
    if (i >= 0) {
      const c = s.rows[i]!.cells.find((x) => x.pointer === pointer)!;
      return { sheet: s.name, row: i + 1, col: c.col, address: `${colLetter(c.col)}${i + 1}` };
    }
  }
  throw new Error(`no cell for ${pointer}`);
}

/** The template as exceljs reads it (to edit it as a user would, then save it again). */
async function buildTemplate(opts: TemplateOptions): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await templateBytes({ ...opts, date: new Date(0) }));
  return wb;
}

function exampleData(rel: string): Record<string, unknown> {
  return parse(readFileSync(join(ROOT, rel), 'utf8'));
}

async function save(wb: ExcelJS.Workbook, dir = tmp): Promise<string> {
  const p = join(dir, `w${n++}.xlsx`);
  await wb.xlsx.writeFile(p);
  return p;
}

async function edited(edit: (wb: ExcelJS.Workbook) => void | Promise<void>, data?: Record<string, unknown>) {
  const wb = await buildTemplate({ years, profileId: profile.id, data: data ?? exampleData('examples/jingmen-battery/cluster.yaml') });
  await edit(wb);
  return readWorkbook(await save(wb));
}

function set(wb: ExcelJS.Workbook, pointer: string, value: ExcelJS.CellValue, numFmt?: string): void {
  const w = where(pointer);
  const cell = wb.getWorksheet(w.sheet)!.getCell(w.address);
  cell.value = value;
  if (numFmt) cell.numFmt = numFmt;
}

function get(data: Record<string, unknown>, pointer: string): unknown {
  return pointer
    .slice(1)
    .split('/')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
}

const examples = readdirSync(join(ROOT, 'examples'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('cluster.yaml'))
  .map((f) => join('examples', f));

describe('round trip YAML → workbook → YAML', () => {
  it.each(examples)('%s is lossless', async (rel) => {
    const data = exampleData(rel);
    // A review filing goes into its batch's review workbook.
    const p = profileForFiling(data, profile);
    const y = layoutYears(p);
    const wb = await buildTemplate({ years: y, profileId: p.id, data });
    const r = await readWorkbook(await save(wb));
    expect(r.findings.filter((f) => f.ruleId !== 'input/cell-note')).toEqual([]);
    expect(r.data).toEqual(completeFiling(data, y));
  });

  it('"无" in figures survives YAML → workbook → YAML', async () => {
    const data = exampleData('examples/jingmen-battery/cluster.yaml');
    const industry = data.industry as Record<string, unknown>;
    industry.fdi = { 2021: '无', 2022: '无', 2023: '无' };
    industry.fdiGrowth = { 2021: '无', 2022: '无', 2023: '无' };
    (data.innovation as Record<string, unknown>).pctApplications = '无';
    (data.green as Record<string, unknown>).solidWasteRate = '无';
    const wb = await buildTemplate({ years, profileId: profile.id, data });
    const r = await readWorkbook(await save(wb));
    expect(r.findings.filter((f) => f.ruleId !== 'input/cell-note')).toEqual([]);
    expect(r.data).toEqual(completeFiling(data, years));
  });

  it('cluster import writes YAML identical in meaning, with label comments, and refuses to overwrite', async () => {
    const dir = mkdtempSync(join(tmp, 'imp-'));
    const xlsx = join(dir, 'f.xlsx');
    // The filing beside the workbook: evidence paths stay as written.
    cpSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml'), join(dir, 'cluster.yaml'));
    expect(cli(['template', '--from', join(dir, 'cluster.yaml'), '-o', xlsx]).code).toBe(0);
    const out = join(dir, 'f.yaml');
    const r = cli(['import', xlsx, '-o', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# 集群总产值（亿元）');
    expect(parse(text)).toEqual(completeFiling(exampleData('examples/jingmen-battery/cluster.yaml'), years));
    const again = cli(['import', xlsx, '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(cli(['import', xlsx, '-o', out, '--force']).code).toBe(0);
  });

  it('the template is deterministic (same bytes for the same inputs)', async () => {
    const date = new Date('2024-06-10T00:00:00+08:00');
    const a = await templateBytes({ years, profileId: profile.id, data: exampleData('examples/jingmen-battery/cluster.yaml'), date });
    const b = await templateBytes({ years, profileId: profile.id, data: exampleData('examples/jingmen-battery/cluster.yaml'), date });
    expect(a.equals(b)).toBe(true);
  });
});

describe('the template', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const p = join(tmp, 'blank.xlsx');
    writeFileSync(p, await templateBytes({ years, profileId: profile.id, date: new Date(0) }));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
  });

  it('has one sheet per form section, in order, plus the guide, the exceptions sheet and the hidden meta sheet', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '填表说明', '封面', '附件1 推荐汇总表', '一、基本情况', '二、主导产业情况', '三、创新能力情况', '四、数字化升级情况',
      '五、绿色化转型情况', '六、开放合作情况', '七、治理和服务水平', '八、未来三年中小企业特色产业集群发展规划', '九、真实性声明及推荐意见', '例外说明', '_meta',
    ]);
    expect(wb.getWorksheet('_meta')!.state).toBe('hidden');
  });

  it('labels are the seed’s, year columns the profile’s, inputs unlocked and labels locked', () => {
    const ws = wb.getWorksheet('二、主导产业情况')!;
    const w = where('/industry/output/2021');
    expect(ws.getCell(w.row, COL.label).value).toBe('集群总产值（亿元）');
    const header = ws.getRow(w.row - 1);
    expect([header.getCell(COL.v1).value, header.getCell(COL.v2).value, header.getCell(COL.v3).value]).toEqual(['2021年', '2022年', '2023年']);
    expect(ws.getCell(w.address).protection?.locked).toBe(false);
    expect(ws.getCell(w.row, COL.label).protection?.locked).not.toBe(false);
    expect(ws.getCell(w.address).numFmt).toBe('0.00');
    expect(ws.getColumn(COL.key).hidden).toBe(true);
  });

  it('dropdowns for every 是/否 and checkbox item, hints where limits apply, A4 print setup', async () => {
    // Read validations back with a full load (the importer skips them for speed).
    const ws = wb.getWorksheet('二、主导产业情况')!;
    const item = where('/industry/chainWork/chainMap/checked');
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(dv[item.address]?.formulae).toEqual(['"是,否"']);
    const veto = where('/basic/prohibitedIndustry');
    const dv1 = (wb.getWorksheet(veto.sheet) as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(dv1[veto.address]?.formulae).toEqual(['"是,否"']);
    const text = where('/industry/chainText');
    expect(JSON.stringify(ws.getCell(text.address).note)).toContain('200字以内');
    expect(ws.getCell(text.row, COL.label).value).toBe('集群产业链强链补链情况');
    expect(ws.pageSetup.paperSize).toBe(9);
  });
});

describe('the template as a package (what Excel checks before it offers to repair)', () => {
  async function parts(bytes: Buffer): Promise<Map<string, Buffer>> {
    const p = join(tmp, `pkg${n++}.xlsx`);
    writeFileSync(p, bytes);
    const out = new Map<string, Buffer>();
    for (const e of await readZip(p)) {
      if (e.isDirectory) continue;
      const chunks: Buffer[] = [];
      for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
      out.set(e.name, Buffer.concat(chunks));
    }
    return out;
  }

  it('blank and filled templates pass: content types, relationships, unique ids, one VML block per part, no overlapping ranges', async () => {
    for (const data of [undefined, exampleData('examples/jingmen-battery/cluster.yaml')]) {
      const pkg = await parts(await templateBytes({ years, profileId: profile.id, data, date: new Date(0) }));
      expect(checkPackage(pkg)).toEqual([]);
      const vml = [...pkg.keys()].filter((k) => k.endsWith('.vml'));
      expect(vml.length).toBeGreaterThan(5);
      const blocks = vml.map((k) => /o:idmap[^>]*data="([^"]*)"/.exec(pkg.get(k)!.toString('utf8'))![1]);
      expect(new Set(blocks).size).toBe(vml.length);
      // Dropdowns are still there, one rule per cell.
      expect([...pkg.values()].some((b) => b.toString('utf8').includes('<formula1>&quot;是,否&quot;</formula1>'))).toBe(true);
    }
  });

  it('every sheet prints on A4, one page wide, no text under 9 pt; the header row frozen, the title repeated on paper', async () => {
    const pkg = await parts(await templateBytes({ years, profileId: profile.id, data: exampleData('examples/jingmen-battery/cluster.yaml'), date: new Date(0) }));
    const info = printInfo(pkg);
    expect(info.map((i) => i.sheet)).toContain(GUIDE_SHEET);
    for (const i of info) {
      expect(i, i.sheet).toMatchObject({ paper: '9' });
      expect(i.printedMin, `${i.sheet}: ${i.minFont} pt at ${i.scale}%`).toBeGreaterThanOrEqual(9);
    }
    const layout = workbookLayout(years);
    for (const i of info.filter((x) => layout.some((s) => s.name === x.sheet))) {
      const rows = layout.find((s) => s.name === i.sheet)!.rows;
      const years = rows.findIndex((r) => r.key === '#years:data') + 1;
      const first = rows.findIndex((r) => r.kind === 'years' || r.kind === 'targets') + 1;
      // The year header is frozen where the sheet opens with its year table; else the first header.
      if (years > 0 && years <= 4) expect(rows[i.frozenRows - 1]?.key, `${i.sheet}: the year header is frozen`).toBe('#years:data');
      else if (first > 0 && first <= 4) expect(i.frozenRows, i.sheet).toBe(first);
      expect(i.printTitles, i.sheet).toBe(`'${i.sheet}'!$1:$1`);
    }
  });

  it('on paper a column-header or group row never ends a page, a table that fits on a page is not split, the columns fit the page width', async () => {
    for (const data of [undefined, exampleData('examples/jingmen-battery/cluster.yaml')]) {
      const info = printInfo(await parts(await templateBytes({ years, profileId: profile.id, data, date: new Date(0) })));
      let broken = 0;
      for (const s of workbookLayout(years)) {
        const i = info.find((x) => x.sheet === s.name)!;
        // A fixed scale (manual breaks are ignored under fit-to-page): the columns must fit at it.
        expect(i.fit, s.name).toBe(false);
        expect((i.widthPt * i.scale) / 100, s.name).toBeLessThanOrEqual(i.printable);
        const pages = pagesOf(i, s.rows.length);
        broken += i.breaks.length;
        for (const p of pages) {
          const last = s.rows[p.last - 1]!;
          expect(['years', 'targets', 'extra', 'group'], `${s.name}: page ending at row ${p.last} (${last.label})`).not.toContain(last.kind);
          // Every page but the first starts where a manual break put it (Excel made no break of its own).
          if (p.first > 1) expect(i.breaks, `${s.name}: page from row ${p.first}`).toContain(p.first - 1);
        }
        // A table (header + its rows) that fits on one page lies on one page.
        const pageOf = (r: number) => pages.findIndex((p) => p.first <= r && r <= p.last);
        for (let h = 0; h < s.rows.length; h++) {
          if (!['years', 'targets', 'extra'].includes(s.rows[h]!.kind)) continue;
          let end = h + 1;
          while (end < s.rows.length && !['years', 'targets', 'extra'].includes(s.rows[end]!.kind)) end++;
          while (s.rows[end - 1]!.kind === 'group') end--; // a group row before a header heads the next table
          let height = 0;
          for (let r = h + 1; r <= end; r++) height += ((i.heights.get(r) ?? 15) * i.scale) / 100;
          const room = i.printableHeight - ((i.heights.get(1) ?? 15) * i.scale) / 100;
          if (height <= room * 0.9) expect(pageOf(end), `${s.name}: table at row ${h + 1}`).toBe(pageOf(h + 1));
        }
      }
      expect(broken).toBeGreaterThan(5);
    }
  });

  it('no value sits under a header that names something else; units on every row that has one; counts without decimals', async () => {
    for (const s of workbookLayout(years)) {
      let header: string | undefined;
      for (const r of s.rows) {
        if (r.kind === 'years' || r.kind === 'targets' || r.kind === 'extra') header = r.key;
        if (r.kind !== 'input') continue;
        expect(header, `${s.name}: ${r.label} has a column header above it`).toBeDefined();
        for (const c of r.cells) {
          if (c.col === COL.evidence) continue;
          const n = c.leaf.node;
          if (c.year !== undefined && !c.span) expect(header, `${s.name}: ${r.label}`).toMatch(/^#years:/);
          if (n.key === 'count' || n.key === 'names') expect(header, `${s.name}: ${r.label}`).toBe('#count');
          if (n.unit && n.unit !== '%' && (n.type === 'number' || n.type === 'integer')) expect(r.unit, `${s.name}: ${r.label}`).toBe(n.unit);
        }
      }
    }
    const wb = new ExcelJS.Workbook();
    const p = join(tmp, `fmt${n++}.xlsx`);
    writeFileSync(p, await templateBytes({ years, profileId: profile.id, date: new Date(0) }));
    await wb.xlsx.readFile(p);
    for (const ptr of ['/innovation/staff/2021', '/industry/enterprises/2021', '/plan/targets/qualitySmes/baseline']) {
      const w = where(ptr);
      expect(wb.getWorksheet(w.sheet)!.getCell(w.address).numFmt ?? 'General', ptr).not.toMatch(/\.0/);
    }
  });

  it('the check finds what exceljs alone writes (the same shape-id block in every part)', async () => {
    // The template read and saved again by exceljs.
    const wb = await buildTemplate({ years, profileId: profile.id });
    const problems = checkPackage(await parts(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(problems.some((p) => p.includes('shape-id block 1 also used'))).toBe(true);
  });

  it('the check finds overlapping data-validation ranges', () => {
    const pkg = new Map<string, Buffer>([
      ['[Content_Types].xml', Buffer.from('<Types><Default Extension="xml" ContentType="application/xml"/></Types>')],
      ['xl/worksheets/sheet1.xml', Buffer.from('<worksheet><dataValidations count="2"><dataValidation sqref="E8:G16"/><dataValidation sqref="E10:G16"/></dataValidations></worksheet>')],
    ]);
    expect(checkPackage(pkg)).toEqual(['xl/worksheets/sheet1.xml: data-validation ranges overlap: E8:G16 / E10:G16']);
  });
});

describe('tolerant, never silent reading', () => {
  it('numbers stored as text, full-width digits, thousands separators, trailing spaces', async () => {
    const r = await edited((wb) => {
      set(wb, '/industry/output/2021', '186.40 ');
      set(wb, '/industry/output/2022', '２３２．１');
      set(wb, '/industry/fdi/2023', '12,345.5');
      set(wb, '/industry/exports/2023', '１，２３４');
    });
    expect(get(r.data, '/industry/output/2021')).toBe(186.4);
    expect(get(r.data, '/industry/output/2022')).toBe(232.1);
    expect(get(r.data, '/industry/fdi/2023')).toBe(12345.5);
    expect(get(r.data, '/industry/exports/2023')).toBe(1234);
    expect(r.findings.filter((f) => f.ruleId === 'input/cell-value')).toEqual([]);
  });

  it('units typed into the cell; another magnitude is converted with a note at the cell', async () => {
    const r = await edited((wb) => {
      set(wb, '/industry/output/2021', '186.4亿元');
      set(wb, '/industry/output/2022', '2321000万元');
      set(wb, '/industry/smeOutputShare/2021', '81.5%');
    });
    expect(get(r.data, '/industry/output/2021')).toBe(186.4);
    expect(get(r.data, '/industry/output/2022')).toBe(232.1);
    expect(get(r.data, '/industry/smeOutputShare/2021')).toBe(81.5);
    const note = r.findings.find((f) => f.ruleId === 'input/cell-note' && f.path === '/industry/output/2022');
    expect(note).toBeDefined();
    const m = materialize(note!, 'zh', r.sourceMap);
    expect(m).toMatchObject({ sheet: '二、主导产业情况', cell: where('/industry/output/2022').address });
  });

  it('percentages stored as fractions with a % format', async () => {
    const r = await edited((wb) => set(wb, '/industry/smeOutputShare/2022', 0.802, '0.00%'));
    expect(get(r.data, '/industry/smeOutputShare/2022')).toBe(80.2);
  });

  it('formulas: the cached result is used; a formula without one is a finding at its cell', async () => {
    const r = await edited((wb) => {
      set(wb, '/industry/output/2021', { formula: '100+86.4', result: 186.4 } as ExcelJS.CellFormulaValue);
      set(wb, '/industry/output/2022', { formula: 'E99*2' } as ExcelJS.CellFormulaValue);
    });
    expect(get(r.data, '/industry/output/2021')).toBe(186.4);
    const f = r.findings.find((x) => x.path === '/industry/output/2022')!;
    expect(f.ruleId).toBe('input/cell-value');
    const m = materialize(f, 'zh', r.sourceMap);
    expect(m.message).toContain('公式');
    expect(m).toMatchObject({ sheet: '二、主导产业情况', cell: where('/industry/output/2022').address });
  });

  it('"无" is carried as 无 (说明2), never blank or 0; "—", "/" read as none; text that is not a number is a finding quoting it, never a guess', async () => {
    const r = await edited((wb) => {
      set(wb, '/industry/fdi/2021', '无');
      set(wb, '/industry/fdi/2022', '—');
      set(wb, '/industry/exports/2022', '/');
      set(wb, '/industry/output/2023', '约两百亿');
    });
    // The form's "无" (nothing to report), however typed: a value, never an empty cell.
    expect(get(r.data, '/industry/fdi/2021')).toBe('无');
    expect(get(r.data, '/industry/fdi/2022')).toBe('无');
    expect(get(r.data, '/industry/exports/2022')).toBe('无');
    expect(r.findings.filter((f) => ['/industry/fdi/2021', '/industry/fdi/2022', '/industry/exports/2022'].includes(f.path))).toEqual([]);
    expect(get(r.data, '/industry/output/2023')).toBeNull();
    const f = r.findings.find((x) => x.path === '/industry/output/2023')!;
    expect(f.ruleId).toBe('input/cell-value');
    expect(materialize(f, 'zh', r.sourceMap).message).toContain('约两百亿');
  });

  it('checkbox marks and choices typed by hand', async () => {
    const r = await edited((wb) => {
      set(wb, '/industry/sharingWork/people/checked', '√');
      set(wb, '/industry/sharingWork/equipment/checked', '×');
      set(wb, '/basic/prohibitedIndustry', ' 否 ');
      set(wb, '/basic/industryType', '第四产业');
    });
    expect(get(r.data, '/industry/sharingWork/people/checked')).toBe(true);
    expect(get(r.data, '/industry/sharingWork/equipment/checked')).toBe(false);
    expect(get(r.data, '/basic/prohibitedIndustry')).toBe('否');
    expect(r.findings.find((x) => x.path === '/basic/industryType')?.ruleId).toBe('input/cell-value');
  });

  it('rows the user inserted are reported; rows deleted read as empty and are reported', async () => {
    const r = await edited((wb) => {
      const w = where('/industry/fdi/2021');
      const ws = wb.getWorksheet(w.sheet)!;
      ws.insertRow(w.row, [null, '我加的一行', null, null, 123]);
      const d = where('/industry/listedSmes/2021');
      expect(d.row).toBeLessThan(w.row); // above the inserted row, so not shifted
      ws.spliceRows(d.row, 1);
    });
    // Values still land in the right fields despite the shifted rows.
    expect(get(r.data, '/industry/fdi/2021')).toBe(get(completeFiling(exampleData('examples/jingmen-battery/cluster.yaml'), years), '/industry/fdi/2021'));
    expect(r.findings.some((f) => f.ruleId === 'input/extra-row')).toBe(true);
    expect(r.findings.some((f) => f.ruleId === 'input/missing-row' && f.path.startsWith('/industry/listedSmes'))).toBe(true);
    expect(get(r.data, '/industry/listedSmes/2021')).toBeNull();
  });

  it('merged cells: only the top-left value counts', async () => {
    const r = await edited((wb) => {
      const w = where('/industry/chainText');
      const ws = wb.getWorksheet(w.sheet)!;
      expect(ws.getCell(w.address).isMerged).toBe(true);
    });
    expect(typeof get(r.data, '/industry/chainText')).toBe('string');
  });

  it('merged cells over the year columns: one finding at the range, no year gets the figure, no "为空"', async () => {
    const w = where('/industry/output/2021');
    const range = `E${w.row}:G${w.row}`;
    const r = await edited((wb) => {
      wb.getWorksheet(w.sheet)!.mergeCells(range);
    });
    for (const y of [2021, 2022, 2023]) expect(get(r.data, `/industry/output/${y}`)).toBeNull();
    const merged = r.findings.filter((f) => f.ruleId === 'input/merged-cells');
    const main = merged.find((f) => f.messageId === 'merged')!;
    expect(main.at).toEqual({ sheet: w.sheet, cell: range });
    expect(materialize(main, 'zh', r.sourceMap).message).toContain('2021年、2022年、2023年');
    expect(merged.filter((f) => f.messageId === 'also').map((f) => f.path)).toEqual(['/industry/output/2022', '/industry/output/2023']);
    // validate: the merged range is reported, the three years are not also "为空".
    const dir = mkdtempSync(join(tmp, 'merged-'));
    const wb = await buildTemplate({ years, profileId: profile.id, data: exampleData('examples/jingmen-battery/cluster.yaml') });
    wb.getWorksheet(w.sheet)!.mergeCells(range);
    const file = await save(wb, dir);
    const out = JSON.parse(cli(['validate', file, '--format', 'json', '--today', '2024-06-01']).stdout).results[0].findings as { ruleId: string; path: string; cell?: string; message: string }[];
    expect(out.find((f) => f.ruleId === 'input/merged-cells' && f.cell === range)).toBeDefined();
    expect(out.filter((f) => f.path.startsWith('/industry/output/') && !f.ruleId.startsWith('input/'))).toEqual([]);
  });

  it('a renamed and moved sheet is found by its hidden keys; a sheet of no part is named', async () => {
    const r = await edited((wb) => {
      const ws = wb.getWorksheet('二、主导产业情况')!;
      ws.name = '产业情况（改名）';
      ws.orderNo = 99;
      wb.addWorksheet('我的草稿').getCell('B2').value = '随手记';
      wb.addWorksheet('空白页');
    });
    expect(r.findings.filter((f) => f.ruleId === 'input/missing-sheet' || f.ruleId === 'form/required')).toEqual([]);
    expect(get(r.data, '/industry/output/2021')).toBe(get(completeFiling(exampleData('examples/jingmen-battery/cluster.yaml'), years), '/industry/output/2021'));
    expect(r.findings.find((f) => f.ruleId === 'input/sheet-renamed')?.data).toMatchObject({ sheet: '产业情况（改名）', section: '二、主导产业情况' });
    const unplaced = r.findings.filter((f) => f.ruleId === 'input/unplaced-sheet');
    expect(unplaced.map((f) => f.data?.sheet)).toEqual(['我的草稿']);
    // Located at the renamed sheet's cell.
    expect(r.sourceMap.locate('/industry/output/2021')).toEqual({ sheet: '产业情况（改名）', cell: where('/industry/output/2021').address });
  });

  it('a copied sheet is named as a duplicate, the original is read', async () => {
    const r = await edited(async (wb) => {
      const src = wb.getWorksheet('五、绿色化转型情况')!;
      const copy = wb.addWorksheet('五、绿色化转型情况 (2)');
      src.eachRow((row, n) => row.eachCell((c, col) => (copy.getRow(n).getCell(col).value = c.value)));
    });
    expect(r.findings.filter((f) => f.ruleId === 'input/unplaced-sheet').map((f) => [f.messageId, f.data?.sheet])).toEqual([['duplicate', '五、绿色化转型情况 (2)']]);
  });

  it('typing into a locked label or a greyed-out cell of a known row is reported, not dropped', async () => {
    const w = where('/industry/output/2021');
    const r = await edited((wb) => {
      const ws = wb.getWorksheet(w.sheet)!;
      ws.getCell(`H${w.row}`).value = '见附表3'; // the evidence column is grey on this row
      ws.getCell(`B${w.row}`).value = '集群总产值（含税）';
    });
    const ignored = r.findings.filter((f) => f.ruleId === 'input/ignored-cell');
    expect(ignored.map((f) => [f.messageId, f.at?.cell])).toEqual([
      ['locked', `B${w.row}`],
      ['unused', `H${w.row}`],
    ]);
    expect(materialize(ignored[1]!, 'zh', r.sourceMap).message).toContain('见附表3');
  });

  it('the wrong diagnoses are gone: units with 二氧化碳, a formula giving "", a year-only 成立时间', async () => {
    const r = await edited((wb) => {
      set(wb, '/green/co2Intensity/2021', '460千克二氧化碳/万元');
      set(wb, '/industry/output/2022', { formula: 'IF(1=1,"",1)', result: '' } as ExcelJS.CellFormulaValue);
      set(wb, '/summary/founded', '2016年');
    });
    expect(get(r.data, '/green/co2Intensity/2021')).toBe(0.46);
    const note = r.findings.find((f) => f.path === '/green/co2Intensity/2021')!;
    expect(note.ruleId).toBe('input/cell-note');
    expect(get(r.data, '/industry/output/2022')).toBeNull();
    expect(r.findings.filter((f) => f.path === '/industry/output/2022')).toEqual([]);
    expect(get(r.data, '/summary/founded')).toBe('2016');
    expect(r.findings.filter((f) => f.path === '/summary/founded')).toEqual([]);
    // Chinese numerals are still named as such when there are no digits at all.
    const cn = await edited((wb) => set(wb, '/industry/output/2023', '二百亿'));
    expect(materialize(cn.findings.find((f) => f.path === '/industry/output/2023')!, 'zh', cn.sourceMap).message).toContain('中文数字');
  });

  it('an unreadable cell gets one finding (what was read, why refused), not a second "为空"', () => {
    const dir = mkdtempSync(join(tmp, 'one-'));
    return (async () => {
      const wb = await buildTemplate({ years, profileId: profile.id, data: exampleData('examples/jingmen-battery/cluster.yaml') });
      const w = where('/industry/output/2023');
      wb.getWorksheet(w.sheet)!.getCell(w.address).value = '约两百亿';
      const file = await save(wb, dir);
      const out = JSON.parse(cli(['validate', file, '--format', 'json', '--today', '2024-06-01']).stdout).results[0].findings as { ruleId: string; path: string; message: string }[];
      const at = out.filter((f) => f.path === '/industry/output/2023');
      expect(at.map((f) => f.ruleId)).toEqual(['input/cell-value']);
      expect(at[0]!.message).toContain('约两百亿');
    })();
  });

  it('validate names sheet and cell for findings from a workbook', () => {
    const dir = mkdtempSync(join(tmp, 'val-'));
    const xlsx = join(dir, 'f.xlsx');
    expect(cli(['template', '-o', xlsx]).code).toBe(0);
    const r = cli(['validate', xlsx, '--format', 'json', '--today', '2024-06-01']);
    expect(r.code).toBe(1);
    const f = JSON.parse(r.stdout).results[0].findings.find((x: { path: string }) => x.path === '/industry/output/2021');
    expect(f).toMatchObject({ ruleId: 'form/required', sheet: '二、主导产业情况', cell: where('/industry/output/2021').address });
    expect(f.line).toBeUndefined();
  });
});

describe('metrics from a workbook show the cells a figure rests on', () => {
  it('a converted cell is shown under each metric that uses it; an unreadable one too, and exit 1', async () => {
    const dir = mkdtempSync(join(tmp, 'metrics-'));
    const wb = await buildTemplate({ years, profileId: profile.id, data: exampleData('examples/jingmen-battery/cluster.yaml') });
    const rd = where('/innovation/rdSpending/2023');
    wb.getWorksheet(rd.sheet)!.getCell(rd.address).value = '52000万元';
    const file = await save(wb, dir);
    const text = cli(['metrics', file]);
    expect(text.code, text.stderr).toBe(0);
    const block = text.stdout.split('\n');
    const at = `${rd.sheet}!${rd.address}`;
    const i = block.findIndex((l) => l.includes(at));
    expect(i).toBeGreaterThan(0);
    expect(block[i]).toContain('已换算');
    expect(block[i]).toContain('52000万元');
    const json = JSON.parse(cli(['metrics', file, '--format', 'json']).stdout).metrics;
    expect(json.rdIntensity.cells).toEqual([expect.objectContaining({ path: '/innovation/rdSpending/2023', sheet: rd.sheet, cell: rd.address, kind: 'converted' })]);
    expect(json.rdSpendingCagr.cells).toHaveLength(1);
    expect(json.outputCagr.cells).toBeUndefined();

    const out = where('/industry/output/2023');
    wb.getWorksheet(out.sheet)!.getCell(out.address).value = '约290亿';
    const file2 = await save(wb, dir);
    const r2 = cli(['metrics', file2, '--format', 'json']);
    expect(r2.code).toBe(1);
    expect(JSON.parse(r2.stdout).metrics.outputCagr.cells).toEqual([expect.objectContaining({ kind: 'unreadable', cell: out.address })]);
  });
});

describe('template --from writes a workbook that validates where it is written', () => {
  it('the README example, as written (from the repository root): evidence rewritten relative to the workbook, validate passes', () => {
    const root = mkdtempSync(join(tmp, 'readme-'));
    cpSync(join(ROOT, 'examples', 'jingmen-battery'), join(root, 'examples', 'jingmen-battery'), { recursive: true });
    const w = cli(['template', '--from', 'examples/jingmen-battery/cluster.yaml', '-o', '示例.xlsx'], { cwd: root });
    expect(w.code, w.stderr).toBe(0);
    const v = cli(['validate', '示例.xlsx', '--format', 'json', '--today', '2024-06-01'], { cwd: root });
    const findings = JSON.parse(v.stdout).results[0].findings as { ruleId: string; severity: string; message: string }[];
    expect(findings.filter((f) => f.severity !== 'info'), v.stdout.slice(0, 2000)).toEqual([]);
    expect(v.code).toBe(0);
  });

  it('a folder beside the filing: refuses, writes nothing, and says where to write instead', () => {
    const root = mkdtempSync(join(tmp, 'beside-'));
    cpSync(join(ROOT, 'examples', 'jingmen-battery'), join(root, 'filing'), { recursive: true });
    mkdirSync(join(root, 'out'));
    const r = cli(['template', '--from', 'filing/cluster.yaml', '-o', 'out/示例.xlsx'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('所在的文件夹之外');
    expect(r.stderr).toContain('filing/cluster.xlsx');
    expect(existsSync(join(root, 'out', '示例.xlsx'))).toBe(false);
  });
});

describe('import -o another folder writes a filing that validates where it is written', () => {
  it('a folder above the workbook: evidence paths rewritten relative to the YAML, validate finds every file', () => {
    const root = mkdtempSync(join(tmp, 'import-up-'));
    cpSync(join(ROOT, 'examples', 'jingmen-battery'), join(root, 'filing'), { recursive: true });
    expect(cli(['template', '--from', 'filing/cluster.yaml', '-o', 'filing/示例.xlsx'], { cwd: root }).code).toBe(0);
    const r = cli(['import', 'filing/示例.xlsx', '-o', 'imported.yaml'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    const data = parse(readFileSync(join(root, 'imported.yaml'), 'utf8'));
    const original = exampleData('examples/jingmen-battery/cluster.yaml');
    const chain = (d: Record<string, unknown>) => (d.industry as Record<string, unknown>).chainWork as Record<string, { evidence?: string[] }>;
    const some = Object.values(chain(original)).find((x) => x.evidence?.length)!.evidence![0]!;
    expect(JSON.stringify(data)).toContain(JSON.stringify(`filing/${some}`));
    const v = cli(['validate', 'imported.yaml', '--format', 'json', '--today', '2024-06-01'], { cwd: root });
    const findings = JSON.parse(v.stdout).results[0].findings as { ruleId: string; severity: string }[];
    expect(findings.filter((f) => f.ruleId.startsWith('form/evidence')), v.stdout.slice(0, 2000)).toEqual([]);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a folder beside the workbook: refuses, writes nothing, and says where to write instead', () => {
    const root = mkdtempSync(join(tmp, 'import-beside-'));
    cpSync(join(ROOT, 'examples', 'jingmen-battery'), join(root, 'filing'), { recursive: true });
    mkdirSync(join(root, 'out'));
    expect(cli(['template', '--from', 'filing/cluster.yaml', '-o', 'filing/示例.xlsx'], { cwd: root }).code).toBe(0);
    const r = cli(['import', 'filing/示例.xlsx', '-o', 'out/x.yaml'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('所在的文件夹之外');
    expect(r.stderr).toContain('filing/x.yaml');
    expect(existsSync(join(root, 'out', 'x.yaml'))).toBe(false);
  });
});

describe('workbooks that are not ours', () => {
  async function refused(p: string): Promise<InputError> {
    try {
      await readWorkbook(p);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return e as InputError;
    }
    throw new Error('expected a refusal');
  }

  it('a random .xlsx (no template sheets) is refused with a clear message, exit 2', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    const p = await save(wb);
    expect((await refused(p)).msg.zh).toContain('不是本工具的申报模板');
    const r = cli(['validate', p]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('input/unreadable');
  });

  it('password-protected / old .xls (OLE compound file)', async () => {
    const p = join(tmp, 'enc.xlsx');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    writeFileSync(p, Buffer.concat([ole, Buffer.alloc(512)]));
    const old = (await refused(p)).msg;
    expect(old.zh).toContain('.xls');
    for (const how of ['Excel 工作簿(*.xlsx)', 'WPS', 'LibreOffice']) expect(old.zh).toContain(how);
    writeFileSync(p, Buffer.concat([ole, Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]));
    expect((await refused(p)).msg.zh).toContain('密码');
  });

  it('one refusal for .xls/.et/.ods/.xlsm and friends, by name or by content, saying how to save as .xlsx', async () => {
    const texts: string[] = [];
    for (const ext of ['xls', 'et', 'ods', 'xlsm', 'xlsb']) {
      const p = join(tmp, `old.${ext}`);
      writeFileSync(p, 'whatever');
      const r = cli(['validate', p, '--format', 'json']);
      expect(r.code).toBe(2);
      texts.push(JSON.parse(r.stdout).results[0].findings[0].message);
      expect((await refused(p)).msg.zh).toBe(texts[texts.length - 1]);
    }
    const ods = join(tmp, 'ods-renamed.xlsx');
    await writeZipAtomic(ods, [{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' }, { name: 'content.xml', data: '<x/>' }], { date: new Date(0) });
    texts.push((await refused(ods)).msg.zh);
    for (const t of texts) {
      for (const how of ['Excel 工作簿(*.xlsx)', 'WPS', 'Microsoft Excel 文件(*.xlsx)', 'LibreOffice', 'Excel 2007-365']) expect(t).toContain(how);
      expect(t).not.toMatch(/exceljs|openpyxl/i);
    }
    expect(texts[2]).toContain('.ods');
    expect(texts[5]).toContain('.ods');
  });

  it('not a zip, a corrupt (truncated) workbook', async () => {
    const p = join(tmp, 'text.xlsx');
    writeFileSync(p, 'just text, renamed');
    expect((await refused(p)).msg.zh).toContain('不是 .xlsx');
    const good = join(tmp, 'good.xlsx');
    writeFileSync(good, await templateBytes({ years, profileId: profile.id, date: new Date(0) }));
    const bytes = readFileSync(good);
    const cut = join(tmp, 'cut.xlsx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await refused(cut)).msg.zh).toMatch(/损坏|不是/);
  });

  it('a zip bomb is refused before it is inflated', async () => {
    const p = join(tmp, 'bomb.xlsx');
    const zeros = Buffer.alloc(80 * 1024 * 1024);
    await writeZipAtomic(p, [
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', data: zeros, method: 'deflate' },
    ], { date: new Date(0) });
    expect(readFileSync(p).length).toBeLessThan(1024 * 1024);
    const t = Date.now();
    expect((await refused(p)).msg.zh).toMatch(/压缩炸弹|过大/);
    expect(Date.now() - t).toBeLessThan(3000);
  });
});

describe('real-world workbooks', () => {
  const fixtures = join(ROOT, 'test', 'fixtures', 'xlsx');
  const cases = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.xlsx')) : [];
  it('fixtures saved by other programs are committed', () => {
    expect(cases).toEqual(expect.arrayContaining(['libreoffice-saved.xlsx', 'gnumeric-saved.xlsx']));
  });
  it.each(cases)('%s imports correctly', async (f) => {
    const r = await readWorkbook(join(fixtures, f));
    expect(r.findings.filter((x) => x.ruleId !== 'input/cell-note')).toEqual([]);
    expect(r.data).toEqual(completeFiling(exampleData('examples/jingmen-battery/cluster.yaml'), years));
    expect(dirname(f)).toBe('.');
  });
});
