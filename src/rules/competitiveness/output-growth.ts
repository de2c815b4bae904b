import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'competitiveness/output-growth',
    severity: 'error',
    source: '标准一',
    description: { zh: '集群总产值年均增速高于10%（恰为10%不符合）', en: 'average annual output growth above 10% (exactly 10 fails)' },
    messages: {
      zh: { none: NONE_MESSAGE.zh, below: '集群总产值年均增速 {value}%{precision}，未高于标准一要求的{threshold}%。计算：{formula}' },
      en: { none: NONE_MESSAGE.en, below: 'average annual output growth is {value}%{precisionEn}, not above criterion 1’s {threshold}%. Computed: {formula}' },
    },
  },
  (ctx) => metricBound(ctx.metrics.outputCagr, bound(ctx.profile, 'outputCagr'), '/industry/output'),
);
