/**
 * What the form's cells say, independent of how a face draws them: the ☐ alternatives of a choice and
 * the items of a checklist with their ticks, "数量：__个 名称：__", "__个", and a field as printed.
 * Shared by the PDF (forms/common.ts) and the Word face (src/docx); no layout code here.
 */
import type { FieldNode, GroupNode } from '../catalogue/index.js';
import { fixed2 } from '../i18n.js';
import type { MetricId, Metrics } from '../metrics/types.js';
import { baseYear, growthBaseYear, planYears, type Profile } from '../profile.js';
import type { FilingView } from '../validate/view.js';
import { TARGET_DIRECTIONS } from './fixed.js';
import { fieldNode, fmtNumber, fmtValue, groupAt, NONE, show, withUnit } from './values.js';

export interface TickItem {
  label: string;
  checked: boolean;
}

/** The ☐ alternatives of a choice field, ticked where the filing answers. */
export function choiceItems(ctx: { view: FilingView }, ptr: string): TickItem[] {
  const node = fieldNode(ptr);
  const v = ctx.view.str(ptr);
  return (node.options ?? []).map((o) => ({ label: o, checked: v === o }));
}

/** The items of a checklist group, ticked where the filing ticks them. */
export function checklistItems(ctx: { view: FilingView }, ptr: string, group: GroupNode): TickItem[] {
  return group.children
    .filter((c): c is GroupNode => c.kind === 'group' && c.role === 'item')
    .map((c) => ({ label: c.label ?? c.key, checked: ctx.view.bool(`${ptr}/${c.key}/checked`) }));
}

/**
 * What the faces need of a filing to say what a cell holds. `blank`: the filing is empty (as `init` writes
 * it) and the form prints as a hand-fill form — blanks to write on, no "无" filled in by the tool.
 */
export interface CellContext {
  view: FilingView;
  blank?: boolean;
}

/** A blank to write on: "______". */
export const HAND_BLANK = '______';

/** "数量：3个\n名称：A、B、C" (names "无" when none are listed; blanks on a hand-fill form). */
export function namedCountText(ctx: CellContext, ptr: string): string {
  if (ctx.blank) return `数量：${HAND_BLANK}个\n名称：${HAND_BLANK}${HAND_BLANK}${HAND_BLANK}`;
  const c = ctx.view.num(`${ptr}/count`);
  const names = ctx.view.list(`${ptr}/names`).map((s) => s.trim());
  return `数量：${c === undefined ? '\u3000\u3000' : String(c)}个\n名称：${names.length ? names.join('、') : NONE}`;
}

/** "96个" for "_____个 (需提供清单及佐证材料)" cells. */
export function countText(ctx: CellContext, ptr: string): string {
  if (ctx.blank) return `${HAND_BLANK}个`;
  const c = ctx.view.num(`${ptr}/count`);
  return `${c === undefined ? '\u3000\u3000' : String(c)}个`;
}

/** A field shown as the form prints it ('' when empty and required, and everywhere on a hand-fill form). */
export function val(ctx: CellContext, ptr: string, optional?: boolean): string {
  if (ctx.blank) return '';
  const node = fieldNode(ptr);
  return show(ctx.view, ptr, node, optional ?? node.optional === true);
}

/** 所属地区's three blanks: each name without the level the label prints after it (湖北省 → 湖北 + "省(区、市)"). */
export const REGION_PARTS: ReadonlyArray<readonly [key: 'province' | 'city' | 'county', suffix: string]> = [
  ['province', '省(区、市)'],
  ['city', '市(区)'],
  ['county', '县(市、区)'],
];

export function regionBlanks(view: FilingView): string[] {
  return REGION_PARTS.map(([k, suffix]) => {
    const v = view.str(`/cover/region/${k}`) ?? '';
    const alts = suffix.replace(/[()、]/g, '');
    return v.length > 1 && alts.includes(v[v.length - 1]!) ? v.slice(0, -1) : v;
  });
}

/** 表五's intensities: what the formula computes and from which total. */
export const INTENSITY = {
  co2Intensity: { what: '单位产值二氧化碳排放量', total: '二氧化碳排放总量（吨二氧化碳）', totalPtr: '/green/co2Emissions' },
  energyIntensity: { what: '单位产值能耗', total: '综合能源消费量（吨标准煤）', totalPtr: '/green/energyConsumption' },
} as const;

/** The formula lines printed under an intensity: the general formula, then the computed ones (or why there are none). */
export function intensityFormulaLines(ctx: { metrics: Metrics }, key: keyof typeof INTENSITY): string[] {
  const node = fieldNode(`/green/${key}`);
  const spec = INTENSITY[key];
  const m = ctx.metrics[key];
  const out = [`计算公式：${spec.what}（${node.unit}）= ${spec.total} ÷（集群总产值（亿元）× 10000）`];
  const computed = (m?.formula ?? '').split('；').filter((s) => s && !/填报值/.test(s));
  out.push(...computed);
  if (computed.length === 0) out.push(`（未填报各年${spec.total.replace(/（.*$/, '')}，未代入数值）`);
  return out;
}

/** The stated per-year intensity, or the computed one when the form cell was left empty. */
export function intensityVal(ctx: { view: FilingView; metrics: Metrics }, key: keyof typeof INTENSITY, y: number): string {
  const stated = fmtValue(fieldNode(`/green/${key}`), ctx.view.yearNum(`/green/${key}`, y));
  if (stated) return stated;
  const c = ctx.metrics[key]?.byYear?.[String(y)];
  return c === null || c === undefined ? '' : fixed2(c);
}

/** 近三年单位产值能耗降低率's formula line. */
export function reductionFormula(ctx: { metrics: Metrics; profile: Profile }): string {
  const years = ctx.profile.dataYears;
  const red = ctx.metrics.energyIntensityReduction;
  return red && red.value !== null
    ? `计算公式：${red.formula}`
    : `计算公式：(${years[0]}年单位产值能耗 − ${years[years.length - 1]}年单位产值能耗) ÷ ${years[0]}年单位产值能耗 × 100`;
}

/** A per-year value of a field, "无" for years the form does not require ('' on a hand-fill form). */
export function yearVal(ctx: CellContext & { profile: Profile }, ptr: string, year: number): string {
  if (ctx.blank) return '';
  const node = fieldNode(ptr);
  const optional = node.optional === true || (node.requiredYears === 'base' && year !== baseYear(ctx.profile));
  return show(ctx.view, `${ptr}/${year}`, node, optional);
}

export interface TargetRow {
  indicator: string;
  baseline: string;
  target: string;
  /** Small print under the target (the yearly targets of 优质中小企业数量). */
  targetNote?: string;
  text?: boolean;
}

/** 三年总体目标's rows by 方向, in the form's order; an empty 其它 prints "无" (blank on a hand-fill form). */
export function targetRows(ctx: { view: FilingView; profile: Profile; blank?: boolean }): Map<string, TargetRow[]> {
  const { view, profile } = ctx;
  const g = groupAt('/plan/targets');
  const byDir = new Map<string, TargetRow[]>(TARGET_DIRECTIONS.map((d) => [d, []]));
  const fmt = (node: FieldNode, v: unknown) => {
    const s = fmtValue(node, v);
    return s === undefined ? '' : node.type === 'text' ? s : withUnit(s, node.unit);
  };
  for (const n of g.children) {
    if (n.kind !== 'group' || n.role !== 'target' || !n.direction) continue;
    const ptr = `/plan/targets/${n.key}`;
    const b = fieldNode(`${ptr}/baseline`);
    const t = fieldNode(`${ptr}/target`);
    let targetNote: string | undefined;
    if (n.key === 'qualitySmes') {
      const interim = planYears(profile)
        .slice(0, -1)
        .map((y) => {
          const v = fmtValue(fieldNode(`${ptr}/interim`), view.yearNum(`${ptr}/interim`, y));
          return v === undefined ? undefined : `${y}年：${withUnit(v, '家')}`;
        })
        .filter(Boolean);
      if (interim.length) targetNote = `年度目标\n${interim.join('\n')}`;
    }
    byDir.get(n.direction)!.push({ indicator: n.label ?? '', baseline: fmt(b, view.get(`${ptr}/baseline`)), target: fmt(t, view.get(`${ptr}/target`)), targetNote, text: b.type === 'text' });
  }
  const extra = (view.get('/plan/targets/extra') as unknown[] | undefined) ?? [];
  for (const [i, e] of extra.entries()) {
    if (!e || typeof e !== 'object') continue;
    const r = e as Record<string, unknown>;
    const dir = typeof r.direction === 'string' && byDir.has(r.direction) ? r.direction : '其它';
    const s = (k: string) => fmtValue(fieldNode(`/plan/targets/extra/${i}/${k}`), r[k]) ?? '';
    byDir.get(dir)!.push({ indicator: s('indicator'), baseline: s('baseline'), target: s('target') });
  }
  if (byDir.get('其它')!.length === 0) byDir.get('其它')!.push(ctx.blank ? { indicator: '', baseline: '', target: '' } : { indicator: NONE, baseline: NONE, target: NONE });
  return byDir;
}

/**
 * The 注 under a table whose growth rates rest on the base year (Y1 − 1, e.g. 2020): the form has no column
 * for it, so the figure the rate was computed from is printed where the county signs for it. When it is
 * missing, the note says the rate runs over the 2 intervals of the data years.
 */
export function baseYearNoteText(ctx: { metrics: Metrics; profile: Profile; view: FilingView }, items: ReadonlyArray<readonly [MetricId, string, string, string]>): string | undefined {
  const y0 = growthBaseYear(ctx.profile);
  const [y1, , y3] = ctx.profile.dataYears as [number, number, number];
  const figures: string[] = [];
  let fallback = false;
  for (const [id, ptr, label, unit] of items) {
    const m = ctx.metrics[id];
    if (!m || m.value === null || m.basis !== 'base-year') continue;
    if (m.fallback) fallback = true;
    const v = ctx.view.yearNum(ptr, y0);
    if (!m.fallback && v !== undefined) figures.push(`${y0}年${label} ${fmtNumber(v, fieldNode(ptr))}${unit === '%' ? '%' : ` ${unit}`}`);
  }
  if (figures.length) return `注：近三年年均增速以${y0}年为基期计算（${y0}—${y3}年，3个间隔）：${figures.join('；')}。`;
  if (fallback) return `注：未填报${y0}年（基期）数据，近三年年均增速按${y1}—${y3}年2个间隔计算。`;
  return undefined;
}
