import { bound, defineRule, eachYearBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'competitiveness/sme-output-share',
    severity: 'error',
    source: '标准一',
    description: { zh: '中小企业产值占集群总产值70%以上（70%本身符合）', en: 'SMEs produce 70% or more of the output (70 passes)' },
    messages: {
      zh: { none: NONE_MESSAGE.zh, below: '{year}年中小企业产值占比 {value}%{precision}，未达到标准一"{threshold}%以上"（要求 {bound}%）' },
      en: { none: NONE_MESSAGE.en, below: 'SMEs’ share of output in {year} is {value}%{precisionEn}, short of criterion 1’s “{threshold}% or more” ({bound}%)' },
    },
  },
  (ctx) => eachYearBound(ctx, '/industry/smeOutputShare', bound(ctx.profile, 'smeOutputShare')),
);
