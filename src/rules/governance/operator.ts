import { defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'governance/operator',
    severity: 'error',
    source: '标准八；说明3',
    description: { zh: '没有集群运营管理机构，或以基础建设单位作为运营管理机构', en: 'no cluster operator, or an infrastructure builder declared as the operator' },
    messages: {
      zh: {
        missing: '未填写集群运营管理机构：标准八要求集群设立管委会等运营管理机构',
        builder: '集群运营管理机构为基础建设单位：填报说明3规定基础建设单位不可作为集群运营管理机构',
      },
      en: {
        missing: 'no cluster operator: criterion 8 requires a management committee or similar operator',
        builder: 'the operator is an infrastructure builder, which filling rule 3 forbids',
      },
    },
  },
  (ctx) => {
    const op = ctx.view.str('/cover/operator');
    if (!op || op === '无') return [{ messageId: 'missing', path: '/cover/operator' }];
    if (ctx.view.str('/cover/operatorType') === '基础建设单位') return [{ messageId: 'builder', path: '/cover/operatorType' }];
    return [];
  },
);
