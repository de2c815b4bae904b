/**
 * A workbook filing from bytes already read: what the page does with a dropped .xlsx, through the same
 * reader core as `cluster validate` (src/xlsx/read.ts), with the host's inflate (node:zlib in the CLI,
 * fflate in the page: inflating is exact, so both read the same cells).
 */
import { InputError } from '../errors.js';
import { host } from '../host.js';
import type { LoadedFiling } from './index.js';

export async function loadWorkbookBytes(bytes: Uint8Array, file: string, dir: string): Promise<LoadedFiling> {
  const { otherSpreadsheetByName } = await import('../xlsx/formats.js');
  const byName = otherSpreadsheetByName(file);
  if (byName) throw new InputError(byName, file);
  const { readWorkbookBytes } = await import('../xlsx/read.js');
  const { readExceptions } = await import('../xlsx/exceptions.js');
  const r = await readWorkbookBytes(bytes, file, (data, max) => host().inflateRaw(data, max));
  const directives = readExceptions(r.workbook);
  return { file, dir, format: 'xlsx', data: r.data, sourceMap: r.sourceMap, loadFindings: r.findings, bytes, ...(directives.length ? { directives } : {}) };
}
