/** Page count of a PDF file on disk (the Node face of ./pdf-pages.ts). */
import { open, type FileHandle } from 'node:fs/promises';
import { pdfPageCountOfHandle } from './pdf-pages.js';

/** Number of pages of the PDF at `path`, or null when it cannot be determined. */
export async function pdfPageCount(path: string): Promise<number | null> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    return await pdfPageCountOfHandle(fh, (await fh.stat()).size);
  } catch {
    return null;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
