import type { SectionId } from './catalogue/index.js';

export type Severity = 'error' | 'warning' | 'info';

/** Where a finding points in its source. Lines and columns are 1-based. */
export interface SourceLocation {
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  sheet?: string;
  cell?: string;
}

/** What a check reports: no message text, only a message id and its data. */
export interface RawFinding {
  ruleId: string;
  messageId: string;
  data?: Record<string, string | number>;
  /** JSON Pointer into the filing ('' = the whole filing). */
  path: string;
  /** Overrides the rule's default severity (e.g. render/font-coverage is a warning at validate). */
  severity?: Severity;
  /** Where it is, when the path cannot say (a merged range, an inserted row, a sheet not placed). */
  at?: SourceLocation;
}

/** A finding as shown to a user and written to JSON/SARIF/JUnit. */
export interface Finding extends SourceLocation {
  ruleId: string;
  severity: Severity;
  message: string;
  label?: string;
  path: string;
  section?: SectionId;
}

export interface Metric {
  value: number | null;
  unit: string;
  formula: string;
  years: number[];
  /** Per-year metrics carry their values by year. */
  byYear?: Record<string, number | null>;
  /** Per-year metrics: the formula of each year. */
  formulaByYear?: Record<string, string>;
  /** Why the value could not be computed. */
  note?: string;
  /** It could not be computed because an input it needs is "无" (nothing to report): which one. */
  none?: { pointer: string; label: string; labelEn: string };
  /**
   * Growth rates: the basis the value is on (`base-year`: 基期 Y1 − 1, 3 intervals; `first-year`: Y1, 2
   * intervals), whether it fell back to 2 intervals for want of the base-year figure, the base-year
   * figure itself (printed as a 注 wherever the rate is printed), and the rate on the other basis.
   */
  basis?: 'base-year' | 'first-year';
  fallback?: boolean;
  baseFigure?: { year: number; value: number };
  alt?: { basis: 'base-year' | 'first-year'; value: number; formula: string; years: number[] };
}

export interface FileResult {
  file: string;
  valid: boolean;
  summary: Record<Severity, number>;
  findings: Finding[];
  metrics?: Record<string, Metric>;
  /** Set when the file could not be read at all (exit code 2). */
  unreadable?: boolean;
  /** Findings silenced by a directive with its reason: reported, never counted. */
  suppressed?: import('./suppress.js').SuppressedFinding[];
  /** The profile this filing was judged by, when it is not the report's (a project config chose it). */
  profile?: string;
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity]++;
  return s;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: by source position, then path, then rule id. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.line ?? Infinity) - (b.line ?? Infinity) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.path.localeCompare(b.path) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
