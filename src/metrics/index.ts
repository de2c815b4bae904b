/**
 * Derived metrics of ../shared/spec/rules.md: pure functions of the filing and the profile.
 * Each returns the unrounded value, its unit, the formula with the numbers filled in, and the
 * years it spans. Rules and renderers use these; nothing re-derives them.
 */
import { fixed2, fmtNum } from '../i18n.js';
import type { Profile } from '../profile.js';
import { baseYear } from '../profile.js';
import type { FilingView } from '../validate/view.js';
import type { Metric, Metrics } from './types.js';

export * from './types.js';

const n = (x: number): string => fmtNum(x, 4);
const r2 = fixed2;

function missing(unit: string, note: string, years: number[] = []): Metric {
  return { value: null, unit, formula: '', years, note };
}

/** Growth over the span: ((end / start)^(1/span) − 1) × 100. */
export function cagr(start: number, end: number, span: number): number {
  return (Math.pow(end / start, 1 / span) - 1) * 100;
}

/**
 * CAGR from the earliest year given to the base year: a year before Y1 may be given, making the
 * span three years; otherwise it runs from Y1 (two years).
 */
export function spanCagr(values: Map<number, number>, profile: Profile, label: string, unit = '%'): Metric {
  const [y1] = profile.dataYears as [number, number, number];
  const y3 = baseYear(profile);
  const end = values.get(y3);
  const prior = values.get(y1 - 1);
  const first = prior !== undefined && prior > 0 ? y1 - 1 : y1;
  const start = values.get(first);
  if (end === undefined || start === undefined) {
    return missing(unit, `缺少${start === undefined ? first : y3}年${label}`, [first, y3]);
  }
  if (start <= 0) return missing(unit, `${first}年${label}为 ${n(start)}，无法计算增速`, [first, y3]);
  if (end < 0) return missing(unit, `${y3}年${label}为 ${n(end)}，无法计算增速`, [first, y3]);
  const span = y3 - first;
  const value = cagr(start, end, span);
  return {
    value,
    unit,
    formula: `((${y3}年${label} ${n(end)} ÷ ${first}年${label} ${n(start)})^(1/${span}) − 1) × 100 = ${r2(value)}%（${span}年跨度：${first}—${y3}年）`,
    years: [first, y3],
  };
}

function perYear(
  profile: Profile,
  unit: string,
  compute: (y: number) => { value: number; formula: string } | { value: null; note: string },
): Metric {
  const byYear: Record<string, number | null> = {};
  const formulas: string[] = [];
  const notes: string[] = [];
  for (const y of profile.dataYears) {
    const c = compute(y);
    byYear[String(y)] = c.value;
    if (c.value === null) notes.push(`${y}年：${(c as { note: string }).note}`);
    else formulas.push(`${y}年：${(c as { formula: string }).formula}`);
  }
  const y3 = baseYear(profile);
  const m: Metric = { value: byYear[String(y3)] ?? null, unit, formula: formulas.join('；'), years: [...profile.dataYears], byYear };
  if (notes.length) m.note = notes.join('；');
  return m;
}

/** Computes every metric of the catalogue. */
export function computeMetrics(v: FilingView, profile: Profile): Metrics {
  const y3 = baseYear(profile);
  const [y1] = profile.dataYears as [number, number, number];
  const m: Metrics = {};
  const output = v.years('/industry/output');

  m.outputCagr = spanCagr(output, profile, '集群总产值');

  const leading = new Map<number, number>();
  for (const [y, o] of output) {
    const share = v.yearNum('/industry/leadingShare', y);
    if (share !== undefined) leading.set(y, (o * share) / 100);
  }
  m.leadingIndustryOutputCagr = spanCagr(leading, profile, '主导产业产值');
  if (m.leadingIndustryOutputCagr.value !== null) {
    m.leadingIndustryOutputCagr.formula += '；主导产业产值 = 集群总产值 × 主导产业占比';
  }

  m.rdSpendingCagr = spanCagr(v.years('/innovation/rdSpending'), profile, '研发经费总额');

  m.rdIntensity = perYear(profile, '%', (y) => {
    const rd = v.yearNum('/innovation/rdSpending', y);
    const o = output.get(y);
    const share = v.yearNum('/industry/smeOutputShare', y);
    if (rd === undefined || o === undefined || share === undefined) return { value: null, note: '缺少研发经费、总产值或中小企业产值占比' };
    const base = (o * share) / 100;
    if (base <= 0) return { value: null, note: '中小企业产值为 0' };
    const value = (rd / base) * 100;
    return { value, formula: `研发经费 ${n(rd)} ÷ (总产值 ${n(o)} × 中小企业占比 ${n(share)}%) × 100 = ${r2(value)}%` };
  });

  const patents = v.num('/innovation/inventionPatents/count');
  const staff = v.yearNum('/innovation/staff', y3);
  if (patents === undefined || staff === undefined) m.patentsPer10k = missing('件/万人', `缺少有效发明专利拥有量或${y3}年从业人员数量`, [y3]);
  else if (staff <= 0) m.patentsPer10k = missing('件/万人', `${y3}年从业人员数量为 0`, [y3]);
  else {
    const value = (patents / staff) * 10000;
    m.patentsPer10k = { value, unit: '件/万人', formula: `有效发明专利拥有量 ${patents} ÷ ${y3}年中小企业从业人员 ${staff} × 10000 = ${r2(value)}`, years: [y3] };
  }

  const stock = v.years('/innovation/inventionPatentsByYear');
  if (stock.size >= 2 && stock.has(y3)) {
    m.inventionPatentCagr = spanCagr(stock, profile, '有效发明专利拥有量');
  } else {
    const stated = v.num('/innovation/inventionPatentCagr');
    m.inventionPatentCagr =
      stated === undefined
        ? missing('%', '未填写有效发明专利年均增速，也未给出各年有效发明专利拥有量')
        : { value: stated, unit: '%', formula: `填报值 ${r2(stated)}%（未给出各年有效发明专利拥有量，无法核算）`, years: [y1, y3] };
  }

  const smes = v.yearNum('/industry/smes', y3);
  const rate = (count: number | undefined, label: string): Metric => {
    if (count === undefined || smes === undefined) return missing('%', `缺少${label}或${y3}年集群中小企业数量`, [y3]);
    if (smes <= 0) return missing('%', `${y3}年集群中小企业数量为 0`, [y3]);
    const value = (count / smes) * 100;
    return { value, unit: '%', formula: `${label} ${count} ÷ ${y3}年集群中小企业数量 ${smes} × 100 = ${r2(value)}%`, years: [y3] };
  };
  m.cloudRate = rate(v.num('/digital/cloudSmes'), '上云中小企业数量');
  m.industrialInternetRate = rate(v.num('/digital/iipSmes'), '接入工业互联网平台的中小企业数量');

  const intensity = (statedPtr: string, totalPtr: string, totalLabel: string, unit: string): Metric =>
    perYear(profile, unit, (y) => {
      const total = v.yearNum(totalPtr, y);
      const o = output.get(y);
      if (total !== undefined && o !== undefined && o > 0) {
        const value = total / (o * 10000);
        return { value, formula: `${totalLabel} ${n(total)} ÷ (总产值 ${n(o)} 亿元 × 10000) = ${fmtNum(value, 4)} ${unit}` };
      }
      const stated = v.yearNum(statedPtr, y);
      if (stated !== undefined) return { value: stated, formula: `填报值 ${n(stated)} ${unit}` };
      return { value: null, note: '未填写' };
    });
  m.co2Intensity = intensity('/green/co2Intensity', '/green/co2Emissions', '二氧化碳排放总量（吨）', '吨二氧化碳/万元');
  m.energyIntensity = intensity('/green/energyIntensity', '/green/energyConsumption', '综合能源消费量（吨标准煤）', '吨标准煤/万元');

  const e1 = m.energyIntensity.byYear?.[String(y1)] ?? null;
  const e3 = m.energyIntensity.byYear?.[String(y3)] ?? null;
  if (e1 === null || e3 === null) m.energyIntensityReduction = missing('%', `缺少${y1}年或${y3}年单位产值能耗`, [y1, y3]);
  else if (e1 <= 0) m.energyIntensityReduction = missing('%', `${y1}年单位产值能耗为 0`, [y1, y3]);
  else {
    const value = ((e1 - e3) / e1) * 100;
    m.energyIntensityReduction = {
      value,
      unit: '%',
      formula: `(${y1}年单位产值能耗 ${fmtNum(e1, 4)} − ${y3}年单位产值能耗 ${fmtNum(e3, 4)}) ÷ ${fmtNum(e1, 4)} × 100 = ${r2(value)}%`,
      years: [y1, y3],
    };
  }

  const parts: Array<[string, string]> = [
    ['provincialSrdi', '专精特新'],
    ['littleGiants', '小巨人'],
    ['singleChampions', '单项冠军'],
    ['highTech', '高新技术'],
    ['innovativeSmes', '创新型'],
  ];
  const counts = parts.map(([k, l]) => [l, v.yearNum(`/industry/${k}`, y3)] as const);
  if (counts.some(([, c]) => c === undefined)) m.qualitySmeCount = missing('家', `${y3}年优质中小企业各类数量不全`, [y3]);
  else {
    const value = counts.reduce((s, [, c]) => s + (c as number), 0);
    m.qualitySmeCount = { value, unit: '家', formula: `${counts.map(([l, c]) => `${l} ${c}`).join(' + ')} = ${value}`, years: [y3] };
  }

  const target = profile.targetYear;
  const span = target - y3;
  const planGrowth = (key: string, label: string): Metric => {
    const b = v.num(`/plan/targets/${key}/baseline`);
    const t = v.num(`/plan/targets/${key}/target`);
    if (b === undefined || t === undefined) return missing('%', `表八缺少${label}的基准值或目标值`, [y3, target]);
    if (b <= 0) return missing('%', `${label}基准值为 ${n(b)}，无法计算增速`, [y3, target]);
    if (t < 0) return missing('%', `${label}目标值为 ${n(t)}，无法计算增速`, [y3, target]);
    const value = cagr(b, t, span);
    return { value, unit: '%', formula: `((${target}年目标值 ${n(t)} ÷ ${y3}年基准值 ${n(b)})^(1/${span}) − 1) × 100 = ${r2(value)}%`, years: [y3, target] };
  };
  const planTarget = v.num('/plan/targets/outputCagr/target');
  m.planOutputCagr =
    planTarget === undefined
      ? missing('%', '表八缺少"近三年集群产值年均增速"目标值', [y3, target])
      : { value: planTarget, unit: '%', formula: `表八"近三年集群产值年均增速"${target}年目标值 = ${r2(planTarget)}%（该指标本身即年均增速）`, years: [y3, target] };
  m.planRdCagr = planGrowth('rdSpending', '研发经费投入');
  m.planPatentCagr = planGrowth('inventionPatents', '有效发明专利数量');

  const planReduction = (key: string, label: string): Metric => {
    const b = v.num(`/plan/targets/${key}/baseline`);
    const t = v.num(`/plan/targets/${key}/target`);
    if (b === undefined || t === undefined) return missing('%', `表八缺少${label}的基准值或目标值`, [y3, target]);
    if (b <= 0) return missing('%', `${label}基准值为 ${n(b)}，无法计算降低率`, [y3, target]);
    const value = ((b - t) / b) * 100;
    return { value, unit: '%', formula: `(${y3}年基准值 ${n(b)} − ${target}年目标值 ${n(t)}) ÷ ${n(b)} × 100 = ${r2(value)}%`, years: [y3, target] };
  };
  m.planCo2Reduction = planReduction('co2Intensity', '二氧化碳排放量');
  m.planEnergyIntensityReduction = planReduction('energyIntensity', '单位工业产值能耗');

  return m;
}
