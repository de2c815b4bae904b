/**
 * Streaming, deterministic ZIP writer for Windows offices (own implementation over node:zlib).
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
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, writeSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { release, removeStaleTemps, tempFor } from '../../temp-files.js';
import { crc32 } from './crc32.js';
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
  /** A regular file, streamed. Its size is taken with stat() and verified while reading. */
  path?: string;
  /**
   * Opened when the entry is written. The writer has written or copied each chunk before it asks
   * for the next, so a stream may refill one buffer.
   */
  stream?: () => Readable | AsyncIterable<Uint8Array>;
  /**
   * Declared size for `stream` (verified). Needed for streams of 4 GiB or more (so ZIP64 fields
   * can be reserved in the local header); an undeclared stream that reaches 4 GiB fails.
   */
  size?: number;
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
  /** zlib level 1–9 for deflated entries (default 6). */
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

export class ZipWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZipWriteError';
  }
}

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
// Output: coalesces small writes; optional positional patching (seekable files).

interface Sink {
  write(buf: Buffer, reusable: boolean): Promise<void>;
  patch?(position: number, buf: Buffer): Promise<void>;
  finish(): Promise<void>;
}

class FileSink implements Sink {
  private position = 0;
  constructor(
    private readonly fh: FileHandle,
    private readonly fsync: boolean,
  ) {}
  async write(buf: Buffer): Promise<void> {
    await this.writeAt(buf, this.position);
    this.position += buf.length;
  }
  async patch(position: number, buf: Buffer): Promise<void> {
    await this.writeAt(buf, position);
  }
  private async writeAt(buf: Buffer, position: number): Promise<void> {
    // Synchronous: a package of thousands of small files is thousands of writes, and a thread-pool
    // round trip each cost more than the write (into the page cache; fsync at the end).
    let off = 0;
    while (off < buf.length) {
      const bytesWritten = writeSync(this.fh.fd, buf, off, buf.length - off, position + off);
      if (bytesWritten <= 0) throw new ZipWriteError('short write to output file');
      off += bytesWritten;
    }
  }
  async finish(): Promise<void> {
    if (this.fsync) await this.fh.sync();
  }
}

class StreamSink implements Sink {
  private error: Error | undefined;
  constructor(private readonly stream: Writable) {
    stream.on('error', (e: Error) => {
      this.error ??= e;
    });
  }
  async write(buf: Buffer, reusable: boolean): Promise<void> {
    if (this.error) throw this.error;
    if (!this.stream.write(reusable ? Buffer.from(buf) : buf)) await this.drain();
  }
  private drain(): Promise<void> {
    const s = this.stream;
    return new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        s.off('drain', onDrain);
        s.off('error', onError);
        s.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onError = (e: Error) => done(e);
      const onClose = () => done(this.error ?? new ZipWriteError('output stream closed while writing'));
      s.on('drain', onDrain);
      s.on('error', onError);
      s.on('close', onClose);
    });
  }
  async finish(): Promise<void> {
    if (this.error) throw this.error;
    const s = this.stream;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.end(() => resolve());
    });
  }
}

const COALESCE = 256 * 1024;

class Output {
  /** Logical number of bytes appended so far. */
  position = 0;
  private readonly buf = Buffer.allocUnsafe(COALESCE);
  private len = 0;
  constructor(readonly sink: Sink) {}

  get seekable(): boolean {
    return this.sink.patch !== undefined;
  }

  async append(chunk: Buffer): Promise<void> {
    if (chunk.length >= COALESCE / 4) {
      await this.flush();
      // Reusable: the producer may refill this buffer once the write returns.
      await this.sink.write(chunk, true);
    } else {
      if (this.len + chunk.length > COALESCE) await this.flush();
      chunk.copy(this.buf, this.len);
      this.len += chunk.length;
    }
    this.position += chunk.length;
  }

  /** Overwrites bytes already appended (seekable outputs only). */
  async patch(position: number, data: Buffer): Promise<void> {
    const bufStart = this.position - this.len;
    if (position >= bufStart) {
      data.copy(this.buf, position - bufStart);
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
}

interface CentralRecord {
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

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function extraField(tag: number, payload: Buffer): Buffer {
  const b = Buffer.alloc(4 + payload.length);
  b.writeUInt16LE(tag, 0);
  b.writeUInt16LE(payload.length, 2);
  payload.copy(b, 4);
  return b;
}

function u64s(values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), i * 8));
  return b;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new ZipWriteError(`entry stream yielded a ${typeof chunk}, expected bytes`);
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new ZipWriteError(`${what}: invalid size ${n}`);
}

async function prepare(entries: readonly ZipEntryInput[], encoding: FilenameEncoding): Promise<Prepared[]> {
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
    if (isDir) {
      kind = 'directory';
      size = 0;
    } else if (input.data !== undefined) {
      kind = 'data';
      size = typeof input.data === 'string' ? Buffer.byteLength(input.data, 'utf8') : input.data.byteLength;
    } else if (input.path !== undefined) {
      kind = 'path';
      const st = await stat(input.path);
      if (!st.isFile()) throw new ZipWriteError(`entry ${JSON.stringify(input.name)}: ${input.path} is not a regular file`);
      size = st.size;
    } else {
      kind = 'stream';
      if (input.size !== undefined) checkSize(input.size, `entry ${JSON.stringify(input.name)}`);
      size = input.size;
    }
    if (input.method !== undefined && input.method !== 'store' && input.method !== 'deflate') {
      throw new ZipWriteError(`entry ${JSON.stringify(input.name)}: unknown method ${String(input.method)}`);
    }
    const method: ZipMethod = kind === 'directory' || size === 0 ? 'store' : (input.method ?? defaultMethodFor(input.name));
    out.push({ input, kind, name: encodeEntryName(input.name, encoding), method, size });
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
  const chunkSize = options.readChunkSize ?? 1024 * 1024;
  const { date, time } = toDosDateTimeBeijing(options.date);
  const unixTime = useUT ? unixSeconds32(options.date) : undefined;
  const utPayload = unixTime === undefined ? undefined : Buffer.from([1, ...u32le(unixTime)]);
  const signal = options.signal;

  const prepared = await prepare(entries, options.filenameEncoding ?? 'utf8');
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
    const tailExtras: Buffer[] = [];
    if (utPayload) tailExtras.push(extraField(0x5455, utPayload));
    if (p.name.unicodePath) tailExtras.push(extraField(0x7075, p.name.unicodePath));
    progress(p.input.name);

    if (p.kind === 'data' || p.kind === 'directory') {
      // Everything known up front: plain local header, no descriptor, no patching.
      const raw = p.kind === 'data' ? toBuffer(p.input.data) : Buffer.alloc(0);
      const payload = methodCode === 8 ? deflateRawSync(raw, { level }) : raw;
      const crc = crc32(raw);
      const z64 = raw.length >= T || payload.length >= T;
      const versionNeeded = z64 ? 45 : methodCode === 8 ? 20 : 10;
      const extras = z64 ? [extraField(0x0001, u64s([raw.length, payload.length])), ...tailExtras] : tailExtras;
      await out.append(localHeader(versionNeeded, flags, methodCode, time, date, crc, z64 ? 0xffffffff : payload.length, z64 ? 0xffffffff : raw.length, p.name.bytes, extras));
      await out.append(payload);
      bytesDone += raw.length;
      const rec: CentralRecord = { prepared: p, versionNeeded, flags, methodCode, crc, size: raw.length, csize: payload.length, offset };
      if (options.sha256 && p.kind === 'data') rec.sha256 = createHash('sha256').update(raw).digest('hex');
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

      const hash = options.sha256 ? createHash('sha256') : undefined;
      const source =
        p.kind === 'path'
          ? createReadStream(p.input.path!, { highWaterMark: chunkSize })
          : p.input.stream!();
      const r = await pump(source, methodCode, level, out, known, T, p.input.name, hash, (n) => {
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

      if (descriptor) {
        const d = Buffer.alloc(z64Local ? 24 : 16);
        d.writeUInt32LE(SIG_DESCRIPTOR, 0);
        d.writeUInt32LE(r.crc, 4);
        if (z64Local) {
          d.writeBigUInt64LE(BigInt(r.csize), 8);
          d.writeBigUInt64LE(BigInt(r.size), 16);
        } else {
          d.writeUInt32LE(r.csize, 8);
          d.writeUInt32LE(r.size, 12);
        }
        await out.append(d);
      } else {
        const crcBuf = Buffer.alloc(4);
        crcBuf.writeUInt32LE(r.crc);
        await out.patch(offset + 14, crcBuf);
        if (z64Local) {
          // Local ZIP64 extra is the first extra field: tag(2) size(2) then size(8) csize(8).
          await out.patch(offset + 30 + p.name.bytes.length + 4, u64s([r.size, r.csize]));
        } else {
          const sizes = Buffer.alloc(8);
          sizes.writeUInt32LE(r.csize, 0);
          sizes.writeUInt32LE(r.size, 4);
          await out.patch(offset + 18, sizes);
        }
      }
      const rec: CentralRecord = { prepared: p, versionNeeded, flags, methodCode, crc: r.crc, size: r.size, csize: r.csize, offset };
      if (hash) rec.sha256 = hash.digest('hex');
      records.push(rec);
    }
    entriesDone++;
    progress(undefined);
  }

  // Central directory.
  const cdOffset = out.position;
  for (const r of records) {
    const z: number[] = [];
    if (r.size >= T) z.push(r.size);
    if (r.csize >= T) z.push(r.csize);
    if (r.offset >= T) z.push(r.offset);
    const extras: Buffer[] = [];
    if (z.length) extras.push(extraField(0x0001, u64s(z)));
    if (utPayload) extras.push(extraField(0x5455, utPayload));
    if (r.prepared.name.unicodePath) extras.push(extraField(0x7075, r.prepared.name.unicodePath));
    const extra = Buffer.concat(extras);
    const versionNeeded = z.length ? 45 : r.versionNeeded;
    const nameBytes = r.prepared.name.bytes;
    const h = Buffer.alloc(46);
    h.writeUInt32LE(SIG_CENTRAL, 0);
    h.writeUInt16LE((MADE_BY_DOS << 8) | Math.max(20, versionNeeded), 4);
    h.writeUInt16LE(versionNeeded, 6);
    h.writeUInt16LE(r.flags, 8);
    h.writeUInt16LE(r.methodCode, 10);
    h.writeUInt16LE(time, 12);
    h.writeUInt16LE(date, 14);
    h.writeUInt32LE(r.crc, 16);
    h.writeUInt32LE(r.csize >= T ? 0xffffffff : r.csize, 20);
    h.writeUInt32LE(r.size >= T ? 0xffffffff : r.size, 24);
    h.writeUInt16LE(nameBytes.length, 28);
    h.writeUInt16LE(extra.length, 30);
    h.writeUInt16LE(0, 32); // comment length
    h.writeUInt16LE(0, 34); // disk number start
    h.writeUInt16LE(0, 36); // internal attributes
    h.writeUInt32LE(r.prepared.kind === 'directory' ? ATTR_DIRECTORY : 0, 38);
    h.writeUInt32LE(r.offset >= T ? 0xffffffff : r.offset, 42);
    await out.append(Buffer.concat([h, nameBytes, extra]));
  }
  const cdSize = out.position - cdOffset;
  const count = records.length;
  const zip64End = count >= TN || cdOffset >= T || cdSize >= T;
  if (zip64End) {
    const zOffset = out.position;
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(SIG_ZIP64_EOCD, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE((MADE_BY_DOS << 8) | 45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeUInt32LE(0, 16);
    rec.writeUInt32LE(0, 20);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(SIG_ZIP64_LOCATOR, 0);
    loc.writeUInt32LE(0, 4);
    loc.writeBigUInt64LE(BigInt(zOffset), 8);
    loc.writeUInt32LE(1, 16);
    await out.append(Buffer.concat([rec, loc]));
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  eocd.writeUInt16LE(count >= TN ? 0xffff : count, 8);
  eocd.writeUInt16LE(count >= TN ? 0xffff : count, 10);
  eocd.writeUInt32LE(cdSize >= T ? 0xffffffff : cdSize, 12);
  eocd.writeUInt32LE(cdOffset >= T ? 0xffffffff : cdOffset, 16);
  await out.append(eocd);
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

function u32le(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function localHeader(
  versionNeeded: number, flags: number, method: number, time: number, date: number,
  crc: number, csize: number, size: number, name: Buffer, extras: Buffer[],
): Buffer {
  const extra = Buffer.concat(extras);
  const h = Buffer.alloc(30 + name.length + extra.length);
  h.writeUInt32LE(SIG_LOCAL, 0);
  h.writeUInt16LE(versionNeeded, 4);
  h.writeUInt16LE(flags, 6);
  h.writeUInt16LE(method, 8);
  h.writeUInt16LE(time, 10);
  h.writeUInt16LE(date, 12);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(csize, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(extra.length, 28);
  name.copy(h, 30);
  extra.copy(h, 30 + name.length);
  return h;
}

async function pump(
  source: Readable | AsyncIterable<Uint8Array>,
  methodCode: number,
  level: number,
  out: Output,
  declared: number | undefined,
  zip64Threshold: number,
  name: string,
  hash: Hash | undefined,
  onBytes: (n: number) => void,
  signal: AbortSignal | undefined,
): Promise<{ crc: number; size: number; csize: number }> {
  let crc = 0;
  let size = 0;
  let csize = 0;
  async function* tap(src: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
    for await (const c of src) {
      const b = toBuffer(c);
      if (b.length === 0) continue;
      size += b.length;
      if (declared !== undefined && size > declared) {
        throw new ZipWriteError(`entry ${JSON.stringify(name)}: more data than the declared/stat size ${declared}`);
      }
      if (declared === undefined && size >= zip64Threshold) {
        throw new ZipWriteError(`entry ${JSON.stringify(name)}: stream without a declared size reached the 4 GiB ZIP64 limit; pass \`size\``);
      }
      crc = crc32(b, crc);
      hash?.update(b);
      onBytes(b.length);
      yield b;
    }
  }
  async function write(src: AsyncIterable<Buffer>): Promise<void> {
    for await (const c of src) {
      csize += c.length;
      await out.append(c);
    }
  }
  const opts = signal ? { signal } : {};
  if (methodCode === 8) await pipeline(source, tap, createDeflateRaw({ level }), write, opts);
  else {
    // Stored: no stream machinery per entry (thousands of small files), each chunk written as read.
    try {
      for await (const b of tap(source as AsyncIterable<unknown>)) {
        signal?.throwIfAborted();
        csize += b.length;
        await out.append(b);
      }
    } finally {
      if (typeof (source as Readable).destroy === 'function') (source as Readable).destroy();
    }
  }
  return { crc, size, csize };
}

/**
 * Writes a zip to `output` (ends it when done; destroys it on error). Entries whose CRC is not
 * known up front (path/stream) get data descriptors, since a stream cannot be patched.
 */
export async function writeZip(output: Writable, entries: readonly ZipEntryInput[], options: ZipWriteOptions): Promise<ZipWriteResult> {
  const sink = new StreamSink(output);
  try {
    const result = await writeArchive(new Output(sink), entries, options);
    await sink.finish();
    return result;
  } catch (e) {
    output.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}

/**
 * Writes a zip to a temporary file beside `targetPath` (patching each local header, so no data
 * descriptors are needed), fsyncs it and renames it over `targetPath`. On error the temporary
 * file is removed and `targetPath` is left untouched.
 */
export async function writeZipAtomic(targetPath: string, entries: readonly ZipEntryInput[], options: ZipWriteOptions): Promise<ZipWriteResult> {
  // Temporaries of this target left by killed runs go first; this one is removed on a signal.
  removeStaleTemps(targetPath);
  const tmp = tempFor(targetPath);
  let fh;
  try {
    fh = await open(tmp, 'wx');
  } catch (e) {
    release(tmp);
    throw e;
  }
  let closed = false;
  try {
    const sink = new FileSink(fh, options.fsync ?? true);
    const result = await writeArchive(new Output(sink), entries, options);
    await sink.finish();
    await fh.close();
    closed = true;
    await rename(tmp, targetPath);
    release(tmp);
    return result;
  } catch (e) {
    if (!closed) await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    release(tmp);
    throw e;
  }
}
