import { bound, defineRule, eachYearBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'competitiveness/leading-industry-share',
    severity: 'error',
    source: '标准一',
    description: { zh: '主导产业占集群总产值比例高于70%（恰为70%不符合）', en: 'the leading industry’s share of output above 70% (exactly 70 fails)' },
    messages: {
      zh: { none: NONE_MESSAGE.zh, below: '{year}年主导产业产值占比 {value}%{precision}，未高于标准一要求的{threshold}%（要求 {bound}%）' },
      en: { none: NONE_MESSAGE.en, below: 'the leading industry’s share in {year} is {value}%{precisionEn}, not above criterion 1’s {threshold}% ({bound}%)' },
    },
  },
  (ctx) => eachYearBound(ctx, '/industry/leadingShare', bound(ctx.profile, 'leadingShare')),
);
