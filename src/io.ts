import { mkdir, readdir, rename, rm, stat, writeFile, lstat } from 'node:fs/promises';
import { dirname, join, resolve, basename } from 'node:path';
import { CliError } from './errors.js';
import { formatOf } from './load/index.js';

/** A temporary name beside the target, so a crash never leaves a half-written file under the final name. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

/** Writes a file atomically: temporary name, then rename. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, protect: readonly string[] = []): Promise<void> {
  const abs = resolve(target);
  if (protect.some((p) => resolve(p) === abs)) {
    throw new CliError({ zh: `不能覆盖输入文件 ${target}`, en: `refusing to overwrite the input file ${target}` }, target);
  }
  // A device or pipe (-o /dev/null, /dev/stdout, a FIFO) is written in place: a temporary file
  // renamed over it would replace the device node itself (as root) or fail (elsewhere).
  const existing = await stat(abs).catch(() => undefined);
  if (existing && !existing.isFile() && !existing.isDirectory()) {
    try {
      await writeFile(abs, data);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError({ zh: `无法写入输出文件（${code}）`, en: `cannot write the output file (${code})` }, target);
    }
  }
  try {
    await mkdir(dirname(abs), { recursive: true });
  } catch (e) {
    throw new CliError({ zh: `无法创建输出目录（${(e as NodeJS.ErrnoException).code}）`, en: `cannot create the output folder (${(e as NodeJS.ErrnoException).code})` }, target);
  }
  const tmp = tempPathFor(abs);
  try {
    await writeFile(tmp, data);
    await rename(tmp, abs);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError({ zh: `无法写入输出文件（${code}）`, en: `cannot write the output file (${code})` }, target);
  }
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'evidence', '佐证材料', 'dist', 'out']);

async function walkDir(dir: string, out: string[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walkDir(p, out);
    } else if (e.isFile() && formatOf(e.name) && !e.name.startsWith('~$')) {
      out.push(p);
    }
  }
}

/**
 * Expands the command's arguments: files stay as given; a folder becomes every filing below it
 * (.yaml/.yml/.json/.xlsx, in name order, skipping evidence folders). Missing paths are kept so
 * the validator reports them as unreadable.
 */
export async function expandInputs(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of args) {
    let st;
    try {
      st = await lstat(a);
      if (st.isSymbolicLink()) st = await stat(a);
    } catch {
      out.push(a);
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      await walkDir(a, found);
      if (found.length === 0) {
        throw new CliError({ zh: `文件夹中没有申报文件（.yaml/.yml/.json/.xlsx）`, en: `no filings (.yaml/.yml/.json/.xlsx) in the folder` }, a);
      }
      out.push(...found);
    } else out.push(a);
  }
  return out;
}
