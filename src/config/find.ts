import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CliError } from '../errors.js';
import { allMeta } from '../rules/registry.js';
import { parseConfig, type ClusterConfig } from './parse.js';
import { CONFIG_FILE } from './schema.js';

const MAX_CONFIG_BYTES = 256 * 1024;
const byDir = new Map<string, ClusterConfig | null>();

function readConfig(file: string): ClusterConfig {
  const st = statSync(file);
  if (!st.isFile()) throw new CliError({ zh: `${CONFIG_FILE} 不是普通文件`, en: `${CONFIG_FILE} is not a regular file` }, file);
  if (st.size > MAX_CONFIG_BYTES) throw new CliError({ zh: `${CONFIG_FILE} 过大（上限 256 KB）`, en: `${CONFIG_FILE} too large (limit 256 KB)` }, file);
  const shown = relative(process.cwd(), file);
  return parseConfig(readFileSync(file, 'utf8'), shown.startsWith('..') ? file : shown, allMeta().map((m) => m.id));
}

/** The nearest cluster.config.yaml in `dir` or a folder above it (null: none). Cached per folder. */
export function findConfig(dir: string): ClusterConfig | null {
  const start = resolve(dir);
  const seen: string[] = [];
  let d = start;
  let found: ClusterConfig | null = null;
  for (;;) {
    const hit = byDir.get(d);
    if (hit !== undefined) {
      found = hit;
      break;
    }
    seen.push(d);
    const f = join(d, CONFIG_FILE);
    let exists = false;
    try {
      exists = statSync(f) !== undefined;
    } catch {
      exists = false;
    }
    if (exists) {
      found = readConfig(f);
      break;
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const s of seen) byDir.set(s, found);
  return found;
}

/** The config of a filing: the nearest one walking up from its folder. */
export function configFor(file: string): ClusterConfig | null {
  return findConfig(dirname(resolve(file)));
}
