import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalPlaces } from '../src/rules/form/decimals.js';

/** The plain definition: decimal places of the number as String writes it, exponent included. */
function plain(x: number): number {
  const m = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(x));
  if (!m) return 0;
  return Math.max(0, (m[1]?.length ?? 0) - (m[2] ? Number(m[2]) : 0));
}

describe('form/decimals: decimalPlaces', () => {
  it('agrees with the plain definition on any double, whole numbers and exponents included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.integer().map((k) => k / 100), fc.integer().map((k) => k / 1000), fc.double({ min: 1e20, max: 1e300 })), (x) => {
        expect(decimalPlaces(x)).toBe(plain(x));
      }),
      { numRuns: 20000 },
    );
    for (const x of [0, -0, 1, 40.5, 151.6, 0.125, 1e21, 1.5e21, 1e-7, 1.25e-7, -3.456, Number.MAX_SAFE_INTEGER, 2 ** 60, NaN, Infinity, -Infinity]) {
      expect(decimalPlaces(x)).toBe(plain(x));
    }
    expect([decimalPlaces(40.5), decimalPlaces(0.125), decimalPlaces(1e21), decimalPlaces(1.25e-7)]).toEqual([1, 3, 0, 9]);
  });
});
