import { answerIs, defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'veto/major-incident',
    severity: 'error',
    source: '标准 preamble；表一',
    description: { zh: '近三年发生较大及以上安全、质量、环境污染等事故或重大及以上网络、数据安全事件（一票否决）', en: 'a major safety, quality, pollution, cyber or data incident in the last three years (veto)' },
    messages: { zh: { fires: '近三年发生较大及以上安全、质量、环境污染等事故，或重大及以上网络安全、数据安全事件，不符合认定条件（一票否决）' }, en: { fires: 'a major safety, quality, pollution, cyber or data security incident in the last three years: not eligible (veto)' } },
  },
  (ctx) => answerIs(ctx.view, '/basic/majorIncident', '是'),
);
