/**
 * Profiles: the rounds that exist (national-2024/2025/2026, 云南 2023 暂行) as data — deadline chains with
 * sources, unknowns marked unknown, criteria a province switches off, and the profile file's validation.
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../src/compare/model.js';
import { computeMetrics } from '../src/metrics/index.js';
import { builtinProfiles, loadProfile, meets, parseProfile, printed, validDate, type Profile } from '../src/profile.js';
import { FilingView } from '../src/validate/view.js';
import { validateLoaded } from '../src/validate/index.js';
import { cli } from './helpers/cli.js';
import { applyPatch, BASE_REL, clone, DELETE, example, TODAY, type Patch } from './helpers/filing.js';

const MINIMAL = `id: mine
dataYears: [2021, 2022, 2023]
targetYear: 2026
thresholds:
${['area', 'output', 'smeOutputShare', 'leadingShare', 'outputCagr', 'championsOrGiants', 'otherQualitySmes', 'rdSpendingCagr', 'inventionPatentCagr', 'patentsPer10k', 'industrialInternetRate', 'planOutputCagr', 'planRdCagr', 'planPatentCagr', 'planIndustrialInternetRate', 'planCo2Reduction', 'planEnergyIntensityReduction'].map((k) => `  ${k}: { min: 1, inclusive: true }`).join('\n')}
`;

describe('built-in profiles', () => {
  it('national-2024 (default), national-2025, national-2026, the review profiles and yunnan-2023 exist and cite sources', () => {
    expect(builtinProfiles()).toEqual(['national-2024', 'national-2025', 'national-2026', 'review-2025', 'review-2026', 'review-2027', 'yunnan-2023']);
    for (const id of builtinProfiles()) {
      const p = loadProfile(id);
      expect(p.sources.length, id).toBeGreaterThan(0);
      for (const d of p.deadlines) expect(d.source.length, id).toBeGreaterThan(0);
    }
  });

  it('national-2024: the seed round; the chain 2024-06-20 (Hubei, city → province) then 2024-07-31 (province → ministry)', () => {
    const p = loadProfile('national-2024');
    expect(p.dataYears).toEqual([2021, 2022, 2023]);
    expect(p.targetYear).toBe(2026);
    expect(p.deadlines.map((d) => [d.stage, d.date])).toEqual([
      ['city', '2024-06-20'],
      ['province', '2024-07-31'],
    ]);
    expect(p.deadlines[0]!.source).toContain('鄂经信办函〔2024〕29号');
    expect(p.deadlines[1]!.source).toContain('工信厅企业函〔2024〕122号');
    expect(p.deadline).toBe('2024-06-20');
    expect(p.quotas).toMatchObject({ province: 8, separate: 2 });
    expect(p.quotas.separateUnits).toEqual(['大连', '青岛', '宁波', '厦门', '深圳', '新疆生产建设兵团']);
    expect(p.annexes).toEqual({ form: 2, summary: 1, standard: 3 });
    expect(p.growth.basis).toBe('base-year');
    expect(p.qualitySmes.composition).toEqual(['innovativeSmes', 'provincialSrdi', 'littleGiants']);
  });

  it('national-2025 (〔2025〕77号) and national-2026: years moved on, deadlines unknown rather than invented, the national annex numbers', () => {
    const p25 = loadProfile('national-2025');
    expect(p25.notice).toContain('工信厅企业函〔2025〕77号');
    expect([p25.dataYears, p25.targetYear]).toEqual([[2022, 2023, 2024], 2027]);
    const p26 = loadProfile('national-2026');
    expect([p26.dataYears, p26.targetYear]).toEqual([[2023, 2024, 2025], 2028]);
    for (const p of [p25, p26]) {
      expect(p.deadlines.every((d) => d.date === null)).toBe(true);
      expect(p.deadline).toBeUndefined();
      expect(p.annexes.form).toBe(1);
      expect(p.quotas).toMatchObject({ province: 8, separate: 2 });
    }
  });

  it('yunnan-2023: the province’s own thresholds; no patent criteria (off, not a zero)', () => {
    const p = loadProfile('yunnan-2023');
    expect(p.level).toBe('provincial');
    expect(p.thresholds.output).toEqual({ min: 10, max: undefined, inclusive: true });
    expect(p.thresholds.smeOutputShare).toEqual({ min: 50, max: undefined, inclusive: true });
    expect(p.thresholds.leadingShare).toEqual({ min: 60, max: undefined, inclusive: false });
    expect(p.thresholds.outputCagr).toEqual({ min: 3, max: undefined, inclusive: false });
    expect(p.thresholds.otherQualitySmes).toEqual({ min: 3, max: undefined, inclusive: true });
    expect(p.thresholds.rdSpendingCagr).toEqual({ min: 5, max: undefined, inclusive: false });
    expect(p.thresholds.industrialInternetRate).toEqual({ min: 10, max: undefined, inclusive: true });
    expect(p.thresholds.inventionPatentCagr).toBeNull();
    expect(p.thresholds.patentsPer10k).toBeNull();
  });
});

/** The 云南 standard on the example's years (its round's years are a setting of the round). */
function yunnan(): Profile {
  return { ...loadProfile('yunnan-2023'), dataYears: [2021, 2022, 2023], targetYear: 2026 };
}

async function findings(patch: Patch, p: Profile): Promise<string[]> {
  const ex = example(BASE_REL);
  const data = applyPatch(clone(), patch);
  const r = await validateLoaded({ file: ex.file, dir: ex.dir, format: 'yaml', data, sourceMap: ex.parsed.sourceMap }, { profile: p, lang: 'zh', today: TODAY });
  return r.findings.map((f) => f.ruleId);
}

describe('a province switches criteria off and sets its own bounds', () => {
  const weak: Patch = {
    '/innovation/inventionPatents': { count: 3, names: ['a', 'b', 'c'], evidence: ['evidence/三、创新能力情况/有效发明专利清单.pdf'] },
    '/innovation/patentsPer10k': 1.21,
    '/innovation/inventionPatentsByYear': DELETE,
    '/innovation/inventionPatentCagr': 0,
  };
  it('few patents: national-2024 fails 标准四; yunnan-2023 judges no patent criterion', async () => {
    const nat = await findings(weak, loadProfile('national-2024'));
    expect(nat).toContain('innovation/patents-per-10k');
    expect(nat).toContain('innovation/patent-growth');
    const yn = await findings(weak, yunnan());
    expect(yn).not.toContain('innovation/patents-per-10k');
    expect(yn).not.toContain('innovation/patent-growth');
  });

  it.each([
    ['SME share 50 (以上)', { '/industry/smeOutputShare/2022': 50 }, 'competitiveness/sme-output-share', false],
    ['SME share 49.99', { '/industry/smeOutputShare/2022': 49.99 }, 'competitiveness/sme-output-share', true],
    ['leading share 60 (高于 excludes it)', { '/industry/leadingShare/2022': 60 }, 'competitiveness/leading-industry-share', true],
    ['leading share 60.01', { '/industry/leadingShare/2022': 60.01 }, 'competitiveness/leading-industry-share', false],
    ['output 10 (以上)', { '/industry/output/2021': 10 }, 'competitiveness/output-min', false],
    ['output 9.99', { '/industry/output/2021': 9.99 }, 'competitiveness/output-min', true],
  ] as const)('yunnan-2023: %s', async (_name, patch, rule, fires) => {
    expect((await findings(patch as Patch, yunnan())).includes(rule)).toBe(fires);
  });

  it('the comparison leaves switched-off criteria out instead of printing 符合', () => {
    const view = new FilingView(clone());
    const c = compare([{ file: 'a.yaml', view, metrics: computeMetrics(view, yunnan()), errors: 0, warnings: 0 }], yunnan(), 'zh');
    const ids = c.rows.map((r) => r.id);
    expect(ids).not.toContain('patentsPer10k');
    expect(ids).not.toContain('inventionPatentCagr');
    expect(ids).toContain('rdSpendingCagr');
  });
});

describe('the profile file is checked', () => {
  it('a minimal profile gets the defaults: base-year growth, the three tiers, quotas 8/2, the seed annex numbers', () => {
    const p = parseProfile(MINIMAL, 'mine.yaml');
    expect(p.growth.basis).toBe('base-year');
    expect(p.quotas).toMatchObject({ province: 8, separate: 2 });
    expect(p.annexes).toEqual({ form: 2, summary: 1, standard: 3 });
    expect(p.deadlines).toEqual([]);
  });

  it('the old keys (deadline, quotaPerProvince) still read', () => {
    const p = parseProfile(`${MINIMAL}deadline: 2024-06-20\nquotaPerProvince: 5\n`, 'old.yaml');
    expect(p.deadline).toBe('2024-06-20');
    expect(p.quotas.province).toBe(5);
  });

  it.each([
    ['a date that does not exist', 'deadlines:\n  - { stage: city, date: 2024-02-30, source: x }\n', 'deadlines[0].date'],
    ['month 13', 'deadlines:\n  - { stage: city, date: 2024-13-01, source: x }\n', 'deadlines[0].date'],
    ['no source', 'deadlines:\n  - { stage: city, date: 2024-06-20 }\n', 'source'],
    ['an unknown stage', 'deadlines:\n  - { stage: town, date: 2024-06-20, source: x }\n', 'stage'],
    ['an unknown growth basis', 'growth: { basis: median }\n', 'growth.basis'],
    ['an unknown composition', 'qualitySmes: { composition: [unicorns] }\n', 'qualitySmes.composition'],
  ])('refuses %s', (_name, extra, says) => {
    expect(() => parseProfile(MINIMAL + extra, 'bad.yaml')).toThrow(says);
  });

  it('a criterion is `off` or a bound, never silently missing', () => {
    expect(parseProfile(MINIMAL.replace('  area: { min: 1, inclusive: true }', '  area: off'), 'x.yaml').thresholds.area).toBeNull();
    expect(() => parseProfile(MINIMAL.replace('  area: { min: 1, inclusive: true }\n', ''), 'x.yaml')).toThrow('thresholds.area');
  });
});

describe('dates and printed precision', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-02-30', false],
    ['2024-13-01', false],
    ['2024-04-31', false],
    ['2024-04-30', true],
    ['2024-00-10', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
  ])('validDate(%s) = %s', (d, ok) => expect(validDate(d)).toBe(ok));

  it.each([
    [10.0045, 10],
    [10.005, 10.01],
    [69.995, 70],
    [69.994, 69.99],
    [-1.005, -1.01],
  ])('printed(%s) = %s', (x, y) => expect(printed(x)).toBe(y));

  it('bounds at, just below and just above, judged as printed', () => {
    const above10 = { min: 10, inclusive: false };
    const atLeast70 = { min: 70, inclusive: true };
    expect([9.99, 10, 10.0049, 10.005, 10.01].map((x) => meets(x, above10))).toEqual([false, false, false, true, true]);
    expect([69.99, 69.994, 69.995, 70, 70.01].map((x) => meets(x, atLeast70))).toEqual([false, false, true, true, true]);
  });
});

describe('cluster metrics shows the rate on both bases', () => {
  it('json: the value on the 2020 base and alt on the 2021 base, each with its verdict', () => {
    const r = cli(['metrics', 'examples/jingmen-battery/cluster.yaml', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout).metrics.outputCagr;
    expect(m.basis).toBe('base-year');
    expect(m.years).toEqual([2020, 2023]);
    expect(m.baseFigure).toEqual({ year: 2020, value: 151.6 });
    expect(m.alt.years).toEqual([2021, 2023]);
    expect(m.alt.value).toBeCloseTo(24.5807, 3);
    expect(m.alt.verdict).toBe('pass');
  });
});

describe('cluster profiles', () => {
  it('lists every built-in profile with its years, thresholds, deadlines and sources', () => {
    const r = cli(['profiles']);
    expect(r.code, r.stderr).toBe(0);
    for (const id of ['national-2024', 'national-2025', 'national-2026', 'yunnan-2023']) expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('2024-06-20');
    expect(r.stdout).toContain('工信厅企业函〔2025〕77号');
    expect(r.stdout).toContain('未知');
    expect(r.stdout).toContain('不考核');
    const j = cli(['profiles', 'yunnan-2023', '--format', 'json']);
    expect(j.code).toBe(0);
    const [p] = JSON.parse(j.stdout) as Array<Record<string, unknown>>;
    expect(p!.id).toBe('yunnan-2023');
    expect((p!.thresholds as Record<string, unknown>).patentsPer10k).toBeNull();
  });

  it('an unknown profile is exit 2 naming the built-in ones', () => {
    const r = cli(['validate', 'examples/jingmen-battery/cluster.yaml', '--profile', 'national-2099']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('yunnan-2023');
  });
});
