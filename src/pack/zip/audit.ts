/**
 * What every extractor extracts: a strict structural audit of a received zip, for `pack --verify`.
 *
 * `readZip` reads the central directory, as unzip, 7-Zip and Python's zipfile do. Other readers walk
 * the local headers (Java's ZipInputStream, streaming unzippers), ignore the Unicode Path field
 * (Python, Java), or honour Unix modes (unzip, 7-Zip on Linux). A package that any of them would
 * see differently is not "intact", whatever its hashes say. Refused here:
 *
 * - data before the first entry, between entries, between the last entry and the central directory,
 *   or after it (other than the end records), and a zip comment;
 * - a local header whose name, flags, method, CRC-32 or sizes differ from the central directory
 *   (directory entries included), and a data descriptor that disagrees;
 * - a raw name that decodes differently without its 0x7075 Unicode Path field, or that is unsafe
 *   read byte by byte (as CP437/Latin-1);
 * - a name Windows cannot extract as written (see `validateEntryName`), a name that is a file and a
 *   folder at once, names equal but for case or Unicode normalisation (checked by `readZip`);
 * - directory entries with data, symbolic links and other non-regular entries (Unix mode, MS-DOS
 *   folder attribute on a file), encrypted entries, methods other than store and deflate;
 * - a compression ratio no real evidence has (zip bombs), and more inflated data than the
 *   package can account for.
 *
 * Bounded: one read of each local header (and descriptor), in offset order; O(n log n) in entries.
 */
import { equalBytes, latin1, rd16, rd32, rd64 } from '../../bytes.js';
import { host } from '../../host.js';
import { decodeEntryName, validateEntryName, ZipNameError } from './names.js';
import { unsafeReason, ZipFormatError, type ZipEntryInfo, type ZipLayout } from './reader.js';

export interface AuditProblem {
  /** The entry concerned (decoded name), if any. */
  name?: string;
  zh: string;
  en: string;
}

export interface AuditOptions {
  /** An entry above `ratioMinSize` inflating more than this many times is refused (default 200). */
  maxRatio?: number;
  ratioMinSize?: number;
  /** Total inflated bytes allowed: `totalFactor` × the zip's size + `totalSlack` (default 4× + 256 MiB). */
  totalFactor?: number;
  totalSlack?: number;
  /** Stop after this many problems (default 200). */
  maxProblems?: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;
const FLAG_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const DOS_DIRECTORY = 0x10;

function extras(buf: Uint8Array): Map<number, Uint8Array> {
  const m = new Map<number, Uint8Array>();
  let i = 0;
  while (i + 4 <= buf.length) {
    const tag = rd16(buf, i);
    const len = rd16(buf, i + 2);
    if (i + 4 + len > buf.length) break;
    if (!m.has(tag)) m.set(tag, buf.subarray(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return m;
}

function u64(buf: Uint8Array, off: number): number {
  const v = rd64(buf, off);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** Audits the archive at `path` (entries and layout from `readZipLayout`). Returns the problems found. */
export async function auditZip(path: string, entries: readonly ZipEntryInfo[], layout: ZipLayout, options: AuditOptions = {}): Promise<AuditProblem[]> {
  const maxRatio = options.maxRatio ?? 200;
  const ratioMinSize = options.ratioMinSize ?? 1024 * 1024;
  const totalFactor = options.totalFactor ?? 4;
  const totalSlack = options.totalSlack ?? 256 * 1024 * 1024;
  const maxProblems = options.maxProblems ?? 200;
  const problems: AuditProblem[] = [];
  const add = (p: AuditProblem): boolean => {
    problems.push(p);
    return problems.length >= maxProblems;
  };

  // Names: extractable on Windows as written; never a file and a folder at once.
  const files = new Set<string>();
  for (const e of entries) if (!e.isDirectory) files.add(e.name.normalize('NFC').toLowerCase());
  let total = 0;
  for (const e of entries) {
    const name = e.name;
    try {
      validateEntryName(name);
    } catch (err) {
      if (!(err instanceof ZipNameError)) throw err;
      if (add({ name, zh: `文件名在 Windows 上无法按原样解压：${err.message}`, en: `a name Windows cannot extract as written: ${err.message}` })) return problems;
      continue;
    }
    const segs = name.replace(/\/$/, '').split('/');
    for (let i = 1; i < segs.length; i++) {
      const prefix = segs.slice(0, i).join('/').normalize('NFC').toLowerCase();
      if (files.has(prefix)) {
        if (add({ name, zh: `上级路径 ${segs.slice(0, i).join('/')} 同时是一个文件`, en: `its parent ${segs.slice(0, i).join('/')} is also a file` })) return problems;
        break;
      }
    }
    // Raw bytes: what a reader that ignores the Unicode Path field (Python, Java) would use.
    const flag = (e.flags & FLAG_UTF8) !== 0;
    const rawOnly = decodeEntryName(e.rawName, flag, undefined);
    if (rawOnly.error || rawOnly.name !== name) {
      if (add({ name, zh: `文件名的原始字节与 Unicode 路径字段（0x7075）不一致：不同的解压工具会得到不同的文件名`, en: `the raw name and its Unicode Path field (0x7075) differ: extractors would disagree on the name` })) return problems;
    } else if (e.unicodePathName !== undefined && e.unicodePathName !== name) {
      if (add({ name, zh: `Unicode 路径字段（0x7075）与文件名不一致`, en: `the Unicode Path field (0x7075) differs from the name` })) return problems;
    }
    const byteWise = unsafeReason(latin1(e.rawName));
    if (byteWise) {
      if (add({ name, zh: `按字节读取时文件名不安全（${byteWise}）`, en: `the raw name read byte by byte is unsafe (${byteWise})` })) return problems;
    }
    // Kinds: regular files and folders only.
    const host = e.madeBy >> 8;
    const mode = e.externalAttributes >>> 16;
    if ((host === 3 || host === 19) && mode !== 0) {
      const type = mode & S_IFMT;
      if (type !== (e.isDirectory ? S_IFDIR : S_IFREG)) {
        const what = type === 0o120000 ? { zh: '符号链接', en: 'a symbolic link' } : type === S_IFDIR ? { zh: '文件夹（名称却不以 / 结尾）', en: 'a folder (without a trailing /)' } : { zh: '特殊文件', en: 'a special file' };
        if (add({ name, zh: `条目是${what.zh}，不是普通文件`, en: `the entry is ${what.en}, not a regular file` })) return problems;
      }
    }
    if (!e.isDirectory && (e.externalAttributes & DOS_DIRECTORY) !== 0) {
      if (add({ name, zh: '条目带有文件夹属性，名称却不以 / 结尾', en: 'the entry has the folder attribute but no trailing /' })) return problems;
    }
    if (e.isDirectory && (e.size !== 0 || e.compressedSize !== 0)) {
      if (add({ name, zh: `文件夹条目带有数据（${e.compressedSize} 字节）`, en: `a folder entry with data (${e.compressedSize} bytes)` })) return problems;
    }
    if (e.encrypted) {
      if (add({ name, zh: '条目已加密，无法核验', en: 'the entry is encrypted: cannot verify' })) return problems;
    }
    if (e.method === 'unsupported') {
      if (add({ name, zh: `不支持的压缩方法 ${e.methodCode}`, en: `unsupported compression method ${e.methodCode}` })) return problems;
    }
    if (e.size > ratioMinSize && e.size > maxRatio * Math.max(1, e.compressedSize)) {
      if (add({ name, zh: `压缩比异常（${e.compressedSize} 字节解压为 ${e.size} 字节，上限 ${maxRatio} 倍）：疑似压缩炸弹`, en: `compression ratio too high (${e.compressedSize} bytes inflate to ${e.size}; limit ${maxRatio}×): a zip bomb?` })) return problems;
    }
    total += e.size;
  }
  const totalLimit = totalFactor * layout.fileSize + totalSlack;
  if (total > totalLimit) {
    if (add({ zh: `解压后共 ${total} 字节，超过该 zip 可能包含的上限（${totalLimit} 字节）：疑似压缩炸弹`, en: `${total} bytes inflated exceeds what this zip can hold (${totalLimit}): a zip bomb?` })) return problems;
  }

  // Layout: every byte before the central directory belongs to exactly one entry, in order.
  const src = await host().openZipFile(path);
  try {
    const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
    let expected = 0;
    for (const e of byOffset) {
      const name = e.name;
      if (e.offset !== expected) {
        const zh = e.offset > expected ? `条目之前有 ${e.offset - expected} 字节不属于任何条目的数据（隐藏数据）` : '条目与前一条目重叠';
        const en = e.offset > expected ? `${e.offset - expected} bytes before the entry belong to no entry (hidden data)` : 'the entry overlaps the previous one';
        if (add({ name, zh, en })) return problems;
      }
      if (e.offset + 30 > layout.cdOffset) {
        if (add({ name, zh: '本地文件头超出数据区', en: 'local header beyond the data area' })) return problems;
        expected = e.offset + 30;
        continue;
      }
      // The header with the name and extra field it usually has (the central directory's name, and room
      // for a small extra field) in one read; a longer local tail is read on its own below.
      const h = await src.read(e.offset, Math.min(30 + e.rawName.length + 64, layout.cdOffset - e.offset));
      if (rd32(h, 0) !== SIG_LOCAL) {
        if (add({ name, zh: '找不到本地文件头', en: 'no local header' })) return problems;
        expected = e.offset + 30;
        continue;
      }
      const flags = rd16(h, 6);
      const method = rd16(h, 8);
      let crc = rd32(h, 14);
      let csize = rd32(h, 18);
      let size = rd32(h, 22);
      const nameLen = rd16(h, 26);
      const extraLen = rd16(h, 28);
      const headEnd = e.offset + 30 + nameLen + extraLen;
      if (headEnd > layout.cdOffset) {
        if (add({ name, zh: '本地文件头超出数据区', en: 'local header beyond the data area' })) return problems;
        expected = headEnd;
        continue;
      }
      const tail = 30 + nameLen + extraLen <= h.length ? h.subarray(30, 30 + nameLen + extraLen) : await src.read(e.offset + 30, nameLen + extraLen);
      const localRaw = tail.subarray(0, nameLen);
      const localExtras = extras(tail.subarray(nameLen));
      const mismatch: string[] = [];
      if (!equalBytes(localRaw, e.rawName)) mismatch.push('name');
      else {
        const local = decodeEntryName(localRaw, (flags & FLAG_UTF8) !== 0, localExtras.get(0x7075));
        if (local.name !== name) mismatch.push('name (Unicode Path)');
      }
      if ((flags & (FLAG_UTF8 | 1)) !== (e.flags & (FLAG_UTF8 | 1)) || (flags & FLAG_DESCRIPTOR) !== (e.flags & FLAG_DESCRIPTOR)) mismatch.push('flags');
      if (method !== e.methodCode) mismatch.push('method');
      const descriptor = (flags & FLAG_DESCRIPTOR) !== 0;
      const z64 = localExtras.get(0x0001);
      if (size === 0xffffffff || csize === 0xffffffff) {
        if (!z64 || z64.length < 16) mismatch.push('ZIP64 sizes');
        else {
          size = u64(z64, 0);
          csize = u64(z64, 8);
        }
      }
      let end = headEnd + e.compressedSize;
      if (descriptor) {
        // Local fields may be zero; the descriptor after the data must agree with the central directory.
        if (crc !== 0 && crc !== e.crc32) mismatch.push('CRC-32');
        if ((csize !== 0 && csize !== e.compressedSize) || (size !== 0 && size !== e.size)) mismatch.push('sizes');
        const wide = z64 !== undefined;
        const maxLen = wide ? 24 : 16;
        const avail = Math.max(0, Math.min(maxLen, layout.cdOffset - end));
        const d = avail > 0 ? await src.read(end, avail) : new Uint8Array(0);
        const sig = d.length >= 4 && rd32(d, 0) === SIG_DESCRIPTOR ? 4 : 0;
        const need = sig + 4 + (wide ? 16 : 8);
        if (d.length < need) mismatch.push('data descriptor');
        else {
          const dCrc = rd32(d, sig);
          const dC = wide ? u64(d, sig + 4) : rd32(d, sig + 4);
          const dS = wide ? u64(d, sig + 12) : rd32(d, sig + 8);
          if (dCrc !== e.crc32 || dC !== e.compressedSize || dS !== e.size) mismatch.push('data descriptor');
          end += need;
        }
      } else {
        if (crc !== e.crc32) mismatch.push('CRC-32');
        if (csize !== e.compressedSize || size !== e.size) mismatch.push('sizes');
      }
      if (mismatch.length) {
        const what = mismatch.join(', ');
        if (add({ name, zh: `本地文件头与中央目录不一致（${what}）：不同的解压工具会得到不同的内容`, en: `the local header differs from the central directory (${what}): extractors would disagree` })) return problems;
      }
      expected = end;
    }
    if (expected !== layout.cdOffset) {
      const n = layout.cdOffset - expected;
      if (add(n > 0 ? { zh: `中央目录之前有 ${n} 字节不属于任何条目的数据（隐藏数据）`, en: `${n} bytes before the central directory belong to no entry (hidden data)` } : { zh: '最后一个条目与中央目录重叠', en: 'the last entry overlaps the central directory' })) return problems;
    }
    // After the central directory: only the end records (ZIP64 end record and locator, end record).
    const afterCd = layout.cdOffset + layout.cdSize;
    const endRecords = layout.zip64EndOffset !== undefined ? layout.zip64EndOffset : layout.eocdOffset;
    if (afterCd !== endRecords) add({ zh: `中央目录之后有 ${endRecords - afterCd} 字节隐藏数据`, en: `${endRecords - afterCd} bytes of hidden data after the central directory` });
    if (layout.zip64EndOffset !== undefined && layout.zip64EndOffset + 56 + 20 !== layout.eocdOffset) {
      add({ zh: 'ZIP64 结束记录与结束记录之间有多余数据', en: 'extra data between the ZIP64 end record and the end record' });
    }
    if (layout.commentLength > 0) add({ zh: `zip 带有 ${layout.commentLength} 字节注释（cluster pack 从不写注释）`, en: `a zip comment of ${layout.commentLength} bytes (cluster pack never writes one)` });
  } catch (err) {
    if (err instanceof ZipFormatError) add({ zh: `结构损坏：${err.message}`, en: `corrupt structure: ${err.message}` });
    else throw err;
  } finally {
    await src.close();
  }
  return problems;
}
