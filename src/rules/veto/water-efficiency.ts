import { answerIs, defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'veto/water-efficiency',
    severity: 'error',
    source: '标准六；表一',
    description: { zh: '高用水行业集群水效水平未达到行业基准值', en: 'a water-intensive cluster below the water-efficiency benchmark' },
    messages: { zh: { fires: '属于高用水行业的集群，水效水平未达到行业基准值，不符合标准六' }, en: { fires: 'a water-intensive cluster whose water efficiency is below the industry benchmark (criterion 6)' } },
  },
  (ctx) => answerIs(ctx.view, '/basic/waterEfficiency', '否'),
);
