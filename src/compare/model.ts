/**
 * `cluster compare`: the key figures and metrics of several filings side by side, each judged against
 * the profile's bound with its margin, plus a ranking hint per province (the quota is per province).
 *
 * Pure: from analysed filings (loaded, metrics, validate result) and the profile to a table model that
 * ./text.ts, ./csv.ts and ./pdf.ts print. Nothing here re-derives a metric: growth rates, per-10k and
 * rates come from computeMetrics and are judged with judge().
 */
import type { Lang } from '../catalogue/types.js';
import { fixed2, fmtNum } from '../i18n.js';
import { judge, METRIC_META, type Verdict } from '../metrics/meta.js';
import type { Metric, MetricId, Metrics } from '../metrics/types.js';
import { planAttainment } from '../review/attainment.js';
import type { Bound, Profile, ThresholdKey } from '../profile.js';
import { baseYear, boundText, meets } from '../profile.js';
import type { FilingView } from '../validate/view.js';

/** What a row needs of one filing. */
export interface CompareInput {
  file: string;
  view: FilingView;
  metrics: Metrics;
  errors: number;
  warnings: number;
}

export type Kind = 'amount' | 'count' | 'yesno';

export interface CompareCell {
  value: number | boolean | null;
  verdict: Verdict;
  /** value − bound (or bound − value for a maximum), in the row's unit. */
  margin?: number;
  /** margin ÷ bound, clipped to [−1, +1]: what the ranking hint adds up. */
  normalised?: number;
}

export interface CompareRow {
  id: string;
  label: string;
  /** "≥ 40", "> 10", "逐年下降"; undefined for a figure shown without a bound. */
  threshold?: string;
  kind: Kind;
  /** Counted in "criteria met" (every judged row except the validate counts). */
  criterion: boolean;
  cells: CompareCell[];
}

export interface CompareColumn {
  file: string;
  /** 集群名称 (or the file name when the filing gives none). */
  name: string;
  province: string;
  errors: number;
  warnings: number;
  /** Criteria met / judged criteria. */
  met: number;
  criteria: number;
  /** Sum of normalised margins. */
  score: number;
  /** 1-based rank within the province. */
  rank: number;
}

export interface ProvinceGroup {
  /** The quota unit: a 省、自治区、直辖市, or a 计划单列市 / 新疆生产建设兵团 counted separately. */
  province: string;
  /** The unit's quota (8 for a province, 2 for a separately counted unit, as the profile says). */
  quota: number;
  separate: boolean;
  /** Column indices, in rank order. */
  ranking: number[];
  count: number;
  overQuota: boolean;
}

export interface Comparison {
  /** Review (复核) filings of one batch: no quota, no ranking; the plan's attainment rows instead. */
  review?: boolean;
  profileId: string;
  profileName: string;
  /** Per 省、自治区、直辖市; separately counted units carry their own in `provinces`. */
  quota: number;
  /** The profile's note on quotas ("西部地区可适当放宽"), printed, not enforced. */
  quotaNote?: string;
  /** Per 计划单列市 or 新疆生产建设兵团. */
  separateQuota: number;
  rows: CompareRow[];
  /** Grouped by province (first appearance), then in the order given. */
  columns: CompareColumn[];
  provinces: ProvinceGroup[];
}

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** Judges a raw value against a bound like judge() does for metrics. */
export function judgeValue(value: number | null, b: Bound): CompareCell {
  if (value === null) return { value: null, verdict: 'n/a' };
  const margin = b.min !== undefined ? value - b.min : b.max! - value;
  return { value, verdict: meets(value, b) ? 'pass' : 'fail', margin };
}

/** margin ÷ |bound|, clipped to [−1, +1] so that no single figure dominates the sum. */
export function normalise(margin: number, b: Bound): number {
  const ref = Math.abs((b.min ?? b.max)!);
  const x = ref > 0 ? margin / ref : Math.sign(margin);
  return Math.max(-1, Math.min(1, x));
}

function withNorm(cell: CompareCell, b: Bound | undefined): CompareCell {
  if (b && cell.margin !== undefined) cell.normalised = normalise(cell.margin, b);
  return cell;
}

function minOverYears(view: FilingView, ptr: string, years: readonly number[]): number | null {
  const vs = years.map((y) => view.yearNum(ptr, y)).filter((v): v is number => v !== undefined);
  return vs.length ? Math.min(...vs) : null;
}

interface RowDef {
  id: string;
  label: (lang: Lang, p: Profile) => string;
  kind: Kind;
  criterion: boolean;
  threshold?: (lang: Lang, p: Profile) => string | undefined;
  cell: (f: CompareInput, p: Profile) => CompareCell;
  /** The profile criteria the row judges: when the profile switches them all off, the row is left out. */
  keys?: ThresholdKey[];
}

function unitOf(id: MetricId, lang: Lang): string {
  const units: Partial<Record<MetricId, string>> = { patentsPer10k: t(lang, '件/万人', ''), qualitySmeCount: t(lang, '家', 'firms') };
  return units[id] ?? '%';
}

function withUnit(label: string, unit: string, lang: Lang): string {
  if (!unit) return label;
  return lang === 'zh' ? `${label}（${unit}）` : `${label} (${unit})`;
}

/** A metric row judged with judge() against its profile bound. */
function metricRow(id: MetricId, kind: Kind = 'amount'): RowDef {
  const key = METRIC_META[id].threshold;
  return {
    id,
    kind,
    criterion: true,
    label: (lang) => withUnit(METRIC_META[id].label[lang], unitOf(id, lang), lang),
    threshold: (_lang, p) => (key && p.thresholds[key] ? boundText(p.thresholds[key]) : undefined),
    cell: (f, p) => {
      const m: Metric | undefined = f.metrics[id];
      if (!m) return { value: null, verdict: 'n/a' };
      const j = judge(id, m, p);
      const cell: CompareCell = { value: m.value, verdict: j.verdict, ...(j.margin !== undefined ? { margin: j.margin } : {}) };
      return withNorm(cell, key ? (p.thresholds[key] ?? undefined) : undefined);
    },
    ...(key ? { keys: [key] } : {}),
  };
}

/** A filing figure judged against a profile bound. */
function boundRow(id: string, key: ThresholdKey, label: (lang: Lang, p: Profile) => string, get: (f: CompareInput, p: Profile) => number | null): RowDef {
  return {
    id,
    kind: 'amount',
    criterion: true,
    label,
    threshold: (_lang, p) => boundText(p.thresholds[key]!),
    cell: (f, p) => withNorm(judgeValue(get(f, p), p.thresholds[key]!), p.thresholds[key]!),
    keys: [key],
  };
}

export const ROWS: readonly RowDef[] = [
  {
    id: 'output',
    kind: 'amount',
    criterion: false,
    label: (lang, p) => t(lang, `${baseYear(p)}年集群总产值（亿元）`, `cluster output ${baseYear(p)} (100 M yuan)`),
    cell: (f, p) => {
      const v = f.view.yearNum('/industry/output', baseYear(p));
      return { value: v ?? null, verdict: 'n/a' };
    },
  },
  boundRow(
    'outputMin',
    'output',
    (lang) => t(lang, '近三年集群总产值最低值（亿元）', 'lowest output of the three years (100 M yuan)'),
    (f, p) => minOverYears(f.view, '/industry/output', p.dataYears),
  ),
  metricRow('outputCagr'),
  boundRow(
    'smeOutputShareMin',
    'smeOutputShare',
    (lang) => t(lang, '中小企业产值占比最低值（%）', 'lowest SME share of output (%)'),
    (f, p) => minOverYears(f.view, '/industry/smeOutputShare', p.dataYears),
  ),
  boundRow(
    'leadingShareMin',
    'leadingShare',
    (lang) => t(lang, '主导产业产值占比最低值（%）', 'lowest leading-industry share (%)'),
    (f, p) => minOverYears(f.view, '/industry/leadingShare', p.dataYears),
  ),
  boundRow('area', 'area', (lang) => t(lang, '集群占地面积（平方公里）', 'area (km²)'), (f) => f.view.num('/basic/area') ?? null),
  {
    id: 'qualitySmeCount',
    kind: 'count',
    criterion: true,
    label: (lang) => withUnit(METRIC_META.qualitySmeCount.label[lang], unitOf('qualitySmeCount', lang), lang),
    keys: ['championsOrGiants', 'otherQualitySmes'],
    threshold: (lang, p) => {
      const g = p.thresholds.championsOrGiants;
      const o = p.thresholds.otherQualitySmes;
      const parts = [g ? t(lang, `冠军+小巨人 ${boundText(g)}`, `champions+giants ${boundText(g)}`) : '', o ? t(lang, `其他 ${boundText(o)}`, `others ${boundText(o)}`) : ''].filter(Boolean);
      return parts.join(t(lang, ' 或', ' or '));
    },
    // 标准二, as cultivation/quality-smes judges it: either group is enough.
    cell: (f, p) => {
      const m = f.metrics.qualitySmeCount;
      const y = baseYear(p);
      const v = (k: string) => f.view.yearNum(`/industry/${k}`, y);
      const parts = ['singleChampions', 'littleGiants', 'provincialSrdi', 'innovativeSmes', 'highTech'].map(v);
      if (parts.every((x) => x === undefined)) return { value: m?.value ?? null, verdict: 'n/a' };
      const [sc, lg, srdi, inn, ht] = parts.map((x) => x ?? 0) as [number, number, number, number, number];
      const g = p.thresholds.championsOrGiants;
      const o = p.thresholds.otherQualitySmes;
      const ok = (g !== null && meets(sc + lg, g)) || (o !== null && meets(srdi + inn + ht, o));
      return { value: m?.value ?? sc + lg + srdi + inn + ht, verdict: ok ? 'pass' : 'fail' };
    },
  },
  metricRow('rdSpendingCagr'),
  metricRow('inventionPatentCagr'),
  metricRow('patentsPer10k'),
  metricRow('industrialInternetRate'),
  {
    id: 'co2Falling',
    kind: 'yesno',
    criterion: true,
    label: (lang) => t(lang, '单位产值二氧化碳排放量逐年下降', 'CO2 per unit of output falls every year'),
    threshold: (lang) => t(lang, '逐年下降', 'falling'),
    cell: (f, p) => {
      const m = f.metrics.co2Intensity;
      if (!m) return { value: null, verdict: 'n/a' };
      const j = judge('co2Intensity', m, p);
      return { value: j.verdict === 'n/a' ? null : j.verdict === 'pass', verdict: j.verdict };
    },
  },
  metricRow('planOutputCagr'),
  metricRow('planRdCagr'),
  metricRow('planPatentCagr'),
  boundRow(
    'planIndustrialInternetRate',
    'planIndustrialInternetRate',
    (lang, p) => t(lang, `规划：${p.targetYear}年工业互联网普及率（%）`, `plan: industrial internet adoption ${p.targetYear} (%)`),
    (f) => f.view.num('/plan/targets/iipRate/target') ?? null,
  ),
  metricRow('planCo2Reduction'),
  metricRow('planEnergyIntensityReduction'),
  {
    id: 'errors',
    kind: 'count',
    criterion: false,
    label: (lang) => t(lang, '校验错误（个）', 'validation errors'),
    threshold: () => '0',
    cell: (f) => ({ value: f.errors, verdict: f.errors === 0 ? 'pass' : 'fail' }),
  },
  {
    id: 'warnings',
    kind: 'count',
    criterion: false,
    label: (lang) => t(lang, '校验警告（个）', 'validation warnings'),
    cell: (f) => ({ value: f.warnings, verdict: 'n/a' }),
  },
];

/** The name a column is headed with. */
function nameOf(f: CompareInput): string {
  return f.view.str('/cover/clusterName') ?? f.file;
}

/**
 * The quota unit a filing counts against: its 计划单列市 or 新疆生产建设兵团 when the profile counts that
 * separately (深圳 is not 广东's), else its 省、自治区、直辖市.
 */
export function quotaUnit(view: FilingView, profile: Profile, lang: Lang): { unit: string; separate: boolean } {
  const province = view.str('/cover/region/province');
  const city = view.str('/cover/region/city');
  for (const name of profile.quotas.separateUnits) {
    if (city?.startsWith(name)) return { unit: city, separate: true };
    if (province?.startsWith(name)) return { unit: province, separate: true };
    // 深圳市龙华区 filed with no 市 but the 计划单列市 in the 省 field's place is covered above; a name
    // in the county field ("深圳市龙华区") is the last resort.
  }
  return { unit: province ?? t(lang, '（未填省份）', '(no province)'), separate: false };
}

export function compare(inputs: readonly CompareInput[], profile: Profile, lang: Lang): Comparison {
  // Columns grouped by quota unit (province, or a separately counted 计划单列市/兵团), in order of first
  // appearance; the order given within a unit.
  const provinceOf = (f: CompareInput) => quotaUnit(f.view, profile, lang).unit;
  const order: string[] = [];
  for (const f of inputs) if (!order.includes(provinceOf(f))) order.push(provinceOf(f));
  const sorted = order.flatMap((p) => inputs.filter((f) => provinceOf(f) === p));

  // A review (复核) has no new 表八: its plan rows are the certified plan's attainment instead.
  const review = profile.kind === 'review';
  const rows: CompareRow[] = ROWS.filter((d) => (!d.keys || d.keys.some((k) => profile.thresholds[k] !== null)) && !(review && d.id.startsWith('plan'))).map((d) => {
    const threshold = aboutText(d, lang, profile) ?? d.threshold?.(lang, profile);
    return {
      id: d.id,
      label: d.label(lang, profile),
      ...(threshold !== undefined ? { threshold } : {}),
      kind: d.kind,
      criterion: d.criterion,
      cells: sorted.map((f) => d.cell(f, profile)),
    };
  });

  if (review) rows.splice(rows.length - 2, 0, ...reviewRows(sorted, profile, lang));

  const criteriaRows = rows.filter((r) => r.criterion);
  const columns: CompareColumn[] = sorted.map((f, i) => {
    const cells = criteriaRows.map((r) => r.cells[i]!);
    const score = cells.reduce((s, c) => s + (c.normalised ?? 0), 0);
    return {
      file: f.file,
      name: nameOf(f),
      province: provinceOf(f),
      errors: f.errors,
      warnings: f.warnings,
      met: cells.filter((c) => c.verdict === 'pass').length,
      criteria: cells.length,
      score,
      rank: 0,
    };
  });

  const provinces: ProvinceGroup[] = order.map((province) => {
    const idx = columns.map((c, i) => (c.province === province ? i : -1)).filter((i) => i >= 0);
    const ranking = [...idx].sort((a, b) => rankCompare(columns[a]!, columns[b]!) || a - b);
    ranking.forEach((ci, k) => (columns[ci]!.rank = k + 1));
    const separate = quotaUnit(inputs.find((f) => provinceOf(f) === province)!.view, profile, lang).separate;
    const quota = separate ? profile.quotas.separate : profile.quotas.province;
    return { province, quota, separate, ranking, count: idx.length, overQuota: idx.length > quota };
  });

  return {
    ...(review ? { review: true } : {}),
    profileId: profile.id,
    profileName: profile.name,
    quota: profile.quotas.province,
    separateQuota: profile.quotas.separate,
    ...(profile.quotas.note ? { quotaNote: profile.quotas.note } : {}),
    rows,
    columns,
    provinces: review ? [] : provinces,
  };
}

/**
 * One row per quantified indicator of the certified plan: its 完成率 (%) in the target year, failing where
 * the target was missed; then the count of targets met. Not criteria of the standard (missed targets are
 * warnings), so they do not enter "criteria met" or the ranking hint.
 */
function reviewRows(sorted: readonly CompareInput[], profile: Profile, lang: Lang): CompareRow[] {
  const all = sorted.map((f) => planAttainment(f.view, profile, lang));
  const keys = [...new Set(all.flatMap((a) => a.indicators.filter((i) => !i.qualitative).map((i) => i.key)))];
  const rows: CompareRow[] = keys.map((key) => {
    const first = all.flatMap((a) => a.indicators).find((i) => i.key === key)!;
    return {
      id: `review/${key}`,
      label: t(lang, `规划目标完成率（%）：${first.label}`, `plan attainment (%): ${first.label}`),
      threshold: '≥ 100',
      kind: 'amount',
      criterion: false,
      cells: all.map((a) => {
        const j = a.indicators.find((i) => i.key === key)?.final;
        return j ? { value: j.rate ?? (j.achieved ? 100 : 0), verdict: j.achieved ? 'pass' : 'fail' } : { value: null, verdict: 'n/a' };
      }),
    };
  });
  rows.push({
    id: 'review/met',
    label: t(lang, '规划目标达到（项）', 'plan targets met'),
    kind: 'count',
    criterion: false,
    cells: all.map((a) => ({ value: a.met, verdict: a.met === a.judged ? 'pass' : 'fail' })),
  });
  return rows;
}

/** Plan targets the form words as "达到45%左右" (表八 备注 e–g): printed that way, not as "≥ 45". */
const ABOUT: ReadonlySet<string> = new Set(['planIndustrialInternetRate', 'planCo2Reduction', 'planEnergyIntensityReduction']);

function aboutText(d: RowDef, lang: Lang, profile: Profile): string | undefined {
  const key = d.keys?.[0];
  if (!key || !ABOUT.has(key)) return undefined;
  const b = profile.thresholds[key];
  if (!b || b.min === undefined) return undefined;
  return lang === 'zh' ? `${fmtNum(b.min, 2)}%左右` : `about ${fmtNum(b.min, 2)}%`;
}

/** Fewer validation errors first, then more criteria met, then the larger sum of normalised margins. */
export function rankCompare(a: CompareColumn, b: CompareColumn): number {
  return a.errors - b.errors || b.met - a.met || round6(b.score) - round6(a.score);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

// ---------------------------------------------------------------- shared wording

function signed(x: number): string {
  const s = fixed2(x);
  return x > 0 && s !== '0.00' ? `+${s}` : s === '-0.00' ? '0.00' : s;
}

/** "24.04 (+14.04)", "6.32 (-3.68) ✘", "是", "否 ✘", "—". `mark` follows a value that fails its bound. */
export function cellText(row: CompareRow, cell: CompareCell, lang: Lang, mark = ' ✘'): string {
  const fail = cell.verdict === 'fail' ? mark : '';
  if (cell.value === null) return '—';
  if (typeof cell.value === 'boolean') return (cell.value ? t(lang, '是', 'yes') : t(lang, '否', 'no')) + fail;
  const v = row.kind === 'count' && Number.isInteger(cell.value) ? String(cell.value) : fixed2(cell.value);
  const m = cell.margin !== undefined ? ` (${signed(cell.margin)})` : '';
  return `${v}${m}${fail}`;
}

export function scoreText(x: number): string {
  return signed(x);
}

/** The summary rows under the table: criteria met, score, rank. */
export function footerRows(c: Comparison, lang: Lang): Array<{ label: string; cells: string[] }> {
  if (c.review) return [{ label: t(lang, '认定标准达标项数', 'criteria of the standard met'), cells: c.columns.map((x) => `${x.met}/${x.criteria}`) }];
  return [
    { label: t(lang, '达标项数', 'criteria met'), cells: c.columns.map((x) => `${x.met}/${x.criteria}`) },
    { label: t(lang, '归一化余量之和', 'sum of normalised margins'), cells: c.columns.map((x) => scoreText(x.score)) },
    { label: t(lang, '省内排序提示', 'rank in province'), cells: c.columns.map((x) => `${x.rank}`) },
  ];
}

/** "湖北省 10 个，超过每省最多推荐 8 个的名额" / "湖北省 3 个（每省最多推荐 8 个）". */
export function quotaLine(g: ProvinceGroup, _quota: number, lang: Lang): string {
  const quota = g.quota;
  const per = g.separate ? '计划单列市、新疆生产建设兵团各' : '每省';
  const perEn = g.separate ? 'for each separately counted city or the XPCC' : 'per province';
  return g.overQuota
    ? t(lang, `${g.province} ${g.count} 个，超过${per}最多推荐 ${quota} 个的名额`, `${g.province}: ${g.count} filings, over the quota of at most ${quota} ${perEn}`)
    : t(lang, `${g.province} ${g.count} 个（${per}最多推荐 ${quota} 个）`, `${g.province}: ${g.count} filing${g.count === 1 ? '' : 's'} (at most ${quota} ${perEn})`);
}

/** The explanation of the ranking hint, printed with every format. */
export function rankingExplanation(lang: Lang, quota: number, mark = '✘', c?: Pick<Comparison, 'separateQuota' | 'quotaNote' | 'review'>): string[] {
  if (c?.review) {
    return lang === 'zh'
      ? [
          `复核：认定标准按复核年度数据核对，${mark} 表示不符合（错误）；规划目标完成率 = 目标年实际值 ÷ 目标值 × 100%（降低类指标为实际降低率 ÷ 规划降低率），低于 100% 标 ${mark}（警告）。`,
          '复核不设推荐名额，也不排序。',
        ]
      : [
          `Review: the standard is checked on the review years' data, ${mark} = fails (error); plan attainment = target-year actual ÷ target × 100% (reductions: achieved ÷ planned reduction), ${mark} below 100% (warning).`,
          'A review has no quota and no ranking.',
        ];
  }
  const sep = c?.separateQuota ?? 2;
  const note = c?.quotaNote ? (lang === 'zh' ? `（${c.quotaNote}）` : ` (${c.quotaNote})`) : '';
  return lang === 'zh'
    ? [
        `括号内为余量：数值减标准值（上限类指标为标准值减数值），正数表示优于标准；${mark} 表示未达到标准，— 表示缺少数据。`,
        '省内排序提示：先比较校验错误数（少者在前），再比较达标项数（多者在前），最后比较归一化余量之和（大者在前）。',
        '归一化余量 = 余量 ÷ 标准值，每项截取在 −1 至 +1 之间（避免单项过大左右结果），缺少数据的项不达标、不计余量。',
        `每省最多推荐 ${quota} 个，计划单列市、新疆生产建设兵团各最多 ${sep} 个，与所在省分别计算${note}；排序提示仅供参考，不代替评审。`,
      ]
    : [
        `In brackets: the margin, value minus bound (bound minus value for a maximum); positive is better than required. ${mark} fails the bound, — has no data.`,
        'Rank hint within a province: fewer validation errors first, then more criteria met, then the larger sum of normalised margins.',
        'Normalised margin = margin ÷ bound, clipped to [−1, +1] so that no single figure dominates; missing data fails and adds nothing.',
        `At most ${quota} filings per province and ${sep} for each 计划单列市 or the XPCC, counted apart from their province${note}; the rank is a hint, not a review.`,
      ];
}

/** "1. [2] 名称（错误 0，达标 17/17，余量 +8.12）". */
export function rankingLines(c: Comparison, lang: Lang): string[] {
  const out: string[] = [];
  for (const g of c.provinces) {
    out.push(`${g.province}${t(lang, '：', ':')}`);
    for (const ci of g.ranking) {
      const x = c.columns[ci]!;
      out.push(
        t(
          lang,
          `  ${x.rank}. [${ci + 1}] ${x.name}（错误 ${x.errors}，达标 ${x.met}/${x.criteria}，余量之和 ${scoreText(x.score)}）${x.rank > c.quota ? ' 超出名额' : ''}`,
          `  ${x.rank}. [${ci + 1}] ${x.name} (${x.errors} errors, ${x.met}/${x.criteria} met, margins ${scoreText(x.score)})${x.rank > c.quota ? ' beyond the quota' : ''}`,
        ),
      );
    }
  }
  return out;
}
