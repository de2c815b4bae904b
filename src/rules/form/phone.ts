import { defineRule, type Out } from '../helpers.js';
import { values } from '../walk.js';

import type { Leaf } from '../../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const PHONE_LEAVES = (l: Leaf): boolean => l.node.type === 'phone';

/** An 11-digit mobile (+86 allowed) or a landline with its area code (0xx-xxxxxxx), extension allowed. */
export function validPhone(raw: string): boolean {
  const s = raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－—–]/g, '-')
    .replace(/[（(](0\d{2,3})[）)]/g, '$1-')
    .replace(/\s+/g, '');
  const parts = s.split(/[,，、;；/]|或/).filter(Boolean);
  return (
    parts.length > 0 &&
    parts.every((p) => {
      const core = p.replace(/(转|ext\.?|x)\d{1,6}$/i, '');
      const mobile = core.replace(/-/g, '').replace(/^\+?86/, '');
      return /^1[3-9]\d{9}$/.test(mobile) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(core);
    })
  );
}

export default defineRule(
  {
    id: 'form/phone',
    severity: 'warning',
    source: '—',
    description: { zh: '联系电话既不是11位手机号，也不是带区号的固定电话', en: 'a contact number that is neither an 11-digit mobile nor a landline with area code' },
    messages: {
      zh: { invalid: '「{label}」{value} 不像有效的电话号码：应为11位手机号或带区号的固定电话（如 0724-2345678）' },
      en: { invalid: '“{label}” {value} does not look like a phone number: an 11-digit mobile or a landline with its area code (e.g. 0724-2345678)' },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const v of values(ctx.view, PHONE_LEAVES)) {
      if (typeof v.value !== 'string' || v.value.trim() === '' || v.value.trim() === '无') continue;
      if (!validPhone(v.value)) out.push({ messageId: 'invalid', path: v.pointer, data: { value: v.value } });
    }
    return out;
  },
);
