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
import { addExceptionsSheet } from './exceptions.js';
import { COL, GUIDE_SHEET, LAST_COL, META_SHEET, TEMPLATE_MARK, TEMPLATE_VERSION, colLetter, workbookLayout, type CellSpec, type LayoutYears, type RowSpec } from './layout.js';

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const NA_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';

/** exceljs keeps range validations on `worksheet.dataValidations` but leaves it out of its typings. */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } };

function numFmt(n: FieldNode): string | undefined {
  if (n.type === 'integer') return '0';
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
    if (typeof v === 'string' && c.leaf.node.type !== 'text') {
      const w = (c.span ?? 1) > 1 ? Array.from({ length: c.span! }, (_, k) => widths[c.col + k]!).reduce((a, b) => a + b, 0) : widths[c.col]!;
      max = Math.max(max, v.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(displayWidth(l) / Math.max(4, w - 3))), 0));
    }
  }
  return Math.min(400, Math.max(18, Math.ceil(max * 14 + 4)));
}

export interface TemplateOptions {
  years: LayoutYears;
  profileId: string;
  /** Fill the workbook from this filing. */
  data?: Record<string, unknown>;
}

function guideSheet(wb: ExcelJS.Workbook, opts: TemplateOptions): void {
  const ws = wb.addWorksheet(GUIDE_SHEET, { properties: { tabColor: { argb: 'FF4F81BD' } } });
  ws.getColumn(1).width = 110;
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
  lines.forEach((t, i) => {
    const c = ws.getCell(i + 1, 1);
    c.value = t;
    c.font = { name: FONT, size: i === 0 ? 14 : 11, bold: i === 0 || t === '怎样填写' || t.startsWith('填报说明') };
    c.alignment = { wrapText: true, vertical: 'top' };
  });
}

function metaSheet(wb: ExcelJS.Workbook, opts: TemplateOptions): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  ws.addRow([TEMPLATE_MARK, TEMPLATE_VERSION]);
  ws.addRow(['profile', opts.profileId]);
  ws.addRow(['dataYears', ...opts.years.dataYears]);
  ws.addRow(['targetYear', opts.years.targetYear]);
}

export async function buildTemplate(opts: TemplateOptions): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'cluster';
  wb.lastModifiedBy = 'cluster';
  // Fixed dates: the same inputs give the same workbook.
  wb.created = new Date(Date.UTC(opts.years.dataYears[0]! + 3, 0, 1));
  wb.modified = wb.created;
  guideSheet(wb, opts);
  for (const sheet of workbookLayout(opts.years)) {
    const ws = wb.addWorksheet(sheet.name, {
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
      headerFooter: { oddFooter: `&C${sheet.name}  第 &P 页 共 &N 页` },
      views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
    });
    const widths: Record<number, number> = { [COL.key]: 4, [COL.label]: 46, [COL.unit]: 12, [COL.prior]: 12, [COL.v1]: 16, [COL.v2]: 16, [COL.v3]: 16, [COL.evidence]: 40, [COL.hint]: 36 };
    for (const [c, w] of Object.entries(widths)) ws.getColumn(Number(c)).width = w;
    ws.getColumn(COL.key).hidden = true;
    for (let i = 0; i < sheet.rows.length; i++) {
      const spec = sheet.rows[i]!;
      const r = i + 1;
      const row = ws.getRow(r);
      row.getCell(COL.key).value = spec.key;
      const label = row.getCell(COL.label);
      label.value = spec.label;
      label.font = { name: FONT, size: spec.kind === 'title' ? 14 : 10.5, bold: spec.kind !== 'input' };
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
        if (!cell.font) cell.font = { name: FONT, size: 10.5 };
        cell.alignment = { ...(cell.alignment ?? {}), wrapText: true, vertical: 'middle' };
        if (spec.kind !== 'input') cell.fill = spec.kind === 'group' ? GROUP_FILL : HEADER_FILL;
      }
      row.getCell(COL.hint).font = { name: FONT, size: 9, color: { argb: 'FF595959' } };
      if (spec.headers) {
        for (const [c, t] of Object.entries(spec.headers)) {
          const cell = row.getCell(Number(c));
          cell.value = t;
          cell.font = { name: FONT, size: 10.5, bold: true };
          cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        }
      }
      if (spec.kind === 'group') ws.mergeCells(r, COL.label, r, COL.v3);
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
          (ws as WithValidations).dataValidations.add(addr, {
            type: 'list',
            allowBlank: true,
            formulae: [`"${list.join(',')}"`],
            showErrorMessage: true,
            errorStyle: 'stop',
            errorTitle: '请从列表中选择',
            error: `只能填：${list.join('、')}`,
          });
        } else if (n.type === 'integer' || n.type === 'number') {
          (ws as WithValidations).dataValidations.add(addr, {
            type: 'decimal',
            operator: 'greaterThanOrEqual',
            allowBlank: true,
            formulae: [n.type === 'integer' ? 0 : -1e12],
            showErrorMessage: true,
            errorStyle: 'warning',
            errorTitle: '请填写数字',
            error: n.type === 'integer' ? '请填写非负整数' : '请填写数字（最多保留2位小数）',
          });
        } else if (n.maxChars) {
          (ws as WithValidations).dataValidations.add(addr, {
            type: 'textLength',
            operator: 'lessThanOrEqual',
            allowBlank: true,
            formulae: [n.maxChars * 2],
            showInputMessage: true,
            promptTitle: `${n.maxChars}字以内`,
            prompt: `${n.maxChars}字以内（不计空白字符）`,
          });
        }
        const note = cellNote(c, spec);
        if (note) cell.note = { texts: [{ text: note }], margins: { insetmode: 'auto' } } as ExcelJS.Comment;
      }
      row.height = Math.max(spec.height ?? 0, fitHeight(spec, widths, opts.data));
    }
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: true, deleteRows: true });
  }
  addExceptionsSheet(wb, FONT);
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
  return normalizeZip(raw, opts.date);
}

async function normalizeZip(raw: Buffer, date: Date): Promise<Buffer> {
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
    const inputs = [];
    for (const e of entries) {
      if (e.isDirectory) continue;
      const chunks: Buffer[] = [];
      for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
      inputs.push({ name: e.name, data: Buffer.concat(chunks), method: 'deflate' as const });
    }
    const out = join(dir, 'out.xlsx');
    await writeZipAtomic(out, inputs, { date, extendedTimestamp: false, fsync: false });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
    releaseTempDir(dir);
  }
}
