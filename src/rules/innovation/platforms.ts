import { defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'innovation/platforms',
    severity: 'warning',
    source: '标准四',
    description: { zh: '没有任何级别的创新平台', en: 'no innovation platform at any level' },
    messages: {
      zh: { none: '国家级、省级和其他创新平台数量均为 0（标准四：统筹建立了多元创新平台）' },
      en: { none: 'no national, provincial or other innovation platform (criterion 4: diverse innovation platforms)' },
    },
  },
  (ctx) => {
    const counts = ['national', 'provincial', 'other'].map((k) => ctx.view.count(`/innovation/platforms/${k}/count`));
    if (counts.every((c) => c === undefined)) return [];
    return counts.every((c) => !c) ? [{ messageId: 'none', path: '/innovation/platforms' }] : [];
  },
);
