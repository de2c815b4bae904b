/**
 * `cluster compare --format csv`: RFC 4180 (CRLF, fields with a comma, quote or line break quoted,
 * quotes doubled), UTF-8 with a byte-order mark so that Excel opens the Chinese text correctly. Cells
 * through the shared `csvField` (control characters escaped, formulas defused), like the 材料清单.
 */
import type { Lang } from '../catalogue/types.js';
import { csvField } from '../escape.js';
import { cellText, footerRows, quotaLine, rankingExplanation, rankingLines, type Comparison } from './model.js';

export { csvField };

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

export function formatCompareCsv(c: Comparison, lang: Lang): string {
  const zh = lang === 'zh';
  const lines: string[][] = [];
  lines.push([zh ? '指标' : 'figure', zh ? '标准' : 'bound', ...c.columns.map((x) => x.name)]);
  lines.push([zh ? '所在省' : 'province', '', ...c.columns.map((x) => x.province)]);
  lines.push([zh ? '申报文件' : 'file', '', ...c.columns.map((x) => x.file)]);
  for (const r of c.rows) lines.push([r.label, r.threshold ?? '', ...r.cells.map((x) => cellText(r, x, lang))]);
  for (const f of footerRows(c, lang)) lines.push([f.label, '', ...f.cells]);
  lines.push([]);
  for (const g of c.provinces) lines.push([quotaLine(g, c.quota, lang)]);
  for (const l of rankingLines(c, lang)) lines.push([l.trim()]);
  for (const l of rankingExplanation(lang, c.quota, undefined, c)) lines.push([l]);
  return '\uFEFF' + lines.map(csvLine).join('\r\n') + '\r\n';
}
