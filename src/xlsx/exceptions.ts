/**
 * The workbook's equivalent of `# cluster-disable-next-line`: a 例外说明 sheet where each row names a
 * rule id, the cell it applies to (工作表!单元格, as findings print it) and the reason. Read into the
 * same directives as YAML comments (src/suppress.ts): not counted, reported with the reason, an
 * unused or reason-less row is a warning at that row.
 */
import type { Directive } from '../suppress.js';
import type { XValue, XWorkbook } from './ooxml.js';
import type { WCell, WSheet } from './writer.js';

export const EXCEPTIONS_SHEET = '例外说明';
/** Rows offered for input (a row beyond them is read too). */
const INPUT_ROWS = 100;
const MAX_ROWS = 2000;

export function exceptionsSheet(font: string): WSheet {
  const rows = new Map<number, Map<number, WCell>>();
  const heads = ['规则 id（见 cluster rules）', '单元格（工作表!单元格，如 封面!C9）', '理由（必填：为什么此处不按规则处理，经谁核实）'];
  const head = new Map<number, WCell>();
  heads.forEach((t, i) => head.set(i + 1, { value: t, style: { font: { name: font, bold: true }, fill: 'FFD9D9D9', vertical: 'center', wrap: true } }));
  head.get(1)!.note = '与 YAML 中的 # cluster-disable-next-line <规则id> -- <理由> 相同：该单元格的这条问题不再计入，但连同理由一起报告。未匹配任何问题的行会被提示删除。';
  rows.set(1, head);
  for (let r = 2; r <= INPUT_ROWS + 1; r++) {
    const row = new Map<number, WCell>();
    for (let c = 1; c <= 3; c++) row.set(c, { style: { font: { name: font }, fill: 'FFFFF9E5', vertical: 'top', wrap: c === 3 } });
    rows.set(r, row);
  }
  return {
    name: EXCEPTIONS_SHEET,
    tabColor: 'FFBFBFBF',
    cols: [
      { index: 1, width: 34 },
      { index: 2, width: 30 },
      { index: 3, width: 70 },
    ],
    rows,
    heights: new Map([[1, 30]]),
    frozen: { rows: 1, cols: 0 },
  };
}

function text(v: XValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('formula' in v) return v.result === undefined || typeof v.result === 'object' ? '' : String(v.result);
    return '';
  }
  return String(v);
}

/** The sheet's rows as directives (none when the sheet is absent, as in workbooks of older templates). */
export function readExceptions(wb: XWorkbook): Directive[] {
  const ws = wb.sheets.find((s) => s.name === EXCEPTIONS_SHEET);
  if (!ws) return [];
  const out: Directive[] = [];
  const last = Math.min(Math.max(0, ...ws.rows.keys()), MAX_ROWS);
  for (let r = 2; r <= last; r++) {
    const row = ws.rows.get(r);
    const ids = text(row?.get(1)?.value).trim();
    const target = text(row?.get(2)?.value).trim().replace(/！/g, '!');
    const reason = text(row?.get(3)?.value).trim();
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
