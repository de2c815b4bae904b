import { host } from './host.js';
import jsyaml from 'js-yaml';
import { CliError } from './errors.js';
import { profileText } from './profile-extends.js';

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
}

export type FilingKind = 'application' | 'review';

/** Keys of 表二's enterprise counts a profile may compose 优质中小企业 from. */
export const QUALITY_SME_KEYS = ['innovativeSmes', 'provincialSrdi', 'littleGiants', 'singleChampions', 'highTech'] as const;
export type QualitySmeKey = (typeof QUALITY_SME_KEYS)[number];

/**
 * How "近三年年均增速" is computed:
 * - `base-year` (default, the statistical convention): the 基期 is the year before the first data year,
 *   so "2021—2023年年均增速" = (V2023 / V2020)^(1/3) − 1; without the base-year figure the rate falls back
 *   to the 2-interval one, with an info finding (`form/growth-basis`).
 * - `first-year`: (V_Y3 / V_Y1)^(1/2) − 1, the first data year as the base.
 */
export type GrowthBasis = 'base-year' | 'first-year';

/** A stage of the submission chain: who sends the filings on, by when, and who says so. */
export interface Deadline {
  /** `county` → city, `city` → province, `province` → ministry. A filing is at the profile's `stage`. */
  stage: 'county' | 'city' | 'province';
  /** YYYY-MM-DD, or null when no source was found (then nothing is judged against it). */
  date: string | null;
  /** Who receives at this stage (湖北省经信厅, 工业和信息化部中小企业局). */
  to?: string;
  /** The notice that sets the date, or why it is unknown. */
  source: string;
}

/** A cited source of the profile's figures. */
export interface Source {
  title: string;
  url?: string;
  /** A government site, B named outlet reprint, C aggregator (../shared/reference/notices.md). */
  grade?: 'A' | 'B' | 'C';
}

/** The recommendation quota of a round (工信厅企业函〔2024〕122号: 省 ≤ 8, 计划单列市/兵团 ≤ 2). */
export interface Quotas {
  /** Per 省、自治区、直辖市. */
  province: number;
  /** Per unit counted separately from its province (计划单列市, 新疆生产建设兵团). */
  separate: number;
  /** The separately counted units, as they appear in a filing's 省 or 市 (深圳, 新疆生产建设兵团). */
  separateUnits: string[];
  /** Printed, never enforced ("西部地区可适当放宽"). */
  note?: string;
}

/**
 * One round of applications (or a province's own standard): everything the rules judge by that is
 * not the form itself. Built-in profiles live in templates/profiles/*.yaml; a user's profile is any
 * YAML file of the same shape. Documented field by field in docs/rules.md ("配置（profile）").
 */
export interface Profile {
  id: string;
  /** An application round (the default) or a review (复核) of a certified batch. */
  kind: FilingKind;
  review?: ReviewSpec;
  name: string;
  /** The notice the round rests on, as cited in messages. */
  notice?: string;
  /** Whether this is a national round or a province's own standard (云南省 2023 暂行). */
  level: 'national' | 'provincial';
  /** Three consecutive data years, ascending (2021, 2022, 2023). */
  dataYears: number[];
  targetYear: number;
  /** The stage a county's filing is at; its deadline is the one `form/late` and `form/deadline` use. */
  stage: Deadline['stage'];
  /** The deadline chain the profile knows, in order (county → city → province → ministry). */
  deadlines: Deadline[];
  /** The deadline of the filing's stage (from `deadlines`), or undefined when unknown. */
  deadline?: string;
  quotas: Quotas;
  growth: { basis: GrowthBasis };
  /** 优质中小企业 as counted for the plan's baseline (default the 梯度培育 tiers 创新型 + 专精特新 + 小巨人). */
  qualitySmes: { composition: QualitySmeKey[] };
  /** A criterion switched off (`off` in YAML) is null: its rule does not run and nothing prints "符合". */
  thresholds: Record<ThresholdKey, Bound | null>;
  limits: { narrative: number; intro: number; plan: number };
  /** Annex numbers of the round's notice: Hubei numbers the 汇总表 附件1, the national notice the 申报表. */
  annexes: { form: number; summary: number; standard: number };
  sources: Source[];
  /** Where it was read from. */
  source: string;
}

export const DEFAULT_PROFILE = 'national-2024';

/** Where the built-in profile `id` is read from (templates/profiles/ in the CLI; bundled in the page). */
export function builtinProfileFile(id: string): string {
  return host().builtinProfileFile(id);
}

/** Whether `id` names a built-in profile. */
export function isBuiltinProfile(id: string): boolean {
  return host().builtinProfileIds().includes(id);
}

/** Ids of the built-in profiles, sorted. */
export function builtinProfiles(): string[] {
  return host().builtinProfileIds();
}

export function baseYear(p: Profile): number {
  return p.dataYears[p.dataYears.length - 1]!;
}

/** The 基期 of "近三年年均增速": the year before the first data year (2020 for 2021–2023). */
export function growthBaseYear(p: Profile): number {
  return p.dataYears[0]! - 1;
}

/** The years after the base year up to the target year (2024, 2025, 2026). */
export function planYears(p: Profile): number[] {
  const out: number[] = [];
  for (let y = baseYear(p) + 1; y <= p.targetYear; y++) out.push(y);
  return out;
}

/** The bound of a criterion, or null when the profile switches it off. */
export function criterion(p: Profile, key: ThresholdKey): Bound | null {
  return p.thresholds[key];
}

function fail(source: string, zh: string, en: string): never {
  throw new CliError({ zh: `配置文件（profile）无效：${zh}`, en: `invalid profile: ${en}` }, source);
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether YYYY-MM-DD (or YYYY-MM with `monthOk`) names a day that exists (no 2024-02-30, no month 13). */
export function validDate(s: string, monthOk = false): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m || (m[3] === undefined && !monthOk)) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return false;
  if (m[3] === undefined) return true;
  const d = Number(m[3]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = mo === 2 && !leap ? 28 : DAYS[mo - 1]!;
  return d >= 1 && d <= max;
}

/** `--today`: an existing date YYYY-MM-DD, else exit 2 naming the option (form/date for options). */
export function checkTodayOption(today: string | undefined): void {
  if (today === undefined) return;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new CliError({ zh: `--today 应为 YYYY-MM-DD（收到 ${JSON.stringify(today)}）`, en: `--today must be YYYY-MM-DD (got ${JSON.stringify(today)})` });
  if (!validDate(today)) throw new CliError({ zh: `--today ${today} 不是存在的日期（form/date）`, en: `--today ${today} is not a date that exists (form/date)` });
}

const STAGES: ReadonlyArray<Deadline['stage']> = ['county', 'city', 'province'];
const DEFAULT_SEPARATE = ['大连', '青岛', '宁波', '厦门', '深圳', '新疆生产建设兵团'];

function str(x: unknown): string | undefined {
  return typeof x === 'string' && x.trim() ? x.trim() : undefined;
}

function dateText(x: unknown): unknown {
  return x instanceof Date ? x.toISOString().slice(0, 10) : x;
}

export function parseProfile(text: string, source: string): Profile {
  let raw: unknown;
  try {
    raw = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch (e) {
    fail(source, `YAML 无法解析：${(e as Error).message}`, `cannot parse YAML: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(source, '顶层应为映射', 'top level must be a mapping');
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

  // The deadline chain. A bare `deadline:` (the old format) is the filing's stage with no source given.
  const stage = (r.stage ?? 'city') as Deadline['stage'];
  if (!STAGES.includes(stage)) fail(source, `stage 应为 ${STAGES.join('、')} 之一`, `stage must be one of ${STAGES.join(', ')}`);
  const deadlines: Deadline[] = [];
  const rawChain = r.deadlines ?? (r.deadline !== undefined ? [{ stage, date: r.deadline, source: str(r.notice) ?? '（配置未注明出处）' }] : []);
  if (!Array.isArray(rawChain)) fail(source, 'deadlines 应为列表', 'deadlines must be a list');
  for (const [i, d] of (rawChain as unknown[]).entries()) {
    const o = (d && typeof d === 'object' ? d : {}) as Record<string, unknown>;
    const st = o.stage as Deadline['stage'];
    if (!STAGES.includes(st)) fail(source, `deadlines[${i}].stage 应为 ${STAGES.join('、')} 之一`, `deadlines[${i}].stage must be one of ${STAGES.join(', ')}`);
    const date = dateText(o.date);
    const unknown = date === null || date === undefined || date === 'unknown';
    if (!unknown && (typeof date !== 'string' || !validDate(date))) {
      fail(source, `deadlines[${i}].date 应为存在的日期 YYYY-MM-DD，或 unknown`, `deadlines[${i}].date must be an existing date YYYY-MM-DD, or unknown`);
    }
    const src = str(o.source);
    if (!src) fail(source, `deadlines[${i}] 缺少 source（出处）`, `deadlines[${i}] lacks its source`);
    deadlines.push({ stage: st, date: unknown ? null : (date as string), ...(str(o.to) ? { to: str(o.to) } : {}), source: src });
  }

  const th = (r.thresholds ?? {}) as Record<string, unknown>;
  const thresholds = {} as Record<ThresholdKey, Bound | null>;
  for (const k of THRESHOLD_KEYS) {
    const b = th[k] as Record<string, unknown> | string | boolean | undefined;
    if (b === 'off' || b === false) {
      thresholds[k] = null;
      continue;
    }
    if (!b || typeof b !== 'object' || (!isNum(b.min) && !isNum(b.max)) || typeof b.inclusive !== 'boolean') {
      fail(source, `thresholds.${k} 应为 { min 或 max: 数值, inclusive: true/false }，或 off（本轮不考核）`, `thresholds.${k} must be { min or max: number, inclusive: true/false }, or off (not judged)`);
    }
    thresholds[k] = { min: isNum(b.min) ? b.min : undefined, max: isNum(b.max) ? b.max : undefined, inclusive: b.inclusive as boolean };
  }
  const unknown = Object.keys(th).filter((k) => !(THRESHOLD_KEYS as readonly string[]).includes(k));
  if (unknown.length) fail(source, `未知的阈值：${unknown.join('、')}`, `unknown thresholds: ${unknown.join(', ')}`);
  const lim = (r.limits ?? {}) as Record<string, unknown>;
  const limits = {
    narrative: isNum(lim.narrative) ? lim.narrative : 200,
    intro: isNum(lim.intro) ? lim.intro : 300,
    plan: isNum(lim.plan) ? lim.plan : 3000,
  };

  const q = (r.quotas ?? {}) as Record<string, unknown>;
  const quotas: Quotas = {
    province: isNum(q.province) ? q.province : isNum(r.quotaPerProvince) ? r.quotaPerProvince : 8,
    separate: isNum(q.separate) ? q.separate : 2,
    separateUnits: Array.isArray(q.separateUnits) ? q.separateUnits.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : DEFAULT_SEPARATE,
    ...(str(q.note) ? { note: str(q.note) } : {}),
  };

  const g = (r.growth ?? {}) as Record<string, unknown>;
  const basis = (g.basis ?? 'base-year') as GrowthBasis;
  if (basis !== 'base-year' && basis !== 'first-year') fail(source, 'growth.basis 应为 base-year 或 first-year', 'growth.basis must be base-year or first-year');

  const qs = (r.qualitySmes ?? {}) as Record<string, unknown>;
  const composition = (qs.composition ?? ['innovativeSmes', 'provincialSrdi', 'littleGiants']) as unknown;
  if (!Array.isArray(composition) || composition.length === 0 || !composition.every((k) => (QUALITY_SME_KEYS as readonly unknown[]).includes(k))) {
    fail(source, `qualitySmes.composition 应为 ${QUALITY_SME_KEYS.join('、')} 中的若干项`, `qualitySmes.composition must list some of ${QUALITY_SME_KEYS.join(', ')}`);
  }

  const a = (r.annexes ?? {}) as Record<string, unknown>;
  const annexes = { form: isNum(a.form) ? a.form : 2, summary: isNum(a.summary) ? a.summary : 1, standard: isNum(a.standard) ? a.standard : 3 };

  const sources: Source[] = [];
  if (r.sources !== undefined && !Array.isArray(r.sources)) fail(source, 'sources 应为列表', 'sources must be a list');
  for (const s of (r.sources ?? []) as unknown[]) {
    const o = (s && typeof s === 'object' ? s : { title: s }) as Record<string, unknown>;
    const title = str(o.title);
    if (!title) fail(source, 'sources 的每一项应有 title', 'every source needs a title');
    const grade = o.grade === 'A' || o.grade === 'B' || o.grade === 'C' ? o.grade : undefined;
    sources.push({ title, ...(str(o.url) ? { url: str(o.url) } : {}), ...(grade ? { grade } : {}) });
  }

  const level = r.level === 'provincial' ? 'provincial' : 'national';
  const kind = r.kind === undefined ? 'application' : r.kind;
  if (kind !== 'application' && kind !== 'review') fail(source, 'kind 应为 application 或 review', 'kind must be application or review');
  const review = kind === 'review' ? parseReview(r.review, years as number[], source) : undefined;
  const own = deadlines.find((d) => d.stage === stage)?.date ?? undefined;
  return {
    id: r.id as string,
    kind,
    ...(review ? { review } : {}),
    name: typeof r.name === 'string' ? r.name : (r.id as string),
    notice: typeof r.notice === 'string' ? r.notice : undefined,
    level,
    dataYears: years as number[],
    targetYear: target as number,
    stage,
    deadlines,
    ...(own ? { deadline: own } : {}),
    quotas,
    growth: { basis },
    qualitySmes: { composition: composition as QualitySmeKey[] },
    thresholds,
    limits,
    annexes,
    sources,
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

const cache = new Map<string, Profile>();

/**
 * A built-in profile by id only, never a path: what `pack --verify` uses for the id a received
 * package's manifest names (a package must never choose what the verifying machine opens).
 */
export function builtInProfile(id: unknown): Profile | undefined {
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return undefined;
  if (!isBuiltinProfile(id)) return undefined;
  try {
    return loadProfile(id);
  } catch {
    return undefined;
  }
}

/** A profile by built-in id (`national-2024`) or by path to a YAML file. */
/** Forgets the profiles read from files (the page: a new folder may hold a changed one); built-ins stay. */
export function forgetProfileFiles(): void {
  for (const k of cache.keys()) if (/[\\/]|\.ya?ml$/i.test(k)) cache.delete(k);
}

export function loadProfile(idOrPath: string = DEFAULT_PROFILE): Profile {
  const hit = cache.get(idOrPath);
  if (hit) return hit;
  const isPath = /[\\/]|\.ya?ml$/i.test(idOrPath);
  const file = isPath ? idOrPath : builtinProfileFile(idOrPath);
  if (!isPath && !/^[a-z0-9][a-z0-9-]*$/i.test(idOrPath)) {
    throw new CliError({ zh: `未知的配置（profile）：${idOrPath}`, en: `unknown profile ${idOrPath}` });
  }
  if (isPath ? !host().exists(file) : !isBuiltinProfile(idOrPath)) {
    const msg = isPath
      ? { zh: `找不到配置文件 ${idOrPath}`, en: `profile file not found: ${idOrPath}` }
      : { zh: `未知的配置（profile）：${idOrPath}（内置：${builtinProfiles().join('、')}，或给出 YAML 文件路径；\`cluster profiles\` 列出全部）`, en: `unknown profile ${idOrPath} (built in: ${builtinProfiles().join(', ')}, or a path to a YAML file; \`cluster profiles\` lists them)` };
    throw new CliError(msg, isPath ? idOrPath : undefined);
  }
  // profileText reads the user's files as regular files of bounded size (never a FIFO or a device).
  const p = parseProfile(profileText(file, builtinProfileFile), file);
  cache.set(idOrPath, p);
  return p;
}

/** Rounds half away from zero to the 2 decimals the form prints (说明2): 10.0045 → 10.00, 69.995 → 70.00. */
export function printed(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-7)) / 100;
}

/**
 * Whether `raw` satisfies the bound, judged as the reviewer reads it: at the precision the form prints
 * (2 decimals, 说明2). 10.0045% prints 10.00% and is not "高于10%"; 69.995% prints 70.00% and is "70%以上".
 * Rounding also absorbs float noise ((121/100)^(1/2) − 1 is 0.10000000000000009).
 */
export function meets(raw: number, b: Bound): boolean {
  const value = printed(raw);
  if (b.min !== undefined && (b.inclusive ? value < b.min : value <= b.min)) return false;
  if (b.max !== undefined && (b.inclusive ? value > b.max : value >= b.max)) return false;
  return true;
}

/** "≥ 70", "> 10", "≤ 100" */
export function boundText(b: Bound): string {
  if (b.min !== undefined) return `${b.inclusive ? '≥' : '>'} ${b.min}`;
  return `${b.inclusive ? '≤' : '<'} ${b.max}`;
}
