import { jsonSafe } from '../escape.js';
import type { Finding } from '../findings.js';
import type { Formatter } from './types.js';

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

/**
 * The stable machine interface of ../shared/spec/cli.md. Suppressed findings are listed apart
 * (`suppressed`, each with `suppression.justification`) and are not in `summary`.
 */
export const formatJson: Formatter = (report) => {
  const out = {
    tool: report.tool,
    profile: report.profile,
    results: report.results.map((r) => ({
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
    })),
  };
  return jsonSafe(JSON.stringify(out, null, 2)) + '\n';
};
