/**
 * 材料清单.pdf: A4 landscape, one ruled table listing every file of the package grouped by form
 * section, with the form item it proves, its size, page count and SHA-256; the package
 * fingerprint on top so the stamped paper copy identifies the electronic one.
 */
import { createDocument, DeferredDecorationError, drawTable, FONT_SIZE, loadFonts, skipText, type FontSet, type LoadedFont, type TableRow } from '../render/layout/index.js';
import { type FkGlyph, registerPlainGlyphs } from '../render/layout/shaping.js';
import { PROBLEM_TEXT } from './layout.js';
import { fingerprintLine, KIND_TITLE, type Manifest, type ManifestFile } from './manifest.js';
import { fmtSize } from './rules.js';

export interface ListingInput {
  manifest: Pick<Manifest, 'cluster' | 'date' | 'profile' | 'fingerprint' | 'validation' | 'omitted' | 'parts' | 'root'>;
  files: readonly ManifestFile[];
  operator?: string;
  fonts: { regular?: string; bold?: string } | FontSet;
  date: Date;
}

function isFontSet(x: ListingInput['fonts']): x is FontSet {
  return typeof (x as FontSet).coverage === 'function';
}

/** Hex in groups of 16 so it wraps cleanly. */
function groupHex(h: string): string {
  return h.replace(/(.{16})(?=.)/g, '$1 ');
}

/**
 * Text that needs no shaping: every character is drawn as its own glyph at its own advance (CJK
 * ideographs and punctuation, full-width forms, Latin letters and digits). The listing is file
 * names, hashes, sizes and our labels: with a shaper call per string (fontkit's layout), 10,000 rows
 * took seconds to measure and again to draw; glyph by glyph they cost a table lookup each.
 * Anything else (combining marks, scripts that join) still goes through the shaper.
 */
const PLAIN_TEXT = /^[\u0020-\u007e\u00a0-\u00ff\u2010-\u2027\u2030-\u205e\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uffef]*$/;

interface GlyphRunLike {
  glyphs: Array<{ advanceWidth: number }>;
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
  advanceWidth: number;
}

/**
 * The same face, laid out glyph by glyph for plain text (no kerning, no ligatures: none matter in a
 * table of names and digits). Measuring (our line breaker) and drawing (pdfkit calls the font's
 * `layout`) both go through it, so what is measured is what is drawn.
 */
function plainFace(f: LoadedFont): LoadedFont {
  const real = f.font as unknown as { layout(text: string, features?: unknown): GlyphRunLike; glyphForCodePoint(cp: number): { advanceWidth: number }; unitsPerEm: number };
  // Glyphs by code unit: fontkit's glyphForCodePoint is a binary search of the cmap each time
  // (~0.17 s for the drawn text of 8,192 files).
  const glyphAt: Array<{ advanceWidth: number } | undefined> = new Array(0x10000);
  const layout = (text: string, features?: unknown): GlyphRunLike => {
    if (features || !PLAIN_TEXT.test(text)) return real.layout(text, features);
    const glyphs: GlyphRunLike['glyphs'] = [];
    const positions: GlyphRunLike['positions'] = [];
    let advanceWidth = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const g = (glyphAt[c] ??= real.glyphForCodePoint(c));
      glyphs.push(g);
      positions.push({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
      advanceWidth += g.advanceWidth;
    }
    return { glyphs, positions, advanceWidth };
  };
  const font = new Proxy(real, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  // TextWriter encodes plain runs of this face without asking pdfkit to lay them out again.
  registerPlainGlyphs(font, (text) => {
    if (!PLAIN_TEXT.test(text)) return null;
    const glyphs: FkGlyph[] = new Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      glyphs[i] = (glyphAt[c] ??= real.glyphForCodePoint(c)) as FkGlyph;
    }
    return glyphs;
  });
  const upm = real.unitsPerEm || 1000;
  // Advances by code unit (the line breaker measures many prefixes: no string keys, no garbage).
  const advance = new Float64Array(0x10000).fill(-1);
  return {
    ...f,
    font: font as unknown as LoadedFont['font'],
    key: `${f.key}-plain`,
    width(text: string, size: number): number {
      if (!PLAIN_TEXT.test(text)) return (real.layout(text).advanceWidth / upm) * size;
      let w = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let a = advance[c]!;
        if (a < 0) a = advance[c] = real.glyphForCodePoint(c).advanceWidth;
        w += a;
      }
      return (w / upm) * size;
    },
  };
}

/** The font set with every face laid out plainly (see plainFace). */
function plainFonts(fonts: FontSet): FontSet {
  const regular = plainFace(fonts.regular);
  const bold = fonts.bold === fonts.regular ? regular : plainFace(fonts.bold);
  return { ...fonts, regular, bold, ...(fonts.heading ? { heading: plainFace(fonts.heading) } : {}), coverage: (t: string) => fonts.coverage(t) };
}

/** Above this many files the 材料清单 is drawn in two passes with its pages streamed (memory flat in the files). */
const STREAM_ABOVE = 300;
/** Body rows laid out at a time when streaming (about 25 pages). */
const CHUNK_ROWS = 400;

export async function listingPdf(input: ListingInput): Promise<{ data: Uint8Array; pages: number }> {
  if (input.files.length <= STREAM_ABOVE) return drawListing(input);
  // One pass, each page leaving memory as soon as it is complete (10,000 files: ~600 pages, which
  // kept whole took ~800 MB); the page total ("第 n 页 共 N 页") is known at the end, so each page's
  // number and header go into a second content stream of the page written then.
  try {
    return await drawListing(input, { totalPages: 'atEnd' });
  } catch (e) {
    if (!(e instanceof DeferredDecorationError)) throw e;
    // A decoration that would need a resource its page lacks: a first pass for the page count — laid
    // out and paginated, nothing drawn — then the pages drawn with it.
    const first = await drawListing(input, { totalPages: 0 }, true);
    return drawListing(input, { totalPages: first.pages });
  }
}

async function drawListing(input: ListingInput, streamPages?: { totalPages: number | 'atEnd' }, countOnly = false): Promise<{ data: Uint8Array; pages: number }> {
  const fonts = plainFonts(isFontSet(input.fonts) ? input.fonts : await loadFonts(input.fonts));
  // A character the font lacks (an emoji in a file name) prints as "?" rather than a blank box.
  const printable = (s: string): string => {
    const missing = fonts.coverage(s);
    if (missing.length === 0) return s;
    const bad = new Set(missing.map((m) => m.char));
    return Array.from(s, (c) => (bad.has(c) ? '?' : c)).join('');
  };
  const m = input.manifest;
  const doc = createDocument({
    fonts,
    date: input.date,
    title: `材料清单 — ${m.cluster}`,
    subject: '中小企业特色产业集群申报材料清单',
    page: { orientation: 'landscape', margins: { top: 48, bottom: 48, left: 42, right: 42 } },
    fontSize: FONT_SIZE.小五,
    header: { text: printable(`${m.cluster} 申报材料清单`), size: 8 },
    ...(streamPages ? { streamPages } : {}),
  });
  // pdfkit keeps the glyph run of every word it has drawn (a file name, each group of a hash):
  // ~10 KB per listed file that stays to the end. The plain faces lay out a word in a few table
  // lookups: no cache (a documented pdfkit option, read when a font is first used in the document).
  (doc.pdf as unknown as { options: { fontLayoutCache?: boolean } }).options.fontLayoutCache = false;
  const pdf = doc.pdf as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (countOnly) {
    // Pagination depends on the layout only: skip drawing (text is most of the cost) and every
    // content operator; pages are still made, and counted.
    skipText(doc.pdf);
    pdf.text = function (this: unknown) {
      return this;
    };
    pdf.addContent = function (this: unknown) {
      return this;
    };
  } else {
    // pdfkit turns every content operator into a Buffer of its own (~70 per row: cell clips, borders,
    // text): collected as strings and handed over once per page instead — the same bytes, since
    // pdfkit ends each operator with a newline. Flushed before anything changes or ends the page.
    const addContent = pdf.addContent!.bind(pdf);
    let pending: string[] = [];
    const flush = () => {
      if (pending.length) {
        const data = pending.join('\n');
        pending = [];
        addContent(data);
      }
    };
    pdf.addContent = function (this: unknown, data: unknown) {
      if (typeof data === 'string') pending.push(data);
      else {
        flush();
        addContent(data);
      }
      return this;
    };
    doc.onFlushContent(flush);
    for (const method of ['addPage', 'switchToPage', 'flushPages', 'end']) {
      const real = pdf[method]!.bind(pdf);
      pdf[method] = (...args: unknown[]) => {
        flush();
        return real(...args);
      };
    }
  }
  doc.title('材料清单', { size: FONT_SIZE.小二, spaceAfter: 6 });
  const listed = input.files.filter((f) => f.kind !== 'list');
  const total = listed.reduce((s, f) => s + f.size, 0);
  const pdfPages = listed.reduce((s, f) => s + (f.pages ?? 0), 0);
  const info: string[] = [
    `集群名称：${m.cluster}`,
    ...(input.operator ? [`集群运营管理机构：${input.operator}`] : []),
    `打包日期：${m.date.slice(0, 10)}　　认定标准配置：${m.profile}　　文件：${listed.length} 个，合计 ${fmtSize(total)}，PDF 共 ${pdfPages} 页`,
  ];
  // The fingerprint in a plain standard font (Courier: no subset, the digits written as they are), so
  // `pack --verify` can check that this page prints the manifest's fingerprint.
  const printFingerprint = () => {
    doc.paragraph('报送包指纹（SHA-256；收件方用 cluster pack --verify 核验，核验结果显示的指纹应与本页一致）：', { indentChars: 0, size: FONT_SIZE.五号, lineHeight: 1.5, align: 'left' });
    doc.ensureSpace(18);
    doc.pdf.font('Courier-Bold').fontSize(11).fillColor('#000000').text(fingerprintLine(m.fingerprint), doc.left + 21, doc.y + 2, { lineBreak: false });
    doc.moveDown(18);
  };
  if (m.parts) info.push(`本报送包分为 ${m.parts.count} 个 zip 文件：${m.parts.names.join('；')}（每个均可单独打开，解压到同一文件夹即得完整材料）`);
  for (const line of info) doc.paragraph(printable(line), { indentChars: 0, size: FONT_SIZE.五号, lineHeight: 1.5, align: 'left' });
  printFingerprint();
  if (m.validation.forced) {
    doc.paragraph(
      `注意：本报送包在校验未通过的情况下强制打包（--force）：错误 ${m.validation.summary.error} 个、警告 ${m.validation.summary.warning} 个，详见 manifest.json。`,
      { indentChars: 0, size: FONT_SIZE.五号, bold: true, align: 'left' },
    );
  }
  for (const o of m.omitted) {
    doc.paragraph(printable(`未包含的佐证材料：${o.source}（${PROBLEM_TEXT[o.problem as keyof typeof PROBLEM_TEXT] ?? o.problem}）`), { indentChars: 0, size: FONT_SIZE.五号, align: 'left' });
  }
  doc.space(6);

  const hasParts = !!m.parts;
  // 序号 as wide as the largest number needs (28 pt held three digits: a package of 1,000 files or more
  // wrapped "1000" over two lines), plus the cell's padding (5 pt a side) and a point to spare.
  const numberWidth = Math.max(28, Math.ceil(doc.measure(String(listed.length).replace(/\d/g, '8'), { size: FONT_SIZE.小五 })) + 11);
  const columns: Array<number | '*' | `${number}*`> = [numberWidth, '1.2*', '1*', 46, 28, 152, ...(hasParts ? [28] : [])];
  const nCols = columns.length;
  const head: TableRow = { header: true, cells: ['序号', '证明事项', '文件', '大小', '页数', 'SHA-256', ...(hasParts ? ['分卷'] : [])] };
  // Body rows made as they are drawn (not 10,000 rows of cells held at once).
  function* bodyRows(): Generator<TableRow> {
    let lastSection = '';
    let i = 0;
    for (const f of listed) {
      const section = f.kind === 'evidence' ? f.section : f.kind === 'stamped' ? '盖章、签字页扫描件' : '申报表及数据';
      if (section !== lastSection) {
        yield { cells: [{ text: printable(section), colSpan: nCols, bold: true, background: '#EEEEEE' }], keepTogether: true };
        lastSection = section;
      }
      i++;
      const items = f.items?.length ? f.items.map((it) => `${it.code} ${it.label}`).join('\n') : `${KIND_TITLE[f.kind]}：${f.section}`;
      const name = f.path.slice(f.path.lastIndexOf('/') + 1);
      yield {
        keepTogether: true,
        cells: [
          { text: String(i), align: 'center' },
          printable(items),
          printable(name),
          { text: fmtSize(f.size), align: 'right' },
          { text: f.pages === undefined ? '' : f.pages === null ? '—' : String(f.pages), align: 'center' },
          { text: groupHex(f.sha256), size: 6.5, lineHeight: 1.2 },
          ...(hasParts ? [{ text: String(f.part ?? ''), align: 'center' as const }] : []),
        ],
      };
    }
  }
  const table = (body: TableRow[]) => drawTable(doc, { columns, rows: [head, ...body], size: FONT_SIZE.小五, lineHeight: 1.3, headerBackground: '#DDDDDD', continuation: 'blank' });
  if (!streamPages) table([...bodyRows()]);
  else {
    // A table is laid out whole before it is drawn: in chunks of CHUNK_ROWS body rows, each from a
    // new page with the header row, so that the layout of 10,000 rows is never in memory at once.
    let chunk: TableRow[] = [];
    let first = true;
    const drawChunk = () => {
      if (!first && !doc.atPageTop) doc.addPage();
      table(chunk);
      first = false;
      chunk = [];
    };
    for (const row of bodyRows()) {
      chunk.push(row);
      if (chunk.length === CHUNK_ROWS) drawChunk();
    }
    if (chunk.length || first) drawChunk();
  }
  const data = await doc.finish();
  return { data, pages: doc.pageCount };
}
