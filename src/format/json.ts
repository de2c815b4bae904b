import { jsonSafe } from '../escape.js';
import type { FileResult, Finding } from '../findings.js';
import { wholeReport, type Formatter, type StreamFormatter } from './types.js';

function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { ruleId: f.ruleId, severity: f.severity, message: f.message };
  if (f.label !== undefined) o.label = f.label;
  o.path = f.path;
  if (f.sheet !== undefined) {
    o.sheet = f.sheet;
    if (f.cell !== undefined) o.cell = f.cell;
  } else if (f.line !== undefined) {
    o.line = f.line;
    if (f.column !== undefined) o.column = f.column;
  }
  if (f.section !== undefined) o.section = f.section;
  return o;
}

function resultJson(r: FileResult): Record<string, unknown> {
  return {
    file: r.file,
    ...(r.profile ? { profile: r.profile } : {}),
    valid: r.valid,
    summary: r.summary,
    findings: r.findings.map(findingJson),
    ...(r.suppressed?.length
      ? {
          suppressed: r.suppressed.map((f) => ({
            ...findingJson(f),
            suppression: { kind: f.suppression.kind, justification: f.suppression.justification, location: f.suppression.location },
          })),
        }
      : {}),
    metrics: r.metrics ?? {},
  };
}

/**
 * The stable machine interface of ../shared/spec/cli.md. Suppressed findings are listed apart
 * (`suppressed`, each with `suppression.justification`) and are not in `summary`. Written result by
 * result: the text is what JSON.stringify(report, null, 2) gives for the whole report.
 */
/**
 * indent(JSON.stringify(value, null, 2), 4) in one pass: the value as JSON.stringify writes it two
 * levels deep (JSON has no raw line break inside a string, so every line break is between tokens).
 */
function atDepth2(value: unknown): string {
  const s = JSON.stringify([[value]], null, 2); // "[\n  [\n" + the value at 4 spaces + "\n  ]\n]"
  return s.slice(6, s.length - 6);
}

export const streamJson: StreamFormatter = (head) => {
  let count = 0;
  return {
    begin: () => jsonSafe(JSON.stringify({ tool: head.tool, profile: head.profile }, null, 2).replace(/\n\}$/, ',\n  "results": [')),
    add: (r) => (count++ === 0 ? '\n' : ',\n') + jsonSafe(atDepth2(resultJson(r))),
    end: () => (count === 0 ? ']' : '\n  ]') + '\n}\n',
  };
};

export const formatJson: Formatter = wholeReport(streamJson);
