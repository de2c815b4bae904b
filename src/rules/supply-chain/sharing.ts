import { defineRule, noneTicked } from '../helpers.js';

export default defineRule(
  {
    id: 'supply-chain/sharing',
    severity: 'error',
    source: '标准三',
    description: { zh: '未开展任何产业链资源协同协作工作', en: 'no resource-sharing work along the chain' },
    messages: { zh: { none: '表二"集群已开展的产业链资源协同协作工作"未勾选任何一项：标准三要求建立通用生产设备、物流、仓储、人力、设计等共享机制' }, en: { none: 'no item of “resource-sharing work” is ticked: criterion 3 requires sharing of equipment, logistics, warehousing, people or design' } },
  },
  (ctx) => noneTicked(ctx.view, '/industry/sharingWork'),
);
