import { escapeMessage } from '../escape.js';
import type { FileResult, Finding } from '../findings.js';
import type { Formatter, StreamFormatter } from './types.js';

export function xmlEscape(s: string): string {
  // XML 1.0 cannot hold most control characters at all: they are shown as \u001b, like everywhere else.
  return escapeMessage(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function loc(f: Finding): string {
  if (f.sheet) return f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
  if (f.line) return `${f.line}:${f.column ?? 1}`;
  return f.path || '—';
}

function secs(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

/**
 * One testsuite per filing, one testcase per rule; error findings fail it, others are reported in
 * system-out; a file that cannot be read is an `<error>` (the run could not test it), not a failure.
 * `time`, `timestamp` and `hostname` come from the options (the command measures them).
 */
/**
 * Streamed, JUnit still needs every count in its first element: the results are kept until the end,
 * without their metrics (the bulk of a result), and written then.
 */
export const streamJunit: StreamFormatter = (head, opts) => {
  const kept: FileResult[] = [];
  return {
    begin: () => '',
    add: (r) => {
      kept.push({ file: r.file, valid: r.valid, summary: r.summary, findings: r.findings, ...(r.unreadable ? { unreadable: true } : {}) });
      return '';
    },
    end: () => formatJunit({ tool: head.tool, profile: head.profile, results: kept }, opts),
  };
};

export const formatJunit: Formatter = (report, opts) => {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const timestamp = (opts.timing?.started ?? '1970-01-01T00:00:00Z').replace(/\.\d+Z$|Z$/, '');
  const hostname = opts.timing?.hostname ?? 'localhost';
  const suites = report.results.map((r) => {
    const ids = r.unreadable ? ['input/unreadable'] : opts.rules.map((m) => m.id).filter((id) => id !== 'input/unreadable' && !id.startsWith('pack/'));
    const ms = opts.timing?.durations?.[r.file];
    const cases = ids.map((id) => {
      const fs = r.findings.filter((f) => f.ruleId === id);
      const errors = fs.filter((f) => f.severity === 'error');
      const others = fs.filter((f) => f.severity !== 'error');
      const body: string[] = [];
      if (r.unreadable && errors.length) {
        const first = errors[0]!;
        body.push(`      <error message="${xmlEscape(`${loc(first)} ${first.message}`)}" type="input/unreadable">${xmlEscape(`${r.file}:${loc(first)} ${first.message}`)}</error>`);
      } else if (errors.length) {
        const first = errors[0]!;
        body.push(
          `      <failure message="${xmlEscape(`${loc(first)} ${first.message}`)}" type="${first.severity}">${xmlEscape(errors.map((f) => `${r.file}:${loc(f)} ${f.message}`).join('\n'))}</failure>`,
        );
      }
      if (others.length) body.push(`      <system-out>${xmlEscape(others.map((f) => `${f.severity} ${r.file}:${loc(f)} ${f.message}`).join('\n'))}</system-out>`);
      // The rules run together: each testcase gets an equal share of the file's time.
      const open = `    <testcase classname="${xmlEscape(r.file)}" name="${xmlEscape(id)}" time="${secs(ms === undefined ? 0 : ms / ids.length)}"`;
      return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
    });
    const failures = cases.filter((c) => c.includes('<failure')).length;
    const errors = cases.filter((c) => c.includes('<error')).length;
    return { r, cases, failures, errors, ms };
  });
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const errors = suites.reduce((n, s) => n + s.errors, 0);
  const total = suites.reduce((n, s) => n + (s.ms ?? 0), 0);
  lines.push(`<testsuites name="cluster validate" tests="${tests}" failures="${failures}" errors="${errors}" time="${secs(total)}" timestamp="${timestamp}">`);
  for (const s of suites) {
    lines.push(
      `  <testsuite name="${xmlEscape(s.r.file)}" tests="${s.cases.length}" failures="${s.failures}" errors="${s.errors}" skipped="0" time="${secs(s.ms)}" timestamp="${timestamp}" hostname="${xmlEscape(hostname)}">`,
    );
    lines.push(...s.cases);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
};
