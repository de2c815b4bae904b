/**
 * The certified plan held against what happened (复核): for each 三年总体目标 indicator, its attainment in
 * the target year (实际/目标; for "reduce" indicators the achieved reduction against the planned one),
 * each interim year's stage target, and the direction the plan promised. Pure: filing + profile in,
 * figures with their formulas out. Rules, `metrics`, the review form and the annual report all read this.
 */
import { FORM, type GroupNode, type Lang } from '../catalogue/index.js';
import { fixed2, fmtNum } from '../i18n.js';
import type { Profile } from '../profile.js';
import type { FilingView } from '../validate/view.js';

export type Better = 'up' | 'down';

/** One goal (a stage target or the final target) judged against the actual of its year. */
export interface Judgement {
  year: number;
  /** The goal of that year: the stage target, or the 目标值 in the target year. */
  goal: number;
  actual: number;
  /** 完成率 (%): 实际/目标 × 100, or achieved/planned reduction × 100; null where it has no meaning (goal ≤ 0, no reduction planned). */
  rate: number | null;
  /** Achieved at printed precision (2 decimals): actual ≥ goal (up) or actual ≤ goal (down). */
  achieved: boolean;
  /** For "down" indicators: the reductions from the baseline, in %. */
  reduction?: { achieved: number; planned: number };
  /** The computation with the numbers filled in. */
  formula: string;
}

export interface IndicatorAttainment {
  /** outputCagr, qualitySmes, …, or extra/N for a row the cluster added. */
  key: string;
  /** JSON Pointer of the row in the review section. */
  pointer: string;
  /** 方向 column (主导产业, 创新, …). */
  direction: string;
  label: string;
  unit: string;
  better: Better;
  qualitative: boolean;
  baseline?: number;
  target?: number;
  /** Text of qualitative rows (or of extra rows that are not numbers). */
  text?: { baseline?: string; target?: string; actual?: string };
  /** Actual value by review year. */
  actual: Record<number, number | undefined>;
  /** Stage target by interim year. */
  stages: Record<number, number | undefined>;
  /** The target year judged; null when the target or the target-year actual is missing. */
  final: Judgement | null;
  /** Each interim year with a stage target and an actual. */
  stageJudgements: Judgement[];
  /** Years (after the baseline) whose actual moved against the promised direction (or stood still). */
  against: Array<{ year: number; value: number; prevYear: number; prevValue: number }>;
  /** Whether the row can be judged at all (numbers present). */
  judgeable: boolean;
}

export interface PlanAttainment {
  baseYear: number;
  targetYear: number;
  years: number[];
  indicators: IndicatorAttainment[];
  /** Indicators judged in the target year, and how many of them met the target. */
  judged: number;
  met: number;
}

/** Half away from zero at 2 decimals, as the form prints. */
function r2(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;
}

const targetsGroup = (): GroupNode => {
  const sec = FORM.find((s) => s.key === 'review')!;
  return sec.children.find((c) => c.key === 'targets') as GroupNode;
};

/**
 * A figure as the review prints it: counts as integers, everything else with the form's 2 decimals
 * (填报说明2 "保留小数点后2位": a computed 研发投入强度 of 2.94328… prints 2.94), and up to 4 only
 * where 2 would print a non-zero figure as 0.00 (e.g. 0.0035).
 */
export function figure(x: number, unit = ''): string {
  if (Number.isInteger(x) && (unit === '家' || unit === '件' || unit === '个' || unit === '')) return String(x);
  return r2(x) === 0 && x !== 0 ? fmtNum(x, 4) : fixed2(x);
}

/** "13.2", "13.2%", "1,234" → a number; anything else undefined. */
export function parseLoose(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().replace(/[,，]/g, '').replace(/[%％]$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/**
 * Judges one goal. Up: achieved iff actual ≥ goal; 完成率 = actual ÷ goal × 100. Down: achieved iff
 * actual ≤ goal; 完成率 = achieved reduction ÷ planned reduction × 100, both from the baseline.
 */
export function judgeGoal(year: number, goal: number, actual: number, better: Better, baseline: number | undefined, unit: string, lang: Lang, kind: 'final' | 'stage' = 'final'): Judgement {
  const t = (zh: string, en: string): string => (lang === 'zh' ? zh : en);
  const u = unit === '%' ? '%' : '';
  const v = (x: number): string => figure(x, unit) + u;
  const goalName = kind === 'final' ? t('目标值', 'target') : t(`${year}年阶段性目标`, `${year} stage target`);
  if (better === 'up') {
    const achieved = r2(actual) >= r2(goal);
    const rate = goal > 0 ? (actual / goal) * 100 : null;
    const formula =
      rate === null
        ? t(`${year}年实际值 ${v(actual)}，${goalName} ${v(goal)}（目标不为正，不计算完成率）`, `actual ${year} ${v(actual)}, ${goalName} ${v(goal)} (no rate for a goal that is not positive)`)
        : t(`完成率 = ${year}年实际值 ${v(actual)} ÷ ${goalName} ${v(goal)} × 100 = ${fixed2(rate)}%`, `attainment = actual ${year} ${v(actual)} ÷ ${goalName} ${v(goal)} × 100 = ${fixed2(rate)}%`);
    return { year, goal, actual, rate, achieved, formula };
  }
  const achieved = r2(actual) <= r2(goal);
  if (baseline === undefined || baseline <= 0) {
    return {
      year,
      goal,
      actual,
      rate: null,
      achieved,
      formula: t(`${year}年实际值 ${v(actual)}，${goalName} ${v(goal)}（无基准值，不计算降低率）`, `actual ${year} ${v(actual)}, ${goalName} ${v(goal)} (no baseline, so no reduction rate)`),
    };
  }
  const got = ((baseline - actual) / baseline) * 100;
  const planned = ((baseline - goal) / baseline) * 100;
  const rate = planned > 0 ? (got / planned) * 100 : null;
  const formula = t(
    `实际降低率 = (基准值 ${v(baseline)} − ${year}年实际值 ${v(actual)}) ÷ ${v(baseline)} × 100 = ${fixed2(got)}%；规划降低率 = (${v(baseline)} − ${goalName} ${v(goal)}) ÷ ${v(baseline)} × 100 = ${fixed2(planned)}%` +
      (rate === null ? '（规划未降低，不计算完成率）' : `；完成率 = ${fixed2(got)} ÷ ${fixed2(planned)} × 100 = ${fixed2(rate)}%`),
    `achieved reduction = (baseline ${v(baseline)} − actual ${year} ${v(actual)}) ÷ ${v(baseline)} × 100 = ${fixed2(got)}%; planned reduction = (${v(baseline)} − ${goalName} ${v(goal)}) ÷ ${v(baseline)} × 100 = ${fixed2(planned)}%` +
      (rate === null ? ' (the plan promised no reduction: no rate)' : `; attainment = ${fixed2(got)} ÷ ${fixed2(planned)} × 100 = ${fixed2(rate)}%`),
  );
  return { year, goal, actual, rate, achieved, reduction: { achieved: got, planned }, formula };
}

function unitOf(g: GroupNode): string {
  const c = g.children.find((x) => x.kind === 'field' && x.key === 'target');
  return c && c.kind === 'field' ? (c.unit ?? '') : '';
}

function build(
  key: string,
  pointer: string,
  direction: string,
  label: string,
  unit: string,
  better: Better,
  baseline: number | undefined,
  target: number | undefined,
  actual: Record<number, number | undefined>,
  stages: Record<number, number | undefined>,
  years: number[],
  checkDirection: boolean,
  lang: Lang,
): IndicatorAttainment {
  const last = years[years.length - 1]!;
  const fa = actual[last];
  const final = target !== undefined && fa !== undefined ? judgeGoal(last, target, fa, better, baseline, unit, lang) : null;
  const stageJudgements: Judgement[] = [];
  for (const y of years.slice(0, -1)) {
    const s = stages[y];
    const a = actual[y];
    if (s !== undefined && a !== undefined) stageJudgements.push(judgeGoal(y, s, a, better, baseline, unit, lang, 'stage'));
  }
  const against: IndicatorAttainment['against'] = [];
  if (checkDirection) {
    let prev: [number, number] | undefined = baseline !== undefined ? [years[0]! - 1, baseline] : undefined;
    for (const y of years) {
      const a = actual[y];
      if (a === undefined) continue;
      if (prev && (better === 'up' ? !(r2(a) > r2(prev[1])) : !(r2(a) < r2(prev[1])))) against.push({ year: y, value: a, prevYear: prev[0], prevValue: prev[1] });
      prev = [y, a];
    }
  }
  return { key, pointer, direction, label, unit, better, qualitative: false, baseline, target, actual, stages, final, stageJudgements, against, judgeable: baseline !== undefined || target !== undefined };
}

/** The attainment of every indicator of the certified plan, over the profile's review years. */
export function planAttainment(v: FilingView, profile: Profile, lang: Lang = 'zh'): PlanAttainment {
  const years = [...profile.dataYears];
  const out: IndicatorAttainment[] = [];
  const byYear = (ptr: string): Record<number, number | undefined> => Object.fromEntries(years.map((y) => [y, v.yearNum(ptr, y)]));
  for (const node of targetsGroup().children) {
    if (node.kind === 'group') {
      const ptr = `/review/targets/${node.key}`;
      if (!node.better) {
        out.push({
          key: node.key,
          pointer: ptr,
          direction: node.direction ?? '',
          label: lang === 'zh' ? node.label! : node.en!,
          unit: '',
          better: 'up',
          qualitative: true,
          text: { baseline: v.str(`${ptr}/baseline`), target: v.str(`${ptr}/target`), actual: v.str(`${ptr}/actual`) },
          actual: {},
          stages: {},
          final: null,
          stageJudgements: [],
          against: [],
          judgeable: false,
        });
        continue;
      }
      out.push(
        build(
          node.key,
          ptr,
          node.direction ?? '',
          lang === 'zh' ? node.label! : node.en!,
          unitOf(node),
          node.better,
          v.num(`${ptr}/baseline`),
          v.num(`${ptr}/target`),
          byYear(`${ptr}/actual`),
          byYear(`${ptr}/stages`),
          years,
          // "近三年产值年均增速" is itself a rate over three years: no yearly direction to keep.
          node.key !== 'outputCagr',
          lang,
        ),
      );
    } else if (node.kind === 'array') {
      const rows = v.get('/review/targets/extra');
      if (!Array.isArray(rows)) continue;
      rows.forEach((_, i) => {
        const ptr = `/review/targets/extra/${i}`;
        const better: Better = v.str(`${ptr}/better`) === '降低' ? 'down' : 'up';
        const baseline = parseLoose(v.get(`${ptr}/baseline`));
        const target = parseLoose(v.get(`${ptr}/target`));
        const actual = Object.fromEntries(years.map((y) => [y, parseLoose(v.get(`${ptr}/actual/${y}`))]));
        const unit = [v.str(`${ptr}/baseline`), v.str(`${ptr}/target`)].some((s) => s?.endsWith('%')) ? '%' : '';
        const a = build(`extra/${i}`, ptr, v.str(`${ptr}/direction`) ?? '', v.str(`${ptr}/indicator`) ?? (lang === 'zh' ? `其它指标 ${i + 1}` : `other indicator ${i + 1}`), unit, better, baseline, target, actual, {}, years, false, lang);
        if (baseline === undefined || target === undefined) {
          a.text = { baseline: v.str(`${ptr}/baseline`), target: v.str(`${ptr}/target`), actual: v.str(`${ptr}/actual/${years[years.length - 1]}`) };
          if (target === undefined) a.qualitative = true;
        }
        out.push(a);
      });
    }
  }
  const finals = out.filter((a) => a.final);
  return {
    baseYear: years[0]! - 1,
    targetYear: years[years.length - 1]!,
    years,
    indicators: out,
    judged: finals.length,
    met: finals.filter((a) => a.final!.achieved).length,
  };
}
