import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'plan/output-growth',
    filings: ['application'],
    severity: 'error',
    source: '表八 备注a',
    description: { zh: '规划目标的近三年产值年均增速不低于10%', en: 'planned output growth of at least 10% a year' },
    messages: { zh: { none: NONE_MESSAGE.zh, below: '规划目标的近三年产值年均增速为 {value}%，低于表八备注a"不低于{threshold}%"' }, en: { none: NONE_MESSAGE.en, below: 'planned output growth is {value}%, below note a’s “at least {threshold}%”' } },
  },
  (ctx) => metricBound(ctx.metrics.planOutputCagr, bound(ctx.profile, 'planOutputCagr'), '/plan/targets/outputCagr/target'),
);
