import { getAt, isNone, parsePointer } from '../catalogue/index.js';

/** Parsed pointers, shared by every view: rules read the same few hundred pointers of every filing. */
const parsed = new Map<string, readonly string[]>();

function segs(ptr: string): readonly string[] {
  let s = parsed.get(ptr);
  if (!s) {
    if (parsed.size >= 20_000) parsed.clear();
    s = parsePointer(ptr);
    parsed.set(ptr, s);
  }
  return s;
}

/**
 * Defensive, typed reads over a filing that may not have passed the schema: a value of the
 * wrong type reads as missing, so rules never throw on malformed input.
 */
export class FilingView {
  /** Each catalogue leaf's values by the leaf's index, filled as rules ask (src/rules/walk.ts). */
  leafMemo?: unknown[];
  constructor(readonly data: Record<string, unknown>) {}

  get(ptr: string): unknown {
    return getAt(this.data, segs(ptr));
  }

  /**
   * `get(`${ptr}/${key}`)` for a key holding no '/' or '~' (a year, a field name), without making and
   * looking up that pointer: rules ask thousands of such per filing, and each new string had to be
   * flattened and hashed (#18).
   */
  getIn(ptr: string, key: string | number): unknown {
    const o = this.get(ptr);
    return o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  }

  num(ptr: string): number | undefined {
    return numOf(this.get(ptr));
  }

  /** The field holds "无" (说明2: nothing to report) — a value of its own, never 0. */
  none(ptr: string): boolean {
    return isNone(this.get(ptr));
  }

  /**
   * A count (家、个、件、项、人) judged by meaning: "无" is none, i.e. 0. Only for counts: a rate or an
   * amount of "无" is "not applicable" and reads as missing through num().
   */
  count(ptr: string): number | undefined {
    return countOf(this.get(ptr));
  }

  /** count(`${ptr}/${key}`) (see getIn). */
  countIn(ptr: string, key: string): number | undefined {
    return countOf(this.getIn(ptr, key));
  }

  yearCount(ptr: string, year: number): number | undefined {
    return countOf(this.getIn(ptr, year));
  }

  str(ptr: string): string | undefined {
    return strOf(this.get(ptr));
  }

  /** Numeric values of a per-year map, by year, ascending; non-numbers skipped. */
  years(ptr: string): Map<number, number> {
    const v = this.get(ptr);
    const out = new Map<number, number>();
    if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
    // Year keys ("2021") are array-index keys, which objects list in ascending order: a map is read in
    // one pass without entry pairs, a regular expression per key or a sort (a dozen maps per filing and
    // rule, #18). Only a key such as "0999" (four digits, not an index) can come out of order: then sort.
    const o = v as Record<string, unknown>;
    let last = -1;
    let sorted = true;
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (!isYearKey(k) || typeof x !== 'number' || !Number.isFinite(x)) continue;
      const y = Number(k);
      if (y < last) sorted = false;
      last = y;
      out.set(y, x);
    }
    if (sorted) return out;
    return new Map([...out].sort(([a], [b]) => a - b));
  }

  /** The value of a per-year map for one year. */
  yearNum(ptr: string, year: number): number | undefined {
    return numOf(this.getIn(ptr, year));
  }

  yearStr(ptr: string, year: number): string | undefined {
    return strOf(this.getIn(ptr, year));
  }

  bool(ptr: string): boolean {
    return this.get(ptr) === true;
  }

  /** bool(`${ptr}/${key}`) (see getIn). */
  boolIn(ptr: string, key: string): boolean {
    return this.getIn(ptr, key) === true;
  }

  list(ptr: string): string[] {
    return listOf(this.get(ptr));
  }

  /** list(`${ptr}/${key}`) (see getIn). */
  listIn(ptr: string, key: string): string[] {
    return listOf(this.getIn(ptr, key));
  }

  /** list(`${ptr}/${key}`).length > 0, without making the list (see getIn). */
  hasListIn(ptr: string, key: string): boolean {
    const v = this.getIn(ptr, key);
    return Array.isArray(v) && v.some((x) => typeof x === 'string' && x.trim() !== '');
  }

  object(ptr: string): Record<string, unknown> | undefined {
    const v = this.get(ptr);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  }
}

/** A year key of a per-year map: four ASCII digits (as /^\d{4}$/ says, without the regular expression). */
export function isYearKey(k: string): boolean {
  if (k.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const c = k.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function numOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function countOf(v: unknown): number | undefined {
  return isNone(v) ? 0 : numOf(v);
}

function strOf(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function listOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}
