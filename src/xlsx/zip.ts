/**
 * The zip container of a workbook, in memory: written from parts (./writer.ts) and read into parts
 * (for ./ooxml.ts). Pure: the compression is handed in (node:zlib in the CLI, CompressionStream in
 * a browser), so this module runs in both. Workbooks are small (≤ 20 MB, bounded by the caller):
 * no zip64 writing, no streaming.
 */
import { toDosDateTimeBeijing } from '../pack/zip/dostime.js';
import { concatBytes } from '../bytes.js';

export type Deflate = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;
/** Inflates raw deflate data; must refuse (throw) output beyond `maxOutput` bytes. */
export type Inflate = (data: Uint8Array, maxOutput: number) => Uint8Array | Promise<Uint8Array>;

let table: Uint32Array | undefined;
export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const utf8 = new TextEncoder();

/** A zip of the parts, in the order given, every entry deflated and stamped with `date` (Beijing wall time): the same parts give the same bytes. */
export async function zipParts(parts: { name: string; data: string | Uint8Array }[], date: Date, deflate: Deflate): Promise<Uint8Array> {
  const { date: dosDate, time: dosTime } = toDosDateTimeBeijing(date);
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === 'string' ? utf8.encode(p.data) : p.data;
    const packed = await deflate(raw);
    const name = utf8.encode(p.name);
    const crc = crc32(raw);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, 8, true);
    lv.setUint16(10, dosTime, true);
    lv.setUint16(12, dosDate, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, packed.length, true);
    lv.setUint32(22, raw.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cen = new Uint8Array(46 + name.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, 8, true);
    cv.setUint16(12, dosTime, true);
    cv.setUint16(14, dosDate, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, packed.length, true);
    cv.setUint32(24, raw.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cen.set(name, 46);
    chunks.push(local, packed);
    central.push(cen);
    offset += local.length + packed.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concatBytes([...chunks, ...central, end]);
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** A zip the reader refuses; the message says why in English (the caller words it for the user). */
export class ZipReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipReadError';
  }
}

export interface ZipDirEntry {
  name: string;
  /** Uncompressed and compressed sizes as the central directory declares them. */
  size: number;
  compressedSize: number;
  method: number;
  crc32: number;
  encrypted: boolean;
  isDirectory: boolean;
  /** Where the local header starts. */
  offset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;

function u64(v: DataView, at: number): number {
  const n = v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
  if (n > Number.MAX_SAFE_INTEGER) throw new ZipReadError('ZIP64 value exceeds the limit');
  return n;
}

const latin1 = new TextDecoder('latin1');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * The central directory of a zip held in memory: entries with their declared sizes (ZIP64 read),
 * checked to lie inside the bytes without overlapping. Names are UTF-8 (or Latin-1 when a name
 * is not); a name twice (case-insensitive) is refused, since which one a part name means would be a guess.
 */
export function zipDirectory(bytes: Uint8Array, opts: { maxEntries: number }): ZipDirEntry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.length;
  const notZip = () =>
    new ZipReadError(size >= 4 && v.getUint32(0, true) === SIG_LOCAL ? 'truncated zip (starts like a zip but the end of central directory record is missing)' : 'not a zip file (no end of central directory record)');
  if (size < 22) throw notZip();
  let eocd = -1;
  for (let i = size - 22; i >= Math.max(0, size - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === SIG_EOCD && i + 22 + v.getUint16(i + 20, true) === size) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  if (v.getUint16(eocd + 4, true) !== 0 || v.getUint16(eocd + 6, true) !== 0) throw new ZipReadError('multi-disk zips are not supported');
  let count = v.getUint16(eocd + 10, true);
  let cdSize = v.getUint32(eocd + 12, true);
  let cdOffset = v.getUint32(eocd + 16, true);
  let cdEnd = eocd;
  if (eocd >= 20 && v.getUint32(eocd - 20, true) === SIG_ZIP64_LOCATOR) {
    const z = u64(v, eocd - 20 + 8);
    if (z + 56 > eocd - 20 || v.getUint32(z, true) !== SIG_ZIP64_EOCD) throw new ZipReadError('ZIP64 end record missing');
    count = u64(v, z + 32);
    cdSize = u64(v, z + 40);
    cdOffset = u64(v, z + 48);
    cdEnd = z;
  }
  if (count > opts.maxEntries) throw new ZipReadError(`${count} entries exceeds the limit of ${opts.maxEntries}`);
  if (cdOffset + cdSize !== cdEnd) throw new ZipReadError(`central directory (offset ${cdOffset}, size ${cdSize}) does not end at the end record (${cdEnd}); truncated, prefixed or corrupt zip`);
  const entries: ZipDirEntry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cdEnd || v.getUint32(p, true) !== SIG_CENTRAL) throw new ZipReadError(`corrupt central directory at entry ${n}`);
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const crc = v.getUint32(p + 16, true);
    let compressedSize = v.getUint32(p + 20, true);
    let usize = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    let offset = v.getUint32(p + 42, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cdEnd) throw new ZipReadError(`corrupt central directory at entry ${n}`);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    let name: string;
    try {
      name = utf8Strict.decode(rawName);
    } catch {
      name = latin1.decode(rawName);
    }
    if (usize === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
      // ZIP64 extra field (0x0001): the values that overflowed, in this order.
      let q = p + 46 + nameLen;
      const extraEnd = q + extraLen;
      let z64 = -1;
      let zLen = 0;
      while (q + 4 <= extraEnd) {
        const id = v.getUint16(q, true);
        const len = v.getUint16(q + 2, true);
        if (id === 0x0001) {
          z64 = q + 4;
          zLen = len;
        }
        q += 4 + len;
      }
      let zi = 0;
      const take = () => {
        if (z64 < 0 || zi + 8 > zLen) throw new ZipReadError(`entry ${n}: ZIP64 extra field missing or short`);
        const x = u64(v, z64 + zi);
        zi += 8;
        return x;
      };
      if (usize === 0xffffffff) usize = take();
      if (compressedSize === 0xffffffff) compressedSize = take();
      if (offset === 0xffffffff) offset = take();
    }
    const key = name.replace(/\\/g, '/').replace(/\/$/, '').toLowerCase();
    if (seen.has(key)) throw new ZipReadError(`duplicate entry name ${JSON.stringify(name)}`);
    seen.add(key);
    if (method === 0 && usize !== compressedSize) throw new ZipReadError(`stored entry ${JSON.stringify(name)} has different sizes`);
    entries.push({ name, size: usize, compressedSize, method, crc32: crc, encrypted: (flags & 1) !== 0, isDirectory: name.endsWith('/'), offset });
    p = end;
  }
  // No two entries may share bytes (overlapping-entry zip bombs); all data before the directory.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < byOffset.length; i++) {
    const a = byOffset[i]!;
    const limit = i + 1 < byOffset.length ? byOffset[i + 1]!.offset : cdOffset;
    if (a.offset + 30 + a.compressedSize > limit) throw new ZipReadError(`entry ${JSON.stringify(a.name)} overlaps the next entry or the central directory`);
  }
  return entries;
}

/** An entry's uncompressed bytes: no more than declared (a zip bomb can lie), exactly as many, with the declared CRC-32. */
export async function zipEntryData(bytes: Uint8Array, e: ZipDirEntry, inflate: Inflate): Promise<Uint8Array> {
  if (e.encrypted) throw new ZipReadError(`${e.name}: encrypted entries are not supported`);
  if (e.method !== 0 && e.method !== 8) throw new ZipReadError(`${e.name}: unsupported compression method ${e.method}`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > bytes.length || v.getUint32(e.offset, true) !== SIG_LOCAL) throw new ZipReadError(`${e.name}: local header missing (corrupt zip)`);
  const start = e.offset + 30 + v.getUint16(e.offset + 26, true) + v.getUint16(e.offset + 28, true);
  if (start + e.compressedSize > bytes.length) throw new ZipReadError(`${e.name}: truncated entry data`);
  const packed = bytes.subarray(start, start + e.compressedSize);
  let data: Uint8Array;
  if (e.method === 0 || (e.size === 0 && e.compressedSize === 0)) data = packed; // (an empty part some writers store as "deflated" with no data)
  else {
    try {
      data = await inflate(packed, e.size + 1);
    } catch (err) {
      const m = (err as Error)?.message ?? String(err);
      if (/buffer|output|length|limit/i.test(m) && !/unexpected end/i.test(m)) throw new ZipReadError(`${e.name}: data exceeds declared size ${e.size} (zip bomb or corrupt)`);
      throw new ZipReadError(`${e.name}: ${/unexpected end/i.test(m) ? 'unexpected end of data (truncated)' : `cannot inflate (${m})`}`);
    }
  }
  if (data.length > e.size) throw new ZipReadError(`${e.name}: data exceeds declared size ${e.size} (zip bomb or corrupt)`);
  if (data.length !== e.size) throw new ZipReadError(`${e.name}: got ${data.length} bytes, declared ${e.size}`);
  const crc = crc32(data);
  if (crc !== e.crc32) throw new ZipReadError(`${e.name}: CRC-32 mismatch (expected ${e.crc32.toString(16).padStart(8, '0')}, got ${crc.toString(16).padStart(8, '0')})`);
  return data;
}
