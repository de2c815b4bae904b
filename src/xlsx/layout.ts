/**
 * The Excel template's layout, derived from the field catalogue: one sheet per form section, rows
 * in the seed's order. The template writer and the importer both use it, so a cell address is
 * never written twice. Column A (hidden) holds each row's JSON Pointer: the importer finds rows
 * by that key, so rows a user inserts or deletes cannot shift what a cell means.
 */
import { FORM, pointerOf } from '../catalogue/index.js';
import type { FieldNode, GroupNode, Leaf, Node, SectionDef, SectionNode, ArrayNode, FilingKind } from '../catalogue/index.js';
import { leaves } from '../catalogue/index.js';
import type { Profile } from '../profile.js';

export const TEMPLATE_MARK = 'cluster-template';
/** 2: print layout for A4 at ≥ 9 pt, one VML shape-id block per sheet; the importer checks locked texts only in workbooks of this version. */
export const TEMPLATE_VERSION = 2;
export const META_SHEET = '_meta';
export const GUIDE_SHEET = '填表说明';

/** Columns: A key (hidden) · B label · C unit · D prior year · E–G values · H evidence · I hint. */
export const COL = { key: 1, label: 2, unit: 3, prior: 4, v1: 5, v2: 6, v3: 7, evidence: 8, hint: 9 } as const;
export const LAST_COL = COL.hint;

export interface CellSpec {
  /** 1-based column. */
  col: number;
  /** Concrete JSON Pointer of the value (year included for per-year values). */
  pointer: string;
  leaf: Leaf;
  year?: number;
  /** Merge this many columns from `col` (a wide text cell). */
  span?: number;
}

export type RowKind = 'title' | 'years' | 'targets' | 'extra' | 'group' | 'input';

export interface RowSpec {
  /** Column A marker: a JSON Pointer for input rows, `#…` for headers. */
  key: string;
  kind: RowKind;
  label: string;
  unit?: string;
  hint?: string;
  cells: CellSpec[];
  /** Header rows: texts of the value columns. */
  headers?: Record<number, string>;
  /** Suggested row height (points). */
  height?: number;
}

export interface SheetSpec {
  name: string;
  section: SectionDef;
  rows: RowSpec[];
}

export interface LayoutYears {
  dataYears: number[];
  targetYear: number;
  /** An application's sheets (the default) or a review's. */
  kind?: FilingKind;
}

export function layoutYears(profile: Profile): LayoutYears {
  return { dataYears: [...profile.dataYears], targetYear: profile.targetYear, kind: profile.kind };
}

const leafByNode = new Map<FieldNode, Leaf>();
function leafOf(n: FieldNode): Leaf {
  if (leafByNode.size === 0) for (const l of leaves()) leafByNode.set(l.node, l);
  const l = leafByNode.get(n);
  if (!l) throw new Error(`field ${n.key} is not in the catalogue`);
  return l;
}

function hintFor(n: FieldNode): string | undefined {
  const parts: string[] = [];
  if (n.hint) parts.push(n.hint);
  if (n.maxChars && !n.hint?.includes('字以内')) parts.push(`${n.maxChars}字以内`);
  if (n.type === 'choice' && n.options) parts.push(`从下拉列表选择：${n.options.join(' / ')}`);
  if (n.type === 'date') parts.push('日期，如 2024-06-10');
  if (n.type === 'names') parts.push('每行一个名称');
  if (n.toolOnly) parts.push('表外栏目，供工具核算，可不填');
  else if (n.optional) parts.push('可不填');
  return parts.length ? parts.join('；') : undefined;
}

function height(n: FieldNode): number | undefined {
  if (n.type !== 'text') return n.type === 'names' ? 48 : undefined;
  if (n.maxChars && n.maxChars <= 300) return 110;
  return 260;
}

interface Ctx {
  years: LayoutYears;
  rows: RowSpec[];
  /** The year header currently in force, to insert a new one when it changes. */
  yearsHeader?: string;
}

function yearCells(ctx: Ctx, n: FieldNode, pointer: string): CellSpec[] {
  const leaf = leafOf(n);
  const d = ctx.years.dataYears;
  const plan = planYearsOf(ctx.years);
  switch (n.years) {
    case 'data':
      return d.map((y, i) => ({ col: COL.v1 + i, pointer: `${pointer}/${y}`, leaf, year: y }));
    case 'data+prior':
      return [{ col: COL.prior, pointer: `${pointer}/${d[0]! - 1}`, leaf, year: d[0]! - 1 }, ...d.map((y, i) => ({ col: COL.v1 + i, pointer: `${pointer}/${y}`, leaf, year: y }))];
    case 'plan':
      return plan.map((y, i) => ({ col: COL.v1 + i, pointer: `${pointer}/${y}`, leaf, year: y }));
    case 'interim':
      return plan.slice(0, -1).map((y, i) => ({ col: COL.v1 + i, pointer: `${pointer}/${y}`, leaf, year: y }));
    case 'data-interim':
      return d.slice(0, -1).map((y, i) => ({ col: COL.v1 + i, pointer: `${pointer}/${y}`, leaf, year: y }));
    default:
      return [];
  }
}

export function planYearsOf(y: LayoutYears): number[] {
  // As profile.ts's planYears (the years after the base year up to the target), here without the
  // profile loader, which reads files: the layout is part of the workbook core the browser runs.
  const out: number[] = [];
  for (let year = baseYearOf(y) + 1; year <= y.targetYear; year++) out.push(year);
  return out;
}

type HeaderKind = 'data' | 'plan' | 'count' | 'value';

/**
 * A column-header row wherever what the value columns mean changes: years (data or plan), a
 * count with its names, or one value across E–G. No value ever sits under a header that names
 * something else (a count under "2021年").
 */
function ensureHeader(ctx: Ctx, kind: HeaderKind): void {
  const key = kind === 'data' || kind === 'plan' ? `#years:${kind}` : `#${kind}`;
  if (ctx.yearsHeader === key) return;
  ctx.yearsHeader = key;
  const headers: Record<number, string> = {};
  if (kind === 'data') {
    const d = ctx.years.dataYears;
    headers[COL.prior] = `${d[0]! - 1}年（可选）`;
    d.forEach((y, i) => (headers[COL.v1 + i] = `${y}年`));
  } else if (kind === 'plan') {
    planYearsOf(ctx.years).forEach((y, i) => (headers[COL.v1 + i] = `${y}年度`));
  } else if (kind === 'count') {
    headers[COL.v1] = '数量';
    headers[COL.v2] = '名称（每行一个）';
  } else {
    headers[COL.v1] = '填写内容';
  }
  headers[COL.evidence] = '佐证材料';
  headers[COL.hint] = '填写说明';
  const label = kind === 'data' ? '栏目 ＼ 年度' : kind === 'plan' ? '栏目 ＼ 规划年度' : '栏目';
  ctx.rows.push({ key, kind: 'years', label, unit: '单位', cells: [], headers });
}

function fieldRows(ctx: Ctx, n: FieldNode, pointer: string, prefix: string): void {
  const label = prefix ? `${prefix} ${n.label}` : n.label;
  // Every row with a unit shows it (a label that happens to contain 人 or 家 is not a unit).
  const unit = n.unit;
  if (n.years && n.type === 'text') {
    // Long per-year texts (阶段性目标) get a row per year.
    ensureHeader(ctx, 'value');
    for (const c of yearCells(ctx, n, pointer)) {
      ctx.rows.push({ key: c.pointer, kind: 'input', label: `${label}（${c.year}年度）`, cells: [{ ...c, col: COL.v1, span: 3 }], hint: hintFor(n), height: height(n) });
    }
    return;
  }
  if (n.years) {
    ensureHeader(ctx, n.years === 'plan' || n.years === 'interim' ? 'plan' : 'data');
    ctx.rows.push({ key: pointer, kind: 'input', label, unit, cells: yearCells(ctx, n, pointer), hint: hintFor(n) });
    return;
  }
  ensureHeader(ctx, 'value');
  ctx.rows.push({ key: pointer, kind: 'input', label, unit, cells: [{ col: COL.v1, pointer, leaf: leafOf(n), span: 3 }], hint: hintFor(n), height: height(n) });
}

/** Attaches an evidence field to the row just emitted (the item, count or declaration it proves). */
function attachEvidence(ctx: Ctx, n: FieldNode, pointer: string): void {
  const last = ctx.rows[ctx.rows.length - 1];
  if (last && last.kind === 'input' && !last.cells.some((c) => c.col === COL.evidence)) {
    last.cells.push({ col: COL.evidence, pointer, leaf: leafOf(n) });
    last.hint = [last.hint, '佐证材料填在"佐证材料"列，每行一个相对路径'].filter(Boolean).join('；');
  } else {
    ensureHeader(ctx, 'value');
    ctx.rows.push({ key: pointer, kind: 'input', label: n.label, cells: [{ col: COL.evidence, pointer, leaf: leafOf(n) }] });
  }
}

function child(g: GroupNode, key: string): FieldNode {
  const c = g.children.find((x) => x.key === key);
  if (!c || c.kind !== 'field') throw new Error(`${g.key} has no field ${key}`);
  return c;
}

/** The 基准值 / 目标值 header of a targets table (a review's: the certified plan's years). */
function targetsHeader(ctx: Ctx): void {
  const d = ctx.years.dataYears;
  const review = ctx.years.kind === 'review';
  const base = review ? d[0]! - 1 : d[d.length - 1]!;
  const target = review ? d[d.length - 1]! : ctx.years.targetYear;
  ctx.yearsHeader = '#targets';
  ctx.rows.push({ key: '#targets', kind: 'targets', label: '方向：指标', unit: '单位', cells: [], headers: { [COL.v1]: `${base}年基准值`, [COL.v2]: `${target}年目标值`, [COL.evidence]: '佐证材料', [COL.hint]: '填写说明' } });
}

function groupRows(ctx: Ctx, g: GroupNode, pointer: string, prefix: string): void {
  switch (g.role) {
    case 'checklist':
      ensureHeader(ctx, 'value');
      ctx.rows.push({ key: pointer, kind: 'group', label: g.label ?? '', hint: g.hint, cells: [] });
      for (const item of g.children as GroupNode[]) {
        const p = `${pointer}/${item.key}`;
        ctx.rows.push({
          key: p,
          kind: 'input',
          label: item.label ?? item.key,
          cells: [
            { col: COL.v1, pointer: `${p}/checked`, leaf: leafOf(child(item, 'checked')), span: 3 },
            { col: COL.evidence, pointer: `${p}/evidence`, leaf: leafOf(child(item, 'evidence')) },
          ],
          hint: '勾选选"是"，并在"佐证材料"列填写文件路径（勾选需提供佐证材料）',
        });
      }
      return;
    case 'namedCount':
      ensureHeader(ctx, 'count');
      ctx.rows.push({
        key: pointer,
        kind: 'input',
        label: [g.label, g.hint].filter(Boolean).join(' '),
        unit: '个',
        cells: [
          { col: COL.v1, pointer: `${pointer}/count`, leaf: leafOf(child(g, 'count')) },
          { col: COL.v2, pointer: `${pointer}/names`, leaf: leafOf(child(g, 'names')), span: 2 },
          { col: COL.evidence, pointer: `${pointer}/evidence`, leaf: leafOf(child(g, 'evidence')) },
        ],
        hint: '"数量"填在第一格，"名称"填在右侧（每行一个）',
        height: 48,
      });
      return;
    case 'target': {
      if (ctx.yearsHeader !== '#targets') targetsHeader(ctx);
      const b = child(g, 'baseline');
      ctx.rows.push({
        key: pointer,
        kind: 'input',
        label: g.direction ? `${g.direction}：${g.label}` : (g.label ?? ''),
        unit: b.unit,
        cells: [
          { col: COL.v1, pointer: `${pointer}/baseline`, leaf: leafOf(b) },
          { col: COL.v2, pointer: `${pointer}/target`, leaf: leafOf(child(g, 'target')) },
        ],
        height: b.type === 'text' ? 60 : undefined,
      });
      const interim = g.children.find((c) => c.key === 'interim');
      if (interim && interim.kind === 'field') {
        ensureHeader(ctx, 'plan');
        ctx.rows.push({ key: `${pointer}/interim`, kind: 'input', label: `${g.label}：${interim.label}`, unit: interim.unit, cells: yearCells(ctx, interim, `${pointer}/interim`), hint: hintFor(interim) });
      }
      // A review row: the stage targets and the actuals by review year, under a year header.
      for (const k of ['stages', 'actual']) {
        const f = g.children.find((c) => c.key === k);
        if (!f || f.kind !== 'field') continue;
        const p = `${pointer}/${k}`;
        if (f.years) {
          ensureHeader(ctx, 'data');
          ctx.rows.push({ key: p, kind: 'input', label: `${g.label}：${f.label}`, unit: f.unit, cells: yearCells(ctx, f, p), hint: hintFor(f) });
        } else {
          ctx.rows.push({ key: p, kind: 'input', label: `${g.label}：${f.label}`, cells: [{ col: COL.v1, pointer: p, leaf: leafOf(f), span: 3 }], hint: hintFor(f), height: height(f) });
        }
      }
      return;
    }
    default: {
      const isTargets = g.children.some((c) => c.kind === 'group' && c.role === 'target');
      if (g.label) ctx.rows.push({ key: pointer, kind: 'group', label: g.label, hint: g.hint, cells: [] });
      const sub = g.label && g.role === 'object' && !isTargets && g.children.every((c) => c.kind === 'field') ? g.label : prefix;
      nodesRows(ctx, g.children, pointer, sub === prefix ? prefix : sub);
    }
  }
}

function arrayRows(ctx: Ctx, a: ArrayNode, pointer: string): void {
  const review = ctx.years.kind === 'review';
  ctx.yearsHeader = '#extra';
  ctx.rows.push({ key: '#extra', kind: 'extra', label: a.label, cells: [], headers: review ? { [COL.unit]: '方向', [COL.prior]: '目标方向', [COL.v1]: '指标', [COL.v2]: '基准值', [COL.v3]: '目标值' } : { [COL.unit]: '方向', [COL.v1]: '指标', [COL.v2]: '基准值', [COL.v3]: '目标值' }, hint: a.description });
  const f = (k: string) => child(a.item, k);
  for (let i = 0; i < a.maxItems; i++) {
    const p = `${pointer}/${i}`;
    ctx.rows.push({
      key: p,
      kind: 'input',
      label: `${a.label} ${i + 1}`,
      cells: [
        { col: COL.unit, pointer: `${p}/direction`, leaf: leafOf(f('direction')) },
        { col: COL.v1, pointer: `${p}/indicator`, leaf: leafOf(f('indicator')) },
        { col: COL.v2, pointer: `${p}/baseline`, leaf: leafOf(f('baseline')) },
        { col: COL.v3, pointer: `${p}/target`, leaf: leafOf(f('target')) },
        ...(review ? [{ col: COL.prior, pointer: `${p}/better`, leaf: leafOf(f('better')) }] : []),
      ],
      ...(review ? { hint: '"目标方向"（增加/降低）填在第4列' } : {}),
    });
    if (review) {
      const actual = f('actual');
      ctx.rows.push({ key: `${p}/actual`, kind: 'input', label: `${a.label} ${i + 1}：${actual.label}（${ctx.years.dataYears.join('、')}年）`, cells: yearCells(ctx, actual, `${p}/actual`) });
    }
  }
}

function nodesRows(ctx: Ctx, nodes: readonly Node[], base: string, prefix: string): void {
  for (const n of nodes) {
    const p = `${base}/${n.key}`;
    if (n.kind === 'field') {
      if (n.type === 'evidence') attachEvidence(ctx, n, p);
      else fieldRows(ctx, n, p, prefix);
    } else if (n.kind === 'group') {
      groupRows(ctx, n, p, n.role === 'object' && n.label && n.children.every((c) => c.kind === 'field') ? n.label : prefix);
    } else arrayRows(ctx, n, p);
  }
}

export function sheetName(s: SectionDef): string {
  return s.title;
}

function sectionSheet(s: SectionNode, years: LayoutYears): SheetSpec {
  const ctx: Ctx = { years, rows: [] };
  ctx.rows.push({ key: '#title', kind: 'title', label: s.section.title, cells: [] });
  nodesRows(ctx, s.children, pointerOf([s.key]), '');
  return { name: sheetName(s.section), section: s.section, rows: ctx.rows };
}

export function workbookLayout(years: LayoutYears): SheetSpec[] {
  return FORM.filter((s) => !s.filing || s.filing === (years.kind ?? 'application')).map((s) => sectionSheet(s, years));
}

/** Excel column letters of a 1-based index. */
export function colLetter(col: number): string {
  let s = '';
  let c = col;
  while (c > 0) {
    const m = (c - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    c = Math.floor((c - 1) / 26);
  }
  return s;
}

export function baseYearOf(y: LayoutYears): number {
  return y.dataYears[y.dataYears.length - 1]!;
}
