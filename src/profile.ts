import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { CliError } from './errors.js';

export interface Bound {
  min?: number;
  max?: number;
  /** true: 以上 / 不低于 / 不超过 (the bound itself passes); false: 高于 / 低于 (it fails). */
  inclusive: boolean;
}

export const THRESHOLD_KEYS = [
  'area',
  'output',
  'smeOutputShare',
  'leadingShare',
  'outputCagr',
  'championsOrGiants',
  'otherQualitySmes',
  'rdSpendingCagr',
  'inventionPatentCagr',
  'patentsPer10k',
  'industrialInternetRate',
  'planOutputCagr',
  'planRdCagr',
  'planPatentCagr',
  'planIndustrialInternetRate',
  'planCo2Reduction',
  'planEnergyIntensityReduction',
] as const;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

/**
 * What a review (复核) profile adds: the batch it reviews, that batch's certification notice and
 * validity, and the plan years the batch was certified on. The review years are `dataYears`, which
 * are the plan's three years (base year = the first review year − 1, target year = the last).
 */
export interface ReviewSpec {
  /** The batch reviewed: the year of the round the cluster was certified in (2024 for the 2024 batch). */
  batch: number;
  /** The list notice that certified the batch, when known (工信部企业函〔2024〕267号). */
  certificationNotice?: string;
  /** Validity of the certification: first and last year. */
  validFrom: number;
  validTo: number;
  /** The certified plan: base year (the application's last data year) and target year. */
  planBaseYear: number;
  planTargetYear: number;
  /** Annual report (上一年度发展情况) due date, MM-DD, in the year after the year reported, with its source. */
  annualDue?: string;
  annualDueSource?: string;
  /** Sources of the profile's facts, for `cluster profiles` and docs. */
  sources: string[];
}

export type FilingKind = 'application' | 'review';

export interface Profile {
  id: string;
  /** An application round (the default) or a review (复核) of a certified batch. */
  kind: FilingKind;
  review?: ReviewSpec;
  name: string;
  notice?: string;
  /** Three consecutive data years, ascending (2021, 2022, 2023). */
  dataYears: number[];
  targetYear: number;
  /** Submission deadline, YYYY-MM-DD; absent where no source gives one (review rounds). */
  deadline?: string;
  quotaPerProvince: number;
  thresholds: Record<ThresholdKey, Bound>;
  limits: { narrative: number; intro: number; plan: number };
  /** Where it was read from. */
  source: string;
}

export const DEFAULT_PROFILE = 'national-2024';

export function profilesDir(): string {
  return fileURLToPath(new URL('../templates/profiles/', import.meta.url));
}

export function baseYear(p: Profile): number {
  return p.dataYears[p.dataYears.length - 1]!;
}

/** The years after the base year up to the target year (2024, 2025, 2026). */
export function planYears(p: Profile): number[] {
  const out: number[] = [];
  for (let y = baseYear(p) + 1; y <= p.targetYear; y++) out.push(y);
  return out;
}

function fail(source: string, zh: string, en: string): never {
  throw new CliError({ zh: `配置文件（profile）无效：${zh}`, en: `invalid profile: ${en}` }, source);
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function parseProfile(text: string, source: string): Profile {
  let raw: unknown;
  try {
    raw = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch (e) {
    fail(source, `YAML 无法解析：${(e as Error).message}`, `cannot parse YAML: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object') fail(source, '顶层应为映射', 'top level must be a mapping');
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id) fail(source, '缺少 id', 'missing id');
  const years = r.dataYears;
  if (!Array.isArray(years) || years.length !== 3 || !years.every((y) => Number.isInteger(y)) || years[1] !== years[0] + 1 || years[2] !== years[1] + 1) {
    fail(source, 'dataYears 应为三个连续年度，如 [2021, 2022, 2023]', 'dataYears must be three consecutive years, e.g. [2021, 2022, 2023]');
  }
  const target = r.targetYear;
  if (!Number.isInteger(target) || (target as number) <= (years as number[])[2]!) {
    fail(source, 'targetYear 应晚于最后一个数据年度', 'targetYear must follow the last data year');
  }
  const deadline = r.deadline instanceof Date ? r.deadline.toISOString().slice(0, 10) : r.deadline;
  // A review round's deadline may be unknown (null): better none than a guessed one.
  const noDeadline = (deadline === null || deadline === undefined) && r.kind === 'review';
  if (!noDeadline && (typeof deadline !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(deadline))) {
    fail(source, 'deadline 应为 YYYY-MM-DD', 'deadline must be YYYY-MM-DD');
  }
  const th = (r.thresholds ?? {}) as Record<string, unknown>;
  const thresholds = {} as Record<ThresholdKey, Bound>;
  for (const k of THRESHOLD_KEYS) {
    const b = th[k] as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object' || (!isNum(b.min) && !isNum(b.max)) || typeof b.inclusive !== 'boolean') {
      fail(source, `thresholds.${k} 应为 { min 或 max: 数值, inclusive: true/false }`, `thresholds.${k} must be { min or max: number, inclusive: true/false }`);
    }
    thresholds[k] = { min: isNum(b.min) ? b.min : undefined, max: isNum(b.max) ? b.max : undefined, inclusive: b.inclusive as boolean };
  }
  const unknown = Object.keys(th).filter((k) => !(THRESHOLD_KEYS as readonly string[]).includes(k));
  if (unknown.length) fail(source, `未知的阈值：${unknown.join('、')}`, `unknown thresholds: ${unknown.join(', ')}`);
  const kind = r.kind === undefined ? 'application' : r.kind;
  if (kind !== 'application' && kind !== 'review') fail(source, 'kind 应为 application 或 review', 'kind must be application or review');
  let review: ReviewSpec | undefined;
  if (kind === 'review') review = parseReview(r.review, years as number[], source);
  const lim = (r.limits ?? {}) as Record<string, unknown>;
  const limits = {
    narrative: isNum(lim.narrative) ? lim.narrative : 200,
    intro: isNum(lim.intro) ? lim.intro : 300,
    plan: isNum(lim.plan) ? lim.plan : 3000,
  };
  return {
    id: r.id as string,
    kind,
    ...(review ? { review } : {}),
    name: typeof r.name === 'string' ? r.name : (r.id as string),
    notice: typeof r.notice === 'string' ? r.notice : undefined,
    dataYears: years as number[],
    targetYear: target as number,
    ...(noDeadline ? {} : { deadline: deadline as string }),
    quotaPerProvince: isNum(r.quotaPerProvince) ? r.quotaPerProvince : 8,
    thresholds,
    limits,
    source,
  };
}

function parseReview(raw: unknown, years: number[], source: string): ReviewSpec {
  if (!raw || typeof raw !== 'object') fail(source, '复核配置缺少 review 段', 'a review profile needs a review: section');
  const r = raw as Record<string, unknown>;
  const int = (k: string): number => {
    const v = r[k];
    if (!Number.isInteger(v)) fail(source, `review.${k} 应为年度（整数）`, `review.${k} must be a year`);
    return v as number;
  };
  const spec: ReviewSpec = {
    batch: int('batch'),
    validFrom: int('validFrom'),
    validTo: int('validTo'),
    planBaseYear: int('planBaseYear'),
    planTargetYear: int('planTargetYear'),
    sources: Array.isArray(r.sources) ? r.sources.filter((x): x is string => typeof x === 'string') : [],
  };
  if (typeof r.certificationNotice === 'string') spec.certificationNotice = r.certificationNotice;
  if (r.annualDue !== undefined) {
    if (typeof r.annualDue !== 'string' || !/^\d{2}-\d{2}$/.test(r.annualDue)) fail(source, 'review.annualDue 应为 MM-DD', 'review.annualDue must be MM-DD');
    spec.annualDue = r.annualDue;
  }
  if (typeof r.annualDueSource === 'string') spec.annualDueSource = r.annualDueSource;
  // The review years are the certified plan's years: base + 1 … target.
  if (spec.planBaseYear !== years[0]! - 1 || spec.planTargetYear !== years[2]) {
    fail(
      source,
      `复核年度 ${years.join('、')} 应为所认定规划的三个年度（基准年 ${spec.planBaseYear} 之后至目标年 ${spec.planTargetYear}）`,
      `the review years ${years.join(', ')} must be the certified plan's three years (after base year ${spec.planBaseYear} up to target year ${spec.planTargetYear})`,
    );
  }
  if (spec.validTo < spec.validFrom) fail(source, 'review.validTo 早于 validFrom', 'review.validTo is before validFrom');
  return spec;
}

/** The three years of a review profile's certified plan (= its data years); [] for an application profile. */
export function reviewYears(p: Profile): number[] {
  return p.review ? [...p.dataYears] : [];
}

const cache = new Map<string, Profile>();

/** A profile by built-in id (`national-2024`) or by path to a YAML file. */
export function loadProfile(idOrPath: string = DEFAULT_PROFILE): Profile {
  const hit = cache.get(idOrPath);
  if (hit) return hit;
  const isPath = /[\\/]|\.ya?ml$/i.test(idOrPath);
  const file = isPath ? idOrPath : join(profilesDir(), `${idOrPath}.yaml`);
  if (!existsSync(file)) {
    const msg = isPath
      ? { zh: `找不到配置文件 ${idOrPath}`, en: `profile file not found: ${idOrPath}` }
      : { zh: `未知的配置（profile）：${idOrPath}（内置：national-2024、national-2025、review-2025、review-2026、review-2027，或给出 YAML 文件路径）`, en: `unknown profile ${idOrPath} (built in: national-2024, national-2025, review-2025, review-2026, review-2027, or a path to a YAML file)` };
    throw new CliError(msg, isPath ? idOrPath : undefined);
  }
  const p = parseProfile(readFileSync(file, 'utf8'), file);
  cache.set(idOrPath, p);
  return p;
}

/**
 * Whether `value` satisfies the bound. Computed values carry float noise ((121/100)^(1/2) − 1 is
 * 0.10000000000000009), so they are compared at 1e-9: exactly 10% is not "高于10%".
 */
export function meets(raw: number, b: Bound): boolean {
  const value = Math.round(raw * 1e9) / 1e9;
  if (b.min !== undefined && (b.inclusive ? value < b.min : value <= b.min)) return false;
  if (b.max !== undefined && (b.inclusive ? value > b.max : value >= b.max)) return false;
  return true;
}

/** "≥ 70", "> 10", "≤ 100" */
export function boundText(b: Bound): string {
  if (b.min !== undefined) return `${b.inclusive ? '≥' : '>'} ${b.min}`;
  return `${b.inclusive ? '≤' : '<'} ${b.max}`;
}
