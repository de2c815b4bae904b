import type { Bound, Profile, ThresholdKey } from '../profile.js';
import { boundText, meets } from '../profile.js';
import { fixed2, fmtNum } from '../i18n.js';
import { labelFor } from '../catalogue/index.js';
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

/** The profile's bound of a criterion, or null when the profile switches it off (then its rule is silent). */
export function bound(profile: Profile, key: ThresholdKey): Bound | null {
  return profile.thresholds[key];
}

export function boundData(b: Bound): { threshold: string; bound: string } {
  return { threshold: fmtNum((b.min ?? b.max)!, 2), bound: boundText(b) };
}

function checkedOf(item: unknown): boolean {
  return item !== null && typeof item === 'object' && (item as Record<string, unknown>).checked === true;
}

/** Keys of the ticked items of a checklist. */
export function ticked(view: FilingView, ptr: string): string[] {
  const o = view.object(ptr);
  if (!o) return [];
  // view.bool(`${ptr}/${k}/checked`), from the object in hand: a key holding '/' or '~' is no pointer segment.
  return Object.keys(o).filter((k) => (k.includes('/') || k.includes('~') ? view.bool(`${ptr}/${k}/checked`) : checkedOf(o[k])));
}

/** A value as a finding prints it: at the 2 decimals the form prints and the bound is judged at. */
export function valueText(value: number, _b?: Bound): string {
  return fixed2(value);
}

/**
 * `{precision}` / `{precisionEn}` of a message: says the figure was judged as printed, with the unrounded
 * value when rounding changed it (10.0045 → "10.00", not "高于10%").
 */
export function precisionData(value: number): { precision: string; precisionEn: string } {
  const t = fixed2(value);
  const raw = Math.abs(Number(t) - value) > 1e-9 ? fmtNum(value, 4) : undefined;
  return raw
    ? { precision: `（按表上两位小数判断；未四舍五入为 ${raw}）`, precisionEn: ` (judged at the 2 decimals the form prints; unrounded ${raw})` }
    : { precision: '（按表上两位小数判断）', precisionEn: ' (judged at the 2 decimals the form prints)' };
}

/**
 * The `none` message of a rule judging a figure the filer may give as "无": judged by meaning, "无" in a
 * figure the standard requires is not a figure that meets it.
 */
export const NONE_MESSAGE = {
  zh: '{what}填写为"无"（无相关情况）：{note}，不能判定为符合（要求 {bound}）',
  en: '{whatEn} is given as “无” (nothing to report): {noteEn}, so it cannot be judged to meet {bound}',
} as const;

/**
 * A metric judged against a profile bound: fires when the metric has a value that fails it, or when
 * it cannot be computed because the filing says "无" where the figure is needed (`none`).
 * A metric missing for any other reason is reported by form/required and the consistency rules.
 */
export function metricBound(metric: Metric | undefined, b: Bound | null, path: string, messageId = 'below'): Out {
  if (!b || !metric) return [];
  if (metric.value === null) {
    if (!metric.none) return [];
    return [{ messageId: 'none', path, data: { what: metric.none.label, whatEn: metric.none.labelEn, note: metric.note ?? '', noteEn: metric.note ?? '', bound: boundText(b) } }];
  }
  if (meets(metric.value, b)) return [];
  return [{ messageId, path, data: { value: valueText(metric.value, b), ...precisionData(metric.value), ...boundData(b), formula: metric.formula } }];
}

/** A per-year value judged against a bound in every data year. */
export function eachYearBound(ctx: RuleContext, ptr: string, b: Bound | null, messageId = 'below'): Out {
  const out: Out = [];
  if (!b) return out;
  for (const y of ctx.profile.dataYears) {
    if (ctx.view.none(`${ptr}/${y}`)) {
      out.push({ messageId: 'none', path: `${ptr}/${y}`, data: { what: `${y}年「${labelFor(ptr, 'zh')}」`, whatEn: `“${labelFor(ptr, 'en')}” for ${y}`, note: '标准按该数值判定', noteEn: 'the standard judges this figure', bound: boundText(b) } });
      continue;
    }
    const v = ctx.view.yearNum(ptr, y);
    if (v !== undefined && !meets(v, b)) out.push({ messageId, path: `${ptr}/${y}`, data: { year: y, value: valueText(v, b), ...precisionData(v), ...boundData(b) } });
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
