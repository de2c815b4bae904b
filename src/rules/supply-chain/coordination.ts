import { defineRule } from '../helpers.js';

const PTR = '/industry/chainWork/coordination';

export default defineRule(
  {
    id: 'supply-chain/coordination',
    severity: 'warning',
    source: '标准三',
    description: { zh: '未勾选"建有产业链上下游产供销一体化协同协作机制"', en: '“integrated production–supply–sales coordination mechanism” not ticked' },
    messages: {
      zh: { missing: '未勾选"建有产业链上下游产供销一体化协同协作机制"：标准三要求产业链上下游企业产供销一体化协同协作机制较完善' },
      en: { missing: '“integrated production–supply–sales coordination mechanism along the chain” is not ticked: criterion 3 expects one' },
    },
  },
  (ctx) => (ctx.view.bool(`${PTR}/checked`) ? [] : [{ messageId: 'missing', path: PTR }]),
);
