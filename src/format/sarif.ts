import { jsonSafe } from '../escape.js';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../findings.js';
import { helpMarkdown, helpText, helpUri, INFORMATION_URI } from '../rules/help.js';
import type { Suppression } from '../suppress.js';
import { indent, wholeReport, type Formatter, type StreamFormatter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A repository-relative URI: forward slashes, each segment percent-encoded. An absolute path is
 * made relative to the working folder (code scanning cannot place "/home/…" in the repository);
 * one outside it becomes a file:// URI.
 */
export function toUri(file: string, cwd: string = process.cwd()): string {
  if (isAbsolute(file)) {
    const rel = relative(cwd, file);
    if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return pathToFileURL(file).href;
    file = rel;
  }
  return file
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function region(f: Finding): { startLine: number; startColumn?: number } {
  // Code scanning needs a line; a workbook cell is named in the message instead.
  return f.line ? { startLine: f.line, ...(f.column ? { startColumn: f.column } : {}) } : { startLine: 1 };
}

/** Stands for the results array while the skeleton of the log is written. */
const RESULTS = '\u0000results\u0000';

/**
 * SARIF 2.1.0 with the whole rule catalogue in tool.driver.rules (GitHub code scanning), written result
 * by result: the log's skeleton (rules, artifacts: the files are known before they are validated) is
 * split where the results go.
 */
export const streamSarif: StreamFormatter = (head, opts) => {
  const { lang } = opts;
  const rules = opts.rules.map((m) => ({
    id: m.id,
    name: m.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: m.description[lang] },
    fullDescription: { text: `${m.description[lang]}（${lang === 'zh' ? '依据' : 'source'}：${m.source}）` },
    helpUri: helpUri(m.id),
    help: { text: helpText(m, lang, opts.thresholds, head.profile), markdown: helpMarkdown(m, lang, opts.thresholds, head.profile) },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { source: m.source, tags: [m.id.split('/')[0]!] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: head.tool.name,
            version: head.tool.version,
            semanticVersion: head.tool.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        artifacts: head.files.map((f) => ({ location: { uri: toUri(f) } })),
        results: RESULTS,
        properties: { profile: head.profile },
      },
    ],
  };
  const [before, after] = jsonSafe(JSON.stringify(sarif, null, 2)).split(JSON.stringify(RESULTS)) as [string, string];
  let count = 0;
  return {
    begin: () => before,
    add: (r) => {
      const seen = new Map<string, number>();
      const one = (f: Finding, suppression?: Suppression): Record<string, unknown> => {
        const cell = f.sheet ? ` [${f.sheet}${f.cell ? `!${f.cell}` : ''}]` : '';
        // Stable under unrelated edits: the rule and the field's JSON Pointer (or, for a finding about
        // a directive, its text), never the line; repeats of the same pair are numbered in order.
        const key = `${f.ruleId}\0${f.path || f.message}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        const res: Record<string, unknown> = {
          ruleId: f.ruleId,
          level: LEVEL[f.severity],
          message: { text: f.message + cell },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: toUri(r.file) }, region: region(f) },
              ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }] } : {}),
            },
          ],
          partialFingerprints: { 'clusterFinding/v1': createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32) },
          properties: { ...(f.label ? { label: f.label } : {}), ...(f.sheet ? { sheet: f.sheet, cell: f.cell } : {}) },
        };
        if (suppression) res.suppressions = [{ kind: 'inSource', status: 'accepted', justification: suppression.justification }];
        const i = index.get(f.ruleId);
        if (i !== undefined) res.ruleIndex = i;
        return res;
      };
      let out = '';
      for (const res of [...r.findings.map((f) => one(f)), ...(r.suppressed ?? []).map((f) => one(f, f.suppression))]) {
        out += (count++ === 0 ? '[\n' : ',\n') + jsonSafe(indent(JSON.stringify(res, null, 2), 8));
      }
      return out;
    },
    end: () => (count === 0 ? '[]' : '\n      ]') + after + '\n',
  };
};

export const formatSarif: Formatter = wholeReport(streamSarif);
