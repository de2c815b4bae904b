import { FORM } from './form.js';
import type { ArrayNode, FieldNode, FilingKind, GroupNode, Lang, Node, SectionDef, SectionId, SectionNode } from './types.js';

export * from './types.js';
export { FORM, DECLARATION_TEXT, PLAN_MAX_CHARS } from './form.js';
export { NONE, isNone, type None } from './none.js';


/** A leaf of the catalogue with where it sits. `segments` may contain '*' for array indices. */
export interface Leaf {
  node: FieldNode;
  section: SectionDef;
  /** JSON Pointer segments from the filing root ('*' stands for an array index). */
  segments: string[];
  /** Enclosing groups/arrays, outermost first (the section itself excluded). */
  ancestors: Array<GroupNode | ArrayNode>;
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.length === 0 ? '' : '/' + segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function collect(nodes: readonly Node[], section: SectionDef, prefix: string[], ancestors: Array<GroupNode | ArrayNode>, out: Leaf[]): void {
  for (const node of nodes) {
    if (node.kind === 'field') {
      out.push({ node, section, segments: [...prefix, node.key], ancestors });
    } else if (node.kind === 'group') {
      collect(node.children, section, [...prefix, node.key], [...ancestors, node], out);
    } else {
      collect(node.item.children, section, [...prefix, node.key, '*'], [...ancestors, node], out);
    }
  }
}

let leavesCache: Leaf[] | undefined;

/** Every leaf field of the form, in the seed's order. */
export function leaves(): Leaf[] {
  if (!leavesCache) {
    const out: Leaf[] = [];
    for (const s of FORM) collect(s.children, s.section, [s.key], [], out);
    leavesCache = out;
  }
  return leavesCache;
}

/** The sections of a filing of this kind, in form order. */
export function sectionsFor(kind: FilingKind): SectionNode[] {
  return FORM.filter((s) => !s.filing || s.filing === kind);
}

/** The kind of a filing as its data shows it: a review carries its certification. */
export function filingKindOf(data: unknown): FilingKind {
  return data && typeof data === 'object' && !Array.isArray(data) && 'certification' in data ? 'review' : 'application';
}

export function sectionById(id: SectionId): SectionNode {
  const s = FORM.find((x) => x.section.id === id);
  if (!s) throw new Error(`unknown section ${id}`);
  return s;
}

const YEAR_RE = /^\d{4}$/;

export interface Resolved {
  leaf?: Leaf;
  /** The year of a per-year value, when the pointer goes into a year map. */
  year?: number;
  section?: SectionDef;
  /** The deepest catalogue node the pointer reaches (a leaf, group or array). */
  node?: Node;
  ancestors: Array<GroupNode | ArrayNode>;
}

/** Finds the catalogue node a concrete JSON Pointer refers to (or its deepest known ancestor). */
export function resolvePointer(pointer: string): Resolved {
  const segs = parsePointer(pointer);
  const sec = FORM.find((s) => s.key === segs[0]);
  if (!sec) return { ancestors: [] };
  let nodes: readonly Node[] = sec.children;
  const ancestors: Array<GroupNode | ArrayNode> = [];
  let node: Node | undefined;
  for (let i = 1; i < segs.length; i++) {
    const seg = segs[i]!;
    const next = nodes.find((n) => n.key === seg);
    if (!next) break;
    node = next;
    if (next.kind === 'field') {
      const leaf = leaves().find((l) => l.node === next);
      const ySeg = segs[i + 1];
      const year = next.years && ySeg && YEAR_RE.test(ySeg) ? Number(ySeg) : undefined;
      return { leaf, year, section: sec.section, node: next, ancestors };
    }
    ancestors.push(next);
    if (next.kind === 'group') nodes = next.children;
    else {
      // skip the array index
      i++;
      nodes = next.item.children;
    }
  }
  return { section: sec.section, node, ancestors };
}

function nodeLabel(n: Node, lang: Lang): string | undefined {
  if (n.kind === 'group' && n.direction && lang === 'zh') return `${n.direction}：${n.label}`;
  return lang === 'zh' ? n.label : n.en;
}

/**
 * The form label of a pointer as a reader finds it on the form: the row label, qualified by the
 * enclosing row where a cell alone would be ambiguous ("国家 — 主持数量").
 */
export function labelFor(pointer: string, lang: Lang = 'zh'): string {
  const r = resolvePointer(pointer);
  const parts: string[] = [];
  for (const a of r.ancestors) {
    if (a.kind === 'group' && a.role === 'object' && a.children.some((c) => c.kind === 'group' && c.role !== 'object')) continue;
    const l = nodeLabel(a, lang);
    if (l) parts.push(l);
  }
  if (r.node) {
    const l = nodeLabel(r.node, lang);
    if (l && parts[parts.length - 1] !== l) parts.push(l);
  }
  if (parts.length === 0) return r.section ? (lang === 'zh' ? r.section.title : r.section.en) : pointer;
  // Keep the two innermost parts: enough to find the cell, short enough to read.
  return parts.slice(-2).join(lang === 'zh' ? ' — ' : ' — ');
}

export function sectionOf(pointer: string): SectionDef | undefined {
  return resolvePointer(pointer).section;
}

/** Visits every node of the form depth first, with the pointer segments leading to it. */
export function walk(visit: (node: Node, segments: string[], section: SectionDef) => void): void {
  const rec = (nodes: readonly Node[], prefix: string[], section: SectionDef): void => {
    for (const n of nodes) {
      const segs = [...prefix, n.key];
      visit(n, segs, section);
      if (n.kind === 'group') rec(n.children, segs, section);
      else if (n.kind === 'array') rec(n.item.children, [...segs, '*'], section);
    }
  };
  for (const s of FORM) rec(s.children, [s.key], s.section);
}

/** Reads a value at pointer segments from a plain object. */
export function getAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[String(s)];
  }
  return cur;
}
