import { defineRule, num, type Out } from '../helpers.js';

export default defineRule(
  {
    id: 'green/co2-intensity-falling',
    severity: 'error',
    source: '标准六',
    description: { zh: '单位产值二氧化碳排放量逐年持续下降', en: 'CO₂ emissions per unit of output fall every year' },
    messages: {
      zh: { notFalling: '{year}年单位产值二氧化碳排放量 {value}，未低于{prev}年的 {prevValue}：标准六要求二氧化碳排放强度持续下降' },
      en: { notFalling: 'CO₂ intensity in {year} ({value}) is not below {prev} ({prevValue}): criterion 6 requires a continuous fall' },
    },
  },
  (ctx) => {
    const out: Out = [];
    const by = ctx.metrics.co2Intensity?.byYear ?? {};
    const ys = ctx.profile.dataYears;
    const ptr = ctx.view.years('/green/co2Emissions').size > 0 ? '/green/co2Emissions' : '/green/co2Intensity';
    for (let i = 1; i < ys.length; i++) {
      const a = by[String(ys[i - 1])];
      const b = by[String(ys[i])];
      if (a != null && b != null && !(b < a))
        out.push({ messageId: 'notFalling', path: `${ptr}/${ys[i]}`, data: { year: ys[i]!, value: num(b), prev: ys[i - 1]!, prevValue: num(a) } });
    }
    return out;
  },
);
