import { escapeControls, escapeMessage } from '../escape.js';
import { isAbsolute, relative } from 'node:path';
import type { FileResult, Severity } from '../findings.js';
import { wholeReport, type Formatter, type FormatOptions, type StreamFormatter } from './types.js';
import { summaryLine } from './text.js';
import { PLAIN } from './types.js';

const CMD: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(s: string): string {
  // CR and LF are the command syntax's own escapes; any other control character (ESC colours the log) is shown.
  return escapeMessage(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')).replace(/\t/g, '\\u0009');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The path as GitHub expects it: forward slashes, relative to the workspace (a Windows runner's
 * `filings\\a\\cluster.yaml` or an absolute path inside the checkout would not annotate the file).
 */
export function githubPath(file: string, cwd: string = process.env.GITHUB_WORKSPACE ?? process.cwd()): string {
  let f = file;
  if (isAbsolute(f) || /^[A-Za-z]:[\\/]/.test(f)) {
    const rel = relative(cwd, f);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) f = rel;
  }
  return f.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** GitHub Actions workflow commands, one annotation per finding. */
export const streamGithub: StreamFormatter = () => ({
  begin: () => '',
  add: (r) => {
    let out = '';
    for (const f of r.findings) {
      const props = [`file=${escapeProperty(githubPath(r.file))}`];
      if (f.line) {
        props.push(`line=${f.line}`);
        if (f.column) props.push(`col=${f.column}`);
      }
      props.push(`title=${escapeProperty(f.ruleId)}`);
      const cell = f.sheet ? ` [${f.sheet}${f.cell ? `!${f.cell}` : ''}]` : '';
      out += `::${CMD[f.severity]} ${props.join(',')}::${escapeData(f.message + cell)}\n`;
    }
    return out;
  },
  end: () => '',
});

export const formatGithub: Formatter = wholeReport(streamGithub);

function mdCell(s: string): string {
  return escapeControls(s.replace(/\|/g, '\\|').replace(/\n/g, ' '));
}

/** The full list for $GITHUB_STEP_SUMMARY: GitHub shows only 10 annotations of each kind per step. */
export function githubStepSummary(results: readonly FileResult[], opts: Pick<FormatOptions, 'lang'>): string {
  const zh = opts.lang === 'zh';
  const lines = [`### cluster validate`, '', summaryLine(results, opts.lang, PLAIN), ''];
  const all = results.flatMap((r) => r.findings.map((f) => ({ r, f })));
  if (all.length) {
    lines.push(zh ? '| 文件 | 位置 | 级别 | 规则 | 说明 |' : '| file | location | severity | rule | message |', '|---|---|---|---|---|');
    for (const { r, f } of all) {
      const where = f.sheet ? (f.cell ? `${f.sheet}!${f.cell}` : f.sheet) : f.line ? `${f.line}:${f.column ?? 1}` : '';
      lines.push(`| ${mdCell(githubPath(r.file))} | ${where} | ${f.severity} | \`${f.ruleId}\` | ${mdCell(f.message)} |`);
    }
  }
  return lines.join('\n') + '\n';
}
