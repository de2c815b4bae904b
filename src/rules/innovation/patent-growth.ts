import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'innovation/patent-growth',
    severity: 'error',
    source: '标准四',
    description: { zh: '有效发明专利年均增长率不低于15%', en: 'valid invention patents grow at least 15% a year' },
    messages: {
      zh: { none: NONE_MESSAGE.zh, below: '有效发明专利年均增速 {value}%{precision}，低于标准四"不低于{threshold}%"。计算：{formula}' },
      en: { none: NONE_MESSAGE.en, below: 'valid invention patents grow {value}% a year, below criterion 4’s “at least {threshold}%”. Computed: {formula}' },
    },
  },
  (ctx) => {
    const path = ctx.view.years('/innovation/inventionPatentsByYear').size >= 2 ? '/innovation/inventionPatentsByYear' : '/innovation/inventionPatentCagr';
    return metricBound(ctx.metrics.inventionPatentCagr, bound(ctx.profile, 'inventionPatentCagr'), path);
  },
);
