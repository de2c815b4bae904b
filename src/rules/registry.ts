import type { Rule, RuleMeta } from './types.js';
import { SCHEMA_RULES } from './schema-meta.js';

/** Every catalogue rule, in the order of ../shared/spec/rules.md. */
export const RULES: Rule[] = [];

let metaIndex: Map<string, RuleMeta> | undefined;

export function allMeta(): RuleMeta[] {
  return [...SCHEMA_RULES, ...RULES.map((r) => r.meta)];
}

export function metaById(id: string): RuleMeta | undefined {
  if (!metaIndex) metaIndex = new Map(allMeta().map((m) => [m.id, m]));
  return metaIndex.get(id);
}
