/**
 * The derived metrics of rules.md against values computed by hand (the literals below were worked
 * out independently of src/metrics: (289.3 / 151.6)^(1/3) − 1 and so on), and judge() of meta.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics, METRIC_IDS, type Metric, type Metrics } from '../src/metrics/index.js';
import { judge, METRIC_META } from '../src/metrics/meta.js';
import { loadProfile, type Profile, type QualitySmeKey } from '../src/profile.js';
import { RULES } from '../src/rules/registry.js';
import { FilingView } from '../src/validate/view.js';
import { ROOT } from './helpers/cli.js';
import { applyPatch, clone, DELETE, profile, type Patch } from './helpers/filing.js';

function metricsOf(patch: Patch = {}, p: Profile = profile()): Metrics {
  return computeMetrics(new FilingView(applyPatch(clone(), patch)), p);
}
const base = metricsOf();
const get = (m: Metrics, id: keyof Metrics): Metric => {
  const x = m[id];
  expect(x, id).toBeDefined();
  return x!;
};
/** Value to 9 decimals (libm's pow may differ from another's in the last bits). */
function expectValue(m: Metric, expected: number, digits = 9): void {
  expect(m.value).not.toBeNull();
  expect(m.value!).toBeCloseTo(expected, digits);
}
function expectMissing(m: Metric, noteHas: string): void {
  expect(m.value).toBeNull();
  expect(m.note ?? '').toContain(noteHas);
}

describe('outputCagr: span rule', () => {
  it('with the prior year 2020 given: 3 years, 151.6 → 289.3 = 24.0365688547%', () => {
    const m = get(base, 'outputCagr');
    // 289.3 / 151.6 = 1.908311345646438; cube root 1.240365688546859
    expectValue(m, 24.036568854685946);
    expect(m.unit).toBe('%');
    expect(m.years).toEqual([2020, 2023]);
    expect(m.formula).toContain('289.3');
    expect(m.formula).toContain('151.6');
    expect(m.formula).toContain('1/3');
    expect(m.formula).toContain('24.04%');
    expect(m.formula).toContain('3年跨度');
  });

  it('without a prior year: 2 years, 186.4 → 289.3 = 24.5808422916%', () => {
    const m = get(metricsOf({ '/industry/output/2020': DELETE }), 'outputCagr');
    // 289.3 / 186.4 = 1.552038626609442; square root 1.245808422916398
    expectValue(m, 24.58084229163977);
    expect(m.years).toEqual([2021, 2023]);
    expect(m.formula).toContain('1/2');
    expect(m.formula).toContain('24.58%');
    expect(m.formula).toContain('2年跨度');
  });

  it('100 → 110 → 121 is 10% up to float noise; 100 → 121.03 is 10.0136%', () => {
    expectValue(get(metricsOf({ '/industry/output': { 2021: 100, 2022: 110, 2023: 121 } }), 'outputCagr'), 10, 12);
    // sqrt(1.2103) = 1.100136355...
    expectValue(get(metricsOf({ '/industry/output': { 2021: 100, 2022: 110, 2023: 121.03 } }), 'outputCagr'), 10.013635518511975);
  });

  it('a prior year of 0 is not a usable start: the span falls back to 2 years', () => {
    const m = get(metricsOf({ '/industry/output/2020': 0 }), 'outputCagr');
    expectValue(m, 24.58084229163977);
    expect(m.years).toEqual([2021, 2023]);
  });

  it('missing inputs give null with a note', () => {
    expectMissing(get(metricsOf({ '/industry/output/2023': DELETE }), 'outputCagr'), '2023');
    expectMissing(get(metricsOf({ '/industry/output': { 2022: 50, 2023: 60 } }), 'outputCagr'), '2021');
    expectMissing(get(metricsOf({ '/industry/output': { 2021: 0, 2022: 50, 2023: 60 } }), 'outputCagr'), '无法计算');
    // a negative end has no real root: null with a note, never NaN
    expectMissing(get(metricsOf({ '/industry/output/2023': -5 }), 'outputCagr'), '无法计算');
  });
});

describe('leadingIndustryOutputCagr', () => {
  it('on 主导产业产值 = 总产值 × 占比: 151.6 × 84.2% = 127.6472 → 289.3 × 88.4% = 255.7412 over 3 years = 26.0655632715%', () => {
    const m = get(base, 'leadingIndustryOutputCagr');
    expectValue(m, 26.06556327151064);
    expect(m.years).toEqual([2020, 2023]);
    expect(m.formula).toContain('127.6472');
    expect(m.formula).toContain('255.7412');
  });

  it('without the 2020 share: 2 years, 186.4 × 85.6% = 159.5584 → 255.7412', () => {
    const m = get(metricsOf({ '/industry/leadingShare/2020': DELETE }), 'leadingIndustryOutputCagr');
    // (255.7412 / 159.5584)^(1/2) − 1
    expectValue(m, 26.601984393486244);
    expect(m.years).toEqual([2021, 2023]);
  });
});

describe('rdSpendingCagr', () => {
  it('3.64 → 7.12 over 3 years = 25.0622400665%', () => {
    const m = get(base, 'rdSpendingCagr');
    expectValue(m, 25.062240066520403);
    expect(m.years).toEqual([2020, 2023]);
  });
  it('4.58 → 7.12 over 2 years = 24.6830041681% without 2020', () => {
    const m = get(metricsOf({ '/innovation/rdSpending/2020': DELETE }), 'rdSpendingCagr');
    expectValue(m, 24.68300416810738);
    expect(m.years).toEqual([2021, 2023]);
  });
});

describe('rdIntensity per year', () => {
  it('研发经费 / (总产值 × 中小企业占比) × 100 in each data year; value = base year', () => {
    const m = get(base, 'rdIntensity');
    // 4.58 / (186.4 × 0.815) × 100, 5.76 / (232.1 × 0.802) × 100, 7.12 / (289.3 × 0.786) × 100
    expect(m.byYear!['2021']!).toBeCloseTo(3.014823981674083, 12);
    expect(m.byYear!['2022']!).toBeCloseTo(3.0943752209308695, 12);
    expect(m.byYear!['2023']!).toBeCloseTo(3.131187062920149, 12);
    expectValue(m, 3.131187062920149, 12);
    expect(m.years).toEqual([2021, 2022, 2023]);
    expect(m.formula.split('；')).toHaveLength(3);
    expect(m.formula).toContain('2021年：');
    expect(m.formula).toContain('3.01%');
  });
  it('a year without its inputs is null with a note; the others stay', () => {
    const m = get(metricsOf({ '/industry/smeOutputShare/2022': DELETE }), 'rdIntensity');
    expect(m.byYear!['2022']).toBeNull();
    expect(m.byYear!['2021']!).toBeCloseTo(3.014823981674083, 12);
    expect(m.note).toContain('2022年');
  });
});

describe('patentsPer10k', () => {
  it('96 / 24860 × 10000 = 38.6162510056', () => {
    const m = get(base, 'patentsPer10k');
    expectValue(m, 38.61625100563154);
    expect(m.years).toEqual([2023]);
    expect(m.formula).toContain('96');
    expect(m.formula).toContain('24860');
  });
  it('96 / 64000 × 10000 = exactly 15', () => {
    expect(get(metricsOf({ '/innovation/staff/2023': 64000 }), 'patentsPer10k').value).toBe(15);
  });
  it('no staff, or none in 2023: null with a note', () => {
    expectMissing(get(metricsOf({ '/innovation/staff/2023': 0 }), 'patentsPer10k'), '为 0');
    expectMissing(get(metricsOf({ '/innovation/staff/2023': DELETE }), 'patentsPer10k'), '2023');
    expectMissing(get(metricsOf({ '/innovation/inventionPatents/count': DELETE }), 'patentsPer10k'), '有效发明专利');
  });
});

describe('inventionPatentCagr', () => {
  it('from the yearly stock when given: 58 → 96 over 3 years = 18.2899222919%', () => {
    const m = get(base, 'inventionPatentCagr');
    expectValue(m, 18.28992229188444);
    expect(m.years).toEqual([2020, 2023]);
  });
  it('otherwise the stated value, said so in the formula', () => {
    const m = get(metricsOf({ '/innovation/inventionPatentsByYear': DELETE }), 'inventionPatentCagr');
    expect(m.value).toBe(18.29);
    expect(m.formula).toContain('填报值');
    const one = get(metricsOf({ '/innovation/inventionPatentsByYear': { 2023: 96 } }), 'inventionPatentCagr');
    expect(one.value).toBe(18.29);
  });
  it('neither: null with a note', () => {
    expectMissing(get(metricsOf({ '/innovation/inventionPatentsByYear': DELETE, '/innovation/inventionPatentCagr': DELETE }), 'inventionPatentCagr'), '未填写');
  });
});

describe('cloudRate and industrialInternetRate', () => {
  it('302 / 371 × 100 = 81.4016172507% and 126 / 371 × 100 = 33.9622641509%', () => {
    expectValue(get(base, 'cloudRate'), 81.40161725067385, 12);
    expectValue(get(base, 'industrialInternetRate'), 33.9622641509434, 12);
    expect(get(base, 'cloudRate').years).toEqual([2023]);
  });
  it('57 / 380 × 100 = 15', () => {
    expectValue(get(metricsOf({ '/industry/smes/2023': 380, '/digital/iipSmes': 57 }), 'industrialInternetRate'), 15, 12);
  });
  it('no SMEs in 2023: null with a note', () => {
    expectMissing(get(metricsOf({ '/industry/smes/2023': 0 }), 'cloudRate'), '为 0');
    expectMissing(get(metricsOf({ '/digital/iipSmes': DELETE }), 'industrialInternetRate'), '接入工业互联网平台');
  });
});

describe('co2Intensity and energyIntensity: totals vs stated', () => {
  it('from totals: emissions / (总产值 × 10000)', () => {
    const m = get(base, 'co2Intensity');
    // 857440 / 1864000, 951610 / 2321000, 1041480 / 2893000
    expect(m.byYear!['2021']!).toBeCloseTo(0.46, 12);
    expect(m.byYear!['2022']!).toBeCloseTo(0.41, 12);
    expect(m.byYear!['2023']!).toBeCloseTo(0.36, 12);
    expect(m.formula).toContain('857440');
    const e = get(base, 'energyIntensity');
    // 298240 / 1864000, 348150 / 2321000, 376090 / 2893000
    expect(e.byYear!['2021']!).toBeCloseTo(0.16, 12);
    expect(e.byYear!['2022']!).toBeCloseTo(0.15, 12);
    expect(e.byYear!['2023']!).toBeCloseTo(0.13, 12);
  });
  it('totals win over a stated value that disagrees', () => {
    const m = get(metricsOf({ '/green/co2Intensity/2023': 0.5 }), 'co2Intensity');
    expect(m.byYear!['2023']!).toBeCloseTo(0.36, 12);
  });
  it('stated values when no totals are given', () => {
    const m = get(metricsOf({ '/green/co2Emissions': DELETE, '/green/co2Intensity': { 2021: 0.5, 2022: 0.45, 2023: 0.4 } }), 'co2Intensity');
    expect(m.byYear).toEqual({ 2021: 0.5, 2022: 0.45, 2023: 0.4 });
    expect(m.value).toBe(0.4);
    expect(m.formula).toContain('填报值');
  });
  it('totals for some years, stated for the others', () => {
    const m = get(metricsOf({ '/green/co2Emissions': { 2021: 932000 } }), 'co2Intensity');
    // 932000 / 1864000 = 0.5 from totals; 0.41 and 0.36 as stated
    expect(m.byYear!['2021']!).toBeCloseTo(0.5, 12);
    expect(m.byYear!['2022']).toBe(0.41);
    expect(m.byYear!['2023']).toBe(0.36);
  });
  it('neither for a year: null with a note', () => {
    const m = get(metricsOf({ '/green/co2Emissions': DELETE, '/green/co2Intensity/2022': DELETE }), 'co2Intensity');
    expect(m.byYear!['2022']).toBeNull();
    expect(m.note).toContain('2022年');
  });
});

describe('energyIntensityReduction', () => {
  it('(E2021 − E2023) / E2021 × 100 = (0.16 − 0.13) / 0.16 × 100 = 18.75%', () => {
    const m = get(base, 'energyIntensityReduction');
    expectValue(m, 18.75);
    expect(m.years).toEqual([2021, 2023]);
  });
  it('from stated intensities 0.2 → 0.17: 15%', () => {
    const m = get(metricsOf({ '/green/energyConsumption': DELETE, '/green/energyIntensity': { 2021: 0.2, 2022: 0.18, 2023: 0.17 } }), 'energyIntensityReduction');
    expectValue(m, 15);
  });
  it('missing 2021: null with a note', () => {
    expectMissing(get(metricsOf({ '/green/energyConsumption': DELETE, '/green/energyIntensity/2021': DELETE }), 'energyIntensityReduction'), '2021');
  });
});

describe('qualitySmeCount', () => {
  it('2023 on the default composition (梯度培育 three tiers): 62 创新型 + 48 专精特新 + 6 小巨人 = 116; the five-category 203 beside it', () => {
    const m = get(base, 'qualitySmeCount');
    expect(m.value).toBe(116);
    expect(m.unit).toBe('家');
    expect(m.years).toEqual([2023]);
    expect(m.formula).toContain('= 116');
    expect(m.formula).toContain('203');
  });
  it('a profile composing all five categories: 203', () => {
    const p = { ...profile(), qualitySmes: { composition: ['provincialSrdi', 'littleGiants', 'singleChampions', 'highTech', 'innovativeSmes'] as QualitySmeKey[] } };
    expect(computeMetrics(new FilingView(clone()), p).qualitySmeCount!.value).toBe(203);
  });
  it('a category of the composition missing in 2023: null with a note; one outside it does not matter', () => {
    expectMissing(get(metricsOf({ '/industry/littleGiants/2023': DELETE }), 'qualitySmeCount'), '2023');
    expect(get(metricsOf({ '/industry/highTech/2023': DELETE }), 'qualitySmeCount').value).toBe(116);
  });
  it('"无" counts as none', () => {
    expect(get(metricsOf({ '/industry/littleGiants/2023': '无' }), 'qualitySmeCount').value).toBe(110);
  });
});

describe('plan metrics (2023 baseline → 2026 target, 3 years)', () => {
  it('planOutputCagr is the target growth itself: 15', () => {
    const m = get(base, 'planOutputCagr');
    expect(m.value).toBe(15);
    expect(m.years).toEqual([2023, 2026]);
  });
  it('planRdCagr: 7.12 → 9.6 = 10.4749329035%; planPatentCagr: 96 → 150 = 16.0397208403%', () => {
    expectValue(get(base, 'planRdCagr'), 10.474932903536182);
    expectValue(get(base, 'planPatentCagr'), 16.039720840319482);
    expect(get(base, 'planRdCagr').formula).toContain('1/3');
  });
  it('planCo2Reduction: (0.36 − 0.29) / 0.36 × 100 = 19.4444%; planEnergyIntensityReduction: (0.13 − 0.11) / 0.13 × 100 = 15.3846%', () => {
    expectValue(get(base, 'planCo2Reduction'), 19.444444444444446);
    expectValue(get(base, 'planEnergyIntensityReduction'), 15.384615384615389);
  });
  it('missing baseline or target, or a zero baseline: null with a note', () => {
    expectMissing(get(metricsOf({ '/plan/targets/outputCagr/target': DELETE }), 'planOutputCagr'), '目标值');
    expectMissing(get(metricsOf({ '/plan/targets/rdSpending/baseline': DELETE }), 'planRdCagr'), '研发经费投入');
    expectMissing(get(metricsOf({ '/plan/targets/inventionPatents/baseline': 0 }), 'planPatentCagr'), '无法计算');
    expectMissing(get(metricsOf({ '/plan/targets/rdSpending/target': -1 }), 'planRdCagr'), '无法计算');
    expectMissing(get(metricsOf({ '/plan/targets/co2Intensity/target': DELETE }), 'planCo2Reduction'), '二氧化碳');
    expectMissing(get(metricsOf({ '/plan/targets/energyIntensity/baseline': 0 }), 'planEnergyIntensityReduction'), '无法计算');
  });
});

describe('every metric', () => {
  it('is computed with value, unit, formula and years; a null value carries a note', () => {
    const empty = computeMetrics(new FilingView({}), profile());
    for (const m of [base, empty]) {
      expect(Object.keys(m).sort()).toEqual([...METRIC_IDS].sort());
      for (const id of METRIC_IDS) {
        const x = m[id]!;
        expect(typeof x.unit, id).toBe('string');
        expect(typeof x.formula, id).toBe('string');
        expect(Array.isArray(x.years), id).toBe(true);
        if (x.value === null) expect(x.note, id).toBeTruthy();
        else {
          expect(Number.isFinite(x.value), id).toBe(true);
          expect(x.formula.length, id).toBeGreaterThan(0);
        }
      }
    }
    for (const id of METRIC_IDS) expect(base[id]!.value, id).not.toBeNull();
  });

  it('follows the profile’s years: with national-2025 (2022–2024) the jingmen data lack 2024', () => {
    const m = metricsOf({}, loadProfile('national-2025'));
    expect(m.outputCagr!.value).toBeNull();
    expect(m.outputCagr!.years).toEqual([2021, 2024]);
    expect(m.rdIntensity!.years).toEqual([2022, 2023, 2024]);
    expect(m.planRdCagr!.years).toEqual([2024, 2027]);
  });

  it('matches the ids of the rules.md metrics table, and METRIC_META names registered rules', () => {
    const md = readFileSync(join(ROOT, 'test/fixtures/spec-rules.md'), 'utf8');
    const table = md.slice(md.indexOf('## Metrics'), md.indexOf('## Rules'));
    const ids = new Set<string>();
    for (const line of table.split('\n')) {
      const first = /^\|([^|]+)\|/.exec(line)?.[1] ?? '';
      for (const m of first.matchAll(/`(\w+)`/g)) ids.add(m[1]!);
    }
    expect([...ids].sort()).toEqual([...METRIC_IDS].sort());
    const rules = new Set(RULES.map((r) => r.meta.id));
    for (const id of METRIC_IDS) if (METRIC_META[id].rule) expect(rules.has(METRIC_META[id].rule!), id).toBe(true);
  });
});

describe('judge()', () => {
  const p = profile();

  it('pass with the margin over the bound and the bound’s text', () => {
    const j = judge('outputCagr', base.outputCagr!, p);
    expect(j.verdict).toBe('pass');
    expect(j.threshold).toMatchObject({ min: 10, inclusive: false, text: '> 10' });
    expect(j.margin!).toBeCloseTo(14.036568854685946, 9);
  });

  it('exactly 10% (with float noise) fails "> 10"; the margin is 0', () => {
    const m = metricsOf({ '/industry/output': { 2021: 100, 2022: 110, 2023: 121 } }).outputCagr!;
    const j = judge('outputCagr', m, p);
    expect(j.verdict).toBe('fail');
    expect(j.margin!).toBeCloseTo(0, 9);
  });

  it('exactly 15 passes "≥ 15" with margin 0; 14.99 fails with margin −0.01', () => {
    const at = judge('patentsPer10k', metricsOf({ '/innovation/staff/2023': 64000 }).patentsPer10k!, p);
    expect(at).toMatchObject({ verdict: 'pass', margin: 0, threshold: { text: '≥ 15' } });
    const below = judge('patentsPer10k', { value: 14.99, unit: '件/万人', formula: '', years: [2023] }, p);
    expect(below.verdict).toBe('fail');
    expect(below.margin!).toBeCloseTo(-0.01, 9);
  });

  it('plan thresholds: planRdCagr 10.47 passes "≥ 10", planCo2Reduction 17 fails "≥ 18"', () => {
    expect(judge('planRdCagr', base.planRdCagr!, p).verdict).toBe('pass');
    const co2 = judge('planCo2Reduction', { value: 17, unit: '%', formula: '', years: [2023, 2026] }, p);
    expect(co2).toMatchObject({ verdict: 'fail', margin: -1, threshold: { min: 18, inclusive: true } });
  });

  it('an upper bound measures the margin downwards', () => {
    const capped: Profile = { ...p, thresholds: { ...p.thresholds, outputCagr: { max: 30, inclusive: true } } };
    const j = judge('outputCagr', base.outputCagr!, capped);
    expect(j.verdict).toBe('pass');
    expect(j.margin!).toBeCloseTo(30 - 24.036568854685946, 9);
    expect(j.threshold!.text).toBe('≤ 30');
  });

  it('a null value is n/a but still shows its bound; a metric without a bound is n/a', () => {
    const j = judge('outputCagr', { value: null, unit: '%', formula: '', years: [], note: 'x' }, p);
    expect(j.verdict).toBe('n/a');
    expect(j.threshold?.text).toBe('> 10');
    expect(j.margin).toBeUndefined();
    expect(judge('rdIntensity', base.rdIntensity!, p)).toEqual({ verdict: 'n/a' });
    expect(judge('qualitySmeCount', base.qualitySmeCount!, p).verdict).toBe('n/a');
  });

  it('co2Intensity is judged on falling every year', () => {
    expect(judge('co2Intensity', base.co2Intensity!, p).verdict).toBe('pass');
    const flat = metricsOf({ '/green/co2Emissions/2023': 1186130 }).co2Intensity!;
    expect(judge('co2Intensity', flat, p).verdict).toBe('fail');
    const gap = metricsOf({ '/green/co2Emissions': DELETE, '/green/co2Intensity/2022': DELETE }).co2Intensity!;
    expect(judge('co2Intensity', gap, p).verdict).toBe('n/a');
  });
});

describe('robustness (property)', () => {
  // Figures as a filing writes them: up to 2 decimals (form/decimals flags more), negatives and 0 included.
  const figure = fc.oneof(fc.constant(0), fc.constant(-1), fc.integer({ min: -1e8, max: 1e8 }).map((x) => x / 100), fc.integer({ min: 0, max: 100000 }));
  const POINTERS = [
    '/industry/output/2020',
    '/industry/output/2021',
    '/industry/output/2023',
    '/industry/leadingShare/2021',
    '/industry/smeOutputShare/2023',
    '/industry/smes/2023',
    '/innovation/rdSpending/2021',
    '/innovation/rdSpending/2023',
    '/innovation/staff/2023',
    '/innovation/inventionPatentsByYear/2020',
    '/green/co2Emissions/2021',
    '/green/energyIntensity/2021',
    '/green/energyConsumption/2021',
    '/plan/targets/rdSpending/baseline',
    '/plan/targets/rdSpending/target',
    '/plan/targets/co2Intensity/baseline',
    '/plan/targets/co2Intensity/target',
  ];
  it('any figures give finite values or null with a note, never NaN or Infinity', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...POINTERS), fc.oneof(figure, fc.constant(null), fc.constant('无'))), (patch) => {
        const m = metricsOf(patch);
        for (const id of METRIC_IDS) {
          const x = m[id]!;
          if (x.value === null) expect(x.note, id).toBeTruthy();
          else expect(Number.isFinite(x.value), `${id} = ${x.value}`).toBe(true);
          for (const v of Object.values(x.byYear ?? {})) if (v !== null) expect(Number.isFinite(v), id).toBe(true);
          expect(x.formula, id).not.toMatch(/NaN|Infinity/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
