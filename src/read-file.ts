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
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
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
 */
export async function readRegularFileAsync(file: string, limit: number): Promise<Buffer | undefined> {
  const { open } = await import('node:fs/promises');
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(file, OPEN_FLAGS);
    const st = await fh.stat();
    if (!st.isFile() || st.size > limit) return undefined;
    const buf = Buffer.allocUnsafeSlow(st.size + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) break;
    }
    return n > limit ? undefined : buf.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

// The limits of profile files and font files live beside their readers (profile-extends.ts, fonts.ts).
