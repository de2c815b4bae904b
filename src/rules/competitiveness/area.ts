import { meets } from '../../profile.js';
import { bound, boundData, defineRule, num } from '../helpers.js';

export default defineRule(
  {
    id: 'competitiveness/area',
    severity: 'warning',
    source: '标准一',
    description: { zh: '集群占地面积一般不超过100平方公里', en: 'the cluster’s area should not exceed 100 km²' },
    messages: {
      zh: { above: '集群占地面积 {value} 平方公里，超过标准一"一般不超过{threshold}平方公里"' },
      en: { above: 'area {value} km² exceeds criterion 1’s “generally no more than {threshold} km²”' },
    },
  },
  (ctx) => {
    const area = ctx.view.num('/basic/area');
    const b = bound(ctx.profile, 'area');
    return b && area !== undefined && !meets(area, b) ? [{ messageId: 'above', path: '/basic/area', data: { value: num(area), ...boundData(b) } }] : [];
  },
);
