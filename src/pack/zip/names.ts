/**
 * Entry-name rules and encodings for zips opened on Windows.
 *
 * - `utf8`: UTF-8 bytes, general-purpose flag bit 11 set.
 * - `gbk`: CP936/GBK bytes without bit 11, plus the Info-ZIP Unicode Path extra field
 *   (0x7075: version 1, CRC-32 of the GBK bytes, UTF-8 name). Falls back to UTF-8 + bit 11
 *   for a name GBK cannot hold (round trip fails), a name whose GBK bytes contain 0x5C ('\')
 *   as a trail byte (運錦誠謀衆…, some tools split on it), or a lone 0x80 byte (€: CP936 only).
 */
import { fromUtf8, latin1, fromLatin1, LE, utf8, utf8Length, view } from '../../bytes.js';
import { hasHost, host } from '../../host.js';
import { crc32 } from './crc32.js';

type GbkCodec = { encode(s: string): Uint8Array; decode(b: Uint8Array): string };
let gbkCodec: GbkCodec | undefined;

/** The host's GBK codec (iconv-lite in the CLI); else the platform's decoder, and no encoder. */
function gbk(): GbkCodec {
  if (gbkCodec) return gbkCodec;
  const own = hasHost() ? host().gbk?.() : undefined;
  if (own) return (gbkCodec = own);
  const dec = new TextDecoder('gbk');
  return (gbkCodec = {
    encode: () => {
      throw new ZipNameError('', 'GBK file names are written by the command line only (use UTF-8 names)');
    },
    decode: (b) => dec.decode(b),
  });
}

export type FilenameEncoding = 'utf8' | 'gbk';

/** How a name ended up encoded in the archive. */
export type NameEncoding = 'ascii' | 'utf8' | 'gbk';

export interface EncodedName {
  /** Bytes of the header's file name field. */
  bytes: Uint8Array;
  /** General-purpose bit 11 (EFS, "name is UTF-8"). */
  utf8Flag: boolean;
  encoding: NameEncoding;
  /** Payload (without tag/size) of the 0x7075 Unicode Path extra field, when GBK-encoded. */
  unicodePath?: Uint8Array;
  /** Why a GBK request fell back to UTF-8. */
  fallback?: 'unmappable' | 'trail-0x5c' | 'cp936-only';
}

export class ZipNameError extends Error {
  constructor(
    readonly entryName: string,
    reason: string,
  ) {
    super(`invalid zip entry name ${JSON.stringify(entryName)}: ${reason}`);
    this.name = 'ZipNameError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * Throws `ZipNameError` unless `name` is a safe relative '/'-separated path that Windows can
 * extract: no leading '/', no '\\', no empty/'.'/'..' segments, no control characters, none of
 * <>:"|?*, no segment ending in '.' or ' ', no reserved device names (CON, NUL, COM1…).
 * A trailing '/' marks a directory.
 */
export function validateEntryName(name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new ZipNameError(String(name), 'empty name');
  if (name === '/' || name.startsWith('/')) throw new ZipNameError(name, 'absolute path (starts with "/")');
  if (name.includes('\\')) throw new ZipNameError(name, 'contains "\\" (use "/" as folder separator)');
  if (CONTROL.test(name)) throw new ZipNameError(name, 'contains a control character');
  if (LONE_SURROGATE.test(name)) throw new ZipNameError(name, 'contains a lone UTF-16 surrogate');
  const segments = name.split('/');
  if (segments[segments.length - 1] === '') segments.pop(); // directory
  for (const seg of segments) {
    if (seg === '') throw new ZipNameError(name, 'empty path segment ("//")');
    if (seg === '.' || seg === '..') throw new ZipNameError(name, `path segment "${seg}"`);
    if (WINDOWS_FORBIDDEN.test(seg)) throw new ZipNameError(name, 'contains a character Windows forbids (<>:"|?*)');
    if (/[. ]$/.test(seg)) throw new ZipNameError(name, `segment "${seg}" ends with "." or " " (Windows strips it)`);
    if (WINDOWS_RESERVED.test(seg)) throw new ZipNameError(name, `segment "${seg}" is a reserved Windows device name`);
  }
  if (utf8Length(name) > 0xffff) throw new ZipNameError(name, 'longer than 65535 bytes');
}

function isAscii(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007f]*$/.test(s);
}

/**
 * Scans CP936 bytes; returns the problem found, if any: a double-byte character whose trail
 * byte is 0x5C, or the single byte 0x80 (€, a CP936 extension not in GBK proper).
 */
export function gbkProblem(bytes: Uint8Array): 'trail-0x5c' | 'cp936-only' | undefined {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
    } else if (b === 0x80 || b === 0xff) {
      return 'cp936-only';
    } else {
      if (bytes[i + 1] === 0x5c) return 'trail-0x5c';
      i += 2;
    }
  }
  return undefined;
}

/** Encodes a (validated) entry name for the requested encoding, with the fallbacks above. */
export function encodeEntryName(name: string, encoding: FilenameEncoding = 'utf8'): EncodedName {
  if (encoding === 'gbk') {
    if (isAscii(name)) return { bytes: fromLatin1(name), utf8Flag: false, encoding: 'ascii' };
    const codec = gbk();
    const gbkBytes = codec.encode(name);
    let fallback: EncodedName['fallback'];
    if (codec.decode(gbkBytes) !== name) fallback = 'unmappable';
    else fallback = gbkProblem(gbkBytes);
    if (!fallback) {
      const u = utf8(name);
      const unicodePath = new LE(5 + u.length).u32(1, crc32(gbkBytes)).set(5, u).bytes;
      unicodePath[0] = 1;
      return { bytes: gbkBytes, utf8Flag: false, encoding: 'gbk', unicodePath };
    }
    return { bytes: utf8(name), utf8Flag: true, encoding: 'utf8', fallback };
  }
  return { bytes: utf8(name), utf8Flag: true, encoding: isAscii(name) ? 'ascii' : 'utf8' };
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a header name: UTF-8 when bit 11 is set; else the 0x7075 Unicode Path when its CRC
 * matches the raw bytes; else ASCII; else CP936/GBK (what Chinese Windows does), or UTF-8 when
 * the bytes are not valid GBK but are valid UTF-8.
 */
export function decodeEntryName(
  raw: Uint8Array,
  utf8Flag: boolean,
  unicodePathField: Uint8Array | undefined,
): { name: string; encoding: NameEncoding | 'gbk+unicode-path'; error?: string } {
  if (utf8Flag) {
    const s = tryUtf8(raw);
    if (s === undefined) return { name: fromUtf8(raw), encoding: 'utf8', error: 'UTF-8 flag set but name is not valid UTF-8' };
    return { name: s, encoding: isAscii(s) ? 'ascii' : 'utf8' };
  }
  if (unicodePathField && unicodePathField.length >= 5 && unicodePathField[0] === 1) {
    if (view(unicodePathField).getUint32(1, true) === crc32(raw)) {
      const s = tryUtf8(unicodePathField.subarray(5));
      if (s !== undefined) return { name: s, encoding: 'gbk+unicode-path' };
    }
  }
  let ascii = true;
  for (const b of raw) if (b >= 0x80) ascii = false;
  if (ascii) return { name: latin1(raw), encoding: 'ascii' };
  const gbkName = gbk().decode(raw);
  if (!gbkName.includes('\ufffd')) return { name: gbkName, encoding: 'gbk' };
  const utf8 = tryUtf8(raw);
  if (utf8 !== undefined) return { name: utf8, encoding: 'utf8' };
  return { name: gbkName, encoding: 'gbk', error: 'name is neither valid GBK nor UTF-8' };
}
