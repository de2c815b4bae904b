/**
 * The fields each derived metric is computed from (JSON Pointer prefixes; per-year maps include
 * every year). `metrics` and `render` use it to show which workbook cells a printed figure rests on
 * when one of them was converted or could not be read. A trailing "?" marks a fallback: the stated
 * figure used when the figures it is computed from are missing. test/metrics-inputs.test.ts keeps it
 * true: each listed field changes its metric (a fallback once the others are gone), no other does.
 */
import type { MetricId } from './types.js';

const QUALITY = ['provincialSrdi', 'littleGiants', 'singleChampions', 'highTech', 'innovativeSmes'].map((k) => `/industry/${k}`);

export const METRIC_INPUTS: Readonly<Record<MetricId, readonly string[]>> = {
  outputCagr: ['/industry/output'],
  leadingIndustryOutputCagr: ['/industry/output', '/industry/leadingShare'],
  rdSpendingCagr: ['/innovation/rdSpending'],
  rdIntensity: ['/innovation/rdSpending', '/industry/output', '/industry/smeOutputShare'],
  patentsPer10k: ['/innovation/inventionPatents/count', '/innovation/staff'],
  inventionPatentCagr: ['/innovation/inventionPatentsByYear', '/innovation/inventionPatentCagr?'],
  cloudRate: ['/digital/cloudSmes', '/industry/smes'],
  industrialInternetRate: ['/digital/iipSmes', '/industry/smes'],
  co2Intensity: ['/green/co2Intensity?', '/green/co2Emissions', '/industry/output'],
  energyIntensity: ['/green/energyIntensity?', '/green/energyConsumption', '/industry/output'],
  energyIntensityReduction: ['/green/energyIntensity?', '/green/energyConsumption', '/industry/output'],
  qualitySmeCount: QUALITY,
  planOutputCagr: ['/plan/targets/outputCagr/target'],
  planRdCagr: ['/plan/targets/rdSpending/baseline', '/plan/targets/rdSpending/target'],
  planPatentCagr: ['/plan/targets/inventionPatents/baseline', '/plan/targets/inventionPatents/target'],
  planCo2Reduction: ['/plan/targets/co2Intensity/baseline', '/plan/targets/co2Intensity/target'],
  planEnergyIntensityReduction: ['/plan/targets/energyIntensity/baseline', '/plan/targets/energyIntensity/target'],
};

/** True when the value at `path` is one of the metric's inputs. */
export function feeds(id: MetricId, path: string): boolean {
  return METRIC_INPUTS[id].some((q) => {
    const p = q.replace(/\?$/, '');
    return path === p || path.startsWith(`${p}/`);
  });
}
