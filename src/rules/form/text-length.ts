import { charCount, defineRule, type Out } from '../helpers.js';
import { values } from '../walk.js';

export default defineRule(
  {
    id: 'form/text-length',
    severity: 'error',
    source: '附件1；表',
    description: {
      zh: '文字超过字数限制：集群简介300字，"(200字以内)"栏目200字，发展规划3000字（不计空白字符）',
      en: 'text over its limit: profile 300, “(200字以内)” fields 200, the plan 3000 characters (whitespace excluded)',
    },
    messages: {
      zh: { over: '「{label}」{count} 字，超过{limit}字的限制（不计空白字符）', planOver: '发展规划共 {count} 字，超过表八"(3000字以内)"的{limit}字限制（不计空白字符）' },
      en: { over: '“{label}” has {count} characters, over its limit of {limit} (whitespace excluded)', planOver: 'the plan has {count} characters, over the {limit} limit of table 8 (whitespace excluded)' },
    },
  },
  (ctx) => {
    const out: Out = [];
    const { limits } = ctx.profile;
    for (const v of values(ctx.view, (l) => l.node.maxChars !== undefined)) {
      if (typeof v.value !== 'string') continue;
      const limit = v.leaf.node.maxChars === 300 ? limits.intro : v.leaf.node.maxChars === 200 ? limits.narrative : v.leaf.node.maxChars!;
      const count = charCount(v.value);
      if (count > limit) out.push({ messageId: 'over', path: v.pointer, data: { count, limit } });
    }
    let plan = 0;
    for (const v of values(ctx.view, (l) => l.section.id === 'plan' && l.node.type === 'text')) {
      if (typeof v.value === 'string') plan += charCount(v.value);
    }
    if (plan > limits.plan) out.push({ messageId: 'planOver', path: '/plan', data: { count: plan, limit: limits.plan } });
    return out;
  },
);
