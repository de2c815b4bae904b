import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { loadProfile } from '../src/profile.js';
import { buildTemplate, templateBytes } from '../src/xlsx/template.js';
import { readWorkbook } from '../src/xlsx/import.js';
import { COL, layoutYears, workbookLayout, colLetter } from '../src/xlsx/layout.js';
import { completeFiling } from '../src/catalogue/empty.js';
import { writeZipAtomic } from '../src/pack/zip/index.js';
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
    const wb = await buildTemplate({ years, profileId: profile.id, data });
    const r = await readWorkbook(await save(wb));
    expect(r.findings.filter((f) => f.ruleId !== 'input/cell-note')).toEqual([]);
    expect(r.data).toEqual(completeFiling(data, years));
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
    expect(cli(['template', '--from', 'examples/jingmen-battery/cluster.yaml', '-o', xlsx]).code).toBe(0);
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
    expect(get(r.data, '/industry/fdi/2021')).toBe('无');
    expect(get(r.data, '/industry/fdi/2022')).toBeNull();
    expect(get(r.data, '/industry/exports/2022')).toBeNull();
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
    writeFileSync(p, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect((await refused(p)).msg.zh).toContain('加密');
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
