import { bound, defineRule, eachYearBound, NONE_MESSAGE } from '../helpers.js';

export default defineRule(
  {
    id: 'competitiveness/output-min',
    severity: 'error',
    source: '标准一',
    description: { zh: '近三年集群总产值均在40亿元以上', en: 'total output of at least 4 billion yuan in each of the three years' },
    messages: {
      zh: { none: NONE_MESSAGE.zh, below: '{year}年集群总产值 {value} 亿元，低于标准一"近三年产值均在{threshold}亿元以上"' },
      en: { none: NONE_MESSAGE.en, below: 'total output in {year} is {value} (100 million yuan), below criterion 1’s “at least {threshold} in each of the last three years”' },
    },
  },
  (ctx) => eachYearBound(ctx, '/industry/output', bound(ctx.profile, 'output')),
);
