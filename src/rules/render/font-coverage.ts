import { defaultCoverage, missingChars } from '../../render/coverage.js';
import { defineRule, type Out } from '../helpers.js';
import { values } from '../walk.js';

import type { Leaf } from '../../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const TEXT_LEAVES = (l: Leaf): boolean => ['string', 'text', 'names', 'phone'].includes(l.node.type);

export default defineRule(
  {
    id: 'render/font-coverage',
    severity: 'warning',
    source: '—',
    description: {
      zh: '文字中有 PDF 字体无法显示的字符（生成 PDF 时为错误）',
      en: 'a character the PDF font cannot draw (an error when rendering)',
    },
    messages: {
      zh: { missing: '「{label}」中的字符 {chars} 在 PDF 字体中没有字形，打印时会显示为空白方框：请改用常用字或用 --font 指定包含该字的字体' },
      en: { missing: '“{label}” contains {chars}, which the PDF font cannot draw (a blank box in print): use another character or a font that has it (--font)' },
    },
  },
  (ctx) => {
    const ranges = defaultCoverage();
    const out: Out = [];
    for (const v of values(ctx.view, TEXT_LEAVES)) {
      let missing: Set<string> | undefined;
      const add = (t: unknown) => {
        if (typeof t === 'string') for (const c of missingChars(t, ranges)) (missing ??= new Set()).add(c);
      };
      if (Array.isArray(v.value)) v.value.forEach(add);
      else add(v.value);
      if (missing)
        out.push({ messageId: 'missing', path: v.pointer, data: { chars: [...missing].map((c) => `${c}（U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}）`).join('、') } });
    }
    return out;
  },
);
