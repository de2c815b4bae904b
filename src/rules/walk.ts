import { getAt, leaves, pointerOf, type Leaf } from '../catalogue/index.js';
import type { Profile } from '../profile.js';
import { planYears } from '../profile.js';
import { isYearKey, type FilingView } from '../validate/view.js';

export { isYearKey };

export interface Value {
  readonly leaf: Leaf;
  /** Concrete JSON Pointer (array indices and year keys filled in). */
  readonly pointer: string;
  readonly value: unknown;
  readonly year?: number;
}

const yearsMemo = new WeakMap<Profile, Map<Leaf, { required: readonly number[]; allowed: readonly number[] }>>();

/**
 * The years a per-year field must have, and the years it may have: the same for every filing of a
 * profile, so worked out once per profile and leaf (two rules ask for each of 55 leaves per filing).
 */
export function yearsOf(leaf: Leaf, profile: Profile): { required: readonly number[]; allowed: readonly number[] } {
  let byLeaf = yearsMemo.get(profile);
  if (!byLeaf) yearsMemo.set(profile, (byLeaf = new Map()));
  let r = byLeaf.get(leaf);
  if (!r) byLeaf.set(leaf, (r = yearsOfLeaf(leaf, profile)));
  return r;
}

function yearsOfLeaf(leaf: Leaf, profile: Profile): { required: number[]; allowed: number[] } {
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

/**
 * Expands '*' array segments against the data. Every list is a copy (slice) of the catalogue's
 * segments, grown in place: lists of one kind, so V8 keeps its optimised code (spreading onto an empty
 * literal mixed two kinds of list and deoptimised it twice per batch, #18).
 */
function expand(view: FilingView, segs: readonly string[]): string[][] {
  const star = segs.indexOf('*');
  if (star < 0) return [segs as string[]];
  let acc: string[][] = [segs.slice(0, star)];
  for (let k = star; k < segs.length; k++) {
    const s = segs[k]!;
    if (s !== '*') {
      for (let j = 0; j < acc.length; j++) acc[j]!.push(s);
      continue;
    }
    const next: string[][] = [];
    for (let j = 0; j < acc.length; j++) {
      const a = acc[j]!;
      const arr = getAt(view.data, a);
      if (!Array.isArray(arr)) continue;
      for (let i = 0; i < arr.length; i++) {
        if (!(i in arr)) continue; // a hole (as forEach skipped them)
        const b = a.slice();
        b.push(String(i));
        next.push(b);
      }
    }
    acc = next;
  }
  return acc;
}

/** A leaf as the walk uses it: its place in the catalogue, and its pointer when it has no '*'. */
interface LeafInfo {
  leaf: Leaf;
  index: number;
  /** The pointer of a leaf without array segments: the same for every filing, made once. */
  pointer?: string;
  /** Its segments as segmentsOf gives them (one concrete place), made once. */
  places?: readonly (readonly string[])[];
}

function newInfo(leaf: Leaf, index: number): LeafInfo {
  return leaf.segments.includes('*') ? { leaf, index } : { leaf, index, pointer: ptr(leaf.segments), places: [leaf.segments] };
}

let infos: Map<Leaf, LeafInfo> | undefined;
function infoOf(leaf: Leaf): LeafInfo {
  if (!infos) {
    infos = new Map();
    leaves().forEach((l, index) => infos!.set(l, newInfo(l, index)));
  }
  let info = infos.get(leaf);
  if (!info) infos.set(leaf, (info = newInfo(leaf, infos.size)));
  return info;
}


/**
 * A value of a leaf. A per-year value's pointer (its map's pointer and the year) is joined when asked,
 * i.e. for a finding: a string per year value, ~450 per filing, was most of the walk's allocation (#18).
 * One class for all values, so rules read one shape.
 */
class LeafValue implements Value {
  constructor(
    readonly leaf: Leaf,
    private readonly base: string,
    private readonly key: string | undefined,
    readonly value: unknown,
    readonly year: number | undefined,
  ) {}
  get pointer(): string {
    return this.key === undefined ? this.base : `${this.base}/${this.key}`;
  }
}

function pushValues(vals: Value[], leaf: Leaf, pointer: string, value: unknown): void {
  if (leaf.node.years) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) if (isYearKey(k)) vals.push(new LeafValue(leaf, pointer, k, o[k], Number(k)));
    }
  } else vals.push(new LeafValue(leaf, pointer, undefined, value, undefined));
}

/**
 * Each leaf's values, kept on the view by the leaf's index: eleven rules ask for them, each walk was
 * a full pass over the form (#18); a WeakMap per view and a pointer joined per leaf and filing were
 * most of the walk's own cost.
 */
function leafValues(view: FilingView, info: LeafInfo): Value[] {
  const memo = (view.leafMemo ??= new Array<unknown>(leaves().length)) as Array<Value[] | undefined>;
  let vals = memo[info.index];
  if (vals) return vals;
  vals = [];
  const leaf = info.leaf;
  if (info.pointer !== undefined) pushValues(vals, leaf, info.pointer, getAt(view.data, leaf.segments));
  else for (const segs of expand(view, leaf.segments)) pushValues(vals, leaf, ptr(segs), getAt(view.data, segs));
  memo[info.index] = vals;
  return vals;
}

/**
 * Every value the filing holds for a catalogue leaf (per-year maps expanded by year), in catalogue
 * order. The view's data is not changed while rules run, so each leaf's values are looked up once per
 * view.
 */
export function values(view: FilingView, filter: (leaf: Leaf) => boolean = ALL): Value[] {
  const out: Value[] = [];
  for (const info of leavesWhere(filter)) {
    const vals = leafValues(view, info);
    for (let i = 0; i < vals.length; i++) out.push(vals[i]!);
  }
  return out;
}

const ALL = (): boolean => true;

/** The leaves a filter keeps, chosen once per filter function: pass a module constant, not an inline arrow. */
const chosen = new WeakMap<(leaf: Leaf) => boolean, readonly LeafInfo[]>();

function leavesWhere(filter: (leaf: Leaf) => boolean): readonly LeafInfo[] {
  let ls = chosen.get(filter);
  if (!ls) chosen.set(filter, (ls = leaves().filter(filter).map(infoOf)));
  return ls;
}

/** Concrete pointers of a leaf (arrays expanded), whether or not a value is there. */
export function pointersOf(view: FilingView, leaf: Leaf): string[] {
  const fixed = infoOf(leaf).pointer;
  return fixed !== undefined ? [fixed] : expand(view, leaf.segments).map(ptr);
}

/** Concrete segments of a leaf (arrays expanded), whether or not a value is there. */
export function segmentsOf(view: FilingView, leaf: Leaf): readonly (readonly string[])[] {
  // A leaf without array segments has one place, the same for every filing: no list made per call (#18).
  return infoOf(leaf).places ?? expand(view, leaf.segments);
}

/** The JSON Pointer of concrete segments. */
export { ptr as pointerOfSegments };
