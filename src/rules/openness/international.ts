import { defineRule, noneTicked } from '../helpers.js';

export default defineRule(
  {
    id: 'openness/international',
    severity: 'error',
    source: '标准七',
    description: { zh: '未开展任何国际合作交流活动', en: 'no international cooperation activity' },
    messages: { zh: { none: '表六"集群已开展的国际合作交流活动"未勾选任何一项：标准七要求参与主导产业国际合作机制或交流活动' }, en: { none: 'no item of “international activities” is ticked: criterion 7 requires taking part in international cooperation or exchanges' } },
  },
  (ctx) => noneTicked(ctx.view, '/openness/activities'),
);
