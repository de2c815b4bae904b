/**
 * Derived metrics of ../shared/spec/rules.md: pure functions of the filing and the profile.
 * Each returns the unrounded value, its unit, the formula with the numbers filled in, and the
 * years it spans. Rules and renderers use these; nothing re-derives them.
 */
import { fixed2, fmtNum } from '../i18n.js';
import type { Profile } from '../profile.js';
import { baseYear } from '../profile.js';
import { labelFor } from '../catalogue/index.js';
import type { FilingView } from '../validate/view.js';
import type { Metric, MetricId, Metrics } from './types.js';
import type { Lang } from '../catalogue/types.js';

/**
 * The language of formulas and notes for the current computeMetrics call (it is synchronous). Each
 * text is chosen by `L === 'zh' ? … : …`, not by a function taking both: only the language written
 * is built (half the formulas' formatting was for the language not asked for, #18).
 */
let L: Lang = 'zh';

export * from './types.js';
import { nthRoot } from './root.js';

const n = (x: number): string => fmtNum(x, 4);
const r2 = fixed2;

function missing(unit: string, note: string, years: number[] = []): Metric {
  return { value: null, unit, formula: '', years, note };
}

/** Growth over the span: ((end / start)^(1/span) − 1) × 100. */
export function cagr(start: number, end: number, span: number): number {
  return (nthRoot(end / start, span) - 1) * 100;
}

/**
 * "近三年年均增速" on the profile's growth basis (../shared/spec/rules.md, `outputCagr`).
 * `base-year` (default): the 基期 is Y0 = Y1 − 1, so 2021—2023 = ((V2023 / V2020)^(1/3) − 1) × 100; without
 * V_Y0 it falls back to the 2-interval rate from Y1, marked `fallback` (form/growth-basis reports it).
 * `first-year`: ((V_Y3 / V_Y1)^(1/2) − 1) × 100. The rate on the other basis is in `alt` when computable.
 */
export function spanCagr(values: Map<number, number>, profile: Profile, label: string, unit = '%'): Metric {
  const [y1] = profile.dataYears as [number, number, number];
  const y0 = y1 - 1;
  const y3 = baseYear(profile);
  const one = (first: number): Metric => {
    const end = values.get(y3);
    const start = values.get(first);
    if (end === undefined || start === undefined) {
      return missing(unit, (L === 'zh' ? `缺少${start === undefined ? first : y3}年${label}` : `no ${label} for ${start === undefined ? first : y3}`), [first, y3]);
    }
    if (start <= 0) return missing(unit, (L === 'zh' ? `${first}年${label}为 ${n(start)}，无法计算增速` : `${label} ${first} is ${n(start)}: no growth rate`), [first, y3]);
    if (end < 0) return missing(unit, (L === 'zh' ? `${y3}年${label}为 ${n(end)}，无法计算增速` : `${label} ${y3} is ${n(end)}: no growth rate`), [first, y3]);
    const span = y3 - first;
    const value = cagr(start, end, span);
    return {
      value,
      unit,
      formula: (L === 'zh' ? `((${y3}年${label} ${n(end)} ÷ ${first}年${label} ${n(start)})^(1/${span}) − 1) × 100 = ${r2(value)}%（${span}年跨度：${first}—${y3}年）` : `((${label} ${y3} ${n(end)} ÷ ${label} ${first} ${n(start)})^(1/${span}) − 1) × 100 = ${r2(value)}% (${span}-year span, ${first}–${y3})`),
      years: [first, y3],
    };
  };
  const three = one(y0);
  const two = one(y1);
  const y0Value = values.get(y0);
  const baseFigure = y0Value !== undefined ? { baseFigure: { year: y0, value: y0Value } } : {};
  if (profile.growth.basis === 'first-year') {
    return { ...two, basis: 'first-year', ...baseFigure, ...(three.value !== null ? { alt: { basis: 'base-year', value: three.value, formula: three.formula, years: three.years } } : {}) };
  }
  if (three.value !== null) {
    return { ...three, basis: 'base-year', ...baseFigure, ...(two.value !== null ? { alt: { basis: 'first-year', value: two.value, formula: two.formula, years: two.years } } : {}) };
  }
  if ((y0Value === undefined || y0Value <= 0) && two.value === null) return { ...two, basis: 'base-year' };
  if ((y0Value === undefined || y0Value <= 0) && two.value !== null) {
    // No usable base-year figure: the 2-interval rate, and the finding form/growth-basis says so.
    return {
      ...two,
      basis: 'base-year',
      fallback: true,
      formula: two.formula + (L === 'zh' ? `；${y0Value === undefined ? '未填写' : '无可用的'}${y0}年（基期）${label}，按${y1}—${y3}年2个间隔计算` : `; no usable ${label} for ${y0} (the base year): computed over the 2 intervals ${y1}–${y3}`),
    };
  }
  return { ...three, basis: 'base-year', ...baseFigure };
}

function perYear(
  profile: Profile,
  unit: string,
  compute: (y: number) => { value: number; formula: string } | { value: null; note: string },
): Metric {
  const byYear: Record<string, number | null> = {};
  const formulas: string[] = [];
  const formulaByYear: Record<string, string> = {};
  const notes: string[] = [];
  for (const y of profile.dataYears) {
    const c = compute(y);
    byYear[String(y)] = c.value;
    if (c.value === null) notes.push(`${(L === 'zh' ? `${y}年：` : `${y}: `)}${(c as { note: string }).note}`);
    else {
      formulas.push(`${(L === 'zh' ? `${y}年：` : `${y}: `)}${(c as { formula: string }).formula}`);
      formulaByYear[String(y)] = (c as { formula: string }).formula;
    }
  }
  const y3 = baseYear(profile);
  const m: Metric = { value: byYear[String(y3)] ?? null, unit, formula: formulas.join((L === 'zh' ? '；' : '; ')), years: [...profile.dataYears], byYear, formulaByYear };
  if (notes.length) m.note = notes.join((L === 'zh' ? '；' : '; '));
  return m;
}

const FIVE_CATEGORIES = ['provincialSrdi', 'littleGiants', 'singleChampions', 'highTech', 'innovativeSmes'].map((k) => `/industry/${k}`);

/** 专精特新 + 小巨人 + 单项冠军 + 高新技术 + 创新型 in the base year ("无" is none), or undefined if one is missing. */
export function fiveCategorySum(v: FilingView, year: number): number | undefined {
  // A loop over fixed pointers: the list of counts (numbers, or undefined among them) was built per
  // filing and, of two kinds, deoptimised its callers (#18).
  let sum = 0;
  for (const ptr of FIVE_CATEGORIES) {
    const c = v.yearCount(ptr, year);
    if (c === undefined) return undefined;
    sum += c;
  }
  return sum;
}

/** The five categories' short names in 优质中小企业's formula. */
const PARTS_ZH: Record<string, string> = { innovativeSmes: '创新型', provincialSrdi: '专精特新', littleGiants: '小巨人', singleChampions: '单项冠军', highTech: '高新技术' };
const PARTS_EN: Record<string, string> = { innovativeSmes: 'innovative', provincialSrdi: 'SRDI', littleGiants: 'little giants', singleChampions: 'single champions', highTech: 'high-tech' };

/**
 * The inputs each metric is computed from, by pointer, for telling "无" from a figure left out: the same
 * for every filing of a profile, so made once per profile (40-odd pointers per filing, #18).
 */
const inputsMemo = new WeakMap<Profile, ReadonlyArray<readonly [MetricId, readonly string[]]>>();

function metricInputs(profile: Profile): ReadonlyArray<readonly [MetricId, readonly string[]]> {
  let r = inputsMemo.get(profile);
  if (r) return r;
  const y3 = baseYear(profile);
  const [y1] = profile.dataYears as [number, number, number];
  const y0 = y1 - 1;
  const yearsOf = (ptr: string, ys: number[]) => ys.map((y) => `${ptr}/${y}`);
  const growthYears = [y0, y1, y3];
  const inputs: Partial<Record<MetricId, string[]>> = {
    outputCagr: yearsOf('/industry/output', growthYears),
    leadingIndustryOutputCagr: [...yearsOf('/industry/output', growthYears), ...yearsOf('/industry/leadingShare', growthYears)],
    rdSpendingCagr: yearsOf('/innovation/rdSpending', growthYears),
    inventionPatentCagr: ['/innovation/inventionPatentCagr'],
    patentsPer10k: [`/innovation/staff/${y3}`],
    cloudRate: [`/industry/smes/${y3}`],
    industrialInternetRate: [`/industry/smes/${y3}`],
    energyIntensityReduction: [...yearsOf('/green/energyIntensity', [y1, y3]), ...yearsOf('/green/energyConsumption', [y1, y3])],
    planOutputCagr: ['/plan/targets/outputCagr/target'],
    planRdCagr: ['/plan/targets/rdSpending/baseline', '/plan/targets/rdSpending/target'],
    planPatentCagr: ['/plan/targets/inventionPatents/baseline', '/plan/targets/inventionPatents/target'],
    planCo2Reduction: ['/plan/targets/co2Intensity/baseline', '/plan/targets/co2Intensity/target'],
    planEnergyIntensityReduction: ['/plan/targets/energyIntensity/baseline', '/plan/targets/energyIntensity/target'],
  };
  r = Object.entries(inputs) as Array<[MetricId, string[]]>;
  inputsMemo.set(profile, r);
  return r;
}

// Each metric is its own function, called in turn by computeMetrics: one function holding them all
// was compiled by V8 only after a batch of a thousand filings had run through it in the interpreter,
// and dropped again by the next filing of another shape (#18). Small functions are optimised early.

function leadingIndustryOutputCagr(v: FilingView, profile: Profile, output: Map<number, number>): Metric {
  const leading = new Map<number, number>();
  for (const [y, o] of output) {
    const share = v.yearNum('/industry/leadingShare', y);
    if (share !== undefined) leading.set(y, (o * share) / 100);
  }
  const m = spanCagr(leading, profile, (L === 'zh' ? '主导产业产值' : 'leading industry output'));
  if (m.value !== null) {
    m.formula += (L === 'zh' ? '；主导产业产值 = 集群总产值 × 主导产业占比' : '; leading industry output = total output × leading share');
  }
  return m;
}

function rdIntensity(v: FilingView, profile: Profile, output: Map<number, number>): Metric {
  return perYear(profile, '%', (y) => {
    const rd = v.yearNum('/innovation/rdSpending', y);
    const o = output.get(y);
    const share = v.yearNum('/industry/smeOutputShare', y);
    if (rd === undefined || o === undefined || share === undefined) return { value: null, note: (L === 'zh' ? '缺少研发经费、总产值或中小企业产值占比' : 'R&D spending, output or SME share missing') };
    const base = (o * share) / 100;
    if (base <= 0) return { value: null, note: (L === 'zh' ? '中小企业产值为 0' : 'SME output is 0') };
    const value = (rd / base) * 100;
    return { value, formula: (L === 'zh' ? `研发经费 ${n(rd)} ÷ (总产值 ${n(o)} × 中小企业占比 ${n(share)}%) × 100 = ${r2(value)}%` : `R&D spending ${n(rd)} ÷ (output ${n(o)} × SME share ${n(share)}%) × 100 = ${r2(value)}%`) };
  });
}

function patentsPer10k(v: FilingView, y3: number): Metric {
  const patents = v.count('/innovation/inventionPatents/count');
  const staff = v.yearNum('/innovation/staff', y3);
  if (patents === undefined || staff === undefined) return missing('件/万人', (L === 'zh' ? `缺少有效发明专利拥有量或${y3}年从业人员数量` : `valid invention patents or ${y3} SME staff missing`), [y3]);
  if (staff <= 0) return missing('件/万人', (L === 'zh' ? `${y3}年从业人员数量为 0` : `SME staff ${y3} is 0`), [y3]);
  const value = (patents / staff) * 10000;
  return { value, unit: '件/万人', formula: (L === 'zh' ? `有效发明专利拥有量 ${patents} ÷ ${y3}年中小企业从业人员 ${staff} × 10000 = ${r2(value)}` : `valid invention patents ${patents} ÷ SME staff ${y3} ${staff} × 10000 = ${r2(value)}`), years: [y3] };
}

function inventionPatentCagr(v: FilingView, profile: Profile, y1: number, y3: number): Metric {
  const stock = v.years('/innovation/inventionPatentsByYear');
  if (stock.size >= 2 && stock.has(y3)) return spanCagr(stock, profile, (L === 'zh' ? '有效发明专利拥有量' : 'valid invention patents'));
  const stated = v.num('/innovation/inventionPatentCagr');
  return stated === undefined
    ? missing('%', (L === 'zh' ? '未填写有效发明专利年均增速，也未给出各年有效发明专利拥有量' : 'neither the stated invention patent growth nor the yearly patent stock is given'))
    : { value: stated, unit: '%', formula: (L === 'zh' ? `填报值 ${r2(stated)}%（未给出各年有效发明专利拥有量，无法核算）` : `stated ${r2(stated)}% (no yearly patent stock to check it against)`), years: [y1, y3] };
}

function rate(count: number | undefined, label: string, smes: number | undefined, y3: number): Metric {
  if (count === undefined || smes === undefined) return missing('%', (L === 'zh' ? `缺少${label}或${y3}年集群中小企业数量` : `${label} or SMEs ${y3} missing`), [y3]);
  if (smes <= 0) return missing('%', (L === 'zh' ? `${y3}年集群中小企业数量为 0` : `SMEs ${y3} is 0`), [y3]);
  const value = (count / smes) * 100;
  return { value, unit: '%', formula: (L === 'zh' ? `${label} ${count} ÷ ${y3}年集群中小企业数量 ${smes} × 100 = ${r2(value)}%` : `${label} ${count} ÷ SMEs ${y3} ${smes} × 100 = ${r2(value)}%`), years: [y3] };
}

function intensity(v: FilingView, profile: Profile, output: Map<number, number>, statedPtr: string, totalPtr: string, totalLabel: string, unit: string): Metric {
  return perYear(profile, unit, (y) => {
    const total = v.yearNum(totalPtr, y);
    const o = output.get(y);
    if (total !== undefined && o !== undefined && o > 0) {
      const value = total / (o * 10000);
      return { value, formula: (L === 'zh' ? `${totalLabel} ${n(total)} ÷ (总产值 ${n(o)} 亿元 × 10000) = ${fmtNum(value, 4)} ${unit}` : `${totalLabel} ${n(total)} ÷ (output ${n(o)} × 10000) = ${fmtNum(value, 4)} ${unit}`) };
    }
    const stated = v.yearNum(statedPtr, y);
    if (stated !== undefined) return { value: stated, formula: (L === 'zh' ? `填报值 ${n(stated)} ${unit}` : `stated ${n(stated)} ${unit}`) };
    return { value: null, note: (L === 'zh' ? '未填写' : 'not given') };
  });
}

function energyIntensityReduction(energyIntensity: Metric, y1: number, y3: number): Metric {
  const e1 = energyIntensity.byYear?.[String(y1)] ?? null;
  const e3 = energyIntensity.byYear?.[String(y3)] ?? null;
  if (e1 === null || e3 === null) return missing('%', (L === 'zh' ? `缺少${y1}年或${y3}年单位产值能耗` : `energy intensity ${y1} or ${y3} missing`), [y1, y3]);
  if (e1 <= 0) return missing('%', (L === 'zh' ? `${y1}年单位产值能耗为 0` : `energy intensity ${y1} is 0`), [y1, y3]);
  const value = ((e1 - e3) / e1) * 100;
  return {
    value,
    unit: '%',
    formula: (L === 'zh' ? `(${y1}年单位产值能耗 ${fmtNum(e1, 4)} − ${y3}年单位产值能耗 ${fmtNum(e3, 4)}) ÷ ${fmtNum(e1, 4)} × 100 = ${r2(value)}%` : `(energy intensity ${y1} ${fmtNum(e1, 4)} − energy intensity ${y3} ${fmtNum(e3, 4)}) ÷ ${fmtNum(e1, 4)} × 100 = ${r2(value)}%`),
    years: [y1, y3],
  };
}

// 优质中小企业 as the profile composes it (default the 梯度培育 tiers 创新型 + 专精特新 + 小巨人); titles
// overlap, so the sum is as declared. The five-category sum is shown beside it. "无" counts as none.
function qualitySmeCount(v: FilingView, profile: Profile, y3: number): Metric {
  const parts = L === 'zh' ? PARTS_ZH : PARTS_EN;
  const comp = profile.qualitySmes.composition;
  const five = fiveCategorySum(v, y3);
  const counts: number[] = [];
  let value = 0;
  for (const k of comp) {
    const c = v.yearCount(`/industry/${k}`, y3);
    if (c === undefined) return missing('家', (L === 'zh' ? `${y3}年优质中小企业各类数量不全` : `quality SME counts for ${y3} incomplete`), [y3]);
    counts.push(c);
    value += c;
  }
  const fiveText = five === undefined ? '' : (L === 'zh' ? `（五类合计：专精特新、小巨人、单项冠军、高新技术、创新型 = ${five}）` : ` (all five categories: ${five})`);
  return { value, unit: '家', formula: `${comp.map((k, i) => `${parts[k]} ${counts[i]}`).join(' + ')} = ${value}${fiveText}`, years: [y3] };
}

function planGrowth(v: FilingView, key: string, label: string, y3: number, target: number): Metric {
  const span = target - y3;
  const b = v.num(`/plan/targets/${key}/baseline`);
  const tv = v.num(`/plan/targets/${key}/target`);
  if (b === undefined || tv === undefined) return missing('%', (L === 'zh' ? `表八缺少${label}的基准值或目标值` : `table 8 lacks the baseline or target of ${label}`), [y3, target]);
  if (b <= 0) return missing('%', (L === 'zh' ? `${label}基准值为 ${n(b)}，无法计算增速` : `${label} baseline is ${n(b)}: no growth rate`), [y3, target]);
  if (tv < 0) return missing('%', (L === 'zh' ? `${label}目标值为 ${n(tv)}，无法计算增速` : `${label} target is ${n(tv)}: no growth rate`), [y3, target]);
  const value = cagr(b, tv, span);
  return { value, unit: '%', formula: (L === 'zh' ? `((${target}年目标值 ${n(tv)} ÷ ${y3}年基准值 ${n(b)})^(1/${span}) − 1) × 100 = ${r2(value)}%` : `((target ${target} ${n(tv)} ÷ baseline ${y3} ${n(b)})^(1/${span}) − 1) × 100 = ${r2(value)}%`), years: [y3, target] };
}

function planOutputCagr(v: FilingView, y3: number, target: number): Metric {
  const planTarget = v.num('/plan/targets/outputCagr/target');
  return planTarget === undefined
    ? missing('%', (L === 'zh' ? '表八缺少"近三年集群产值年均增速"目标值' : 'table 8 lacks the output growth target'), [y3, target])
    : { value: planTarget, unit: '%', formula: (L === 'zh' ? `表八"近三年集群产值年均增速"${target}年目标值 = ${r2(planTarget)}%（该指标本身即年均增速）` : `table 8 output growth target for ${target} = ${r2(planTarget)}% (the indicator is itself an average growth rate)`), years: [y3, target] };
}

function planReduction(v: FilingView, key: string, label: string, y3: number, target: number): Metric {
  const b = v.num(`/plan/targets/${key}/baseline`);
  const tv = v.num(`/plan/targets/${key}/target`);
  if (b === undefined || tv === undefined) return missing('%', (L === 'zh' ? `表八缺少${label}的基准值或目标值` : `table 8 lacks the baseline or target of ${label}`), [y3, target]);
  if (b <= 0) return missing('%', (L === 'zh' ? `${label}基准值为 ${n(b)}，无法计算降低率` : `${label} baseline is ${n(b)}: no reduction rate`), [y3, target]);
  const value = ((b - tv) / b) * 100;
  return { value, unit: '%', formula: (L === 'zh' ? `(${y3}年基准值 ${n(b)} − ${target}年目标值 ${n(tv)}) ÷ ${n(b)} × 100 = ${r2(value)}%` : `(baseline ${y3} ${n(b)} − target ${target} ${n(tv)}) ÷ ${n(b)} × 100 = ${r2(value)}%`), years: [y3, target] };
}

// A metric that could not be computed because an input it needs says "无" (nothing to report): say so,
// so that the rule judging it can tell "无" from a figure left out.
function markNone(m: Metrics, v: FilingView, profile: Profile): void {
  for (const [id, ptrs] of metricInputs(profile)) {
    const metric = m[id];
    if (!metric || metric.value !== null) continue;
    const ptr = ptrs.find((p) => v.none(p));
    if (!ptr) continue;
    const year = /\/(\d{4})$/.exec(ptr)?.[1];
    const label = labelFor(ptr, 'zh');
    const labelEn = labelFor(ptr, 'en');
    metric.none = { pointer: ptr, label: `${year ? `${year}年` : ''}「${label}」`, labelEn: `“${labelEn}”${year ? ` for ${year}` : ''}` };
    metric.note = (L === 'zh' ? `${metric.none.label}填写为"无"，无法计算` : `${metric.none.labelEn} is “无”: cannot be computed`);
  }
}

/** Computes every metric of the catalogue (in this order: the order of the report's keys). */
export function computeMetrics(v: FilingView, profile: Profile, lang: Lang = 'zh'): Metrics {
  L = lang;
  const y3 = baseYear(profile);
  const y1 = profile.dataYears[0]!;
  const m: Metrics = {};
  const output = v.years('/industry/output');
  m.outputCagr = spanCagr(output, profile, (L === 'zh' ? '集群总产值' : 'total output'));
  m.leadingIndustryOutputCagr = leadingIndustryOutputCagr(v, profile, output);
  m.rdSpendingCagr = spanCagr(v.years('/innovation/rdSpending'), profile, (L === 'zh' ? '研发经费总额' : 'R&D spending'));
  m.rdIntensity = rdIntensity(v, profile, output);
  m.patentsPer10k = patentsPer10k(v, y3);
  m.inventionPatentCagr = inventionPatentCagr(v, profile, y1, y3);
  const smes = v.yearNum('/industry/smes', y3);
  m.cloudRate = rate(v.count('/digital/cloudSmes'), (L === 'zh' ? '上云中小企业数量' : 'SMEs on the cloud'), smes, y3);
  m.industrialInternetRate = rate(v.count('/digital/iipSmes'), (L === 'zh' ? '接入工业互联网平台的中小企业数量' : 'SMEs on industrial internet platforms'), smes, y3);
  m.co2Intensity = intensity(v, profile, output, '/green/co2Intensity', '/green/co2Emissions', (L === 'zh' ? '二氧化碳排放总量（吨）' : 'CO2 emissions (t)'), '吨二氧化碳/万元');
  m.energyIntensity = intensity(v, profile, output, '/green/energyIntensity', '/green/energyConsumption', (L === 'zh' ? '综合能源消费量（吨标准煤）' : 'energy consumption (tce)'), '吨标准煤/万元');
  m.energyIntensityReduction = energyIntensityReduction(m.energyIntensity, y1, y3);
  m.qualitySmeCount = qualitySmeCount(v, profile, y3);
  const target = profile.targetYear;
  m.planOutputCagr = planOutputCagr(v, y3, target);
  m.planRdCagr = planGrowth(v, 'rdSpending', (L === 'zh' ? '研发经费投入' : 'R&D spending'), y3, target);
  m.planPatentCagr = planGrowth(v, 'inventionPatents', (L === 'zh' ? '有效发明专利数量' : 'valid invention patents'), y3, target);
  m.planCo2Reduction = planReduction(v, 'co2Intensity', (L === 'zh' ? '二氧化碳排放量' : 'CO2 intensity'), y3, target);
  m.planEnergyIntensityReduction = planReduction(v, 'energyIntensity', (L === 'zh' ? '单位工业产值能耗' : 'energy intensity'), y3, target);
  markNone(m, v, profile);
  return m;
}
