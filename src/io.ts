import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, basename, sep } from 'node:path';
import { globBase, globToRegExp, isGlob } from './glob.js';
import { CliError } from './errors.js';
import { release, removeStaleTemps, tempFor } from './temp-files.js';
import { stdoutWrite } from './stdout.js';
import { filingByName, headLooksLikeFiling, SKIP_DIRS, SNIFF_BYTES } from './walk-rules.js';

/**
 * A temporary name beside the target, so a crash never leaves a half-written file under the final
 * name; removed on SIGINT/SIGTERM/SIGHUP (see temp-files.ts). Call `release` once renamed or removed.
 */
export function tempPathFor(target: string): string {
  return tempFor(target);
}

/**
 * Creates a folder and its missing parents, one level at a time. Node's `mkdir(…, {recursive: true})`
 * loops forever below /proc (ENOENT on a parent that exists), so `-o /proc/x/out.pdf` hung; here any
 * failure is an error naming its code.
 */
export async function ensureDir(dir: string): Promise<void> {
  const abs = resolve(dir);
  const missing: string[] = [];
  let d = abs;
  for (;;) {
    // Synchronous (as the mkdirs below): a few microseconds each, and an output written at the end of a
    // run (summary, render) then needs no fs/promises, whose loading alone cost ~4 ms (#18).
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (st) {
      if (!st.isDirectory()) {
        const err = new Error(`not a directory: ${d}`) as NodeJS.ErrnoException;
        err.code = 'ENOTDIR';
        throw err;
      }
      break;
    }
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** ensureDir for an output: a CliError (exit 2) naming the target when the folder cannot be made. */
export async function ensureOutputDir(dir: string, target: string): Promise<void> {
  try {
    await ensureDir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new CliError({ zh: `无法创建输出文件夹 ${dir}（${code}）`, en: `cannot create the output folder ${dir} (${code})` }, target);
  }
}

/** An output written piece by piece (a streamed report): `-`/undefined is stdout, else a file. */
export interface OutputSink {
  write(text: string): Promise<void>;
  /** Everything is written: the file takes its final name. */
  commit(): Promise<void>;
  /** Something failed: nothing is left behind under the final name or as a temporary. */
  abort(): Promise<void>;
}

/**
 * Like writeOutput, for text that arrives in pieces: a file is written under a temporary name (the
 * same protections: never an input, devices in place) and renamed by `commit`; stdout waits for
 * the pipe to drain, so a slow reader holds the writer instead of the memory.
 */
export async function openOutput(target: string | undefined, protect: readonly string[] = []): Promise<OutputSink> {
  if (target === undefined || target === '-') {
    return {
      write: (text) =>
        new Promise<void>((done) => {
          if (text === '' || stdoutWrite(text)) done();
          else process.stdout.once('drain', done);
        }),
      commit: async () => undefined,
      abort: async () => undefined,
    };
  }
  const abs = resolve(target);
  if (protect.some((p) => resolve(p) === abs)) {
    throw new CliError({ zh: `不能覆盖输入文件 ${target}`, en: `refusing to overwrite the input file ${target}` }, target);
  }
  const fail = (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new CliError({ zh: `无法写入输出文件（${code}）`, en: `cannot write the output file (${code})` }, target);
  };
  const existing = await stat(abs).catch(() => undefined);
  const device = existing !== undefined && !existing.isFile() && !existing.isDirectory();
  let tmp: string | undefined;
  if (!device) {
    await ensureOutputDir(dirname(abs), target);
    removeStaleTemps(abs);
    tmp = tempPathFor(abs);
  }
  let fd: number;
  try {
    fd = openSync(tmp ?? abs, tmp ? 'wx' : 'w');
  } catch (e) {
    if (tmp) release(tmp);
    return fail(e);
  }
  let pending = '';
  let closed = false;
  const flush = () => {
    if (pending === '') return;
    const buf = Buffer.from(pending, 'utf8');
    pending = '';
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  };
  const close = () => {
    if (!closed) {
      closed = true;
      closeSync(fd);
    }
  };
  const abort = async () => {
    try {
      close();
    } catch {
      /* already failing */
    }
    if (tmp) {
      await rm(tmp, { force: true });
      release(tmp);
    }
  };
  return {
    write: async (text) => {
      pending += text;
      if (pending.length < 1 << 16) return;
      try {
        flush();
      } catch (e) {
        await abort();
        fail(e);
      }
    },
    commit: async () => {
      try {
        flush();
        close();
        if (tmp) {
          await rename(tmp, abs);
          release(tmp);
        }
      } catch (e) {
        await abort();
        fail(e);
      }
    },
    abort,
  };
}

/** Writes a file atomically: temporary name, then rename. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, protect: readonly string[] = []): Promise<void> {
  const abs = resolve(target);
  if (protect.some((p) => resolve(p) === abs)) {
    throw new CliError({ zh: `不能覆盖输入文件 ${target}`, en: `refusing to overwrite the input file ${target}` }, target);
  }
  // A device or pipe (-o /dev/null, /dev/stdout, a FIFO) is written in place: a temporary file
  // renamed over it would replace the device node itself (as root) or fail (elsewhere).
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(abs);
  } catch {
    existing = undefined;
  }
  if (existing && !existing.isFile() && !existing.isDirectory()) {
    try {
      // Asynchronous: a FIFO without a reader blocks the open, and a signal must still be handled.
      const { writeFile } = await import('node:fs/promises');
      await writeFile(abs, data);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError({ zh: `无法写入输出文件（${code}）`, en: `cannot write the output file (${code})` }, target);
    }
  }
  await ensureOutputDir(dirname(abs), target);
  removeStaleTemps(abs);
  const tmp = tempPathFor(abs);
  // A regular file: written synchronously (nothing else runs meanwhile; no fs/promises to load, no
  // thread-pool round trips), 'wx' so that nothing already at the temporary name is followed.
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, abs);
    release(tmp);
  } catch (e) {
    rmSync(tmp, { force: true });
    release(tmp);
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError({ zh: `无法写入输出文件（${code}）`, en: `cannot write the output file (${code})` }, target);
  }
}

/**
 * Whether a file met in a folder walk is a filing: `cluster.yaml|yml|json` and workbooks always;
 * other YAML/JSON only when its first 64 KB show a section key of the form. A package.json, a CI file
 * or a project config beside the filings is never read as one (src/walk-rules.ts: the page decides alike).
 */
export function looksLikeFiling(path: string): boolean {
  const by = filingByName(basename(path));
  if (by !== 'sniff') return by === 'yes';
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return headLooksLikeFiling(buf.subarray(0, n).toString('utf8'));
  } catch {
    return true; // unreadable: let the validator say why
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface ExpandOptions {
  /** Whether a path met in a walk is ignored (cluster.config.yaml `ignores:`). */
  ignored?: (absPath: string) => boolean;
}

/**
 * Synchronous: a batch folder has a folder per filing and its evidence folders, and each awaited
 * readdir (a promise and a thread-pool round trip) cost more than the listing itself (#18).
 */
function walkDir(dir: string, out: string[], opts: ExpandOptions, match?: RegExp): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (opts.ignored?.(resolve(p))) continue;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walkDir(p, out, opts, match);
    } else if (e.isFile() && (!match || match.test(p.split(sep).join('/').replace(/^\.\//, '').replace(/^\//, ''))) && looksLikeFiling(p)) {
      out.push(p);
    }
  }
}

/**
 * Expands the command's arguments: files stay as given (an explicit file is read even if a config
 * ignores it); a folder becomes every filing below it (in name order, skipping evidence folders,
 * ignored paths and non-filings); a glob (`filings/**\/*.yaml`, expanded here because Windows shells
 * do not) becomes the filings it matches. `-` (stdin) is kept. Missing paths are kept so the
 * validator reports them as unreadable.
 */
export async function expandInputs(args: readonly string[], opts: ExpandOptions = {}): Promise<string[]> {
  const out: string[] = [];
  for (const a of args) {
    if (a === '-') {
      out.push(a);
      continue;
    }
    let st;
    try {
      // Synchronous: a few command-line arguments, and node:fs/promises (with the streams and readline
      // it loads) costs a one-file `validate` ~2 ms of start-up (#18).
      st = lstatSync(a);
      if (st.isSymbolicLink()) st = statSync(a);
    } catch {
      if (isGlob(a)) {
        out.push(...(await expandGlob(a, opts)));
        continue;
      }
      out.push(a);
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walkDir(a, found, opts);
      if (found.length === 0) {
        throw new CliError({ zh: `文件夹中没有申报文件（.yaml/.yml/.json/.xlsx）`, en: `no filings (.yaml/.yml/.json/.xlsx) in the folder` }, a);
      }
      out.push(...found);
    } else out.push(a);
  }
  return [...new Set(out)];
}

async function expandGlob(pattern: string, opts: ExpandOptions): Promise<string[]> {
  const norm = pattern.replace(/\\/g, '/');
  const { base } = globBase(norm);
  const re = globToRegExp(norm.includes('/') ? norm : `/${norm}`); // anchored, as a shell would
  const found: string[] = [];
  const st = await stat(base).catch(() => undefined);
  if (st?.isDirectory()) walkDir(base, found, opts, re);
  if (found.length === 0) throw new CliError({ zh: `没有与 ${pattern} 匹配的申报文件`, en: `no filings match ${pattern}` });
  return found;
}

/** Refuses a folder where a file is expected, saying so (a single-file command given a folder). */
export async function requireFile(path: string, what: { zh: string; en: string } = { zh: '申报文件', en: 'a filing' }): Promise<void> {
  if (path === '-') return;
  const st = await stat(path).catch(() => undefined);
  if (st?.isDirectory()) {
    throw new CliError({ zh: `这是一个文件夹，不是${what.zh}：此命令只读一个${what.zh}（整个文件夹请用 cluster validate 或 summary）`, en: `this is a folder, not ${what.en}: this command reads one (use cluster validate or summary for a folder)` }, path);
  }
}

/** Reads all of stdin, at most `limit` bytes. */
export async function readStdin(limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of process.stdin as AsyncIterable<Buffer>) {
    n += c.length;
    if (n > limit) throw new CliError({ zh: `标准输入过大（上限 ${limit / 1048576} MB）`, en: `stdin too large (limit ${limit / 1048576} MB)` }, '<stdin>');
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * Refuses to replace an existing output unless --force (a rendered form or a package someone has
 * already checked is not silently replaced).
 */
export async function refuseOverwrite(target: string | undefined, force: boolean | undefined): Promise<void> {
  if (force || target === undefined || target === '-') return;
  const st = await stat(target).catch(() => undefined);
  if (st && st.isFile()) {
    throw new CliError({ zh: '输出文件已存在，不会覆盖：加 --force 覆盖，或换一个文件名', en: 'the output file exists and will not be overwritten: add --force, or choose another name' }, target);
  }
}

/** Writes a command's text output: `-o -` (or none) is stdout. */
export async function writeOutput(target: string | undefined, data: string | Uint8Array, protect: readonly string[] = []): Promise<void> {
  if (target === undefined || target === '-') {
    stdoutWrite(data);
    return;
  }
  await writeFileAtomic(target, data, protect);
}
