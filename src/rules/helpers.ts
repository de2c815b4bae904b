import type { Bound, Profile, ThresholdKey } from '../profile.js';
import { boundText, meets } from '../profile.js';
import { fixed2, fmtNum } from '../i18n.js';
import type { RawFinding } from '../findings.js';
import type { Metric } from '../metrics/types.js';
import type { FilingView } from '../validate/view.js';
import type { Rule, RuleContext, RuleMeta } from './types.js';

export type Out = Array<Omit<RawFinding, 'ruleId'>>;

export function defineRule(meta: RuleMeta, check: (ctx: RuleContext) => Out): Rule {
  return { meta, check };
}

/** Rounds half away from zero to 2 decimals, as the form prints. */
export function round2(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9) / 100;
}

export const num = (x: number): string => fmtNum(x, 2);

export function bound(profile: Profile, key: ThresholdKey): Bound {
  return profile.thresholds[key];
}

export function boundData(b: Bound): { threshold: string; bound: string } {
  return { threshold: fmtNum((b.min ?? b.max)!, 2), bound: boundText(b) };
}

/** Keys of the ticked items of a checklist. */
export function ticked(view: FilingView, ptr: string): string[] {
  const o = view.object(ptr);
  if (!o) return [];
  return Object.keys(o).filter((k) => view.bool(`${ptr}/${k}/checked`));
}

/**
 * A value as a finding prints it: 2 decimals, or 4 when 2 would print the bound itself while the
 * value fails it (14.996 per 10k is not "15.00"; it fails "不低于15").
 */
export function valueText(value: number, b: Bound): string {
  const t = fixed2(value);
  const bound = b.min ?? b.max;
  return bound !== undefined && Number(t) === bound && !meets(value, b) && value !== bound ? fmtNum(value, 4) : t;
}

/**
 * A metric judged against a profile bound: fires when the metric has a value that fails it.
 * A metric that cannot be computed is reported by form/required and the consistency rules.
 */
export function metricBound(metric: Metric | undefined, b: Bound, path: string, messageId = 'below'): Out {
  if (!metric || metric.value === null) return [];
  if (meets(metric.value, b)) return [];
  return [{ messageId, path, data: { value: valueText(metric.value, b), ...boundData(b), formula: metric.formula } }];
}

/** A per-year value judged against a bound in every data year. */
export function eachYearBound(ctx: RuleContext, ptr: string, b: Bound, messageId = 'below'): Out {
  const out: Out = [];
  for (const y of ctx.profile.dataYears) {
    const v = ctx.view.yearNum(ptr, y);
    if (v !== undefined && !meets(v, b)) out.push({ messageId, path: `${ptr}/${y}`, data: { year: y, value: valueText(v, b).replace(/\.?0+$/, ''), ...boundData(b) } });
  }
  return out;
}

/** A yes/no (or option) field equal to a given answer. */
export function answerIs(view: FilingView, ptr: string, answer: string, messageId = 'fires'): Out {
  return view.str(ptr) === answer ? [{ messageId, path: ptr }] : [];
}

/** A checklist with nothing ticked. */
export function noneTicked(view: FilingView, ptr: string, messageId = 'none'): Out {
  return ticked(view, ptr).length === 0 ? [{ messageId, path: ptr }] : [];
}

/** Characters as the form counts them: whitespace excluded, astral characters counted once. */
export function charCount(s: string): number {
  return [...s.replace(/\s+/g, '')].length;
}
