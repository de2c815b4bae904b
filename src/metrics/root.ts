/**
 * The n-th root of x, the same double on every JavaScript engine. Math.pow is not: V8 in Node 20 and in
 * current Chromium differ in the last bits of (289.3 / 151.6) ** (1/3), so the page and the CLI printed
 * different growth rates in their JSON. Only +, −, ×, ÷ and comparisons are used (IEEE 754 makes those
 * exact-rounded everywhere): Newton's method from a guess, then the double among the guess's
 * neighbours whose n-th power is nearest to x (ties to the smaller), whatever the guess was.
 */
const buf = new DataView(new ArrayBuffer(8));

function step(x: number, dir: 1 | -1): number {
  // The adjacent double (x > 0): its bit pattern plus or minus one.
  buf.setFloat64(0, x);
  buf.setBigUint64(0, buf.getBigUint64(0) + BigInt(dir));
  return buf.getFloat64(0);
}

function power(y: number, n: number): number {
  let p = 1;
  for (let i = 0; i < n; i++) p *= y;
  return p;
}

/** x^(1/n) for x > 0 and a whole n ≥ 1; NaN otherwise (as Math.pow gives for the cases metrics meet). */
export function nthRoot(x: number, n: number, guess?: number): number {
  if (!(x > 0) || !Number.isFinite(x) || !Number.isInteger(n) || n < 1 || n > 64) return Math.pow(x, 1 / n);
  if (n === 1) return x;
  let y = guess ?? Math.pow(x, 1 / n); // any engine's guess: the result does not depend on its last bits
  for (let i = 0; i < 4; i++) y = y - (power(y, n) - x) / (n * power(y, n - 1));
  let best = y;
  let bestErr = Math.abs(power(y, n) - x);
  let lo = y;
  let hi = y;
  for (let i = 0; i < 6; i++) {
    lo = step(lo, -1);
    hi = step(hi, 1);
    for (const c of [lo, hi]) {
      const e = Math.abs(power(c, n) - x);
      if (e < bestErr || (e === bestErr && c < best)) {
        best = c;
        bestErr = e;
      }
    }
  }
  return best;
}
