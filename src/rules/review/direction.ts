import { defineRule, type Out } from '../helpers.js';
import { attainmentOf, fig } from './shared.js';

export default defineRule(
  {
    id: 'review/direction',
    severity: 'warning',
    source: '表八 备注b（逐年增加）；标准六（持续下降）',
    filings: ['review'],
    description: {
      zh: '指标未按规划承诺的方向逐年变化（增加类逐年增加，降低类逐年下降）',
      en: 'an indicator did not move every year in the direction the plan promised (up for growth, down for reductions)',
    },
    messages: {
      zh: {
        up: '「{indicator}」{year}年 {value}，未高于{prevYear}年的 {prevValue}：规划承诺逐年增加',
        down: '「{indicator}」{year}年 {value}，未低于{prevYear}年的 {prevValue}：规划承诺逐年下降',
      },
      en: {
        up: '“{indicator}” {year} is {value}, not above {prevYear} ({prevValue}): the plan promised a rise every year',
        down: '“{indicator}” {year} is {value}, not below {prevYear} ({prevValue}): the plan promised a fall every year',
      },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const a of attainmentOf(ctx).indicators) {
      for (const x of a.against) {
        out.push({ messageId: a.better, path: `${a.pointer}/actual/${x.year}`, data: { indicator: a.label, year: x.year, value: fig(x.value, a.unit), prevYear: x.prevYear, prevValue: fig(x.prevValue, a.unit) } });
      }
    }
    return out;
  },
);
