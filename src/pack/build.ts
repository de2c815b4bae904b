/**
 * `cluster pack`: validate → plan → render → one streaming pass writing the zip.
 *
 * - Gate: any error finding stops packing (nothing written) unless `force`; even forced, evidence
 *   outside the filing's folder (absolute, `..`, symlinks leaving it) is never packed.
 * - One pass over the evidence: each file is read once, its SHA-256 computed on the way into the
 *   zip; the 材料清单 and manifest are generated at the end of the archive, when all hashes are known.
 *   Memory stays flat however large the evidence.
 * - Split packages (`splitBytes`): several self-contained zips (each opens on its own in Explorer,
 *   all share the top folder, so extracting them together gives the whole package). Needs the
 *   hashes before the first part is written, so evidence is hashed first (a second read).
 * - Output written to a temporary name and renamed; inputs are only read.
 * - Pure core (the CLI and the page run it): files are read and written through the host
 *   (src/host.ts), bytes are Uint8Array, hashes the host's SHA-256.
 */
import { utf8 } from '../bytes.js';
import { host, type DigestQueue, type Sha256, type StreamDigest } from '../host.js';
import type { Lang } from '../catalogue/index.js';
import { CliError } from '../errors.js';
import { documentDate } from '../dates.js';
import { summarize, sortFindings, type FileResult, type Finding } from '../findings.js';
import { loadFiling, type LoadedFiling } from '../load/index.js';
import type { Profile } from '../profile.js';
import { profileForFiling } from '../review/kind.js';
import { emitFilingYaml } from '../yaml-emit.js';
import { validateLoaded } from '../validate/index.js';
import { VERSION } from '../version.js';
import { encodeEntryName, validateEntryName, ZipNameError } from './zip/names.js';
import { ZipWriteError, type ZipEntryInput } from './zip/writer.js';
import { defaultArtifacts, type ArtifactProvider } from './artifacts.js';
import { inspectHandle, magicOf, type Inspection, type Magic } from './inspect.js';
import type { PositionalReader } from './pdf-pages.js';
import { pdfPageCountOfBuffer } from './pdf-pages.js';
import { sectionById } from '../catalogue/index.js';
import { DATA_DIR, LIST_CSV, LIST_PDF, MANIFEST_NAME, planEvidence, PROBLEM_TEXT, rootName, STAMPED_DIR, UNSAFE, XLSX_NAME, type EvidencePlan, type StoredEvidence } from './layout.js';
import { listingPdf } from './listing-pdf.js';
import { listingCsv, MANIFEST_VERSION, manifestFingerprint, serializeManifest, sha256Hex, type FileKind, type Manifest, type ManifestFile } from './manifest.js';
import { fitFileName, nn, safeSegment } from './names.js';
import type { ProgressBar } from './progress.js';
import { fmtSize, packFinding } from './rules.js';
import { assignParts, partName } from './split.js';

export interface PackRequest {
  file: string;
  output?: string;
  force?: boolean;
  filenameEncoding?: 'utf8' | 'gbk';
  /** Warn above this zip size (bytes). */
  emailLimitBytes: number;
  /** Split into self-contained parts of at most this size (bytes). */
  splitBytes?: number;
  profile: Profile;
  lang: Lang;
  /** YYYY-MM-DD the rules are evaluated as of; default: the package date (keeps packages reproducible). */
  today?: string;
  fonts?: { regular?: string; bold?: string };
  progress?: ProgressBar;
  artifacts?: ArtifactProvider;
  /** Folder for the default output name (default: the host's cwd()). */
  cwd?: string;
  /** @internal tests: fsync before rename (default true). */
  fsync?: boolean;
  /** Replace an existing package (pack's --force); refused otherwise. Default true for the API. */
  overwrite?: boolean;
  /**
   * The scanned pages the office stamped and signed (封面, 九、真实性声明及推荐意见): PDF, JPEG or PNG files,
   * packed first in the package under `00 盖章扫描件/` and listed in the 材料清单 (`pack --stamped`).
   */
  stamped?: readonly string[];
  /** Rule levels from cluster.config.yaml. */
  ruleLevels?: Readonly<Record<string, 'off' | 'info' | 'warning' | 'error'>>;
  /** The environment for SOURCE_DATE_EPOCH (default: the process's, where there is one). */
  env?: Record<string, string | undefined>;
  /** Phase timings (ms), for --debug and the benchmark. */
  onTiming?: (phase: 'validate' | 'inspect' | 'render' | 'write', ms: number) => void;
}

export interface PackOutput {
  path: string;
  bytes: number;
  part?: number;
}

export interface PackResult {
  /** 0 packed, 1 refused (error findings). */
  code: 0 | 1;
  packed: boolean;
  /** Validation result, with pack's own findings merged in. */
  result: FileResult;
  forced: boolean;
  outputs: PackOutput[];
  manifest?: Manifest;
  /** Why packing was refused (shown after the findings). */
  refusal?: { zh: string; en: string };
}

const WHY_EN: Partial<Record<string, string>> = { absolute: 'an absolute path', outside: 'a path leaving it', linkOutside: 'a symbolic link leading out of it' };

/** Where the rules are evaluated as of: Beijing date of the package date. */
function beijingDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function beijingIso(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}


function withFindings(result: FileResult, extra: readonly Finding[]): FileResult {
  const findings = sortFindings([...result.findings, ...extra]);
  const summary = summarize(findings);
  return { ...result, findings, summary, valid: summary.error === 0 };
}

interface FixedFile {
  path: string;
  kind: FileKind;
  section: string;
  data: Uint8Array;
  pages?: number | null;
}

function dirEntries(paths: readonly string[], root: string): string[] {
  const dirs = new Set<string>([`${root}/`]);
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`${root}/${parts.slice(0, i).join('/')}/`);
  }
  return [...dirs];
}

/** A read-only positional reader over an opened evidence file, for the inspector. */
function readerOf(f: { read(buf: Uint8Array, position: number): number }): PositionalReader {
  return { read: async (buffer, offset, length, position) => ({ bytesRead: f.read(buffer.subarray(offset, offset + length), position) }) };
}

/** A positional reader over bytes in memory (an evidence file read whole). */
function memoryReader(data: Uint8Array): PositionalReader {
  return {
    read: async (buffer, offset, length, position) => {
      const n = Math.max(0, Math.min(length, data.length - position));
      buffer.set(data.subarray(position, position + n), offset);
      return { bytesRead: n };
    },
  };
}

/** What the zip writer needs of one evidence file, read once through an identity-checked handle. */
interface EvidenceRead {
  /** Known at once when hashed here; later when the host's digest queue hashes it. */
  sha256: string | Promise<string>;
  inspection: Inspection;
}

const CHUNK = 1024 * 1024;

/**
 * One evidence file's SHA-256 (and CRC-32): on the host's digest queue when it has one (another
 * thread, while this one reads, writes and draws), else here as the bytes pass.
 */
class EvidenceHash {
  private readonly h: Sha256 | undefined;
  /** The queue's digests, once the file has ended. */
  digest: Promise<StreamDigest> | undefined;
  constructor(private readonly queue: DigestQueue | undefined) {
    this.h = queue ? undefined : host().sha256();
  }
  /** Whether the last `room` came from the queue (then `update` commits it instead of copying). */
  private inRoom = false;
  /**
   * Where to read the next `len` bytes: the queue's own memory when it offers it (the worker hashes
   * them where they were read: no copy), else undefined (read into your buffer and `update`).
   */
  async room(len: number): Promise<Uint8Array | undefined> {
    const r = this.queue?.reserve?.(len);
    const view = r instanceof Promise ? await r : r;
    this.inRoom = view !== undefined;
    return view;
  }
  update(chunk: Uint8Array): Promise<void> | undefined {
    if (this.inRoom) {
      this.inRoom = false;
      this.queue!.commit!();
      return undefined;
    }
    if (this.queue) return this.queue.update(chunk);
    this.h!.update(chunk);
    return undefined;
  }
  end(): string | Promise<string> {
    if (!this.queue) return this.h!.hex();
    const d = this.queue.end();
    // Awaited with the lists (or by the zip writer for the CRC); never an unhandled rejection.
    d.catch(() => undefined);
    this.digest = d;
    const sha = d.then((x) => x.sha256);
    sha.catch(() => undefined);
    return sha;
  }
}

/**
 * The evidence file as chunks, read once from one checked descriptor: inspected (type, PDF pages)
 * through it, hashed on the way into the zip. `onDone` gets the digest and the inspection.
 * `buf` is reused for every chunk: the zip writer has written or copied each chunk before it asks
 * for the next.
 */
function evidenceStream(s: StoredEvidence, buf: Uint8Array, onDone: (r: EvidenceRead) => void, h: EvidenceHash = new EvidenceHash(undefined)): () => AsyncIterable<Uint8Array> {
  return () =>
    (async function* () {
      const f = host().openEvidence(s, s.refs[0]!.ref);
      try {
        if (s.size <= buf.length) {
          // A file that fits the buffer is read whole with one call, then inspected from memory
          // (the head and, for a PDF, its tail and cross-reference data: no read calls of their own).
          // Read straight into the digest queue's memory where it offers it.
          const into = (await h.room(s.size)) ?? buf.subarray(0, s.size);
          let got = 0;
          while (got < s.size) {
            const n = f.read(into.subarray(got, s.size), got);
            if (n === 0) break;
            got += n;
          }
          if (got !== s.size) throw new ZipWriteError(`evidence changed while packing (${got} of ${s.size} bytes): ${s.refs[0]!.ref}`);
          const chunk = into.subarray(0, got);
          const inspection = await inspectHandle(memoryReader(chunk), s.size, s.ext).catch(() => ({}) as Inspection);
          const room = h.update(chunk);
          if (room) await room;
          yield chunk;
          onDone({ sha256: h.end(), inspection });
          return;
        }
        const inspection = await inspectHandle(readerOf(f), s.size, s.ext).catch(() => ({}) as Inspection);
        let pos = 0;
        while (pos < s.size) {
          const bytesRead = f.read(buf.subarray(0, Math.min(buf.length, s.size - pos)), pos);
          if (bytesRead === 0) break;
          const chunk = buf.subarray(0, bytesRead);
          const room = h.update(chunk);
          if (room) await room;
          pos += bytesRead;
          yield chunk;
        }
        if (pos !== s.size) throw new ZipWriteError(`evidence changed while packing (${pos} of ${s.size} bytes): ${s.refs[0]!.ref}`);
        onDone({ sha256: h.end(), inspection });
      } finally {
        f.close();
      }
    })();
}

/** Hashes (and inspects) an evidence file through one checked handle (split packages: the first pass). */
async function readEvidence(s: StoredEvidence, buf: Uint8Array): Promise<EvidenceRead> {
  let out: EvidenceRead | undefined;
  for await (const _ of evidenceStream(s, buf, (r) => (out = r))()) void _;
  return out!;
}

function lazy(make: () => Promise<Uint8Array>): () => AsyncIterable<Uint8Array> {
  return () =>
    (async function* () {
      yield await make();
    })();
}

/** A stamped scan is a few pages: far below this; the bound keeps a wrong file (a video) out of memory. */
export const MAX_STAMPED_BYTES = 100 * 1024 * 1024;
const STAMPED_TYPES: Record<string, Magic> = { pdf: 'pdf', jpg: 'jpeg', jpeg: 'jpeg', png: 'png' };
const STAMPED_SECTION = `封面和“${sectionById('declaration').section.title}”的盖章、签字页扫描件`;

export interface StampedScan {
  /** In the package: "00 盖章扫描件/01-封面.pdf". */
  path: string;
  data: Uint8Array;
  pages?: number | null;
}

/**
 * Reads the stamped scans given to `pack --stamped`: each a regular file of bounded size (never a FIFO,
 * a device or a folder), a PDF, JPEG or PNG whose content is what its extension says. Exit 2 otherwise.
 */
export async function readStampedScans(files: readonly string[]): Promise<StampedScan[]> {
  const role = { zh: '盖章扫描件', en: 'stamped scan' };
  const out: StampedScan[] = [];
  const seen = new Set<string>();
  const { path } = host();
  for (const [i, file] of files.entries()) {
    const abs = path.resolve(file);
    if (seen.has(abs)) throw new CliError({ zh: '同一个盖章扫描件给了两次（--stamped）', en: 'the same stamped scan was given twice (--stamped)' }, file);
    seen.add(abs);
    const ext = path.extname(file).slice(1).toLowerCase();
    const want = STAMPED_TYPES[ext];
    if (!want) {
      throw new CliError(
        { zh: `盖章扫描件应为 PDF、JPG 或 PNG 文件（扩展名为 ${ext ? '.' + ext : '空'}）`, en: `a stamped scan must be a PDF, JPG or PNG file (extension ${ext ? '.' + ext : 'none'})` },
        file,
      );
    }
    const data = host().readFile(file, MAX_STAMPED_BYTES, role);
    const found = magicOf(data.subarray(0, 1024));
    if (found !== want) {
      throw new CliError(
        { zh: `文件内容不是 ${ext.toUpperCase()}（扩展名与内容不符）：请给出扫描得到的文件`, en: `the content is not ${ext.toUpperCase()} (extension and content differ): give the scanned file` },
        file,
      );
    }
    const name = `${nn(i + 1)}-${fitFileName(safeSegment(path.basename(file)), 60)}`;
    const scan: StampedScan = { path: `${STAMPED_DIR}/${name}`, data };
    if (want === 'pdf') scan.pages = await pdfPageCountOfBuffer(data);
    out.push(scan);
  }
  return out;
}

const SILENT: ProgressBar = { update: () => undefined, done: () => undefined };

export async function pack(req: PackRequest): Promise<PackResult> {
  const { lang } = req;
  let profile = req.profile;
  let t0 = performance.now();
  const lap = (phase: 'validate' | 'inspect' | 'render' | 'write') => {
    const t = performance.now();
    req.onTiming?.(phase, t - t0);
    t0 = t;
  };
  const progress = req.progress ?? SILENT;
  const { path } = host();
  progress.update({ phase: 'validate', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 });
  // The stamped scans first: a wrong file is a usage error (exit 2) before any work is done.
  const stamped = req.stamped?.length ? await readStampedScans(req.stamped) : [];
  const loaded: LoadedFiling = await loadFiling(req.file, { years: profile.dataYears });
  // A review filing is packed under its batch's review profile (its PDFs: the review faces).
  profile = profileForFiling(loaded.data, profile, req.file);
  const date = req.env ? documentDate(loaded.data, profile, req.env) : documentDate(loaded.data, profile);
  const asOf = req.today ?? beijingDate(date);
  const validated = await validateLoaded(loaded, { profile, lang, today: asOf, ...(req.ruleLevels ? { ruleLevels: req.ruleLevels } : {}) });

  lap('validate');
  const root = rootName(loaded.data);
  const plan: EvidencePlan = planEvidence(loaded.data, loaded.dir, root);
  const packFindings: Finding[] = [];

  // Evidence type and content, page counts of PDFs: found while each file is read for packing
  // (one open, one read, identity-checked), recorded here.
  const pages = new Map<StoredEvidence, number | null>();
  const inspected = (st: StoredEvidence, ins: Inspection): void => {
    const first = st.refs[0]!;
    if (ins.typeNotAllowed !== undefined) {
      packFindings.push(
        ins.typeNotAllowed === ''
          ? packFinding('pack/evidence-type', 'noExt', { ref: first.ref }, first.pointer, lang, loaded.sourceMap)
          : packFinding('pack/evidence-type', 'type', { ref: first.ref, ext: ins.typeNotAllowed }, first.pointer, lang, loaded.sourceMap),
      );
    }
    if (ins.contentMismatch) {
      packFindings.push(packFinding('pack/evidence-type', 'content', { ref: first.ref, ...ins.contentMismatch }, first.pointer, lang, loaded.sourceMap));
    }
    if (ins.pages !== undefined) pages.set(st, ins.pages);
  };

  lap('inspect');
  const encoding = req.filenameEncoding ?? 'utf8';

  const forced = validated.summary.error > 0 && !!req.force;
  const unsafe = plan.problems.filter((r) => UNSAFE.has(r.check.problem!));
  /** Nothing written: exit 1 with the findings and why. */
  const refuse = (refusal: { zh: string; en: string }): PackResult => ({ code: 1, packed: false, forced: false, outputs: [], result: withFindings(validated, packFindings), refusal });
  if (validated.summary.error > 0 && !req.force) {
    return refuse({
      zh: '校验发现错误，未生成报送包：请修改后重试，或使用 --force 强制打包（将在材料清单中注明）',
      en: 'validation found errors; no package written: fix them and retry, or use --force to pack anyway (recorded in the manifest)',
    });
  }
  if (unsafe.length > 0) {
    for (const r of unsafe) {
      packFindings.push(packFinding('pack/evidence-outside', 'refused', { ref: r.ref, why: lang === 'zh' ? PROBLEM_TEXT[r.check.problem!] : WHY_EN[r.check.problem!] ?? r.check.problem! }, r.pointer, lang, loaded.sourceMap));
    }
    return refuse({
      zh: '有佐证材料位于申报文件夹之外，未生成报送包（--force 也不会打包这些文件）',
      en: 'some evidence lies outside the filing’s folder; no package written (--force never packs such files)',
    });
  }

  // Output path(s).
  const cwd = req.cwd ?? host().cwd();
  const target = path.resolve(cwd, req.output ?? `${root}.zip`);
  if (path.extname(target).toLowerCase() !== '.zip') {
    throw new CliError({ zh: `输出文件应以 .zip 结尾：${req.output}`, en: `the output must end in .zip: ${req.output}` });
  }
  const inputs = new Set([path.resolve(req.file), ...plan.stored.map((s) => s.abs), ...(req.stamped ?? []).map((f) => path.resolve(f))]);
  if (inputs.has(target)) throw new CliError({ zh: `不能覆盖输入文件 ${req.output}`, en: `refusing to overwrite the input file ${req.output}` }, req.output);
  await host().prepareZipTarget(target, req.output, req.overwrite);

  // Generated documents.
  progress.update({ phase: 'render', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 });
  const artifacts = req.artifacts ?? defaultArtifacts;
  const resultForRender = withFindings(validated, []);
  const art = { loaded, profile, lang, result: resultForRender, date, asOf, ...(req.fonts ? { fonts: req.fonts } : {}) };
  const [pdfs, xlsx, docs] = await Promise.all([artifacts.pdfs(art), artifacts.xlsx(art), artifacts.docx ? artifacts.docx(art) : Promise.resolve([])]);
  // The filing is read once: the bytes validated and rendered are the bytes packed and hashed (a
  // workbook too: it is parsed from the bytes read, never from its path again).
  if (!loaded.bytes) throw new Error(`the loader kept no bytes of ${req.file}`);
  const sourceBytes = loaded.bytes;
  const yamlName = loaded.format === 'yaml' ? safeSegment(path.basename(req.file)) : 'cluster.yaml';
  const yamlData = loaded.format === 'yaml' ? sourceBytes : utf8(emitFilingYaml(loaded.data, { profile }));

  lap('render');
  const fixed: FixedFile[] = [];
  // The stamped and signed pages come first: the receiver sees the office's seal before anything else.
  for (const scan of stamped) fixed.push({ path: scan.path, kind: 'stamped', section: STAMPED_SECTION, data: scan.data, ...(scan.pages !== undefined ? { pages: scan.pages } : {}) });
  pdfs.forEach((p, i) => {
    // A review's second document is its 规划目标完成情况 (a report, not a 推荐汇总表).
    const kind: FileKind = i === 0 ? 'form' : i === 1 && profile.kind !== 'review' ? 'summary' : 'report';
    const name = /^\d/.test(p.name) ? p.name : `${String(i + 1).padStart(2, '0')} ${p.name}`;
    fixed.push({ path: safeSegment(name), kind, section: p.title, data: p.data, pages: p.pages });
    // The editable Word version of the same form sits beside its PDF, under the same number.
    const doc = docs.find((d) => d.name.replace(/\.docx$/, '') === p.name.replace(/\.pdf$/, ''));
    if (doc) fixed.push({ path: safeSegment(name.replace(/\.pdf$/, '.docx')), kind, section: `${p.title}（可编辑 Word 版）`, data: doc.data });
  });
  fixed.push({ path: `${DATA_DIR}/${yamlName}`, kind: 'data', section: '申报数据（YAML）', data: yamlData });
  fixed.push({ path: `${DATA_DIR}/${XLSX_NAME}`, kind: 'data', section: '申报数据（Excel）', data: xlsx });

  // Every name must be valid in a zip Windows can extract.
  for (const p of [...fixed.map((f) => f.path), ...plan.stored.map((s) => s.path), LIST_PDF, LIST_CSV, MANIFEST_NAME]) {
    try {
      validateEntryName(`${root}/${p}`);
    } catch (e) {
      if (e instanceof ZipNameError) throw new CliError({ zh: `无法使用的文件名：${e.message}`, en: `unusable file name: ${e.message}` });
      throw e;
    }
  }
  if (encoding === 'gbk') {
    const fell = [...fixed.map((f) => f.path), ...plan.stored.map((s) => s.path)].filter((p) => encodeEntryName(`${root}/${p}`, 'gbk').fallback);
    if (fell.length) {
      packFindings.push(
        packFinding('pack/filename-encoding', 'fallback', { count: fell.length, names: fell.map((p) => p.slice(p.lastIndexOf('/') + 1)).join('、') }, '', lang),
      );
    }
  }

  const evidenceFile = (s: StoredEvidence, sha256: string, part?: number): ManifestFile => {
    const f: ManifestFile = {
      path: s.path,
      kind: 'evidence',
      section: s.refs[0]!.slot.section.title,
      items: s.refs.map((r) => ({ code: r.slot.code, label: r.slot.label, pointer: r.pointer, source: r.ref })),
      size: s.size,
      sha256,
    };
    if (pages.has(s)) f.pages = pages.get(s)!;
    if (part !== undefined) f.part = part;
    return f;
  };
  const fixedFile = (f: FixedFile, part?: number): ManifestFile => {
    const m: ManifestFile = { path: f.path, kind: f.kind, section: f.section, size: f.data.length, sha256: sha256Hex(f.data) };
    if (f.pages !== undefined) m.pages = f.pages;
    if (part !== undefined) m.part = part;
    return m;
  };

  const cover = (loaded.data.cover ?? {}) as Record<string, unknown>;
  const cluster = typeof cover.clusterName === 'string' ? cover.clusterName : root;
  const operator = typeof cover.operator === 'string' ? cover.operator : undefined;
  const allFindings = withFindings(validated, packFindings);
  const baseManifest = (files: ManifestFile[], parts?: Manifest['parts']): Manifest => {
    const m: Manifest = {
      format: 'cluster-package',
      formatVersion: MANIFEST_VERSION,
      tool: { name: 'cluster', version: VERSION },
      profile: profile.id,
      cluster,
      date: beijingIso(date),
      root,
      filenameEncoding: encoding,
      source: { file: path.basename(req.file), format: loaded.format, sha256: sha256Hex(sourceBytes) },
      validation: {
        asOf,
        valid: validated.summary.error === 0,
        forced,
        summary: validated.summary,
        findings: validated.findings,
      },
      packFindings,
      omitted: plan.problems.map((r) => ({ pointer: r.pointer, source: r.ref, problem: r.check.problem! })),
      totals: {
        files: files.length,
        bytes: files.reduce((s, f) => s + f.size, 0),
        evidenceFiles: plan.stored.length,
        evidenceReferences: plan.refs.length - plan.problems.length,
      },
      fingerprint: '',
      files,
    };
    if (parts) m.parts = parts;
    m.fingerprint = manifestFingerprint(m);
    return m;
  };
  const listFonts = async () => (await import('../render/index.js')).getFonts(req.fonts ?? {});
  const makeLists = async (files: ManifestFile[], parts?: Manifest['parts']) => {
    // The manifest lists the 材料清单 files too; they print the fingerprint of everything else.
    const draft = baseManifest(files, parts);
    const pdf = await listingPdf({ manifest: draft, files, ...(operator ? { operator } : {}), fonts: await listFonts(), date });
    const csv = utf8(listingCsv(draft, files));
    const listFiles: ManifestFile[] = [
      { path: LIST_PDF, kind: 'list', section: '材料清单（PDF）', size: pdf.data.length, pages: pdf.pages, sha256: sha256Hex(pdf.data) },
      { path: LIST_CSV, kind: 'list', section: '材料清单（CSV）', size: csv.length, sha256: sha256Hex(csv) },
    ];
    const manifest = baseManifest([...listFiles, ...files], parts);
    return { pdf: pdf.data, csv, manifest, json: utf8(serializeManifest(manifest)) };
  };

  const evidenceBytes = plan.stored.reduce((s, e) => s + e.size, 0);
  const fixedBytes = fixed.reduce((s, f) => s + f.data.length, 0);
  const writeOpts = { date, filenameEncoding: encoding, ...(req.fsync === false ? { fsync: false } : {}) };
  const outputs: PackOutput[] = [];
  const overParts = new Set<number>();
  let manifest: Manifest;

  const wrapWriteError = (e: unknown): never => {
    if (e instanceof ZipWriteError || (e as NodeJS.ErrnoException)?.code) {
      const msg = (e as Error).message;
      throw new CliError({ zh: `写入报送包失败：${msg}`, en: `cannot write the package: ${msg}` }, req.output ?? target);
    }
    throw e;
  };

  const estimate = fixedBytes + evidenceBytes;
  const readBuf = new Uint8Array(CHUNK);
  const split = req.splitBytes !== undefined && estimate > req.splitBytes * 0.9;
  if (!split) {
    // Single zip, single pass.
    const hashes = new Map<StoredEvidence, string | Promise<string>>();
    // Evidence hashed beside this thread where the host can (its CRC-32 too, for the zip).
    const queue = host().digestQueue?.();
    let lists: Awaited<ReturnType<typeof makeLists>> | undefined;
    const ensureLists = async () => {
      if (!lists) {
        const sums = await Promise.all(plan.stored.map((s) => hashes.get(s)!));
        // Every digest is in (the CRCs the writer awaits too): the worker's memory goes before the lists are drawn.
        queue?.close();
        const files = [...fixed.map((f) => fixedFile(f)), ...plan.stored.map((s, i) => evidenceFile(s, sums[i]!))];
        lists = await makeLists(files);
      }
      return lists;
    };
    const entries: ZipEntryInput[] = [
      ...dirEntries([...fixed.map((f) => f.path), ...plan.stored.map((s) => s.path)], root).map((name) => ({ name })),
      ...fixed.map((f) => ({ name: `${root}/${f.path}`, data: f.data })),
      ...plan.stored.map((s) => {
        const h = new EvidenceHash(queue);
        const entry: ZipEntryInput = {
          name: `${root}/${s.path}`,
          size: s.size,
          stream: evidenceStream(
            s,
            readBuf,
            (r) => {
              hashes.set(s, r.sha256);
              inspected(s, r.inspection);
            },
            h,
          ),
        };
        if (queue) entry.crc32 = async () => (await h.digest!).crc32;
        return entry;
      }),
      { name: `${root}/${LIST_PDF}`, stream: lazy(async () => (await ensureLists()).pdf) },
      { name: `${root}/${LIST_CSV}`, stream: lazy(async () => (await ensureLists()).csv) },
      { name: `${root}/${MANIFEST_NAME}`, stream: lazy(async () => (await ensureLists()).json) },
    ];
    const filesTotal = fixed.length + plan.stored.length + 3;
    const r = await host()
      .writeZipFile(target, entries, {
        ...writeOpts,
        onProgress: (p) => progress.update({ filesDone: Math.max(0, p.entriesDone - (p.entriesTotal - filesTotal)), filesTotal, bytesDone: p.bytesDone, bytesTotal: estimate }),
      })
      .catch(wrapWriteError)
      .finally(() => queue?.close());
    progress.done();
    outputs.push({ path: target, bytes: r.bytes });
    manifest = lists!.manifest;
  } else {
    // Self-contained parts: hash first, then assign files to parts and write each.
    const hashes = new Map<StoredEvidence, string>();
    let done = 0;
    for (const s of plan.stored) {
      const r = await readEvidence(s, readBuf).catch(wrapWriteError);
      hashes.set(s, await r.sha256);
      inspected(s, r.inspection);
      done += s.size;
      progress.update({ filesDone: hashes.size, filesTotal: plan.stored.length, bytesDone: done, bytesTotal: evidenceBytes * 2 });
    }
    const provisional = await makeLists([...fixed.map((f) => fixedFile(f, 1)), ...plan.stored.map((s) => evidenceFile(s, hashes.get(s)!, 1))], { count: 1, names: [] });
    const listReserve = Math.ceil((provisional.pdf.length + provisional.csv.length + provisional.json.length) * 1.25) + 64 * 1024;
    const assignment = assignParts({
      root,
      limit: req.splitBytes!,
      reserve: listReserve,
      fixed: fixed.map((f) => ({ path: f.path, size: f.data.length })),
      evidence: plan.stored.map((s) => ({ path: s.path, size: s.size, group: s.path.slice(0, s.path.lastIndexOf('/')) })),
    });
    const count = assignment.count;
    const names = Array.from({ length: count }, (_, i) => path.basename(partName(target, i + 1, count)));
    const parts = count > 1 ? { count, names } : undefined;
    const partOf = (i: number) => (parts ? assignment.evidence[i]! : undefined);
    const files = [...fixed.map((f) => fixedFile(f, parts ? 1 : undefined)), ...plan.stored.map((s, i) => evidenceFile(s, hashes.get(s)!, partOf(i)))];
    for (const big of assignment.oversize) {
      overParts.add(big.part);
      packFindings.push(
        packFinding('pack/email-size', 'part', { part: big.part, size: fmtSize(big.estimate), limit: fmtSize(req.splitBytes!), file: big.path.slice(big.path.lastIndexOf('/') + 1), fileSize: fmtSize(big.size) }, '', lang),
      );
    }
    const lists = await makeLists(files, parts);
    manifest = lists.manifest;
    let written = 0;
    for (let k = 1; k <= count; k++) {
      const mine = plan.stored.filter((_, i) => (parts ? assignment.evidence[i] === k : true));
      const fixedHere = k === 1 ? fixed : [];
      const entries: ZipEntryInput[] = [
        ...dirEntries([...fixedHere.map((f) => f.path), ...mine.map((s) => s.path)], root).map((name) => ({ name })),
        ...fixedHere.map((f) => ({ name: `${root}/${f.path}`, data: f.data })),
        ...mine.map((s) => ({
          name: `${root}/${s.path}`,
          size: s.size,
          // Hashed here (no queue): the digest is known when the stream ends.
          stream: evidenceStream(s, readBuf, (r) => {
            if (r.sha256 !== hashes.get(s)) throw new ZipWriteError(`evidence changed while packing: ${s.refs[0]!.ref}`);
          }),
        })),
        { name: `${root}/${LIST_PDF}`, data: lists.pdf },
        { name: `${root}/${LIST_CSV}`, data: lists.csv },
        { name: `${root}/${MANIFEST_NAME}`, data: lists.json },
      ];
      const out = parts ? partName(target, k, count) : target;
      if (inputs.has(out)) throw new CliError({ zh: `不能覆盖输入文件 ${out}`, en: `refusing to overwrite the input file ${out}` }, out);
      const before = written;
      const r = await host().writeZipFile(out, entries, {
        ...writeOpts,
        onProgress: (p) => progress.update({ filesDone: hashes.size, filesTotal: plan.stored.length, bytesDone: evidenceBytes + before + p.bytesDone, bytesTotal: evidenceBytes * 2 + fixedBytes }),
      }).catch(wrapWriteError);
      written += r.bytes;
      outputs.push({ path: out, bytes: r.bytes, ...(parts ? { part: k } : {}) });
    }
    progress.done();
  }

  lap('write');
  // Email attachment size (a part holding a file too large to split is reported above).
  const over = outputs.filter((o) => o.bytes > req.emailLimitBytes && !(o.part !== undefined && overParts.has(o.part)));
  if (over.length > 0) {
    const largest = [...plan.stored]
      .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
      .slice(0, 5)
      .map((s) => `${s.path.slice(s.path.lastIndexOf('/') + 1)}（${fmtSize(s.size)}）`)
      .join('、');
    const suggestMb = Math.max(1, Math.floor(req.emailLimitBytes / 1e6));
    packFindings.push(
      packFinding('pack/email-size', 'over', { size: fmtSize(Math.max(...over.map((o) => o.bytes))), limit: fmtSize(req.emailLimitBytes), largest: largest || '—', suggest: suggestMb }, '', lang),
    );
  }

  return { code: 0, packed: true, forced, outputs, manifest, result: withFindings(validated, packFindings) };
}
