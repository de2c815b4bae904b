import { bound, defineRule, metricBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'plan/energy-intensity-reduction',
    filings: ['application'],
    severity: 'warning',
    source: '表八 备注g',
    description: { zh: '规划目标的单位工业产值能耗下降达到13.5%左右', en: 'planned fall in energy use per unit of output of about 13.5%' },
    messages: { zh: { none: NONE_MESSAGE.zh, below: '规划目标的单位工业产值能耗下降 {value}%，低于表八备注g"下降达到{threshold}%左右"。计算：{formula}' }, en: { none: NONE_MESSAGE.en, below: 'the plan cuts energy intensity by {value}%, short of note g’s “about {threshold}%”. Computed: {formula}' } },
  },
  (ctx) => metricBound(ctx.metrics.planEnergyIntensityReduction, bound(ctx.profile, 'planEnergyIntensityReduction'), '/plan/targets/energyIntensity/target'),
);
