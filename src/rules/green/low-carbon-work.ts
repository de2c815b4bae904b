import { defineRule, noneTicked } from '../helpers.js';

export default defineRule(
  {
    id: 'green/low-carbon-work',
    severity: 'warning',
    source: '标准六',
    description: { zh: '未开展任何绿色低碳相关工作', en: 'no green or low-carbon work' },
    messages: { zh: { none: '表五"集群已开展的绿色低碳相关工作"未勾选任何一项（标准六：建立了绿色低碳服务机制）' }, en: { none: 'no item of “green and low-carbon work” is ticked (criterion 6: a green low-carbon service mechanism)' } },
  },
  (ctx) => noneTicked(ctx.view, '/green/lowCarbonWork'),
);
