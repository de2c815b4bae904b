import { escapeMessage } from '../escape.js';
import type { Finding } from '../findings.js';
import type { Formatter } from './types.js';

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

/** One testsuite per filing, one testcase per rule; error findings fail it, others are reported in system-out. */
export const formatJunit: Formatter = (report, opts) => {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const suites = report.results.map((r) => {
    const ids = r.unreadable ? ['input/unreadable'] : opts.rules.map((m) => m.id).filter((id) => id !== 'input/unreadable' && !id.startsWith('pack/'));
    const cases = ids.map((id) => {
      const fs = r.findings.filter((f) => f.ruleId === id);
      const errors = fs.filter((f) => f.severity === 'error');
      const others = fs.filter((f) => f.severity !== 'error');
      const body: string[] = [];
      if (errors.length) {
        const first = errors[0]!;
        body.push(
          `      <failure message="${xmlEscape(`${loc(first)} ${first.message}`)}" type="${first.severity}">${xmlEscape(errors.map((f) => `${r.file}:${loc(f)} ${f.message}`).join('\n'))}</failure>`,
        );
      }
      if (others.length) body.push(`      <system-out>${xmlEscape(others.map((f) => `${f.severity} ${r.file}:${loc(f)} ${f.message}`).join('\n'))}</system-out>`);
      const open = `    <testcase classname="${xmlEscape(r.file)}" name="${xmlEscape(id)}"`;
      return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
    });
    const failures = cases.filter((c) => c.includes('<failure')).length;
    return { r, cases, failures };
  });
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  lines.push(`<testsuites name="cluster validate" tests="${tests}" failures="${failures}" errors="0">`);
  for (const s of suites) {
    lines.push(`  <testsuite name="${xmlEscape(s.r.file)}" tests="${s.cases.length}" failures="${s.failures}" errors="0" skipped="0">`);
    lines.push(...s.cases);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
};
