import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'plan/co2-reduction',
    filings: ['application'],
    severity: 'warning',
    source: '表八 备注f',
    description: { zh: '规划目标的二氧化碳排放量降低达到18%左右', en: 'planned CO₂ reduction of about 18%' },
    messages: { zh: { none: NONE_MESSAGE.zh, below: '规划目标的二氧化碳排放量降低 {value}%，低于表八备注f"降低达到{threshold}%左右"。计算：{formula}' }, en: { none: NONE_MESSAGE.en, below: 'the plan reduces CO₂ by {value}%, short of note f’s “about {threshold}%”. Computed: {formula}' } },
  },
  (ctx) => metricBound(ctx.metrics.planCo2Reduction, bound(ctx.profile, 'planCo2Reduction'), '/plan/targets/co2Intensity/target'),
);
