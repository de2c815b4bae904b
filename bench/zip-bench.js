#!/usr/bin/env node
// Benchmark of the cluster zip writer (store mode) against `zip -r -0`, with peak RSS.
//
//   npx tsc -p tsconfig.json && node bench/zip-bench.js [--count 64] [--mib 16] [--runs 3] [--compare] [--keep]
//
// Generates <count> × <mib> MiB of random (incompressible) files under $TMPDIR/cluster-zip-bench,
// then for each run: `zip -r -0 -q` (under /usr/bin/time -v) and our writeZipAtomic in a child
// process (with and without fsync), reporting MB/s and peak RSS. --compare adds yazl 3 and
// @zip.js/zip.js. Finally checks the archive with `unzip -tq`, `python3 -m zipfile -t` and our
// reader (readZip + SHA-256 of every entry). Page cache is warm for all contenders.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const distZip = process.env.CLUSTER_ZIP_DIST ?? join(here, '..', 'dist', 'pack', 'zip', 'index.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const MiB = 1024 * 1024;
const DATE = new Date('2025-03-01T00:00:00Z');

function listFiles(evDir, limit) {
  return readdirSync(evDir)
    .sort()
    .slice(0, limit)
    .map((f) => ({ name: `证据/${f}`, path: join(evDir, f) }));
}

// ------------------------------------------------------------------ child modes
if (args[0] === '--child') {
  const [, mode, evDir, out, limit] = args;
  const files = listFiles(evDir, Number(limit));
  const t0 = process.hrtime.bigint();
  if (mode === 'ours' || mode === 'ours-nofsync') {
    const { writeZipAtomic } = await import(distZip);
    await writeZipAtomic(out, files.map((f) => ({ ...f, method: 'store' })), { date: DATE, fsync: mode === 'ours' });
  } else if (mode === 'yazl') {
    const { default: yazl } = await import('yazl');
    const z = new yazl.ZipFile();
    for (const f of files) z.addFile(f.path, f.name, { compress: false, mtime: DATE });
    z.end();
    await new Promise((res, rej) => z.outputStream.pipe(createWriteStream(out)).on('close', res).on('error', rej));
  } else if (mode === 'zipjs') {
    const zipjs = await import('@zip.js/zip.js');
    zipjs.configure({ useWebWorkers: false });
    const w = new zipjs.ZipWriter(Writable.toWeb(createWriteStream(out)), { level: 0, lastModDate: DATE, keepOrder: true });
    for (const f of files) await w.add(f.name, Readable.toWeb(createReadStream(f.path, { highWaterMark: MiB })), { level: 0, size: statSync(f.path).size });
    await w.close();
  } else if (mode === 'baseline') {
    await import(distZip);
  } else if (mode === 'verify') {
    const { readZip, hashEntry } = await import(distZip);
    const entries = await readZip(out);
    for (const e of entries) if (!e.isDirectory) await hashEntry(e);
  } else throw new Error(`unknown mode ${mode}`);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify({ ms, maxRssKiB }) + '\n');
  process.exit(0);
}

// ------------------------------------------------------------------ driver
const count = Number(opt('count', '64'));
const mib = Number(opt('mib', '16'));
const runs = Number(opt('runs', '3'));
const compare = args.includes('--compare');
const base = opt('dir', join(tmpdir(), 'cluster-zip-bench'));
const evDir = join(base, 'evidence');
const totalBytes = count * mib * MiB;

if (!existsSync(distZip)) {
  console.error(`missing ${distZip}: run \`npx tsc -p tsconfig.json\` first`);
  process.exit(1);
}
mkdirSync(evDir, { recursive: true });
const existing = readdirSync(evDir);
if (existing.length !== count || existing.some((f) => statSync(join(evDir, f)).size !== mib * MiB)) {
  rmSync(evDir, { recursive: true, force: true });
  mkdirSync(evDir, { recursive: true });
  process.stdout.write(`generating ${count} × ${mib} MiB random files in ${evDir} … `);
  for (let i = 0; i < count; i++) writeFileSync(join(evDir, `证据-${String(i).padStart(3, '0')}.bin`), randomBytes(mib * MiB));
  console.log('done');
}

const hasTime = existsSync('/usr/bin/time');
function timed(cmd, argv, cwd) {
  const full = hasTime ? ['/usr/bin/time', ['-v', cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, encoding: 'utf8', maxBuffer: 64 * MiB });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  let child;
  try {
    child = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    child = undefined;
  }
  return { wallMs, ms: child?.ms ?? wallMs, maxRssKiB: rss ? Number(rss[1]) : child?.maxRssKiB };
}
const sync = () => spawnSync('sync');
const out = (name) => join(base, name);
const mbps = (bytes, ms) => (bytes / 1e6 / (ms / 1000)).toFixed(0);

const modes = ['zip -r -0', 'ours-nofsync', 'ours', ...(compare ? ['yazl', 'zipjs'] : [])];
const results = Object.fromEntries(modes.map((m) => [m, []]));
// warm the page cache
spawnSync('sh', ['-c', `cat "${evDir}"/* > /dev/null`]);
for (let r = 0; r < runs; r++) {
  for (const m of modes) {
    const o = out(`${m.replace(/\W+/g, '_')}.zip`);
    rmSync(o, { force: true });
    sync();
    const res =
      m === 'zip -r -0'
        ? timed('zip', ['-r', '-0', '-q', o, 'evidence'], base)
        : timed(process.execPath, [fileURLToPath(import.meta.url), '--child', m, evDir, o, String(count)]);
    results[m].push(res);
    console.log(`run ${r + 1} ${m.padEnd(13)} wall ${(res.wallMs / 1000).toFixed(2)} s (in-process ${(res.ms / 1000).toFixed(2)} s)  ${mbps(totalBytes, res.wallMs)} MB/s  peak RSS ${(res.maxRssKiB / 1024).toFixed(0)} MiB`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\n${(totalBytes / MiB).toFixed(0)} MiB in ${count} files, store mode, median wall time (process start to exit) of ${runs} run(s):`);
const zipMs = median(results['zip -r -0'].map((x) => x.wallMs));
for (const m of modes) {
  const ms = median(results[m].map((x) => x.wallMs));
  const rss = Math.max(...results[m].map((x) => x.maxRssKiB));
  console.log(`  ${m.padEnd(13)} ${mbps(totalBytes, ms).padStart(5)} MB/s  ${(100 * zipMs / ms).toFixed(0).padStart(4)}% of zip  peak RSS ${(rss / 1024).toFixed(0)} MiB`);
}

// Flat memory: peak RSS with a quarter of the data.
const quarter = Math.max(1, Math.floor(count / 4));
const q = timed(process.execPath, [fileURLToPath(import.meta.url), '--child', 'ours', evDir, out('quarter.zip'), String(quarter)]);
const b = timed(process.execPath, [fileURLToPath(import.meta.url), '--child', 'baseline', evDir, '-', '0']);
console.log(`\nmemory: node + zip module loaded, no work: peak RSS ${(b.maxRssKiB / 1024).toFixed(0)} MiB`);
console.log(`memory: ours with ${quarter} files (${(quarter * mib)} MiB) peak RSS ${(q.maxRssKiB / 1024).toFixed(0)} MiB vs ${count} files ${(Math.max(...results.ours.map((x) => x.maxRssKiB)) / 1024).toFixed(0)} MiB`);
rmSync(out('quarter.zip'), { force: true });

// Interop checks on our archive.
const ours = out('ours.zip');
const check = (label, cmd, argv) => {
  const t0 = Date.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * MiB });
  if (r.error) return console.log(`  ${label}: not available`);
  console.log(`  ${label}: ${r.status === 0 ? 'OK' : `FAILED (${r.status}) ${r.stdout.slice(-300)} ${r.stderr.slice(-300)}`} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
};
console.log('\nchecks on ours.zip:');
check('unzip -tq', 'unzip', ['-tq', ours]);
check('python3 -m zipfile -t', 'python3', ['-m', 'zipfile', '-t', ours]);
check('7zz t', '7zz', ['t', ours]);
const v = timed(process.execPath, [fileURLToPath(import.meta.url), '--child', 'verify', evDir, ours, String(count)]);
console.log(`  readZip + SHA-256 of every entry: OK, ${mbps(totalBytes, v.ms)} MB/s, peak RSS ${(v.maxRssKiB / 1024).toFixed(0)} MiB`);
const sizes = Object.fromEntries(modes.map((m) => [m, statSync(out(`${m.replace(/\W+/g, '_')}.zip`)).size]));
console.log('\narchive sizes:', sizes);
if (!args.includes('--keep')) for (const m of modes) rmSync(out(`${m.replace(/\W+/g, '_')}.zip`), { force: true });
