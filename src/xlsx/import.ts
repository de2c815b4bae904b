/**
 * The Node face of the workbook reader (./read.ts): reads the file — refusing folders, pipes and
 * devices before reading, and anything over the size bound unread — and inflates with node:zlib.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { OPEN_FLAGS } from '../read-file.js';
import { InputError } from '../errors.js';
import type { LoadedFiling, LoadOptions } from '../load/index.js';
import { readExceptions } from './exceptions.js';
import { otherSpreadsheetByName } from './formats.js';
import { nodeInflate } from './node.js';
import { MAX_XLSX_BYTES, readWorkbookBytes, tooLarge, type WorkbookRead } from './read.js';

export { MAX_CELLS, MAX_ROWS, MAX_UNZIPPED, MAX_XLSX_BYTES, MAX_XML_BYTES, readWorkbookBytes, type WorkbookRead } from './read.js';

/** The file's bytes; a folder, pipe or device is refused before it is read, a file over the bound unread. */
function readBytes(file: string): Buffer {
  // Opened first (non-blocking), then checked on the descriptor: a FIFO never blocks the open.
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError({ zh: '这是一个文件夹，不是工作簿', en: 'this is a folder, not a workbook' }, file);
    throw new InputError(code === 'ENOENT' ? { zh: '文件不存在', en: 'no such file' } : { zh: `无法读取文件（${code}）`, en: `cannot read the file (${code})` }, file);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError({ zh: '这是一个文件夹，不是工作簿', en: 'this is a folder, not a workbook' }, file);
    // A pipe or device would block the read forever (a FIFO with no writer).
    if (!st.isFile()) throw new InputError({ zh: '不是普通文件（是管道或设备），无法作为工作簿读取', en: 'not a regular file (a pipe or a device): cannot read it as a workbook' }, file);
    if (st.size > MAX_XLSX_BYTES) throw tooLarge(st.size, file);
    // The whole workbook, once, from this descriptor (at most the limit + 1 bytes, however the file
    // grows meanwhile): checked, parsed, validated and packed from these bytes, never the path again.
    const bytes = Buffer.alloc(st.size + 1);
    let n = 0;
    for (let r; n < bytes.length && (r = readSync(fd, bytes, n, bytes.length - n, n)) > 0; ) n += r;
    if (n > MAX_XLSX_BYTES) throw tooLarge(n, file);
    return bytes.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a workbook made from our template: from the file, or from its bytes when the caller has
 * them already. The bytes read come back with the filing (pack hashes and packs these).
 */
export async function readWorkbook(file: string, given?: Uint8Array): Promise<WorkbookRead & { bytes: Buffer }> {
  // Another spreadsheet format is named as such before anything is opened.
  const byName = otherSpreadsheetByName(file);
  if (byName) throw new InputError(byName, file);
  const bytes = given ? Buffer.from(given.buffer, given.byteOffset, given.byteLength) : readBytes(file);
  return { ...(await readWorkbookBytes(bytes, file, nodeInflate)), bytes };
}

/** The loader entry for .xlsx filings (see src/load/index.ts). */
export async function loadWorkbookFiling(file: string, _opts: LoadOptions = {}): Promise<LoadedFiling> {
  const r = await readWorkbook(file);
  const directives = readExceptions(r.workbook);
  return { file, dir: dirname(resolve(file)), format: 'xlsx', data: r.data, sourceMap: r.sourceMap, loadFindings: r.findings, bytes: r.bytes, ...(directives.length ? { directives } : {}) };
}
