import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'innovation/patents-per-10k',
    severity: 'error',
    source: '标准四',
    description: { zh: '每万人有效发明专利拥有量不低于15个', en: 'at least 15 valid invention patents per 10,000 employees' },
    messages: {
      zh: { none: NONE_MESSAGE.zh, below: '每万人有效发明专利拥有量 {value}{precision}，低于标准四"不低于{threshold}个"。计算：{formula}' },
      en: { none: NONE_MESSAGE.en, below: '{value} valid invention patents per 10,000 employees, below criterion 4’s “at least {threshold}”. Computed: {formula}' },
    },
  },
  (ctx) => metricBound(ctx.metrics.patentsPer10k, bound(ctx.profile, 'patentsPer10k'), '/innovation/inventionPatents/count'),
);
