import { validDate } from '../../profile.js';
import { defineRule, type Out } from '../helpers.js';
import { values } from '../walk.js';

import type { Leaf } from '../../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const DATE_LEAVES = (l: Leaf): boolean => l.node.type === 'date';

/** The schema checks a date's shape (YYYY-MM-DD, or YYYY-MM); this rule checks that the day exists. */
export default defineRule(
  {
    id: 'form/date',
    severity: 'error',
    source: '—',
    description: { zh: '日期不存在（如2024-02-30、13月）', en: 'a date that does not exist (2024-02-30, month 13)' },
    messages: {
      zh: { invalid: '「{label}」{value} 不是存在的日期（月份应为01—12，日应在该月天数以内）' },
      en: { invalid: '“{label}” {value} is not a date that exists (month 01–12, day within the month)' },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const v of values(ctx.view, DATE_LEAVES)) {
      if (typeof v.value !== 'string' || !/^\d{4}-\d{2}(-\d{2})?$/.test(v.value)) continue; // shape: schema/format
      if (!validDate(v.value, true)) out.push({ messageId: 'invalid', path: v.pointer, data: { value: v.value } });
    }
    return out;
  },
);
