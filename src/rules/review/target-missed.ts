import { defineRule, type Out } from '../helpers.js';
import { attainmentOf, fig } from './shared.js';

export default defineRule(
  {
    id: 'review/target-missed',
    severity: 'warning',
    source: '暂行办法 复核：考核三年发展规划目标完成情况；表八 三年总体目标',
    filings: ['review'],
    description: {
      zh: '规划目标年的实际值未达到认定时的目标值（降低类指标：实际降低率低于规划降低率）',
      en: 'the target-year actual falls short of the certified target (for reductions: the achieved reduction is below the planned one)',
    },
    messages: {
      zh: {
        up: '「{indicator}」未完成规划目标：{year}年实际值 {actual}，目标值 {target}。{formula}',
        down: '「{indicator}」未完成规划目标：{year}年实际值 {actual}，目标值 {target}（应降至目标值或以下）。{formula}',
      },
      en: {
        up: '“{indicator}” missed its target: actual {year} {actual}, target {target}. {formula}',
        down: '“{indicator}” missed its target: actual {year} {actual}, target {target} (it was to fall to the target or below). {formula}',
      },
    },
  },
  (ctx) => {
    const out: Out = [];
    attainmentOf(ctx).indicators.forEach((a) => {
      const j = a.final;
      if (!j || j.achieved) return;
      out.push({
        messageId: a.better,
        path: `${a.pointer}/actual/${j.year}`,
        data: {
          indicator: a.label,
          year: j.year,
          actual: fig(j.actual, a.unit),
          target: fig(j.goal, a.unit),
          formula: j.formula,
        },
      });
    });
    return out;
  },
);
