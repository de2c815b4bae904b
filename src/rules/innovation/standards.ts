import { defineRule } from '../helpers.js';

const CATEGORIES = ['international', 'national', 'industry', 'group'];

export default defineRule(
  {
    id: 'innovation/standards',
    severity: 'warning',
    source: '标准四',
    description: { zh: '近三年未主持或参与制修订任何标准', en: 'no standard led or co-drafted in the three years' },
    messages: {
      zh: { none: '近三年中小企业主持或参与制修订标准数量均为 0（标准四：积极参加主导产业的标准制修订工作）' },
      en: { none: 'no standard led or co-drafted by SMEs in the three years (criterion 4: take an active part in standard setting)' },
    },
  },
  (ctx) => {
    let total = 0;
    let given = false;
    for (const c of CATEGORIES)
      for (const role of ['lead', 'participate'])
        for (const [, v] of ctx.view.years(`/innovation/standards/${c}/${role}`)) {
          given = true;
          total += v;
        }
    return given && total === 0 ? [{ messageId: 'none', path: '/innovation/standards' }] : [];
  },
);
