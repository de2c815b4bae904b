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
  constructor(readonly data: Record<string, unknown>) {}

  get(ptr: string): unknown {
    return getAt(this.data, segs(ptr));
  }

  num(ptr: string): number | undefined {
    const v = this.get(ptr);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
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
    return this.none(ptr) ? 0 : this.num(ptr);
  }

  yearCount(ptr: string, year: number): number | undefined {
    return this.count(`${ptr}/${year}`);
  }

  str(ptr: string): string | undefined {
    const v = this.get(ptr);
    if (typeof v !== 'string') return undefined;
    const t = v.trim();
    return t === '' ? undefined : t;
  }

  /** Numeric values of a per-year map, by year, ascending; non-numbers skipped. */
  years(ptr: string): Map<number, number> {
    const v = this.get(ptr);
    const out = new Map<number, number>();
    if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => /^\d{4}$/.test(k) && typeof x === 'number' && Number.isFinite(x))
      .sort(([a], [b]) => Number(a) - Number(b));
    for (const [k, x] of entries) out.set(Number(k), x as number);
    return out;
  }

  /** The value of a per-year map for one year. */
  yearNum(ptr: string, year: number): number | undefined {
    return this.num(`${ptr}/${year}`);
  }

  yearStr(ptr: string, year: number): string | undefined {
    return this.str(`${ptr}/${year}`);
  }

  bool(ptr: string): boolean {
    return this.get(ptr) === true;
  }

  list(ptr: string): string[] {
    const v = this.get(ptr);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
  }

  object(ptr: string): Record<string, unknown> | undefined {
    const v = this.get(ptr);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  }
}
