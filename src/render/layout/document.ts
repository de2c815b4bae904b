/**
 * A deterministic A4 document with a flowing cursor, page decorations and paragraph helpers.
 *
 * Determinism: CreationDate/ModDate come from the options, pdfkit's file ID is replaced by an MD5 of the
 * bytes written before the cross-reference table (so it changes with the content and nothing else), fonts
 * are subset deterministically and compression is zlib. Two renders of the same input are byte-identical.
 */
import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
// fromLatin1: each string pdfkit writes becomes bytes as pdfkit does it (`charCodeAt & 0xff`).
import { concatBytes, fromLatin1, latin1 as latin1String } from '../../bytes.js';
import { host, type PdfKitModule } from '../../host.js';
import type { FontSet, LoadedFont } from './fonts.js';
import { type Align, type Line, layoutText, linesHeight, spaceLine } from './lines.js';
import { paintLine, paintLines } from './paint.js';
import { fastTtfSubsetEncoder, type FkSubset } from './subset.js';

export { FONT_SIZE } from '../font-size.js';
import { FONT_SIZE } from '../font-size.js';

/** Millimetres to points. */
export const mm = (v: number): number => (v * 72) / 25.4;

export const A4 = { width: 595.28, height: 841.89 } as const;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageOptions {
  orientation?: 'portrait' | 'landscape';
  margins?: Partial<Margins>;
  /** Count and number this page (default true). Unnumbered pages (e.g. a cover) are left out of N and M. */
  numbered?: boolean;
  /** Draw the running header on this page (default true when a header is configured). */
  header?: boolean;
}

export interface PageSetup {
  orientation: 'portrait' | 'landscape';
  margins: Margins;
  numbered: boolean;
  header: boolean;
}

export interface PageNumberOptions {
  /** `chinese`: "第 N 页 共 M 页" (default); `dash`: "- N -"; or a function. */
  format?: 'chinese' | 'dash' | ((n: number, total: number) => string);
  /** Font size, default 9 (小五). */
  size?: number;
  /** Distance of the text's vertical centre from the bottom edge. Default: half the bottom margin. */
  fromBottom?: number;
}

export interface HeaderOptions {
  text: string | ((page: { index: number; number: number | null; total: number }) => string | undefined);
  size?: number;
  align?: 'left' | 'center' | 'right';
  /** Draw a thin rule under the header. Default true. */
  rule?: boolean;
}

export interface DocumentOptions {
  fonts: FontSet;
  /** Creation and modification date written to the PDF (required: a fixed date keeps output reproducible). */
  date: Date;
  modDate?: Date;
  title?: string;
  subject?: string;
  author?: string;
  keywords?: string | string[];
  creator?: string;
  producer?: string;
  /** Document language, default `zh-CN`. */
  lang?: string;
  /** Defaults for every page. */
  page?: PageOptions;
  /** Default body text size (points), default 12 (小四). */
  fontSize?: number;
  /** Default line height multiple for body text, default 1.5. */
  lineHeight?: number;
  /** Page numbers, default `{ format: 'chinese' }`; false for none. */
  pageNumbers?: PageNumberOptions | false;
  /** Running header. */
  header?: HeaderOptions | string;
  /** Draw invisible √/□ text at checkboxes so extracted text shows their state. Default true. */
  checkboxMarkers?: boolean;
  /** Compress content streams (default true). */
  compress?: boolean;
  /**
   * Long documents (a 材料清单 of 10,000 files): each page is decorated (page number "共 totalPages 页",
   * header) and written out of memory as soon as the next one begins, instead of all pages being
   * kept until the end. The total comes from a first pass (its page count: decoration does not
   * change the flow), or `'atEnd'`: one pass, each page's decoration drawn into a second content
   * stream of that page, written when the document ends and the total is known (the same operators
   * after the page's own, so the page looks and extracts the same). Such a document throws
   * DeferredDecorationError from `finish` in the unlikely case that a decoration would need a resource
   * (a font) its page did not register when it was written: draw it again with a first pass then.
   */
  streamPages?: { totalPages: number | 'atEnd' };
  /**
   * PDF/A-2b (default true): XMP metadata mirroring the document info, an sRGB OutputIntent, every font
   * embedded (subset), PDF 1.7. Subset tags are derived from each subset's glyphs, so two files never
   * carry different subsets under one name.
   */
  pdfa?: boolean;
  /**
   * Mark every page as a draft: `mark` is drawn large and light under the page's content, as real text
   * (it survives copy and search); `footer` is printed above the page number.
   */
  draft?: DraftOptions;
}

export interface DraftOptions {
  /** "草稿 — 校验未通过" */
  mark: string;
  /** "草稿：校验发现 12 个错误，不得盖章报送" */
  footer: string;
}

export const DEFAULT_MARGINS: Margins = { top: mm(25), right: mm(22), bottom: mm(25), left: mm(22) };

export interface ParagraphOptions {
  size?: number;
  lineHeight?: number;
  bold?: boolean;
  align?: Align;
  /** First-line indent in characters, default 2 for `paragraph`. */
  indentChars?: number;
  /** Space before/after, points. */
  spaceBefore?: number;
  spaceAfter?: number;
  color?: string;
  /** Left offset from the content box and width (default: the whole content width). */
  x?: number;
  width?: number;
}

export interface HeadingOptions extends ParagraphOptions {
  /** Keep at least this much space after the heading on the same page (default: what the next block asks). */
  keepWithNext?: number;
  /** Add a bookmark (PDF outline entry) at this level, 1 = top. */
  outline?: number;
  /** Typeface: the heading face (黑体-style sans, when loaded) or the body serif. Default: heading for headings. */
  face?: 'heading' | 'body';
}

/** A fragment of laid-out lines placed on a page by {@link LayoutDocument.flowLines}. */
export interface FlowOptions {
  /** Offset from the left edge of the content box. */
  x?: number;
  /** Do not split the lines across pages unless they are taller than a page. */
  keepTogether?: boolean;
  /** Keep at least this much space below the lines on the same page. */
  keepWithNext?: number;
}

interface PendingBlock {
  lines: Line[];
  outline?: { level: number; text: string };
  x: number;
  spaceBefore: number;
  spaceAfter: number;
  keepWithNext: number;
}

interface PageRecord {
  setup: PageSetup;
}

function resolveSetup(base: PageSetup, opts: PageOptions | undefined): PageSetup {
  return {
    orientation: opts?.orientation ?? base.orientation,
    margins: { ...base.margins, ...(opts?.margins ?? {}) },
    numbered: opts?.numbered ?? base.numbered,
    header: opts?.header ?? base.header,
  };
}

interface PdfInternals {
  _write(data: unknown): void;
  _finalize(): void;
  _id: Uint8Array;
}

let PDFDocument: PdfKitModule['default'] | undefined;

/**
 * Loads pdfkit through the host (the same build in every face); fonts.ts calls it before any document.
 * The browser build has no standard fonts built in: the one we draw with (the 材料清单's fingerprint in
 * Courier-Bold) is registered here.
 */
export async function ensurePdfKit(): Promise<void> {
  if (PDFDocument) return;
  const pdfkit = await host().loadPdfKit();
  const courierBold =
    // @ts-expect-error pdfkit's standard-font modules have no type declarations
    pdfkit.courierBold ?? ((await import('pdfkit/standard-fonts/CourierBold')) as { default: unknown }).default;
  pdfkit.registerStdFonts(courierBold);
  PDFDocument = pdfkit.default;
}

/** Install a content-derived document ID (MD5 of all bytes before the xref table). */
function installContentId(pdf: PDFKit.PDFDocument): void {
  const internals = pdf as unknown as Partial<PdfInternals>;
  const origWrite = internals._write;
  const origFinalize = internals._finalize;
  if (typeof origWrite !== 'function' || typeof origFinalize !== 'function') return; // keep pdfkit's info-based ID
  const hash = md5.create();
  let hashing = true;
  internals._write = function (this: unknown, data: unknown) {
    if (hashing) {
      if (typeof data === 'string') hash.update(fromLatin1(data));
      else if (data instanceof Uint8Array) hash.update(data);
    }
    return origWrite.call(pdf, data);
  };
  internals._finalize = function () {
    hashing = false;
    internals._id = new Uint8Array(hash.digest());
    return origFinalize.call(pdf);
  };
}

interface PdfContentRef {
  write(chunk: unknown): void;
  end(chunk?: unknown): void;
}

/**
 * Memory linear in the document with a small constant: pdfkit turns every drawing operator of a page into
 * its own small byte array, kept until the page ends (hundreds of bytes of overhead each, thousands per
 * page of a long list). Here a page's operators are gathered as text and turned into bytes 64 K characters
 * at a time and when the next page begins — the same bytes in the same order, so the PDF does not change.
 */
function installCompactContent(pdf: PDFKit.PDFDocument): void {
  /** The previous page's gathered text: turned into bytes when the next page begins (it is then complete until decorated). */
  let flushPrevious: (() => void) | undefined;
  pdf.on('pageAdded', () => {
    flushPrevious?.();
    const ref = (pdf as unknown as { page?: { content?: PdfContentRef } }).page?.content;
    if (!ref || typeof ref.write !== 'function' || typeof ref.end !== 'function') return;
    const write = ref.write.bind(ref);
    const end = ref.end.bind(ref);
    let pending = '';
    const flush = () => {
      if (pending) write(fromLatin1(pending));
      pending = '';
    };
    ref.write = (chunk: unknown) => {
      if (typeof chunk === 'string') {
        pending += chunk + '\n';
        if (pending.length >= 65536) flush();
      } else {
        flush();
        write(chunk);
      }
    };
    flushPrevious = flush;
    ref.end = (chunk?: unknown) => {
      if (chunk !== undefined) ref.write(chunk);
      flush();
      end();
    };
  });
}

/**
 * pdfkit keeps the shaped glyph run of every distinct word it has drawn (a CJK name is one "word") for the
 * life of the document: 10,000 patent names are 10,000 runs. Emptied at each page, it holds one page's words.
 */
function resetLayoutCaches(pdf: PDFKit.PDFDocument): void {
  const families = (pdf as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })._fontFamilies;
  if (!families) return;
  for (const f of Object.values(families)) if (f && f.layoutCache) f.layoutCache = Object.create(null);
}

const DRAFT_COLOR = '#d0d0d0';

/** `text` cut to fit `width`, ending with "…" when cut (a running header is one line). */
export function fitWithEllipsis(text: string, width: number, measure: (t: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  let n = chars.length;
  while (n > 0 && measure(chars.slice(0, n).join('') + '…') > width) n--;
  return chars.slice(0, n).join('').replace(/[\s·，、]+$/u, '') + '…';
}
const DRAFT_FOOTER_COLOR = '#c62828';

/** XML text escaping for the XMP packet. */
function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XMP date: "2024-06-13T16:00:00Z". */
function xmpDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface PdfaInternals {
  info: Record<string, unknown>;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo(): void;
}

/**
 * pdfkit's XMP packet leaves the document info's ModDate out and does not escape XML: PDF/A requires
 * every info entry to be mirrored in XMP, equal. Replace it with a complete, escaped one.
 */
function installPdfa(pdf: PDFKit.PDFDocument): void {
  const doc = pdf as unknown as PdfaInternals;
  if (typeof doc._addInfo !== 'function' || typeof doc.appendXML !== 'function') return;
  doc._addInfo = function (this: PdfaInternals) {
    const info = this.info as Record<string, string | Date | undefined>;
    const str = (k: string) => (typeof info[k] === 'string' ? (info[k] as string) : undefined);
    const created = info.CreationDate instanceof Date ? info.CreationDate : undefined;
    const modified = info.ModDate instanceof Date ? info.ModDate : created;
    const parts: string[] = [];
    parts.push('<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">');
    if (created) parts.push(`<xmp:CreateDate>${xmpDate(created)}</xmp:CreateDate>`);
    if (modified) parts.push(`<xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate><xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate>`);
    if (str('Creator')) parts.push(`<xmp:CreatorTool>${xml(str('Creator')!)}</xmp:CreatorTool>`);
    parts.push('</rdf:Description>');
    parts.push('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">');
    parts.push('<dc:format>application/pdf</dc:format>');
    if (str('Title')) parts.push(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(str('Title')!)}</rdf:li></rdf:Alt></dc:title>`);
    if (str('Author')) parts.push(`<dc:creator><rdf:Seq><rdf:li>${xml(str('Author')!)}</rdf:li></rdf:Seq></dc:creator>`);
    if (str('Subject')) parts.push(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(str('Subject')!)}</rdf:li></rdf:Alt></dc:description>`);
    parts.push('</rdf:Description>');
    parts.push('<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">');
    if (str('Producer')) parts.push(`<pdf:Producer>${xml(str('Producer')!)}</pdf:Producer>`);
    if (str('Keywords')) parts.push(`<pdf:Keywords>${xml(str('Keywords')!)}</pdf:Keywords>`);
    parts.push('</rdf:Description>');
    this.appendXML(parts.join('\n'));
  };
}

interface EmbeddedFontInternals {
  id: string;
  embed(): unknown;
  font?: { postscriptName?: string };
  subset?: { glyphs?: number[] };
}

/**
 * Subset tags derived from the subset's content (pdfkit writes the same tag for every document), so that
 * PDFs merged or bound together never carry two different subsets under one name.
 */
export function subsetTag(postscriptName: string, glyphs: readonly number[]): string {
  const digest = sha256(new TextEncoder().encode(`${postscriptName}\u0000${glyphs.join(',')}`));
  return [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
}

function installSubsetTags(pdf: PDFKit.PDFDocument): void {
  const families = (pdf as unknown as { _fontFamilies?: Record<string, EmbeddedFontInternals> })._fontFamilies;
  if (!families) return;
  for (const font of new Set(Object.values(families))) {
    if (typeof font.embed !== 'function' || !font.subset?.glyphs) continue;
    const orig = font.embed;
    font.embed = function (this: EmbeddedFontInternals) {
      // pdfkit builds the tag from characters 1–6 of the font's id (each + 17): give it the ones we want.
      const tag = subsetTag(this.font?.postscriptName ?? '', this.subset?.glyphs ?? []);
      const id = this.id;
      this.id = `T${[...tag].map((c) => String.fromCharCode(c.charCodeAt(0) - 17)).join('')}`;
      try {
        return orig.call(this);
      } finally {
        this.id = id;
      }
    };
  }
}

/** Each TrueType face's subset made by our copying encoder (the same bytes as fontkit's, see subset.ts). */
function installFastSubsets(pdf: PDFKit.PDFDocument): void {
  const families = (pdf as unknown as { _fontFamilies?: Record<string, { subset?: FkSubset }> })._fontFamilies;
  if (!families) return;
  for (const font of new Set(Object.values(families))) {
    const subset = font.subset;
    if (!subset || typeof subset.encode !== 'function' || !Array.isArray(subset.glyphs)) continue;
    const encode = fastTtfSubsetEncoder(subset);
    if (encode) subset.encode = encode;
  }
}

/** A decoration needed a resource its (already written) page lacks: see DocumentOptions.streamPages. */
export class DeferredDecorationError extends Error {}

/** What pdfkit's page is, as far as a deferred decoration touches it. */
interface PdfKitRef {
  data: Record<string, unknown>;
  write(chunk: Uint8Array | string): void;
  end(): void;
}
interface PdfKitPage {
  content: PdfKitRef;
  dictionary: PdfKitRef;
  resources: PdfKitRef;
}

interface DeferredDecoration {
  index: number;
  number: number | null;
  /** The page's second content stream (a reference pdfkit writes when it is ended). */
  stream: PdfKitRef;
  /** Names in the page's resource dictionaries when the page was written. */
  resources: Set<string>;
}

/** Names of a resource dictionary's entries (fonts, graphics states, XObjects, patterns, colour spaces). */
function resourceNames(res: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const k of ['Font', 'ExtGState', 'XObject', 'Pattern', 'ColorSpace', 'Shading']) {
    const d = res[k];
    if (d && typeof d === 'object') for (const n of Object.keys(d)) out.add(n);
  }
  return out;
}

/** Colour space families every content stream may name without a resource. */
const BUILT_IN_SPACES = new Set(['DeviceRGB', 'DeviceGray', 'DeviceCMYK', 'Pattern']);

/** Resource names a content stream refers to: the operand of Tf, gs, Do, cs/CS, scn/SCN, sh. */
function operatorResources(ops: string): Set<string> {
  const out = new Set<string>();
  for (const m of ops.matchAll(/\/([^\s/[\]()<>{}%]+)\s+(?:[-\d.]+\s+)?(Tf|gs|Do|cs|CS|scn|SCN|sh)\b/g)) {
    if ((m[2] === 'cs' || m[2] === 'CS') && BUILT_IN_SPACES.has(m[1]!)) continue;
    out.add(m[1]!);
  }
  return out;
}

export class LayoutDocument {
  readonly pdf: PDFKit.PDFDocument;
  readonly fonts: FontSet;
  readonly options: DocumentOptions;
  /** Current vertical position (points from the top of the page). */
  y = 0;
  readonly baseSize: number;
  readonly baseLineHeight: number;
  private readonly base: PageSetup;
  private readonly pages: PageRecord[] = [];
  private readonly chunks: Uint8Array[] = [];
  private readonly ended: Promise<void>;
  private finished = false;
  /** Titles and headings waiting to be placed together with the beginning of the next block. */
  private pending: PendingBlock[] = [];
  /** Warnings collected while laying out (overflowing lines, clipped content…). */
  readonly warnings: string[] = [];

  constructor(options: DocumentOptions) {
    this.options = options;
    this.fonts = options.fonts;
    this.baseSize = options.fontSize ?? FONT_SIZE.小四;
    this.baseLineHeight = options.lineHeight ?? 1.5;
    const header = options.header !== undefined;
    this.base = resolveSetup(
      { orientation: 'portrait', margins: DEFAULT_MARGINS, numbered: true, header },
      options.page,
    );
    const keywords = Array.isArray(options.keywords) ? options.keywords.join(', ') : options.keywords;
    const info: PDFKit.DocumentInfo & Record<string, unknown> = {
      Producer: options.producer ?? 'cluster (pdfkit)',
      Creator: options.creator ?? 'cluster',
      CreationDate: options.date,
      ModDate: options.modDate ?? options.date,
    };
    if (options.title) info.Title = options.title;
    if (options.subject) info.Subject = options.subject;
    if (options.author) info.Author = options.author;
    if (keywords) info.Keywords = keywords;
    if (!PDFDocument) throw new Error('pdfkit not loaded: load the fonts (loadFonts) before making a document');
    this.pdf = new PDFDocument({
      autoFirstPage: false,
      // No Helvetica: every text has our own font, and the browser build of pdfkit has no standard fonts.
      font: null,
      bufferPages: true,
      compress: options.compress ?? true,
      info,
      lang: options.lang ?? 'zh-CN',
      displayTitle: Boolean(options.title),
      size: 'A4',
      ...(options.pdfa !== false ? { pdfVersion: '1.7', subset: 'PDF/A-2b' } : {}),
    } as unknown as PDFKit.PDFDocumentOptions);
    installContentId(this.pdf);
    installCompactContent(this.pdf);
    if (options.pdfa !== false) installPdfa(this.pdf);
    this.pdf.on('data', (c: Uint8Array) => this.chunks.push(c));
    this.ended = new Promise((resolve, reject) => {
      this.pdf.on('end', () => resolve());
      this.pdf.on('error', reject);
    });
  }

  // ---------------------------------------------------------------- pages

  /** Number of pages so far. */
  get pageCount(): number {
    return this.pages.length;
  }

  /** Setup of the current page (creates the first page if none yet). */
  get setup(): PageSetup {
    this.ensurePage();
    return this.pages[this.pages.length - 1]!.setup;
  }

  get pageWidth(): number {
    return this.setup.orientation === 'landscape' ? A4.height : A4.width;
  }
  get pageHeight(): number {
    return this.setup.orientation === 'landscape' ? A4.width : A4.height;
  }
  /** Content box of the current page. */
  get left(): number {
    return this.setup.margins.left;
  }
  get right(): number {
    return this.pageWidth - this.setup.margins.right;
  }
  get top(): number {
    return this.setup.margins.top;
  }
  get bottom(): number {
    return this.pageHeight - this.setup.margins.bottom;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  /** Space left on the current page below the cursor. */
  get remaining(): number {
    return this.bottom - this.y;
  }
  /** True when nothing has been placed on the current page yet. */
  get atPageTop(): boolean {
    return this.y <= this.top + 0.01;
  }

  /** Start a new page. Options not given are inherited from the current page (or the document defaults). */
  addPage(opts?: PageOptions): void {
    if (this.pending.length) this.flushPending(0);
    if (this.options.streamPages) this.finishStreamedPage();
    resetLayoutCaches(this.pdf);
    const prev = this.pages[this.pages.length - 1]?.setup ?? this.base;
    const setup = resolveSetup(prev, opts);
    this.pdf.addPage({
      size: 'A4',
      layout: setup.orientation,
      margins: { ...setup.margins },
    });
    this.pages.push({ setup });
    this.y = setup.margins.top;
    if (this.options.draft) this.drawDraftMark(setup);
  }

  /** The draft mark, diagonal across the page, drawn first so that the content paints over it. */
  private drawDraftMark(setup: PageSetup): void {
    const mark = this.options.draft!.mark;
    const w = setup.orientation === 'landscape' ? A4.height : A4.width;
    const h = setup.orientation === 'landscape' ? A4.width : A4.height;
    const angle = (Math.atan2(h, w) * 180) / Math.PI;
    const diag = Math.hypot(w, h);
    let size = 60;
    while (size > 20 && this.fonts.bold.width(mark, size) > diag * 0.7) size -= 2;
    const lines = layoutText(this.fonts, mark, diag, { size, lineHeight: 1.2, bold: true, align: 'center', color: DRAFT_COLOR });
    const first = lines[0];
    if (!first) return;
    this.pdf.save();
    this.pdf.rotate(-angle, { origin: [w / 2, h / 2] });
    paintLine(this.pdf, first, w / 2 - diag / 2, h / 2 - first.height / 2, this.paintOptions());
    this.pdf.restore();
  }

  /** Create the first page if there is none. */
  ensurePage(): void {
    if (this.pages.length === 0) this.addPage();
  }

  /** Break the page unless `height` points fit below the cursor. Returns true if a page was added. */
  ensureSpace(height: number): boolean {
    this.ensurePage();
    if (this.pending.length) {
      const before = this.pageCount;
      this.flushPending(height);
      if (this.pageCount !== before) return true;
    }
    if (this.y + height <= this.bottom + 0.01 || this.atPageTop) return false;
    this.addPage();
    return true;
  }

  /** Move the cursor down (space after a pending heading stays with the heading). */
  moveDown(points: number): void {
    this.ensurePage();
    const last = this.pending[this.pending.length - 1];
    if (last) last.spaceAfter += points;
    else this.y = Math.min(this.y + points, this.bottom);
  }

  /**
   * Place pending titles/headings, breaking the page first unless they and `next` more points (the
   * beginning of the following block) fit on the current page. Every drawing method calls this; call it
   * yourself before reading `y` for absolute positioning right after a heading.
   */
  flushPending(next = 0): void {
    if (this.pending.length === 0) return;
    const blocks = this.pending;
    this.pending = [];
    this.ensurePage();
    let total = 0;
    blocks.forEach((b, i) => {
      total += (i === 0 && this.atPageTop ? 0 : b.spaceBefore) + linesHeight(b.lines) + b.spaceAfter;
    });
    const keep = Math.max(next, ...blocks.map((b) => b.keepWithNext));
    const capacity = this.bottom - this.top;
    if (!this.atPageTop) {
      if (total + keep <= capacity) this.ensureSpace(total + keep);
      else if (total <= capacity) this.ensureSpace(total);
    }
    const opt = this.paintOptions();
    for (const b of blocks) {
      if (!this.atPageTop) this.y = Math.min(this.y + b.spaceBefore, this.bottom);
      b.lines.forEach((l, i) => {
        if (this.y + l.height > this.bottom + 0.01 && !this.atPageTop) this.addPage();
        if (i === 0 && b.outline) this.bookmark(b.outline.text, b.outline.level);
        paintLine(this.pdf, l, this.left + b.x, this.y, opt);
        this.y += l.height;
      });
      this.y = Math.min(this.y + b.spaceAfter, this.bottom);
    }
  }

  /** Outline entries by level, for nesting. */
  private outlineStack: Array<{ level: number; item: PDFKit.PDFOutline }> = [];
  /** Every bookmark with the page it points to (the 目录 lists the top level). */
  private readonly marks: Array<{ text: string; level: number; page: number }> = [];
  /** The reserved 目录 page (index) and its title. */
  private toc?: { index: number; title: string };

  /**
   * Reserve a 目录 (table of contents) page here, unnumbered; it is filled in when the document is
   * finished, with the top-level bookmarks after it and their page numbers ("第 N 页" numbering).
   */
  addTocPage(title = '目录'): void {
    this.addPage({ numbered: false, header: false });
    this.toc = { index: this.pageCount - 1, title };
  }

  private drawToc(): void {
    if (!this.toc) return;
    const { index, title } = this.toc;
    const numbers: Array<number | null> = [];
    let n = 0;
    for (const p of this.pages) numbers.push(p.setup.numbered ? ++n : null);
    const range = this.pdf.bufferedPageRange();
    this.pdf.switchToPage(range.start + index);
    const setup = this.pages[index]!.setup;
    const w = (setup.orientation === 'landscape' ? A4.height : A4.width) - setup.margins.left - setup.margins.right;
    let y = setup.margins.top;
    const opt = this.paintOptions();
    for (const l of layoutText(this.fonts, title, w, { size: FONT_SIZE.小二, lineHeight: 1.6, bold: true, align: 'center', face: 'heading' })) {
      paintLine(this.pdf, l, setup.margins.left, y, opt);
      y += l.height;
    }
    y += 12;
    const size = FONT_SIZE.小四;
    const font = this.fonts.regular;
    for (const m of this.marks) {
      if (m.level !== 1 || m.page <= index) continue;
      const num = numbers[m.page];
      const right = num === null || num === undefined ? '' : String(num);
      const text = m.text.replace(/\s+/g, ' ');
      const rw = font.width(right, size);
      const maxText = w - rw - size * 2;
      const shown = fitWithEllipsis(text, maxText, (t) => font.width(t, size));
      const tw = font.width(shown, size);
      const dot = '·';
      const dw = font.width(dot, size);
      const dots = Math.max(0, Math.floor((w - tw - rw - size) / dw));
      const base = { kind: 'text' as const, font, size, fakeBold: false, charSpacing: 0, color: '#000000' };
      const line: Line = {
        height: size * 2,
        baseline: size * 1.4,
        spans: [
          { ...base, x: 0, text: shown, width: tw },
          { ...base, x: tw + size * 0.5, text: dot.repeat(dots), width: dots * dw },
          { ...base, x: w - rw, text: right, width: rw },
        ],
      };
      paintLine(this.pdf, line, setup.margins.left, y, opt);
      y += line.height;
    }
  }

  /** A bookmark to the current page at `level` (1 = top), nested under the last entry of a lower level. */
  bookmark(text: string, level = 1): void {
    this.ensurePage();
    while (this.outlineStack.length && this.outlineStack[this.outlineStack.length - 1]!.level >= level) this.outlineStack.pop();
    const parent = this.outlineStack[this.outlineStack.length - 1]?.item ?? this.pdf.outline;
    const item = parent.addItem(text.replace(/\s+/g, ' ').trim(), { expanded: level === 1 } as never);
    this.outlineStack.push({ level, item });
    this.marks.push({ text, level, page: this.pageCount - 1 });
  }

  // ---------------------------------------------------------------- text

  /** Width of `text` in points. */
  measure(text: string, opts: { size?: number; bold?: boolean } = {}): number {
    const font: LoadedFont = opts.bold ? this.fonts.bold : this.fonts.regular;
    return font.width(text, opts.size ?? this.baseSize);
  }

  /** Lay out text into lines (no drawing). */
  layout(text: string, width: number, opts: ParagraphOptions & { face?: 'heading' | 'body' } = {}): Line[] {
    return layoutText(this.fonts, text, width, {
      ...(opts.face === 'heading' ? { face: 'heading' as const } : {}),
      size: opts.size ?? this.baseSize,
      lineHeight: opts.lineHeight ?? this.baseLineHeight,
      ...(opts.bold !== undefined ? { bold: opts.bold } : {}),
      ...(opts.color !== undefined ? { color: opts.color } : {}),
      align: opts.align ?? 'left',
      indentChars: opts.indentChars ?? 0,
    });
  }

  /** Draw lines at an absolute position without page breaking. */
  drawLines(lines: readonly Line[], x: number, y: number): number {
    this.ensurePage();
    this.flushPending(0);
    return paintLines(this.pdf, lines, x, y, this.paintOptions());
  }

  /** @internal */
  paintOptions(): { checkboxMarkers: boolean; markerFont: LoadedFont } {
    return { checkboxMarkers: this.options.checkboxMarkers !== false, markerFont: this.fonts.regular };
  }

  /**
   * Place lines at the cursor, breaking pages between lines. Avoids leaving a single first line at the
   * bottom of a page (orphan).
   */
  flowLines(lines: readonly Line[], opts: FlowOptions = {}): void {
    this.ensurePage();
    const total = linesHeight(lines);
    this.flushPending(opts.keepTogether ? total : linesHeight(lines.slice(0, 2)));
    const keep = opts.keepWithNext ?? 0;
    if (opts.keepTogether || keep > 0) {
      const need = (opts.keepTogether ? total : Math.min(total, lines[0]?.height ?? 0)) + keep;
      if (need <= this.bottom - this.top) this.ensureSpace(need);
    }
    const opt = this.paintOptions();
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      let need = l.height;
      // Orphan control: do not leave the first line of a block alone at the bottom of a page.
      if (i === 0 && lines.length > 1) need += lines[1]!.height;
      if (this.y + need > this.bottom + 0.01 && !this.atPageTop) this.addPage();
      if (l.forced) this.warnings.push(`第 ${this.pageCount} 页：一行文字无法按规则断行或超出宽度`);
      paintLine(this.pdf, l, this.left + (opts.x ?? 0), this.y, opt);
      this.y += l.height;
    }
  }

  /** A body paragraph (or several, separated by `\n`) with a 2-character first-line indent, justified. */
  paragraph(text: string, opts: ParagraphOptions = {}): void {
    this.ensurePage();
    const width = opts.width ?? this.contentWidth - (opts.x ?? 0);
    // Leading spaces (ASCII or ideographic) typed by the user are replaced by the indent.
    const cleaned = text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((p) => p.replace(/^[ \t\u3000]+/u, ''))
      .join('\n');
    const lines = this.layout(cleaned, width, { align: 'justify', indentChars: 2, ...opts });
    if (opts.spaceBefore && !this.atPageTop) this.moveDown(opts.spaceBefore);
    this.flowLines(lines, opts.x !== undefined ? { x: opts.x } : {});
    if (opts.spaceAfter) this.moveDown(opts.spaceAfter);
  }

  /** A centred bold title (default 二号 22 pt), kept on the same page as what follows. */
  title(text: string, opts: ParagraphOptions = {}): void {
    this.ensurePage();
    const size = opts.size ?? FONT_SIZE.二号;
    const lines = this.layout(text, opts.width ?? this.contentWidth, {
      bold: true,
      align: 'center',
      lineHeight: 1.4,
      ...opts,
      size,
    });
    this.pending.push({
      lines,
      x: opts.x ?? 0,
      spaceBefore: opts.spaceBefore ?? 0,
      spaceAfter: opts.spaceAfter ?? size * 0.8,
      keepWithNext: 0,
    });
  }

  /**
   * A section heading (default bold 四号 14 pt, left aligned). Titles and headings are placed lazily,
   * together with the beginning of the next block (two lines of a paragraph, a table's header and first
   * row…), so a heading never ends a page.
   */
  heading(text: string, opts: HeadingOptions = {}): void {
    this.ensurePage();
    const size = opts.size ?? FONT_SIZE.四号;
    const lines = this.layout(text, opts.width ?? this.contentWidth - (opts.x ?? 0), {
      bold: true,
      align: 'left',
      lineHeight: 1.5,
      ...opts,
      size,
      ...((opts.face ?? 'heading') === 'heading' ? { face: 'heading' as const } : {}),
    });
    this.pending.push({
      lines,
      ...(opts.outline ? { outline: { level: opts.outline, text } } : {}),
      x: opts.x ?? 0,
      spaceBefore: opts.spaceBefore ?? size * 0.6,
      spaceAfter: opts.spaceAfter ?? size * 0.3,
      keepWithNext: opts.keepWithNext ?? 0,
    });
  }

  /** Vertical space (does not carry over to the next page). */
  space(points: number): void {
    this.moveDown(points);
  }

  /**
   * Text in a fixed box at an absolute position (no page breaks). Lines that do not fit the box height are
   * not drawn (reported in `warnings`). Returns the height used.
   */
  textBox(
    text: string,
    box: { x: number; y: number; width: number; height?: number },
    opts: ParagraphOptions & { valign?: 'top' | 'middle' | 'bottom' } = {},
  ): number {
    this.ensurePage();
    this.flushPending(0);
    const lines = this.layout(text, box.width, opts);
    let h = linesHeight(lines);
    let drawn = lines;
    let y = box.y;
    if (box.height !== undefined) {
      if (h > box.height + 0.01) {
        let acc = 0;
        let n = 0;
        while (n < lines.length && acc + lines[n]!.height <= box.height + 0.01) acc += lines[n++]!.height;
        drawn = lines.slice(0, n);
        this.warnings.push(`文本框内容超出高度，${lines.length - n} 行未显示：${text.slice(0, 20)}…`);
        h = acc;
      }
      const free = box.height - h;
      if (opts.valign === 'middle') y += free / 2;
      else if (opts.valign === 'bottom') y += free;
    }
    paintLines(this.pdf, drawn, box.x, y, this.paintOptions());
    return h;
  }

  /**
   * A cover-page field: `label` followed by `value` on an underline reaching the right edge
   * ("集群名称：________"). Long values wrap onto further underlined lines.
   */
  fieldLine(label: string, value: string, opts: ParagraphOptions & { labelWidth?: number } = {}): void {
    this.ensurePage();
    const size = opts.size ?? this.baseSize;
    const lh = opts.lineHeight ?? 1.8;
    const x0 = this.left + (opts.x ?? 0);
    const width = opts.width ?? this.right - x0;
    const labelW = opts.labelWidth ?? this.measure(label, { size, ...(opts.bold ? { bold: true } : {}) });
    const valueW = Math.max(size * 4, width - labelW);
    const valueLines = value ? this.layout(value, valueW - size * 0.5, { size, lineHeight: lh, align: 'left' }) : [];
    const labelLines = this.layout(label, labelW + 0.01, { size, lineHeight: lh, ...(opts.bold ? { bold: true } : {}) });
    const rows = Math.max(1, valueLines.length, labelLines.length);
    const lineH = size * lh;
    this.flushPending(lineH * Math.min(rows, 2));
    this.ensureSpace(lineH * Math.min(rows, 2));
    for (let i = 0; i < rows; i++) {
      if (this.y + lineH > this.bottom + 0.01 && !this.atPageTop) this.addPage();
      const l = labelLines[i];
      if (l) paintLine(this.pdf, l, x0, this.y, this.paintOptions());
      const v = valueLines[i] ?? spaceLine(lineH);
      const rule: Line = {
        ...v,
        baseline: labelLines[0]?.baseline ?? v.baseline,
        spans: [...v.spans.map((s) => ({ ...s, x: s.x + size * 0.25 })), { kind: 'rule', x: 0, width: valueW, color: '#000000' }],
      };
      paintLine(this.pdf, rule, x0 + labelW, this.y, this.paintOptions());
      this.y += lineH;
    }
    if (opts.spaceAfter) this.moveDown(opts.spaceAfter);
  }

  // ---------------------------------------------------------------- finish

  private decorate(): void {
    const total = this.pages.filter((p) => p.setup.numbered).length;
    let n = 0;
    this.pages.forEach((page, index) => {
      const number = page.setup.numbered ? ++n : null;
      this.decoratePage(index, number, total);
    });
  }

  /** Numbered pages so far (streamed pages are decorated as they are left). */
  private streamedNumber = 0;

  /** Streaming with the total at the end: the pages whose decoration is still to be written. */
  private deferred: DeferredDecoration[] = [];

  /** Content buffered above pdfkit (the 材料清单's batched operators): written out by these before the page's content is redirected. */
  private readonly contentFlushers: Array<() => void> = [];

  /**
   * `flush` writes content its caller has gathered above pdfkit's `addContent`: called before a
   * streamed page's decoration is drawn into its own stream, and after (see DocumentOptions.streamPages).
   */
  onFlushContent(flush: () => void): void {
    this.contentFlushers.push(flush);
  }

  /** Streaming: decorate the last page and write it out of memory (see DocumentOptions.streamPages). */
  private finishStreamedPage(): void {
    const index = this.pages.length - 1;
    if (index < 0) return;
    const page = this.pages[index]!;
    const number = page.setup.numbered ? ++this.streamedNumber : null;
    const total = this.options.streamPages!.totalPages;
    if (total === 'atEnd') this.deferDecoration(index, number);
    else this.decoratePage(index, number, total);
    this.pdf.flushPages();
  }

  /**
   * Everything the page's decoration draws, as content-stream bytes: the drawing redirected from
   * pdfkit's page content into a buffer (fonts it uses are registered on pdfkit's current page).
   */
  private captureDecoration(pdfPage: PdfKitPage, index: number, number: number | null, total: number): Uint8Array[] {
    const flushAll = () => {
      for (const f of this.contentFlushers) f();
    };
    flushAll();
    const parts: Uint8Array[] = [];
    const real = pdfPage.content;
    pdfPage.content = {
      write: (chunk: unknown) => {
        parts.push(typeof chunk === 'string' ? fromLatin1(chunk + '\n') : (chunk as Uint8Array));
      },
    } as unknown as PdfKitPage['content'];
    try {
      this.drawDecoration(index, number, total);
      flushAll();
    } finally {
      pdfPage.content = real;
    }
    return parts;
  }

  /**
   * The page is left before the total is known: its decoration goes into a second content stream,
   * written at the end. Drawn once now with a stand-in total so that the fonts it uses are in the
   * page's resources (written with the page); what it used is checked at the end.
   */
  private deferDecoration(index: number, number: number | null): void {
    if (!this.decorates()) return;
    this.pdf.switchToPage(index);
    const pdfPage = (this.pdf as unknown as { page: PdfKitPage }).page;
    this.captureDecoration(pdfPage, index, number, Math.max(number ?? 0, this.pages.length));
    const stream = this.pdf.ref({}) as unknown as PdfKitRef;
    pdfPage.dictionary.data.Contents = [pdfPage.content, stream];
    this.deferred.push({ index, number, stream, resources: resourceNames(pdfPage.resources.data) });
  }

  /** Streaming with the total at the end: every left page's decoration written into its own stream. */
  private writeDeferredDecorations(): void {
    const total = this.streamedNumber;
    const pdfPage = (this.pdf as unknown as { page: PdfKitPage }).page;
    for (const d of this.deferred) {
      const parts = this.captureDecoration(pdfPage, d.index, d.number, total);
      const ops = parts.map((p) => latin1String(p)).join('');
      for (const name of operatorResources(ops)) {
        if (!d.resources.has(name)) throw new DeferredDecorationError(`page ${d.index + 1}: its decoration uses /${name}, not in the page's resources`);
      }
      for (const p of parts) d.stream.write(p);
      d.stream.end();
    }
    this.deferred = [];
  }

  private decorates(): boolean {
    const opts = this.options;
    return opts.pageNumbers !== false || opts.header !== undefined || opts.draft !== undefined;
  }

  private decoratePage(index: number, number: number | null, total: number): void {
    if (!this.decorates()) return;
    this.pdf.switchToPage(index);
    this.drawDecoration(index, number, total);
  }

  /** Page number, draft footer and running header of page `index`, drawn on pdfkit's current page. */
  private drawDecoration(index: number, number: number | null, total: number): void {
    const opts = this.options;
    const numbering = opts.pageNumbers === false ? null : (opts.pageNumbers ?? {});
    const header: HeaderOptions | null =
      opts.header === undefined ? null : typeof opts.header === 'string' ? { text: opts.header } : opts.header;
    const page = this.pages[index]!;
    {
      const w = page.setup.orientation === 'landscape' ? A4.height : A4.width;
      const h = page.setup.orientation === 'landscape' ? A4.width : A4.height;
      const m = page.setup.margins;
      if (numbering && number !== null) {
        const size = numbering.size ?? FONT_SIZE.小五;
        const fmt = numbering.format ?? 'chinese';
        const text =
          typeof fmt === 'function' ? fmt(number, total) : fmt === 'dash' ? `- ${number} -` : `第 ${number} 页 共 ${total} 页`;
        const lines = layoutText(this.fonts, text, w, { size, lineHeight: 1.2, align: 'center' });
        const lh = linesHeight(lines.slice(0, 1));
        const centre = h - (numbering.fromBottom ?? m.bottom / 2);
        const first = lines[0];
        if (first) paintLine(this.pdf, first, 0, centre - lh / 2, this.paintOptions());
      }
      if (opts.draft) {
        const size = FONT_SIZE.小五;
        const lines = layoutText(this.fonts, opts.draft.footer, w - m.left - m.right, { size, lineHeight: 1.2, align: 'center', bold: true, color: DRAFT_FOOTER_COLOR });
        const first = lines[0];
        const centre = h - (numbering?.fromBottom ?? m.bottom / 2);
        if (first) paintLine(this.pdf, first, m.left, centre - first.height * 1.6 - 2, this.paintOptions());
      }
      if (header && page.setup.header) {
        const text = typeof header.text === 'function' ? header.text({ index, number, total }) : header.text;
        if (text) {
          const size = header.size ?? FONT_SIZE.小五;
          const width = w - m.left - m.right;
          const lines = layoutText(this.fonts, fitWithEllipsis(text, width, (t) => this.fonts.regular.width(t, size)), width, { size, lineHeight: 1.2, align: header.align ?? 'center' });
          const first = lines[0];
          if (first) {
            const top = m.top / 2 - first.height / 2;
            paintLine(this.pdf, first, m.left, top, this.paintOptions());
            if (header.rule !== false) {
              const ry = top + first.height + 1;
              this.pdf.save().lineWidth(0.5).strokeColor('#000000');
              this.pdf.moveTo(m.left, ry).lineTo(w - m.right, ry).stroke();
              this.pdf.restore();
            }
          }
        }
      }
    }
  }

  /** Draw page numbers/headers on every page, end the document and return the PDF bytes. */
  async finish(): Promise<Uint8Array> {
    if (this.finished) throw new Error('document already finished');
    this.finished = true;
    this.ensurePage();
    this.flushPending(0);
    this.drawToc(); // a 目录 needs its pages still in memory: not for streamed documents
    if (this.options.streamPages) {
      this.finishStreamedPage();
      this.writeDeferredDecorations();
    } else this.decorate();
    if (this.options.pdfa !== false) installSubsetTags(this.pdf);
    installFastSubsets(this.pdf);
    this.pdf.end();
    await this.ended;
    return concatBytes(this.chunks);
  }
}

/** Create a deterministic A4 document. */
export function createDocument(options: DocumentOptions): LayoutDocument {
  return new LayoutDocument(options);
}
