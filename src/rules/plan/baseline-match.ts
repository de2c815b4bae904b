import { baseYear } from '../../profile.js';
import type { Metric } from '../../metrics/types.js';
import { defineRule, num, round2, type Out } from '../helpers.js';

/** Each plan baseline and the figure of 表二–五 it must repeat. */
function declared(ctx: Parameters<Parameters<typeof defineRule>[1]>[0]): Array<[key: string, value: number | undefined, source: string, computed: boolean]> {
  const v = ctx.view;
  const y = baseYear(ctx.profile);
  const m = (x: Metric | undefined) => (x && x.value !== null ? x.value : undefined);
  return [
    ['outputCagr', m(ctx.metrics.outputCagr), `表二 集群总产值核算的近三年年均增速`, true],
    ['qualitySmes', m(ctx.metrics.qualitySmeCount), `表二 ${y}年专精特新、小巨人、单项冠军、高新技术、创新型企业数量之和`, false],
    ['rdSpending', v.yearNum('/innovation/rdSpending', y), `表三 ${y}年集群中小企业研发经费总额`, false],
    ['inventionPatents', v.num('/innovation/inventionPatents/count'), '表三 集群内中小企业有效发明专利拥有量', false],
    ['iipRate', v.num('/digital/iipRate'), '表四 集群中小企业工业互联网平台应用普及率', false],
    ['co2Intensity', v.yearNum('/green/co2Intensity', y), `表五 ${y}年单位产值二氧化碳排放量`, false],
    ['energyIntensity', v.yearNum('/green/energyIntensity', y), `表五 ${y}年单位产值能耗`, false],
  ];
}

export default defineRule(
  {
    id: 'plan/baseline-match',
    filings: ['application'],
    severity: 'error',
    source: '表八 备注',
    description: { zh: '三年总体目标的基准值与表二至表五填报的同一数据不一致', en: 'a plan baseline differs from the same figure declared in tables 2–5' },
    messages: {
      zh: { differs: '基准值 {baseline} 与{source} {declared} 不一致' },
      en: { differs: 'baseline {baseline} differs from {declared} declared in {source}' },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const [key, dec, source, computed] of declared(ctx)) {
      const b = ctx.view.num(`/plan/targets/${key}/baseline`);
      if (b === undefined || dec === undefined) continue;
      const diff = Math.abs(round2(b) - round2(dec));
      if (computed ? diff > 0.01 + 1e-9 : diff > 1e-9)
        out.push({ messageId: 'differs', path: `/plan/targets/${key}/baseline`, data: { baseline: num(b), declared: num(dec), source } });
    }
    return out;
  },
);
