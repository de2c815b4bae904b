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

/** The plain definition (the scan nthRoot did before #18's walk): every candidate y ± 4 ulps compared exactly. */
function plainRoot(x: number, n: number, guess?: number): number {
  if (!(x > 0) || !Number.isFinite(x) || !Number.isInteger(n) || n < 1 || n > 16) return Math.pow(x, 1 / n);
  if (n === 1) return x;
  if (n === 2 && guess === undefined) return Math.sqrt(x);
  let y = guess ?? Math.pow(x, 1 / n);
  const pow = (b: number, k: number) => {
    let p = 1;
    for (let i = 0; i < k; i++) p *= b;
    return p;
  };
  for (let i = 0; i < 3; i++) y = y - (pow(y, n) - x) / (n * pow(y, n - 1));
  const dv = new DataView(new ArrayBuffer(8));
  const parts = (v: number): [bigint, number] => {
    dv.setFloat64(0, v);
    const bits = dv.getBigUint64(0);
    const e = Number((bits >> 52n) & 0x7ffn);
    const f = bits & ((1n << 52n) - 1n);
    return e === 0 ? [f, -1074] : [f | (1n << 52n), e - 1075];
  };
  // |c^n − x| as an exact rational with a common power-of-two denominator
  const [mx, ex] = parts(x);
  const err = (c: number): [bigint, number] => {
    const [m, e] = parts(c);
    const base = Math.min(e * n, ex);
    const a = m ** BigInt(n) << BigInt(e * n - base);
    const b = mx << BigInt(ex - base);
    return [a > b ? a - b : b - a, base];
  };
  const cmp = (p: [bigint, number], q: [bigint, number]) => {
    const base = Math.min(p[1], q[1]);
    const a = p[0] << BigInt(p[1] - base);
    const b = q[0] << BigInt(q[1] - base);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  let best = y;
  let bestErr = err(y);
  for (let k = -4; k <= 4; k++) {
    if (k === 0) continue;
    const c = nudge(y, k);
    const e = err(c);
    const o = cmp(e, bestErr);
    if (o < 0 || (o === 0 && c < best)) {
      best = c;
      bestErr = e;
    }
  }
  return best;
}

describe('nthRoot: the walk to the sign change picks what comparing all nine candidates picks', () => {
  it('over magnitudes, orders and guesses up to 8 ulps off', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), fc.integer({ min: 1, max: 1_000_000 }).map((k) => k * k * k)),
        fc.integer({ min: 1, max: 16 }),
        fc.option(fc.integer({ min: -8, max: 8 })),
        (x, n, k) => {
          const guess = k === null ? undefined : nudge(Math.pow(x, 1 / n), k);
          expect(nthRoot(x, n, guess)).toBe(plainRoot(x, n, guess));
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('exact powers, the example rates and out-of-range input', () => {
    for (let b = 1; b <= 300; b++) for (let n = 2; n <= 6; n++) expect(nthRoot(b ** n, n)).toBe(plainRoot(b ** n, n));
    for (const [x, n] of [[289.3 / 151.6, 3], [1.5, 2], [0.5, 3], [2, 16], [-1, 3], [0, 3], [Infinity, 3], [NaN, 2], [8, 2.5], [8, 17]] as const) {
      expect(Object.is(nthRoot(x, n), plainRoot(x, n))).toBe(true);
    }
    // guesses far off or at the ends of the doubles (zero, negative, infinite) take the scan
    for (const g of [0, -1, Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 1e-300]) expect(Object.is(nthRoot(27, 3, g), plainRoot(27, 3, g))).toBe(true);
  });
});
