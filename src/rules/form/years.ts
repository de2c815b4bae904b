import { defineRule, type Out } from '../helpers.js';
import { isYearKey, pointerOfSegments, segmentsOf, yearsOf } from '../walk.js';
import { getAt, leaves, type Leaf } from '../../catalogue/index.js';

let yearLeavesCache: Leaf[] | undefined;

/** The per-year leaves: the same for every filing, chosen once per process. */
function yearLeaves(): Leaf[] {
  return (yearLeavesCache ??= leaves().filter((leaf) => leaf.node.years));
}

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
        missing: '“{label}” has no value for {year} (years of this round: {yearsEn})',
        unknown: '“{label}” has a value for {year}, which is not a year of this round ({profile}): {yearsEn}',
      },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const leaf of yearLeaves()) {
      const { required, allowed } = yearsOf(leaf, ctx.profile);
      // Each place of the leaf read by its segments; its pointer is made only for a finding (#18).
      for (const segs of segmentsOf(ctx.view, leaf)) {
        const v = getAt(ctx.view.data, segs);
        if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
        const map = v as Record<string, unknown>;
        for (const k of Object.keys(map)) {
          if (isYearKey(k) && !allowed.includes(Number(k))) out.push({ messageId: 'unknown', path: `${pointerOfSegments(segs)}/${k}`, data: { year: k, years: allowed.join('、'), yearsEn: allowed.join(', '), profile: ctx.profile.id } });
        }
        if (leaf.node.optional || leaf.node.toolOnly) continue;
        for (const y of required) {
          if (!(String(y) in map)) out.push({ messageId: 'missing', path: pointerOfSegments(segs), data: { year: y, years: allowed.join('、'), yearsEn: allowed.join(', ') } });
        }
      }
    }
    return out;
  },
);
