/**
 * Which characters the PDF font can draw. The default font's coverage is precomputed at build
 * time (dist/render/coverage.json, ~6 KB of ranges), so `validate` can warn about characters
 * that would print as blank boxes without parsing a 15 MB font at start-up.
 */
import { host } from '../host.js';
import { isSpace } from '../wordcount.js';

export type Ranges = Array<[number, number]>;

export function defaultFontPaths(): { regular: string; bold: string } {
  const { regular, bold } = host().defaultFontFiles();
  return { regular, bold };
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
    // Indexing, not destructuring: at start-up this runs in the interpreter, where destructuring an
    // array goes through the iterator protocol.
    const r = ranges[mid]!;
    const a = r[0];
    const b = r[1];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

let cached: Ranges | undefined;

/** Coverage of the default font (regular and bold faces together): the host's, precomputed at build time. */
export function defaultCoverage(): Ranges {
  cached ??= host().fontCoverage();
  return cached;
}

/** Characters of `text` the font cannot draw (whitespace and control characters ignored). */
/**
 * Per coverage, the answer for each BMP code point once looked up: 0 not yet, 1 nothing to report (drawn,
 * or whitespace or a control character, which are ignored), 2 missing. Looked up before anything else:
 * a call per character to tell whitespace apart was most of the check (#18).
 */
const bmpMemo = new WeakMap<Ranges, Uint8Array>();

function bmpAnswer(ranges: Ranges, cp: number): 1 | 2 {
  if (cp < 0x20 || isSpace(cp)) return 1;
  return inRanges(ranges, cp) ? 1 : 2;
}

export function missingChars(text: string, ranges: Ranges): string[] {
  let memo = bmpMemo.get(ranges);
  if (!memo) bmpMemo.set(ranges, (memo = new Uint8Array(0x10000)));
  let out: Set<string> | undefined;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      cp = text.codePointAt(i)!; // a pair, or a lone high surrogate (read as itself)
      if (cp > 0xffff) {
        i++;
        if (isSpace(cp) || inRanges(ranges, cp)) continue;
        (out ??= new Set()).add(String.fromCodePoint(cp));
        continue;
      }
    }
    let known = memo[cp]!;
    if (known === 1) continue;
    if (known === 0) {
      memo[cp] = known = bmpAnswer(ranges, cp);
      if (known === 1) continue;
    }
    (out ??= new Set()).add(String.fromCodePoint(cp));
  }
  return out ? [...out] : [];
}
