import { defineRule, type Out } from '../helpers.js';
import { pointerOfSegments, segmentsOf, yearsOf } from '../walk.js';
import { leaves, type Leaf } from '../../catalogue/index.js';

/** What to write instead of a blank: "无" (说明2), never 0 — a 0 would claim a figure (a 0% rate, no growth). */
function what(type: string): { what: string; whatEn: string } {
  if (type === 'choice') return { what: '请选择一项', whatEn: 'one of the options' };
  if (type === 'number' || type === 'integer') return { what: '应填写"无"（不要填 0：0 表示有数据且为零）', whatEn: '“无” (not 0, which would claim a figure of zero)' };
  return { what: '应填写"无"', whatEn: '“无”' };
}

function empty(v: unknown): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** getAt(root, segments.slice(0, -1)) without copying the segments. */
function parentAt(root: unknown, segments: readonly string[]): unknown {
  let cur: unknown = root;
  for (let i = 0; i < segments.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[segments[i]!];
  }
  return cur;
}

let requiredCache: Leaf[] | undefined;

/** The leaves that must be filled: the same for every filing, so chosen once per process (#18). */
function requiredLeaves(): Leaf[] {
  return (requiredCache ??= leaves().filter((leaf) => {
    const n = leaf.node;
    if (n.optional || n.toolOnly || n.type === 'boolean' || n.type === 'names' || n.type === 'evidence') return false;
    // Inside a checklist item nothing is required; in an array row everything is.
    return !leaf.ancestors.some((a) => a.kind === 'group' && a.role === 'item');
  }));
}

export default defineRule(
  {
    id: 'form/required',
    severity: 'error',
    source: '说明2',
    description: { zh: '必填栏目为空（无相关情况时应填写"无"，数值栏目同样填"无"，不要填 0）', en: 'a required field is empty (write “无” when there is nothing to report, in figure fields too, never 0)' },
    messages: {
      zh: { empty: '「{label}」为空：必填栏目不得空缺，无相关情况时{what}', emptyYear: '「{label}」{year}年为空：必填栏目不得空缺，无相关情况时{what}' },
      en: { empty: '“{label}” is empty: required fields must be filled ({whatEn} when there is nothing to report)', emptyYear: '“{label}” is empty for {year}: required fields must be filled ({whatEn} when there is nothing to report)' },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const leaf of requiredLeaves()) {
      const n = leaf.node;
      for (const segs of segmentsOf(ctx.view, leaf)) {
        // Read by segments, not by pointer text: this rule visits every field of every filing (#18).
        const parent = parentAt(ctx.view.data, segs);
        if (parent === undefined) continue;
        const v = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[segs[segs.length - 1]!] : undefined;
        if (n.years) {
          if (!v || typeof v !== 'object' || Array.isArray(v)) continue; // schema reports a missing or malformed map
          const map = v as Record<string, unknown>;
          for (const y of yearsOf(leaf, ctx.profile).required) {
            if (String(y) in map && empty(map[String(y)])) out.push({ messageId: 'emptyYear', path: `${pointerOfSegments(segs)}/${y}`, data: { year: y, ...what(n.type) } });
          }
        } else if (v !== undefined && empty(v)) {
          out.push({ messageId: 'empty', path: pointerOfSegments(segs), data: what(n.type) });
        }
      }
    }
    return out;
  },
);
