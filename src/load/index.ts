import { InputError } from '../errors.js';
import { host } from '../host.js';
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
  bytes?: Uint8Array;
  /** Findings the loader made while reading (e.g. cells it could not understand in a workbook). */
  loadFindings?: import('../findings.js').RawFinding[];
  /** Suppression directives written in the file (YAML comments, the workbook's 例外说明 sheet). */
  directives?: import('../suppress.js').Directive[];
}

/** A filing larger than this is refused before it is read (a real one is well under 1 MB). */
export const MAX_FILING_BYTES = 8 * 1024 * 1024;

export function formatOf(file: string): SourceFormat | undefined {
  const ext = host().path.extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  if (ext === '.xlsx') return 'xlsx';
  return undefined;
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
  const { path: P } = host();
  const dir = P.dirname(P.resolve(file));
  if (format === 'xlsx') return host().loadWorkbook(file, opts);
  const buf = host().readFiling(file, MAX_FILING_BYTES);
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
  return { file, dir, format, data, sourceMap, bytes: buf, ...(directives.length ? { directives } : {}) };
}
