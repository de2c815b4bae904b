import { defineRule, num, type Out } from '../helpers.js';
import { values } from '../walk.js';

import type { Leaf } from '../../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const PERCENT_LEAVES = (l: Leaf): boolean => l.node.percent === true || (l.segments[2] === 'iipRate' && l.segments[1] === 'targets');

export default defineRule(
  {
    id: 'form/percent-range',
    severity: 'error',
    source: '—',
    description: { zh: '比例、普及率等百分数不在 0–100 之间', en: 'a share or rate outside 0–100' },
    messages: {
      zh: { range: '「{label}」为 {value}%，百分比应在 0 到 100 之间' },
      en: { range: '“{label}” is {value}%; a percentage lies between 0 and 100' },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const v of values(ctx.view, PERCENT_LEAVES)) {
      if (typeof v.value === 'number' && (v.value < 0 || v.value > 100)) out.push({ messageId: 'range', path: v.pointer, data: { value: num(v.value) } });
    }
    return out;
  },
);
