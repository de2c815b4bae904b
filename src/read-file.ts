/**
 * The one way a path given on the command line is read: a regular file of bounded size, checked on
 * the opened descriptor (no race between the check and the read).
 *
 * - opened with O_NONBLOCK (a FIFO with no writer does not block the open) and O_NOCTTY;
 * - `fstat` of the descriptor: a folder, FIFO, socket or device is refused (exit 2, with a
 *   message that says which), so `/dev/zero`, `/dev/stdin` or a named pipe can never hang or
 *   exhaust memory;
 * - the size is checked before reading, and at most `limit + 1` bytes are read whatever the
 *   file grows to meanwhile.
 */
import { closeSync, constants, fstatSync, openSync, read, readSync, type Stats } from 'node:fs';
import { InputError, type Msg } from './errors.js';

/** What the file is, for messages ("配置文件", "字体文件"). */
export interface FileRole {
  zh: string;
  en: string;
}

const FILE: FileRole = { zh: '文件', en: 'file' };

function mb(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(n % 1048576 ? 1 : 0)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export function kindOf(st: Stats): Msg {
  if (st.isDirectory()) return { zh: '文件夹', en: 'a folder' };
  if (st.isFIFO()) return { zh: '管道（FIFO）', en: 'a pipe (FIFO)' };
  if (st.isSocket()) return { zh: '套接字', en: 'a socket' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { zh: '设备', en: 'a device' };
  return { zh: '特殊文件', en: 'a special file' };
}

export function notRegular(file: string, st: Stats, role: FileRole = FILE): InputError {
  const k = kindOf(st);
  return new InputError({ zh: `这是${k.zh}，不是普通${role.zh}：无法读取`, en: `this is ${k.en}, not a regular ${role.en}: cannot read it` }, file);
}

function openError(file: string, e: unknown, role: FileRole): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError({ zh: `${role.zh}不存在`, en: `no such ${role.en}` }, file);
  if (code === 'EACCES' || code === 'EPERM') return new InputError({ zh: `没有读取该${role.zh}的权限`, en: `permission denied` }, file);
  if (code === 'EISDIR') return new InputError({ zh: `这是文件夹，不是普通${role.zh}：无法读取`, en: `this is a folder, not a regular ${role.en}: cannot read it` }, file);
  return new InputError({ zh: `无法读取${role.zh}（${code ?? (e as Error).message}）`, en: `cannot read the ${role.en} (${code ?? (e as Error).message})` }, file);
}

export const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Opens `file` for reading and returns the descriptor and its stat, refusing anything but a regular
 * file. The caller closes the descriptor.
 */
export function openRegular(file: string, role: FileRole = FILE): { fd: number; st: Stats } {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw openError(file, e, role);
  }
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    throw openError(file, e, role);
  }
  if (!st.isFile()) {
    closeSync(fd);
    throw notRegular(file, st, role);
  }
  return { fd, st };
}

/** Reads a whole regular file of at most `limit` bytes (see the module comment). */
export function readRegularFile(file: string, limit: number, role: FileRole = FILE): Buffer {
  const { fd, st } = openRegular(file, role);
  const tooBig = (size?: number) =>
    new InputError(
      {
        zh: `${role.zh}过大（${size !== undefined ? mb(size) + '，' : ''}上限 ${mb(limit)}）`,
        en: `${role.en} too large (${size !== undefined ? mb(size) + ', ' : ''}limit ${mb(limit)})`,
      },
      file,
    );
  try {
    if (st.size > limit) throw tooBig(st.size);
    const buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
      if (n === buf.length) break;
    }
    if (n > limit) throw tooBig();
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw openError(file, e, role);
  } finally {
    closeSync(fd);
  }
}

/**
 * {@link readRegularFile}'s checks and bounds with the reading done on the thread pool (a font read
 * while the filings are validated); undefined on any failure or when the file is too large: the caller
 * then reads it with readRegularFile, which reports.
 *
 * The open and fstat are synchronous (microseconds) and the bytes come in one read of the whole file
 * submitted at once: the main thread is busy validating, and each step of an asynchronous chain
 * (open, stat, read, read again for the end) waited for it to come back to the event loop, so the
 * read was still in flight when the fonts were wanted and readFile read the 30 MB again (#18).
 */
export function readRegularFileAsync(file: string, limit: number): Promise<Buffer | undefined> {
  let fd: number;
  let size: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch {
    return Promise.resolve(undefined);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > limit) {
      closeSync(fd);
      return Promise.resolve(undefined);
    }
    size = st.size;
  } catch {
    closeSync(fd);
    return Promise.resolve(undefined);
  }
  // One byte more than the size: a file grown since the fstat reads past it, as readRegularFile does.
  const buf = Buffer.allocUnsafeSlow(size + 1);
  return new Promise((resolve) => {
    let n = 0;
    const done = (data: Buffer | undefined) => {
      try {
        closeSync(fd);
      } catch {
        /* closed */
      }
      resolve(data);
    };
    const next = (err: Error | null, bytesRead: number) => {
      if (err) return done(undefined);
      n += bytesRead;
      // The end: nothing more, or the buffer full. A short read of a regular file that is not its end
      // (not seen on Linux for these sizes) reads on.
      if (bytesRead === 0 || n === buf.length || n === size) return done(n > limit ? undefined : buf.subarray(0, n));
      read(fd, buf, n, buf.length - n, n, next);
    };
    read(fd, buf, 0, buf.length, 0, next);
  });
}

// The limits of profile files and font files live beside their readers (profile-extends.ts, fonts.ts).
