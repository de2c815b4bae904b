/**
 * One escape for every string that came from outside (a filing, a workbook cell, a package's entry
 * names and manifest fields, a file name) before it reaches a terminal, a CI log or a report.
 *
 * What is escaped, shown as `\u001b` (so a reader sees that something was there and what):
 * - C0 controls U+0000–U+001F (ESC starts terminal sequences; CR and BS overwrite what is shown),
 * - DEL and the C1 controls U+007F–U+009F (U+009B is a one-character CSI on some terminals),
 * - the Unicode bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
 *   which reorder what a reader sees without changing the bytes ("Trojan source"),
 * - U+2028/U+2029 (line and paragraph separators some viewers break lines on).
 *
 * Pure: no I/O. Every face uses it: the text, JSON, SARIF, JUnit and GitHub formatters, the CLI's
 * error line, pack and verify output.
 */

// eslint-disable-next-line no-control-regex
const ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const ALL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves raw (it already escapes U+0000–U+001F).
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function u(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * For a value printed on one line (a file or entry name, a cluster name, a key, a cell): every
 * control character escaped, newline and tab included, so a value can never fake another line.
 */
export function escapeControls(s: string): string {
  return String(s).replace(ALL, u);
}

/**
 * For a message of our own wording that may span lines: as `escapeControls`, but newline and tab
 * kept. Values interpolated into it should already have gone through `escapeControls`.
 */
export function escapeMessage(s: string): string {
  return String(s).replace(ALL_BUT_LINES, u);
}

/** True when `s` holds anything `escapeControls` would change. */
export function hasControls(s: string): boolean {
  ALL.lastIndex = 0;
  const r = ALL.test(s);
  ALL.lastIndex = 0;
  return r;
}

/**
 * JSON text safe to `cat` to a terminal: the characters JSON.stringify leaves raw (DEL, C1, bidi,
 * U+2028/9) written as `\uXXXX` escapes. The JSON value is unchanged: a parser reads the same
 * strings back. Escapes only inside strings are possible, since none of these is JSON syntax.
 */
export function jsonSafe(jsonText: string): string {
  return jsonText.replace(JSON_RAW, u);
}

/** `JSON.stringify` + `jsonSafe`. */
export function stringifySafe(value: unknown, indent?: number): string {
  return jsonSafe(JSON.stringify(value, null, indent));
}

/** A figure as we write it (`-3.68`, `+14.04`, `12%`): not a formula, left as Excel reads it. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)%?$/;

/**
 * One CSV cell (RFC 4180) for a file opened in Excel or `cat` to a terminal — the one rule of every
 * CSV we write (compare, the 材料清单): control characters escaped as in `escapeMessage` (a line
 * break stays inside the quoted cell), a cell Excel would run as a formula (first character
 * `=`, `+`, `-`, `@`, tab; not a plain number) prefixed with `'`, then quoted when it holds a comma,
 * a quote or a line break (quotes doubled).
 */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = escapeMessage(String(v));
  if (/^[=+\-@\t]/.test(s) && !PLAIN_NUMBER.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
