/**
 * Inline suppressions with a reason (pure: text in, directives out; findings in, findings out).
 *
 *   # cluster-disable-next-line form/phone -- 座机无区号，已与申报单位核实
 *
 * applies to the next line that is neither blank nor a comment (so it may sit above the label
 * comment `init` writes). Several ids are separated by commas. A workbook gives the same in its
 * 例外说明 sheet (rule id, cell, reason). A suppressed finding is not counted but is reported with
 * its reason; a directive without a reason or naming an unknown rule is reported and not applied;
 * one that matches nothing is reported as unused.
 */
import type { Finding, Severity } from './findings.js';
import { fill } from './i18n.js';
import type { Lang } from './catalogue/types.js';
import type { RuleMeta } from './rules/types.js';

export const DIRECTIVE = 'cluster-disable-next-line';

export interface Directive {
  kind: 'inline' | 'workbook';
  /** Where the directive itself is written (1-based line, or sheet and cell). */
  line?: number;
  column?: number;
  sheet?: string;
  cell?: string;
  /** What it applies to: a line (inline) or a sheet!cell (workbook). */
  targetLine?: number;
  targetSheet?: string;
  targetCell?: string;
  ruleIds: string[];
  reason: string;
}

export interface Suppression {
  kind: 'inSource';
  justification: string;
  /** Where the directive is written. */
  location: string;
}

export type SuppressedFinding = Finding & { suppression: Suppression };

const RE = new RegExp(`^\\s*#\\s*${DIRECTIVE}\\b(.*)$`);

/** Every directive of a YAML text, with the line each applies to. */
export function parseDirectives(text: string): Directive[] {
  if (!text.includes(DIRECTIVE)) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const out: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = RE.exec(lines[i]!);
    if (!m) continue;
    const rest = m[1]!;
    const sep = rest.search(/\s--(\s|$)/);
    const idsPart = sep < 0 ? rest : rest.slice(0, sep);
    const reason = sep < 0 ? '' : rest.slice(sep).replace(/^\s--\s*/, '').trim();
    const ruleIds = idsPart.split(/[\s,，]+/).filter(Boolean);
    let target = i + 1;
    while (target < lines.length && /^\s*(#.*)?$/.test(lines[target]!)) target++;
    out.push({
      kind: 'inline',
      line: i + 1,
      column: lines[i]!.indexOf('#') + 1,
      targetLine: target < lines.length ? target + 1 : undefined,
      ruleIds,
      reason,
    });
  }
  return out;
}

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** suppression/invalid and suppression/unused findings, located at the directive. */
  problems: Finding[];
}

function where(d: Directive): string {
  if (d.sheet) return d.cell ? `${d.sheet}!${d.cell}` : d.sheet;
  return `${d.line}:${d.column ?? 1}`;
}

function matches(d: Directive, f: Finding): boolean {
  if (!d.ruleIds.includes(f.ruleId)) return false;
  if (d.kind === 'inline') return d.targetLine !== undefined && f.line === d.targetLine;
  return f.sheet === d.targetSheet && (d.targetCell === undefined || f.cell === d.targetCell);
}

function problem(meta: RuleMeta | undefined, ruleId: string, messageId: string, data: Record<string, string>, d: Directive, lang: Lang): Finding {
  const tpl = meta?.messages[lang][messageId] ?? messageId;
  const f: Finding = { ruleId, severity: (meta?.severity ?? 'warning') as Severity, message: fill(tpl, data), path: '' };
  if (d.sheet) {
    f.sheet = d.sheet;
    if (d.cell) f.cell = d.cell;
  } else if (d.line) {
    f.line = d.line;
    if (d.column) f.column = d.column;
  }
  return f;
}

/** Findings a never-suppressible rule reports (a file that cannot be read has no directives to trust). */
const NEVER = new Set(['input/unreadable', 'suppression/invalid', 'suppression/unused']);

export function applySuppressions(
  findings: readonly Finding[],
  directives: readonly Directive[],
  opts: { lang: Lang; knownRule: (id: string) => boolean; meta: (id: string) => RuleMeta | undefined },
): SuppressionOutcome {
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const problems: Finding[] = [];
  const valid: Directive[] = [];
  for (const d of directives) {
    const unknown = d.ruleIds.filter((id) => !opts.knownRule(id));
    if (d.ruleIds.length === 0) problems.push(problem(opts.meta('suppression/invalid'), 'suppression/invalid', 'noRule', {}, d, opts.lang));
    else if (unknown.length) problems.push(problem(opts.meta('suppression/invalid'), 'suppression/invalid', 'unknownRule', { rule: unknown.join(', ') }, d, opts.lang));
    else if (!d.reason) problems.push(problem(opts.meta('suppression/invalid'), 'suppression/invalid', d.kind === 'workbook' ? 'noReasonCell' : 'noReason', { rule: d.ruleIds.join(', ') }, d, opts.lang));
    else valid.push(d);
  }
  const used = new Set<string>(); // `${directive index}\0${rule id}`
  for (const f of findings) {
    const i = NEVER.has(f.ruleId) ? -1 : valid.findIndex((d) => matches(d, f));
    if (i < 0) {
      kept.push(f);
      continue;
    }
    const d = valid[i]!;
    used.add(`${i}\0${f.ruleId}`);
    suppressed.push({ ...f, suppression: { kind: 'inSource', justification: d.reason, location: where(d) } });
  }
  valid.forEach((d, i) => {
    for (const id of d.ruleIds) {
      if (!used.has(`${i}\0${id}`)) problems.push(
          d.kind === 'inline'
            ? problem(opts.meta('suppression/unused'), 'suppression/unused', 'unused', { rule: id, target: d.targetLine ? String(d.targetLine) : '—' }, d, opts.lang)
            : problem(opts.meta('suppression/unused'), 'suppression/unused', 'unusedCell', { rule: id, target: d.targetCell ? `${d.targetSheet}!${d.targetCell}` : (d.targetSheet ?? '—') }, d, opts.lang),
        );
    }
  });
  return { kept, suppressed, problems };
}
