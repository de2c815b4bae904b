#!/usr/bin/env node
// Batch validation throughput: 1,000 filings in one `cluster validate` call.
//
//   npm run build && node bench/validate-1000.js [--count 1000] [--runs 3] [--no-evidence] [--keep] [--profile]
//
// Generates <count> filings under $TMPDIR/cluster-validate-bench-<pid>/ by varying the examples
// (jingmen-battery, failing, boundary/*): each gets its own cluster name and scaled figures (output,
// emissions and energy scaled together, area and R&D varied), every tenth is written as JSON. Each
// filing has its own evidence folder, hard-linked from the example's (copied when linking fails), so
// the evidence rules do their real work; --no-evidence removes every evidence reference instead.
// Then runs `node bin/cluster.js validate <dir> --format json -o /dev/null` under /usr/bin/time -v
// and reports files per second (wall clock, process start included) and peak RSS. The aim is
// ≥ 200 files/s. --profile writes a V8 CPU profile (node --cpu-prof) of the last run next to the data.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const COUNT = Number(opt('count', '1000'));
const RUNS = Number(opt('runs', '3'));
const EVIDENCE = !args.includes('--no-evidence');
const KEEP = args.includes('--keep');
const PROFILE = args.includes('--profile');
const AIM = 200;

const bin = join(root, 'bin', 'cluster.js');
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const BASES = ['jingmen-battery', 'failing', 'boundary/leading-share-70', 'boundary/output-40', 'boundary/output-growth-10', 'boundary/patents-per-10k-15', 'boundary/sme-share-70'].map(
  (rel) => {
    const dir = join(root, 'examples', rel);
    const text = readFileSync(join(dir, 'cluster.yaml'), 'utf8');
    return { rel, dir, data: jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) };
  },
);

function filesUnder(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

let linked = 0;
let copied = 0;
function linkTree(from, to) {
  for (const f of filesUnder(from)) {
    const target = join(to, relative(from, f));
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(f, target);
      linked++;
    } catch {
      copyFileSync(f, target);
      copied++;
    }
  }
}

/** Removes every evidence list (and the carbon-monitoring one). */
function stripEvidence(x) {
  if (Array.isArray(x)) x.forEach(stripEvidence);
  else if (x && typeof x === 'object') {
    for (const k of Object.keys(x)) {
      if (k === 'evidence' || k === 'carbonMonitoringEvidence') delete x[k];
      else stripEvidence(x[k]);
    }
  }
}

/** Scales each numeric per-year value of a map in place. */
function scaleYears(obj, f, digits = 2) {
  if (!obj || typeof obj !== 'object') return;
  for (const [k, v] of Object.entries(obj)) if (/^\d{4}$/.test(k) && typeof v === 'number') obj[k] = Number((v * f).toFixed(digits));
}

const INDUSTRIES = ['新能源动力电池', '智能装备', '精细化工', '生物医药', '汽车零部件', '食品加工', '纺织服装', '电子信息', '新材料', '光电子'];

function vary(base, i) {
  const d = structuredClone(base.data);
  const cover = d.cover ?? (d.cover = {});
  const r = cover.region ?? {};
  cover.clusterName = `${r.province ?? ''}${r.city ?? ''}${r.county ?? ''}${INDUSTRIES[i % INDUSTRIES.length]}第${i + 1}号产业集群`;
  const f = 0.9 + ((i * 37) % 41) / 100; // 0.90 … 1.30
  const ind = d.industry ?? {};
  scaleYears(ind.output, f);
  const green = d.green ?? {};
  scaleYears(green.co2Emissions, f, 0);
  scaleYears(green.energyConsumption, f, 0);
  const inno = d.innovation ?? {};
  scaleYears(inno.rdSpending, 0.95 + ((i * 13) % 11) / 100);
  if (d.basic && typeof d.basic.area === 'number') d.basic.area = Number((d.basic.area * (0.8 + ((i * 7) % 9) / 10)).toFixed(2));
  if (!EVIDENCE) stripEvidence(d);
  return d;
}

function generate(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < COUNT; i++) {
    const base = BASES[i % BASES.length];
    const d = vary(base, i);
    const fdir = join(dir, String(i + 1).padStart(4, '0'));
    mkdirSync(fdir, { recursive: true });
    if (i % 10 === 9) writeFileSync(join(fdir, 'cluster.json'), JSON.stringify(d, null, 2));
    else writeFileSync(join(fdir, 'cluster.yaml'), jsyaml.dump(d, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1, noRefs: true }));
    if (EVIDENCE && existsSync(join(base.dir, 'evidence'))) linkTree(join(base.dir, 'evidence'), join(fdir, 'evidence'));
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function timed(argv, extraNodeArgs = []) {
  const hasTime = existsSync('/usr/bin/time');
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const full = hasTime ? ['-v', process.execPath, ...extraNodeArgs, bin, ...argv] : [...extraNodeArgs, bin, ...argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  const code = hasTime ? Number(/Exit status: (\d+)/.exec(r.stderr ?? '')?.[1] ?? r.status) : r.status;
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  const cpu = user && sys ? Number(user[1]) + Number(sys[1]) : undefined;
  return { secs, cpu, rssMB: rss ? Number(rss[1]) / 1024 : undefined, code, stderr: r.stderr };
}

const dir = join(tmpdir(), `cluster-validate-bench-${process.pid}`);
console.log(`generating ${COUNT} filings in ${dir} (${EVIDENCE ? 'with evidence folders' : 'evidence references removed'}) …`);
const genSecs = generate(dir);
const bytes = filesUnder(dir).filter((f) => /cluster\.(yaml|json)$/.test(f)).reduce((s, f) => s + statSync(f).size, 0);
console.log(`  ${genSecs.toFixed(1)} s; filings ${(bytes / 1048576).toFixed(1)} MB${EVIDENCE ? `; evidence ${linked} hard links, ${copied} copies` : ''}`);

const single = timed(['validate', join(dir, '0001', 'cluster.yaml'), '--format', 'json', '-o', '/dev/null', '--today', '2024-06-01']);
console.log(`one filing (start-up included): ${(single.secs * 1000).toFixed(0)} ms, peak RSS ${single.rssMB?.toFixed(0) ?? '?'} MB`);

const results = [];
for (let run = 1; run <= RUNS; run++) {
  const prof = PROFILE && run === RUNS ? ['--cpu-prof', `--cpu-prof-dir=${dir}-prof`] : [];
  const r = timed(['validate', dir, '--format', 'json', '-o', '/dev/null', '--today', '2024-06-01'], prof);
  if (r.code !== 0 && r.code !== 1) {
    console.error(`validate exited ${r.code}:\n${r.stderr}`);
    process.exit(2);
  }
  results.push(r);
  const cpu = r.cpu !== undefined ? `; CPU ${r.cpu.toFixed(2)} s = ${(COUNT / r.cpu).toFixed(0)} files per CPU-second` : '';
  console.log(`run ${run}: ${COUNT} filings in ${r.secs.toFixed(2)} s = ${(COUNT / r.secs).toFixed(0)} files/s${cpu}, peak RSS ${r.rssMB?.toFixed(0) ?? '?'} MB (exit ${r.code})`);
}
const best = results.reduce((a, b) => (b.secs < a.secs ? b : a));
const median = [...results].sort((a, b) => a.secs - b.secs)[Math.floor(results.length / 2)];
const rate = COUNT / median.secs;
console.log(
  `\nvalidate ${COUNT} filings: median ${median.secs.toFixed(2)} s = ${rate.toFixed(0)} files/s (best ${(COUNT / best.secs).toFixed(0)}), peak RSS ${Math.max(...results.map((r) => r.rssMB ?? 0)).toFixed(0)} MB — aim ≥ ${AIM}/s: ${rate >= AIM ? 'met' : 'NOT met'}`,
);
const cpus = results.map((r) => r.cpu).filter((x) => x !== undefined);
if (cpus.length) {
  const load = (await import('node:os')).loadavg()[0];
  console.log(`CPU time (user + sys) median ${[...cpus].sort((a, b) => a - b)[Math.floor(cpus.length / 2)].toFixed(2)} s: the wall-clock rate on an idle machine; load average now ${load.toFixed(2)} on ${(await import('node:os')).availableParallelism()} CPUs`);
}
if (PROFILE) console.log(`CPU profile in ${dir}-prof (open in Chrome DevTools › Performance)`);
if (!KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
