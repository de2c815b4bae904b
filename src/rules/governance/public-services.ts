import { defineRule, noneTicked } from '../helpers.js';

export default defineRule(
  {
    id: 'governance/public-services',
    severity: 'warning',
    source: '标准八',
    description: { zh: '未提供任何中小企业公共服务', en: 'no public services to SMEs' },
    messages: { zh: { none: '表七"集群已提供的中小企业公共服务"未勾选任何一项（标准八：建立了完善的中小企业公共服务体系）' }, en: { none: 'no item of “public services provided to SMEs” is ticked (criterion 8: a complete SME public service system)' } },
  },
  (ctx) => noneTicked(ctx.view, '/governance/publicServices'),
);
