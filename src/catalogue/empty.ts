import { FORM } from './form.js';
import type { FieldNode, FilingKind, Node, YearsKind } from './types.js';

export interface YearsLike {
  dataYears: readonly number[];
  targetYear: number;
  /** Which sections: an application's (the default) or a review's. */
  kind?: FilingKind;
}

export function yearsOfKind(kind: YearsKind, y: YearsLike): number[] {
  const base = y.dataYears[y.dataYears.length - 1]!;
  const plan: number[] = [];
  for (let k = base + 1; k <= y.targetYear; k++) plan.push(k);
  switch (kind) {
    case 'data':
    case 'data+prior':
      return [...y.dataYears];
    case 'plan':
      return plan;
    case 'interim':
      return plan.slice(0, -1);
    case 'data-interim':
      return y.dataYears.slice(0, -1);
  }
}

function emptyField(n: FieldNode, y: YearsLike): unknown {
  if (n.years) return Object.fromEntries(yearsOfKind(n.years, y).map((k) => [String(k), null]));
  if (n.type === 'boolean') return false;
  if (n.type === 'names' || n.type === 'evidence') return [];
  return null;
}

function emptyNodes(nodes: readonly Node[], y: YearsLike): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const n of nodes) {
    if (n.kind === 'field') o[n.key] = emptyField(n, y);
    else if (n.kind === 'group') o[n.key] = emptyNodes(n.children, y);
    else o[n.key] = [];
  }
  return o;
}

/** A filing with every key of the form present and every value empty: what `init` writes. */
export function emptyFiling(y: YearsLike): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const s of FORM) if (!s.filing || s.filing === (y.kind ?? 'application')) o[s.key] = emptyNodes(s.children, y);
  return o;
}

/** Deep-merges `data` over the empty filing, so absent checklist items read as unticked, etc. */
export function completeFiling(data: Record<string, unknown>, y: YearsLike): Record<string, unknown> {
  const merge = (base: unknown, over: unknown): unknown => {
    if (over === undefined) return base;
    if (base && typeof base === 'object' && !Array.isArray(base) && over && typeof over === 'object' && !Array.isArray(over)) {
      const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
      for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge((base as Record<string, unknown>)[k], v);
      return out;
    }
    return over;
  };
  return merge(emptyFiling(y), data) as Record<string, unknown>;
}

/**
 * True for a filing with nothing filled in (what `init` writes): no text, no number, no tick. Its forms
 * print as a blank form to fill in by hand.
 */
export function isBlankFiling(data: unknown): boolean {
  if (data === null || data === undefined || data === false) return true;
  if (typeof data === 'string') return data.trim() === '';
  if (typeof data === 'number' || data === true) return false;
  if (Array.isArray(data)) return data.every(isBlankFiling);
  if (typeof data === 'object') return Object.values(data as Record<string, unknown>).every(isBlankFiling);
  return true;
}

