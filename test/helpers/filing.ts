/**
 * In-process validation of the example filings for the rule, metric and formatter tests:
 * parse once, deep-clone per case, mutate by JSON Pointer, validate with a fixed "today".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../src/catalogue/index.js';
import { parsePointer } from '../../src/catalogue/index.js';
import type { FileResult } from '../../src/findings.js';
import { parseYamlText } from '../../src/load/yaml.js';
import { loadProfile, type Profile } from '../../src/profile.js';
import { validateLoaded } from '../../src/validate/index.js';
import { ROOT } from './cli.js';

export type Data = Record<string, unknown>;

export const TODAY = '2024-06-01';
export const BASE_REL = 'examples/jingmen-battery/cluster.yaml';
export const FAILING_REL = 'examples/failing/cluster.yaml';

export function profile(): Profile {
  return loadProfile('national-2024');
}

export interface Example {
  /** Path relative to the repository root, forward slashes (as reports show it). */
  file: string;
  /** Absolute folder evidence resolves against. */
  dir: string;
  parsed: ReturnType<typeof parseYamlText>;
}

const cache = new Map<string, Example>();

export function example(rel: string): Example {
  const hit = cache.get(rel);
  if (hit) return hit;
  const abs = join(ROOT, rel);
  const parsed = parseYamlText(readFileSync(abs, 'utf8'), rel);
  const ex = { file: rel, dir: join(abs, '..'), parsed };
  cache.set(rel, ex);
  return ex;
}

export function clone(ex: Example = example(BASE_REL)): Data {
  return structuredClone(ex.parsed.data);
}

/** Sets the value at a JSON Pointer, creating objects on the way. */
export function setAt(data: Data, ptr: string, value: unknown): void {
  const segs = parsePointer(ptr);
  let cur = data as Record<string, unknown>;
  for (const s of segs.slice(0, -1)) {
    if (cur[s] === null || typeof cur[s] !== 'object') cur[s] = {};
    cur = cur[s] as Record<string, unknown>;
  }
  cur[segs[segs.length - 1]!] = value;
}

/** Deletes the key at a JSON Pointer (no-op when absent). */
export function deleteAt(data: Data, ptr: string): void {
  const segs = parsePointer(ptr);
  let cur: unknown = data;
  for (const s of segs.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[s];
  }
  if (cur && typeof cur === 'object') delete (cur as Record<string, unknown>)[segs[segs.length - 1]!];
}

export function getAtPtr(data: Data, ptr: string): unknown {
  let cur: unknown = data;
  for (const s of parsePointer(ptr)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

export const DELETE = Symbol('delete');
export type Patch = Record<string, unknown | typeof DELETE>;

export function applyPatch(data: Data, patch: Patch): Data {
  for (const [ptr, v] of Object.entries(patch)) {
    if (v === DELETE) deleteAt(data, ptr);
    else setAt(data, ptr, v);
  }
  return data;
}

export interface RunOptions {
  lang?: Lang;
  today?: string;
  /** Evidence folder override (defaults to the example's own folder). */
  dir?: string;
  /** A profile id or file (default national-2024). */
  profile?: string;
}

export function validateData(data: Data, opts: RunOptions = {}, ex: Example = example(BASE_REL)): Promise<FileResult> {
  return validateLoaded(
    { file: ex.file, dir: opts.dir ?? ex.dir, format: 'yaml', data, sourceMap: ex.parsed.sourceMap },
    { profile: opts.profile ? loadProfile(opts.profile) : profile(), lang: opts.lang ?? 'zh', today: opts.today ?? TODAY },
  );
}
