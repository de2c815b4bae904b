/**
 * The Node face's host (see src/host.ts): the file system, node:path, the schema validator
 * precompiled at build time (loaded through V8's code cache), the fonts from node_modules. Installed by
 * src/cli.ts at start-up and by the test setup; the core never imports this module.
 */
import * as nodePath from 'node:path';
import { closeSync, constants as fsConstants, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { checkEvidenceNode } from './evidence-node.js';
import { setHost, type Host, type PdfKitModule, type SchemaValidator } from './host.js';
import { OPEN_FLAGS, readRegularFile } from './read-file.js';
import { CliError, InputError } from './errors.js';
import { ZipWriteError } from './pack/zip/write-error.js';
import { inRanges, toRanges, type Ranges } from './render/coverage.js';

const require_ = createRequire(import.meta.url);
/** node:zlib's native crc32 (Node ≥ 20.15), looked up on first use: loading node:zlib (and streams) costs
 * a command that never zips, such as `rules`, ~8 ms of start-up. */
let nativeCrc32: ((data: Uint8Array, value?: number) => number) | null | undefined;
const crc32Native = () => (nativeCrc32 === undefined ? (nativeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32 ?? null) : nativeCrc32) ?? undefined;

function profilesDir(): string {
  return fileURLToPath(new URL('../templates/profiles/', import.meta.url));
}

type CommonJsWrapper = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

export function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/**
 * Loads the 0.5 MB standalone validator through V8's code cache (made at build time by
 * scripts/build-validator.mjs): ~5 ms instead of ~30 ms to compile and first run it. A cache V8
 * rejects (another Node version) only costs the compile.
 */
function loadCached(file: string): SchemaValidator {
  const cacheFile = file.replace(/\.cjs$/, '.cache');
  const source = readFileSync(file, 'utf8');
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(wrapCommonJs(source), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as CommonJsWrapper)(module.exports, createRequire(file), module, file, nodePath.dirname(file));
  return module.exports as SchemaValidator;
}

let validator: SchemaValidator | undefined | null;
let coverage: Ranges | undefined;

/** Code points of a font file (TTF/OTF; for a .ttc give `path#PostScriptName`). */
export function fontRanges(path: string): Ranges {
  const fontkit = require_('fontkit') as { openSync(p: string, name?: string): { characterSet: number[] } };
  const [file, name] = path.split('#') as [string, string | undefined];
  return toRanges(fontkit.openSync(file, name).characterSet);
}

/** Both bundled faces' coverage (build time, or from source when the build has not run). */
function computeCoverage(): Ranges {
  const { regular, bold } = nodeHost.defaultFontFiles();
  const r = fontRanges(regular);
  const b = new Set<number>();
  for (const [x, y] of fontRanges(bold)) for (let c = x; c <= y; c++) b.add(c);
  // A character must be in both faces: headings use bold, body text regular.
  return toRanges([...b].filter((c) => inRanges(r, c)));
}
let pdfkit: Promise<PdfKitModule> | undefined;
let yamlLib: typeof import('yaml') | undefined;

/**
 * Reads at most `limit` bytes. Synchronous system calls: a filing is small, and batch validation of
 * a thousand of them spent more time hopping to the thread pool than reading.
 */
export function readFilingNode(file: string, limit: number): Buffer {
  // Opened first (non-blocking: a FIFO with no writer does not hang the open), then checked on the
  // descriptor: what is read is what was checked.
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError({ zh: '文件不存在', en: 'no such file' }, file);
    if (code === 'EACCES') throw new InputError({ zh: '没有读取该文件的权限', en: 'permission denied' }, file);
    if (code === 'EISDIR') throw new InputError({ zh: '这是一个文件夹，不是申报文件', en: 'this is a folder, not a filing' }, file);
    throw new InputError({ zh: `无法读取文件（${code}）`, en: `cannot read the file (${code})` }, file);
  }
  const st = fstatSync(fd);
  if (st.isDirectory()) {
    closeSync(fd);
    throw new InputError({ zh: '这是一个文件夹，不是申报文件', en: 'this is a folder, not a filing' }, file);
  }
  // A pipe or device would block the read forever (a FIFO with no writer) or never end (/dev/zero).
  if (!st.isFile()) {
    closeSync(fd);
    throw new InputError({ zh: '不是普通文件（是管道或设备），无法作为申报文件读取', en: 'not a regular file (a pipe or a device): cannot read it as a filing' }, file);
  }
  if (st.size > limit) {
    closeSync(fd);
    throw new InputError(
      {
        zh: `文件过大（${(st.size / 1048576).toFixed(1)} MB，上限 ${limit / 1048576} MB）：申报数据文件不应包含佐证材料本身`,
        en: `file too large (${(st.size / 1048576).toFixed(1)} MB, limit ${limit / 1048576} MB): a filing must not embed its evidence`,
      },
      file,
    );
  }
  try {
    const buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let bytesRead = 0;
    for (;;) {
      const n = readSync(fd, buf, bytesRead, buf.length - bytesRead, bytesRead);
      if (n === 0) break;
      bytesRead += n;
      if (bytesRead === buf.length) break;
    }
    if (bytesRead > limit) {
      throw new InputError({ zh: `文件过大（上限 ${limit / 1048576} MB）`, en: `file too large (limit ${limit / 1048576} MB)` }, file);
    }
    return buf.subarray(0, bytesRead);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ zh: `无法读取文件（${code}）`, en: `cannot read the file (${code})` }, file);
  } finally {
    closeSync(fd);
  }
}

const NOTO_SERIF = '@expo-google-fonts/noto-serif-sc';
const NOTO_SANS_MEDIUM = '@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf';

const OPEN_EVIDENCE = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Opens an evidence file for packing: without following a link swapped in after the check, and only
 * if the opened file is the one checked (same device and inode, still a regular file of the same
 * size): whatever happens to the folder between the check and the read, what is packed is what
 * was checked. Synchronous calls: thousands of small files cost a thread-pool round trip per call
 * otherwise (the copy is paced by the disk, not by the event loop).
 */
function openEvidence(s: { abs: string; size: number; dev?: number; ino?: number }, ref: string): { read(buf: Uint8Array, position: number): number; close(): void } {
  let fd: number;
  try {
    fd = openSync(s.abs, OPEN_EVIDENCE);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ZipWriteError(`evidence changed after it was checked (${code === 'ELOOP' ? 'now a symbolic link' : code}): ${ref}`);
  }
  const st = fstatSync(fd);
  if (!st.isFile() || st.dev !== s.dev || st.ino !== s.ino || st.size !== s.size) {
    closeSync(fd);
    throw new ZipWriteError(`evidence changed after it was checked (not the same file): ${ref}`);
  }
  return { read: (buf, position) => readSync(fd, buf, 0, buf.length, position), close: () => closeSync(fd) };
}

/** pack's output: not a folder or a device, replaced only when allowed; its folder created. */
async function prepareZipTarget(target: string, shown: string | undefined, overwrite: boolean | undefined): Promise<void> {
  const { stat } = await import('node:fs/promises');
  try {
    const st = await stat(target);
    if (st.isDirectory()) throw new CliError({ zh: `输出路径是一个文件夹：${target}`, en: `the output is a folder: ${target}` }, shown);
    // A device or pipe would be replaced by the rename (as root) rather than written to.
    if (!st.isFile()) throw new CliError({ zh: `输出路径不是普通文件：${target}`, en: `the output is not a regular file: ${target}` }, shown);
    if (overwrite === false) {
      throw new CliError({ zh: '报送包已存在，不会覆盖：加 --force 覆盖，或用 -o 换一个文件名', en: 'the package exists and will not be overwritten: add --force, or choose another name with -o' }, shown ?? target);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
  }
  const { ensureOutputDir } = await import('./io.js');
  await ensureOutputDir(nodePath.dirname(target), shown ?? target);
}

export const nodeHost: Host = {
  name: 'node',
  path: nodePath,
  readFile: (file, limit, role) => readRegularFile(file, limit, role),
  readFiling: readFilingNode,
  exists: (file) => existsSync(file),
  loadWorkbook: async (file, opts) => (await import('./xlsx/import.js')).loadWorkbookFiling(file, opts),
  checkEvidence: checkEvidenceNode,
  builtinProfileIds: () =>
    readdirSync(profilesDir())
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort(),
  builtinProfileFile: (id) => nodePath.join(profilesDir(), `${id}.yaml`),
  schemaValidator() {
    // The build precompiles the schema into dist/schema/validator.cjs; from source (tests) the core compiles it.
    if (validator === undefined) {
      const pre = fileURLToPath(new URL('./schema/validator.cjs', import.meta.url));
      validator = existsSync(pre) ? loadCached(pre) : null;
    }
    return validator ?? undefined;
  },
  defaultFontFiles() {
    const pkg = require_.resolve(`${NOTO_SERIF}/package.json`);
    const dir = pkg.slice(0, -'package.json'.length);
    let heading: string | undefined;
    try {
      heading = require_.resolve(NOTO_SANS_MEDIUM);
    } catch {
      heading = undefined;
    }
    return { regular: dir + '400Regular/NotoSerifSC_400Regular.ttf', bold: dir + '700Bold/NotoSerifSC_700Bold.ttf', ...(heading ? { heading } : {}) };
  },
  fontCoverage() {
    if (coverage === undefined) {
      const pre = fileURLToPath(new URL('./render/coverage.json', import.meta.url));
      coverage = existsSync(pre) ? (JSON.parse(readFileSync(pre, 'utf8')) as Ranges) : computeCoverage();
    }
    return coverage;
  },
  loadPdfKit() {
    // pdfkit's browser build, here as in the page: its Node build compresses with node:zlib, whose
    // output differs from every JavaScript deflate, so the two faces would write different PDF bytes.
    // The browser build is plain JavaScript (fflate, fontkit) and needs nothing from Node.
    pdfkit ??= (async () => {
      const main = require_.resolve('pdfkit');
      return (await import(pathToFileURL(nodePath.join(nodePath.dirname(main), 'pdfkit.browser.mjs')).href)) as PdfKitModule;
    })();
    return pdfkit;
  },
  openEvidence,
  cwd: () => process.cwd(),
  prepareZipTarget,
  openZipFile: async (path) => (await import('./pack/zip/reader-node.js')).openZipFile(path),
  writeZipFile: async (target, entries, options) => (await import('./pack/zip/writer-node.js')).writeZipAtomic(target, entries, options),
  sha256: () => {
    const h = createHash('sha256');
    return { update: (d) => void h.update(d), hex: () => h.digest('hex') };
  },
  // node:zlib's native crc32 (Node ≥ 20.15); the portable table on older Node (undefined here).
  get crc32() {
    return crc32Native();
  },
  gbk: () => {
    const iconv = require_('iconv-lite') as typeof import('iconv-lite');
    return { encode: (s) => iconv.encode(s, 'gbk'), decode: (b) => iconv.decode(b as Buffer, 'gbk') };
  },
  inflateZlib: (data, maxOutput) => zlib.inflateSync(data, { maxOutputLength: Math.max(1, maxOutput) }),
  inflateRaw: (data, maxOutput) => zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutput) }),
  yaml() {
    yamlLib ??= require_('yaml') as typeof import('yaml');
    return yamlLib;
  },
};

/** Installs the Node host (idempotent). Importing this module installs it. */
export function installNodeHost(): void {
  setHost(nodeHost);
}

installNodeHost();
