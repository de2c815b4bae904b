import { growthBaseYear } from '../../profile.js';
import { METRIC_META } from '../../metrics/meta.js';
import type { MetricId } from '../../metrics/types.js';
import { defineRule, type Out } from '../helpers.js';

/** The growth rates and the per-year field whose base-year (Y1 − 1) figure they need. */
export const GROWTH_METRICS: ReadonlyArray<readonly [MetricId, string]> = [
  ['outputCagr', '/industry/output'],
  ['leadingIndustryOutputCagr', '/industry/leadingShare'],
  ['rdSpendingCagr', '/innovation/rdSpending'],
  ['inventionPatentCagr', '/innovation/inventionPatentsByYear'],
];

export default defineRule(
  {
    id: 'form/growth-basis',
    severity: 'info',
    source: 'rules.md "outputCagr"',
    description: {
      zh: '缺少基期（首个数据年度的上一年）数据，年均增速按2个间隔计算',
      en: 'a growth rate fell back to 2 intervals because the base-year figure (the year before the first data year) is missing',
    },
    messages: {
      zh: { fallback: '{metric}：未填写{y0}年（基期）数据或其不大于0，"近三年年均增速"按{y1}—{y3}年2个间隔计算为 {value}%；按统计惯例应以{y0}年为基期（3个间隔），请补填{y0}年数据' },
      en: { fallback: '{metricEn}: no usable figure for {y0} (the base year), so the three-year average growth is computed over the 2 intervals {y1}–{y3} as {value}%; by statistical convention the base is {y0} (3 intervals): add the {y0} figure' },
    },
  },
  (ctx) => {
    const out: Out = [];
    const y0 = growthBaseYear(ctx.profile);
    const [y1, , y3] = ctx.profile.dataYears as [number, number, number];
    for (const [id, path] of GROWTH_METRICS) {
      const m = ctx.metrics[id];
      if (!m?.fallback || m.value === null) continue;
      out.push({ messageId: 'fallback', path, data: { metric: METRIC_META[id].label.zh, metricEn: METRIC_META[id].label.en, y0, y1, y3, value: (Math.round(m.value * 100) / 100).toFixed(2) } });
    }
    return out;
  },
);
