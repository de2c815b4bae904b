import type { Metric } from '../findings.js';

export const METRIC_IDS = [
  'outputCagr',
  'leadingIndustryOutputCagr',
  'rdSpendingCagr',
  'rdIntensity',
  'patentsPer10k',
  'inventionPatentCagr',
  'cloudRate',
  'industrialInternetRate',
  'co2Intensity',
  'energyIntensity',
  'energyIntensityReduction',
  'qualitySmeCount',
  'planOutputCagr',
  'planRdCagr',
  'planPatentCagr',
  'planCo2Reduction',
  'planEnergyIntensityReduction',
] as const;

export type MetricId = (typeof METRIC_IDS)[number];
export type Metrics = Partial<Record<MetricId, Metric>>;
export type { Metric };
