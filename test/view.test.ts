/**
 * FilingView.years reads a per-year map in one pass (#18): it must give exactly what its plain
 * definition gives — the four-digit keys with finite numbers, by year ascending — whatever the keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilingView } from '../src/validate/view.js';

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
