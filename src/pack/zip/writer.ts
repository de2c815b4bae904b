/**
 * Streaming, deterministic ZIP writer for Windows offices (own implementation), the same in the CLI and
 * the page: bytes are Uint8Array, the deflate is src/deflate.ts (the same bytes in both faces), the
 * output is a `ZipSink` (a file, a stream, memory) and `path` entries are opened by the face
 * (`ZipWriteOptions.openPath`; the Node face in ./writer-node.ts).
 *
 * - Entries are written exactly in the order given; evidence files are streamed through
 *   (memory stays flat), in-memory data (manifest, rendered PDFs) is written directly.
 * - Names: UTF-8 + bit 11 (default) or GBK + Info-ZIP Unicode Path 0x7075 (see names.ts).
 * - Times: one package Date for every entry, DOS time as Beijing wall time + 0x5455 (UTC).
 * - No random or varying fields: same inputs → same bytes.
 * - `writeZipAtomic` writes to a temp file beside the target and patches CRC/sizes into each
 *   local header after its data (like Info-ZIP `zip`): no data descriptors, so even streaming
 *   readers (Java ZipInputStream) can read stored entries. `writeZip` to a non-seekable
 *   stream uses data descriptors (bit 3) for entries whose CRC is not known up front.
 * - ZIP64 when sizes/offsets reach 0xFFFFFFFF or there are ≥ 0xFFFF entries.
 */
import { concatBytes, LE, utf8, utf8Length } from '../../bytes.js';
import { DeflateRawStream } from '../../deflate.js';
import { host, type Sha256 } from '../../host.js';
import { crc32 } from './crc32.js';
import { ZipWriteError } from './write-error.js';
import { toDosDateTimeBeijing, unixSeconds32 } from './dostime.js';
import { encodeEntryName, validateEntryName, ZipNameError, type EncodedName, type FilenameEncoding, type NameEncoding } from './names.js';

export type ZipMethod = 'store' | 'deflate';

/**
 * One entry. Give exactly one of `data`, `path`, `stream` — or none for a directory, whose
 * name must end with '/'. Folder separators are '/'.
 */
export interface ZipEntryInput {
  name: string;
  /** In-memory content (strings are written as UTF-8). */
  data?: string | Uint8Array;
  /**
   * A regular file, streamed: opened through `ZipWriteOptions.openPath` (the Node face's writeZip and
   * writeZipAtomic supply it). Its size is taken when prepared and verified while reading.
   */
  path?: string;
  /**
   * Opened when the entry is written. The writer has written or copied each chunk before it asks
   * for the next, so a stream may refill one buffer.
   */
  stream?: () => AsyncIterable<Uint8Array | string>;
  /**
   * Declared size for `stream` (verified). Needed for streams of 4 GiB or more (so ZIP64 fields
   * can be reserved in the local header); an undeclared stream that reaches 4 GiB fails.
   */
  size?: number;
  /**
   * For `stream`: the CRC-32 of the bytes it yields, computed by its producer (called once the stream
   * has ended; e.g. on another thread). The writer then computes none of its own and, on a seekable
   * output, patches it into the local header when it resolves (before the central directory).
   */
  crc32?: () => Promise<number>;
  /** Default: `defaultMethodFor(name)`. Empty files and directories are always stored. */
  method?: ZipMethod;
}

export interface ZipProgress {
  entriesDone: number;
  entriesTotal: number;
  /** Uncompressed bytes read so far. */
  bytesDone: number;
  /** Sum of all entry sizes; undefined if a `stream` entry has no declared size. */
  bytesTotal: number | undefined;
  /** Entry being written (undefined once finished). */
  currentEntry: string | undefined;
}

export interface ZipWriteOptions {
  /** The package time, used for every entry. */
  date: Date;
  /** 'utf8' (default): UTF-8 + bit 11. 'gbk': GBK + 0x7075, falling back per entry to UTF-8. */
  filenameEncoding?: FilenameEncoding;
  /** Deflate level 1–9 for deflated entries (default 6; src/deflate.ts). */
  deflateLevel?: number;
  /** Write the 0x5455 extended timestamp (UTC) extra field. Default true. */
  extendedTimestamp?: boolean;
  /** Compute SHA-256 of each entry's content while writing (result `entries[i].sha256`). */
  sha256?: boolean;
  /** Called after every chunk and every entry. */
  onProgress?: (p: ZipProgress) => void;
  signal?: AbortSignal;
  /** Read chunk size for `path` entries (default 1 MiB). */
  readChunkSize?: number;
  /** Opens `path` entries (the face's file system): their size now, their bytes when written. */
  openPath?: (path: string, chunkSize: number) => Promise<PathSource>;
  /** writeZipAtomic only: fsync the temp file before renaming it (default true). */
  fsync?: boolean;
  /** @internal testing: sizes/offsets ≥ this use ZIP64 (default 0xFFFFFFFF). */
  zip64Threshold?: number;
  /** @internal testing: entry counts ≥ this use ZIP64 end records (default 0xFFFF). */
  zip64EntryThreshold?: number;
}

export interface ZipWrittenEntry {
  name: string;
  method: ZipMethod;
  size: number;
  compressedSize: number;
  crc32: number;
  /** Offset of the local header. */
  offset: number;
  nameEncoding: NameEncoding;
  /** Set when `filenameEncoding: 'gbk'` fell back to UTF-8 for this name. */
  nameFallback?: EncodedName['fallback'];
  sha256?: string;
}

export interface ZipWriteResult {
  /** Archive size in bytes. */
  bytes: number;
  entries: ZipWrittenEntry[];
  zip64: boolean;
}

/** A file of the face, for a `path` entry. */
export interface PathSource {
  size: number;
  /** False when the path is not a regular file (a folder, a device). */
  isFile: boolean;
  open(): AsyncIterable<Uint8Array>;
}

export { ZipWriteError };

const STORE_EXT = new Set([
  'pdf', 'ofd', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'avif', 'jp2',
  'zip', '7z', 'rar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'lz', 'lzma', 'cab', 'jar', 'apk',
  'docx', 'xlsx', 'pptx', 'docm', 'xlsm', 'pptm', 'odt', 'ods', 'odp', 'epub',
  'mp3', 'mp4', 'm4a', 'm4v', 'aac', 'mov', 'mkv', 'webm', 'avi', 'wmv', 'flv', 'ogg', 'opus',
]);

/** 'store' for already-compressed types (pdf, ofd, images, archives, OOXML, media), else 'deflate'. */
export function defaultMethodFor(name: string): ZipMethod {
  if (name.endsWith('/')) return 'store';
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'deflate';
  return STORE_EXT.has(base.slice(dot + 1).toLowerCase()) ? 'store' : 'deflate';
}

// ---------------------------------------------------------------------------------------------
// Output: coalesces small writes; optional positional patching (seekable outputs).

/** Where the archive goes (a file or a stream in the CLI, memory in the page). */
export interface ZipSink {
  /** `reusable`: the caller will refill `buf` once this returns (copy it if it is kept). */
  write(buf: Uint8Array, reusable: boolean): Promise<void>;
  /** Overwrites bytes already written: seekable sinks only (then no data descriptors are written). */
  patch?(position: number, buf: Uint8Array): Promise<void>;
  finish(): Promise<void>;
}

/** A seekable sink in memory: the same bytes as writeZipAtomic writes to a file. */
export class MemorySink implements ZipSink {
  private buf = new Uint8Array(64 * 1024);
  private len = 0;
  constructor(private readonly limit = Number.MAX_SAFE_INTEGER) {}
  async write(b: Uint8Array): Promise<void> {
    const need = this.len + b.length;
    if (need > this.limit) throw new ZipWriteError(`the archive exceeds ${this.limit} bytes`);
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, Math.min(this.buf.length * 2, this.limit)));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(b, this.len);
    this.len = need;
  }
  async patch(position: number, b: Uint8Array): Promise<void> {
    if (position + b.length > this.len) throw new ZipWriteError('patch beyond the end of the archive');
    this.buf.set(b, position);
  }
  async finish(): Promise<void> {}
  /** The archive (a view of the sink's buffer). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

const COALESCE = 256 * 1024;

class Output {
  /** Logical number of bytes appended so far. */
  position = 0;
  private readonly buf = new Uint8Array(COALESCE);
  private len = 0;
  constructor(readonly sink: ZipSink) {}

  get seekable(): boolean {
    return this.sink.patch !== undefined;
  }

  async append(chunk: Uint8Array): Promise<void> {
    if (chunk.length >= COALESCE / 4) {
      await this.flush();
      // Reusable: the producer may refill this buffer once the write returns.
      await this.sink.write(chunk, true);
    } else {
      if (this.len + chunk.length > COALESCE) await this.flush();
      this.buf.set(chunk, this.len);
      this.len += chunk.length;
    }
    this.position += chunk.length;
  }

  /** Overwrites bytes already appended (seekable outputs only). */
  async patch(position: number, data: Uint8Array): Promise<void> {
    const bufStart = this.position - this.len;
    if (position >= bufStart) {
      this.buf.set(data, position - bufStart);
    } else {
      await this.flush();
      await this.sink.patch!(position, data);
    }
  }

  async flush(): Promise<void> {
    if (this.len > 0) {
      const n = this.len;
      this.len = 0;
      await this.sink.write(this.buf.subarray(0, n), true);
    }
  }
}

// ---------------------------------------------------------------------------------------------

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_DESCRIPTOR = 0x08074b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const FLAG_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const MADE_BY_DOS = 0; // host 0 = MS-DOS/FAT: Windows tools decode non-UTF-8 names with the OEM code page (936)
const ATTR_DIRECTORY = 0x10;

type SourceKind = 'data' | 'path' | 'stream' | 'directory';

interface Prepared {
  input: ZipEntryInput;
  kind: SourceKind;
  name: EncodedName;
  method: ZipMethod;
  /** Known uncompressed size, if any. */
  size: number | undefined;
  /** A `path` entry's file. */
  opened?: PathSource;
}

interface CentralRecord {
  /** The CRC given by the entry's producer, still to be patched into the local header. */
  crcLater?: Promise<number>;
  prepared: Prepared;
  versionNeeded: number;
  flags: number;
  methodCode: number;
  crc: number;
  size: number;
  csize: number;
  offset: number;
  sha256?: string;
}

function extraField(tag: number, payload: Uint8Array): Uint8Array {
  return new LE(4 + payload.length).u16(0, tag).u16(2, payload.length).set(4, payload).bytes;
}

function u64s(values: number[]): Uint8Array {
  const b = new LE(values.length * 8);
  values.forEach((v, i) => b.u64(i * 8, v));
  return b.bytes;
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return utf8(chunk);
  throw new ZipWriteError(`entry stream yielded a ${typeof chunk}, expected bytes`);
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new ZipWriteError(`${what}: invalid size ${n}`);
}

async function prepare(entries: readonly ZipEntryInput[], encoding: FilenameEncoding, options: ZipWriteOptions): Promise<Prepared[]> {
  const files = new Set<string>();
  const dirs = new Set<string>();
  const explicitDirs = new Set<string>();
  const out: Prepared[] = [];
  for (const input of entries) {
    validateEntryName(input.name);
    const isDir = input.name.endsWith('/');
    const sources = [input.data !== undefined, input.path !== undefined, input.stream !== undefined].filter(Boolean).length;
    if (isDir && sources > 0) throw new ZipNameError(input.name, 'directory entries (ending in "/") take no content');
    if (!isDir && sources !== 1) throw new ZipWriteError(`entry ${JSON.stringify(input.name)}: give exactly one of data, path, stream`);

    // Windows file systems are case-insensitive: reject duplicates and file/folder clashes.
    const key = (isDir ? input.name.slice(0, -1) : input.name).toLowerCase();
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      if (files.has(p)) throw new ZipNameError(input.name, `"${p}" is already a file in the archive`);
      dirs.add(p);
    }
    if (isDir) {
      if (files.has(key) || explicitDirs.has(key)) throw new ZipNameError(input.name, 'duplicate name (names are case-insensitive on Windows)');
      explicitDirs.add(key);
      dirs.add(key);
    } else {
      if (files.has(key) || dirs.has(key)) throw new ZipNameError(input.name, 'duplicate name (names are case-insensitive on Windows)');
      files.add(key);
    }

    let kind: SourceKind;
    let size: number | undefined;
    let opened: PathSource | undefined;
    if (isDir) {
      kind = 'directory';
      size = 0;
    } else if (input.data !== undefined) {
      kind = 'data';
      size = typeof input.data === 'string' ? utf8Length(input.data) : input.data.byteLength;
    } else if (input.path !== undefined) {
      kind = 'path';
      if (!options.openPath) throw new ZipWriteError(`entry ${JSON.stringify(input.name)}: this face cannot open files by path`);
      const src = await options.openPath(input.path, options.readChunkSize ?? 1024 * 1024);
      if (!src.isFile) throw new ZipWriteError(`entry ${JSON.stringify(input.name)}: ${input.path} is not a regular file`);
      size = src.size;
      opened = src;
    } else {
      kind = 'stream';
      if (input.size !== undefined) checkSize(input.size, `entry ${JSON.stringify(input.name)}`);
      size = input.size;
    }
    if (input.method !== undefined && input.method !== 'store' && input.method !== 'deflate') {
      throw new ZipWriteError(`entry ${JSON.stringify(input.name)}: unknown method ${String(input.method)}`);
    }
    const method: ZipMethod = kind === 'directory' || size === 0 ? 'store' : (input.method ?? defaultMethodFor(input.name));
    out.push({ input, kind, name: encodeEntryName(input.name, encoding), method, size, ...(opened ? { opened } : {}) });
  }
  return out;
}

/** Upper bound of raw-deflate output for `n` input bytes (zlib deflateBound, generously). */
function deflateBound(n: number): number {
  return n + Math.ceil(n / 4096) + Math.ceil(n / 16384) + 64;
}

async function writeArchive(out: Output, entries: readonly ZipEntryInput[], options: ZipWriteOptions): Promise<ZipWriteResult> {
  const T = options.zip64Threshold ?? 0xffffffff;
  const TN = options.zip64EntryThreshold ?? 0xffff;
  const level = options.deflateLevel ?? 6;
  const useUT = options.extendedTimestamp ?? true;
  const { date, time } = toDosDateTimeBeijing(options.date);
  const unixTime = useUT ? unixSeconds32(options.date) : undefined;
  const utPayload = unixTime === undefined ? undefined : new LE(5).u32(1, unixTime).bytes;
  if (utPayload) utPayload[0] = 1;
  const signal = options.signal;

  const prepared = await prepare(entries, options.filenameEncoding ?? 'utf8', options);
  const bytesTotal = prepared.every((p) => p.size !== undefined) ? prepared.reduce((s, p) => s + p.size!, 0) : undefined;
  let bytesDone = 0;
  let entriesDone = 0;
  const progress = (current: string | undefined) =>
    options.onProgress?.({ entriesDone, entriesTotal: prepared.length, bytesDone, bytesTotal, currentEntry: current });

  const records: CentralRecord[] = [];
  for (const p of prepared) {
    signal?.throwIfAborted();
    const methodCode = p.method === 'deflate' ? 8 : 0;
    const offset = out.position;
    let flags = p.name.utf8Flag ? FLAG_UTF8 : 0;
    const tailExtras: Uint8Array[] = [];
    if (utPayload) tailExtras.push(extraField(0x5455, utPayload));
    if (p.name.unicodePath) tailExtras.push(extraField(0x7075, p.name.unicodePath));
    progress(p.input.name);

    if (p.kind === 'data' || p.kind === 'directory') {
      // Everything known up front: plain local header, no descriptor, no patching.
      const raw = p.kind === 'data' ? toBytes(p.input.data) : new Uint8Array(0);
      const payload = methodCode === 8 ? deflated(raw, level) : raw;
      const crc = crc32(raw);
      const z64 = raw.length >= T || payload.length >= T;
      const versionNeeded = z64 ? 45 : methodCode === 8 ? 20 : 10;
      const extras = z64 ? [extraField(0x0001, u64s([raw.length, payload.length])), ...tailExtras] : tailExtras;
      await out.append(localHeader(versionNeeded, flags, methodCode, time, date, crc, z64 ? 0xffffffff : payload.length, z64 ? 0xffffffff : raw.length, p.name.bytes, extras));
      await out.append(payload);
      bytesDone += raw.length;
      const rec: CentralRecord = { prepared: p, versionNeeded, flags, methodCode, crc, size: raw.length, csize: payload.length, offset };
      if (options.sha256 && p.kind === 'data') {
        const h = host().sha256();
        h.update(raw);
        rec.sha256 = h.hex();
      }
      records.push(rec);
    } else {
      // Streamed: CRC and sizes become known after the data.
      const known = p.size;
      // ZIP64 only where needed (old Windows "compressed folders" cannot read it).
      const z64Local = known !== undefined && Math.max(known, methodCode === 8 ? deflateBound(known) : known) >= T;
      const descriptor = !out.seekable;
      if (descriptor) flags |= FLAG_DESCRIPTOR;
      const versionNeeded = z64Local ? 45 : methodCode === 8 ? 20 : 10;
      const extras = z64Local ? [extraField(0x0001, u64s([0, 0])), ...tailExtras] : tailExtras;
      const sizeField = z64Local ? 0xffffffff : 0;
      await out.append(localHeader(versionNeeded, flags, methodCode, time, date, 0, sizeField, sizeField, p.name.bytes, extras));

      const hash = options.sha256 ? host().sha256() : undefined;
      const source = p.kind === 'path' ? p.opened!.open() : p.input.stream!();
      const given = p.kind === 'stream' ? p.input.crc32 : undefined;
      const r = await pump(source, methodCode, level, out, known, T, p.input.name, hash, !given, (n) => {
        bytesDone += n;
        progress(p.input.name);
      }, signal);
      if (known !== undefined && r.size !== known) {
        throw new ZipWriteError(
          p.kind === 'path'
            ? `file changed while packing: ${p.input.path} (expected ${known} bytes, read ${r.size})`
            : `entry ${JSON.stringify(p.input.name)}: declared size ${known}, stream gave ${r.size} bytes`,
        );
      }
      if (!z64Local && (r.size >= T || r.csize >= T)) throw new ZipWriteError(`entry ${JSON.stringify(p.input.name)}: size grew past the ZIP64 limit`);

      // A CRC its producer computes: awaited now only where it must follow the data (a descriptor).
      let crcLater: Promise<number> | undefined;
      if (given) {
        if (descriptor) r.crc = (await given()) >>> 0;
        else {
          crcLater = given();
          // Awaited before the central directory; a failure meanwhile is reported there, or not at all
          // when another error ends the archive first (never an unhandled rejection).
          crcLater.catch(() => undefined);
        }
      }
      if (descriptor) {
        const d = new LE(z64Local ? 24 : 16).u32(0, SIG_DESCRIPTOR).u32(4, r.crc);
        if (z64Local) d.u64(8, r.csize).u64(16, r.size);
        else d.u32(8, r.csize).u32(12, r.size);
        await out.append(d.bytes);
      } else {
        if (!crcLater) await out.patch(offset + 14, new LE(4).u32(0, r.crc).bytes);
        if (z64Local) {
          // Local ZIP64 extra is the first extra field: tag(2) size(2) then size(8) csize(8).
          await out.patch(offset + 30 + p.name.bytes.length + 4, u64s([r.size, r.csize]));
        } else {
          await out.patch(offset + 18, new LE(8).u32(0, r.csize).u32(4, r.size).bytes);
        }
      }
      const rec: CentralRecord = { prepared: p, versionNeeded, flags, methodCode, crc: r.crc, size: r.size, csize: r.csize, offset };
      if (crcLater) rec.crcLater = crcLater;
      if (hash) rec.sha256 = hash.hex();
      records.push(rec);
    }
    entriesDone++;
    progress(undefined);
  }

  // CRCs computed by the entries' producers, patched in now that they are known.
  for (const r of records) {
    if (!r.crcLater) continue;
    r.crc = (await r.crcLater) >>> 0;
    delete r.crcLater;
    await out.patch(r.offset + 14, new LE(4).u32(0, r.crc).bytes);
  }

  // Central directory.
  const cdOffset = out.position;
  for (const r of records) {
    const z: number[] = [];
    if (r.size >= T) z.push(r.size);
    if (r.csize >= T) z.push(r.csize);
    if (r.offset >= T) z.push(r.offset);
    const extras: Uint8Array[] = [];
    if (z.length) extras.push(extraField(0x0001, u64s(z)));
    if (utPayload) extras.push(extraField(0x5455, utPayload));
    if (r.prepared.name.unicodePath) extras.push(extraField(0x7075, r.prepared.name.unicodePath));
    const extra = concatBytes(extras);
    const versionNeeded = z.length ? 45 : r.versionNeeded;
    const nameBytes = r.prepared.name.bytes;
    const h = new LE(46 + nameBytes.length + extra.length)
      .u32(0, SIG_CENTRAL)
      .u16(4, (MADE_BY_DOS << 8) | Math.max(20, versionNeeded))
      .u16(6, versionNeeded)
      .u16(8, r.flags)
      .u16(10, r.methodCode)
      .u16(12, time)
      .u16(14, date)
      .u32(16, r.crc)
      .u32(20, r.csize >= T ? 0xffffffff : r.csize)
      .u32(24, r.size >= T ? 0xffffffff : r.size)
      .u16(28, nameBytes.length)
      .u16(30, extra.length)
      // 32 comment length, 34 disk number start, 36 internal attributes: 0
      .u32(38, r.prepared.kind === 'directory' ? ATTR_DIRECTORY : 0)
      .u32(42, r.offset >= T ? 0xffffffff : r.offset)
      .set(46, nameBytes)
      .set(46 + nameBytes.length, extra);
    await out.append(h.bytes);
  }
  const cdSize = out.position - cdOffset;
  const count = records.length;
  const zip64End = count >= TN || cdOffset >= T || cdSize >= T;
  if (zip64End) {
    const zOffset = out.position;
    const rec = new LE(76)
      .u32(0, SIG_ZIP64_EOCD)
      .u64(4, 44)
      .u16(12, (MADE_BY_DOS << 8) | 45)
      .u16(14, 45)
      .u64(24, count)
      .u64(32, count)
      .u64(40, cdSize)
      .u64(48, cdOffset)
      // the locator
      .u32(56, SIG_ZIP64_LOCATOR)
      .u64(64, zOffset)
      .u32(72, 1);
    await out.append(rec.bytes);
  }
  const eocd = new LE(22)
    .u32(0, SIG_EOCD)
    .u16(8, count >= TN ? 0xffff : count)
    .u16(10, count >= TN ? 0xffff : count)
    .u32(12, cdSize >= T ? 0xffffffff : cdSize)
    .u32(16, cdOffset >= T ? 0xffffffff : cdOffset);
  await out.append(eocd.bytes);
  await out.flush();
  progress(undefined);

  return {
    bytes: out.position,
    zip64: zip64End || records.some((r) => r.versionNeeded === 45 || r.size >= T || r.csize >= T || r.offset >= T),
    entries: records.map((r) => {
      const e: ZipWrittenEntry = {
        name: r.prepared.input.name,
        method: r.methodCode === 8 ? 'deflate' : 'store',
        size: r.size,
        compressedSize: r.csize,
        crc32: r.crc,
        offset: r.offset,
        nameEncoding: r.prepared.name.encoding,
      };
      if (r.prepared.name.fallback) e.nameFallback = r.prepared.name.fallback;
      if (r.sha256) e.sha256 = r.sha256;
      return e;
    }),
  };
}

function localHeader(
  versionNeeded: number, flags: number, method: number, time: number, date: number,
  crc: number, csize: number, size: number, name: Uint8Array, extras: Uint8Array[],
): Uint8Array {
  const extra = concatBytes(extras);
  return new LE(30 + name.length + extra.length)
    .u32(0, SIG_LOCAL)
    .u16(4, versionNeeded)
    .u16(6, flags)
    .u16(8, method)
    .u16(10, time)
    .u16(12, date)
    .u32(14, crc)
    .u32(18, csize)
    .u32(22, size)
    .u16(26, name.length)
    .u16(28, extra.length)
    .set(30, name)
    .set(30 + name.length, extra).bytes;
}

/** Raw deflate of a whole entry (the same bytes as streaming it: src/deflate.ts). */
function deflated(raw: Uint8Array, level: number): Uint8Array {
  const d = new DeflateRawStream(level);
  return concatBytes([...d.push(raw), ...d.end()]);
}

async function pump(
  source: AsyncIterable<Uint8Array | string>,
  methodCode: number,
  level: number,
  out: Output,
  declared: number | undefined,
  zip64Threshold: number,
  name: string,
  hash: Sha256 | undefined,
  ownCrc: boolean,
  onBytes: (n: number) => void,
  signal: AbortSignal | undefined,
): Promise<{ crc: number; size: number; csize: number }> {
  let crc = 0;
  let size = 0;
  let csize = 0;
  const deflate = methodCode === 8 ? new DeflateRawStream(level) : undefined;
  const emit = async (parts: Uint8Array[]) => {
    for (const c of parts) {
      csize += c.length;
      await out.append(c);
    }
  };
  try {
    // No stream machinery per entry (thousands of small files): each chunk written (or deflated) as read.
    for await (const c of source) {
      signal?.throwIfAborted();
      const b = toBytes(c);
      if (b.length === 0) continue;
      size += b.length;
      if (declared !== undefined && size > declared) {
        throw new ZipWriteError(`entry ${JSON.stringify(name)}: more data than the declared/stat size ${declared}`);
      }
      if (declared === undefined && size >= zip64Threshold) {
        throw new ZipWriteError(`entry ${JSON.stringify(name)}: stream without a declared size reached the 4 GiB ZIP64 limit; pass \`size\``);
      }
      if (ownCrc) crc = crc32(b, crc);
      hash?.update(b);
      onBytes(b.length);
      if (deflate) await emit(deflate.push(b));
      else {
        csize += b.length;
        await out.append(b);
      }
    }
    signal?.throwIfAborted();
    if (deflate) await emit(deflate.end());
  } finally {
    const d = (source as { destroy?: () => void }).destroy;
    if (typeof d === 'function') d.call(source);
  }
  return { crc, size, csize };
}

/** Writes a zip to `sink` (seekable sinks get patched local headers, others data descriptors). */
export async function writeZipTo(sink: ZipSink, entries: readonly ZipEntryInput[], options: ZipWriteOptions): Promise<ZipWriteResult> {
  const result = await writeArchive(new Output(sink), entries, options);
  await sink.finish();
  return result;
}

/** The zip in memory (seekable: the same bytes as writeZipAtomic writes to a file). */
export async function zipToBytes(entries: readonly ZipEntryInput[], options: ZipWriteOptions & { maxBytes?: number }): Promise<{ bytes: Uint8Array; result: ZipWriteResult }> {
  const sink = new MemorySink(options.maxBytes);
  const result = await writeZipTo(sink, entries, options);
  return { bytes: sink.bytes(), result };
}
