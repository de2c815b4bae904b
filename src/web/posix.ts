/**
 * POSIX path functions for the page's host (the files the user picked live under one virtual root).
 * The same results as node:path's posix functions for the inputs the core gives them.
 */
import type { PathOps } from '../host.js';

function normalize(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}

export const posix: PathOps = {
  sep: '/',
  isAbsolute: (p) => p.startsWith('/'),
  resolve(...parts) {
    let abs = '';
    for (let i = parts.length - 1; i >= 0 && !abs.startsWith('/'); i--) abs = parts[i]! + (abs ? '/' + abs : '');
    if (!abs.startsWith('/')) abs = '/' + abs;
    return '/' + normalize(abs.split('/')).join('/');
  },
  join(...parts) {
    const joined = parts.filter((p) => p !== '').join('/');
    if (joined === '') return '.';
    const n = normalize(joined.split('/')).join('/');
    return (joined.startsWith('/') ? '/' : '') + (n || (joined.startsWith('/') ? '' : '.'));
  },
  dirname(p) {
    const i = p.replace(/\/+$/, '').lastIndexOf('/');
    if (i < 0) return '.';
    return i === 0 ? '/' : p.slice(0, i);
  },
  basename(p, ext) {
    const b = p.replace(/\/+$/, '').split('/').pop() ?? '';
    return ext && b.endsWith(ext) && b !== ext ? b.slice(0, -ext.length) : b;
  },
  extname(p) {
    const b = posix.basename(p);
    const i = b.lastIndexOf('.');
    return i <= 0 ? '' : b.slice(i);
  },
  relative(from, to) {
    const a = normalize(posix.resolve(from).split('/'));
    const b = normalize(posix.resolve(to).split('/'));
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
  },
};
