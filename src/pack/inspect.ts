/**
 * What each evidence file is: its extension against the allow-list the receiving office can open
 * (pdf, jpg, png, ofd, doc/docx, xls/xlsx), whether its first bytes match that type, and the page
 * count of PDFs. Reads at most a few KiB per file (PDF page counting reads only the
 * cross-reference data and a handful of objects).
 */
import { latin1 } from '../bytes.js';
import { pdfPageCountOfHandle, type PositionalReader } from './pdf-pages.js';

export const ALLOWED_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'ofd', 'doc', 'docx', 'xls', 'xlsx'] as const;
const ALLOWED = new Set<string>(ALLOWED_EXTENSIONS);

export type Magic = 'pdf' | 'jpeg' | 'png' | 'zip' | 'ole' | 'rtf' | 'unknown';

const EXPECTED: Record<string, Magic[]> = {
  pdf: ['pdf'],
  jpg: ['jpeg'],
  jpeg: ['jpeg'],
  png: ['png'],
  ofd: ['zip'],
  // Word and Excel open both generations whatever the extension says; an OLE container named
  // .docx/.xlsx is usually a password-protected file.
  doc: ['ole', 'zip', 'rtf'],
  docx: ['zip', 'ole'],
  xls: ['ole', 'zip'],
  xlsx: ['zip', 'ole'],
};

const MAGIC_NAMES: Record<Magic, string> = {
  pdf: 'PDF',
  jpeg: 'JPEG',
  png: 'PNG',
  zip: 'ZIP/OOXML/OFD',
  ole: 'Office 97-2003 (OLE)',
  rtf: 'RTF',
  unknown: '无法识别的格式',
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (head: Uint8Array, sig: readonly number[]) => head.length >= sig.length && sig.every((b, i) => head[i] === b);

export function magicOf(head: Uint8Array): Magic {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (startsWith(head, PNG)) return 'png';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return 'zip';
  if (startsWith(head, OLE)) return 'ole';
  if (latin1(head.subarray(0, 5)) === '{\\rtf') return 'rtf';
  // PDF readers accept up to 1 KiB of junk before the header.
  if (latin1(head).includes('%PDF-')) return 'pdf';
  return 'unknown';
}

export interface Inspection {
  /** Extension not on the allow-list ('' = no extension). */
  typeNotAllowed?: string;
  /** First bytes do not match the extension: what they look like. */
  contentMismatch?: { ext: string; found: string; foundEn: string };
  /** PDFs only: pages, or null when unknown. */
  pages?: number | null;
}

/** Inspects an open evidence file (the handle pack reads it through): its head, and a PDF's pages. */
export async function inspectHandle(fh: PositionalReader, size: number, ext: string): Promise<Inspection> {
  const out: Inspection = {};
  if (!ALLOWED.has(ext)) {
    out.typeNotAllowed = ext;
    return out;
  }
  const buf = new Uint8Array(1024);
  const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
  const m = magicOf(buf.subarray(0, bytesRead));
  if (!EXPECTED[ext]!.includes(m)) out.contentMismatch = { ext, found: MAGIC_NAMES[m], foundEn: m === 'unknown' ? 'an unrecognised format' : MAGIC_NAMES[m] };
  if (ext === 'pdf') out.pages = m === 'pdf' ? await pdfPageCountOfHandle(fh, size) : null;
  return out;
}
