import { defineRule, num, type Out } from '../helpers.js';

export default defineRule(
  {
    id: 'digital/software-spend',
    severity: 'warning',
    source: '标准五',
    description: { zh: '工业软件采购金额在某一年下降', en: 'industrial software purchases fall in some year' },
    messages: {
      zh: { falls: '{year}年工业软件采购金额 {value} 万元，低于{prev}年的 {prevValue} 万元，与"工业软件应用率稳步提升"不一致' },
      en: { falls: 'industrial software purchases in {year} ({value}) are below {prev} ({prevValue}), at odds with “rising steadily”' },
    },
  },
  (ctx) => {
    const out: Out = [];
    const ys = ctx.profile.dataYears;
    for (let i = 1; i < ys.length; i++) {
      const a = ctx.view.yearNum('/digital/softwareSpend', ys[i - 1]!);
      const b = ctx.view.yearNum('/digital/softwareSpend', ys[i]!);
      if (a !== undefined && b !== undefined && b < a)
        out.push({ messageId: 'falls', path: `/digital/softwareSpend/${ys[i]}`, data: { year: ys[i]!, value: num(b), prev: ys[i - 1]!, prevValue: num(a) } });
    }
    return out;
  },
);
