/**
 * The Node face of the zip writer (./writer.ts is the pure core): a file written atomically (a temp
 * beside the target, local headers patched, fsync, rename), a Writable stream, and `path` entries read
 * from the file system.
 */
import { createReadStream, writeSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { release, removeStaleTemps, tempFor } from '../../temp-files.js';
import { writeZipTo, ZipWriteError, type PathSource, type ZipEntryInput, type ZipSink, type ZipWriteOptions, type ZipWriteResult } from './writer.js';

/** `path` entries: stat now, streamed when written. */
export async function openNodePath(path: string, chunkSize: number): Promise<PathSource> {
  const st = await stat(path);
  return { size: st.size, isFile: st.isFile(), open: () => createReadStream(path, { highWaterMark: chunkSize }) };
}

class FileSink implements ZipSink {
  private position = 0;
  constructor(
    private readonly fh: FileHandle,
    private readonly fsync: boolean,
  ) {}
  async write(buf: Uint8Array): Promise<void> {
    this.writeAt(buf, this.position);
    this.position += buf.length;
  }
  async patch(position: number, buf: Uint8Array): Promise<void> {
    this.writeAt(buf, position);
  }
  private writeAt(buf: Uint8Array, position: number): void {
    // Synchronous: a package of thousands of small files is thousands of writes, and a thread-pool
    // round trip each cost more than the write (into the page cache; fsync at the end).
    let off = 0;
    while (off < buf.length) {
      const bytesWritten = writeSync(this.fh.fd, buf, off, buf.length - off, position + off);
      if (bytesWritten <= 0) throw new ZipWriteError('short write to output file');
      off += bytesWritten;
    }
  }
  async finish(): Promise<void> {
    if (this.fsync) await this.fh.sync();
  }
}

class StreamSink implements ZipSink {
  private error: Error | undefined;
  constructor(private readonly stream: Writable) {
    stream.on('error', (e: Error) => {
      this.error ??= e;
    });
  }
  async write(buf: Uint8Array, reusable: boolean): Promise<void> {
    if (this.error) throw this.error;
    if (!this.stream.write(reusable ? Buffer.from(buf) : buf)) await this.drain();
  }
  private drain(): Promise<void> {
    const s = this.stream;
    return new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        s.off('drain', onDrain);
        s.off('error', onError);
        s.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onError = (e: Error) => done(e);
      const onClose = () => done(this.error ?? new ZipWriteError('output stream closed while writing'));
      s.on('drain', onDrain);
      s.on('error', onError);
      s.on('close', onClose);
    });
  }
  async finish(): Promise<void> {
    if (this.error) throw this.error;
    const s = this.stream;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.end(() => resolve());
    });
  }
}

const withPaths = (o: ZipWriteOptions): ZipWriteOptions => (o.openPath ? o : { ...o, openPath: openNodePath });

/**
 * Writes a zip to `output` (ends it when done; destroys it on error). Entries whose CRC is not
 * known up front (path/stream) get data descriptors, since a stream cannot be patched.
 */
export async function writeZip(output: Writable, entries: readonly ZipEntryInput[], options: ZipWriteOptions): Promise<ZipWriteResult> {
  try {
    return await writeZipTo(new StreamSink(output), entries, withPaths(options));
  } catch (e) {
    output.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}

/**
 * Writes a zip to a temporary file beside `targetPath` (patching each local header, so no data
 * descriptors are needed), fsyncs it and renames it over `targetPath`. On error the temporary
 * file is removed and `targetPath` is left untouched.
 */
export async function writeZipAtomic(targetPath: string, entries: readonly ZipEntryInput[], options: ZipWriteOptions): Promise<ZipWriteResult> {
  // Temporaries of this target left by killed runs go first; this one is removed on a signal.
  removeStaleTemps(targetPath);
  const tmp = tempFor(targetPath);
  let fh;
  try {
    fh = await open(tmp, 'wx');
  } catch (e) {
    release(tmp);
    throw e;
  }
  let closed = false;
  try {
    const result = await writeZipTo(new FileSink(fh, options.fsync ?? true), entries, withPaths(options));
    await fh.close();
    closed = true;
    await rename(tmp, targetPath);
    release(tmp);
    return result;
  } catch (e) {
    if (!closed) await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    release(tmp);
    throw e;
  }
}
