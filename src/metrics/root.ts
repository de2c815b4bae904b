/**
 * The n-th root of x, the same double on every JavaScript engine. Math.pow is not: V8 in Node 20 and in
 * current Chromium differ in the last bits of (289.3 / 151.6) ** (1/3), so the page and the CLI printed
 * different growth rates in their JSON. Math.sqrt is exact-rounded everywhere (IEEE 754); for other n,
 * Newton's method from any engine's guess, then among the guess's neighbours the double whose n-th power
 * is nearest to x, compared exactly with BigInt (ties to the smaller), so the guess's last bits never
 * matter.
 */
const view = new DataView(new ArrayBuffer(8));

function step(x: number, dir: 1 | -1): number {
  // The adjacent double (x > 0): its bit pattern plus or minus one.
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(dir));
  return view.getFloat64(0);
}

/** x > 0 finite as m · 2^e exactly. */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? [frac, -1074] : [frac | (1n << 52n), exp - 1075];
}

/** |c^n − x| exactly, as [d, e] meaning d · 2^e; x given decomposed (the same for every candidate). */
function residual(c: number, n: number, mx: bigint, ex: number): [bigint, number] {
  const [m, e] = decompose(c);
  const ep = e * n;
  const base = Math.min(ep, ex);
  const a = m ** BigInt(n) << BigInt(ep - base);
  const b = mx << BigInt(ex - base);
  return [a > b ? a - b : b - a, base];
}

function less(p: [bigint, number], q: [bigint, number]): number {
  const base = Math.min(p[1], q[1]);
  const a = p[0] << BigInt(p[1] - base);
  const b = q[0] << BigInt(q[1] - base);
  return a < b ? -1 : a > b ? 1 : 0;
}

function power(y: number, n: number): number {
  let p = 1;
  for (let i = 0; i < n; i++) p *= y;
  return p;
}

/** c^n − x exactly, as [d, e] meaning d · 2^e (d signed); x given decomposed (the same for every candidate). */
function diff(c: number, n: number, mx: bigint, ex: number): [bigint, number] {
  const [m, e] = decompose(c);
  const ep = e * n;
  const base = Math.min(ep, ex);
  return [(m ** BigInt(n) << BigInt(ep - base)) - (mx << BigInt(ex - base)), base];
}

/** The candidates' span around the guess, in units in the last place each way. */
const ULPS = 4;

/** x^(1/n) for x > 0 and a whole n ≥ 1 (Math.pow's answer otherwise). `guess` is for tests. */
export function nthRoot(x: number, n: number, guess?: number): number {
  if (!(x > 0) || !Number.isFinite(x) || !Number.isInteger(n) || n < 1 || n > 16) return Math.pow(x, 1 / n);
  if (n === 1) return x;
  if (n === 2 && guess === undefined) return Math.sqrt(x);
  let y = guess ?? Math.pow(x, 1 / n); // any engine's guess: the result does not depend on its last bits
  for (let i = 0; i < 3; i++) y = y - (power(y, n) - x) / (n * power(y, n - 1));
  const [mx, ex] = decompose(x);
  // Among y and its ULPS neighbours each way, the one whose n-th power is nearest to x (ties: the
  // smaller). c^n − x grows with c, so |c^n − x| falls while it is negative and rises once it is not:
  // the nearest is one of the two candidates where the sign changes, found by walking from y (one or
  // two steps: y is within an ulp or so), instead of comparing all nine (#18).
  // Far from zero and infinity every candidate is a positive finite double, ascending with its bits.
  if (!(y >= 1e-300 && y <= 1e300)) return nthRootScan(y, n, mx, ex);
  let c = y;
  let d = diff(c, n, mx, ex);
  if (d[0] === 0n) return c;
  const dir = d[0] > 0n ? -1 : 1; // toward the sign change
  for (let k = 0; k < ULPS; k++) {
    const next = step(c, dir);
    const dn = diff(next, n, mx, ex);
    if (dn[0] === 0n) return next;
    if (dn[0] > 0n !== d[0] > 0n) {
      // c and next straddle x^(1/n): the nearer, or the smaller on a tie.
      const cmp = less(abs(dn), abs(d));
      if (cmp < 0) return next;
      if (cmp > 0) return c;
      return next < c ? next : c;
    }
    c = next;
    d = dn;
  }
  return c; // every candidate on one side: the last one reached is the nearest
}

function abs(p: [bigint, number]): [bigint, number] {
  return p[0] < 0n ? [-p[0], p[1]] : p;
}

/**
 * The plain definition: every candidate's distance compared (ties: the smaller). Kept for guesses at
 * the ends of the doubles (a neighbour that is zero, subnormal or infinite), where the walk's
 * reasoning about signs is not needed to hold.
 */
function nthRootScan(y: number, n: number, mx: bigint, ex: number): number {
  let best = y;
  let bestErr = residual(y, n, mx, ex);
  let lo = y;
  let hi = y;
  for (let i = 0; i < ULPS; i++) {
    lo = step(lo, -1);
    hi = step(hi, 1);
    for (const c of [lo, hi]) {
      const e = residual(c, n, mx, ex);
      const cmp = less(e, bestErr);
      if (cmp < 0 || (cmp === 0 && c < best)) {
        best = c;
        bestErr = e;
      }
    }
  }
  return best;
}
