import { defineRule, noneTicked } from '../helpers.js';

export default defineRule(
  {
    id: 'digital/services',
    severity: 'warning',
    source: '标准五',
    description: { zh: '未开展任何数字化服务工作', en: 'no digital services' },
    messages: { zh: { none: '表四"集群已开展的数字化服务工作"未勾选任何一项（标准五：引入跨企业数字化解决方案、评估和诊断等服务）' }, en: { none: 'no item of “digital services” is ticked (criterion 5: cross-enterprise digital solutions, assessment and diagnosis)' } },
  },
  (ctx) => noneTicked(ctx.view, '/digital/servicesWork'),
);
