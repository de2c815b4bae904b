/**
 * `cluster template`: the Excel workbook users fill in Excel or WPS. Generated from the layout
 * (itself from the field catalogue): labels locked, inputs editable and tinted, dropdowns for every
 * choice and checkbox, number formats, input hints, A4 print setup. With a filing, the workbook
 * comes filled in.
 */
import { getAt, parsePointer } from '../catalogue/index.js';
import type { FieldNode } from '../catalogue/index.js';
import { VERSION } from '../version.js';
import { exceptionsSheet, EXCEPTIONS_SHEET } from './exceptions.js';
import { COL, GUIDE_SHEET, LAST_COL, META_SHEET, TEMPLATE_MARK, TEMPLATE_VERSION, colLetter, workbookLayout, type CellSpec, type LayoutYears, type RowSpec, type SheetSpec } from './layout.js';
import { workbookParts, type Style, type Validation, type WBook, type WCell, type WSheet } from './writer.js';
import { zipParts, type Deflate } from './zip.js';

const INPUT_FILL = 'FFFFF7D6';
const HEADER_FILL = 'FFDCE6F1';
const GROUP_FILL = 'FFF2F2F2';
const NA_FILL = 'FFE7E6E6';
const FONT = '宋体';

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
function cellValue(c: CellSpec, data: Record<string, unknown> | undefined): string | number | null {
  if (!data) return c.leaf.node.type === 'boolean' ? '否' : null;
  const v = getAt(data, parsePointer(c.pointer));
  const n = c.leaf.node;
  if (n.type === 'boolean') return v === true ? '是' : '否';
  if (n.type === 'names' || n.type === 'evidence') return Array.isArray(v) && v.length ? v.join('\n') : null;
  if (v === null || v === undefined) return null;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string') return v;
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
/**
 * The form sheets print at a fixed 90% (10.5-pt text at 9.45 pt), not "fit to one page wide": Excel
 * ignores manual page breaks under fit-to scaling, and the breaks are what keeps every column-header
 * row on the page of the rows it heads. The columns (~150 characters, ~780 pt) take ~700 pt at 90%
 * of the 770 pt between the margins (Excel's metrics; LibreOffice with a Calibri-metric font ~745 pt).
 */
export const PRINT_SCALE = 90;
const WIDTHS: Record<number, number> = { [COL.key]: 4, [COL.label]: 38, [COL.unit]: 9, [COL.prior]: 11, [COL.v1]: 13, [COL.v2]: 13, [COL.v3]: 13, [COL.evidence]: 24, [COL.hint]: 28 };
const BODY = 10.5;
const SMALL = 10.5;

function guideSheet(opts: TemplateOptions): WSheet {
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
  const rows = new Map<number, Map<number, WCell>>();
  const heights = new Map<number, number>();
  lines.forEach((t, i) => {
    const bold = i === 0 || t === '怎样填写' || t.startsWith('填报说明');
    rows.set(i + 1, new Map([[1, { value: t || null, style: { font: { name: FONT, size: i === 0 ? 14 : 11, bold }, vertical: 'top', wrap: true } }]]));
    // Wrapped lines are not auto-fitted by Excel: a height for each line the text needs.
    heights.set(i + 1, Math.max(18, Math.ceil(displayWidth(t) / 92) * 15 + 3));
  });
  return {
    name: GUIDE_SHEET,
    tabColor: 'FF4F81BD',
    cols: [{ index: 1, width: 96 }],
    rows,
    heights,
    page: { orientation: 'portrait', margins: PRINT_MARGINS, printArea: `A1:A${lines.length}`, footer: `&C${GUIDE_SHEET}  第 &P 页 共 &N 页` },
  };
}

function metaSheet(opts: TemplateOptions): WSheet {
  const lines: (string | number)[][] = [[TEMPLATE_MARK, TEMPLATE_VERSION], ['profile', opts.profileId], ['dataYears', ...opts.years.dataYears], ['targetYear', opts.years.targetYear]];
  // A review workbook has the review sheets (认定情况, 规划目标完成情况) instead of 表八.
  if (opts.years.kind === 'review') lines.push(['kind', 'review']);
  const rows = new Map<number, Map<number, WCell>>();
  lines.forEach((l, i) => rows.set(i + 1, new Map(l.map((v, c) => [c + 1, { value: v }]))));
  return { name: META_SHEET, state: 'hidden', rows };
}

const isHeader = (r: RowSpec) => r.kind === 'years' || r.kind === 'targets' || r.kind === 'extra';

/**
 * Manual page breaks for a form sheet, from its row heights: a table (a column-header row and the
 * rows under it) that fits on a page is not split; a header or group row never ends a page; the
 * title (row 1) repeats on every page. A page holds at most `PAGE_ROWS_PT` points of rows: the A4
 * landscape height between the margins at the print scale, less a margin for LibreOffice, whose
 * rows come out a little taller than Excel's. Returns the rows after which a page ends.
 */
export function pageBreaks(rows: RowSpec[], heights: number[]): number[] {
  const cap = PAGE_ROWS_PT;
  const title = heights[0]!;
  const breaks: number[] = [];
  let used = title;
  const sum = (a: number, b: number) => heights.slice(a, b).reduce((x, y) => x + y, 0);
  const newPage = (i: number) => {
    breaks.push(i); // 0-based index of the first row of the new page = 1-based number of the last row before it
    used = title;
  };
  let i = 1;
  while (i < rows.length) {
    if (isHeader(rows[i]!)) {
      let end = i + 1;
      while (end < rows.length && !isHeader(rows[end]!)) end++;
      // A group row right before the next header heads that table, not this one.
      while (end > i + 1 && rows[end - 1]!.kind === 'group') end--;
      const table = sum(i, end);
      if (used + table <= cap) {
        used += table;
        i = end;
        continue;
      }
      if (table <= cap - title && used > title) {
        newPage(i);
        continue;
      }
    }
    // Row by row: a header or group row goes with the row after it.
    let j = i;
    while (j + 1 < rows.length && (isHeader(rows[j]!) || rows[j]!.kind === 'group')) j++;
    const unit = sum(i, j + 1);
    if (used + unit > cap && used > title) newPage(i);
    used += unit;
    i = j + 1;
  }
  return breaks;
}
/** Points of rows (at 100%) one printed page holds: (595.3 − 72·(0.6 + 0.6)) / 0.9 ≈ 565, less 5% for LibreOffice. */
export const PAGE_ROWS_PT = Math.floor(((595.3 - 72 * (PRINT_MARGINS.top + PRINT_MARGINS.bottom)) / (PRINT_SCALE / 100)) * 0.95);

function formSheet(sheet: SheetSpec, opts: TemplateOptions): WSheet {
  // The title and the sheet's first column-header row stay on screen: the year header when the
  // sheet opens with its year table, else the first table's header (a year table further down is
  // short and sits right under its own header; freezing down to it would fill the screen). On
  // paper the title repeats and page breaks keep each header with its rows (see pageBreaks).
  const yearsAt = sheet.rows.findIndex((r) => r.key === '#years:data') + 1;
  const header = sheet.rows.findIndex(isHeader) + 1;
  const top = yearsAt > 0 && yearsAt <= 4 ? yearsAt : header > 0 && header <= 4 ? header : 1;
  const rows = new Map<number, Map<number, WCell>>();
  const heights = new Map<number, number>();
  const merges: string[] = [];
  const validations: { cells: string[]; rule: Validation }[] = [];
  const merge = (r: number, c1: number, c2: number) => merges.push(`${colLetter(c1)}${r}:${colLetter(c2)}${r}`);
  const hs: number[] = [];
  for (let i = 0; i < sheet.rows.length; i++) {
    const spec = sheet.rows[i]!;
    const r = i + 1;
    const row = new Map<number, WCell>();
    rows.set(r, row);
    row.set(COL.key, { value: spec.key });
    const labelStyle: Style = { font: { name: FONT, size: spec.kind === 'title' ? 14 : BODY, bold: spec.kind !== 'input' }, vertical: 'center', wrap: true };
    if (spec.kind === 'title') {
      row.set(COL.label, { value: spec.label, style: labelStyle });
      for (let c = COL.label + 1; c <= LAST_COL; c++) row.set(c, { style: labelStyle });
      merge(r, COL.label, LAST_COL);
      heights.set(r, 28);
      hs.push(28);
      continue;
    }
    const fill = spec.kind === 'input' ? undefined : spec.kind === 'group' ? GROUP_FILL : HEADER_FILL;
    for (let c: number = COL.label; c <= LAST_COL; c++) {
      const style: Style = { font: { name: FONT, size: BODY }, border: true, vertical: 'center', wrap: true, ...(fill ? { fill } : {}) };
      if (c === COL.hint) style.font = { name: FONT, size: SMALL, color: 'FF595959' };
      row.set(c, { style });
    }
    row.set(COL.label, { value: spec.label, style: { ...labelStyle, border: true, ...(fill ? { fill } : {}) } });
    if (spec.unit) row.get(COL.unit)!.value = spec.unit;
    if (spec.hint) row.get(COL.hint)!.value = spec.hint;
    if (spec.headers) {
      for (const [c, t] of Object.entries(spec.headers)) {
        row.set(Number(c), { value: t, style: { font: { name: FONT, size: BODY, bold: true }, border: true, horizontal: 'center', vertical: 'center', wrap: true, ...(fill ? { fill } : {}) } });
      }
    }
    if (spec.kind === 'group') merge(r, COL.label, COL.v3);
    if (spec.key === '#value') merge(r, COL.v1, COL.v3);
    if (spec.key === '#count') merge(r, COL.v2, COL.v3);
    if (spec.kind !== 'input') {
      // "2020年（可选）" takes two lines.
      const h = isHeader(spec) ? 30 : fitHeight(spec, WIDTHS, opts.data);
      heights.set(r, h);
      hs.push(h);
      continue;
    }
    // Value columns this row does not use are greyed out.
    const used = new Set<number>();
    for (const c of spec.cells) for (let k = 0; k < (c.span ?? 1); k++) used.add(c.col + k);
    for (const c of [COL.prior, COL.v1, COL.v2, COL.v3, COL.evidence]) if (!used.has(c)) row.get(c)!.style!.fill = NA_FILL;
    for (const c of spec.cells) {
      const n = c.leaf.node;
      if (c.span && c.span > 1) merge(r, c.col, c.col + c.span - 1);
      const fmt = c.col === COL.evidence ? '@' : numFmt(n);
      const style: Style = {
        font: { name: FONT, size: BODY },
        border: true,
        fill: INPUT_FILL,
        unlocked: true,
        ...(fmt ? { numFmt: fmt } : {}),
        // Long texts and lists from the top: a list taller than Excel's 409-pt row shows its first lines.
        vertical: n.type === 'text' || n.type === 'names' || n.type === 'evidence' ? 'top' : 'center',
        horizontal: n.type === 'number' || n.type === 'integer' ? 'right' : 'left',
        wrap: true,
      };
      const cell: WCell = { value: cellValue(c, opts.data), style };
      const note = cellNote(c, spec);
      if (note) cell.note = note;
      row.set(c.col, cell);
      const addr = `${colLetter(c.col)}${r}`;
      const list = dropdown(n);
      if (list) {
        validations.push({ cells: [addr], rule: { type: 'list', errorStyle: 'stop', allowBlank: true, showErrorMessage: true, errorTitle: '请从列表中选择', error: `只能填：${list.join('、')}`, formulae: [`"${list.join(',')}"`] } });
      } else if (n.type === 'integer' || n.type === 'number') {
        validations.push({
          cells: [addr],
          rule: {
            type: 'decimal',
            errorStyle: 'warning',
            operator: 'greaterThanOrEqual',
            allowBlank: true,
            showErrorMessage: true,
            errorTitle: '请填写数字',
            error: n.type === 'integer' ? '请填写非负整数' : '请填写数字（最多保留2位小数）',
            formulae: [n.type === 'integer' ? 0 : -1e12],
          },
        });
      } else if (n.maxChars) {
        validations.push({ cells: [addr], rule: { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, showInputMessage: true, promptTitle: `${n.maxChars}字以内`, prompt: `${n.maxChars}字以内（不计空白字符）`, formulae: [n.maxChars * 2] } });
      }
    }
    const h = Math.max(spec.height ?? 0, fitHeight(spec, WIDTHS, opts.data));
    heights.set(r, h);
    hs.push(h);
  }
  return {
    name: sheet.name,
    cols: Object.entries(WIDTHS).map(([c, w]) => ({ index: Number(c), width: w, ...(Number(c) === COL.key ? { hidden: true } : {}) })),
    rows,
    heights,
    merges,
    frozen: { rows: top, cols: 2 },
    protect: true,
    validations,
    page: {
      orientation: 'landscape',
      scale: PRINT_SCALE,
      margins: PRINT_MARGINS,
      titleRows: '1:1',
      printArea: `A1:${colLetter(LAST_COL)}${sheet.rows.length}`,
      rowBreaks: pageBreaks(sheet.rows, hs),
      footer: `&C${sheet.name}  第 &P 页 共 &N 页`,
    },
  };
}

/** The template as a workbook model (./writer.ts). */
export function buildTemplate(opts: TemplateOptions & { date?: Date }): WBook {
  const sheets: WSheet[] = [guideSheet(opts)];
  for (const sheet of workbookLayout(opts.years)) sheets.push(formSheet(sheet, opts));
  const exceptions = exceptionsSheet(FONT);
  // Printed like the others: A4 landscape, one page wide (its three columns fit at 100%).
  exceptions.page = { orientation: 'landscape', margins: PRINT_MARGINS, printArea: `A1:C${Math.max(...exceptions.rows.keys())}` };
  sheets.push(exceptions, metaSheet(opts));
  // Fixed dates: the same inputs give the same workbook.
  return { sheets, creator: 'cluster', date: opts.date ?? new Date(Date.UTC(opts.years.dataYears[0]! + 3, 0, 1)) };
}

/** The workbook as bytes, identical for identical inputs (zip entries stamped with `date`). */
export async function templateZip(opts: TemplateOptions & { date: Date }, deflate: Deflate): Promise<Uint8Array> {
  return zipParts(workbookParts(buildTemplate(opts)), opts.date, deflate);
}

export { EXCEPTIONS_SHEET };
