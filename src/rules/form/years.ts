import { defineRule, type Out } from '../helpers.js';
import { isYearKey, pointersOf, yearsOf } from '../walk.js';
import { leaves } from '../../catalogue/index.js';

export default defineRule(
  {
    id: 'form/years',
    severity: 'error',
    source: '说明6',
    description: { zh: '按年度填报的数据缺少本轮的数据年度，或含有本轮以外的年度', en: 'per-year data missing a year of the round, or keyed by a year the round does not use' },
    messages: {
      zh: {
        missing: '「{label}」缺少{year}年的数据（本轮数据年度：{years}）',
        unknown: '「{label}」含有{year}年的数据，不属于本轮（{profile}）的年度：{years}',
      },
      en: {
        missing: '“{label}” has no value for {year} (years of this round: {years})',
        unknown: '“{label}” has a value for {year}, which is not a year of this round ({profile}): {years}',
      },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const leaf of leaves()) {
      if (!leaf.node.years) continue;
      const { required, allowed } = yearsOf(leaf, ctx.profile);
      for (const p of pointersOf(ctx.view, leaf)) {
        const map = ctx.view.object(p);
        if (!map) continue;
        const keys = Object.keys(map).filter(isYearKey);
        for (const k of keys) {
          if (!allowed.includes(Number(k))) out.push({ messageId: 'unknown', path: `${p}/${k}`, data: { year: k, years: allowed.join('、'), profile: ctx.profile.id } });
        }
        if (leaf.node.optional || leaf.node.toolOnly) continue;
        for (const y of required) {
          if (!(String(y) in map)) out.push({ messageId: 'missing', path: p, data: { year: y, years: allowed.join('、') } });
        }
      }
    }
    return out;
  },
);
