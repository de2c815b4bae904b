import { getAt, leaves, pointerOf, type Leaf } from '../catalogue/index.js';
import type { Profile } from '../profile.js';
import { planYears } from '../profile.js';
import type { FilingView } from '../validate/view.js';

export interface Value {
  leaf: Leaf;
  /** Concrete JSON Pointer (array indices and year keys filled in). */
  pointer: string;
  value: unknown;
  year?: number;
}

/** The years a per-year field must have, and the years it may have. */
export function yearsOf(leaf: Leaf, profile: Profile): { required: number[]; allowed: number[] } {
  const data = profile.dataYears;
  const plan = planYears(profile);
  switch (leaf.node.years) {
    case 'data':
      return { required: leaf.node.requiredYears === 'base' ? [data[data.length - 1]!] : [...data], allowed: [...data] };
    case 'data+prior':
      return { required: [...data], allowed: [data[0]! - 1, ...data] };
    case 'plan':
      return { required: plan, allowed: plan };
    case 'interim':
      return { required: plan.slice(0, -1), allowed: plan.slice(0, -1) };
    case 'data-interim':
      return { required: [], allowed: data.slice(0, -1) };
    default:
      return { required: [], allowed: [] };
  }
}

/** pointerOf without the escaping work when no segment needs it (catalogue keys and indices never do). */
function ptr(segs: readonly string[]): string {
  for (const s of segs) if (s.includes('~') || s.includes('/')) return pointerOf(segs);
  return segs.length === 0 ? '' : '/' + segs.join('/');
}

/** Expands '*' array segments against the data. */
function expand(view: FilingView, segs: readonly string[]): string[][] {
  if (!segs.includes('*')) return [segs as string[]];
  let acc: string[][] = [[]];
  for (const s of segs) {
    if (s !== '*') {
      acc = acc.map((a) => [...a, s]);
      continue;
    }
    const next: string[][] = [];
    for (const a of acc) {
      const arr = getAt(view.data, a);
      if (Array.isArray(arr)) arr.forEach((_, i) => next.push([...a, String(i)]));
    }
    acc = next;
  }
  return acc;
}

/** Per view, each leaf's values: eleven rules ask for them, each walk was a full pass over the form (#18). */
const valuesByView = new WeakMap<FilingView, Map<Leaf, Value[]>>();

function leafValues(view: FilingView, leaf: Leaf): Value[] {
  let byLeaf = valuesByView.get(view);
  if (!byLeaf) valuesByView.set(view, (byLeaf = new Map()));
  let vals = byLeaf.get(leaf);
  if (vals) return vals;
  vals = [];
  for (const segs of expand(view, leaf.segments)) {
    const pointer = ptr(segs);
    const value = getAt(view.data, segs);
    if (leaf.node.years) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (/^\d{4}$/.test(k)) vals.push({ leaf, pointer: `${pointer}/${k}`, value: v, year: Number(k) });
        }
      }
    } else vals.push({ leaf, pointer, value });
  }
  byLeaf.set(leaf, vals);
  return vals;
}

/**
 * Every value the filing holds for a catalogue leaf (per-year maps expanded by year). The view's data
 * is not changed while rules run, so each leaf's values are looked up once per view.
 */
export function* values(view: FilingView, filter: (leaf: Leaf) => boolean = ALL): Generator<Value> {
  for (const leaf of leavesWhere(filter)) yield* leafValues(view, leaf);
}

const ALL = (): boolean => true;

/** The leaves a filter keeps, chosen once per filter function: pass a module constant, not an inline arrow. */
const chosen = new WeakMap<(leaf: Leaf) => boolean, readonly Leaf[]>();

function leavesWhere(filter: (leaf: Leaf) => boolean): readonly Leaf[] {
  let ls = chosen.get(filter);
  if (!ls) chosen.set(filter, (ls = leaves().filter(filter)));
  return ls;
}

/** Concrete pointers of a leaf (arrays expanded), whether or not a value is there. */
export function pointersOf(view: FilingView, leaf: Leaf): string[] {
  return expand(view, leaf.segments).map(ptr);
}

/** Concrete segments of a leaf (arrays expanded), whether or not a value is there. */
export function segmentsOf(view: FilingView, leaf: Leaf): readonly (readonly string[])[] {
  return expand(view, leaf.segments);
}

/** The JSON Pointer of concrete segments. */
export { ptr as pointerOfSegments };
