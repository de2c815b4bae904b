/**
 * The Node face's digest queue (see DigestQueue in src/host.ts): SHA-256 and CRC-32 of pack's evidence
 * computed on a worker thread while the main thread reads, writes and draws — the machine has a core
 * to spare (`zip`, the peer, uses one). The bytes are copied into a shared ring; the worker hashes the
 * jobs in order and publishes each stream's digests; nothing is posted per chunk (Atomics only).
 */
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { DigestQueue, StreamDigest } from './host.js';

/** Atomics.waitAsync (ES2024; in Node since 16), not in this project's TypeScript lib. */
type WaitAsync = (a: Int32Array, index: number, value: number, timeout?: number) => { async: boolean; value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

// Loaded when pack first hashes (start-up of other commands pays nothing for them).
const require_ = createRequire(import.meta.url);

/** Bytes of the data ring, and the largest piece one job carries (a chunk is split into such pieces). */
const RING = 4 << 20;
const PIECE = 1 << 20;
/** Job slots (a power of two): offset, length, flags each; results: SHA-256 (32 bytes) + CRC-32 (4). */
const JOBS = 1024;
const RESULT = 36;
const END = 1;
const QUIT = 2;
/** Control words: jobs published (main), jobs done (worker). */
const PUBLISHED = 0;
const DONE = 1;

const WORKER = `
const { workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
const data = new Uint8Array(workerData.ring);
const ctrl = new Int32Array(workerData.ctrl);
const jobs = new Int32Array(workerData.jobs);
const res = new Uint8Array(workerData.results);
const resView = new DataView(workerData.results);
let h = createHash('sha256');
let c = 0;
let done = 0;
(function run() {
for (;;) {
  while (Atomics.load(ctrl, ${PUBLISHED}) === done) Atomics.wait(ctrl, ${PUBLISHED}, done);
  const published = Atomics.load(ctrl, ${PUBLISHED});
  while (done < published) {
    const s = done & ${JOBS - 1};
    const off = jobs[s * 3], len = jobs[s * 3 + 1], flags = jobs[s * 3 + 2];
    if (flags & ${QUIT}) return;
    if (len > 0) {
      const v = data.subarray(off, off + len);
      h.update(v);
      c = crc32(v, c);
    }
    if (flags & ${END}) {
      res.set(h.digest(), s * ${RESULT});
      resView.setUint32(s * ${RESULT} + 32, c >>> 0, true);
      h = createHash('sha256');
      c = 0;
    }
    done++;
    Atomics.store(ctrl, ${DONE}, done);
    Atomics.notify(ctrl, ${DONE});
  }
}
})();
`;

interface Pending {
  seq: number;
  resolve(d: StreamDigest): void;
  reject(e: Error): void;
}

class WorkerDigestQueue implements DigestQueue {
  private readonly ring = new Uint8Array(new SharedArrayBuffer(RING));
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8));
  private readonly jobs = new Int32Array(new SharedArrayBuffer(JOBS * 3 * 4));
  private readonly results = new Uint8Array(new SharedArrayBuffer(JOBS * RESULT));
  private readonly worker: Worker;
  /** Ring offset of each published job (by slot), and where the next piece goes. */
  private readonly starts = new Int32Array(JOBS);
  private writePos = 0;
  private published = 0;
  private readonly pending: Pending[] = [];
  private polling = false;
  /** Waits in progress (the worker is ref'd while any is). */
  private waiting = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor() {
    const { Worker } = require_('node:worker_threads') as typeof import('node:worker_threads');
    this.worker = new Worker(WORKER, {
      eval: true,
      // It allocates a hash object and a digest per file: a small heap keeps pack's memory bound.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
      workerData: { ring: this.ring.buffer, ctrl: this.ctrl.buffer, jobs: this.jobs.buffer, results: this.results.buffer },
    });
    // Never what keeps the process alive.
    this.worker.unref();
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`the digest worker stopped (exit code ${code})`));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }

  private get done(): number {
    return Atomics.load(this.ctrl, DONE);
  }

  /** Resolves the streams whose end job is done (before a slot's result can be overwritten). */
  private collect(): void {
    const done = this.done;
    while (this.pending.length && this.pending[0]!.seq < done) {
      const p = this.pending.shift()!;
      const at = (p.seq & (JOBS - 1)) * RESULT;
      const r = this.results.subarray(at, at + RESULT);
      p.resolve({ sha256: Buffer.from(r.subarray(0, 32)).toString('hex'), crc32: (r[32]! | (r[33]! << 8) | (r[34]! << 16) | (r[35]! << 24)) >>> 0 });
    }
  }

  /** Waits until the worker has done more than `seen` jobs (or a second has passed), event-loop friendly. */
  private async waitDone(seen: number): Promise<void> {
    const w = waitAsync!(this.ctrl, DONE, seen, 1000);
    if (w.async) {
      // A pending waitAsync is no handle of the event loop: the worker holds it open meanwhile
      // (else Node would exit, its loop empty, in the middle of pack).
      // Counted: the stream's wait for room and the poll for digests may wait at once.
      if (this.waiting++ === 0) this.worker.ref();
      try {
        await w.value;
      } finally {
        if (--this.waiting === 0) this.worker.unref();
      }
    }
    if (this.failure) throw this.failure;
  }

  /** A ring offset for `len` bytes, or -1 while the worker has not freed enough. */
  private place(len: number): number {
    const done = this.done;
    if (done === this.published) return this.writePos + len <= RING ? this.writePos : 0;
    const tail = this.starts[done & (JOBS - 1)]!;
    if (tail <= this.writePos) {
      if (this.writePos + len <= RING) return this.writePos;
      return len < tail ? 0 : -1;
    }
    return this.writePos + len < tail ? this.writePos : -1;
  }

  /**
   * Publishes the job of `len` bytes at ring offset `at` (already there) in the next slot — the caller
   * has made sure the slot is free — and wakes the worker; its sequence number.
   */
  private pushJob(at: number, len: number, flags: number): number {
    const s = this.published & (JOBS - 1);
    this.starts[s] = at;
    this.jobs[s * 3] = at;
    this.jobs[s * 3 + 1] = len;
    this.jobs[s * 3 + 2] = flags;
    this.writePos = at + len;
    this.published++;
    Atomics.store(this.ctrl, PUBLISHED, this.published);
    Atomics.notify(this.ctrl, PUBLISHED);
    return this.published - 1;
  }

  /** Publishes one job (waiting for room in the ring); its sequence number. */
  private async publish(data: Uint8Array, flags: number): Promise<number> {
    if (this.failure) throw this.failure;
    for (;;) {
      // The count the decision below saw at most: waiting on a later one could miss the worker's last
      // notification (it finished meanwhile, then idles) and sleep out the wait's whole second.
      const seen = this.done;
      this.collect();
      const at = this.published - this.done < JOBS ? this.place(data.length) : -1;
      if (at >= 0) {
        this.ring.set(data, at);
        return this.pushJob(at, data.length, flags);
      }
      await this.waitDone(seen);
    }
  }

  /** The reservation not yet committed: its ring offset and length. */
  private reserved: { at: number; len: number } | undefined;

  reserve(len: number): Uint8Array | Promise<Uint8Array> | undefined {
    if (len > PIECE || this.reserved || this.failure) return undefined;
    const grant = (at: number) => {
      this.reserved = { at, len };
      return this.ring.subarray(at, at + len);
    };
    let seen = this.done; // (see publish)
    this.collect();
    // One slot stays free for the job that commits, one for the stream's end.
    const at = this.published - this.done < JOBS - 1 ? this.place(len) : -1;
    if (at >= 0) return grant(at);
    return (async () => {
      for (;;) {
        await this.waitDone(seen);
        seen = this.done;
        this.collect();
        const a = this.published - this.done < JOBS - 1 ? this.place(len) : -1;
        if (a >= 0) return grant(a);
      }
    })();
  }

  commit(): void {
    const r = this.reserved;
    if (!r) throw new Error('commit without a reservation');
    this.reserved = undefined;
    if (this.failure) throw this.failure;
    this.pushJob(r.at, r.len, 0);
  }

  update(data: Uint8Array): Promise<void> | undefined {
    // The common case (space in the ring) without a promise per chunk.
    if (!this.failure && data.length <= PIECE && this.published - this.done < JOBS - 1) {
      this.collect();
      const at = this.place(data.length);
      if (at >= 0) {
        this.ring.set(data, at);
        this.pushJob(at, data.length, 0);
        return undefined;
      }
    }
    return (async () => {
      for (let i = 0; i < data.length; i += PIECE) await this.publish(data.subarray(i, i + PIECE), 0);
    })();
  }

  end(): Promise<StreamDigest> {
    if (this.failure) return Promise.reject(this.failure);
    // Published and registered at once: a caller that does not await its digests may go on to the
    // next stream, whose jobs must come after this end, and a result slot is reused 1,024 jobs on —
    // its reader must be known by then.
    let seq: number;
    try {
      seq = this.publishEnd();
    } catch (e) {
      return Promise.reject(e as Error);
    }
    const result = new Promise<StreamDigest>((resolve, reject) => this.pending.push({ seq, resolve, reject }));
    void this.poll();
    return result;
  }

  /**
   * The end job, published now. It takes no ring space; the data jobs leave it a slot, so this waits
   * only after consecutive ends of empty streams — blocking, for as long as the worker takes one job.
   */
  private publishEnd(): number {
    for (let waited = 0; this.published - this.done >= JOBS; waited++) {
      if (waited >= 200) throw new Error('the digest worker does not advance');
      Atomics.wait(this.ctrl, DONE, this.done, 50);
    }
    this.collect();
    return this.pushJob(this.writePos, 0, END);
  }

  /** Resolves pending streams as the worker finishes them. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (;;) {
        const seen = this.done; // (see publish)
        this.collect();
        if (!this.pending.length || this.failure) return;
        await this.waitDone(seen);
      }
    } catch {
      // fail() has rejected what was pending.
    } finally {
      this.polling = false;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.failure && this.published - this.done < JOBS) {
      const s = this.published & (JOBS - 1);
      this.jobs[s * 3 + 1] = 0;
      this.jobs[s * 3 + 2] = QUIT;
      this.published++;
      Atomics.store(this.ctrl, PUBLISHED, this.published);
      Atomics.notify(this.ctrl, PUBLISHED);
    } else void this.worker.terminate();
    for (const p of this.pending.splice(0)) p.reject(new Error('the digest queue was closed'));
  }
}

/** A digest queue on a worker thread; undefined where this Node has no native CRC-32 (then the main thread hashes). */
export function workerDigestQueue(): DigestQueue | undefined {
  const zlib = require_('node:zlib') as { crc32?: unknown };
  if (typeof zlib.crc32 !== 'function' || typeof waitAsync !== 'function') return undefined;
  return new WorkerDigestQueue();
}
