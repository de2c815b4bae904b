/**
 * FilingView.years reads a per-year map in one pass, and the walk expands array segments without
 * spreading (#18): both must give exactly what their plain definitions give, whatever the data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilingView } from '../src/validate/view.js';
import { getAt, leaves } from '../src/catalogue/index.js';
import { pointerOfSegments, pointersOf, segmentsOf, values } from '../src/rules/walk.js';
import { BASE_REL, FAILING_REL, clone, example } from './helpers/filing.js';

function reference(v: unknown): Array<[number, number]> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  return Object.entries(v as Record<string, unknown>)
    .filter(([k, x]) => /^\d{4}$/.test(k) && typeof x === 'number' && Number.isFinite(x))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([k, x]) => [Number(k), x as number]);
}

describe('FilingView.years', () => {
  it('agrees with the plain definition on any map (order, odd keys, odd values)', () => {
    const keys = fc.constantFrom('2021', '2020', '2023', '2022', '0999', '0123', '9999', '1000', '202', '20231', 'x', '２０２３', '-202', '2e03', 'abcd', '__proto__');
    const values = fc.oneof(fc.double(), fc.integer(), fc.constantFrom('无', null, true, [], {}, Number.NaN, Infinity, -0));
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, values), { maxLength: 10 }), (pairs) => {
        const map: Record<string, unknown> = {};
        for (const [k, x] of pairs) Object.defineProperty(map, k, { value: x, enumerable: true, configurable: true, writable: true });
        const got = [...new FilingView({ m: map }).years('/m')];
        expect(got).toEqual(reference(map));
        // Map order is part of the answer: rules and metrics read the years in turn.
        expect(got.map(([y]) => y)).toEqual(reference(map).map(([y]) => y));
      }),
      { numRuns: 3000 },
    );
    expect([...new FilingView({ m: [1, 2] }).years('/m')]).toEqual([]);
    expect([...new FilingView({ m: '2021' }).years('/m')]).toEqual([]);
  });

  it('sorts when a four-digit key that is no array index comes first', () => {
    const map = { '2021': 1, '0999': 2 } as Record<string, number>;
    // Object key order: index keys ascending, then others in insertion order: 2021 before 0999.
    expect(Object.keys(map)).toEqual(['2021', '0999']);
    expect([...new FilingView({ m: map }).years('/m')]).toEqual([
      [999, 2],
      [2021, 1],
    ]);
  });
});

describe('segmentsOf / pointersOf: array segments expanded against the data', () => {
  /** The plain definition: each '*' replaced by every index of the array found at that place. */
  function reference(data: unknown, segs: readonly string[]): string[][] {
    let acc: string[][] = [[]];
    for (const s of segs) {
      if (s !== '*') {
        acc = acc.map((a) => [...a, s]);
        continue;
      }
      const next: string[][] = [];
      for (const a of acc) {
        const arr = getAt(data, a);
        if (Array.isArray(arr)) arr.forEach((_, i) => next.push([...a, String(i)]));
      }
      acc = next;
    }
    return acc;
  }

  it('agrees with the plain definition on every catalogue leaf, for the examples and odd lists', () => {
    const starred = leaves().filter((l) => l.segments.includes('*'));
    expect(starred.length).toBeGreaterThan(5);
    const datas: unknown[] = [clone(example(BASE_REL)), clone(example(FAILING_REL))];
    // Odd lists: empty, holes, not a list, a list of lists.
    const odd = clone(example(BASE_REL)) as Record<string, unknown>;
    let seen = 0;
    for (const l of starred) {
      const first = l.segments.indexOf('*');
      const at = getAt(odd, l.segments.slice(0, first));
      if (Array.isArray(at) && at.length > 1) {
        delete at[0]; // a hole
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(0);
    datas.push(odd, { basic: [] }, {});
    let places = 0;
    for (const data of datas) {
      const view = new FilingView(data as Record<string, unknown>);
      for (const l of leaves()) {
        const want = reference(data, l.segments);
        expect(segmentsOf(view, l).map((s) => [...s]), l.segments.join('/')).toEqual(want);
        expect(pointersOf(view, l)).toEqual(want.map(pointerOfSegments));
        places += want.length;
      }
    }
    expect(places).toBeGreaterThan(1000);
  });

  it('values(): each place\'s value, per-year maps by year key, with the pointer joined as before', () => {
    let years = 0;
    for (const data of [clone(example(BASE_REL)), clone(example(FAILING_REL)), { industry: { output: { '2021': 1, x: 2, '0999': 3, '2023': '无' } } }]) {
      const view = new FilingView(data as Record<string, unknown>);
      const want: Array<[string, unknown, number | undefined]> = [];
      for (const l of leaves()) {
        for (const segs of segmentsOf(view, l)) {
          const p = pointerOfSegments(segs);
          const v = getAt(data, segs);
          if (!l.node.years) want.push([p, v, undefined]);
          else if (v && typeof v === 'object' && !Array.isArray(v)) {
            for (const k of Object.keys(v)) if (/^\d{4}$/.test(k)) want.push([`${p}/${k}`, (v as Record<string, unknown>)[k], Number(k)]);
          }
        }
      }
      const got = values(view).map((x) => [x.pointer, x.value, x.year] as [string, unknown, number | undefined]);
      expect(got).toEqual(want);
      // asked twice (the second time from the view's memo): the same
      expect(values(view).map((x) => x.pointer)).toEqual(want.map((w) => w[0]));
      years += want.filter((w) => w[2] !== undefined).length;
    }
    expect(years).toBeGreaterThan(100);
  });
});
