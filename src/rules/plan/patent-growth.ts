import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'plan/patent-growth',
    filings: ['application'],
    severity: 'error',
    source: '表八 备注d',
    description: { zh: '规划目标的有效发明专利数年均增长不低于15%', en: 'planned invention patent growth of at least 15% a year' },
    messages: { zh: { none: NONE_MESSAGE.zh, below: '规划目标隐含的有效发明专利年均增速 {value}%，低于表八备注d"不低于{threshold}%"。计算：{formula}' }, en: { none: NONE_MESSAGE.en, below: 'the plan implies invention patent growth of {value}% a year, below note d’s “at least {threshold}%”. Computed: {formula}' } },
  },
  (ctx) => metricBound(ctx.metrics.planPatentCagr, bound(ctx.profile, 'planPatentCagr'), '/plan/targets/inventionPatents/target'),
);
