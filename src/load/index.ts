import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { OPEN_FLAGS } from '../read-file.js';
import { extname, resolve, dirname } from 'node:path';
import { InputError } from '../errors.js';
import type { SourceMap } from './source-map.js';
import { decodeText } from './text.js';
import { parseYamlText } from './yaml.js';
import { parseDirectives } from '../suppress.js';

export type SourceFormat = 'yaml' | 'json' | 'xlsx';

export interface LoadedFiling {
  /** The path as the user gave it (used in messages and reports). */
  file: string;
  /** Absolute folder evidence paths are resolved against. */
  dir: string;
  format: SourceFormat;
  data: Record<string, unknown>;
  sourceMap: SourceMap;
  /** The bytes read (YAML, JSON, or the workbook): pack packs and hashes these, never a second read of the path. */
  bytes?: Buffer;
  /** Findings the loader made while reading (e.g. cells it could not understand in a workbook). */
  loadFindings?: import('../findings.js').RawFinding[];
  /** Suppression directives written in the file (YAML comments, the workbook's 例外说明 sheet). */
  directives?: import('../suppress.js').Directive[];
}

/** A filing larger than this is refused before it is read (a real one is well under 1 MB). */
export const MAX_FILING_BYTES = 8 * 1024 * 1024;

export function formatOf(file: string): SourceFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  if (ext === '.xlsx') return 'xlsx';
  return undefined;
}

/**
 * Reads at most `limit` bytes. Synchronous system calls: a filing is small, and batch validation of
 * a thousand of them spent more time hopping to the thread pool than reading.
 */
async function readBounded(file: string, limit: number): Promise<Buffer> {
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

export interface LoadOptions {
  /** The profile's data years, used to lay out an Excel workbook's year columns. */
  years?: readonly number[];
}

/** Reads a filing from .yaml/.yml/.json (or .xlsx) with the source position of every value. */
export async function loadFiling(file: string, opts: LoadOptions = {}): Promise<LoadedFiling> {
  const format = formatOf(file);
  if (!format) {
    const { otherSpreadsheetByName } = await import('../xlsx/formats.js');
    const other = otherSpreadsheetByName(file);
    if (other) throw new InputError(other, file);
    throw new InputError(
      {
        zh: '不支持的文件类型：申报文件应为 .yaml、.yml、.json 或本工具模板生成的 .xlsx',
        en: 'unsupported file type: a filing is .yaml, .yml, .json or an .xlsx made from our template',
      },
      file,
    );
  }
  const dir = dirname(resolve(file));
  if (format === 'xlsx') {
    const { loadWorkbookFiling } = await import('../xlsx/import.js');
    return loadWorkbookFiling(file, opts);
  }
  const buf = await readBounded(file, MAX_FILING_BYTES);
  return loadFilingBytes(buf, file, dir);
}

/**
 * A YAML/JSON filing from bytes already read (stdin): `file` names it in messages, `dir` is where its
 * evidence paths are resolved.
 */
export function loadFilingBytes(buf: Uint8Array, file: string, dir: string): LoadedFiling {
  const format = formatOf(file) ?? 'yaml';
  if (format === 'xlsx') {
    throw new InputError({ zh: '标准输入只接受 YAML 或 JSON；工作簿请给出文件路径', en: 'stdin takes YAML or JSON only; give a workbook by its path' }, file);
  }
  if (buf.length > MAX_FILING_BYTES) {
    throw new InputError({ zh: `文件过大（上限 ${MAX_FILING_BYTES / 1048576} MB）`, en: `file too large (limit ${MAX_FILING_BYTES / 1048576} MB)` }, file);
  }
  const text = decodeText(buf, file);
  const { data, sourceMap } = parseYamlText(text, file);
  const directives = format === 'yaml' ? parseDirectives(text) : [];
  return { file, dir, format, data, sourceMap, bytes: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), ...(directives.length ? { directives } : {}) };
}
