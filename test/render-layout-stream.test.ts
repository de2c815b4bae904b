/**
 * Streamed documents (the 材料清单 of thousands of files): pages leave memory as they are finished, and
 * with `totalPages: 'atEnd'` their page number "共 N 页" and header are written into a second content
 * stream of each page once N is known — one pass instead of a counting pass and a drawing pass.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocument, DeferredDecorationError, type DocumentOptions } from '../src/render/layout/document.js';
import { type FontSet, loadFonts } from '../src/render/layout/fonts.js';
import { listingPdf } from '../src/pack/listing-pdf.js';
import type { ManifestFile } from '../src/pack/manifest.js';
import { extractPdfText } from './helpers/pdf-text.js';

const DATE = new Date('2024-06-01T08:00:00Z');

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});

/** A cover (unnumbered, no header) and numbered pages of paragraphs: about 7 pages. */
async function build(streamPages?: DocumentOptions['streamPages']): Promise<Uint8Array> {
  const doc = createDocument({ fonts, date: DATE, header: '某某集群 申报材料清单', ...(streamPages ? { streamPages } : {}) });
  doc.addPage({ numbered: false, header: false });
  doc.title('封面');
  doc.addPage({ numbered: true, header: true });
  for (let i = 0; i < 160; i++) doc.paragraph(`第 ${i + 1} 段：集群主导产业产值占集群总产值比重，佐证材料编号 ${String(i).padStart(5, '0')}。`);
  return doc.finish();
}

describe('streamed pages with the total written at the end', () => {
  it('numbers every page "第 k 页 共 N 页" with the header, as the document kept whole does', async () => {
    const whole = await extractPdfText(await build());
    const atEnd = await extractPdfText(await build({ totalPages: 'atEnd' }));
    const n = whole.pages.length - 1;
    expect(n).toBeGreaterThan(4);
    expect(atEnd.pages).toEqual(whole.pages);
    expect(atEnd.pages[0]).not.toMatch(/第\s*\d+\s*页/);
    atEnd.pages.slice(1).forEach((p, k) => {
      expect(p).toContain(`第 ${k + 1} 页 共 ${n} 页`);
      expect(p).toContain('某某集群 申报材料清单');
    });
  });

  it('gives the same text as a known total, and the same bytes run to run', async () => {
    const atEnd = await build({ totalPages: 'atEnd' });
    const known = await extractPdfText(await build({ totalPages: (await extractPdfText(atEnd)).pages.length - 1 }));
    expect((await extractPdfText(atEnd)).pages).toEqual(known.pages);
    expect(Buffer.from(await build({ totalPages: 'atEnd' })).equals(Buffer.from(atEnd))).toBe(true);
    // Each page's decoration is its own stream after the page's content.
    expect(Buffer.from(atEnd).toString('latin1')).toMatch(/\/Contents \[\d+ 0 R \d+ 0 R\]/);
  });

  it('refuses (DeferredDecorationError) a decoration that needs a font its written page lacks', async () => {
    // Pages with no text (a rule only) and a header that appears only once the total is 3: the font is
    // not in the first pages' resources when they are written.
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false, header: { text: ({ total }) => (total >= 3 ? '页眉' : undefined) }, streamPages: { totalPages: 'atEnd' } });
    for (let i = 0; i < 3; i++) {
      doc.addPage();
      doc.pdf.moveTo(100, 100).lineTo(200, 100).stroke();
    }
    await expect(doc.finish()).rejects.toBeInstanceOf(DeferredDecorationError);
  });
});

describe('材料清单 of many files (one pass)', () => {
  /** The listing of `n` evidence files of one section. */
  async function listingOf(n: number) {
    const files: ManifestFile[] = Array.from({ length: n }, (_, i) => ({
      path: `佐证材料/二、主导产业情况/材料${String(i).padStart(5, '0')}.pdf`,
      kind: 'evidence',
      section: '二、主导产业情况',
      items: [{ code: '2.1', label: '集群主导产业产值占集群总产值比重', pointer: '/x', source: 'x' }],
      size: 131072,
      pages: 1,
      sha256: i.toString(16).padStart(64, '0'),
    }));
    const manifest = { cluster: '某某集群', date: '2024-06-01T00:00:00+08:00', profile: 'national-2024', fingerprint: 'ab'.repeat(32), validation: { asOf: '2024-06-01', valid: true, forced: false, summary: { error: 0, warning: 0, info: 0 }, findings: [] }, omitted: [], root: 'x' };
    const r = await listingPdf({ manifest, files, fonts, date: DATE });
    return { r, pdf: await extractPdfText(r.data) };
  }

  it('numbers every page with the right total and prints the header on each', async () => {
    const { r, pdf } = await listingOf(420);
    expect(pdf.pages.length).toBe(r.pages);
    expect(r.pages).toBeGreaterThan(15);
    pdf.pages.forEach((p, k) => {
      expect(p).toContain(`第 ${k + 1} 页 共 ${r.pages} 页`);
      expect(p).toContain('某某集群 申报材料清单');
    });
    expect(pdf.pages.join('\n')).toContain('材料00419.pdf');
  });

  it('prints four-digit numbers (序号) on one line: the column widens for 1,000 files or more', async () => {
    const { pdf } = await listingOf(1005);
    const strings = new Set(pdf.items.flat().map((t) => t.str));
    // Each number one text item: in a 28 pt column "1000" broke into "100" above "0".
    for (const n of ['999', '1000', '1005']) expect(strings).toContain(n);
  });
});
