import { answerIs, defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'veto/energy-efficiency',
    severity: 'error',
    source: '标准六；表一',
    description: { zh: '高耗能行业集群能效水平未达到行业基准值', en: 'an energy-intensive cluster below the energy-efficiency benchmark' },
    messages: { zh: { fires: '属于高耗能行业的集群，能效水平未达到行业基准值，不符合标准六' }, en: { fires: 'an energy-intensive cluster whose energy efficiency is below the industry benchmark (criterion 6)' } },
  },
  (ctx) => answerIs(ctx.view, '/basic/energyEfficiency', '否'),
);
