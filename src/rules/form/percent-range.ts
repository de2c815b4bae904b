import { defineRule, num, type Out } from '../helpers.js';
import { values } from '../walk.js';

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
    for (const v of values(ctx.view, (l) => l.node.percent === true || (l.segments[2] === 'iipRate' && l.segments[1] === 'targets'))) {
      if (typeof v.value === 'number' && (v.value < 0 || v.value > 100)) out.push({ messageId: 'range', path: v.pointer, data: { value: num(v.value) } });
    }
    return out;
  },
);
