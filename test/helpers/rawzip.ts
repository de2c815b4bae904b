/**
 * A raw zip builder for the hostile-package corpus: writes exactly the bytes asked for, including
 * what no honest writer produces (local and central headers that disagree, hidden data, symlinks,
 * Unicode Path fields that contradict the raw name, comments…). Test code only.
 */
import { readFileSync } from 'node:fs';
import { crc32 } from '../../src/pack/zip/crc32.js';
import { readZip, type ZipEntryInfo } from '../../src/pack/zip/index.js';

export interface RawEntry {
  /** Name bytes of the central header (a string is written as UTF-8 with the UTF-8 flag). */
  name: string | Buffer;
  /** Name bytes of the local header (default: the central name). */
  localName?: Buffer;
  /** Data as stored (already compressed when method is 8). */
  payload: Buffer;
  /** Uncompressed size and CRC (default: of the payload, for stored entries). */
  size?: number;
  crc?: number;
  method?: number;
  flags?: number;
  localFlags?: number;
  localCrc?: number;
  localSize?: number;
  localCompressedSize?: number;
  localMethod?: number;
  centralExtra?: Buffer;
  localExtra?: Buffer;
  madeBy?: number;
  externalAttributes?: number;
  /** Bytes written before this entry's local header (hidden data). */
  before?: Buffer;
}

export interface RawZip {
  entries: RawEntry[];
  /** Bytes between the last entry and the central directory. */
  beforeCd?: Buffer;
  /** Bytes between the central directory and the end record. */
  afterCd?: Buffer;
  comment?: Buffer;
}

export function extraField(tag: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16LE(tag, 0);
  h.writeUInt16LE(payload.length, 2);
  return Buffer.concat([h, payload]);
}

/** The 0x7075 Unicode Path field naming `name`, for the raw name bytes `raw`. */
export function unicodePath(raw: Buffer, name: string): Buffer {
  const utf8 = Buffer.from(name, 'utf8');
  const p = Buffer.alloc(5 + utf8.length);
  p[0] = 1;
  p.writeUInt32LE(crc32(raw), 1);
  utf8.copy(p, 5);
  return extraField(0x7075, p);
}

export function buildZip(z: RawZip): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    pos += b.length;
  };
  const central: Buffer[] = [];
  for (const e of z.entries) {
    if (e.before) push(e.before);
    const nameBytes = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const flags = e.flags ?? (typeof e.name === 'string' ? 0x800 : 0);
    const method = e.method ?? 0;
    const size = e.size ?? e.payload.length;
    const crc = e.crc ?? crc32(e.payload);
    const offset = pos;
    const localName = e.localName ?? nameBytes;
    const localExtra = e.localExtra ?? e.centralExtra ?? Buffer.alloc(0);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(e.localFlags ?? flags, 6);
    l.writeUInt16LE(e.localMethod ?? method, 8);
    l.writeUInt16LE(0, 10);
    l.writeUInt16LE(0x21, 12);
    l.writeUInt32LE(e.localCrc ?? crc, 14);
    l.writeUInt32LE(e.localCompressedSize ?? e.payload.length, 18);
    l.writeUInt32LE(e.localSize ?? size, 22);
    l.writeUInt16LE(localName.length, 26);
    l.writeUInt16LE(localExtra.length, 28);
    push(Buffer.concat([l, localName, localExtra, e.payload]));
    const cExtra = e.centralExtra ?? Buffer.alloc(0);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(e.madeBy ?? 20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt16LE(0, 12);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(e.payload.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(nameBytes.length, 28);
    c.writeUInt16LE(cExtra.length, 30);
    c.writeUInt16LE(0, 32);
    c.writeUInt16LE(0, 34);
    c.writeUInt16LE(0, 36);
    c.writeUInt32LE(e.externalAttributes ?? 0, 38);
    c.writeUInt32LE(offset, 42);
    central.push(Buffer.concat([c, nameBytes, cExtra]));
  }
  if (z.beforeCd) push(z.beforeCd);
  const cdOffset = pos;
  const cd = Buffer.concat(central);
  push(cd);
  if (z.afterCd) push(z.afterCd);
  const comment = z.comment ?? Buffer.alloc(0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(z.entries.length, 8);
  end.writeUInt16LE(z.entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  end.writeUInt16LE(comment.length, 20);
  push(Buffer.concat([end, comment]));
  return Buffer.concat(parts);
}

/** The entries of a zip made by our writer, as raw entries (payload as stored) to rebuild and alter. */
export async function rawEntriesOf(path: string): Promise<Array<RawEntry & { info: ZipEntryInfo }>> {
  const buf = readFileSync(path);
  const entries = await readZip(path);
  return entries
    .sort((a, b) => a.offset - b.offset)
    .map((e) => {
      const nameLen = buf.readUInt16LE(e.offset + 26);
      const extraLen = buf.readUInt16LE(e.offset + 28);
      const start = e.offset + 30 + nameLen + extraLen;
      return {
        info: e,
        name: e.rawName,
        flags: e.flags,
        method: e.methodCode,
        payload: Buffer.from(buf.subarray(start, start + e.compressedSize)),
        size: e.size,
        crc: e.crc32,
        externalAttributes: e.externalAttributes,
        madeBy: e.madeBy,
      };
    });
}
