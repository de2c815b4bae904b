/** The Node host's evidence check (see Host.checkEvidence): the file system, links resolved. */
import { lstatSync, realpathSync, statSync, accessSync, constants } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep, win32, posix } from 'node:path';

import type { EvidenceCheck, RealDirCache } from './host.js';

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

/** The last folder resolved: a filing's references are checked one after another against one folder. */
let lastDir = '';
let lastRoot = '';

/**
 * root + ref without path.resolve's normalising, when there is nothing to normalise (no ".", "..",
 * empty segment or backslash; POSIX separators): most references, and resolve() was a tenth of batch
 * validation (#18). undefined otherwise.
 */
function simpleJoin(root: string, ref: string): string | undefined {
  if (sep !== '/' || root.endsWith('/') || ref.includes('\\') || ref.includes('//') || ref.endsWith('/')) return undefined;
  for (const seg of ref.split('/')) if (seg === '.' || seg === '..' || seg === '') return undefined;
  return root + '/' + ref;
}

// A RealDirCache holds real paths of folders, for checking many references of one filing at once (a
// filing has ~50 evidence files in a few folders; resolving every path in full dominated batch
// validation). Make one per check run: it is not refreshed.

function realDir(dir: string, cache: RealDirCache | undefined): string {
  let r = cache?.get(dir);
  if (r === undefined) {
    r = realpathSync.native(dir);
    cache?.set(dir, r);
  }
  return r;
}

/**
 * Resolves an evidence reference against the filing's folder: it must be relative, stay inside
 * the folder (no `..` escape, no symlink leading out), and name a non-empty readable file.
 */
export function checkEvidenceNode(dir: string, ref: string, cache?: RealDirCache): EvidenceCheck {
  if (isAbsolute(ref) || win32.isAbsolute(ref) || posix.isAbsolute(ref) || /^[a-zA-Z]:/.test(ref)) return { ref, problem: 'absolute' };
  const root = !isAbsolute(dir) ? resolve(dir) : dir === lastDir ? lastRoot : ((lastDir = dir), (lastRoot = resolve(dir)));
  const joined = simpleJoin(root, ref);
  const target = joined ?? resolve(root, ref.replace(/\\/g, '/'));
  if (joined === undefined && !inside(root, target)) return { ref, problem: 'outside' };
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return { ref, problem: 'missing' };
  }
  // The real path: a link resolved itself, a file through its folder's real path.
  let real: string;
  try {
    real = st.isSymbolicLink() ? realpathSync.native(target) : join(realDir(dirname(target), cache), basename(target));
  } catch {
    return { ref, problem: 'missing' };
  }
  if (st.isSymbolicLink() || real !== target) {
    let realRoot = root;
    try {
      realRoot = realDir(root, cache);
    } catch {
      /* keep root */
    }
    if (!inside(realRoot, real)) return { ref, problem: 'linkOutside' };
  }
  // Not a link: lstat already describes the file itself.
  const s = st.isSymbolicLink() ? statSync(real) : st;
  if (!s.isFile()) return { ref, problem: 'notFile' };
  if (s.size === 0) return { ref, problem: 'empty' };
  // Readable by owner, group and others (0444, as saved files are) needs no access() call: half of the
  // evidence check's system calls in batch validation (#18). Anything stricter is asked.
  if ((s.mode & 0o444) !== 0o444) {
    try {
      accessSync(real, constants.R_OK);
    } catch {
      return { ref, problem: 'unreadable' };
    }
  }
  return { ref, abs: real, size: s.size, dev: s.dev, ino: s.ino };
}
