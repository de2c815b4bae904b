import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'digital/industrial-internet',
    severity: 'error',
    source: '标准五',
    description: { zh: '工业互联网平台应用普及率不低于15%', en: 'industrial internet platform adoption of at least 15%' },
    messages: {
      zh: { none: NONE_MESSAGE.zh, below: '工业互联网平台应用普及率 {value}%{precision}，低于标准五"不低于{threshold}%"。计算：{formula}' },
      en: { none: NONE_MESSAGE.en, below: 'industrial internet platform adoption is {value}%{precisionEn}, below criterion 5’s “at least {threshold}%”. Computed: {formula}' },
    },
  },
  (ctx) => {
    const b = bound(ctx.profile, 'industrialInternetRate');
    const m = ctx.metrics.industrialInternetRate;
    if (m && m.value !== null) return metricBound(m, b, '/digital/iipSmes');
    const stated = ctx.view.num('/digital/iipRate');
    return stated === undefined ? [] : metricBound({ value: stated, unit: '%', formula: `填报值 ${stated}%`, years: [] }, b, '/digital/iipRate');
  },
);
