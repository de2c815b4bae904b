/**
 * Values as the printed form shows them (填报说明2): numbers with 2 decimals, counts as integers,
 * dates as "2024年6月12日", lists joined with "、", empty optional fields as "无".
 */
import { resolvePointer, type FieldNode, type GroupNode } from '../catalogue/index.js';
import { fixed2, fmtNum } from '../i18n.js';
import type { FilingView } from '../validate/view.js';
import { NONE } from '../catalogue/none.js';

export { NONE };

/** Units of counted things: an integer value stays an integer even in a `number` field. */
const COUNT_UNITS = new Set(['家', '件', '个', '项', '人', '次']);

export function fmtNumber(v: number, node?: Pick<FieldNode, 'type' | 'unit'>): string {
  if (node?.type === 'integer') return Number.isInteger(v) ? String(v) : fmtNum(v, 2);
  if (node?.unit && COUNT_UNITS.has(node.unit) && Number.isInteger(v)) return String(v);
  return fixed2(v);
}

/** "2024-06-12" → "2024年6月12日", "2016-09" → "2016年9月", "2016" → "2016年"; anything else as given. */
export function fmtDate(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const b = new Date(v.getTime() + 8 * 3600_000);
    return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日`;
  }
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  if (/^\d{4}$/.test(v.trim())) return `${v.trim()}年`;
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(v.trim());
  if (!m) return v.trim();
  return m[3] ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : `${m[1]}年${Number(m[2])}月`;
}

/** A Date as "2024年6月12日" in Beijing time. */
export function fmtDay(d: Date): string {
  return fmtDate(d)!;
}

/** The value of a field formatted for print, or undefined when empty. */
export function fmtValue(node: FieldNode | undefined, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? fmtNumber(v, node) : undefined;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (node?.type === 'date') return fmtDate(v);
  if (Array.isArray(v)) {
    const items = v.filter((x) => typeof x === 'string' && x.trim() !== '').map((x) => (x as string).trim());
    return items.length ? items.join('、') : undefined;
  }
  if (typeof v === 'string') {
    const t = v.replace(/\r\n?/g, '\n').trim();
    return t === '' ? undefined : t;
  }
  return undefined;
}

/** The catalogue field at a concrete pointer. */
export function fieldAt(ptr: string): FieldNode | undefined {
  const n = resolvePointer(ptr).node;
  return n && n.kind === 'field' ? n : undefined;
}

export function groupAt(ptr: string): GroupNode {
  const n = resolvePointer(ptr).node;
  if (!n || n.kind !== 'group') throw new Error(`no catalogue group at ${ptr}`);
  return n;
}

export function fieldNode(ptr: string): FieldNode {
  const n = fieldAt(ptr.replace(/\/\d{4}$/, ''));
  if (!n) throw new Error(`no catalogue field at ${ptr}`);
  return n;
}

/**
 * A field's printed text: the value, "无" when an optional field is empty, '' when a required one is
 * (the gap stays visible; validate reports it).
 */
export function show(view: FilingView, ptr: string, node: FieldNode = fieldNode(ptr), optional = node.optional === true): string {
  const s = fmtValue(node, view.get(ptr));
  if (s !== undefined) return s;
  return optional ? NONE : '';
}

/** A field's value with its unit: "18.60 平方公里", "24.04%". Empty → ''. */
export function withUnit(text: string, unit: string | undefined): string {
  if (!text || text === NONE || !unit) return text;
  return unit === '%' ? `${text}%` : `${text}${unit}`;
}

/** Characters as the form counts them (whitespace excluded). */
export function charLength(s: string): number {
  return [...s.replace(/\s+/g, '')].length;
}
