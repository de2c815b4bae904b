import { meets } from '../../profile.js';
import { fixed2 } from '../../i18n.js';
import { METRIC_META } from '../../metrics/meta.js';
import type { MetricId } from '../../metrics/types.js';
import type { ThresholdKey } from '../../profile.js';
import { bound, boundData, defineRule, type Out } from '../helpers.js';

const JUDGED: ReadonlyArray<readonly [MetricId, ThresholdKey, string]> = [
  ['outputCagr', 'outputCagr', '/industry/output'],
  ['rdSpendingCagr', 'rdSpendingCagr', '/innovation/rdSpending'],
  ['inventionPatentCagr', 'inventionPatentCagr', '/innovation/inventionPatentsByYear'],
];

export default defineRule(
  {
    id: 'consistency/growth-basis',
    severity: 'warning',
    source: '—',
    description: { zh: '年均增速按两种基期计算，结论不同', en: 'a growth rate on the two bases gives different verdicts' },
    messages: {
      zh: { differs: '{metric}：按{y0}年基期（3个间隔）为 {three}%，按{y1}年基期（2个间隔）为 {two}%，对"{bound}%"的结论不同（本配置采用{basis}）；请核对基期数据，评审可能按另一口径计算' },
      en: { differs: '{metricEn}: {three}% on the {y0} base (3 intervals) but {two}% on the {y1} base (2 intervals), which judge “{bound}%” differently (this profile uses the {basisEn} base); check the base-year figures, a reviewer may compute the other way' },
    },
  },
  (ctx) => {
    const out: Out = [];
    const [y1] = ctx.profile.dataYears as [number];
    for (const [id, key, path] of JUDGED) {
      const m = ctx.metrics[id];
      const b = bound(ctx.profile, key);
      if (!b || !m || m.value === null || !m.alt) continue;
      if (meets(m.value, b) === meets(m.alt.value, b)) continue;
      const three = m.basis === 'base-year' ? m.value : m.alt.value;
      const two = m.basis === 'base-year' ? m.alt.value : m.value;
      out.push({
        messageId: 'differs',
        path,
        data: { metric: METRIC_META[id].label.zh, metricEn: METRIC_META[id].label.en, y0: y1 - 1, y1, three: fixed2(three), two: fixed2(two), ...boundData(b), basis: m.basis === 'base-year' ? `${y1 - 1}年基期` : `${y1}年基期`, basisEn: m.basis === 'base-year' ? y1 - 1 : y1 },
      });
    }
    return out;
  },
);
