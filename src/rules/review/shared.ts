import { figure, planAttainment, type PlanAttainment } from '../../review/attainment.js';
import type { RuleContext } from '../types.js';

/** Attainment is computed once per check run (filing, profile, language) and shared by the review rules. */
const cache = new WeakMap<object, { key: string; value: PlanAttainment }>();
export function attainmentOf(ctx: RuleContext): PlanAttainment {
  const lang = ctx.lang ?? 'zh';
  const key = `${ctx.profile.id}|${lang}`;
  const hit = cache.get(ctx.view);
  if (hit && hit.key === key) return hit.value;
  const value = planAttainment(ctx.view, ctx.profile, lang);
  cache.set(ctx.view, { key, value });
  return value;
}

/** A figure as the findings print it, with its unit. */
export function fig(x: number, unit: string): string {
  return unit === '%' ? `${figure(x, unit)}%` : `${figure(x, unit)}${unit ? ' ' + unit : ''}`;
}
