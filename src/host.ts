/**
 * What the core asks of the world it runs in, supplied by the face that runs it: the CLI installs
 * the Node host (src/host-node.ts: the file system, node:path, the precompiled validator), the web
 * page installs a host over the files the user picked (src/web/host.ts). The core (loading, schema,
 * rules, metrics, rendering) imports this interface and never a `node:` module
 * (test/core-imports.test.ts walks the import graph), so both faces run the same code and give the
 * same findings and the same PDF bytes.
 */
import type { Msg } from './errors.js';
import type { LoadedFiling, LoadOptions } from './load/index.js';
import type { ZipEntryInput, ZipWriteOptions, ZipWriteResult } from './pack/zip/writer.js';
import type { ZipSource } from './pack/zip/reader.js';

/** The platform's path functions (node:path in the CLI, POSIX in the page). */
export interface PathOps {
  readonly sep: string;
  resolve(...parts: string[]): string;
  join(...parts: string[]): string;
  dirname(p: string): string;
  basename(p: string, ext?: string): string;
  extname(p: string): string;
  relative(from: string, to: string): string;
  isAbsolute(p: string): boolean;
}

/** What a file is, for messages ("配置文件", "字体文件"). */
export interface FileRole {
  zh: string;
  en: string;
}

export type EvidenceProblem = 'absolute' | 'outside' | 'missing' | 'notFile' | 'empty' | 'unreadable' | 'linkOutside';

export interface EvidenceCheck {
  ref: string;
  /** Absolute, real path when the reference is usable. */
  abs?: string;
  size?: number;
  /** Device and inode of the file checked: what is packed must be this very file. */
  dev?: number;
  ino?: number;
  problem?: EvidenceProblem;
}

/** Real paths of folders, for checking many references of one filing at once. */
export type RealDirCache = Map<string, string>;

/** The precompiled JSON Schema validator (ajv standalone). */
export type SchemaValidator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; keyword: string; params: Record<string, unknown>; schemaPath: string }> | null };

/** pdfkit's browser build, the same in every face (see src/host-node.ts): its class and font registry. */
export interface PdfKitModule {
  default: typeof import('pdfkit');
  registerStdFonts(...fonts: unknown[]): void;
  /**
   * fontkit, the instance this pdfkit uses, when the face loads them together (the CLI's generated PDF
   * bundle); otherwise src/render/layout/fonts.ts imports it.
   */
  fontkit?: unknown;
  /** pdfkit's Courier-Bold metrics (pdfkit/standard-fonts/CourierBold), when the face loads them with it. */
  courierBold?: unknown;
}

/** An incremental SHA-256 (node:crypto in the CLI, @noble/hashes in the page: the same digest). */
export interface Sha256 {
  update(data: Uint8Array): void;
  /** The digest as lower-case hex (once). */
  hex(): string;
}

/** SHA-256 (lower-case hex) and CRC-32 of one stream of bytes. */
export interface StreamDigest {
  sha256: string;
  crc32: number;
}

/**
 * SHA-256 and CRC-32 of consecutive byte streams, computed off the main thread (the CLI: a worker
 * thread), in order: `update` the bytes of the current stream, `end` it for its digests.
 */
export interface DigestQueue {
  /** The next bytes of the current stream, copied: the caller may refill `data` once this returns (or its promise resolves). */
  update(data: Uint8Array): Promise<void> | undefined;
  /**
   * Room for the next `len` bytes of the current stream in the queue's own memory, to fill in place
   * (read a file into) and then `commit`: no copy. Undefined when the queue cannot (too long).
   * Nothing else may be given to the queue between the two.
   */
  reserve?(len: number): Uint8Array | Promise<Uint8Array> | undefined;
  /** Hands over the bytes written into the last reservation (which the caller may still read until its next call to the queue). */
  commit?(): void;
  /** Ends the current stream; its digests once computed. */
  end(): Promise<StreamDigest>;
  /** Stops the queue (digests still pending are rejected). */
  close(): void;
}

/** An evidence file opened for packing (the file checked: the CLI checks device, inode and size). */
export interface EvidenceReader {
  /** Reads into `buf` at `position`; the number of bytes read (0 at the end). */
  read(buf: Uint8Array, position: number): number;
  close(): void;
}

export interface Host {
  readonly name: 'node' | 'web' | string;
  readonly path: PathOps;
  /** The bytes of a regular file of at most `limit` bytes; an InputError naming the file otherwise. */
  readFile(file: string, limit: number, role?: FileRole): Uint8Array;
  /**
   * A hint that `readFile(file, limit)` will follow: the CLI starts reading it on the thread pool (the
   * fonts of a PDF, while the filings are validated). readFile reads it itself if that read is not done.
   * Settles when the read ahead is over (callers need not wait).
   */
  prefetchFile?(file: string, limit: number): Promise<void>;
  /**
   * The read ahead of `file` (prefetchFile) not yet taken by readFile, if one was started: it settles
   * when that read is over, so that readFile returns its bytes instead of reading the file again.
   */
  prefetching?(file: string): Promise<void> | undefined;
  /** The bytes of a filing the user named (messages speak of 申报文件): at most `limit` bytes. */
  readFiling(file: string, limit: number): Uint8Array;
  exists(file: string): boolean;
  /** A filled workbook of our template (the reader lives at the edge: it streams the zip from disk). */
  loadWorkbook(file: string, opts: LoadOptions): Promise<LoadedFiling>;
  /**
   * Resolves an evidence reference against the filing's folder: relative, inside the folder (no `..`
   * escape, no link leading out), naming a non-empty readable file.
   */
  checkEvidence(dir: string, ref: string, cache?: RealDirCache): EvidenceCheck;
  /**
   * Opens an evidence file checked by checkEvidence, for packing: only if it is still the file checked
   * (a ZipWriteError naming `ref` otherwise).
   */
  openEvidence(check: { abs: string; size: number; dev?: number; ino?: number }, ref: string): EvidenceReader;
  /** The folder relative outputs are resolved against. */
  cwd(): string;
  /**
   * Readies `target` for a package: not a folder or a device, not replaced unless `overwrite` is not
   * false, its folder created (a CliError naming `shown`, the name the user gave, otherwise).
   */
  prepareZipTarget(target: string, shown: string | undefined, overwrite: boolean | undefined): Promise<void>;
  /** Writes a zip to `target` whole or not at all (the CLI: a temp file renamed; the page: memory). */
  writeZipFile(target: string, entries: readonly ZipEntryInput[], options: ZipWriteOptions): Promise<ZipWriteResult>;
  /**
   * A zip to read (pack --verify), opened once: a regular file only (a ZipFormatError for a folder, a
   * pipe, a device; an error with code ENOENT when there is none).
   */
  openZipFile(path: string): Promise<ZipSource>;
  /** Ids of the built-in profiles, sorted. */
  builtinProfileIds(): string[];
  /** Where the built-in profile `id` is read from (through readFile). */
  builtinProfileFile(id: string): string;
  /** The precompiled schema validator, when the face has one (else the core compiles the schema). */
  schemaValidator(): SchemaValidator | undefined;
  /** Files of the bundled faces (read through readFile when a PDF is made). */
  defaultFontFiles(): { regular: string; bold: string; heading?: string };
  /** Code points both bundled faces draw, precomputed at build time, when available. */
  /** Code points both bundled faces draw (precomputed at build time). */
  fontCoverage(): Array<[number, number]>;
  /** pdfkit, loaded when the first PDF is made. */
  loadPdfKit(): Promise<PdfKitModule>;
  /** Raw deflate data inflated, at most `maxOutput` bytes (zip entries of a workbook). */
  inflateRaw(data: Uint8Array, maxOutput: number): Uint8Array;
  /** zlib-wrapped deflate data inflated (PDF FlateDecode streams), at most `maxOutput` bytes. */
  inflateZlib(data: Uint8Array, maxOutput: number): Uint8Array;
  /** A new SHA-256 hash (the manifest's file hashes, the package fingerprint). */
  sha256(): Sha256;
  /**
   * A queue hashing pack's evidence beside the main thread, where the face has threads (the page has
   * none: the main thread hashes, with the same digests).
   */
  digestQueue?(): DigestQueue | undefined;
  /** CRC-32 of `data` continuing from `value`, when the face has a faster one than the portable table. */
  crc32?(data: Uint8Array, value: number): number;
  /**
   * GBK (CP936) names in zips: iconv-lite in the CLI. A face without it packs UTF-8 names only and
   * decodes GBK names with the platform's TextDecoder.
   */
  gbk?(): { encode(s: string): Uint8Array; decode(b: Uint8Array): string };
  /** The `yaml` library (loaded only when positions are needed: ~16 ms). */
  yaml(): typeof import('yaml');
}

let current: Host | undefined;

/** Installs the host of this face (once, at start-up; tests install the Node host in their setup). */
export function setHost(h: Host): void {
  current = h;
}

export function host(): Host {
  if (!current) throw new Error('cluster: no host installed (the CLI installs src/host-node.ts, the page src/web/host.ts)');
  return current;
}

export function hasHost(): boolean {
  return current !== undefined;
}

export type { Msg };
