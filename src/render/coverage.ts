/**
 * Which characters the PDF font can draw. The default font's coverage is precomputed at build
 * time (dist/render/coverage.json, ~6 KB of ranges), so `validate` can warn about characters
 * that would print as blank boxes without parsing a 15 MB font at start-up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isSpace } from '../wordcount.js';

export type Ranges = Array<[number, number]>;

const require_ = createRequire(import.meta.url);

export function defaultFontPaths(): { regular: string; bold: string } {
  const pkg = require_.resolve('@expo-google-fonts/noto-serif-sc/package.json');
  const dir = pkg.slice(0, -'package.json'.length);
  return { regular: dir + '400Regular/NotoSerifSC_400Regular.ttf', bold: dir + '700Bold/NotoSerifSC_700Bold.ttf' };
}

export function toRanges(codePoints: Iterable<number>): Ranges {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const ranges: Ranges = [];
  for (const c of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else ranges.push([c, c]);
  }
  return ranges;
}

export function inRanges(ranges: Ranges, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Code points of a font file (TTF/OTF; for a .ttc give `path#PostScriptName`). */
export function fontRanges(path: string): Ranges {
  const fontkit = require_('fontkit') as { openSync(p: string, name?: string): { characterSet: number[] } };
  const [file, name] = path.split('#') as [string, string | undefined];
  return toRanges(fontkit.openSync(file, name).characterSet);
}

let cached: Ranges | undefined;

/** Coverage of the default font (regular and bold faces together). */
export function defaultCoverage(): Ranges {
  if (cached) return cached;
  const pre = fileURLToPath(new URL('./coverage.json', import.meta.url));
  if (existsSync(pre)) cached = JSON.parse(readFileSync(pre, 'utf8')) as Ranges;
  else {
    const { regular, bold } = defaultFontPaths();
    const r = fontRanges(regular);
    const b = new Set<number>();
    for (const [x, y] of fontRanges(bold)) for (let c = x; c <= y; c++) b.add(c);
    // A character must be in both faces: headings use bold, body text regular.
    cached = toRanges([...b].filter((c) => inRanges(r, c)));
  }
  return cached;
}

/** Characters of `text` the font cannot draw (whitespace and control characters ignored). */
/** Per coverage, the answer for each BMP code point once looked up (0 not yet, 1 drawn, 2 missing). */
const bmpMemo = new WeakMap<Ranges, Uint8Array>();

export function missingChars(text: string, ranges: Ranges): string[] {
  let memo = bmpMemo.get(ranges);
  if (!memo) bmpMemo.set(ranges, (memo = new Uint8Array(0x10000)));
  let out: Set<string> | undefined;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (cp < 0x20 || isSpace(cp)) continue;
    let known = cp <= 0xffff ? memo[cp]! : 0;
    if (known === 0) {
      known = inRanges(ranges, cp) ? 1 : 2;
      if (cp <= 0xffff) memo[cp] = known;
    }
    if (known === 2) (out ??= new Set()).add(String.fromCodePoint(cp));
  }
  return out ? [...out] : [];
}
