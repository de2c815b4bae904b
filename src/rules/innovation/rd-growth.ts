import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'innovation/rd-growth',
    severity: 'error',
    source: '标准四',
    description: { zh: '中小企业研发经费年均增长高于10%（恰为10%不符合）', en: 'SMEs’ R&D spending grows above 10% a year (exactly 10 fails)' },
    messages: {
      zh: { none: NONE_MESSAGE.zh, below: '中小企业研发经费年均增速 {value}%{precision}，未高于标准四要求的{threshold}%。计算：{formula}' },
      en: { none: NONE_MESSAGE.en, below: 'SMEs’ R&D spending grows {value}% a year, not above criterion 4’s {threshold}%. Computed: {formula}' },
    },
  },
  (ctx) => metricBound(ctx.metrics.rdSpendingCagr, bound(ctx.profile, 'rdSpendingCagr'), '/innovation/rdSpending'),
);
