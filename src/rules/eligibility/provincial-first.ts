import { answerIs, defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'eligibility/provincial-first',
    severity: 'warning',
    source: '2023年起国家级推荐通知',
    description: { zh: '尚未被认定为省级中小企业特色产业集群', en: 'not yet a provincial SME characteristic cluster' },
    messages: {
      zh: { fires: '尚未被认定为省级中小企业特色产业集群：2023年起国家级推荐原则上从省级集群中产生，请核实本省是否允许同时申报' },
      en: { fires: 'not yet a provincial cluster: since 2023 national candidates are expected to be provincial clusters already; check whether your province allows both at once' },
    },
  },
  (ctx) => answerIs(ctx.view, '/basic/provincialCluster', '否'),
);
