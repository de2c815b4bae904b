import type { Lang } from '../catalogue/types.js';
import type { FileResult } from '../findings.js';
import type { RuleMeta } from '../rules/types.js';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface Report {
  tool: { name: string; version: string };
  profile: string;
  results: FileResult[];
}

/** Colour functions (chalk satisfies this); formatters never import chalk themselves. */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const PLAIN: Paint = { red: (s) => s, yellow: (s) => s, blue: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

export interface FormatOptions {
  lang: Lang;
  paint: Paint;
  /** The rule catalogue (SARIF lists it, JUnit has a testcase per rule). */
  rules: readonly RuleMeta[];
  /** Print every finding even for many files (text format). */
  details?: boolean;
  /** Print only errors (text format). */
  quiet?: boolean;
  /** The profile's thresholds by key, as text ("> 10"), for rule help (SARIF). */
  thresholds?: Readonly<Record<string, string>>;
  /** Measured by the command (JUnit): ISO start time, host, milliseconds per file. */
  timing?: { started: string; hostname: string; durations: Readonly<Record<string, number>> };
}

export type Formatter = (report: Report, opts: FormatOptions) => string;

/** What a report says before its first result: the names of the results to come are known (SARIF lists them first). */
export interface ReportHead {
  tool: { name: string; version: string };
  profile: string;
  /** The `file` of each result, in order. */
  files: readonly string[];
}

/**
 * A report written as its results arrive (#18: `validate` of 10,000 filings must not hold them all):
 * `begin()`, then `add()` for each result in order, then `end()`. Concatenated, the pieces are exactly
 * what the whole-report formatter returns.
 */
export interface ReportStream {
  begin(): string;
  add(result: FileResult): string;
  end(): string;
}

export type StreamFormatter = (head: ReportHead, opts: FormatOptions) => ReportStream;

/** The whole-report formatter of a streaming one. */
export function wholeReport(stream: StreamFormatter): Formatter {
  return (report, opts) => {
    const s = stream({ tool: report.tool, profile: report.profile, files: report.results.map((r) => r.file) }, opts);
    let out = s.begin();
    for (const r of report.results) out += s.add(r);
    return out + s.end();
  };
}

/** Indents every line of a multi-line text (JSON.stringify output: strings hold no raw line breaks). */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return pad + text.replace(/\n/g, '\n' + pad);
}
