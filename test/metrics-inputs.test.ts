/**
 * METRIC_INPUTS is what `metrics` and `render` use to say which cells a figure rests on: every
 * listed field must change its metric, and no number outside the list may change it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { computeMetrics, METRIC_IDS } from '../src/metrics/index.js';
import { METRIC_INPUTS, feeds } from '../src/metrics/inputs.js';
import { loadProfile } from '../src/profile.js';
import { FilingView } from '../src/validate/view.js';
import { ROOT } from './helpers/cli.js';

const profile = loadProfile('national-2024');
const base = parse(readFileSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml'), 'utf8')) as Record<string, unknown>;

/** Every numeric leaf of the filing, with its pointer. */
function numbers(o: unknown, at = ''): string[] {
  if (typeof o === 'number') return [at];
  if (!o || typeof o !== 'object') return [];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => numbers(v, `${at}/${k}`));
}

function changed(ptr: string, from = base): Record<string, unknown> {
  const copy = structuredClone(from);
  const segs = ptr.slice(1).split('/');
  let cur = copy as Record<string, unknown>;
  for (const s of segs.slice(0, -1)) cur = cur[s] as Record<string, unknown>;
  cur[segs[segs.length - 1]!] = (cur[segs[segs.length - 1]!] as number) * 1.37 + 1;
  return copy;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('metric inputs', () => {
  const before = computeMetrics(new FilingView(base), profile);
  const leaves = numbers(base);
  const effect = new Map(leaves.map((p) => [p, computeMetrics(new FilingView(changed(p)), profile)]));

  it.each([...METRIC_IDS])('%s: no field outside its inputs changes it', (id) => {
    for (const p of leaves) if (!feeds(id, p)) expect(same(effect.get(p)![id], before[id]), `${p} changed ${id}`).toBe(true);
  });

  it.each([...METRIC_IDS])('%s: each listed input field changes it (for some year)', (id) => {
    const inputs = METRIC_INPUTS[id];
    const primary = inputs.filter((q) => !q.endsWith('?'));
    // With the primary inputs gone, the fallbacks are what the metric rests on.
    const bare = structuredClone(base);
    for (const p of leaves) {
      if (!primary.some((q) => p === q || p.startsWith(`${q}/`)) || !inputs.some((q) => q.endsWith('?'))) continue;
      const segs = p.slice(1).split('/');
      let cur = bare as Record<string, unknown>;
      for (const s of segs.slice(0, -1)) cur = cur[s] as Record<string, unknown>;
      delete cur[segs[segs.length - 1]!];
    }
    const bareBefore = computeMetrics(new FilingView(bare), profile);
    for (const q of inputs) {
      const fallback = q.endsWith('?');
      const prefix = q.replace(/\?$/, '');
      const hits = leaves.filter((p) => p === prefix || p.startsWith(`${prefix}/`));
      if (hits.length === 0) continue; // the example leaves it out (e.g. an optional stated rate)
      const moved = (p: string) => (fallback ? !same(computeMetrics(new FilingView(changed(p, bare)), profile)[id], bareBefore[id]) : !same(effect.get(p)![id], before[id]));
      expect(hits.some(moved), `${q} does not change ${id}`).toBe(true);
    }
  });
});
