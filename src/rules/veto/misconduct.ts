import { answerIs, defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'veto/misconduct',
    severity: 'error',
    source: '标准 preamble；表一',
    description: { zh: '存在偷税漏税、违法违规、严重失信等重大问题（一票否决）', en: 'tax evasion, violations, serious dishonesty or other major problems (veto)' },
    messages: { zh: { fires: '存在偷税漏税、违法违规、严重失信和其他重大问题的行为，不符合认定条件（一票否决）' }, en: { fires: 'tax evasion, violations, serious dishonesty or other major problems: not eligible (veto)' } },
  },
  (ctx) => answerIs(ctx.view, '/basic/misconduct', '是'),
);
