/**
 * What the user gives the page: a folder from the picker, files dropped (folders walked), or a zip of
 * the folder. Everything arriving is bounded (count, total size, zip ratio) and every name is checked:
 * no absolute paths, no `..`, no control characters.
 */
import { unzipSync } from 'fflate';

export interface Picked {
  /** Relative path with / separators, e.g. jingmen-battery/evidence/二、主导产业情况/01.pdf */
  path: string;
  file?: Blob;
  bytes?: Uint8Array;
}

export class PickError extends Error {
  constructor(readonly msg: { zh: string; en: string }) {
    super(msg.zh);
  }
}

export const MAX_FILES = 20_000;
export const MAX_TOTAL = 1024 * 1048576;
/** A zip whose contents are more than this many times its size is refused (a zip bomb). */
const MAX_RATIO = 200;

function cleanPath(raw: string): string {
  const parts = raw.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..') || /^[a-zA-Z]:/.test(raw) || /[\u0000-\u001f\u007f]/.test(raw)) {
    throw new PickError({ zh: `文件名无效：${JSON.stringify(raw)}`, en: `invalid file name: ${JSON.stringify(raw)}` });
  }
  return parts.join('/');
}

function bound(list: Picked[], total: number): Picked[] {
  if (list.length > MAX_FILES) throw new PickError({ zh: `文件过多（${list.length} 个，上限 ${MAX_FILES}）`, en: `too many files (${list.length}, limit ${MAX_FILES})` });
  if (total > MAX_TOTAL) throw new PickError({ zh: `文件总大小超过 ${MAX_TOTAL / 1048576} MB`, en: `the files add up to more than ${MAX_TOTAL / 1048576} MB` });
  return list;
}

/** Files from an <input type=file> (a folder: webkitRelativePath names them inside it). */
export async function collectInput(files: FileList): Promise<Picked[]> {
  const list = [...files];
  if (list.length === 1 && /\.zip$/i.test(list[0]!.name)) return collectZip(list[0]!);
  let total = 0;
  const out = list.map((f) => {
    total += f.size;
    return { path: cleanPath(f.webkitRelativePath || f.name), file: f };
  });
  return bound(out, total);
}

type Entry = FileSystemEntry;
const fileOf = (e: Entry) => new Promise<File>((ok, err) => (e as FileSystemFileEntry).file(ok, err));

/** Files and folders dropped on the page (folders walked through the entries API). */
export async function collectDrop(dt: DataTransfer): Promise<Picked[]> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry()).filter((e): e is Entry => e !== null);
  if (entries.length === 0) {
    // No entries API: plain files.
    return collectInput(dt.files);
  }
  if (entries.length === 1 && entries[0]!.isFile && /\.zip$/i.test(entries[0]!.name)) {
    return collectZip(await fileOf(entries[0]!));
  }
  const out: Picked[] = [];
  let total = 0;
  const walk = async (e: Entry): Promise<void> => {
    if (out.length > MAX_FILES || total > MAX_TOTAL) return;
    if (e.isFile) {
      const f = await fileOf(e);
      total += f.size;
      out.push({ path: cleanPath(e.fullPath), file: f });
    } else if (e.isDirectory) {
      const reader = (e as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<Entry[]>((ok, err) => reader.readEntries(ok, err));
        if (batch.length === 0) break;
        for (const c of batch) await walk(c);
      }
    }
  };
  for (const e of entries) await walk(e);
  return bound(out, total);
}

/** A zip of the filing's folder: read in memory, bounded before anything is inflated. */
export async function collectZip(file: Blob): Promise<Picked[]> {
  if (file.size > MAX_TOTAL) throw new PickError({ zh: `zip 过大（上限 ${MAX_TOTAL / 1048576} MB）`, en: `zip too large (limit ${MAX_TOTAL / 1048576} MB)` });
  const data = new Uint8Array(await file.arrayBuffer());
  let count = 0;
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter(f) {
        count++;
        total += f.originalSize;
        if (count > MAX_FILES || total > MAX_TOTAL || total > Math.max(data.length, 1048576) * MAX_RATIO) {
          throw new PickError({ zh: 'zip 解压后过大或文件过多，已拒绝', en: 'the zip inflates to too much or holds too many files: refused' });
        }
        return !f.name.endsWith('/');
      },
    });
  } catch (e) {
    if (e instanceof PickError) throw e;
    throw new PickError({ zh: `无法读取 zip：${(e as Error).message}`, en: `cannot read the zip: ${(e as Error).message}` });
  }
  const out: Picked[] = [];
  for (const [name, bytes] of Object.entries(entries)) {
    const path = cleanPath(name);
    if (path.startsWith('__MACOSX/')) continue;
    out.push({ path, bytes });
  }
  return bound(out, total);
}
