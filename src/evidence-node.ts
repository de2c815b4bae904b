/** The Node host's evidence check (see Host.checkEvidence): the file system, links resolved. */
import { lstatSync, realpathSync, statSync, accessSync, constants } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

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
 * validation (#18). undefined otherwise. Scanned in place: splitting allocated a list per reference.
 */
function simpleJoin(root: string, ref: string): string | undefined {
  if (sep !== '/' || root.endsWith('/') || ref.includes('\\')) return undefined;
  for (let start = 0; ; ) {
    const slash = ref.indexOf('/', start);
    const end = slash < 0 ? ref.length : slash;
    const len = end - start;
    if (len === 0) return undefined; // an empty segment ("a//b", "a/", "")
    if (ref.charCodeAt(start) === 0x2e /* . */ && (len === 1 || (len === 2 && ref.charCodeAt(start + 1) === 0x2e))) return undefined;
    if (slash < 0) return root + '/' + ref;
    start = slash + 1;
  }
}

/**
 * The reference is absolute on POSIX or Windows ("/x", "\\x", "C:\\x") or names a drive ("C:x"):
 * path.isAbsolute, win32.isAbsolute and posix.isAbsolute together with /^[a-zA-Z]:/, in one look.
 */
function absoluteRef(ref: string): boolean {
  const c = ref.charCodeAt(0);
  if (c === 0x2f /* / */ || c === 0x5c /* \ */) return true;
  return ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) && ref.charCodeAt(1) === 0x3a /* : */;
}

/** A real folder (normalised by realpath) and a file name: path.join's normalising was a fifth of validate's start-up. */
function joinReal(dir: string, name: string): string {
  return sep === '/' ? (dir.endsWith('/') ? dir + name : dir + '/' + name) : join(dir, name);
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
 * The real path of `folder`, `root` itself or a folder below it reached without ".", ".." or empty
 * segments: the real root, and below it each folder that is no link joined to its parent's real path
 * (one lstat each, cached), instead of a realpath of every folder, which resolves the whole path again
 * (~7 us each against ~2.5 us for an lstat here, #18). A link, or anything but a folder, is resolved by
 * realpath as before (which throws for what is missing).
 */
function realFolder(root: string, folder: string, cache: RealDirCache | undefined): string {
  // Without a cache (one reference checked alone, as pack does) one realpath is cheaper than the walk.
  if (!cache || folder.length <= root.length) return realDir(folder, cache);
  const hit = cache.get(folder);
  if (hit !== undefined) return hit;
  const slash = folder.lastIndexOf('/');
  const parent = realFolder(root, folder.slice(0, slash), cache);
  const st = lstatSync(folder, NO_THROW);
  const real = st && st.isDirectory() ? joinReal(parent, folder.slice(slash + 1)) : realpathSync.native(folder);
  cache.set(folder, real);
  return real;
}

/**
 * Per cache, the folder met last and whether it is its own real path: a filing's references come a
 * folder at a time, and hashing each reference's folder path for the cache was a cost of its own.
 */
const lastOf = new WeakMap<RealDirCache, { dir: string; real: string }>();

/** Without an exception for a missing file (most of a check's cost when many are missing). */
const NO_THROW = { throwIfNoEntry: false } as const;

/**
 * Resolves an evidence reference against the filing's folder: it must be relative, stay inside
 * the folder (no `..` escape, no symlink leading out), and name a non-empty readable file.
 */
export function checkEvidenceNode(dir: string, ref: string, cache?: RealDirCache): EvidenceCheck {
  if (absoluteRef(ref)) return { ref, problem: 'absolute' };
  const root = !isAbsolute(dir) ? resolve(dir) : dir === lastDir ? lastRoot : ((lastDir = dir), (lastRoot = resolve(dir)));
  const joined = simpleJoin(root, ref);
  const target = joined ?? resolve(root, ref.replace(/\\/g, '/'));
  if (joined === undefined && !inside(root, target)) return { ref, problem: 'outside' };
  let st;
  try {
    st = lstatSync(target, NO_THROW);
  } catch {
    st = undefined;
  }
  if (!st) return { ref, problem: 'missing' };
  const link = st.isSymbolicLink();
  // The real path: a link resolved itself, a file through its folder's real path.
  let real: string;
  try {
    if (link) real = realpathSync.native(target);
    else if (joined !== undefined) {
      // root + '/' + ref with no empty, "." or ".." segment: the folder is everything before the last '/'.
      const slash = target.lastIndexOf('/');
      let last = cache ? lastOf.get(cache) : undefined;
      // The folder met last, compared in place (a sliced copy per reference was most of this branch).
      if (!last || last.dir.length !== slash || !target.startsWith(last.dir)) {
        const folder = target.slice(0, slash);
        last = { dir: folder, real: realFolder(root, folder, cache) };
        if (cache) lastOf.set(cache, last);
      }
      real = last.real === last.dir ? target : joinReal(last.real, target.slice(slash + 1));
    } else real = joinReal(realDir(dirname(target), cache), basename(target));
  } catch {
    return { ref, problem: 'missing' };
  }
  if (link || real !== target) {
    let realRoot = root;
    try {
      realRoot = realDir(root, cache);
    } catch {
      /* keep root */
    }
    if (!inside(realRoot, real)) return { ref, problem: 'linkOutside' };
  }
  // Not a link: lstat already describes the file itself.
  const s = link ? statSync(real) : st;
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
