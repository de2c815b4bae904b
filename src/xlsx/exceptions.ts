/**
 * The workbook's equivalent of `# cluster-disable-next-line`: a 例外说明 sheet where each row names a
 * rule id, the cell it applies to (工作表!单元格, as findings print it) and the reason. Read into the
 * same directives as YAML comments (src/suppress.ts): not counted, reported with the reason, an
 * unused or reason-less row is a warning at that row.
 */
import type ExcelJS from 'exceljs';
import type { Directive } from '../suppress.js';

export const EXCEPTIONS_SHEET = '例外说明';
/** Rows offered for input (a row beyond them is read too). */
const INPUT_ROWS = 100;
const MAX_ROWS = 2000;

export function addExceptionsSheet(wb: ExcelJS.Workbook, font: string): void {
  const ws = wb.addWorksheet(EXCEPTIONS_SHEET, { properties: { tabColor: { argb: 'FFBFBFBF' } }, views: [{ state: 'frozen', ySplit: 1 }] });
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 70;
  const head = ws.getRow(1);
  head.values = ['规则 id（见 cluster rules）', '单元格（工作表!单元格，如 封面!C9）', '理由（必填：为什么此处不按规则处理，经谁核实）'];
  head.font = { name: font, bold: true };
  head.height = 30;
  for (let c = 1; c <= 3; c++) {
    head.getCell(c).alignment = { wrapText: true, vertical: 'middle' };
    head.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
  }
  head.getCell(1).note = {
    texts: [{ text: '与 YAML 中的 # cluster-disable-next-line <规则id> -- <理由> 相同：该单元格的这条问题不再计入，但连同理由一起报告。未匹配任何问题的行会被提示删除。' }],
  } as ExcelJS.Comment;
  for (let r = 2; r <= INPUT_ROWS + 1; r++) {
    for (let c = 1; c <= 3; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { name: font };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } };
      cell.alignment = { wrapText: c === 3, vertical: 'top' };
    }
  }
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v);
}

/** The sheet's rows as directives (none when the sheet is absent, as in workbooks of older templates). */
export function readExceptions(wb: ExcelJS.Workbook): Directive[] {
  const ws = wb.getWorksheet(EXCEPTIONS_SHEET);
  if (!ws) return [];
  const out: Directive[] = [];
  const last = Math.min(ws.rowCount, MAX_ROWS);
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const ids = text(row.getCell(1).value).trim();
    const target = text(row.getCell(2).value).trim().replace(/！/g, '!');
    const reason = text(row.getCell(3).value).trim();
    if (!ids && !target && !reason) continue;
    const bang = target.lastIndexOf('!');
    const targetSheet = bang < 0 ? target : target.slice(0, bang).replace(/^'(.*)'$/, '$1');
    const targetCell = bang < 0 ? undefined : target.slice(bang + 1).replace(/\$/g, '').toUpperCase();
    out.push({
      kind: 'workbook',
      sheet: EXCEPTIONS_SHEET,
      cell: `A${r}`,
      targetSheet,
      ...(targetCell ? { targetCell } : {}),
      ruleIds: ids.split(/[\s,，、]+/).filter(Boolean),
      reason,
    });
  }
  return out;
}
