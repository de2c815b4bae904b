import { defineRule, type Out } from '../helpers.js';
import { values } from '../walk.js';

import type { Leaf } from '../../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const NUMBER_LEAVES = (l: Leaf): boolean => l.node.type === 'number' && !l.node.toolOnly;

/** Decimal places of a number as written (YAML 40.50 reads as 40.5: one place). */
export function decimalPlaces(x: number): number {
  // A whole number has none, however String writes it ("1e+21"): most figures, without a string (#18).
  if (Number.isInteger(x)) return 0;
  const s = String(x);
  // Without an exponent: the digits after the point (what the expression below finds, without it).
  if (!s.includes('e')) {
    const dot = s.indexOf('.');
    return dot < 0 ? 0 : s.length - dot - 1;
  }
  const m = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(s);
  if (!m) return 0;
  const frac = m[1]?.length ?? 0;
  const exp = m[2] ? Number(m[2]) : 0;
  return Math.max(0, frac - exp);
}

export default defineRule(
  {
    id: 'form/decimals',
    severity: 'warning',
    source: '说明2',
    description: { zh: '数据小数超过2位（表上保留小数点后2位）', en: 'a figure with more than 2 decimal places (the form prints 2)' },
    messages: {
      zh: { tooMany: '「{label}」{value} 有 {places} 位小数：填报说明2要求保留小数点后2位' },
      en: { tooMany: '“{label}” {value} has {places} decimal places: filling rule 2 keeps 2' },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const v of values(ctx.view, NUMBER_LEAVES)) {
      if (typeof v.value !== 'number') continue;
      const places = decimalPlaces(v.value);
      if (places > 2) out.push({ messageId: 'tooMany', path: v.pointer, data: { value: String(v.value), places } });
    }
    return out;
  },
);
