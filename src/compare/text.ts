/** `cluster compare` as text: CJK-width aligned columns, one per filing, the cluster names wrapped in the header. */
import { escapeControls as esc } from '../escape.js';
import type { Lang } from '../catalogue/types.js';
import { pad, width } from '../format/text.js';
import type { Paint } from '../format/types.js';
import { PLAIN } from '../format/types.js';
import { cellText, footerRows, quotaLine, rankingExplanation, rankingLines, type Comparison } from './model.js';

/** Splits `s` into pieces of at most `w` display columns. */
export function wrapWidth(s: string, w: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (cur && width(cur + ch) > w) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur || out.length === 0) out.push(cur);
  return out;
}

const MIN_COL = 16;

export function formatCompareText(c: Comparison, lang: Lang, p: Paint = PLAIN): string {
  const zh = lang === 'zh';
  const footer = footerRows(c, lang);
  const body = c.rows.map((r) => ({ label: r.label, threshold: r.threshold ?? '', cells: r.cells.map((x) => esc(cellText(r, x, lang))), verdicts: r.cells.map((x) => x.verdict) }));
  const labelHead = zh ? '指标' : 'figure';
  const thHead = zh ? '标准' : 'bound';
  const wLabel = Math.max(width(labelHead), ...body.map((r) => width(r.label)), ...footer.map((r) => width(r.label)));
  const wTh = Math.max(width(thHead), ...body.map((r) => width(r.threshold)));
  const wCols = c.columns.map((_, i) => Math.max(MIN_COL, ...body.map((r) => width(r.cells[i]!)), ...footer.map((r) => width(r.cells[i]!))));

  // Header: "[n]" then the cluster name wrapped to the column.
  const names = c.columns.map((col, i) => [`[${i + 1}]`, ...wrapWidth(esc(col.name), wCols[i]!)]);
  const headLines = Math.max(...names.map((n) => n.length));
  const lines: string[] = [];
  lines.push(
    p.bold(
      c.review
        ? zh
          ? `${c.profileName}：复核比较（${c.columns.length} 个复核文件，配置 ${c.profileId}）`
          : `${c.profileName}: comparison of ${c.columns.length} review filings (profile ${c.profileId})`
        : zh
          ? `${c.profileName}：申报比较（${c.columns.length} 个申报，配置 ${c.profileId}）`
          : `${c.profileName}: comparison of ${c.columns.length} filings (profile ${c.profileId})`,
    ),
  );
  lines.push('');
  const row = (label: string, th: string, cells: string[]) =>
    [pad(label, wLabel), pad(th, wTh), ...cells.map((x, i) => pad(x, wCols[i]!))].join('  ').replace(/\s+$/, '');
  for (let k = 0; k < headLines; k++) {
    lines.push(p.bold(row(k === headLines - 1 ? labelHead : '', k === headLines - 1 ? thHead : '', names.map((n) => n[k] ?? ''))));
  }
  const rule = p.dim([wLabel, wTh, ...wCols].map((n) => '─'.repeat(n)).join('  '));
  lines.push(rule);
  for (const r of body) {
    const cells = r.cells.map((x, i) => {
      const padded = pad(x, wCols[i]!);
      return r.verdicts[i] === 'fail' ? p.red(padded) : padded;
    });
    lines.push([pad(r.label, wLabel), pad(r.threshold, wTh), ...cells].join('  ').replace(/\s+$/, ''));
  }
  lines.push(rule);
  for (const f of footer) lines.push(p.bold(row(f.label, '', f.cells)));
  lines.push('');
  lines.push(p.bold(zh ? '申报文件：' : 'Files:'));
  c.columns.forEach((col, i) => lines.push(`  [${i + 1}] ${esc(col.file)}`));
  if (!c.review) {
    lines.push('');
    lines.push(p.bold(zh ? '各省推荐名额：' : 'Quota per province:'));
    for (const g of c.provinces) {
      const l = `  ${esc(quotaLine(g, c.quota, lang))}`;
      lines.push(g.overQuota ? p.yellow(l) : l);
    }
    lines.push('');
    lines.push(p.bold(zh ? '省内排序提示：' : 'Rank hint within each province:'));
    for (const l of rankingLines(c, lang)) lines.push(`  ${esc(l)}`);
  }
  lines.push('');
  lines.push(p.bold(zh ? '说明：' : 'Notes:'));
  for (const l of rankingExplanation(lang, c.quota, undefined, c)) lines.push(p.dim(`  ${l}`));
  return lines.join('\n') + '\n';
}
