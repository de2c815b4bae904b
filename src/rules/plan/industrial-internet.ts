import { meets } from '../../profile.js';
import { bound, boundData, defineRule, num } from '../helpers.js';

export default defineRule(
  {
    id: 'plan/industrial-internet',
    filings: ['application'],
    severity: 'warning',
    source: '表八 备注e',
    description: { zh: '目标年工业互联网普及率达到45%左右', en: 'industrial internet adoption of about 45% in the target year' },
    messages: {
      zh: { below: '{year}年工业互联网普及率目标值 {value}%，低于表八备注e"达到{threshold}%左右"' },
      en: { below: 'the {year} industrial internet adoption target is {value}%, short of note e’s “about {threshold}%”' },
    },
  },
  (ctx) => {
    const t = ctx.view.num('/plan/targets/iipRate/target');
    const b = bound(ctx.profile, 'planIndustrialInternetRate');
    return b && t !== undefined && !meets(t, b)
      ? [{ messageId: 'below', path: '/plan/targets/iipRate/target', data: { year: ctx.profile.targetYear, value: num(t), ...boundData(b) } }]
      : [];
  },
);
