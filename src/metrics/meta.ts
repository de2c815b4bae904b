import type { Lang } from '../catalogue/types.js';
import type { Bound, Profile, ThresholdKey } from '../profile.js';
import { boundText, meets } from '../profile.js';
import type { Metric, MetricId } from './types.js';

export interface MetricMeta {
  label: Record<Lang, string>;
  /** The profile bound it is judged against, if any. */
  threshold?: ThresholdKey;
  /** The rule that judges it. */
  rule?: string;
  source?: string;
}

export const METRIC_META: Record<MetricId, MetricMeta> = {
  outputCagr: { label: { zh: '集群总产值近三年年均增速', en: 'average annual output growth' }, threshold: 'outputCagr', rule: 'competitiveness/output-growth', source: '标准一' },
  leadingIndustryOutputCagr: { label: { zh: '集群主导产业产值年均增速', en: 'leading industry output growth' } },
  rdSpendingCagr: { label: { zh: '中小企业研发经费年均增速', en: 'SME R&D spending growth' }, threshold: 'rdSpendingCagr', rule: 'innovation/rd-growth', source: '标准四' },
  rdIntensity: { label: { zh: '研发投入强度', en: 'R&D intensity' } },
  patentsPer10k: { label: { zh: '每万人有效发明专利拥有量', en: 'valid invention patents per 10,000 staff' }, threshold: 'patentsPer10k', rule: 'innovation/patents-per-10k', source: '标准四' },
  inventionPatentCagr: { label: { zh: '有效发明专利年均增速', en: 'valid invention patent growth' }, threshold: 'inventionPatentCagr', rule: 'innovation/patent-growth', source: '标准四' },
  cloudRate: { label: { zh: '中小企业上云比例', en: 'share of SMEs on the cloud' } },
  industrialInternetRate: { label: { zh: '工业互联网平台应用普及率', en: 'industrial internet platform adoption' }, threshold: 'industrialInternetRate', rule: 'digital/industrial-internet', source: '标准五' },
  co2Intensity: { label: { zh: '单位产值二氧化碳排放量', en: 'CO₂ per unit of output' }, rule: 'green/co2-intensity-falling', source: '标准六' },
  energyIntensity: { label: { zh: '单位产值能耗', en: 'energy use per unit of output' } },
  energyIntensityReduction: { label: { zh: '近三年单位产值能耗降低率', en: 'reduction of energy intensity' } },
  qualitySmeCount: { label: { zh: '优质中小企业数量', en: 'quality SMEs' }, rule: 'cultivation/quality-smes', source: '标准二' },
  planOutputCagr: { label: { zh: '规划：产值年均增速', en: 'plan: output growth' }, threshold: 'planOutputCagr', rule: 'plan/output-growth', source: '表八 备注a' },
  planRdCagr: { label: { zh: '规划：研发经费年均增速', en: 'plan: R&D spending growth' }, threshold: 'planRdCagr', rule: 'plan/rd-growth', source: '表八 备注c' },
  planPatentCagr: { label: { zh: '规划：有效发明专利年均增速', en: 'plan: invention patent growth' }, threshold: 'planPatentCagr', rule: 'plan/patent-growth', source: '表八 备注d' },
  planCo2Reduction: { label: { zh: '规划：二氧化碳排放量降低率', en: 'plan: CO₂ reduction' }, threshold: 'planCo2Reduction', rule: 'plan/co2-reduction', source: '表八 备注f' },
  planEnergyIntensityReduction: { label: { zh: '规划：单位工业产值能耗下降率', en: 'plan: energy intensity reduction' }, threshold: 'planEnergyIntensityReduction', rule: 'plan/energy-intensity-reduction', source: '表八 备注g' },
};

export type Verdict = 'pass' | 'fail' | 'n/a';

export interface Judged {
  threshold?: Bound & { text: string };
  verdict: Verdict;
  /** Margin over the bound (value − bound), in the metric's unit. */
  margin?: number;
}

/** A metric beside the bound it is judged against; CO₂ intensity is judged on falling every year. */
export function judge(id: MetricId, m: Metric, profile: Profile): Judged {
  const meta = METRIC_META[id];
  if (id === 'co2Intensity') {
    const ys = profile.dataYears.map((y) => m.byYear?.[String(y)] ?? null);
    if (ys.some((x) => x === null)) return { verdict: 'n/a' };
    const falling = ys.every((x, i) => i === 0 || (x as number) < (ys[i - 1] as number));
    return { verdict: falling ? 'pass' : 'fail' };
  }
  if (!meta.threshold) return { verdict: 'n/a' };
  const b = profile.thresholds[meta.threshold];
  if (!b) return { verdict: 'n/a' };
  const threshold = { ...b, text: boundText(b) };
  if (m.value === null) return { threshold, verdict: 'n/a' };
  const margin = b.min !== undefined ? m.value - b.min : b.max! - m.value;
  return { threshold, verdict: meets(m.value, b) ? 'pass' : 'fail', margin };
}
