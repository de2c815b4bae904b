/**
 * The review (复核): attainment of the certified plan on, just below and just above each target,
 * the review/ rules table-driven on examples/review-2027, the review profiles, the profile a review
 * filing is judged under, and `cluster init --review`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../src/profile.js';
import { figure, judgeGoal, planAttainment } from '../src/review/attainment.js';
import { RULES } from '../src/rules/registry.js';
import { validateLoaded } from '../src/validate/index.js';
import { FilingView } from '../src/validate/view.js';
import { cli, ROOT } from './helpers/cli.js';

const runCli = async (args: string[]) => cli(args);
import { applyPatch, clone, example, type Data, type Patch } from './helpers/filing.js';

const REVIEW_REL = 'examples/review-2027/cluster.yaml';
const TODAY = '2027-01-01';
const review2027 = () => loadProfile('review-2027');

function run(patch: Patch = {}, lang: 'zh' | 'en' = 'zh') {
  const ex = example(REVIEW_REL);
  const data = applyPatch(clone(ex), patch);
  return validateLoaded({ file: ex.file, dir: ex.dir, format: 'yaml', data, sourceMap: ex.parsed.sourceMap }, { profile: review2027(), lang, today: TODAY });
}

describe('review profiles', () => {
  it.each([
    ['review-2025', 2022, [2022, 2023, 2024], 2021, 2024],
    ['review-2026', 2023, [2023, 2024, 2025], 2022, 2025],
    ['review-2027', 2024, [2024, 2025, 2026], 2023, 2026],
  ])('%s reviews the %i batch over its plan years', (id, batch, years, base, target) => {
    const p = loadProfile(id);
    expect(p.kind).toBe('review');
    expect(p.review!.batch).toBe(batch);
    expect(p.dataYears).toEqual(years);
    expect(p.review!.planBaseYear).toBe(base);
    expect(p.review!.planTargetYear).toBe(target);
    expect(p.review!.validTo - p.review!.validFrom).toBe(2);
    expect(p.sources.length).toBeGreaterThan(0);
    // No deadline was found for any review round: none is invented.
    expect(p.deadline).toBeUndefined();
    // The standard is the 2022 认定标准, as in the application round.
    expect(p.thresholds).toEqual(loadProfile('national-2024').thresholds);
  });
});

describe('attainment at, just below and just above each target', () => {
  // [indicator, target, unit step, better]
  const rows: Array<[string, number, number, 'up' | 'down']> = [
    ['outputCagr', 15, 0.01, 'up'],
    ['qualitySmes', 270, 1, 'up'],
    ['rdSpending', 9.6, 0.01, 'up'],
    ['inventionPatents', 150, 1, 'up'],
    ['iipRate', 48, 0.01, 'up'],
    ['co2Intensity', 0.29, 0.01, 'down'],
    ['energyIntensity', 0.11, 0.01, 'down'],
  ];
  const judgeActual = (key: string, actual: number) => {
    const data = clone(example(REVIEW_REL));
    applyPatch(data, { [`/review/targets/${key}/actual/2026`]: actual });
    return planAttainment(new FilingView(data), review2027()).indicators.find((a) => a.key === key)!;
  };
  it.each(rows)('%s (target %d)', (key, target, step, better) => {
    const at = judgeActual(key, target);
    expect(at.final!.achieved).toBe(true);
    expect(at.final!.rate).toBeCloseTo(100, 9);
    const worse = judgeActual(key, better === 'up' ? target - step : target + step);
    expect(worse.final!.achieved).toBe(false);
    expect(worse.final!.rate!).toBeLessThan(100);
    const better_ = judgeActual(key, better === 'up' ? target + step : target - step);
    expect(better_.final!.achieved).toBe(true);
    expect(better_.final!.rate!).toBeGreaterThan(100);
  });

  it('judges at the printed precision: 14.996% prints 15.00% and meets 15%; 14.994% does not', () => {
    expect(judgeGoal(2026, 15, 14.996, 'up', 24.04, '%', 'zh').achieved).toBe(true);
    expect(judgeGoal(2026, 15, 14.994, 'up', 24.04, '%', 'zh').achieved).toBe(false);
  });

  it('a reduction: attainment is the achieved reduction over the planned one, with the formula', () => {
    const j = judgeGoal(2026, 0.29, 0.3, 'down', 0.36, '吨二氧化碳/万元', 'zh');
    expect(j.achieved).toBe(false);
    expect(j.reduction!.achieved).toBeCloseTo(16.6667, 3);
    expect(j.reduction!.planned).toBeCloseTo(19.4444, 3);
    expect(j.rate).toBeCloseTo(85.714, 2);
    expect(j.formula).toContain('实际降低率 = (基准值 0.36');
    expect(j.formula).toContain('85.71%');
    const en = judgeGoal(2026, 0.29, 0.3, 'down', 0.36, '吨二氧化碳/万元', 'en');
    expect(en.formula).toContain('achieved reduction');
  });

  it('counts the targets judged and met in the example (some met, some missed)', () => {
    const a = planAttainment(new FilingView(clone(example(REVIEW_REL))), review2027());
    expect(a.judged).toBe(10);
    expect(a.met).toBe(5);
    const missed = a.indicators.filter((x) => x.final && !x.final.achieved).map((x) => x.key);
    expect(missed).toEqual(['outputCagr', 'inventionPatents', 'co2Intensity', 'extra/0', 'extra/2']);
  });
});

interface Case {
  rule: string;
  name: string;
  patch: Patch;
  /** Pointer of the expected finding; undefined = must not fire (at `at`, or anywhere). */
  fires?: string;
  at?: string;
  says?: string[];
}
const fires = (rule: string, name: string, path: string, patch: Patch, says?: string[]): Case => ({ rule, name, patch, fires: path, says });
const passes = (rule: string, name: string, patch: Patch, at?: string): Case => ({ rule, name, patch, at });

const CASES: Case[] = [
  fires('review/target-missed', 'output growth 13.38% < 15%', '/review/targets/outputCagr/actual/2026', {}, ['13.38%', '15.00%', '89.20%']),
  fires('review/target-missed', 'R&D spending 9.59 < 9.6', '/review/targets/rdSpending/actual/2026', { '/review/targets/rdSpending/actual/2026': 9.59, '/innovation/rdSpending/2026': 9.59 }, ['9.59', '9.6']),
  passes('review/target-missed', 'R&D spending exactly 9.6', { '/review/targets/rdSpending/actual/2026': 9.6, '/innovation/rdSpending/2026': 9.6 }, '/review/targets/rdSpending/actual/2026'),
  passes('review/target-missed', 'CO₂ exactly on 0.29', { '/review/targets/co2Intensity/actual/2026': 0.29 }, '/review/targets/co2Intensity/actual/2026'),
  fires('review/target-missed', 'energy intensity 0.12 > 0.11 (a reduction missed)', '/review/targets/energyIntensity/actual/2026', { '/review/targets/energyIntensity/actual/2026': 0.12 }, ['降低率']),
  passes('review/target-missed', 'every target met', {
    '/review/targets/outputCagr/actual/2026': 15,
    '/review/targets/inventionPatents/actual/2026': 150,
    '/review/targets/co2Intensity/actual/2026': 0.29,
    '/review/targets/extra/0/actual/2026': '440',
    '/review/targets/extra/2/actual/2026': '6',
  }),
  fires('review/stage-missed', 'patents 2024: 110 < 112', '/review/targets/inventionPatents/actual/2024', {}, ['110', '112', '98.21%']),
  fires('review/stage-missed', 'CO₂ 2025: 0.33 > stage 0.32', '/review/targets/co2Intensity/actual/2025', { '/review/targets/co2Intensity/actual/2025': 0.33 }),
  passes('review/stage-missed', 'patents on their stage targets', { '/review/targets/inventionPatents/actual/2024': 112, '/review/targets/inventionPatents/actual/2025': 130 }),
  fires('review/direction', 'quality SMEs 2025 equal to 2024', '/review/targets/qualitySmes/actual/2025', { '/review/targets/qualitySmes/actual/2025': 228 }, ['逐年增加']),
  fires('review/direction', 'CO₂ 2024 above the baseline', '/review/targets/co2Intensity/actual/2024', { '/review/targets/co2Intensity/actual/2024': 0.37 }, ['逐年下降']),
  passes('review/direction', 'every indicator moves its way every year', {}),
  fires('review/certification', 'batch 2023 under review-2027', '/certification/batch', { '/certification/batch': 2023 }, ['review-2026']),
  fires('review/certification', 'plan base year 2022', '/review/planBaseYear', { '/review/planBaseYear': 2022 }),
  fires('review/certification', 'validity 2025—2028', '/certification/validFrom', { '/certification/validTo': 2028 }),
  passes('review/certification', 'the 2024 batch, valid 2025—2027, plan 2023→2026', {}),
  fires('review/actual-vs-data', 'R&D actual 2025 differs from 表三', '/review/targets/rdSpending/actual/2025', { '/review/targets/rdSpending/actual/2025': 8.9 }, ['8.9', '8.8']),
  fires('review/actual-vs-data', 'quality SMEs differ from both sums', '/review/targets/qualitySmes/actual/2024', { '/review/targets/qualitySmes/actual/2024': 229 }),
  passes('review/actual-vs-data', 'the example’s actuals are its data', {}),
];

describe('review/ rules', () => {
  const ids = RULES.map((r) => r.meta.id).filter((id) => id.startsWith('review/'));
  it('every review rule has a fires case and a passes case', () => {
    expect(ids.filter((id) => !CASES.some((c) => c.rule === id && c.fires))).toEqual([]);
    expect(ids.filter((id) => !CASES.some((c) => c.rule === id && !c.fires))).toEqual([]);
  });
  it.each(CASES.map((c) => [`${c.rule}: ${c.name}`, c] as const))('%s', async (_, c) => {
    const r = await run(c.patch);
    const hits = r.findings.filter((f) => f.ruleId === c.rule && (c.fires || !c.at || f.path === c.at));
    if (!c.fires) {
      expect(hits).toEqual([]);
      return;
    }
    const hit = hits.find((f) => f.path === c.fires);
    expect(hit, JSON.stringify(hits.map((h) => h.path))).toBeDefined();
    for (const s of c.says ?? []) expect(hit!.message).toContain(s);
    const en = (await run(c.patch, 'en')).findings.find((f) => f.ruleId === c.rule && f.path === c.fires)!;
    expect(en.message).not.toMatch(/\{\w+\}|undefined|NaN/);
    expect(en.message).not.toBe(hit!.message);
  });

  it('the standard is re-checked on the review years: a missed standard is an error', async () => {
    const r = await run({ '/industry/output/2026': 380 });
    const e = r.findings.find((f) => f.ruleId === 'competitiveness/output-growth');
    expect(e?.severity).toBe('error');
    expect(e?.message).toContain('2023');
    expect(r.valid).toBe(false);
  });

  it('the example review passes the standard with warnings only; application-only rules stay silent', async () => {
    const r = await run();
    expect(r.summary.error).toBe(0);
    expect(r.findings.every((f) => f.ruleId.startsWith('review/'))).toBe(true);
  });
});

describe('which profile judges a filing', () => {
  it('a review filing under the default profile takes its batch’s review profile', async () => {
    const r = await runCli(['validate', REVIEW_REL, '--format', 'json', '--today', TODAY]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout).results[0];
    expect(res.findings.some((f: { ruleId: string }) => f.ruleId === 'review/target-missed')).toBe(true);
  });
  it('an application under a review profile is refused with exit 2 and what to do', async () => {
    const r = await runCli(['validate', 'examples/jingmen-battery/cluster.yaml', '--profile', 'review-2027']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('init --review');
  });
  it('a review filing under another application profile is refused, naming the review profile', async () => {
    const r = await runCli(['validate', REVIEW_REL, '--profile', 'national-2025']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('review-2027');
  });
});

describe('cluster init --review', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cluster-review-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('carries names, the plan and the base year over from a YAML application', async () => {
    const dir = join(tmp, 'yaml');
    const r = await runCli(['init', '--review', 'examples/jingmen-battery/cluster.yaml', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('review-2027');
    const d = jsyaml.load(readFileSync(join(dir, 'cluster.yaml'), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Data;
    const app = jsyaml.load(readFileSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml'), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Data;
    const get = (o: Data, p: string) => p.split('/').filter(Boolean).reduce<unknown>((x, k) => (x as Data)?.[k], o);
    expect(get(d, '/cover/clusterName')).toBe(get(app, '/cover/clusterName'));
    expect(get(d, '/certification/batch')).toBe(2024);
    expect(get(d, '/certification/notice')).toBe('工信部企业函〔2024〕267号');
    expect(get(d, '/review/targets/rdSpending/baseline')).toBe(7.12);
    expect(get(d, '/review/targets/rdSpending/target')).toBe(9.6);
    expect(get(d, '/review/targets/qualitySmes/stages')).toEqual({ 2024: 225, 2025: 248 });
    expect(get(d, '/review/stageTargets/2026')).toBe(get(app, '/plan/stageTargets/2026'));
    expect(get(d, '/industry/output')).toEqual({ 2023: 289.3, 2024: null, 2025: null, 2026: null });
    expect(get(d, '/plan')).toBeUndefined();
    expect((get(d, '/review/targets/extra') as unknown[]).length).toBe(3);
    // A second run does not overwrite it.
    expect((await runCli(['init', '--review', 'examples/jingmen-battery/cluster.yaml', dir])).code).toBe(2);
  });

  it('seeds from an Excel application the same way', async () => {
    // A workbook lives beside the filing it was made from (its evidence paths are relative to it).
    const src = join(tmp, 'app');
    cpSync(join(ROOT, 'examples/jingmen-battery'), src, { recursive: true });
    const xlsx = join(src, 'app.xlsx');
    expect((await runCli(['template', '--from', join(src, 'cluster.yaml'), '-o', xlsx])).code).toBe(0);
    const dir = join(tmp, 'xlsx');
    expect((await runCli(['init', '--review', xlsx, dir])).code).toBe(0);
    const fromXlsx = readFileSync(join(dir, 'cluster.yaml'), 'utf8');
    const fromYaml = readFileSync(join(tmp, 'yaml', 'cluster.yaml'), 'utf8');
    expect(fromXlsx.replace(/^# yaml-language-server.*\n/, '')).toBe(fromYaml.replace(/^# yaml-language-server.*\n/, ''));
  });

  it('refuses a review filing as the original', async () => {
    const r = await runCli(['init', '--review', REVIEW_REL, join(tmp, 'again')]);
    expect(r.code).toBe(2);
  });
});

describe('figures as the review prints them (填报说明2: 2 decimals)', () => {
  it('prints computed figures with 2 decimals, counts as integers, and more only where 2 would show 0.00', () => {
    expect(figure(2.943281, '%')).toBe('2.94'); // 研发投入强度 computed from 研发经费 ÷ 营业收入
    expect(figure(2.945, '%')).toBe('2.95');
    expect(figure(1.5, '亿元')).toBe('1.50');
    expect(figure(12, '家')).toBe('12');
    expect(figure(0.0035, '%')).toBe('0.0035');
    expect(figure(-0.004, '%')).toBe('-0.004');
    expect(figure(0, '%')).toBe('0.00');
  });
});
