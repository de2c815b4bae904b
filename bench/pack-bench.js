#!/usr/bin/env node
// Benchmark of `cluster pack` against `zip -r -0` of the same folder, with peak RSS.
//
//   npm run build && node bench/pack-bench.js [--mib 1024] [--file-mib 16] [--runs 3] [--also 256] [--keep]
//
// Generates <mib> MiB of evidence (<mib>/<file-mib> random files named .pdf, starting with a PDF
// header) under $TMPDIR/cluster-pack-bench/<mib>/, referenced by a copy of the example filing
// (each file added to an evidence list of the form). Then, <runs> times each (page cache warm):
//   - `zip -r -0 -q` of the filing folder (YAML + all evidence) under /usr/bin/time -v;
//   - `cluster pack <filing> --no-progress --debug` under /usr/bin/time -v (validate, render the
//     three PDFs, write the zip with SHA-256 of every file, fsync, rename).
// `sync` runs before every timed command (untimed), so no run pays for another's writeback; pack
// fsyncs its zip before renaming it (zip does not), which is included.
// Also times `zip -r -0 && sync` (zip made as durable as pack's fsync makes its output).
// Reports the median wall time, MB/s over the evidence bytes, the ratio to zip, peak RSS, and the
// write phase alone (from --debug). `--also 256` repeats with 256 MiB to show memory stays flat.
// Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..');
const BIN = join(ROOT, 'bin', 'cluster.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const MiB = 1024 * 1024;
const runs = Number(opt('runs', '3'));
const fileMib = Number(opt('file-mib', '16'));
const sizes = [Number(opt('mib', '1024')), ...(opt('also', '256') === 'none' ? [] : [Number(opt('also', '256'))])];
const keep = args.includes('--keep');

if (spawnSync('zip', ['-v']).status !== 0) {
  console.error('`zip` is not installed (apt-get install -y zip)');
  process.exit(2);
}

const base = join(tmpdir(), 'cluster-pack-bench');

function prepare(totalMib) {
  const dir = join(base, String(totalMib));
  const filing = join(dir, 'filing');
  const yaml = join(filing, 'cluster.yaml');
  const count = Math.max(1, Math.round(totalMib / fileMib));
  const marker = join(dir, `.ready-${count}x${fileMib}`);
  if (existsSync(marker)) return { filing, yaml, count };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'examples', 'jingmen-battery'), filing, { recursive: true });
  mkdirSync(join(filing, 'evidence', 'bench'), { recursive: true });
  const buf = Buffer.alloc(MiB);
  for (let i = 0; i < count; i++) {
    const fd = openSync(join(filing, 'evidence', 'bench', `材料${String(i + 1).padStart(3, '0')}.pdf`), 'w');
    for (let k = 0; k < fileMib; k++) {
      randomFillSync(buf);
      if (k === 0) buf.write('%PDF-1.4\n', 0, 'latin1');
      writeSync(fd, buf);
    }
    closeSync(fd);
  }
  // Add the files to the filing's evidence lists, one after each existing reference (round robin).
  const lines = readFileSync(yaml, 'utf8').split('\n');
  const refLines = lines.map((l, i) => (/^\s+- evidence\//.test(l) ? i : -1)).filter((i) => i >= 0);
  const extra = new Map();
  for (let i = 0; i < count; i++) {
    const at = refLines[i % refLines.length];
    const indent = lines[at].match(/^\s+/)[0];
    if (!extra.has(at)) extra.set(at, []);
    extra.get(at).push(`${indent}- evidence/bench/材料${String(i + 1).padStart(3, '0')}.pdf`);
  }
  const out = [];
  lines.forEach((l, i) => {
    out.push(l);
    if (extra.has(i)) out.push(...extra.get(i));
  });
  writeFileSync(yaml, out.join('\n'));
  writeFileSync(marker, '');
  return { filing, yaml, count };
}

function timed(cmd, argv, cwd, env = {}) {
  // Flush what earlier runs left in the page cache, so no run pays for another's writeback.
  spawnSync('sync');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, maxBuffer: 64 * MiB });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${cmd} exited with ${r.status}`);
  }
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const phases = {};
  for (const m of r.stderr.matchAll(/cluster: pack (\w+) (\d+) ms/g)) phases[m[1]] = Number(m[2]);
  return { wallMs, rssMiB: rss, phases };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const totalMib of sizes) {
  const { filing, yaml, count } = prepare(totalMib);
  const evidenceBytes = count * fileMib * MiB;
  const outDir = join(base, `${totalMib}-out`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir);
  const zipRuns = [];
  const zipSyncRuns = [];
  const packRuns = [];
  // Warm the page cache once.
  timed('zip', ['-r', '-0', '-q', join(outDir, 'warm.zip'), '.'], filing);
  for (let i = 0; i < runs; i++) {
    rmSync(join(outDir, 'zip.zip'), { force: true });
    zipRuns.push(timed('zip', ['-r', '-0', '-q', join(outDir, 'zip.zip'), '.'], filing));
    rmSync(join(outDir, 'zip.zip'), { force: true });
    zipSyncRuns.push(timed('sh', ['-c', `zip -r -0 -q '${join(outDir, 'zip.zip')}' . && sync`], filing));
    packRuns.push(timed(process.execPath, [BIN, 'pack', yaml, '-o', join(outDir, 'pack.zip'), '--no-progress', '--debug'], outDir));
  }
  const v = spawnSync(process.execPath, [BIN, 'pack', '--verify', join(outDir, 'pack.zip'), '--no-progress'], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  if (v.status !== 0) throw new Error(`verify failed: ${v.stdout}${v.stderr}`);
  const zipMs = median(zipRuns.map((r) => r.wallMs));
  const zipSyncMs = median(zipSyncRuns.map((r) => r.wallMs));
  const packMs = median(packRuns.map((r) => r.wallMs));
  const writeMs = median(packRuns.map((r) => r.phases.write ?? NaN));
  const fixedMs = median(packRuns.map((r) => (r.phases.validate ?? 0) + (r.phases.inspect ?? 0) + (r.phases.render ?? 0)));
  const mbps = (ms) => evidenceBytes / 1e6 / (ms / 1000);
  rows.push({
    evidence: `${totalMib} MiB (${count} × ${fileMib} MiB)`,
    'zip -r -0 MB/s': mbps(zipMs).toFixed(0),
    'pack MB/s (end to end)': mbps(packMs).toFixed(0),
    'ratio end to end': (zipMs / packMs).toFixed(2),
    'zip+sync MB/s': mbps(zipSyncMs).toFixed(0),
    'ratio vs zip+sync': (zipSyncMs / packMs).toFixed(2),
    'pack write phase MB/s': mbps(writeMs).toFixed(0),
    'ratio write phase': (zipMs / writeMs).toFixed(2),
    'pack fixed cost ms (validate+render)': fixedMs.toFixed(0),
    'zip peak RSS MiB': median(zipRuns.map((r) => r.rssMiB)).toFixed(0),
    'pack peak RSS MiB': median(packRuns.map((r) => r.rssMiB)).toFixed(0),
    'zip size': `${(statSync(join(outDir, 'pack.zip')).size / MiB).toFixed(0)} MiB`,
  });
  if (!keep) rmSync(outDir, { recursive: true, force: true });
}
console.log(`cluster pack vs zip -r -0, median of ${runs} run(s), page cache warm, MB = 10^6 bytes of evidence per second`);
console.table(rows);
if (!keep) console.log(`(generated evidence kept for reuse in ${base}; delete it when done)`);
