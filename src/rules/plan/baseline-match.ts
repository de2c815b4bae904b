import { baseYear } from '../../profile.js';
import type { Metric } from '../../metrics/types.js';
import { fiveCategorySum } from '../../metrics/index.js';
import { defineRule, num, round2, type Out } from '../helpers.js';

const COMPOSITION_ZH: Record<string, string> = { innovativeSmes: '创新型', provincialSrdi: '专精特新', littleGiants: '小巨人', singleChampions: '单项冠军', highTech: '高新技术' };

/** A baseline off by a power of ten from the declared figure: 万元 for 亿元 (10⁴), tonnes for 吨/万元. */
function unitSlip(b: number, declared: number): { factor: string; hint: string; hintEn: string } | undefined {
  if (b === 0 || declared === 0) return undefined;
  const r = Math.abs(b / declared);
  for (const [f, hint, hintEn] of [
    [10000, '万元与亿元相差 10000 倍', '万元 and 亿元 differ by 10000'],
    [100, '百分数与小数相差 100 倍', 'a percentage and a fraction differ by 100'],
    [1000, '千与个、吨与千克相差 1000 倍', 'thousands, or tonnes and kilograms, differ by 1000'],
  ] as const) {
    if (Math.abs(r / f - 1) < 0.01 || Math.abs(r * f - 1) < 0.01) return { factor: String(f), hint, hintEn };
  }
  return undefined;
}

/** Each plan baseline and the figure of 表二–五 it must repeat. */
function declared(ctx: Parameters<Parameters<typeof defineRule>[1]>[0]): Array<[key: string, value: number | undefined, source: string, computed: boolean]> {
  const v = ctx.view;
  const y = baseYear(ctx.profile);
  const m = (x: Metric | undefined) => (x && x.value !== null ? x.value : undefined);
  return [
    ['outputCagr', m(ctx.metrics.outputCagr), `表二 集群总产值核算的近三年年均增速`, true],
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
    description: {
      zh: '三年总体目标的基准值与表二至表五填报的同一数据不一致（优质中小企业：与配置口径之和、五类之和均不一致时为警告）',
      en: 'a plan baseline differs from the same figure declared in tables 2–5 (quality SMEs: a warning when it matches neither the profile’s composition nor the five-category sum)',
    },
    messages: {
      zh: {
        differs: '基准值 {baseline} 与{source} {declared} 不一致',
        unit: '基准值 {baseline} 与{source} {declared} 不一致，相差约 {factor} 倍：疑似单位填错（{hint}）',
        quality: '优质中小企业基准值 {baseline} 与表二{year}年数量不一致：按本轮口径（{composition}）合计 {comp}，专精特新、小巨人、单项冠军、高新技术、创新型五类合计 {five}（各类称号有重叠，按填报数相加）',
      },
      en: {
        differs: 'baseline {baseline} differs from {declared} declared in {source}',
        unit: 'baseline {baseline} differs from {declared} declared in {source} by a factor of about {factor}: a unit slip? ({hintEn})',
        quality: 'the quality SME baseline {baseline} matches neither table 2’s {year} sum on this round’s composition ({composition}) = {comp} nor the five-category sum = {five}',
      },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const [key, dec, source, computed] of declared(ctx)) {
      const b = ctx.view.num(`/plan/targets/${key}/baseline`);
      if (b === undefined || dec === undefined) continue;
      const diff = Math.abs(round2(b) - round2(dec));
      if (computed ? diff > 0.01 + 1e-9 : diff > 1e-9) {
        const slip = unitSlip(b, dec);
        out.push(
          slip
            ? { messageId: 'unit', path: `/plan/targets/${key}/baseline`, data: { baseline: num(b), declared: num(dec), source, ...slip } }
            : { messageId: 'differs', path: `/plan/targets/${key}/baseline`, data: { baseline: num(b), declared: num(dec), source } },
        );
      }
    }
    // 优质中小企业: the profile's composition (default 梯度培育 three tiers) or the five-category sum.
    const qb = ctx.view.num('/plan/targets/qualitySmes/baseline');
    const comp = ctx.metrics.qualitySmeCount?.value ?? null;
    const y = baseYear(ctx.profile);
    const five = fiveCategorySum(ctx.view, y);
    if (qb !== undefined && comp !== null && five !== undefined && qb !== comp && qb !== five) {
      const composition = ctx.profile.qualitySmes.composition.map((k) => COMPOSITION_ZH[k]).join(' + ');
      out.push({ messageId: 'quality', severity: 'warning', path: '/plan/targets/qualitySmes/baseline', data: { baseline: num(qb), year: y, composition, comp, five } });
    }
    return out;
  },
);
