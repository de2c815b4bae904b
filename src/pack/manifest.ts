/**
 * The package manifest (`manifest.json`, machine-readable) and the 材料清单 CSV (for people, opens in
 * Excel). Both are pure functions of the package content: no wall-clock time, no absolute paths.
 *
 * Integrity:
 * - every file carries its size and SHA-256;
 * - `fingerprint` = SHA-256 of "sha256  path\n" lines (sorted by path) of every file except the
 *   材料清单 PDF/CSV, which print it, followed (format version 2) by the manifest's record of what was
 *   packed: tool, profile, cluster, date, root, source, the validation record (valid, forced, every
 *   finding), pack's own findings, omissions and parts. The paper 材料清单 thus identifies the
 *   electronic package and its validation result: a `--force` package relabelled "valid" has
 *   another fingerprint than the one printed and stamped;
 * - `digest` = SHA-256 of the manifest's own JSON text without the `digest` member, so an edited
 *   or damaged manifest is detected (this guards against accidents, not against forgery).
 */
import { utf8 } from '../bytes.js';
import { host } from '../host.js';
import type { Finding, Severity } from '../findings.js';
import { csvField } from '../escape.js';

export const MANIFEST_FORMAT = 'cluster-package';
export const MANIFEST_VERSION = 2;

/** `stamped`: the scanned pages the office stamped and signed (封面, 九), packed first (`pack --stamped`). */
export type FileKind = 'list' | 'stamped' | 'form' | 'summary' | 'report' | 'data' | 'evidence';

export interface ManifestItem {
  /** "二-03". */
  code: string;
  /** The form item's label. */
  label: string;
  /** JSON Pointer of the reference in the filing. */
  pointer: string;
  /** The reference as written in the filing. */
  source: string;
}

export interface ManifestFile {
  /** Inside the package root, '/'-separated. */
  path: string;
  kind: FileKind;
  /** Section title for evidence ("二、主导产业情况"); what the file is for the others. */
  section: string;
  /** Evidence: the form items it proves (several when shared). */
  items?: ManifestItem[];
  size: number;
  /** PDFs: page count (null when it could not be read). */
  pages?: number | null;
  sha256: string;
  /** Split packages: the part (1-based) holding the file. List files and the manifest are in every part. */
  part?: number;
}

export interface ManifestOmission {
  pointer: string;
  source: string;
  problem: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: 1 | 2;
  tool: { name: string; version: string };
  profile: string;
  cluster: string;
  /** Package date, ISO 8601 in Beijing time. */
  date: string;
  /** Top folder inside the zip. */
  root: string;
  filenameEncoding: 'utf8' | 'gbk';
  source: { file: string; format: string; sha256: string };
  validation: {
    /** The date the rules were evaluated as of (YYYY-MM-DD). */
    asOf: string;
    valid: boolean;
    /** Packed despite errors (--force). */
    forced: boolean;
    summary: Record<Severity, number>;
    findings: Finding[];
  };
  /** Findings of pack itself (file types, name encodings). */
  packFindings: Finding[];
  /** Evidence references that are not in the package (only with --force). */
  omitted: ManifestOmission[];
  parts?: { count: number; names: string[] };
  totals: { files: number; bytes: number; evidenceFiles: number; evidenceReferences: number };
  fingerprint: string;
  files: ManifestFile[];
  digest?: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  const h = host().sha256();
  h.update(typeof data === 'string' ? utf8(data) : data);
  return h.hex();
}

/** Fingerprint of the package content (all files but the 材料清单 that prints it); format version 1. */
export function fingerprintOf(files: readonly Pick<ManifestFile, 'path' | 'sha256' | 'kind'>[]): string {
  return sha256Hex(fileLines(files));
}

function fileLines(files: readonly Pick<ManifestFile, 'path' | 'sha256' | 'kind'>[]): string {
  const lines = files
    .filter((f) => f.kind !== 'list')
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : a.slice(66) > b.slice(66) ? 1 : 0));
  return lines.join('');
}

/**
 * The manifest members the version 2 fingerprint covers besides the files (not totals: they count
 * the 材料清单; not the name encoding: the same content packed with GBK names is the same package).
 */
export const FINGERPRINTED = ['format', 'formatVersion', 'tool', 'profile', 'cluster', 'date', 'root', 'source', 'validation', 'packFindings', 'omitted', 'parts'] as const;

/**
 * The package fingerprint: version 1 covers the files; version 2 also the record of what was
 * packed and how it validated (see the module comment).
 */
export function manifestFingerprint(m: Pick<Manifest, 'files' | (typeof FINGERPRINTED)[number]>): string {
  if (m.formatVersion === 1) return fingerprintOf(m.files);
  const record: Record<string, unknown> = {};
  for (const k of FINGERPRINTED) record[k] = (m as Record<string, unknown>)[k] ?? null;
  return sha256Hex(fileLines(m.files) + 'record ' + JSON.stringify(record) + '\n');
}

/** The manifest's text with its digest (the digest covers the text without the digest). */
export function serializeManifest(m: Manifest): string {
  const { digest: _ignored, ...rest } = m;
  const body = JSON.stringify(rest, null, 2);
  return JSON.stringify({ ...rest, digest: sha256Hex(body) }, null, 2) + '\n';
}

/** Bounds on a received manifest, checked before anything uses it. */
export const MANIFEST_LIMITS = { files: 100_000, items: 1_000, findings: 100_000, parts: 1_000, text: 4_096, path: 1_024 } as const;

export class ManifestShapeError extends Error {
  constructor(readonly field: string, readonly expected: { zh: string; en: string }) {
    super(`${field}: ${expected.en}`);
    this.name = 'ManifestShapeError';
  }
}

type Check = (v: unknown, at: string) => void;
const fail = (at: string, zh: string, en: string): never => {
  throw new ManifestShapeError(at, { zh, en });
};
const str =
  (max: number = MANIFEST_LIMITS.text): Check =>
  (v, at) => {
    if (typeof v !== 'string') fail(at, '应为文字', 'must be a string');
    if ((v as string).length > max) fail(at, `过长（上限 ${max} 字）`, `too long (limit ${max})`);
  };
const nat =
  (max = Number.MAX_SAFE_INTEGER): Check =>
  (v, at) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) fail(at, `应为 0 到 ${max} 的整数`, `must be an integer from 0 to ${max}`);
  };
const bool: Check = (v, at) => {
  if (typeof v !== 'boolean') fail(at, '应为 true 或 false', 'must be true or false');
};
const obj = (v: unknown, at: string): Record<string, unknown> => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(at, '应为对象', 'must be an object');
  return v as Record<string, unknown>;
};
const arr = (v: unknown, at: string, max: number): unknown[] => {
  if (!Array.isArray(v)) fail(at, '应为数组', 'must be an array');
  if ((v as unknown[]).length > max) fail(at, `项数过多（上限 ${max}）`, `too many items (limit ${max})`);
  return v as unknown[];
};
const opt = (c: Check): Check => (v, at) => {
  if (v !== undefined) c(v, at);
};
const oneOf =
  (values: readonly string[]): Check =>
  (v, at) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(at, `应为 ${values.join('、')} 之一`, `must be one of ${values.join(', ')}`);
  };
const SHA256 = /^[0-9a-f]{64}$/;
const sha: Check = (v, at) => {
  if (typeof v !== 'string' || !SHA256.test(v)) fail(at, '应为 64 位小写十六进制 SHA-256', 'must be a 64-digit lower-case hex SHA-256');
};
const severity = oneOf(['error', 'warning', 'info']);
const summary: Check = (v, at) => {
  const o = obj(v, at);
  for (const k of ['error', 'warning', 'info']) nat(MANIFEST_LIMITS.findings)(o[k], `${at}.${k}`);
};
const finding: Check = (v, at) => {
  const o = obj(v, at);
  str(200)(o.ruleId, `${at}.ruleId`);
  severity(o.severity, `${at}.severity`);
  str()(o.message, `${at}.message`);
  str(MANIFEST_LIMITS.path)(o.path, `${at}.path`);
  opt(str())(o.label, `${at}.label`);
};

/**
 * Checks every member a verifier uses: types, counts and lengths (a received manifest is hostile:
 * `parts.count = 2e8` or a null where an array belongs must give a finding, never a crash or an
 * allocation). Throws `ManifestShapeError` naming the first bad field.
 */
export function checkManifestShape(raw: unknown): Manifest {
  const m = obj(raw, 'manifest');
  if (m.format !== MANIFEST_FORMAT) fail('format', `应为 "${MANIFEST_FORMAT}"`, `must be "${MANIFEST_FORMAT}"`);
  if (m.formatVersion !== 1 && m.formatVersion !== 2) fail('formatVersion', '应为 1 或 2（本工具认识的版本）', 'must be 1 or 2 (the versions this tool knows)');
  const tool = obj(m.tool, 'tool');
  str(100)(tool.name, 'tool.name');
  str(100)(tool.version, 'tool.version');
  str(200)(m.profile, 'profile');
  str()(m.cluster, 'cluster');
  str(40)(m.date, 'date');
  str(255)(m.root, 'root');
  oneOf(['utf8', 'gbk'])(m.filenameEncoding, 'filenameEncoding');
  const source = obj(m.source, 'source');
  str(MANIFEST_LIMITS.path)(source.file, 'source.file');
  str(20)(source.format, 'source.format');
  sha(source.sha256, 'source.sha256');
  const val = obj(m.validation, 'validation');
  str(10)(val.asOf, 'validation.asOf');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(val.asOf as string)) fail('validation.asOf', '应为 YYYY-MM-DD', 'must be YYYY-MM-DD');
  bool(val.valid, 'validation.valid');
  bool(val.forced, 'validation.forced');
  summary(val.summary, 'validation.summary');
  arr(val.findings, 'validation.findings', MANIFEST_LIMITS.findings).forEach((f, i) => finding(f, `validation.findings[${i}]`));
  arr(m.packFindings, 'packFindings', MANIFEST_LIMITS.findings).forEach((f, i) => finding(f, `packFindings[${i}]`));
  arr(m.omitted, 'omitted', MANIFEST_LIMITS.files).forEach((o, i) => {
    const r = obj(o, `omitted[${i}]`);
    str(MANIFEST_LIMITS.path)(r.pointer, `omitted[${i}].pointer`);
    str(MANIFEST_LIMITS.path)(r.source, `omitted[${i}].source`);
    str(100)(r.problem, `omitted[${i}].problem`);
  });
  let partCount: number | undefined;
  if (m.parts !== undefined) {
    const p = obj(m.parts, 'parts');
    nat(MANIFEST_LIMITS.parts)(p.count, 'parts.count');
    partCount = p.count as number;
    if (partCount < 1) fail('parts.count', '应至少为 1', 'must be at least 1');
    const names = arr(p.names, 'parts.names', MANIFEST_LIMITS.parts);
    if (names.length !== partCount) fail('parts.names', `应有 ${partCount} 项`, `must have ${partCount} items`);
    names.forEach((n, i) => str(MANIFEST_LIMITS.path)(n, `parts.names[${i}]`));
  }
  const totals = obj(m.totals, 'totals');
  for (const k of ['files', 'bytes', 'evidenceFiles', 'evidenceReferences']) nat()(totals[k], `totals.${k}`);
  sha(m.fingerprint, 'fingerprint');
  const files = arr(m.files, 'files', MANIFEST_LIMITS.files);
  const seen = new Set<string>();
  files.forEach((f, i) => {
    const at = `files[${i}]`;
    const o = obj(f, at);
    str(MANIFEST_LIMITS.path)(o.path, `${at}.path`);
    if (seen.has(o.path as string)) fail(`${at}.path`, `与前面的文件重复（${o.path as string}）`, `repeats an earlier file (${o.path as string})`);
    seen.add(o.path as string);
    oneOf(['list', 'stamped', 'form', 'summary', 'report', 'data', 'evidence'])(o.kind, `${at}.kind`);
    str()(o.section, `${at}.section`);
    nat()(o.size, `${at}.size`);
    sha(o.sha256, `${at}.sha256`);
    if (o.pages !== undefined && o.pages !== null) nat(1_000_000)(o.pages, `${at}.pages`);
    if (o.part !== undefined) {
      nat(MANIFEST_LIMITS.parts)(o.part, `${at}.part`);
      if (partCount === undefined || (o.part as number) < 1 || (o.part as number) > partCount) fail(`${at}.part`, '超出分卷数', 'beyond the number of parts');
    }
    if (o.items !== undefined) {
      arr(o.items, `${at}.items`, MANIFEST_LIMITS.items).forEach((it, j) => {
        const r = obj(it, `${at}.items[${j}]`);
        for (const k of ['code', 'label', 'pointer', 'source']) str(k === 'label' ? MANIFEST_LIMITS.text : MANIFEST_LIMITS.path)(r[k], `${at}.items[${j}].${k}`);
      });
    }
  });
  if (m.digest !== undefined) sha(m.digest, 'digest');
  return m as unknown as Manifest;
}

/** Largest manifest.json read (10,000 evidence files make ~6 MB). */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/** Checks a manifest's shape and digest; returns the parsed manifest and whether the digest matches. */
export function parseManifest(text: string): { manifest: Manifest; digestOk: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ManifestShapeError('manifest', { zh: `JSON 无法解析（${(e as Error).message.slice(0, 200)}）`, en: `cannot parse the JSON (${(e as Error).message.slice(0, 200)})` });
  }
  const m = checkManifestShape(raw);
  const { digest, ...rest } = m;
  return { manifest: m, digestOk: typeof digest === 'string' && sha256Hex(JSON.stringify(rest, null, 2)) === digest };
}

/** How the fingerprint is printed on the 材料清单 PDF and by verify (groups of 16 hex digits). */
export function fingerprintLine(fingerprint: string): string {
  return fingerprint.replace(/(.{16})(?=.)/g, '$1 ');
}


const KIND_TITLE: Record<FileKind, string> = {
  list: '材料清单',
  stamped: '盖章扫描件',
  form: '申报表',
  summary: '推荐汇总表',
  report: '自评报告',
  data: '申报数据',
  evidence: '佐证材料',
};

/**
 * 材料清单.csv: UTF-8 with BOM and CRLF (Excel on Windows opens it with Chinese intact), one row
 * per file. The 材料清单 files themselves are not listed (they cannot hold their own hash).
 */
export function listingCsv(m: Pick<Manifest, 'cluster' | 'date' | 'fingerprint' | 'parts'>, files: readonly ManifestFile[]): string {
  const header = ['序号', '类别', '部分', '证明事项', '文件（包内路径）', '原文件', '大小（字节）', '页数', 'SHA-256', ...(m.parts ? ['分卷'] : [])];
  const rows: string[][] = [header];
  let i = 0;
  for (const f of files) {
    if (f.kind === 'list') continue;
    i++;
    rows.push([
      String(i),
      KIND_TITLE[f.kind],
      f.section,
      (f.items ?? []).map((it) => `${it.code} ${it.label}`).join('；'),
      f.path,
      [...new Set((f.items ?? []).map((it) => it.source))].join('；'),
      String(f.size),
      f.pages === undefined ? '' : f.pages === null ? '未知' : String(f.pages),
      f.sha256,
      ...(m.parts ? [String(f.part ?? '')] : []),
    ]);
  }
  rows.push([]);
  rows.push(['集群名称', m.cluster]);
  rows.push(['打包日期', m.date.slice(0, 10)]);
  rows.push(['报送包指纹（SHA-256）', m.fingerprint]);
  return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export { KIND_TITLE };
