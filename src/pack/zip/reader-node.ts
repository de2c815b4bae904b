/** The Node face of the zip reader (./reader.ts): a zip on disk, opened once without blocking. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { readAt, ZipFormatError, type ZipSource } from './reader.js';

/** Non-blocking open, then the descriptor checked: a FIFO or device named as a zip never hangs. */
export async function openZipFile(path: string): Promise<ZipSource> {
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new ZipFormatError(`${path}: not a regular file (${st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a pipe' : 'a device or special file'})`);
    return { path, size: st.size, read: (position, length) => readAt(fh, position, length), close: () => fh.close() };
  } catch (e) {
    await fh.close();
    throw e;
  }
}
