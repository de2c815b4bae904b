/**
 * Text extraction for tests: pdfjs-dist's legacy build (Node), no worker, no font loading.
 *
 * Items are joined in content-stream order, which is the order the layout engine draws in (row by row,
 * cell by cell, line by line). A new line starts when pdfjs reports an end of line or the baseline moves;
 * no spaces are invented between items, so Chinese text reads back exactly as written.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ExtractedPdf {
  /** Text of each page; lines separated by `\n`. */
  pages: string[];
  /** Page sizes in points (width × height as displayed, i.e. landscape pages are wider than tall). */
  pageSizes: { width: number; height: number }[];
  /** Positioned text items per page (PDF user space: origin bottom-left, y = baseline). */
  items: PositionedText[][];
  /** The document info dictionary (Title, Author, CreationDate…). */
  info: Record<string, unknown>;
}

export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface TextItemLike {
  str: string;
  hasEOL?: boolean;
  transform: number[];
  width: number;
  height: number;
}

export async function extractPdfText(buf: Uint8Array): Promise<ExtractedPdf> {
  // pdfjs takes ownership of (detaches) the buffer it is given: pass a copy.
  const data = new Uint8Array(buf.byteLength);
  data.set(buf);
  const doc = await getDocument({
    data,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    const pageSizes: { width: number; height: number }[] = [];
    const items: PositionedText[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const vp = page.getViewport({ scale: 1 });
      pageSizes.push({ width: round2(vp.width), height: round2(vp.height) });
      const content = await page.getTextContent();
      let text = '';
      let lastY: number | null = null;
      const positioned: PositionedText[] = [];
      items.push(positioned);
      for (const raw of content.items) {
        const item = raw as TextItemLike;
        if (typeof item.str !== 'string') continue;
        const y = item.transform[5]!;
        if (item.str.trim().length > 0) {
          positioned.push({ str: item.str, x: item.transform[4]!, y, width: item.width, height: item.height });
        }
        if (item.str.length > 0) {
          if (lastY !== null && Math.abs(y - lastY) > 1 && !text.endsWith('\n')) text += '\n';
          text += item.str;
          lastY = y;
        }
        if (item.hasEOL && !text.endsWith('\n')) text += '\n';
      }
      pages.push(text.replace(/\n+$/, ''));
      page.cleanup();
    }
    const meta = await doc.getMetadata();
    return { pages, pageSizes, items, info: (meta.info ?? {}) as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Remove all whitespace (for comparing Chinese text regardless of line breaks). */
export function squash(text: string): string {
  return text.replace(/\s+/gu, '');
}
