/**
 * Names inside the package: safe on Windows, short enough to extract under the 260-character
 * MAX_PATH limit, and still recognisable (original names are kept, shortened only when needed).
 */

/** Longest path inside the zip (UTF-16 units). With ~100 characters left for the folder the office extracts into. */
export const MAX_PATH_CHARS = 150;

const FULLWIDTH: Record<string, string> = {
  '<': '＜',
  '>': '＞',
  ':': '：',
  '"': '＂',
  '/': '／',
  '\\': '＼',
  '|': '｜',
  '?': '？',
  '*': '＊',
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * One path segment Windows can create: NFC, forbidden ASCII characters replaced by their
 * full-width forms, control and bidi characters removed, runs of white space collapsed,
 * no trailing dot or space, no reserved device name.
 */
export function safeSegment(s: string, fallback = '_'): string {
  let out = s
    .normalize('NFC')
    .replace(/[\t\n\r\f\v]/g, ' ')
    .replace(CONTROL, '')
    .replace(/[<>:"/\\|?*]/g, (c) => FULLWIDTH[c]!)
    .replace(/\s+/g, ' ')
    .trim();
  out = out.replace(/[. ]+$/, '');
  if (out === '') out = fallback;
  if (RESERVED.test(out)) out = '_' + out;
  return out;
}

/** Cuts `s` to at most `max` UTF-16 units, ending in "…" when cut; never splits a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = Math.max(0, max - 1);
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return s.slice(0, cut).replace(/[. ]+$/, '') + '…';
}

/** Splits "name.ext" (extension without the dot, '' when none). */
export function splitExt(name: string): { base: string; ext: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { base: name, ext: '' };
  const ext = name.slice(dot + 1);
  // An "extension" with spaces or very long is part of the name.
  if (ext.length > 8 || /\s/.test(ext)) return { base: name, ext: '' };
  return { base: name.slice(0, dot), ext };
}

/** A file name of at most `max` units, keeping its extension. */
export function fitFileName(name: string, max: number): string {
  if (name.length <= max) return name;
  const { base, ext } = splitExt(name);
  const tail = ext ? '.' + ext : '';
  return truncate(base, Math.max(4, max - tail.length)) + tail;
}

/** `name`, or `name (2)`, `name (3)` … (before the extension) until `taken` (lower-cased keys) lacks it. */
export function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  const { base, ext } = splitExt(name);
  for (let i = 2; ; i++) {
    const n = `${base} (${i})${ext ? '.' + ext : ''}`;
    if (!taken.has(n.toLowerCase())) return n;
  }
}

/** Two-digit item numbers: 01, 02 … 99, 100. */
export function nn(n: number): string {
  return String(n).padStart(2, '0');
}
