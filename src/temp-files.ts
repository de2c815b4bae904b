/**
 * Temporary files beside an output (`.<name>.<pid>.<random>.tmp`, renamed over the target when
 * complete) are removed however the run ends:
 * - on an error, by the writer itself;
 * - on SIGINT, SIGTERM or SIGHUP, by the handlers installed here (synchronously), after which the
 *   signal is re-raised so the exit status says how the process ended (130, 143, 129 from a shell);
 * - after a crash or SIGKILL, by the next run writing the same target: `removeStaleTemps` deletes
 *   temporaries of that target whose process is gone.
 */
import { readdirSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const live = new Set<string>();
const liveDirs = new Set<string>();
const SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
let installed = false;

function removeAll(): void {
  for (const p of live) {
    try {
      unlinkSync(p);
    } catch {
      /* already gone */
    }
  }
  live.clear();
  for (const d of liveDirs) {
    try {
      rmSync(d, { recursive: true, force: true });
    } catch {
      /* gone */
    }
  }
  liveDirs.clear();
}

function onSignal(sig: NodeJS.Signals): void {
  removeAll();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, sig);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', removeAll);
}

let counter = 0;

/**
 * The part of a temporary name after the pid: a per-process counter, the time and Math.random, in base
 * 36. Not node:crypto: loading it (and the stream modules it pulls in) cost every written output ~8 ms
 * (#18). Unpredictable names are not what keeps this safe: every caller opens the name with 'wx'
 * (O_CREAT|O_EXCL: a file or symlink already there, planted or not, is refused, never followed or
 * truncated), the pid keeps live processes apart and the counter keeps one process's names apart.
 */
function uniqueSuffix(): string {
  return `${(++counter).toString(36)}${Date.now().toString(36)}${Math.floor(Math.random() * 0x100000000).toString(36)}`;
}

/** A fresh temporary name beside `target`, registered for removal on a signal. Call `release` once it is renamed or removed. */
export function tempFor(target: string): string {
  install();
  const p = join(dirname(target), `.${basename(target)}.${process.pid}.${uniqueSuffix()}.tmp`);
  live.add(p);
  return p;
}

/** A temporary folder of our own (mkdtemp), removed with its content on a signal. */
export function trackTempDir(dir: string): void {
  install();
  liveDirs.add(dir);
}

export function releaseTempDir(dir: string): void {
  liveDirs.delete(dir);
}

/** The temporary file no longer needs removing (it was renamed over its target, or removed). */
export function release(tmp: string): void {
  live.delete(tmp);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporaries of `target` left by runs that no longer exist (killed, crashed, power cut).
 * Only names this tool makes, only for this target, never one of a live process. Returns how many.
 */
export function removeStaleTemps(target: string): number {
  const re = new RegExp(`^\\.${escapeRe(basename(target))}\\.(\\d+)\\.[0-9a-z]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    const m = re.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      unlinkSync(join(dirname(target), name));
      n++;
    } catch {
      /* not ours to remove, or gone */
    }
  }
  return n;
}
