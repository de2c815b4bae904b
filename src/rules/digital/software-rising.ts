import { answerIs, defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'digital/software-rising',
    severity: 'error',
    source: '标准五',
    description: { zh: '工业软件应用率未稳步提升', en: 'industrial software use is not rising steadily' },
    messages: {
      zh: { fires: '"工业软件应用率稳步提升"填"否"：标准五要求工业软件应用率稳步提升' },
      en: { fires: '“industrial software use rising steadily” is “no”: criterion 5 requires it' },
    },
  },
  (ctx) => answerIs(ctx.view, '/digital/softwareRising', '否'),
);
