/**
 * Real ZIP64 (> 4 GiB) without writing 4 GiB: the zip goes to a Writable that turns all-zero
 * chunks into holes of a sparse file, so offsets and sizes really pass 0xFFFFFFFF while the
 * disk holds only headers. Readers (ours, python, unzip) then see a genuine > 4 GiB archive.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEntry, readZip, writeZip } from '../src/pack/zip/index.js';

const MiB = 1024 * 1024;
const ZERO = Buffer.alloc(MiB);
const BIG = 4 * 1024 * MiB + 3 * MiB; // 4 GiB + 3 MiB

function zeros(total: number): Readable {
  let left = total;
  return new Readable({
    highWaterMark: MiB,
    read() {
      if (left === 0) return void this.push(null);
      const n = Math.min(left, MiB);
      left -= n;
      this.push(n === MiB ? ZERO : ZERO.subarray(0, n));
    },
  });
}

function isZero(b: Buffer): boolean {
  for (let i = 0; i < b.length; i += MiB) {
    const n = Math.min(MiB, b.length - i);
    if (!b.subarray(i, i + n).equals(ZERO.subarray(0, n))) return false;
  }
  return true;
}

class SparseFileSink extends Writable {
  position = 0;
  constructor(private readonly fh: FileHandle) {
    super({ highWaterMark: 4 * MiB });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    const at = this.position;
    this.position += chunk.length;
    if (isZero(chunk)) return cb(); // leave a hole
    this.fh.write(chunk, 0, chunk.length, at).then(() => cb(), cb);
  }
  override _final(cb: (e?: Error | null) => void): void {
    this.fh.truncate(this.position).then(() => this.fh.close()).then(() => cb(), cb);
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cluster-zip64-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('real ZIP64 (sparse, > 4 GiB)', () => {
  it('entry ≥ 4 GiB and an entry at offset ≥ 4 GiB are written and read back', async () => {
    const p = join(dir, 'big.zip');
    const fh = await open(p, 'w');
    const tail = '最后的文件 after 4 GiB';
    const res = await writeZip(
      new SparseFileSink(fh),
      [
        { name: '证据/大文件.bin', stream: () => zeros(BIG), size: BIG, method: 'store' },
        { name: '证据/unknown-size.bin', stream: () => zeros(2 * MiB), method: 'store' },
        { name: '证据/之后.txt', data: tail },
      ],
      { date: new Date('2025-03-01T00:00:00Z'), filenameEncoding: 'gbk' },
    );
    expect(res.zip64).toBe(true);
    const st = await stat(p);
    expect(st.size).toBe(res.bytes);
    expect(st.blocks * 512).toBeLessThan(64 * MiB); // really sparse
    expect(res.bytes).toBeGreaterThan(2 ** 32);

    const entries = await readZip(p);
    expect(entries.map((e) => e.name)).toEqual(['证据/大文件.bin', '证据/unknown-size.bin', '证据/之后.txt']);
    expect(entries[0]!.size).toBe(BIG);
    expect(entries[0]!.compressedSize).toBe(BIG);
    expect(entries[2]!.offset).toBeGreaterThan(2 ** 32);
    expect(entries.map((e) => e.offset)).toEqual(res.entries.map((e) => e.offset));
    expect(await hashEntry(entries[2]!)).toBe(createHash('sha256').update(tail).digest('hex'));
    expect(await hashEntry(entries[1]!)).toBe(createHash('sha256').update(Buffer.alloc(2 * MiB)).digest('hex'));

    // The ZIP64 data descriptor after the big entry has 8-byte sizes.
    const fh2 = await open(p, 'r');
    const lh = Buffer.alloc(30);
    await fh2.read(lh, 0, 30, entries[0]!.offset);
    expect(lh.readUInt32LE(18)).toBe(0xffffffff); // sizes deferred to ZIP64 extra + descriptor
    const d = Buffer.alloc(24);
    await fh2.read(d, 0, 24, entries[0]!.offset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28) + BIG);
    await fh2.close();
    expect(d.readUInt32LE(0)).toBe(0x08074b50);
    expect(Number(d.readBigUInt64LE(8))).toBe(BIG);
    expect(Number(d.readBigUInt64LE(16))).toBe(BIG);

    const py = spawnSync(
      'python3',
      ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1], metadata_encoding="gbk"); i=z.infolist(); print(i[0].file_size, i[2].header_offset, z.read(i[2]).decode())', p],
      { encoding: 'utf8' },
    );
    if (py.error === undefined && py.status !== null) {
      expect(py.stderr).toBe('');
      expect(py.stdout.trim()).toBe(`${BIG} ${entries[2]!.offset} ${tail}`);
    }
    const uz = spawnSync('unzip', ['-l', p], { encoding: 'utf8' });
    if (uz.error === undefined) {
      expect(uz.status).toBe(0);
      expect(uz.stdout).toContain(String(BIG));
      expect(uz.stdout).toContain('证据/之后.txt');
    }
  }, 120_000);
});
