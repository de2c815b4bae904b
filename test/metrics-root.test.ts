import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nthRoot } from '../src/metrics/root.js';

/** A double a few units in the last place away (what another engine's Math.pow may return). */
function nudge(y: number, ulps: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, y);
  v.setBigUint64(0, v.getBigUint64(0) + BigInt(ulps));
  return v.getFloat64(0);
}

describe('nthRoot: the same double whatever Math.pow the engine has', () => {
  it('does not depend on the last bits of the first guess', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: -3, max: 3 }), (x, n, k) => {
        const exact = nthRoot(x, n);
        expect(nthRoot(x, n, nudge(Math.pow(x, 1 / n), k))).toBe(exact);
        expect(Math.abs(exact - Math.pow(x, 1 / n)) / exact).toBeLessThan(1e-15);
      }),
      { numRuns: 2000 },
    );
  });

  it('the example growth rate', () => {
    expect(nthRoot(289.3 / 151.6, 3)).toBe(1.2403656885468597);
    expect(nthRoot(4, 2)).toBe(2);
    expect(nthRoot(27, 3)).toBe(3);
  });
});
