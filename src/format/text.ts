import { FORM } from '../catalogue/index.js';
import type { Lang, SectionId } from '../catalogue/types.js';
import type { FileResult, Finding, Severity } from '../findings.js';
import { wholeReport, type Formatter, type Paint, type StreamFormatter } from './types.js';
import { visible } from '../errors.js';

const SEV: Record<Severity, Record<Lang, string>> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

function sevText(s: Severity, lang: Lang, p: Paint): string {
  const t = SEV[s][lang];
  return s === 'error' ? p.red(t) : s === 'warning' ? p.yellow(t) : p.blue(t);
}

function where(f: Finding): string {
  if (f.sheet) return f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
  if (f.line) return `${f.line}:${f.column ?? 1}`;
  return '—';
}

/** Display width: CJK characters take two columns in a terminal. */
export function width(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) w += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // a surrogate pair: the CJK extension planes (U+20000–U+3FFFD) are wide
      const cp = (c - 0xd800) * 0x400 + (s.charCodeAt(++i) - 0xdc00) + 0x10000;
      w += cp >= 0x20000 && cp <= 0x3fffd ? 2 : 1;
    } else {
      w +=
        (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
          ? 2
          : 1;
    }
  }
  return w;
}

export function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

const SECTION_ORDER: Array<SectionId | 'other'> = [...FORM.map((s) => s.section.id), 'other'];

function sectionTitle(id: SectionId | 'other', lang: Lang): string {
  const s = FORM.find((x) => x.section.id === id);
  if (!s) return lang === 'zh' ? '文件' : 'File';
  return lang === 'zh' ? s.section.title : s.section.en;
}

function fileDetails(r: FileResult, lang: Lang, p: Paint, quiet: boolean): string[] {
  const lines: string[] = [];
  const shown = quiet ? r.findings.filter((f) => f.severity === 'error') : r.findings;
  if (shown.length === 0) {
    lines.push(`${p.green('✔')} ${p.bold(visible(r.file))}${lang === 'zh' ? '：未发现问题' : ': no problems'}`);
    return lines;
  }
  lines.push(p.bold(visible(r.file)));
  const bySection = new Map<SectionId | 'other', Finding[]>();
  for (const f of shown) {
    const k = f.section ?? 'other';
    if (!bySection.has(k)) bySection.set(k, []);
    bySection.get(k)!.push(f);
  }
  // A loop, not Math.max(...): a hostile file can yield more findings than the call stack holds arguments.
  let wWhere = 0;
  for (const f of shown) wWhere = Math.max(wWhere, width(where(f)));
  for (const sec of SECTION_ORDER) {
    const fs = bySection.get(sec);
    if (!fs) continue;
    lines.push(`  ${p.bold(sectionTitle(sec, lang))}`);
    for (const f of fs) {
      lines.push(`    ${p.dim(pad(visible(where(f)), wWhere))}  ${sevText(f.severity, lang, p)}  ${visible(f.message)}  ${p.dim(f.ruleId)}`);
    }
  }
  return lines;
}

/** What the summary line counts: kept as results stream by, instead of the results. */
export interface Tally {
  files: number;
  failed: number;
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

export function newTally(): Tally {
  return { files: 0, failed: 0, error: 0, warning: 0, info: 0, suppressed: 0 };
}

export function tallyAdd(t: Tally, r: FileResult): Tally {
  t.files++;
  if (!r.valid) t.failed++;
  t.error += r.summary.error;
  t.warning += r.summary.warning;
  t.info += r.summary.info;
  t.suppressed += r.suppressed?.length ?? 0;
  return t;
}

export function summaryLine(results: readonly FileResult[] | Tally, lang: Lang, p: Paint): string {
  const t = Array.isArray(results) ? results.reduce(tallyAdd, newTally()) : (results as Tally);
  const passed = t.files - t.failed;
  const mark = t.error > 0 ? p.red('✖') : t.warning > 0 ? p.yellow('⚠') : p.green('✔');
  const sup = t.suppressed;
  const supText = sup === 0 ? '' : lang === 'zh' ? `；已按忽略指令略过 ${sup} 个（理由见 --format json）` : `; ${sup} suppressed with a reason (see --format json)`;
  return lang === 'zh'
    ? `${mark} ${t.files} 个文件：通过 ${passed}，未通过 ${t.failed}；错误 ${t.error}，警告 ${t.warning}，提示 ${t.info}${supText}`
    : `${mark} ${t.files} file${t.files === 1 ? '' : 's'}: ${passed} passed, ${t.failed} failed; ${t.error} error${t.error === 1 ? '' : 's'}, ${t.warning} warning${t.warning === 1 ? '' : 's'}, ${t.info} info${supText}`;
}

/** For many filings: one row each (filing, errors, warnings, worst rule). */
function batchRow(r: FileResult): { cells: string[]; error: boolean; warning: boolean } {
  const worst = r.findings.find((f) => f.severity === 'error') ?? r.findings.find((f) => f.severity === 'warning');
  return {
    cells: [visible(r.file), String(r.summary.error), String(r.summary.warning), worst ? `${worst.ruleId}${r.unreadable ? '：' + visible(worst.message) : ''}` : '—'],
    error: r.summary.error > 0,
    warning: r.summary.warning > 0,
  };
}

function batchTable(rows: ReadonlyArray<ReturnType<typeof batchRow>>, lang: Lang, p: Paint): string[] {
  const head = lang === 'zh' ? ['申报文件', '错误', '警告', '最主要的问题'] : ['filing', 'errors', 'warnings', 'worst rule'];
  const w = head.map((h, i) => rows.reduce((m, r) => Math.max(m, width(r.cells[i]!)), width(h)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 3 ? c : pad(c, w[i]!))).join('  ');
  const out = [p.bold(fmt(head)), p.dim(w.map((n, i) => '─'.repeat(i === 3 ? Math.min(n, 40) : n)).join('  '))];
  for (const r of rows) {
    const line = fmt(r.cells);
    out.push(r.error ? p.red(line) : r.warning ? p.yellow(line) : line);
  }
  return out;
}

/**
 * One filing: its findings by form section. Several: a table of one row each (its column widths need
 * every row, so the rows — a few short strings each — are kept until the end, never the results).
 */
export const streamText: StreamFormatter = (head, opts) => {
  const { lang, paint: p } = opts;
  const table = head.files.length > 1 && !opts.details;
  const rows: Array<ReturnType<typeof batchRow>> = [];
  const tally = newTally();
  return {
    begin: () => '',
    add: (r) => {
      const first = tally.files === 0;
      tallyAdd(tally, r);
      if (table) {
        rows.push(batchRow(r));
        return '';
      }
      return (first ? '' : '\n\n') + fileDetails(r, lang, p, !!opts.quiet).join('\n');
    },
    end: () => (table ? batchTable(rows, lang, p).join('\n') + '\n\n' : tally.files > 0 ? '\n\n' : '\n') + summaryLine(tally, lang, p) + '\n',
  };
};

export const formatText: Formatter = wholeReport(streamText);
