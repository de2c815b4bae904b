/**
 * Which of the picked files are filings, and with which settings each is judged: as `cluster validate`
 * does for a folder (src/io.ts walks it with the rules of src/walk-rules.ts, and each filing gets the
 * nearest cluster.config.yaml: its profile unless one was chosen, its rule levels, its `ignores:`).
 *
 * A picked path `root/…` was found by walking the folder `root` the user picked, dropped or zipped;
 * a path without a folder is a file the user gave by itself (read as a filing by its extension, as the
 * CLI reads a file named on its command line, `ignores:` or not).
 */
import { filingByName, findConfig, headLooksLikeFiling, host, ignoredByConfig, SKIP_DIRS, SNIFF_BYTES, type ClusterConfig } from '../core.js';
import { formatOf } from '../load/index.js';

/** The walk's order: each folder's entries by name, depth first (the CLI sorts readdir by code units). */
function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

/**
 * The filings among `paths` (relative to `root`, '/'-separated), in the CLI's order. Reads the first
 * bytes of YAML/JSON files not named cluster.*, and any cluster.config.yaml on the way (a broken one
 * throws its CliError, as the CLI stops on it).
 */
export function selectFilings(root: string, paths: readonly string[]): string[] {
  const p = host().path;
  const out: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (const rel of [...paths].sort(walkOrder)) {
    const parts = rel.split('/');
    const name = parts[parts.length - 1]!;
    if (parts.length === 1) {
      if (formatOf(name) && name.toLowerCase() !== 'cluster.config.yaml' && !name.startsWith('~$')) out.push(rel);
      continue;
    }
    let skip = false;
    for (let i = 1; i < parts.length && !skip; i++) {
      const part = parts[i]!;
      const abs = p.join(root, ...parts.slice(0, i + 1));
      skip = part.startsWith('.') || ignoredByConfig(abs) || (i < parts.length - 1 && SKIP_DIRS.has(part));
    }
    if (skip) continue;
    const by = filingByName(name);
    if (by === 'no') continue;
    if (by === 'sniff') {
      const bytes = host().readFile(p.join(root, rel), Infinity);
      if (!headLooksLikeFiling(decoder.decode(bytes.subarray(0, SNIFF_BYTES)))) continue;
    }
    out.push(rel);
  }
  return out;
}

/** The settings of one filing: the chosen profile, else its config's, else the default; its config's rule levels. */
export function settingsOf(root: string, rel: string, chosen: string | undefined, fallback: string): { profile: string; config: ClusterConfig | null } {
  const p = host().path;
  const config = findConfig(p.dirname(p.join(root, rel)));
  return { profile: chosen || config?.profile || fallback, config };
}
