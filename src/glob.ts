/**
 * Glob patterns as .gitignore/ESLint users write them, matched against '/'-separated relative paths:
 * `*` and `?` within one segment, `**` across segments, `[abc]`, `{a,b}`. Pure: no file system.
 * Windows shells do not expand globs, so the tool does (see io.ts).
 */

/** Whether the argument contains glob syntax (an existing file of that exact name is taken literally by the caller). */
export function isGlob(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}

const cache = new Map<string, RegExp>();

/** A pattern without '/' matches a name at any depth (as in .gitignore); `dir/` matches the folder and all below. */
export function globToRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        const atEnd = i + 2 === p.length || p[i + 2] === '/';
        if (atStart && atEnd) {
          // '**/' = zero or more folders; a trailing '**' = everything below.
          if (i + 2 === p.length) re += '.*';
          else re += '(?:[^/]*/)*';
          i += i + 2 === p.length ? 2 : 3;
          continue;
        }
        re += '[^/]*';
        i += 2;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let body = p.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  const body = anchored ? re : `(?:.*/)?${re}`;
  const out = new RegExp(`^${body}${dirOnly ? '/.*' : '(?:/.*)?'}$`, 'u');
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, out);
  return out;
}

/** Whether a relative '/'-separated path (or anything below it) is matched by one of the patterns. */
export function matchesAny(relPath: string, patterns: readonly string[]): boolean {
  const p = relPath.replace(/\\/g, '/');
  return patterns.some((g) => globToRegExp(g).test(p));
}

/**
 * Splits a glob into the folder to start walking from (no glob syntax) and the rest:
 * `filings/**\/*.yaml` → `filings`, `**\/*.yaml`.
 */
export function globBase(pattern: string): { base: string; rest: string } {
  const segs = pattern.replace(/\\/g, '/').split('/');
  const i = segs.findIndex((s) => isGlob(s));
  if (i < 0) return { base: pattern, rest: '' };
  const base = segs.slice(0, i).join('/');
  return { base: base === '' ? (pattern.startsWith('/') ? '/' : '.') : base, rest: segs.slice(i).join('/') };
}
