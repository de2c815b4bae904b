/**
 * Defensive ZIP reader for `cluster pack --verify` (own central-directory parser).
 *
 * - Finds the end record (and ZIP64 end record), requires the central directory to end exactly
 *   where the end records begin (rejects prefixed, truncated or inconsistent archives).
 * - Decodes names: UTF-8 flag, GBK + 0x7075 Unicode Path, plain GBK/CP936 fallback.
 * - Rejects unsafe names (absolute, '..', '\\', drive letters) and duplicates.
 * - Bomb-safe: caps on entry count and total declared uncompressed bytes, no overlapping entries,
 *   and entry streams stop as soon as they exceed the declared size; CRC and size checked at end.
 * - Pure (the CLI and the page): a path is opened by the host (`Host.openZipFile`), bytes are
 *   Uint8Array, deflate data is inflated by fflate in small steps (the same in both faces).
 */
import { Inflate } from 'fflate';
import { equalBytes, fromUtf8, latin1, rd16, rd32, rd64 } from '../../bytes.js';
import { host, type DigestQueue } from '../../host.js';
import { crc32 } from './crc32.js';
import { fromDosDateTimeBeijing } from './dostime.js';
import { decodeEntryName, type NameEncoding } from './names.js';
import type { ZipMethod } from './writer.js';

export interface ZipReadOptions {
  /** Maximum number of entries (default 100 000). */
  maxEntries?: number;
  /** Maximum sum of declared uncompressed sizes (default 64 GiB). */
  maxTotalSize?: number;
  /** Maximum central directory size in bytes (default 64 MiB). */
  maxCentralDirectorySize?: number;
  /**
   * Collect name problems here instead of throwing (verify: they are tampering, reported with the
   * rest, not "cannot read"): names unsafe to extract, undecodable names, GBK names with a 0x5C
   * byte, and names equal under case and Unicode normalisation. The entry is then left out of the
   * entries returned (a duplicate: the second one), so the archive still reads.
   */
  nameProblems?: ZipNameProblem[];
}

/** A name other extractors would write elsewhere or onto another entry (see `nameProblems`). */
export interface ZipNameProblem {
  name: string;
  zh: string;
  en: string;
}

const UNSAFE_ZH: Record<string, string> = {
  'empty name': '空文件名',
  'contains NUL': '含有 NUL 字符',
  'absolute path': '绝对路径',
  'drive letter': '带盘符',
  'contains "\\"': '含有反斜杠',
  'contains ".." (path traversal)': '含有 ..（路径穿越）',
};

export interface ZipEntryInfo {
  name: string;
  /** How the name was stored. */
  nameEncoding: NameEncoding | 'gbk+unicode-path';
  /** Raw bytes of the name field. */
  rawName: Uint8Array;
  compressedSize: number;
  size: number;
  /** 'store' (0), 'deflate' (8); 'unsupported' for anything else (see methodCode). */
  method: ZipMethod | 'unsupported';
  methodCode: number;
  crc32: number;
  /** Offset of the local header. */
  offset: number;
  isDirectory: boolean;
  flags: number;
  encrypted: boolean;
  /** From the 0x5455 extra field if present, else the DOS time read as Beijing time. */
  lastModified: Date;
  /** Path of the archive this entry belongs to (used by openEntryStream). */
  archivePath: string;
  /** The archive's bytes, when it was read from memory (openEntryStream reads these, not the path). */
  archiveData?: Uint8Array;
  /** Central header "version made by" (high byte: host system, 3 = Unix). */
  madeBy: number;
  /** Central header external attributes (Unix mode in the high 16 bits; MS-DOS attributes low). */
  externalAttributes: number;
  /** The name from the 0x7075 Unicode Path extra field, when there is one (whether or not it was used). */
  unicodePathName?: string;
}

/** Where the archive's parts lie (for `auditZip`). */
export interface ZipLayout {
  fileSize: number;
  cdOffset: number;
  cdSize: number;
  /** Start of the ZIP64 end record, when there is one. */
  zip64EndOffset?: number;
  eocdOffset: number;
  commentLength: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;

/** Reads exactly `length` bytes at `position` through a positional reader (a truncated zip otherwise). */
export async function readAt(fh: { read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }> }, position: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  let off = 0;
  while (off < length) {
    const { bytesRead } = await fh.read(buf, off, length - off, position + off);
    if (bytesRead === 0) throw new ZipFormatError('unexpected end of file (truncated zip)');
    off += bytesRead;
  }
  return buf;
}

function u64(buf: Uint8Array, off: number): number {
  const v = rd64(buf, off);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('64-bit value too large');
  return Number(v);
}

function parseExtras(extra: Uint8Array): Map<number, Uint8Array> {
  const m = new Map<number, Uint8Array>();
  let i = 0;
  while (i + 4 <= extra.length) {
    const tag = rd16(extra, i);
    const len = rd16(extra, i + 2);
    if (i + 4 + len > extra.length) break; // malformed tail: ignore (as Info-ZIP does)
    if (!m.has(tag)) m.set(tag, extra.subarray(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return m;
}

/** Throws unless `name` is a safe relative path. */
export function checkSafeName(name: string): void {
  const why = unsafeReason(name);
  if (why) throw new ZipFormatError(`unsafe entry name ${JSON.stringify(name)}: ${why}`);
}

export function unsafeReason(name: string): string | undefined {
  if (name.length === 0) return 'empty name';
  if (name.includes('\0')) return 'contains NUL';
  if (name.startsWith('/') || name.startsWith('\\')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  if (name.includes('\\')) return 'contains "\\"';
  if (name.split('/').some((s) => s === '..')) return 'contains ".." (path traversal)';
  return undefined;
}

/**
 * A zip already read into memory (a workbook: read once, bounded, then parsed from these bytes):
 * `name` is what messages call it. Its entries stream from the buffer, never from a path.
 */
export interface ZipBytes {
  name: string;
  data: Uint8Array;
}

/** Where the reader gets bytes: a file opened once (by the host), or bytes in memory. */
export interface ZipSource {
  path: string;
  size: number;
  /** Exactly `length` bytes at `position` (a ZipFormatError "truncated" otherwise). */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
  data?: Uint8Array;
}

async function zipSource(input: string | ZipBytes): Promise<ZipSource> {
  if (typeof input !== 'string') {
    const data = input.data;
    return {
      path: input.name,
      size: data.length,
      data,
      read: async (position, length) => {
        if (position + length > data.length) throw new ZipFormatError('unexpected end of file (truncated zip)');
        return data.subarray(position, position + length);
      },
      close: async () => undefined,
    };
  }
  return host().openZipFile(input);
}

/** Reads and validates the central directory of the zip at `path` (or of the bytes given). */
export async function readZip(path: string | ZipBytes, options: ZipReadOptions = {}): Promise<ZipEntryInfo[]> {
  return (await readZipLayout(path, options)).entries;
}

/** As `readZip`, with where the archive's parts lie. */
export async function readZipLayout(input: string | ZipBytes, options: ZipReadOptions = {}): Promise<{ entries: ZipEntryInfo[]; layout: ZipLayout }> {
  const maxEntries = options.maxEntries ?? 100_000;
  const maxTotal = options.maxTotalSize ?? 64 * 1024 ** 3;
  const maxCd = options.maxCentralDirectorySize ?? 64 * 1024 * 1024;
  const src = await zipSource(input);
  const path = src.path;
  try {
    const fileSize = src.size;
    const notZip = async (): Promise<ZipFormatError> => {
      const head = fileSize >= 4 ? await src.read(0, 4) : new Uint8Array(0);
      return head.length === 4 && rd32(head, 0) === SIG_LOCAL
        ? new ZipFormatError(`${path}: truncated zip (starts like a zip but the end of central directory record is missing)`)
        : new ZipFormatError(`${path}: not a zip file (no end of central directory record)`);
    };
    if (fileSize < 22) throw await notZip();

    // End of central directory: scan back over at most a 64 KiB comment.
    const tailLen = Math.min(fileSize, 22 + 0xffff);
    const tailStart = fileSize - tailLen;
    const tail = await src.read(tailStart, tailLen);
    let eocdAt = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (rd32(tail, i) === SIG_EOCD && i + 22 + rd16(tail, i + 20) === tail.length) {
        eocdAt = i;
        break;
      }
    }
    if (eocdAt < 0) throw await notZip();
    const eocdPos = tailStart + eocdAt;
    const e = tail.subarray(eocdAt);
    if (rd16(e, 4) !== 0 || rd16(e, 6) !== 0) throw new ZipFormatError(`${path}: multi-disk zips are not supported`);
    let count = rd16(e, 10);
    let cdSize = rd32(e, 12);
    let cdOffset = rd32(e, 16);
    if (rd16(e, 8) !== count) throw new ZipFormatError(`${path}: inconsistent entry counts in end record`);
    let cdEnd = eocdPos;
    let zip64EndOffset: number | undefined;

    // ZIP64 end record, located by the locator just before the end record.
    if (eocdPos >= 20) {
      const loc = await src.read(eocdPos - 20, 20);
      if (rd32(loc, 0) === SIG_ZIP64_LOCATOR) {
        const zPos = u64(loc, 8);
        if (zPos + 56 > eocdPos - 20) throw new ZipFormatError(`${path}: bad ZIP64 end record locator`);
        const z = await src.read(zPos, 56);
        if (rd32(z, 0) !== SIG_ZIP64_EOCD) throw new ZipFormatError(`${path}: ZIP64 end record missing`);
        if (rd32(z, 16) !== 0 || rd32(z, 20) !== 0) throw new ZipFormatError(`${path}: multi-disk zips are not supported`);
        const zCount = u64(z, 32);
        if (u64(z, 24) !== zCount) throw new ZipFormatError(`${path}: inconsistent entry counts in ZIP64 end record`);
        if (count !== 0xffff && count !== zCount) throw new ZipFormatError(`${path}: entry counts disagree between end records`);
        count = zCount;
        cdSize = u64(z, 40);
        cdOffset = u64(z, 48);
        cdEnd = zPos;
        zip64EndOffset = zPos;
      }
    }
    if (count > maxEntries) throw new ZipFormatError(`${path}: ${count} entries exceeds the limit of ${maxEntries}`);
    if (cdSize > maxCd) throw new ZipFormatError(`${path}: central directory of ${cdSize} bytes exceeds the limit of ${maxCd}`);
    if (cdOffset + cdSize !== cdEnd) {
      throw new ZipFormatError(`${path}: central directory (offset ${cdOffset}, size ${cdSize}) does not end at the end record (${cdEnd}); truncated, prefixed or corrupt zip`);
    }

    const cd = await src.read(cdOffset, cdSize);
    const entries: ZipEntryInfo[] = [];
    const seen = new Map<string, string>();
    let total = 0;
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || rd32(cd, p) !== SIG_CENTRAL) throw new ZipFormatError(`${path}: corrupt central directory at entry ${n}`);
      const flags = rd16(cd, p + 8);
      const methodCode = rd16(cd, p + 10);
      const time = rd16(cd, p + 12);
      const date = rd16(cd, p + 14);
      const crc = rd32(cd, p + 16);
      let compressedSize = rd32(cd, p + 20);
      let size = rd32(cd, p + 24);
      const nameLen = rd16(cd, p + 28);
      const extraLen = rd16(cd, p + 30);
      const commentLen = rd16(cd, p + 32);
      const diskStart = rd16(cd, p + 34);
      const madeBy = rd16(cd, p + 4);
      const externalAttributes = rd32(cd, p + 38);
      let offset = rd32(cd, p + 42);
      const end = p + 46 + nameLen + extraLen + commentLen;
      if (end > cd.length) throw new ZipFormatError(`${path}: corrupt central directory at entry ${n}`);
      const rawName = cd.slice(p + 46, p + 46 + nameLen);
      const extras = parseExtras(cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
      p = end;

      const z64 = extras.get(0x0001);
      if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff || diskStart === 0xffff) {
        let zi = 0;
        const take = (): number => {
          if (!z64 || zi + 8 > z64.length) throw new ZipFormatError(`${path}: entry ${n}: ZIP64 extra field missing or short`);
          const v = u64(z64, zi);
          zi += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (offset === 0xffffffff) offset = take();
      }
      if (diskStart !== 0 && diskStart !== 0xffff) throw new ZipFormatError(`${path}: multi-disk zips are not supported`);

      const up = extras.get(0x7075);
      const unicodePathName = up && up.length >= 5 ? fromUtf8(up.subarray(5)) : undefined;
      const decoded = decodeEntryName(rawName, (flags & (1 << 11)) !== 0, up);
      const collect = options.nameProblems;
      if (decoded.error) {
        if (!collect) throw new ZipFormatError(`${path}: entry ${n}: ${decoded.error}`);
        collect.push({ name: latin1(rawName), zh: `文件名无法解码（${decoded.error}）：各解压工具会得到不同的文件名`, en: `the name cannot be decoded (${decoded.error}): extractors would disagree on it` });
        continue;
      }
      const name = decoded.name;
      const why = unsafeReason(name);
      if (why) {
        if (!collect) checkSafeName(name);
        collect!.push({ name, zh: `不安全的文件名（${UNSAFE_ZH[why] ?? why}）：解压时会写到目标文件夹之外或别的位置`, en: `an unsafe name (${why}): extracting it writes outside the target folder or elsewhere` });
        continue;
      }
      if (decoded.encoding !== 'utf8' && decoded.encoding !== 'ascii' && rawName.includes(0x5c)) {
        // GBK trail byte 0x5C ('\\'): tools that split on the raw bytes see a folder separator.
        if (!collect) throw new ZipFormatError(`unsafe entry name ${JSON.stringify(name)}: GBK name bytes contain 0x5C ("\\")`);
        collect.push({ name, zh: 'GBK 编码的文件名字节中含有 0x5C（“\\”）：按字节读取的解压工具会把它当作文件夹分隔符', en: 'the GBK name bytes contain 0x5C ("\\"): extractors reading bytes take it for a folder separator' });
        continue;
      }
      // Case and Unicode normalisation: Windows and macOS would write both entries to one file.
      const key = name.replace(/\/$/, '').normalize('NFC').toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        if (!collect) throw new ZipFormatError(`${path}: duplicate entry name ${JSON.stringify(name)} (names are case-insensitive on Windows)`);
        collect.push(
          earlier === name
            ? { name, zh: 'zip 中有两个同名的文件：不同的解压工具取其中不同的一个', en: 'two entries of this name: extractors would take different ones' }
            : { name, zh: `与 ${earlier} 重名（Windows 不区分大小写和 Unicode 组合形式）：解压时一个会覆盖另一个`, en: `the same name as ${earlier} on Windows (case and Unicode normalisation ignored): one would overwrite the other` },
        );
        continue;
      }
      seen.set(key, name);

      total += size;
      if (total > maxTotal) throw new ZipFormatError(`${path}: total uncompressed size exceeds the limit of ${maxTotal} bytes`);
      if (methodCode === 0 && size !== compressedSize) throw new ZipFormatError(`${path}: stored entry ${JSON.stringify(name)} has different sizes`);

      let lastModified = fromDosDateTimeBeijing(date, time);
      const ut = extras.get(0x5455);
      if (ut && ut.length >= 5 && (ut[0]! & 1)) lastModified = new Date(rd32(ut, 1) * 1000);

      entries.push({
        name,
        nameEncoding: decoded.encoding,
        rawName,
        compressedSize,
        size,
        method: methodCode === 0 ? 'store' : methodCode === 8 ? 'deflate' : 'unsupported',
        methodCode,
        crc32: crc,
        offset,
        isDirectory: name.endsWith('/'),
        flags,
        encrypted: (flags & 1) !== 0,
        lastModified,
        archivePath: path,
        ...(src.data ? { archiveData: src.data } : {}),
        madeBy,
        externalAttributes,
        ...(unicodePathName !== undefined ? { unicodePathName } : {}),
      });
    }
    if (p !== cd.length) throw new ZipFormatError(`${path}: central directory has ${cd.length - p} unexpected trailing bytes`);

    // No two entries may share bytes (overlapping-entry zip bombs), all data before the CD.
    const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
    for (let i = 0; i < byOffset.length; i++) {
      const a = byOffset[i]!;
      const minEnd = a.offset + 30 + a.rawName.length + a.compressedSize;
      const limit = i + 1 < byOffset.length ? byOffset[i + 1]!.offset : cdOffset;
      if (minEnd > limit) throw new ZipFormatError(`${path}: entry ${JSON.stringify(a.name)} overlaps the next entry or the central directory`);
    }
    return { entries, layout: { fileSize, cdOffset, cdSize, ...(zip64EndOffset !== undefined ? { zip64EndOffset } : {}), eocdOffset: eocdPos, commentLength: rd16(e, 20) } };
  } finally {
    await src.close();
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Compressed bytes read at a time; deflate data is fed to the inflater in smaller steps. */
const READ_CHUNK = 1024 * 1024;
/** Deflate expands at most ~1032×: a step of 16 KiB yields at most ~16.5 MB before the size check. */
const INFLATE_STEP = 16 * 1024;

/**
 * The entry's uncompressed content, in chunks. Fails (ZipFormatError) if the data exceeds the declared
 * size (it stops inflating there), is shorter, is not valid deflate data, or the CRC-32 differs.
 */
export async function openEntryStream(entry: ZipEntryInfo, shared?: ZipEntrySource): Promise<AsyncIterable<Uint8Array>> {
  if (entry.isDirectory) throw new ZipFormatError(`${entry.name}: is a directory`);
  if (entry.encrypted) throw new ZipFormatError(`${entry.name}: encrypted entries are not supported`);
  if (entry.method === 'unsupported') throw new ZipFormatError(`${entry.name}: unsupported compression method ${entry.methodCode}`);
  if (shared && shared.path !== entry.archivePath) throw new Error(`${entry.name}: an entry of ${entry.archivePath} read through ${shared.path}`);
  const open = shared ? async () => shared.source : () => zipSource(entry.archiveData ? { name: entry.archivePath, data: entry.archiveData } : entry.archivePath);
  const close = shared ? async () => undefined : (s: ZipSource) => s.close();
  const src = await open();
  let dataStart: number;
  try {
    // The header and the name the central directory gives in one read (a local name that differs fails below).
    const h = await src.read(entry.offset, 30 + entry.rawName.length).catch(() => src.read(entry.offset, 30));
    if (rd32(h, 0) !== SIG_LOCAL) throw new ZipFormatError(`${entry.name}: local header not found at offset ${entry.offset}`);
    const nameLen = rd16(h, 26);
    const extraLen = rd16(h, 28);
    const localName = h.length === 30 + nameLen ? h.subarray(30) : await src.read(entry.offset + 30, nameLen);
    if (!equalBytes(localName, entry.rawName)) throw new ZipFormatError(`${entry.name}: local header name differs from central directory`);
    if (rd16(h, 8) !== entry.methodCode) throw new ZipFormatError(`${entry.name}: local header method differs from central directory`);
    dataStart = entry.offset + 30 + nameLen + extraLen;
  } finally {
    await close(src);
  }
  if (entry.archiveData && dataStart + entry.compressedSize > entry.archiveData.length) throw new ZipFormatError(`${entry.name}: unexpected end of file (truncated zip)`);
  return entryChunks(entry, open, close, dataStart);
}

/**
 * One archive opened once for many entries (`pack --verify` reads thousands): `openEntryStream` and
 * `hashEntry` read through it instead of opening the file twice per entry, and small reads are served
 * from a read-ahead window, so a package of many small files costs a few hundred reads, not tens of
 * thousands (each an open, a stat or a read handed to the thread pool). The caller closes it.
 */
export interface ZipEntrySource {
  readonly path: string;
  readonly source: ZipSource;
  close(): Promise<void>;
}

/** Reads of at least half this many bytes bypass the window; smaller ones refill it from their position on. */
const WINDOW = 4 * 1024 * 1024;

/**
 * `src` with a read-ahead window: the same bytes as `src.read` (a window only holds bytes read from the
 * file at its own position), in fewer reads when reading moves forward through the file in small steps.
 * Each window is a fresh buffer, so views handed out before stay valid.
 */
export function readAhead(src: ZipSource, window = WINDOW): ZipSource {
  if (src.data) return src;
  let start = 0;
  let buf: Uint8Array = new Uint8Array(0);
  return {
    path: src.path,
    size: src.size,
    close: () => src.close(),
    read: async (position, length) => {
      if (position >= start && position + length <= start + buf.length) return buf.subarray(position - start, position - start + length);
      if (length * 2 >= window || position + length > src.size) return src.read(position, length);
      buf = await src.read(position, Math.min(window, src.size - position));
      start = position;
      return buf.subarray(0, length);
    },
  };
}

/** The archive at `path` (or the bytes given) opened once for reading many of its entries (see ZipEntrySource). */
export async function openEntrySource(input: string | ZipBytes): Promise<ZipEntrySource> {
  const source = readAhead(await zipSource(input));
  return { path: source.path, source, close: () => source.close() };
}

async function* entryChunks(entry: ZipEntryInfo, open: () => Promise<ZipSource>, close: (s: ZipSource) => Promise<void>, dataStart: number): AsyncGenerator<Uint8Array> {
  let n = 0;
  let crc = 0;
  const out: Uint8Array[] = [];
  const take = (chunk: Uint8Array): void => {
    n += chunk.length;
    if (n > entry.size) throw new ZipFormatError(`${entry.name}: data exceeds declared size ${entry.size} (zip bomb or corrupt)`);
    crc = crc32(chunk, crc);
    out.push(chunk);
  };
  const inflater = entry.method === 'deflate' && entry.compressedSize > 0 ? new Inflate((chunk) => take(chunk)) : undefined;
  const feed = (piece: Uint8Array, final: boolean): void => {
    try {
      inflater!.push(piece, final);
    } catch (e) {
      if (e instanceof ZipFormatError) throw e;
      throw new ZipFormatError(`${entry.name}: invalid deflate data (${(e as Error).message})`);
    }
  };
  const src = entry.compressedSize > 0 ? await open() : undefined;
  try {
    const end = dataStart + entry.compressedSize;
    for (let pos = dataStart; pos < end; ) {
      const len = Math.min(READ_CHUNK, end - pos);
      const raw = await src!.read(pos, len);
      pos += len;
      if (inflater) {
        for (let i = 0; i < raw.length; i += INFLATE_STEP) {
          feed(raw.subarray(i, i + INFLATE_STEP), pos >= end && i + INFLATE_STEP >= raw.length);
          while (out.length) yield out.shift()!;
        }
      } else {
        // Stored: a copy when the chunk is a view of the caller's bytes would be wasted; a view is yielded.
        take(raw);
        yield out.shift()!;
      }
    }
  } finally {
    if (src) await close(src);
  }
  if (n !== entry.size) throw new ZipFormatError(`${entry.name}: got ${n} bytes, declared ${entry.size}`);
  if (crc !== entry.crc32) throw new ZipFormatError(`${entry.name}: CRC-32 mismatch (expected ${hex(entry.crc32)}, got ${hex(crc)})`);
}

/**
 * As `hashEntry`, with the SHA-256 computed on `queue` (the host's digest queue: another thread) while
 * the caller goes on: settles once the entry is read and its size and CRC-32 checked (a ZipFormatError
 * otherwise), to the digest still being computed. Without a queue, hashes here.
 */
export async function hashEntryQueued(entry: ZipEntryInfo, shared: ZipEntrySource, queue: DigestQueue | undefined): Promise<{ sha256: Promise<string> }> {
  if (!queue) return { sha256: Promise.resolve(await hashEntry(entry, shared)) };
  try {
    for await (const chunk of await openEntryStream(entry, shared)) {
      const room = queue.update(chunk);
      if (room) await room;
    }
  } catch (e) {
    // The stream fed so far is ended and dropped: the next entry starts a stream of its own.
    queue.end().catch(() => undefined);
    throw e;
  }
  return { sha256: queue.end().then((d) => d.sha256) };
}

/** Streams the entry and returns its SHA-256 hex digest; verifies size and CRC. */
export async function hashEntry(entry: ZipEntryInfo, shared?: ZipEntrySource): Promise<string> {
  const h = host().sha256();
  for await (const chunk of await openEntryStream(entry, shared)) h.update(chunk);
  return h.hex();
}
