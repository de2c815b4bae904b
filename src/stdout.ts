/**
 * Standard output for the CLI without creating `process.stdout` where that is not needed (#18).
 *
 * On Linux and macOS Node writes to files, pipes and terminals synchronously anyway; writing the bytes
 * to descriptor 1 directly gives the same order and the same blocking, and skips the stream machinery
 * (node:stream and the stdio wrapper: ~4 ms of a short command such as `rules`). Windows (asynchronous
 * pipes, a console that wants UTF-16) and a descriptor that refuses a synchronous write (EAGAIN: a
 * non-blocking pipe) go through the stream, for the rest of the run.
 */
import { writeSync } from 'node:fs';

let direct = process.platform !== 'win32';

/** Writes `data` to stdout; false when the stream asks the writer to wait for 'drain'. */
export function stdoutWrite(data: string | Uint8Array): boolean {
  if (direct) {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(1, buf, off, buf.length - off);
      return true;
    } catch (e) {
      // `cluster … | head` closed the pipe: stop quietly, as bin/cluster.js does for the stream.
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
      direct = false;
      data = buf.subarray(off);
    }
  }
  return process.stdout.write(data);
}
