/**
 * The package manifest (`manifest.json`, machine-readable) and the 材料清单 CSV (for people, opens in
 * Excel). Both are pure functions of the package content: no wall-clock time, no absolute paths.
 *
 * Integrity:
 * - every file carries its size and SHA-256;
 * - `fingerprint` = SHA-256 of "sha256  path\n" lines (sorted by path) of every file except the
 *   材料清单 PDF/CSV, which print it: the paper 材料清单 thus identifies the electronic package;
 * - `digest` = SHA-256 of the manifest's own JSON text without the `digest` member, so an edited
 *   or damaged manifest is detected (this guards against accidents, not against forgery).
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../findings.js';

export const MANIFEST_FORMAT = 'cluster-package';
export const MANIFEST_VERSION = 1;

export type FileKind = 'list' | 'form' | 'summary' | 'report' | 'data' | 'evidence';

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
  formatVersion: typeof MANIFEST_VERSION;
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
  return createHash('sha256').update(data).digest('hex');
}

/** Fingerprint of the package content (all files but the 材料清单 that prints it). */
export function fingerprintOf(files: readonly Pick<ManifestFile, 'path' | 'sha256' | 'kind'>[]): string {
  const lines = files
    .filter((f) => f.kind !== 'list')
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : a.slice(66) > b.slice(66) ? 1 : 0));
  return sha256Hex(lines.join(''));
}

/** The manifest's text with its digest (the digest covers the text without the digest). */
export function serializeManifest(m: Manifest): string {
  const { digest: _ignored, ...rest } = m;
  const body = JSON.stringify(rest, null, 2);
  return JSON.stringify({ ...rest, digest: sha256Hex(body) }, null, 2) + '\n';
}

/** Checks a manifest's digest; returns the parsed manifest and whether the digest matches. */
export function parseManifest(text: string): { manifest: Manifest; digestOk: boolean } {
  const m = JSON.parse(text) as Manifest;
  if (!m || typeof m !== 'object' || m.format !== MANIFEST_FORMAT) throw new Error('not a cluster package manifest');
  const { digest, ...rest } = m;
  return { manifest: m, digestOk: typeof digest === 'string' && sha256Hex(JSON.stringify(rest, null, 2)) === digest };
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Formula injection: a cell starting with = + - @ would run in Excel.
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const KIND_TITLE: Record<FileKind, string> = {
  list: '材料清单',
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
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export { KIND_TITLE };
