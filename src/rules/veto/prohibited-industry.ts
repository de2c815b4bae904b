import { answerIs, defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'veto/prohibited-industry',
    severity: 'error',
    source: '标准 preamble；表一',
    description: { zh: '主导产业属于国家规定的禁止、限制和淘汰类产业（一票否决）', en: 'the leading industry is prohibited, restricted or to be phased out (veto)' },
    messages: { zh: { fires: '主导产业属于国家规定的禁止、限制和淘汰类产业，不符合认定条件（一票否决）' }, en: { fires: 'the leading industry is prohibited, restricted or to be phased out: not eligible (veto)' } },
  },
  (ctx) => answerIs(ctx.view, '/basic/prohibitedIndustry', '是'),
);
