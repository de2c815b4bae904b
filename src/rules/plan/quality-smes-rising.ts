import { baseYear, planYears } from '../../profile.js';
import { defineRule, type Out } from '../helpers.js';

export default defineRule(
  {
    id: 'plan/quality-smes-rising',
    filings: ['application'],
    severity: 'error',
    source: '表八 备注b',
    description: { zh: '优质中小企业数量逐年增加（基准值 < 各年度目标 < 目标值）', en: 'quality SMEs rise every year (baseline < each yearly target < target)' },
    messages: {
      zh: {
        notRising: '优质中小企业数量 {year}年 {value} 家，未高于{prev}年的 {prevValue} 家：表八备注b要求逐年增加',
        missingYear: '优质中小企业数量缺少{year}年度目标值，无法核对"逐年增加"',
      },
      en: {
        notRising: 'quality SMEs in {year} ({value}) are not above {prev} ({prevValue}): note b requires a rise every year',
        missingYear: 'no {year} target for quality SMEs, so “rising every year” cannot be checked',
      },
    },
  },
  (ctx) => {
    const v = ctx.view;
    const years = [baseYear(ctx.profile), ...planYears(ctx.profile)];
    const target = ctx.profile.targetYear;
    const series: Array<[number, number | undefined, string]> = years.map((y, i) => {
      if (i === 0) return [y, v.num('/plan/targets/qualitySmes/baseline'), '/plan/targets/qualitySmes/baseline'];
      if (y === target) return [y, v.num('/plan/targets/qualitySmes/target'), '/plan/targets/qualitySmes/target'];
      return [y, v.yearNum('/plan/targets/qualitySmes/interim', y), `/plan/targets/qualitySmes/interim/${y}`];
    });
    if (series[0]![1] === undefined || series[series.length - 1]![1] === undefined) return [];
    const out: Out = [];
    let prev = series[0]!;
    for (const cur of series.slice(1)) {
      if (cur[1] === undefined) {
        out.push({ messageId: 'missingYear', path: cur[2], data: { year: cur[0] } });
        continue;
      }
      if (!(cur[1] > prev[1]!)) out.push({ messageId: 'notRising', path: cur[2], data: { year: cur[0], value: cur[1], prev: prev[0], prevValue: prev[1]! } });
      prev = cur;
    }
    return out;
  },
);
