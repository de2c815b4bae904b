import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'plan/rd-growth',
    filings: ['application'],
    severity: 'error',
    source: '表八 备注c',
    description: { zh: '规划目标的研发经费年均增速不低于10%', en: 'planned R&D spending growth of at least 10% a year' },
    messages: { zh: { none: NONE_MESSAGE.zh, below: '规划目标隐含的研发经费年均增速 {value}%，低于表八备注c"不低于{threshold}%"。计算：{formula}' }, en: { none: NONE_MESSAGE.en, below: 'the plan implies R&D spending growth of {value}% a year, below note c’s “at least {threshold}%”. Computed: {formula}' } },
  },
  (ctx) => metricBound(ctx.metrics.planRdCagr, bound(ctx.profile, 'planRdCagr'), '/plan/targets/rdSpending/target'),
);
