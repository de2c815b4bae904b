import { InputError } from '../errors.js';

/**
 * 'UTF-16LE' / 'UTF-16BE' when the bytes are UTF-16 text: a byte-order mark, or (no mark) mostly
 * ASCII characters each followed (LE) or preceded (BE) by a zero byte.
 */
export function utf16Kind(buf: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'UTF-16LE';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'UTF-16BE';
  const n = Math.min(buf.length, 512) & ~1;
  if (n < 4) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] !== 0 && buf[i + 1] === 0) le++;
    if (buf[i] === 0 && buf[i + 1] !== 0) be++;
  }
  if (le >= (n / 2) * 0.6) return 'UTF-16LE';
  if (be >= (n / 2) * 0.6) return 'UTF-16BE';
  return undefined;
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i; // truncated sequence
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The bytes from `offset` to the end are the start of a valid multi-byte UTF-8 character, cut off. */
function truncatedAt(buf: Uint8Array, offset: number): boolean {
  const b = buf[offset]!;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
  if (need === 0 || offset + need < buf.length) return false;
  for (let i = offset + 1; i < buf.length; i++) if ((buf[i]! & 0xc0) !== 0x80) return false;
  return true;
}

function lineCol(buf: Uint8Array, offset: number): { line: number; column: number } {
  // CR, LF and CRLF each end one line (as YAML counts them).
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const b = buf[i];
    if (b === 0x0a || (b === 0x0d && buf[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder().decode(buf.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

/**
 * Decodes a filing's bytes as UTF-8 text: refuses binary data (NUL bytes) and other encodings
 * with the position of the first offending byte; strips a UTF-8 BOM.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeText(buf: Uint8Array, file: string): string {
  if (buf.length === 0) {
    throw new InputError({ zh: '文件为空', en: 'the file is empty' }, file);
  }
  const utf16 = utf16Kind(buf);
  if (utf16) {
    throw new InputError(
      {
        zh: `文件是 UTF-16 编码（${utf16}，记事本的"Unicode"）：请用编辑器"另存为 UTF-8"后重试`,
        en: `the file is UTF-16 (${utf16}, Notepad's "Unicode"): save it as UTF-8 and retry`,
      },
      file,
    );
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    const loc = lineCol(buf, nul);
    throw new InputError(
      {
        zh: `不是文本文件：第 ${loc.line} 行第 ${loc.column} 列含 NUL 字节（是否选错了文件，或文件已损坏？）`,
        en: `not a text file: NUL byte at line ${loc.line}, column ${loc.column} (wrong file, or corrupted?)`,
      },
      file,
      loc,
    );
  }
  // The native decoder validates as it decodes (the byte scan below was a tenth of loading, #18); the
  // scan runs only to say where a file it refuses goes wrong.
  try {
    let text = UTF8.decode(buf);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  } catch {
    // located below
  }
  const bad = firstInvalidUtf8(buf);
  if (bad >= 0 && truncatedAt(buf, bad)) {
    const loc = lineCol(buf, bad);
    throw new InputError(
      {
        zh: `文件末尾不完整：第 ${loc.line} 行第 ${loc.column} 列的字符只有一部分（文件可能被截断，复制或下载未完成？）`,
        en: `the file ends in the middle of a character at line ${loc.line}, column ${loc.column} (truncated? an unfinished copy or download?)`,
      },
      file,
      loc,
    );
  }
  if (bad >= 0) {
    const loc = lineCol(buf, bad);
    throw new InputError(
      {
        zh: `文件不是 UTF-8 编码（第 ${loc.line} 行第 ${loc.column} 列起无法解码，可能是 GBK/GB18030）：请用编辑器"另存为 UTF-8"后重试`,
        en: `the file is not UTF-8 (undecodable from line ${loc.line}, column ${loc.column}; GBK/GB18030?): save it as UTF-8 and retry`,
      },
      file,
      loc,
    );
  }
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}
