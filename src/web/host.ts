/**
 * The page's host (see src/host.ts): the files the user picked or dropped, held in memory under a
 * virtual root; the built-in profiles, the precompiled validator, the font coverage and the fonts
 * supplied by the page's build. No file system, no network: the page never sends anything anywhere.
 * It runs in Node too (test/web-host.test.ts drives the core through it and compares with the CLI).
 */
import { inflateSync, Unzlib } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { CliError, InputError } from '../errors.js';
import { ZipWriteError } from '../pack/zip/write-error.js';
import { zipToBytes } from '../pack/zip/writer.js';
import { ZipFormatError } from '../pack/zip/reader.js';
import { loadWorkbookBytes } from '../load/workbook.js';
import type { EvidenceCheck, FileRole, Host, PdfKitModule, SchemaValidator } from '../host.js';
import { posix } from './posix.js';
import { concatBytes } from '../bytes.js';

/**
 * zlib data inflated, refused past `max` bytes: fed in small pieces, so a bomb is stopped after at most
 * one piece's expansion (deflate expands at most ~1032×) instead of being inflated whole first.
 */
export function boundedUnzlib(data: Uint8Array, max: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let n = 0;
  const z = new Unzlib((chunk) => {
    n += chunk.length;
    if (n > max) throw new RangeError(`inflated data exceeds ${max} bytes`);
    parts.push(chunk);
  });
  const STEP = 4096;
  for (let i = 0; i < data.length; i += STEP) z.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  if (data.length === 0) z.push(data, true);
  return concatBytes(parts);
}

/** Where the picked files live: `/in/<folder>/cluster.yaml`, `/in/<folder>/evidence/…`. */
export const INPUT_ROOT = '/in';
/** Where packages are written (pack's cwd): `/out/<root>.zip`. */
export const OUTPUT_ROOT = '/out';
/** A package is built in memory: past this the page refuses (the command line has no such bound). */
export const MAX_PAGE_ZIP_BYTES = 1536 * 1024 * 1024;
/** Where the page puts the bundled fonts once loaded. */
export const FONT_FILES = { regular: '/fonts/NotoSerifSC-Regular.ttf', bold: '/fonts/NotoSerifSC-Bold.ttf', heading: '/fonts/NotoSansSC-Medium.ttf' } as const;

export interface WebHostData {
  /** Built-in profiles: id → YAML text. */
  profiles: Record<string, string>;
  validator?: SchemaValidator;
  coverage: Array<[number, number]>;
  loadPdfKit(): Promise<PdfKitModule>;
  yaml: typeof import('yaml');
}

export interface WebHost extends Host {
  /** Adds or replaces a file (bytes, or just its size until the bytes are needed for a package). */
  put(path: string, bytes: Uint8Array): void;
  /** Removes every file under `prefix` (a new folder replaces the previous one). */
  clear(prefix: string): void;
  files(): string[];
}

const PROFILE_DIR = '/profiles';

function tooBig(file: string, limit: number, role: FileRole): InputError {
  const mb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(n % 1048576 ? 1 : 0)} MB` : `${Math.ceil(n / 1024)} KB`);
  return new InputError({ zh: `${role.zh}过大（上限 ${mb(limit)}）`, en: `${role.en} too large (limit ${mb(limit)})` }, file);
}

/** Bytes read or packed between two pauses that let the page repaint (progress) and stay responsive. */
const YIELD_BYTES = 8 * 1048576;

export function createWebHost(data: WebHostData): WebHost {
  // Long work (hashing a package, packing evidence) pauses for a macrotask every YIELD_BYTES: the
  // status line and the progress bar repaint and the tab never looks hung. The bytes are unchanged.
  let sinceYield = 0;
  const pace = async (n: number): Promise<void> => {
    sinceYield += n;
    if (sinceYield < YIELD_BYTES) return;
    sinceYield = 0;
    await new Promise<void>((r) => setTimeout(r, 0));
  };
  async function* paced(src: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
    for await (const c of src) {
      yield c;
      await pace(c.length);
    }
  }
  const files = new Map<string, Uint8Array>();
  for (const [id, text] of Object.entries(data.profiles)) files.set(`${PROFILE_DIR}/${id}.yaml`, new TextEncoder().encode(text));
  const norm = (p: string) => posix.resolve(p);
  const isDir = (p: string) => {
    const prefix = norm(p) + '/';
    for (const k of files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  };
  const read = (file: string, limit: number, role: FileRole = { zh: '文件', en: 'file' }): Uint8Array => {
    const b = files.get(norm(file));
    if (!b) {
      if (isDir(file)) throw new InputError({ zh: `这是文件夹，不是普通${role.zh}：无法读取`, en: `this is a folder, not a regular ${role.en}: cannot read it` }, file);
      throw new InputError({ zh: `${role.zh}不存在`, en: `no such ${role.en}` }, file);
    }
    if (b.length > limit) throw tooBig(file, limit, role);
    return b;
  };
  return {
    name: 'web',
    path: posix,
    readFile: read,
    readFiling(file, limit) {
      const b = files.get(norm(file));
      if (!b && isDir(file)) throw new InputError({ zh: '这是一个文件夹，不是申报文件', en: 'this is a folder, not a filing' }, file);
      if (b && b.length > limit) {
        throw new InputError(
          {
            zh: `文件过大（${(b.length / 1048576).toFixed(1)} MB，上限 ${limit / 1048576} MB）：申报数据文件不应包含佐证材料本身`,
            en: `file too large (${(b.length / 1048576).toFixed(1)} MB, limit ${limit / 1048576} MB): a filing must not embed its evidence`,
          },
          file,
        );
      }
      return read(file, limit);
    },
    exists: (file) => files.has(norm(file)) || isDir(file),
    async loadWorkbook(file) {
      return loadWorkbookBytes(read(file, 20 * 1048576, { zh: '工作簿', en: 'workbook' }), file, posix.dirname(norm(file)));
    },
    checkEvidence(dir, ref): EvidenceCheck {
      if (posix.isAbsolute(ref) || /^[a-zA-Z]:/.test(ref) || ref.startsWith('\\')) return { ref, problem: 'absolute' };
      const root = norm(dir);
      const target = posix.resolve(root, ref.replace(/\\/g, '/'));
      const rel = posix.relative(root, target);
      if (rel === '' || rel === '..' || rel.startsWith('../')) return { ref, problem: 'outside' };
      const b = files.get(target);
      if (!b) return isDir(target) ? { ref, problem: 'notFile' } : { ref, problem: 'missing' };
      if (b.length === 0) return { ref, problem: 'empty' };
      return { ref, abs: target, size: b.length };
    },
    builtinProfileIds: () => Object.keys(data.profiles).sort(),
    builtinProfileFile: (id) => `${PROFILE_DIR}/${id}.yaml`,
    schemaValidator: () => data.validator,
    defaultFontFiles: () => ({ ...FONT_FILES }),
    fontCoverage: () => data.coverage,
    loadPdfKit: () => data.loadPdfKit(),
    yaml: () => data.yaml,
    // fflate writes into a buffer of the bound: more data than that is cut there, and the reader then
    // sees more bytes than the zip declared (it asks for one more than the declared size).
    inflateRaw: (bytes, maxOutput) => inflateSync(bytes, { out: new Uint8Array(maxOutput) }),
    inflateZlib: (bytes, maxOutput) => boundedUnzlib(bytes, maxOutput),
    openEvidence(check, ref) {
      const b = files.get(norm(check.abs));
      if (!b || b.length !== check.size) throw new ZipWriteError(`evidence changed after it was checked (not the same file): ${ref}`);
      return {
        read: (buf, position) => {
          const n = Math.max(0, Math.min(buf.length, b.length - position));
          buf.set(b.subarray(position, position + n));
          return n;
        },
        close: () => undefined,
      };
    },
    cwd: () => OUTPUT_ROOT,
    async prepareZipTarget(target, shown, overwrite) {
      if (isDir(target)) throw new CliError({ zh: `输出路径是一个文件夹：${target}`, en: `the output is a folder: ${target}` }, shown);
      if (files.has(norm(target)) && overwrite === false) {
        throw new CliError({ zh: '报送包已存在，不会覆盖', en: 'the package exists and will not be overwritten' }, shown ?? target);
      }
    },
    async openZipFile(path) {
      const b = files.get(norm(path));
      if (!b) {
        if (isDir(path)) throw new ZipFormatError(`${path}: not a regular file (a folder)`);
        throw Object.assign(new Error(`no such file: ${path}`), { code: 'ENOENT' });
      }
      return {
        path,
        size: b.length,
        data: b,
        read: async (position, length) => {
          if (position < 0 || position + length > b.length) throw new ZipFormatError('unexpected end of file (truncated zip)');
          await pace(length);
          return b.subarray(position, position + length);
        },
        close: async () => undefined,
      };
    },
    async writeZipFile(target, entries, options) {
      const stepped = entries.map((e) => (e.stream ? { ...e, stream: () => paced(e.stream!()) } : e));
      const { bytes, result } = await zipToBytes(stepped, { ...options, maxBytes: MAX_PAGE_ZIP_BYTES });
      files.set(norm(target), bytes);
      return result;
    },
    sha256: () => {
      const h = sha256.create();
      return { update: (d) => void h.update(d), hex: () => bytesToHex(h.digest()) };
    },
    put(path, bytes) {
      files.set(norm(path), bytes);
    },
    clear(prefix) {
      const p = norm(prefix) + '/';
      for (const k of [...files.keys()]) if (k.startsWith(p)) files.delete(k);
    },
    files: () => [...files.keys()].sort(),
  };
}
