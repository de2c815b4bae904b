/**
 * The Node face's digest queue (pack's evidence hashed on a worker thread) and the zip writer's use of
 * a CRC-32 given by an entry's producer: the same digests and the same zip bytes as hashing in line.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { workerDigestQueue } from '../src/digest-node.js';
import { zipToBytes, type ZipEntryInput } from '../src/pack/zip/writer.js';

const DATE = new Date('2024-06-01T08:00:00Z');

describe('worker digest queue', () => {
  it('gives the SHA-256 and CRC-32 of each stream, in order, however the bytes are chunked', async () => {
    const q = workerDigestQueue();
    expect(q).toBeDefined();
    try {
      // Empty streams, one byte, chunks larger than a job's piece (1 MiB) and together larger than the
      // ring (4 MiB: the queue must wait for the worker), one buffer refilled between updates.
      const sizes = [0, 1, 131072, 3 * 1024 * 1024 + 7, 0, 65536, 5 * 1024 * 1024, 12345];
      const want: Array<{ sha256: string; crc32: number }> = [];
      const got: Array<Promise<{ sha256: string; crc32: number }>> = [];
      const buf = Buffer.alloc(2 * 1024 * 1024 + 3);
      for (const size of sizes) {
        const data = randomBytes(size);
        want.push({ sha256: createHash('sha256').update(data).digest('hex'), crc32: crc32(data) >>> 0 });
        for (let at = 0; at < size; at += buf.length) {
          const n = Math.min(buf.length, size - at);
          data.copy(buf, 0, at, at + n);
          const wait = q!.update(buf.subarray(0, n));
          if (wait) await wait;
          buf.fill(0xa5); // the queue copied the bytes: refilling the buffer changes nothing
        }
        got.push(q!.end());
      }
      for (let i = 0; i < 300; i++) {
        const d = randomBytes(i * 37);
        want.push({ sha256: createHash('sha256').update(d).digest('hex'), crc32: crc32(d) >>> 0 });
        const wait = q!.update(d);
        if (wait) await wait;
        got.push(q!.end());
      }
      expect(await Promise.all(got)).toEqual(want);
    } finally {
      q!.close();
    }
  });

  it('a digest comes when the worker is done, never after the wait\'s 1 s timeout (a notification in the gap before the wait)', async () => {
    // The queue waits on the count its last check saw. It once read the count again just before
    // waiting: a worker that finished in between (then idled, notifying no one) was never heard and the
    // wait slept its whole second — pack --verify of 16 files took 1.3 s instead of 0.3 s in 1 run of 3.
    // The gap is widened here to make the worker finish inside it every time: each check of the results
    // (collect) is followed by a 5 ms pause.
    const q = workerDigestQueue()!;
    const inner = q as unknown as { collect(): void };
    const collect = inner.collect.bind(q);
    inner.collect = () => {
      collect();
      const t = performance.now();
      while (performance.now() - t < 5);
    };
    try {
      const slow: number[] = [];
      for (let i = 0; i < 12; i++) {
        const d = randomBytes(i * 100);
        const w = q.update(d);
        if (w) await w;
        const t = performance.now();
        const got = await q.end();
        if (performance.now() - t > 600) slow.push(i);
        expect(got.sha256).toBe(createHash('sha256').update(d).digest('hex'));
      }
      expect(slow).toEqual([]);
    } finally {
      q.close();
    }
  }, 60_000);

  it('hashes bytes read into its own memory (reserve, fill, commit) as if they were given', async () => {
    const q = workerDigestQueue()!;
    try {
      const want: string[] = [];
      const got: Array<Promise<{ sha256: string; crc32: number }>> = [];
      // 40 streams of up to 1 MiB: more than the ring holds, so reservations wait for the worker.
      for (let i = 0; i < 40; i++) {
        const a = randomBytes(((i * 7919) % 1024) * 1024 + i);
        const b = randomBytes(i * 100);
        want.push(createHash('sha256').update(a).update(b).digest('hex') + (crc32(b, crc32(a)) >>> 0));
        const r = q.reserve!(a.length);
        const view = r instanceof Promise ? await r : r!;
        expect(view.length).toBe(a.length);
        view.set(a);
        q.commit!();
        // The caller may still read what it committed until its next call.
        expect(Buffer.from(view).equals(a)).toBe(true);
        const wait = q.update(b);
        if (wait) await wait;
        got.push(q.end());
      }
      expect((await Promise.all(got)).map((d) => d.sha256 + d.crc32)).toEqual(want);
      // Too long for one piece: no reservation (the caller reads into its own buffer and updates).
      expect(q.reserve!(2 * 1024 * 1024)).toBeUndefined();
    } finally {
      q.close();
    }
  });

  it('rejects what is pending when closed, and refuses more work', async () => {
    const q = workerDigestQueue()!;
    q.update(randomBytes(3 * 1024 * 1024));
    const pending = q.end();
    q.close();
    // Either the worker finished it before the close, or it is rejected: never left hanging.
    await pending.then(
      (d) => expect(d.sha256).toMatch(/^[0-9a-f]{64}$/),
      (e: Error) => expect(e.message).toMatch(/closed/),
    );
  });
});

describe('zip writer with CRCs given by the producer', () => {
  const files = [randomBytes(200_000), randomBytes(1), randomBytes(70_000)];
  const entries = (given: boolean): ZipEntryInput[] =>
    files.map((data, i) => ({
      name: `root/f${i}.pdf`,
      size: data.length,
      stream: () =>
        (async function* () {
          for (let at = 0; at < data.length; at += 65536) yield data.subarray(at, at + 65536);
        })(),
      ...(given ? { crc32: () => new Promise<number>((r) => setTimeout(() => r(crc32(data) >>> 0), 5)) } : {}),
    }));

  it('writes the same bytes as computing them itself (patched into each local header before the central directory)', async () => {
    const own = await zipToBytes(entries(false), { date: DATE });
    const given = await zipToBytes(entries(true), { date: DATE });
    expect(Buffer.from(given.bytes).equals(Buffer.from(own.bytes))).toBe(true);
    expect(given.result.entries.map((e) => e.crc32)).toEqual(files.map((f) => crc32(f) >>> 0));
  });

  it('uses the given CRC as is (a wrong one makes a different archive)', async () => {
    const wrong = entries(true).map((e) => ({ ...e, crc32: async () => 0x12345678 }));
    const r = await zipToBytes(wrong, { date: DATE });
    expect(r.result.entries.every((e) => e.crc32 === 0x12345678)).toBe(true);
  });
});

describe('worker digest queue in a process of its own', () => {
  // 1,500 streams of ~1 MiB whose digests are awaited only at the end: waits for room overlap the poll
  // for digests (a queue that let the event loop go empty meanwhile ended the process early, exit 0,
  // no line), and the caller runs on without yielding (a queue that registered an end's reader late
  // read results from reused slots: 'wrong digests'). Both failed most runs before the fixes.
  it('keeps the process alive while it waits, and gives every stream its digest when the caller never yields', () => {
    const module = pathToFileURL(join(process.cwd(), 'dist/digest-node.js')).href;
    for (let i = 0; i < 2; i++) {
      const r = spawnSync(process.execPath, [join(process.cwd(), 'test/helpers/digest-child.mjs'), module], { encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('digests 1500');
      expect(r.status).toBe(0);
    }
  });
});
