import { wordCount } from '../../wordcount.js';
import { defineRule, type Out } from '../helpers.js';
import { values } from '../walk.js';

import type { Leaf } from '../../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const LIMITED_LEAVES = (l: Leaf): boolean => l.node.maxChars !== undefined;
const PLAN_TEXT_LEAVES = (l: Leaf): boolean => l.section.id === 'plan' && l.node.type === 'text';

const HOW = {
  how: '按 Word/WPS 字数统计：汉字和全角标点各计1字，连续的字母或数字计1字，空白不计',
  howEn: 'counted as Word/WPS do: each CJK character or full-width mark 1, a run of letters or digits 1, whitespace 0',
};

export default defineRule(
  {
    id: 'form/text-length',
    severity: 'error',
    source: '附件1；表',
    description: {
      zh: '文字超过字数限制（按 Word/WPS 字数统计口径）：集群简介300字，"(200字以内)"栏目200字，表八发展规划全文3000字；表八定性描述栏无单独限制',
      en: 'text over its limit, counted as Word/WPS count 字数: profile 300, “(200字以内)” fields 200, table 8’s plan 3000 as a whole; no limit of its own for table 8’s qualitative cells',
    },
    messages: {
      zh: { over: '「{label}」{count} 字，超过{limit}字的限制（{how}）', planOver: '发展规划共 {count} 字，超过表八"(3000字以内)"的{limit}字限制（{how}）' },
      en: { over: '“{label}” has {count} 字, over its limit of {limit} ({howEn})', planOver: 'the plan has {count} 字, over the {limit} limit of table 8 ({howEn})' },
    },
  },
  (ctx) => {
    const out: Out = [];
    const { limits } = ctx.profile;
    for (const v of values(ctx.view, LIMITED_LEAVES)) {
      if (typeof v.value !== 'string') continue;
      const limit = v.leaf.node.maxChars === 300 ? limits.intro : v.leaf.node.maxChars === 200 ? limits.narrative : v.leaf.node.maxChars!;
      const count = wordCount(v.value);
      if (count > limit) out.push({ messageId: 'over', path: v.pointer, data: { count, limit, ...HOW } });
    }
    let plan = 0;
    for (const v of values(ctx.view, PLAN_TEXT_LEAVES)) {
      if (typeof v.value === 'string') plan += wordCount(v.value);
    }
    if (plan > limits.plan) out.push({ messageId: 'planOver', path: '/plan', data: { count: plan, limit: limits.plan, ...HOW } });
    return out;
  },
);
