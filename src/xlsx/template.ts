/**
 * `cluster template`: the Excel workbook users fill in Excel or WPS. Generated from the layout
 * (itself from the field catalogue): labels locked, inputs editable and tinted, dropdowns for every
 * choice and checkbox, number formats, input hints, A4 print setup. With a filing, the workbook
 * comes filled in.
 */
import type ExcelJS from 'exceljs';
import { getAt, parsePointer } from '../catalogue/index.js';
import type { FieldNode } from '../catalogue/index.js';
import { VERSION } from '../version.js';
import { decodeEntities, parseRef, resolveTarget } from './ooxml.js';
import { addExceptionsSheet, EXCEPTIONS_SHEET } from './exceptions.js';
import { COL, GUIDE_SHEET, LAST_COL, META_SHEET, TEMPLATE_MARK, TEMPLATE_VERSION, colLetter, workbookLayout, type CellSpec, type LayoutYears, type RowSpec } from './layout.js';

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const NA_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';

/**
 * Data validations by sheet, written into the package by `templateBytes` itself: exceljs groups
 * equal rules into rectangles that overlap (exceljs#2820; three sheets had overlapping ranges),
 * which Excel may "repair" and LibreOffice mishandles. Each cell here has exactly one rule.
 */
export type SheetValidations = Map<string, { address: string; rule: ExcelJS.DataValidation }[]>;
const VALIDATIONS = new WeakMap<ExcelJS.Workbook, SheetValidations>();

/** Units that count things: shown without decimals. */
const COUNT_UNITS = new Set(['个', '家', '件', '项', '人', '名', '户', '台', '套', '所']);

function numFmt(n: FieldNode): string | undefined {
  if (n.type === 'integer') return '0';
  // A count stored as a number (a plan's baseline of 家 or 件): as typed, no ".00".
  if (n.type === 'number' && n.unit && COUNT_UNITS.has(n.unit)) return undefined;
  if (n.type === 'number') return n.unit === '吨二氧化碳/万元' || n.unit === '吨标准煤/万元' ? '0.00##' : '0.00';
  if (['string', 'text', 'phone', 'date', 'names', 'evidence'].includes(n.type)) return '@';
  return undefined;
}

function cellNote(c: CellSpec, row: RowSpec): string | undefined {
  const n = c.leaf.node;
  if (c.col === COL.evidence) return '佐证材料：相对于申报文件所在文件夹的路径，每行一个，如 evidence/二、主导产业情况/产业链图谱.pdf';
  const parts: string[] = [];
  if (n.maxChars) parts.push(`${n.maxChars}字以内（不计空白字符）`);
  if (n.type === 'boolean') parts.push('勾选选"是"；勾选需提供佐证材料');
  if (row.hint?.includes('需提供清单')) parts.push('需提供清单');
  if (n.percent) parts.push('百分数：填 78.6 表示 78.6%');
  return parts.length ? parts.join('；') : undefined;
}

function dropdown(n: FieldNode): string[] | undefined {
  if (n.type === 'boolean') return ['是', '否'];
  if (n.type === 'choice' && n.options) return [...n.options];
  return undefined;
}

/** The value as written into a cell. */
function cellValue(c: CellSpec, data: Record<string, unknown> | undefined): ExcelJS.CellValue {
  if (!data) return c.leaf.node.type === 'boolean' ? '否' : null;
  const v = getAt(data, parsePointer(c.pointer));
  const n = c.leaf.node;
  if (n.type === 'boolean') return v === true ? '是' : '否';
  if (n.type === 'names' || n.type === 'evidence') return Array.isArray(v) && v.length ? v.join('\n') : null;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

/** Display width in narrow characters (CJK counts two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** A row height that shows every line of its label, hint, evidence and short values (Excel does not autofit wrapped rows). */
function fitHeight(spec: RowSpec, widths: Record<number, number>, data: Record<string, unknown> | undefined): number {
  const lines = (text: string | undefined, col: number) =>
    text ? text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(displayWidth(l) / Math.max(4, widths[col]! - 3))), 0) : 1;
  let max = Math.max(lines(spec.label, COL.label), lines(spec.hint, COL.hint) * 0.85);
  for (const c of spec.cells) {
    const v = cellValue(c, data);
    if (typeof v === 'string') {
      const w = (c.span ?? 1) > 1 ? Array.from({ length: c.span! }, (_, k) => widths[c.col + k]!).reduce((a, b) => a + b, 0) : widths[c.col]!;
      max = Math.max(max, v.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(displayWidth(l) / Math.max(4, w - 3))), 0));
    }
  }
  // 10.5-pt text takes ~16 pt a line in Excel and LibreOffice; Excel's row height limit is 409 pt.
  return Math.min(409, Math.max(18, Math.ceil(max * 16 + 4)));
}

export interface TemplateOptions {
  years: LayoutYears;
  profileId: string;
  /** Fill the workbook from this filing. */
  data?: Record<string, unknown>;
}

/**
 * Print: A4 landscape, one page wide. The visible columns add up to ~150 character widths
 * (~800 pt), so the fit scale stays ≥ 95% in Excel (90% in LibreOffice with Calibri's metrics) and all text (10.5 pt) prints at ≥ 9.45 pt.
 * Measured, not assumed: test/xlsx.test.ts computes each sheet's scale and smallest printed size.
 */
export const PRINT_MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
const WIDTHS: Record<number, number> = { [COL.key]: 4, [COL.label]: 38, [COL.unit]: 9, [COL.prior]: 11, [COL.v1]: 13, [COL.v2]: 13, [COL.v3]: 13, [COL.evidence]: 24, [COL.hint]: 28 };
const BODY = 10.5;
const SMALL = 10.5;

function guideSheet(wb: ExcelJS.Workbook, opts: TemplateOptions): void {
  const ws = wb.addWorksheet(GUIDE_SHEET, {
    properties: { tabColor: { argb: 'FF4F81BD' } },
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: PRINT_MARGINS },
    headerFooter: { oddFooter: `&C${GUIDE_SHEET}  第 &P 页 共 &N 页` },
  });
  ws.getColumn(1).width = 96;
  const lines = [
    '中小企业特色产业集群申报表 — 填报模板',
    `本模板由 cluster ${VERSION} 生成（配置 ${opts.profileId}，数据年度 ${opts.years.dataYears.join('、')}，规划目标年 ${opts.years.targetYear}）。`,
    '',
    '怎样填写',
    '1. 每个工作表对应申报表的一部分（封面、附件1、一至九）。只在浅黄色单元格中填写，灰色单元格为表格标签，已锁定。',
    '2. 选项栏（是/否、勾选项、产业类型等）请从下拉列表选择；勾选项选"是"，并在"佐证材料"列填写佐证材料文件的路径。',
    '3. 佐证材料路径相对于本工作簿所在的文件夹，每行一个，如：evidence/二、主导产业情况/产业链图谱.pdf',
    '4. "数量：__个 名称：__"栏目：数量填在第一格，名称填在右侧，每行一个。',
    '5. 数据有小数时保留小数点后2位（填报说明2）；百分数填数字本身，如 78.6 表示 78.6%。没有相关情况时，文字填"无"，数值填 0。',
    '6. 请勿删除或移动工作表；可以插入空行，但 A 列（隐藏）中的标识不可修改。',
    '7. 填好后运行：cluster validate 本文件.xlsx（校验）、cluster import 本文件.xlsx（转为 YAML）、cluster render / cluster pack。',
    '8. 某条问题确有正当理由不按规则处理时（如座机无区号已核实），在"例外说明"工作表中填写规则 id、单元格和理由：该问题不再计入，但连同理由一起报告。',
    '',
    '填报说明（摘自申报表）',
    '各必填栏目不得空缺，无相关情况时应填写"无"；数据有小数时，保留小数点后 2 位。',
    '集群运营管理机构是指对产业集群集中运营管理的产业园区管委会、园区运营企业或公共服务机构等法人主体，基础建设单位不可作为集群运营管理机构。',
    '佐证材料包括主管部门、第三方机构出具的证明或申报主体自我声明。',
  ];
  ws.pageSetup.printArea = `A1:A${lines.length}`;
  lines.forEach((t, i) => {
    const c = ws.getCell(i + 1, 1);
    c.value = t;
    c.font = { name: FONT, size: i === 0 ? 14 : 11, bold: i === 0 || t === '怎样填写' || t.startsWith('填报说明') };
    // Wrapped lines are not auto-fitted by Excel: a height for each line the text needs.
    ws.getRow(i + 1).height = Math.max(18, Math.ceil(displayWidth(t) / 92) * 15 + 3);
    c.alignment = { wrapText: true, vertical: 'top' };
  });
}

function metaSheet(wb: ExcelJS.Workbook, opts: TemplateOptions): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  ws.addRow([TEMPLATE_MARK, TEMPLATE_VERSION]);
  ws.addRow(['profile', opts.profileId]);
  ws.addRow(['dataYears', ...opts.years.dataYears]);
  ws.addRow(['targetYear', opts.years.targetYear]);
  // A review workbook has the review sheets (认定情况, 规划目标完成情况) instead of 表八.
  if (opts.years.kind === 'review') ws.addRow(['kind', 'review']);
}

export async function buildTemplate(opts: TemplateOptions): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const validations: SheetValidations = new Map();
  VALIDATIONS.set(wb, validations);
  wb.creator = 'cluster';
  wb.lastModifiedBy = 'cluster';
  // Fixed dates: the same inputs give the same workbook.
  wb.created = new Date(Date.UTC(opts.years.dataYears[0]! + 3, 0, 1));
  wb.modified = wb.created;
  guideSheet(wb, opts);
  for (const sheet of workbookLayout(opts.years)) {
    // The title and the sheet's first column-header row stay on screen. On paper only the title
    // repeats: a sheet holds several tables, and a repeated year header would stand over counts.
    // The year header when the sheet opens with its year table, else the first header (a sheet that
    // starts with long texts, 四, keeps only its title frozen: 9 frozen rows would fill the screen).
    const yearsAt = sheet.rows.findIndex((r) => r.key === '#years:data') + 1;
    const header = sheet.rows.findIndex((r) => r.kind === 'years' || r.kind === 'targets' || r.kind === 'extra') + 1;
    const top = yearsAt > 0 && yearsAt <= 4 ? yearsAt : header > 0 && header <= 4 ? header : 1;
    const ws = wb.addWorksheet(sheet.name, {
      // An explicit print area: the notes' hidden boxes to the right would otherwise widen what
      // LibreOffice prints (and shrink the scale).
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: PRINT_MARGINS, printTitlesRow: '1:1', printArea: `A1:${colLetter(LAST_COL)}${sheet.rows.length}` },
      headerFooter: { oddFooter: `&C${sheet.name}  第 &P 页 共 &N 页` },
      views: [{ state: 'frozen', ySplit: top, xSplit: 2 }],
    });
    const widths = WIDTHS;
    for (const [c, w] of Object.entries(widths)) ws.getColumn(Number(c)).width = w;
    ws.getColumn(COL.key).hidden = true;
    const rules: { address: string; rule: ExcelJS.DataValidation }[] = [];
    validations.set(sheet.name, rules);
    for (let i = 0; i < sheet.rows.length; i++) {
      const spec = sheet.rows[i]!;
      const r = i + 1;
      const row = ws.getRow(r);
      row.getCell(COL.key).value = spec.key;
      const label = row.getCell(COL.label);
      label.value = spec.label;
      label.font = { name: FONT, size: spec.kind === 'title' ? 14 : BODY, bold: spec.kind !== 'input' };
      label.alignment = { wrapText: true, vertical: 'middle' };
      if (spec.kind === 'title') {
        ws.mergeCells(r, COL.label, r, LAST_COL);
        row.height = 28;
        continue;
      }
      if (spec.unit) row.getCell(COL.unit).value = spec.unit;
      if (spec.hint) row.getCell(COL.hint).value = spec.hint;
      for (let c = COL.label; c <= LAST_COL; c++) {
        const cell = row.getCell(c);
        cell.border = BORDER;
        if (!cell.font) cell.font = { name: FONT, size: BODY };
        cell.alignment = { ...(cell.alignment ?? {}), wrapText: true, vertical: 'middle' };
        if (spec.kind !== 'input') cell.fill = spec.kind === 'group' ? GROUP_FILL : HEADER_FILL;
      }
      row.getCell(COL.hint).font = { name: FONT, size: SMALL, color: { argb: 'FF595959' } };
      if (spec.headers) {
        for (const [c, t] of Object.entries(spec.headers)) {
          const cell = row.getCell(Number(c));
          cell.value = t;
          cell.font = { name: FONT, size: BODY, bold: true };
          cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        }
      }
      if (spec.kind === 'years' || spec.kind === 'targets' || spec.kind === 'extra') row.height = 30; // "2020年（可选）" takes two lines
      if (spec.kind === 'group') ws.mergeCells(r, COL.label, r, COL.v3);
      if (spec.key === '#value') ws.mergeCells(r, COL.v1, r, COL.v3);
      if (spec.key === '#count') ws.mergeCells(r, COL.v2, r, COL.v3);
      if (spec.kind !== 'input') continue;
      // Value columns this row does not use are greyed out.
      const used = new Set<number>();
      for (const c of spec.cells) for (let k = 0; k < (c.span ?? 1); k++) used.add(c.col + k);
      for (const c of [COL.prior, COL.v1, COL.v2, COL.v3, COL.evidence]) if (!used.has(c)) row.getCell(c).fill = NA_FILL;
      for (const c of spec.cells) {
        const n = c.leaf.node;
        if (c.span && c.span > 1) ws.mergeCells(r, c.col, r, c.col + c.span - 1);
        const cell = row.getCell(c.col);
        cell.value = cellValue(c, opts.data);
        cell.fill = INPUT_FILL;
        cell.protection = { locked: false };
        const fmt = c.col === COL.evidence ? '@' : numFmt(n);
        if (fmt) cell.numFmt = fmt;
        cell.alignment = { wrapText: true, vertical: n.type === 'text' ? 'top' : 'middle', horizontal: n.type === 'number' || n.type === 'integer' ? 'right' : 'left' };
        const list = dropdown(n);
        const addr = `${colLetter(c.col)}${r}`;
        if (list) {
          rules.push({ address: addr, rule: {
            type: 'list',
            allowBlank: true,
            formulae: [`"${list.join(',')}"`],
            showErrorMessage: true,
            errorStyle: 'stop',
            errorTitle: '请从列表中选择',
            error: `只能填：${list.join('、')}`,
          } });
        } else if (n.type === 'integer' || n.type === 'number') {
          rules.push({ address: addr, rule: {
            type: 'decimal',
            operator: 'greaterThanOrEqual',
            allowBlank: true,
            formulae: [n.type === 'integer' ? 0 : -1e12],
            showErrorMessage: true,
            errorStyle: 'warning',
            errorTitle: '请填写数字',
            error: n.type === 'integer' ? '请填写非负整数' : '请填写数字（最多保留2位小数）',
          } });
        } else if (n.maxChars) {
          rules.push({ address: addr, rule: {
            type: 'textLength',
            operator: 'lessThanOrEqual',
            allowBlank: true,
            formulae: [n.maxChars * 2],
            showInputMessage: true,
            promptTitle: `${n.maxChars}字以内`,
            prompt: `${n.maxChars}字以内（不计空白字符）`,
          } });
        }
        const note = cellNote(c, spec);
        if (note) cell.note = { texts: [{ text: note }], margins: { insetmode: 'auto' } } as ExcelJS.Comment;
      }
      row.height = Math.max(spec.height ?? 0, fitHeight(spec, widths, opts.data));
    }
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: true, deleteRows: true });
  }
  addExceptionsSheet(wb, FONT);
  // Printed like the others: A4, one page wide (its three columns fit landscape at 100%).
  const exceptions = wb.getWorksheet(EXCEPTIONS_SHEET);
  if (exceptions) {
    exceptions.pageSetup = { ...exceptions.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: PRINT_MARGINS, printArea: `A1:C${exceptions.rowCount}` };
  }
  metaSheet(wb, opts);
  return wb;
}

/**
 * The workbook as bytes, identical for identical inputs: exceljs stamps zip entries with the
 * current time, so the archive is rewritten with the document date.
 */
export async function templateBytes(opts: TemplateOptions & { date: Date }): Promise<Buffer> {
  const wb = await buildTemplate(opts);
  wb.created = opts.date;
  wb.modified = opts.date;
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return normalizeZip(raw, opts.date, VALIDATIONS.get(wb) ?? new Map());
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Cells as a sqref: vertical runs in one column joined ("E5:E9 F4"); every cell appears once. */
function sqref(addresses: string[]): string {
  const cells = addresses
    .map((a) => parseRef(a)!)
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const out: string[] = [];
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1]![1] === cells[i]![1] && cells[j + 1]![0] === cells[j]![0] + 1) j++;
    const a = `${colLetter(cells[i]![1])}${cells[i]![0]}`;
    out.push(j > i ? `${a}:${colLetter(cells[j]![1])}${cells[j]![0]}` : a);
    i = j + 1;
  }
  return out.join(' ');
}

/** The <dataValidations> element of a sheet (ECMA-376 attribute order), rules with equal settings sharing one sqref. */
export function validationsXml(list: { address: string; rule: ExcelJS.DataValidation }[]): string {
  const groups = new Map<string, { rule: ExcelJS.DataValidation; cells: string[] }>();
  for (const { address, rule } of list) {
    const key = JSON.stringify(rule);
    const g = groups.get(key) ?? groups.set(key, { rule, cells: [] }).get(key)!;
    g.cells.push(address);
  }
  if (groups.size === 0) return '';
  const items = [...groups.values()].map(({ rule: r, cells }) => {
    const attrs: [string, string | undefined][] = [
      ['type', r.type],
      ['errorStyle', r.errorStyle],
      ['operator', (r as { operator?: string }).operator],
      ['allowBlank', r.allowBlank ? '1' : undefined],
      ['showInputMessage', r.showInputMessage ? '1' : undefined],
      ['showErrorMessage', r.showErrorMessage ? '1' : undefined],
      ['errorTitle', r.errorTitle],
      ['error', r.error],
      ['promptTitle', r.promptTitle],
      ['prompt', r.prompt],
      ['sqref', sqref(cells)],
    ];
    const a = attrs.filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');
    const f = (r.formulae ?? []).map((x, i) => `<formula${i + 1}>${xmlEscape(String(x))}</formula${i + 1}>`).join('');
    return `<dataValidation${a}>${f}</dataValidation>`;
  });
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

/**
 * Gives each note drawing (VML) part its own shape-id block: ISO/IEC 29500 wants the o:idmap
 * blocks of a workbook's VML parts distinct (exceljs writes data="1" and shapes from
 * _x0000_s1025 in every part, and Excel then offers to repair the file). Part k (in order) gets
 * block(s) from `next`, shapes numbered 1024·block + 1, + 2, …
 */
export function renumberVml(xml: string, firstBlock: number): { xml: string; blocks: number } {
  const shapes = (xml.match(/<v:shape\s[^>]*\bid="_x0000_s\d+"/g) ?? []).length;
  const blocks = Math.max(1, Math.ceil(shapes / 1023));
  const ids = Array.from({ length: blocks }, (_, i) => firstBlock + i);
  let n = 0;
  const out = xml
    .replace(/(<o:idmap\b[^>]*\bdata=")[^"]*(")/, `$1${ids.join(',')}$2`)
    .replace(/(<v:shape\s[^>]*\bid="_x0000_s)\d+(")/g, (_, a: string, b: string) => {
      const block = ids[Math.floor(n / 1023)]!;
      const id = block * 1024 + 1 + (n % 1023);
      n++;
      return `${a}${id}${b}`;
    });
  return { xml: out, blocks };
}

/** Sheet part → sheet name, from xl/workbook.xml and its relationships. */
function sheetParts(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, resolveTarget('xl/workbook.xml', target));
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name && part) out.set(part, decodeEntities(name));
  }
  return out;
}

async function normalizeZip(raw: Buffer, date: Date, validations: SheetValidations): Promise<Buffer> {
  const { mkdtemp, writeFile, readFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readZip, openEntryStream, writeZipAtomic } = await import('../pack/zip/index.js');
  const { trackTempDir, releaseTempDir } = await import('../temp-files.js');
  const dir = await mkdtemp(join(tmpdir(), 'cluster-xlsx-'));
  trackTempDir(dir); // removed on SIGINT/SIGTERM/SIGHUP too
  try {
    const src = join(dir, 'in.xlsx');
    await writeFile(src, raw);
    const entries = await readZip(src);
    const parts = new Map<string, Buffer>();
    for (const e of entries) {
      if (e.isDirectory) continue;
      const chunks: Buffer[] = [];
      for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
      parts.set(e.name, Buffer.concat(chunks));
    }
    const names = sheetParts(parts.get('xl/workbook.xml')?.toString('utf8') ?? '', parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '');
    const num = (n: string) => Number(/(\d+)\.\w+$/.exec(n)?.[1] ?? 0);
    let block = 1;
    for (const name of [...parts.keys()].filter((n) => /^xl\/drawings\/vmlDrawing\d+\.vml$/.test(n)).sort((a, b) => num(a) - num(b))) {
      const r = renumberVml(parts.get(name)!.toString('utf8'), block);
      parts.set(name, Buffer.from(r.xml, 'utf8'));
      block += r.blocks;
    }
    for (const [part, sheet] of names) {
      const list = validations.get(sheet);
      const xml = parts.get(part)?.toString('utf8');
      if (!list?.length || xml === undefined) continue;
      const dv = validationsXml(list);
      const at = xml.search(/<(hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|drawing|legacyDrawing)\b/);
      parts.set(part, Buffer.from(at < 0 ? xml.replace('</worksheet>', `${dv}</worksheet>`) : xml.slice(0, at) + dv + xml.slice(at), 'utf8'));
    }
    const inputs = [...parts].map(([name, data]) => ({ name, data, method: 'deflate' as const }));
    const out = join(dir, 'out.xlsx');
    await writeZipAtomic(out, inputs, { date, extendedTimestamp: false, fsync: false });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
    releaseTempDir(dir);
  }
}
