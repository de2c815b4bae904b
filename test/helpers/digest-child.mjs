// Runs the worker digest queue in a process of its own (test/digest-queue.test.ts): 1,500 streams read
// into its ring, their digests awaited only at the end. Prints the number of digests and exits 0; a
// queue that lets the event loop go empty ends the process early, without the line.
import { createHash } from 'node:crypto';
const { workerDigestQueue } = await import(process.argv[2]);
const q = workerDigestQueue();
const want = [];
const got = [];
for (let i = 0; i < 1500; i++) {
  const len = 1024 * 1024 - (i % 4096);
  const r = q.reserve(len);
  const view = r instanceof Promise ? await r : r;
  view.fill(i);
  want.push(createHash('sha256').update(view).digest('hex'));
  q.commit();
  got.push(q.end());
}
const sums = (await Promise.all(got)).map((d) => d.sha256);
q.close();
const bad = sums.map((s, i) => (s === want[i] ? -1 : i)).filter((i) => i >= 0);
if (bad.length) throw new Error(`wrong digests: ${bad.length} of ${sums.length}, first ${bad.slice(0, 8).join(' ')}`);
console.log(`digests ${sums.length}`);
