/**
 * Bytes without Buffer (the page has none): UTF-8, Latin-1, concatenation and little-endian fields
 * for the zip writer and reader, the manifest and the PDF scanner. Buffer is a Uint8Array, so the CLI's
 * buffers pass through unchanged.
 */
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8');

export function utf8(s: string): Uint8Array {
  return enc.encode(s);
}

/** UTF-8 decoding; invalid sequences become U+FFFD (as Buffer#toString does). */
export function fromUtf8(b: Uint8Array): string {
  return dec.decode(b);
}

/** Byte length of `s` in UTF-8, without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // BMP, or a lone surrogate (encoded as U+FFFD: 3 bytes)
  }
  return n;
}

/** Widening Latin-1 through a UTF-16LE decoder needs a little-endian platform (every one we run on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const dec16 = new TextDecoder('utf-16le');
const LATIN1_CHUNK = 32 * 1024;
let wide: Uint16Array | undefined;

/**
 * Each byte as the code point of the same value. Bytes widened to UTF-16 code units (values 0–255:
 * never a surrogate) and decoded natively: ~20× faster than `String.fromCharCode(...bytes)`, which
 * walks the bytes through the iterator protocol (pack inspects the tail of every evidence PDF).
 * Not TextDecoder('latin1'): that is windows-1252, which maps 0x80–0x9F elsewhere.
 */
export function latin1(b: Uint8Array): string {
  if (b.length <= 16 || !LITTLE_ENDIAN) {
    let s = '';
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  const w = (wide ??= new Uint16Array(LATIN1_CHUNK));
  let s = '';
  for (let i = 0; i < b.length; i += LATIN1_CHUNK) {
    const part = b.subarray(i, i + LATIN1_CHUNK);
    w.set(part);
    s += dec16.decode(w.subarray(0, part.length));
  }
  return s;
}

/** Anything but ASCII (for which Latin-1 and UTF-8 are the same bytes). */
const NON_ASCII = /[^\x00-\x7f]/;

/** Code points 0–255 as bytes (higher ones keep their low byte, as Buffer.from(s, 'latin1')). */
export function fromLatin1(s: string): Uint8Array {
  // ASCII (a PDF content stream, a zip name): the native encoder, ~10× faster than the loop below.
  if (s.length >= 64 && !NON_ASCII.test(s)) return enc.encode(s);
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A DataView over exactly `b`'s bytes. */
export function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** Little-endian field writers over a fresh zeroed array. */
export class LE {
  readonly bytes: Uint8Array;
  private readonly v: DataView;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.v = view(this.bytes);
  }
  u16(at: number, n: number): this {
    this.v.setUint16(at, n, true);
    return this;
  }
  u32(at: number, n: number): this {
    this.v.setUint32(at, n >>> 0, true);
    return this;
  }
  u64(at: number, n: number | bigint): this {
    this.v.setBigUint64(at, BigInt(n), true);
    return this;
  }
  set(at: number, b: Uint8Array): this {
    this.bytes.set(b, at);
    return this;
  }
}

/** Little-endian field readers (RangeError past the end, as Buffer's readers). */
export function rd16(b: Uint8Array, at: number): number {
  return view(b).getUint16(at, true);
}
export function rd32(b: Uint8Array, at: number): number {
  return view(b).getUint32(at, true);
}
export function rd64(b: Uint8Array, at: number): bigint {
  return view(b).getBigUint64(at, true);
}
