/**
 * Workbook cells that the printed figures rest on and that were not read as typed: converted (a
 * unit or a percentage interpreted, with a note) or not read at all (unreadable, merged). `metrics`
 * shows them under each metric it depends on; `render` lists them beside the PDFs it writes.
 */
import type { Lang } from '../catalogue/index.js';
import type { Metric, RawFinding } from '../findings.js';
import type { LoadedFiling } from '../load/index.js';
import { feeds } from '../metrics/inputs.js';
import type { MetricId } from '../metrics/types.js';
import { materialize } from '../validate/index.js';

export interface UsedCell {
  path: string;
  sheet?: string;
  cell?: string;
  kind: 'converted' | 'unreadable';
  message: string;
}

const KIND: Record<string, UsedCell['kind']> = { 'input/cell-note': 'converted', 'input/cell-value': 'unreadable', 'input/merged-cells': 'unreadable' };

export function cellsNotAsTyped(loaded: LoadedFiling, lang: Lang, only?: (f: RawFinding) => boolean): UsedCell[] {
  return (loaded.loadFindings ?? [])
    .filter((f) => KIND[f.ruleId] && f.path && (!only || only(f)))
    .map((f) => {
      const m = materialize(f, lang, loaded.sourceMap);
      const c: UsedCell = { path: f.path, kind: KIND[f.ruleId]!, message: m.message };
      if (m.sheet) c.sheet = m.sheet;
      if (m.cell) c.cell = m.cell;
      return c;
    });
}

/**
 * The cells a metric rests on that were converted or not read. A per-year field counts for the
 * years the metric uses (a growth rate uses its first and last year only).
 */
export function cellsOfMetric(loaded: LoadedFiling, id: MetricId, lang: Lang, metric?: Metric): UsedCell[] {
  const years = metric && !metric.byYear && metric.years.length ? new Set(metric.years.map(String)) : undefined;
  return cellsNotAsTyped(loaded, lang, (f) => {
    if (!feeds(id, f.path)) return false;
    const year = /\/(\d{4})$/.exec(f.path)?.[1];
    return !years || year === undefined || years.has(year);
  });
}

export function cellLine(c: UsedCell, lang: Lang): string {
  const at = c.sheet ? `${c.sheet}${c.cell ? '!' + c.cell : ''}` : c.path;
  const what = c.kind === 'converted' ? (lang === 'zh' ? '已换算' : 'converted') : lang === 'zh' ? '未读取' : 'not read';
  return `${at}（${what}）${c.message}`;
}
