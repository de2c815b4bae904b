import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import * as zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crc32,
  defaultMethodFor,
  encodeEntryName,
  fromDosDateTimeBeijing,
  hashEntry,
  openEntryStream,
  readZip,
  toDosDateTimeBeijing,
  validateEntryName,
  writeZip,
  writeZipAtomic,
  type ZipEntryInput,
  type ZipProgress,
  type ZipWriteOptions,
} from '../src/pack/zip/index.js';
import { crc32Portable } from '../src/pack/zip/crc32.js';
import { openEntrySource, readAhead, type ZipSource } from '../src/pack/zip/reader.js';

// ---------------------------------------------------------------------------------------------
// Independent raw parsing (does not use our reader), to check header bytes.

interface RawCentral {
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  csize: number;
  size: number;
  name: Buffer;
  extras: Map<number, Buffer>;
  externalAttrs: number;
  offset: number;
}
interface RawLocal {
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  csize: number;
  size: number;
  name: Buffer;
  extras: Map<number, Buffer>;
  dataStart: number;
}

function extrasOf(b: Buffer): Map<number, Buffer> {
  const m = new Map<number, Buffer>();
  for (let i = 0; i + 4 <= b.length; ) {
    const len = b.readUInt16LE(i + 2);
    m.set(b.readUInt16LE(i), b.subarray(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return m;
}

function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= 0; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  throw new Error('no EOCD');
}

function rawCentral(buf: Buffer): RawCentral[] {
  const e = findEocd(buf);
  let count = buf.readUInt16LE(e + 10);
  let off = buf.readUInt32LE(e + 16);
  if (buf.readUInt32LE(e - 20) === 0x07064b50) {
    const z = Number(buf.readBigUInt64LE(e - 20 + 8));
    count = Number(buf.readBigUInt64LE(z + 32));
    off = Number(buf.readBigUInt64LE(z + 48));
  }
  const out: RawCentral[] = [];
  for (let n = 0; n < count; n++) {
    expect(buf.readUInt32LE(off)).toBe(0x02014b50);
    const nl = buf.readUInt16LE(off + 28);
    const xl = buf.readUInt16LE(off + 30);
    const cl = buf.readUInt16LE(off + 32);
    out.push({
      versionMadeBy: buf.readUInt16LE(off + 4),
      versionNeeded: buf.readUInt16LE(off + 6),
      flags: buf.readUInt16LE(off + 8),
      method: buf.readUInt16LE(off + 10),
      time: buf.readUInt16LE(off + 12),
      date: buf.readUInt16LE(off + 14),
      crc: buf.readUInt32LE(off + 16),
      csize: buf.readUInt32LE(off + 20),
      size: buf.readUInt32LE(off + 24),
      externalAttrs: buf.readUInt32LE(off + 38),
      offset: buf.readUInt32LE(off + 42),
      name: buf.subarray(off + 46, off + 46 + nl),
      extras: extrasOf(buf.subarray(off + 46 + nl, off + 46 + nl + xl)),
    });
    off += 46 + nl + xl + cl;
  }
  return out;
}

function rawLocal(buf: Buffer, at: number): RawLocal {
  expect(buf.readUInt32LE(at)).toBe(0x04034b50);
  const nl = buf.readUInt16LE(at + 26);
  const xl = buf.readUInt16LE(at + 28);
  return {
    flags: buf.readUInt16LE(at + 6),
    method: buf.readUInt16LE(at + 8),
    time: buf.readUInt16LE(at + 10),
    date: buf.readUInt16LE(at + 12),
    crc: buf.readUInt32LE(at + 14),
    csize: buf.readUInt32LE(at + 18),
    size: buf.readUInt32LE(at + 22),
    name: buf.subarray(at + 30, at + 30 + nl),
    extras: extrasOf(buf.subarray(at + 30 + nl, at + 30 + nl + xl)),
    dataStart: at + 30 + nl + xl,
  };
}

/** A hand-made zip (stored or raw-deflated data given), for names/sizes our writer refuses. */
function handZip(
  items: { name: Buffer | string; flags?: number; method?: number; data: Buffer; size?: number; crc?: number; extra?: Buffer }[],
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const it of items) {
    const name = typeof it.name === 'string' ? Buffer.from(it.name, 'utf8') : it.name;
    const extra = it.extra ?? Buffer.alloc(0);
    const method = it.method ?? 0;
    const size = it.size ?? it.data.length;
    const crc = it.crc ?? (method === 0 ? crc32(it.data) : 0);
    const flags = it.flags ?? (typeof it.name === 'string' ? 0x800 : 0);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(flags, 6);
    l.writeUInt16LE(method, 8);
    l.writeUInt32LE(crc, 14);
    l.writeUInt32LE(it.data.length, 18);
    l.writeUInt32LE(size, 22);
    l.writeUInt16LE(name.length, 26);
    l.writeUInt16LE(extra.length, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(it.data.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(offset, 42);
    const local = Buffer.concat([l, name, extra, it.data]);
    locals.push(local);
    centrals.push(Buffer.concat([c, name, extra]));
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(items.length, 8);
  e.writeUInt16LE(items.length, 10);
  e.writeUInt32LE(cd.length, 12);
  e.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, e]);
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const DATE = new Date('2025-03-01T02:03:04Z');
const hasPython = spawnSync('python3', ['-c', 'import zipfile'], { stdio: 'ignore' }).status === 0;
const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
const sevenZip = ['7zz', '7z'].find((c) => spawnSync(c, ['i'], { stdio: 'ignore' }).status === 0);

let dir: string;
let evidence: string;
let evidenceBytes: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cluster-zip-'));
  evidenceBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200_000, 0x41), Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) & 0xff))]);
  evidence = join(dir, '营业执照.pdf');
  await writeFile(evidence, evidenceBytes);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sampleEntries(): ZipEntryInput[] {
  return [
    { name: '申报材料/manifest.json', data: JSON.stringify({ 名称: '特色产业集群', v: 1 }) },
    { name: '申报材料/证据/营业执照.pdf', path: evidence },
    { name: '申报材料/证据/说明.txt', stream: () => Readable.from([Buffer.from('第一行\n'), Buffer.from('第二行\n')]) },
    { name: '申报材料/空目录/' },
    { name: 'readme.txt', data: 'hello' },
  ];
}

async function contentsOf(path: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const e of await readZip(path)) if (!e.isDirectory) m.set(e.name, await hashEntry(e));
  return m;
}

// ---------------------------------------------------------------------------------------------

describe('names', () => {
  it('UTF-8 mode: bit 11 set, no 0x7075, round trip', async () => {
    const out = join(dir, 'utf8.zip');
    const res = await writeZipAtomic(out, sampleEntries(), { date: DATE });
    const buf = await readFile(out);
    const central = rawCentral(buf);
    expect(central.map((c) => c.name.toString('utf8'))).toEqual(sampleEntries().map((e) => e.name));
    for (const c of central) {
      expect(c.flags & 0x800).toBe(0x800);
      expect(c.extras.has(0x7075)).toBe(false);
      const l = rawLocal(buf, c.offset);
      expect(l.flags & 0x800).toBe(0x800);
      expect(l.name.equals(c.name)).toBe(true);
    }
    const entries = await readZip(out);
    expect(entries.map((e) => e.name)).toEqual(sampleEntries().map((e) => e.name));
    expect(entries.find((e) => e.name.endsWith('.pdf'))!.nameEncoding).toBe('utf8');
    const hashes = await contentsOf(out);
    expect(hashes.get('申报材料/证据/营业执照.pdf')).toBe(sha256(evidenceBytes));
    expect(hashes.get('申报材料/证据/说明.txt')).toBe(sha256('第一行\n第二行\n'));
    expect(hashes.get('readme.txt')).toBe(sha256('hello'));
    expect(res.entries.every((e) => e.nameFallback === undefined)).toBe(true);
  });

  it('GBK mode: bit 11 clear, GBK bytes, 0x7075 with correct CRC in local and central headers', async () => {
    const out = join(dir, 'gbk.zip');
    await writeZipAtomic(out, sampleEntries(), { date: DATE, filenameEncoding: 'gbk' });
    const buf = await readFile(out);
    const central = rawCentral(buf);
    for (const [i, c] of central.entries()) {
      const name = sampleEntries()[i]!.name;
      const l = rawLocal(buf, c.offset);
      expect(c.flags & 0x800).toBe(0);
      expect(l.flags & 0x800).toBe(0);
      expect(iconv.decode(c.name, 'gbk')).toBe(name);
      if (/^[\x00-\x7f]*$/.test(name)) {
        expect(c.extras.has(0x7075)).toBe(false);
        continue;
      }
      expect(c.name.equals(Buffer.from(name, 'utf8'))).toBe(false);
      for (const up of [c.extras.get(0x7075), l.extras.get(0x7075)]) {
        expect(up).toBeDefined();
        expect(up![0]).toBe(1);
        expect(up!.readUInt32LE(1)).toBe(zlib.crc32(c.name) >>> 0);
        expect(up!.subarray(5).toString('utf8')).toBe(name);
      }
    }
    const entries = await readZip(out);
    expect(entries.map((e) => e.name)).toEqual(sampleEntries().map((e) => e.name));
    expect(entries[0]!.nameEncoding).toBe('gbk+unicode-path');
    expect(entries[4]!.nameEncoding).toBe('ascii');
    expect((await contentsOf(out)).get('申报材料/证据/营业执照.pdf')).toBe(sha256(evidenceBytes));
  });

  it('GBK mode falls back to UTF-8 + bit 11 for names GBK cannot hold or with a 0x5C trail byte', async () => {
    const names = ['𠀀.pdf', '運輸合同.pdf', '项目•简介.txt', '不间断\u00a0空格.txt', '表情😀.txt', '欧元€.txt', '正常名称.txt'];
    expect(iconv.encode('運', 'gbk')[1]).toBe(0x5c);
    const out = join(dir, 'fallback.zip');
    const res = await writeZipAtomic(out, names.map((name) => ({ name, data: name })), { date: DATE, filenameEncoding: 'gbk' });
    expect(res.entries.map((e) => e.nameFallback)).toEqual(['unmappable', 'trail-0x5c', 'unmappable', 'unmappable', 'unmappable', 'cp936-only', undefined]);
    const buf = await readFile(out);
    const central = rawCentral(buf);
    for (const [i, c] of central.entries()) {
      const fellBack = i < names.length - 1;
      expect(c.flags & 0x800).toBe(fellBack ? 0x800 : 0);
      expect(c.extras.has(0x7075)).toBe(!fellBack);
      if (fellBack) expect(c.name.toString('utf8')).toBe(names[i]);
      if (fellBack) expect(c.name.includes(0x5c)).toBe(false);
    }
    expect((await readZip(out)).map((e) => e.name)).toEqual(names);
  });

  it('reader decodes plain GBK names (no flag, no 0x7075) and ignores a 0x7075 whose CRC does not match', async () => {
    const gbk = iconv.encode('申报书/附件一.txt', 'gbk');
    const stale = Buffer.concat([Buffer.from([1]), Buffer.alloc(4), Buffer.from('wrong.txt')]);
    const extra = Buffer.concat([Buffer.from([0x75, 0x70, stale.length, 0]), stale]);
    const p = join(dir, 'plain-gbk.zip');
    await writeFile(p, handZip([
      { name: gbk, flags: 0, data: Buffer.from('x') },
      { name: iconv.encode('附件二.txt', 'gbk'), flags: 0, data: Buffer.from('y'), extra },
    ]));
    const entries = await readZip(p);
    expect(entries.map((e) => [e.name, e.nameEncoding])).toEqual([
      ['申报书/附件一.txt', 'gbk'],
      ['附件二.txt', 'gbk'],
    ]);
  });

  it('writer rejects unsafe or Windows-invalid names and duplicates', async () => {
    for (const bad of ['../a.txt', 'a/../b.txt', '/abs.txt', 'a\\b.txt', 'a//b.txt', 'CON.txt', 'dir/nul', 'a:b.txt', 'x?.txt', 'trail.', 'sp ', '', 'ctl\u0001.txt']) {
      expect(() => validateEntryName(bad), bad).toThrow(/invalid zip entry name/);
    }
    for (const good of ['a.txt', '申报材料/证据/营业执照.pdf', 'dir/', '.hidden', 'console.txt', 'a b/c.d.txt']) validateEntryName(good);
    const opts = { date: DATE };
    await expect(writeZipAtomic(join(dir, 'dup.zip'), [{ name: 'A.txt', data: '1' }, { name: 'a.TXT', data: '2' }], opts)).rejects.toThrow(/duplicate/);
    await expect(writeZipAtomic(join(dir, 'dup.zip'), [{ name: 'a', data: '1' }, { name: 'a/b.txt', data: '2' }], opts)).rejects.toThrow(/already a file/);
    await expect(writeZipAtomic(join(dir, 'dup.zip'), [{ name: 'a/b.txt', data: '1' }, { name: 'A', data: '2' }], opts)).rejects.toThrow(/duplicate/);
    await expect(writeZipAtomic(join(dir, 'dup.zip'), [{ name: 'x.txt' }], opts)).rejects.toThrow(/exactly one/);
    expect(await readdir(dir)).not.toContain('dup.zip');
  });

  it('encodeEntryName: ASCII in GBK mode has neither flag nor 0x7075', () => {
    const e = encodeEntryName('evidence/a.pdf', 'gbk');
    expect(e.utf8Flag).toBe(false);
    expect(e.unicodePath).toBeUndefined();
  });
});

describe('compression method', () => {
  it('defaultMethodFor stores compressed types and deflates others', () => {
    for (const n of ['a.pdf', 'B.PDF', 'x/y.jpg', 'p.jpeg', 'i.png', 'z.zip', 'd.docx', 'x.xlsx', 'o.ofd', 'dir/']) expect(defaultMethodFor(n), n).toBe('store');
    for (const n of ['m.json', 'a.csv', 'r.txt', 'noext', 'x.doc', '.pdf']) expect(defaultMethodFor(n), n).toBe('deflate');
  });

  it('per-entry choice is written as method 0/8; empty files are stored', async () => {
    const out = join(dir, 'methods.zip');
    const text = 'abc'.repeat(10_000);
    await writeZipAtomic(
      out,
      [
        { name: 'auto.pdf', path: evidence },
        { name: 'auto.json', data: text },
        { name: 'forced-deflate.pdf', path: evidence, method: 'deflate' },
        { name: 'forced-store.txt', data: text, method: 'store' },
        { name: 'empty.txt', data: '' },
        { name: 'stream.csv', stream: () => Readable.from([text]) },
      ],
      { date: DATE },
    );
    const central = rawCentral(await readFile(out));
    expect(central.map((c) => c.method)).toEqual([0, 8, 8, 0, 0, 8]);
    expect(central[1]!.csize).toBeLessThan(1000);
    expect(central[3]!.csize).toBe(text.length);
    const entries = await readZip(out);
    expect(entries.map((e) => e.method)).toEqual(['store', 'deflate', 'deflate', 'store', 'store', 'deflate']);
    const h = await contentsOf(out);
    expect(h.get('forced-deflate.pdf')).toBe(sha256(evidenceBytes));
    expect(h.get('stream.csv')).toBe(sha256(text));
    expect(h.get('empty.txt')).toBe(sha256(''));
  });
});

describe('determinism and time', () => {
  it('same inputs give byte-identical zips (atomic and stream modes, two time zones)', async () => {
    const tz = process.env.TZ;
    const results: Buffer[] = [];
    try {
      for (const zone of ['Asia/Shanghai', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        for (const mode of ['atomic', 'stream'] as const) {
          const p = join(dir, `det-${zone.replace('/', '_')}-${mode}.zip`);
          for (const enc of ['utf8', 'gbk'] as const) {
            const opts: ZipWriteOptions = { date: DATE, filenameEncoding: enc };
            if (mode === 'atomic') await writeZipAtomic(p, sampleEntries(), opts);
            else await writeZip(createWriteStream(p), sampleEntries(), opts);
            results.push(await readFile(p));
          }
        }
      }
      process.env.TZ = 'Asia/Shanghai';
      const h1 = DATE.getHours();
      process.env.TZ = 'America/Los_Angeles';
      const h2 = DATE.getHours();
      expect(h1).not.toBe(h2); // the TZ switch really took effect
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    // index: zone*4 + mode*2 + enc
    for (let i = 0; i < 4; i++) expect(results[i]!.equals(results[i + 4]!), `variant ${i}`).toBe(true);
    expect(results[0]!.equals(results[1]!)).toBe(false); // utf8 vs gbk differ
    expect(results[0]!.equals(results[2]!)).toBe(false); // atomic (patched) vs stream (descriptors) differ
  });

  it('DOS time is Beijing wall time; 0x5455 holds the UTC Unix time', async () => {
    const date = new Date('2024-12-31T16:30:11.900Z'); // Beijing 2025-01-01 00:30:11
    const dt = toDosDateTimeBeijing(date);
    expect(dt.date).toBe(((2025 - 1980) << 9) | (1 << 5) | 1);
    expect(dt.time).toBe((0 << 11) | (30 << 5) | (11 >> 1));
    expect(fromDosDateTimeBeijing(dt.date, dt.time).toISOString()).toBe('2024-12-31T16:30:10.000Z');
    const out = join(dir, 'time.zip');
    await writeZipAtomic(out, [{ name: 'a.txt', data: 'a' }, { name: 'b.pdf', path: evidence }], { date });
    const buf = await readFile(out);
    for (const c of rawCentral(buf)) {
      const l = rawLocal(buf, c.offset);
      for (const h of [c, l]) {
        expect(h.date).toBe(dt.date);
        expect(h.time).toBe(dt.time);
        const ut = h.extras.get(0x5455)!;
        expect(ut.length).toBe(5);
        expect(ut[0]).toBe(1);
        expect(ut.readUInt32LE(1)).toBe(Math.floor(date.getTime() / 1000));
      }
      expect(c.versionMadeBy >> 8).toBe(0); // MS-DOS host: Windows decodes non-UTF-8 names with CP936
    }
    const [e] = await readZip(out);
    expect(e!.lastModified.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
    await writeZipAtomic(out, [{ name: 'a.txt', data: 'a' }], { date, extendedTimestamp: false });
    expect(rawCentral(await readFile(out))[0]!.extras.has(0x5455)).toBe(false);
  });
});

describe('structure', () => {
  it('atomic mode patches local headers (no descriptors); stream mode uses descriptors for streamed entries', async () => {
    const a = join(dir, 'patched.zip');
    const s = join(dir, 'described.zip');
    await writeZipAtomic(a, sampleEntries(), { date: DATE });
    await writeZip(createWriteStream(s), sampleEntries(), { date: DATE });
    const ab = await readFile(a);
    for (const c of rawCentral(ab)) {
      const l = rawLocal(ab, c.offset);
      expect(c.flags & 8).toBe(0);
      expect(l.extras.has(0x0001)).toBe(false);
      expect(c.versionNeeded).toBeLessThan(45);
      expect([l.crc, l.csize, l.size]).toEqual([c.crc, c.csize, c.size]);
    }
    const sb = await readFile(s);
    const flags = rawCentral(sb).map((c) => c.flags & 8);
    expect(flags).toEqual([0, 8, 8, 0, 0]); // data / dir entries are known up front
    expect(await contentsOf(s)).toEqual(await contentsOf(a));
  });

  it('reports progress and SHA-256', async () => {
    const seen: ZipProgress[] = [];
    const entries = sampleEntries().filter((e) => !e.stream);
    const res = await writeZipAtomic(join(dir, 'progress.zip'), entries, { date: DATE, sha256: true, onProgress: (p) => seen.push({ ...p }) });
    const last = seen[seen.length - 1]!;
    expect(last.entriesDone).toBe(entries.length);
    expect(last.bytesTotal).toBe(last.bytesDone);
    expect(last.bytesDone).toBe(res.entries.reduce((s, e) => s + e.size, 0));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytesDone).toBeGreaterThanOrEqual(seen[i - 1]!.bytesDone);
    expect(res.entries[1]!.sha256).toBe(sha256(evidenceBytes));
    const withStream = await writeZipAtomic(join(dir, 'progress2.zip'), sampleEntries(), { date: DATE, onProgress: (p) => seen.push(p) });
    expect(seen[seen.length - 1]!.bytesTotal).toBeUndefined();
    expect(withStream.entries.length).toBe(5);
  });

  it('atomic write leaves nothing behind on error and keeps an existing target', async () => {
    const sub = await mkdtemp(join(dir, 'atomic-'));
    const target = join(sub, 'out.zip');
    await writeFile(target, 'old');
    const failing: ZipEntryInput[] = [
      { name: 'ok.txt', data: 'ok' },
      {
        name: 'boom.bin',
        stream: () =>
          Readable.from(
            (async function* () {
              yield Buffer.alloc(1000);
              throw new Error('disk went away');
            })(),
          ),
      },
    ];
    await expect(writeZipAtomic(target, failing, { date: DATE })).rejects.toThrow(/disk went away/);
    expect(await readdir(sub)).toEqual(['out.zip']);
    expect(await readFile(target, 'utf8')).toBe('old');
    // declared size mismatch
    await expect(writeZipAtomic(target, [{ name: 'a.bin', stream: () => Readable.from([Buffer.alloc(10)]), size: 5 }], { date: DATE })).rejects.toThrow(/declared/);
    await expect(writeZipAtomic(target, [{ name: 'a.bin', stream: () => Readable.from([Buffer.alloc(3)]), size: 5 }], { date: DATE })).rejects.toThrow(/declared size 5/);
    await expect(writeZipAtomic(target, [{ name: 'gone.pdf', path: join(sub, 'missing.pdf') }], { date: DATE })).rejects.toThrow(/ENOENT/);
    // an undeclared stream may not cross the ZIP64 limit (no ZIP64 fields were reserved)
    await expect(
      writeZipAtomic(target, [{ name: 'u.bin', stream: () => Readable.from([Buffer.alloc(600), Buffer.alloc(600)]) }], { date: DATE, zip64Threshold: 1000 }),
    ).rejects.toThrow(/pass `size`/);
    expect(await readdir(sub)).toEqual(['out.zip']);
    // success replaces
    await writeZipAtomic(target, [{ name: 'new.txt', data: 'new' }], { date: DATE });
    expect((await readZip(target)).map((e) => e.name)).toEqual(['new.txt']);
    expect(await readdir(sub)).toEqual(['out.zip']);
  });

  it('can be aborted; the temp file is removed', async () => {
    const sub = await mkdtemp(join(dir, 'abort-'));
    const ac = new AbortController();
    const entries: ZipEntryInput[] = [
      { name: 'a.pdf', path: evidence },
      { name: 'b.bin', stream: () => Readable.from((async function* () { for (let i = 0; i < 1000; i++) yield Buffer.alloc(64 * 1024, i); })()) },
      { name: 'c.txt', data: 'c' },
    ];
    const p = writeZipAtomic(join(sub, 'x.zip'), entries, {
      date: DATE,
      signal: ac.signal,
      onProgress: (pr) => {
        if (pr.bytesDone > evidenceBytes.length + 1_000_000) ac.abort();
      },
    });
    await expect(p).rejects.toThrow(/abort/i);
    expect(await readdir(sub)).toEqual([]);
  });

  it('writeZip to a stream: ends it on success, destroys it on error', async () => {
    const chunks: Buffer[] = [];
    let finished = false;
    const sink = new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        cb();
      },
      final(cb) {
        finished = true;
        cb();
      },
    });
    const res = await writeZip(sink, sampleEntries(), { date: DATE });
    expect(finished).toBe(true);
    expect(Buffer.concat(chunks).length).toBe(res.bytes);
    const bad = new Writable({ write: (_c, _e, cb) => cb() });
    await expect(writeZip(bad, [{ name: 'x', stream: () => Readable.from([1 as unknown as Buffer]) }], { date: DATE })).rejects.toThrow(/expected bytes/);
    expect(bad.destroyed).toBe(true);
  });

  it('ZIP64 structures (forced by a low threshold) are written and read back, both modes', async () => {
    const entries: ZipEntryInput[] = Array.from({ length: 7 }, (_, i) => ({ name: `证据/${i}.bin`, data: Buffer.alloc(600 + i, i), method: 'store' as const }));
    entries.push({ name: '证据/big.bin', path: evidence, method: 'store' });
    entries.push({ name: '证据/big-deflate.bin', path: evidence, method: 'deflate' });
    const opts: ZipWriteOptions = { date: DATE, zip64Threshold: 1000, zip64EntryThreshold: 5 };
    for (const mode of ['atomic', 'stream']) {
      const p = join(dir, `z64-${mode}.zip`);
      const res = mode === 'atomic' ? await writeZipAtomic(p, entries, opts) : await writeZip(createWriteStream(p), entries, opts);
      expect(res.zip64).toBe(true);
      const buf = await readFile(p);
      const e = findEocd(buf);
      expect(buf.readUInt16LE(e + 10)).toBe(0xffff);
      expect(buf.readUInt32LE(e + 16)).toBe(0xffffffff);
      expect(buf.readUInt32LE(e - 20)).toBe(0x07064b50);
      const central = rawCentral(buf);
      expect(central.length).toBe(9);
      const big = central[7]!;
      expect(big.size).toBe(0xffffffff);
      expect(big.offset).toBe(0xffffffff);
      expect(big.versionNeeded).toBe(45);
      expect(big.extras.has(0x0001)).toBe(true);
      const bigLocal = rawLocal(buf, res.entries[7]!.offset);
      expect([bigLocal.size, bigLocal.csize]).toEqual([0xffffffff, 0xffffffff]);
      const lz = bigLocal.extras.get(0x0001)!;
      if (mode === 'atomic') {
        expect(bigLocal.flags & 8).toBe(0);
        expect(bigLocal.crc).toBe(big.crc);
        expect([Number(lz.readBigUInt64LE(0)), Number(lz.readBigUInt64LE(8))]).toEqual([evidenceBytes.length, evidenceBytes.length]);
      } else {
        expect(bigLocal.flags & 8).toBe(8);
        const d = bigLocal.dataStart + evidenceBytes.length;
        expect(buf.readUInt32LE(d)).toBe(0x08074b50);
        expect(buf.readUInt32LE(d + 4)).toBe(big.crc);
        expect(Number(buf.readBigUInt64LE(d + 16))).toBe(evidenceBytes.length);
        expect(buf.readUInt32LE(d + 24)).toBe(0x04034b50); // next local header right after the 24-byte descriptor
      }
      const list = await readZip(p);
      expect(list.map((x) => x.name)).toEqual(entries.map((x) => x.name));
      expect(list[7]!.size).toBe(evidenceBytes.length);
      expect(list.map((x) => x.offset)).toEqual(res.entries.map((x) => x.offset));
      const h = await contentsOf(p);
      expect(h.get('证据/big.bin')).toBe(sha256(evidenceBytes));
      expect(h.get('证据/big-deflate.bin')).toBe(sha256(evidenceBytes));
      if (hasPython) {
        const py = spawnSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.infolist()))', p], { encoding: 'utf8' });
        expect(py.stderr).toBe('');
        expect(py.stdout.trim()).toBe('9');
      }
      if (hasUnzip) expect(spawnSync('unzip', ['-tq', p], { encoding: 'utf8' }).status).toBe(0);
    }
  });

  it('writes more than 65535 entries with ZIP64 end records', async () => {
    const n = 70_000;
    const entries: ZipEntryInput[] = Array.from({ length: n }, (_, i) => ({ name: `f/${i}.txt`, data: '' }));
    const p = join(dir, 'many.zip');
    await writeZipAtomic(p, entries, { date: DATE });
    const buf = await readFile(p);
    const e = findEocd(buf);
    expect(buf.readUInt16LE(e + 10)).toBe(0xffff);
    expect(buf.readUInt32LE(e + 16)).not.toBe(0xffffffff); // only overflowing fields are maxed
    const list = await readZip(p);
    expect(list.length).toBe(n);
    expect(list[n - 1]!.name).toBe(`f/${n - 1}.txt`);
    await expect(readZip(p, { maxEntries: 1000 })).rejects.toThrow(/70000 entries exceeds the limit/);
    if (hasPython) {
      const py = spawnSync('python3', ['-c', 'import sys,zipfile; print(len(zipfile.ZipFile(sys.argv[1]).infolist()))', p], { encoding: 'utf8' });
      expect(py.stdout.trim()).toBe(String(n));
    }
  });
});

describe('reader safety', () => {
  it('rejects a non-zip and a truncated zip with clear errors', async () => {
    const notZip = join(dir, 'not.zip');
    await writeFile(notZip, 'this is not a zip file at all, just text '.repeat(10));
    await expect(readZip(notZip)).rejects.toThrow(/not a zip file/);
    await writeFile(notZip, '');
    await expect(readZip(notZip)).rejects.toThrow(/not a zip file/);
    const good = join(dir, 'trunc-src.zip');
    await writeZipAtomic(good, sampleEntries(), { date: DATE });
    const buf = await readFile(good);
    for (const cut of [Math.floor(buf.length / 2), buf.length - 10, buf.length - 30]) {
      const t = join(dir, `trunc-${cut}.zip`);
      await writeFile(t, buf.subarray(0, cut));
      await expect(readZip(t)).rejects.toThrow(/truncated/);
    }
    // central directory damaged but end record intact
    const cdCut = Buffer.concat([buf.subarray(0, 100), buf.subarray(buf.length - 22)]);
    await writeFile(join(dir, 'cd.zip'), cdCut);
    await expect(readZip(join(dir, 'cd.zip'))).rejects.toThrow(/truncated, prefixed or corrupt|unexpected end/);
  });

  it('rejects traversal and absolute names', async () => {
    for (const name of ['../evil.txt', 'a/../../evil.txt', '/etc/passwd', 'C:/Windows/x.dll', '..\\evil.txt', 'a/..']) {
      const p = join(dir, 'trav.zip');
      await writeFile(p, handZip([{ name: 'ok.txt', data: Buffer.from('ok') }, { name, data: Buffer.from('x') }]));
      await expect(readZip(p), name).rejects.toThrow(/unsafe entry name/);
    }
    const p = join(dir, 'dupe.zip');
    await writeFile(p, handZip([{ name: 'a.txt', data: Buffer.from('1') }, { name: 'A.TXT', data: Buffer.from('2') }]));
    await expect(readZip(p)).rejects.toThrow(/duplicate/);
    await writeFile(p, handZip([{ name: iconv.encode('運.txt', 'gbk'), flags: 0, data: Buffer.from('1') }]));
    await expect(readZip(p)).rejects.toThrow(/0x5C/);
  });

  it('refuses to open unsupported or encrypted entries', async () => {
    const p = join(dir, 'methods-bad.zip');
    await writeFile(p, handZip([{ name: 'lzma.bin', method: 14, data: Buffer.from('xx') }, { name: 'enc.bin', flags: 0x801, data: Buffer.from('yy') }]));
    const [a, b] = await readZip(p);
    expect(a!.method).toBe('unsupported');
    await expect(openEntryStream(a!)).rejects.toThrow(/unsupported compression method 14/);
    await expect(openEntryStream(b!)).rejects.toThrow(/encrypted/);
  });

  it('detects a tampered byte in a stored entry (CRC) and mismatched local headers', async () => {
    const p = join(dir, 'tamper.zip');
    await writeZipAtomic(p, [{ name: '证据.pdf', path: evidence }], { date: DATE });
    const buf = await readFile(p);
    const l = rawLocal(buf, 0);
    buf[l.dataStart + 1234] ^= 0x01;
    await writeFile(p, buf);
    const [e] = await readZip(p);
    await expect(hashEntry(e!)).rejects.toThrow(/CRC-32 mismatch/);
    buf[l.dataStart + 1234] ^= 0x01;
    buf[30] ^= 0xff; // first byte of the local name
    await writeFile(p, buf);
    const [e2] = await readZip(p);
    await expect(openEntryStream(e2!)).rejects.toThrow(/local header name differs/);
  });

  it('is bomb-safe: stops inflating past the declared size; caps total size; rejects overlaps', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024); // 50 MiB of zeros → ~50 KiB deflated
    const deflated = zlib.deflateRawSync(big);
    const p = join(dir, 'bomb.zip');
    await writeFile(p, handZip([{ name: 'bomb.bin', method: 8, data: deflated, size: 1000, crc: 0 }]));
    const [e] = await readZip(p);
    const s = await openEntryStream(e!);
    let got = 0;
    await expect(
      (async () => {
        for await (const c of s) got += (c as Buffer).length;
      })(),
    ).rejects.toThrow(/exceeds declared size 1000/);
    expect(got).toBeLessThanOrEqual(1000);

    await writeFile(p, handZip([{ name: 'big.bin', method: 8, data: deflated, size: big.length, crc: zlib.crc32(big) >>> 0 }]));
    await expect(readZip(p, { maxTotalSize: 10 * 1024 * 1024 })).rejects.toThrow(/total uncompressed size exceeds/);
    const [ok] = await readZip(p);
    expect(await hashEntry(ok!)).toBe(sha256(big));

    // Two central entries pointing at the same local header (overlap bomb).
    const one = handZip([{ name: 'a.txt', data: Buffer.from('aaaa') }]);
    const le = findEocd(one);
    const cdOff = one.readUInt32LE(le + 16);
    const cdRec = one.subarray(cdOff, le);
    const cd2 = Buffer.from(cdRec);
    cd2[46] = 'b'.charCodeAt(0);
    const eocd = Buffer.from(one.subarray(le));
    eocd.writeUInt16LE(2, 8);
    eocd.writeUInt16LE(2, 10);
    eocd.writeUInt32LE(cdRec.length * 2, 12);
    await writeFile(p, Buffer.concat([one.subarray(0, cdOff), cdRec, cd2, eocd]));
    await expect(readZip(p)).rejects.toThrow(/overlaps/);
  });
});

describe('one source for many entries (pack --verify)', () => {
  it('readAhead gives the bytes of a direct read, for reads forward, backward, across and past its window', async () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7 + (i >> 3)) & 0xff);
    let reads = 0;
    const direct: ZipSource = {
      path: 'mem',
      size: data.length,
      read: async (position, length) => {
        reads++;
        if (position < 0 || position + length > data.length) throw new Error('unexpected end of file (truncated zip)');
        return data.slice(position, position + length);
      },
      close: async () => undefined,
    };
    const ra = readAhead(direct, 64);
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    const views: Array<[Uint8Array, number]> = [];
    for (let k = 0; k < 2000; k++) {
      const position = k < 500 ? (k * 2) % 990 : rand(1000);
      const length = rand(k % 10 === 0 ? 80 : 20);
      if (position + length > data.length) {
        await expect(ra.read(position, length)).rejects.toThrow(/truncated/);
        continue;
      }
      const got = await ra.read(position, length);
      expect(got).toEqual(data.subarray(position, position + length));
      views.push([got, position]);
    }
    // Views handed out earlier still hold their bytes after later refills.
    for (const [v, position] of views) expect(v).toEqual(data.subarray(position, position + v.length));
    // Small forward steps are served from the window: far fewer reads than calls.
    reads = 0;
    const fwd = readAhead(direct, 64);
    for (let position = 0; position + 4 <= 640; position += 4) await fwd.read(position, 4);
    expect(reads).toBe(10);
  });

  it('entries hashed through one opened source: the same digests and contents as opening each', async () => {
    const p = join(dir, 'shared.zip');
    const entries = sampleEntries();
    await writeZipAtomic(p, entries, { date: DATE });
    const read = await readZip(p);
    const shared = await openEntrySource(p);
    try {
      for (const e of read.filter((x) => !x.isDirectory)) expect(await hashEntry(e, shared)).toBe(await hashEntry(e));
      // Out of order too (the window is refilled backwards).
      for (const e of read.filter((x) => !x.isDirectory).reverse()) expect(await hashEntry(e, shared)).toBe(await hashEntry(e));
    } finally {
      await shared.close();
    }
    const other = await openEntrySource(p);
    await other.close();
    const elsewhere = join(dir, 'other.zip');
    await writeZipAtomic(elsewhere, entries, { date: DATE });
    const foreign = (await readZip(elsewhere)).find((x) => !x.isDirectory)!;
    const s2 = await openEntrySource(p);
    try {
      await expect(openEntryStream(foreign, s2)).rejects.toThrow(/read through/);
    } finally {
      await s2.close();
    }
  });
});

describe('interop', () => {
  it.skipIf(!hasPython)('python3 zipfile lists and tests both encodings (GBK names via metadata_encoding)', async () => {
    for (const enc of ['utf8', 'gbk'] as const) {
      const p = join(dir, `py-${enc}.zip`);
      await writeZipAtomic(p, [...sampleEntries(), { name: '𠀀.pdf', data: 'x' }], { date: DATE, filenameEncoding: enc });
      const script = [
        'import sys, zipfile, json',
        'kw = {"metadata_encoding": "gbk"} if sys.argv[2] == "gbk" else {}',
        // metadata_encoding applies only to names without the UTF-8 flag (Python ignores 0x7075)
        'z = zipfile.ZipFile(sys.argv[1], **kw)',
        'assert z.testzip() is None',
        'print(json.dumps([i.filename for i in z.infolist()], ensure_ascii=False))',
      ].join('\n');
      const out = execFileSync('python3', ['-c', script, p, enc], { encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual([...sampleEntries().map((e) => e.name), '𠀀.pdf']);
    }
  });

  it.skipIf(!hasUnzip)('Info-ZIP unzip -t accepts both encodings and reads 0x7075 names', async () => {
    for (const enc of ['utf8', 'gbk'] as const) {
      const p = join(dir, `unzip-${enc}.zip`);
      await writeZipAtomic(p, sampleEntries(), { date: DATE, filenameEncoding: enc });
      const r = spawnSync('unzip', ['-t', p], { encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('No errors detected');
      const l = spawnSync('unzip', ['-Z1', p], { encoding: 'utf8' });
      expect(l.stdout.trim().split('\n')).toEqual(sampleEntries().map((e) => e.name));
    }
  });

  it.skipIf(!sevenZip)('7-Zip tests both encodings and lists Unicode names', async () => {
    for (const enc of ['utf8', 'gbk'] as const) {
      const p = join(dir, `7z-${enc}.zip`);
      await writeZipAtomic(p, sampleEntries(), { date: DATE, filenameEncoding: enc });
      const r = spawnSync(sevenZip!, ['t', p], { encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const l = spawnSync(sevenZip!, ['l', '-slt', p], { encoding: 'utf8' });
      const names = [...l.stdout.matchAll(/^Path = (.*)$/gm)].map((m) => m[1]).slice(1);
      expect(names.map((n) => n!.replace(/\/$/, ''))).toEqual(sampleEntries().map((e) => e.name.replace(/\/$/, '')));
    }
  });
});

describe('crc32', () => {
  it('native and portable implementations agree', () => {
    const b = Buffer.from('申报材料 123 abc'.repeat(100));
    expect(crc32(b)).toBe(crc32Portable(b));
    expect(crc32(b.subarray(10), crc32(b.subarray(0, 10)))).toBe(crc32Portable(b));
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
