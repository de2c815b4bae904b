/**
 * Finding a filing's cluster.config.yaml: the nearest one in its folder or a folder above. Through the
 * host (src/host.ts), so the CLI (the file system) and the page (the folder the user picked) walk the
 * same way and read the same config.
 */
import { matchesAny } from '../glob.js';
import { host } from '../host.js';
import { allMeta } from '../rules/registry.js';
import { parseConfig, type ClusterConfig } from './parse.js';
import { CONFIG_FILE } from './schema.js';

const MAX_CONFIG_BYTES = 256 * 1024;
const ROLE = { zh: '项目配置文件', en: 'project configuration file' };
const byDir = new Map<string, ClusterConfig | null>();

/** How a config file is named in messages: relative to the working folder when below it (as the CLI prints paths). */
let shownAs = (abs: string): string => {
  const p = host().path;
  const rel = p.relative(p.resolve(), abs);
  return rel.startsWith('..') || p.isAbsolute(rel) ? abs : rel;
};

/**
 * The page's files change with every pick: it forgets the configs read so far, and names files as the
 * user knows them (relative to the picked folder).
 */
export function resetConfigs(opts: { shown?: (abs: string) => string } = {}): void {
  byDir.clear();
  if (opts.shown) shownAs = opts.shown;
}

function readConfig(file: string): ClusterConfig {
  const text = new TextDecoder('utf-8').decode(host().readFile(file, MAX_CONFIG_BYTES, ROLE));
  return parseConfig(text, shownAs(file), allMeta().map((m) => m.id), file);
}

/** The nearest cluster.config.yaml in `dir` or a folder above it (null: none). Cached per folder. */
export function findConfig(dir: string): ClusterConfig | null {
  const p = host().path;
  const start = p.resolve(dir);
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
    const f = p.join(d, CONFIG_FILE);
    if (host().exists(f)) {
      found = readConfig(f);
      break;
    }
    const up = p.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const s of seen) byDir.set(s, found);
  return found;
}

/**
 * Whether an `ignores:` pattern of the nearest config covers `abs` (a path met in a folder walk or a
 * glob; a file named on the command line is read whatever the config says).
 */
export function ignoredByConfig(abs: string): boolean {
  const p = host().path;
  const c = findConfig(p.dirname(abs));
  if (!c || c.ignores.length === 0) return false;
  const rel = p.relative(c.dir, abs).split('\\').join('/');
  return !rel.startsWith('../') && matchesAny(rel, c.ignores);
}

/** The config of a filing: the nearest one walking up from its folder. */
export function configFor(file: string): ClusterConfig | null {
  const p = host().path;
  return findConfig(p.dirname(p.resolve(file)));
}
