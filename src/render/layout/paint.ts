/** Drawing laid-out lines and vector checkboxes onto a pdfkit document. */
import type { LoadedFont } from './fonts.js';
import type { Line, Span } from './lines.js';
import { type FkGlyph, type FkRun, plainGlyphsOf, plainRunOf } from './shaping.js';

type PdfFontSource = PDFKit.Mixins.PDFFontSource;

/** Draw a checkbox square (and a tick when checked) with its top-left corner at (x, y). */
export function drawCheckbox(pdf: PDFKit.PDFDocument, x: number, y: number, side: number, checked: boolean, color = '#000000'): void {
  pdf.save();
  pdf.lineWidth(Math.max(0.5, side * 0.075)).strokeColor(color);
  pdf.rect(x, y, side, side).stroke();
  if (checked) {
    pdf
      .lineWidth(Math.max(0.8, side * 0.13))
      .lineCap('round')
      .lineJoin('round')
      .moveTo(x + side * 0.2, y + side * 0.5)
      .lineTo(x + side * 0.42, y + side * 0.74)
      .lineTo(x + side * 0.82, y + side * 0.24)
      .stroke();
  }
  pdf.restore();
}

export interface PaintOptions {
  /**
   * Write an invisible "√" (checked) or "□" (unchecked) at each checkbox so that copied or extracted text
   * shows the state. Default true.
   */
  checkboxMarkers?: boolean;
  /** Font used for the invisible markers. */
  markerFont?: LoadedFont;
}

function setFont(pdf: PDFKit.PDFDocument, span: Extract<Span, { kind: 'text' }>): void {
  pdf.font(span.font.font as unknown as PdfFontSource, span.font.key, span.size);
}

/** pdfkit's embedded font, as far as text is written with it here. */
interface EmbeddedFontLike {
  id: string;
  ref(): unknown;
  encode(text: string): [string[], Array<{ xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }>];
  /** The font object pdfkit was given (fontkit's, or the 材料清单's plain face). */
  font?: object;
  subset?: { includeGlyph(id: number): number };
  widths?: number[];
  unicode?: unknown[];
  scale?: number;
}

/** What the two writers below need of pdfkit's embedded font, with its glyphs' subset hex; null when it lacks any. */
function subsetOf(font: EmbeddedFontLike): SubsetHex | null {
  const known = subsetHex.get(font);
  if (known) return known;
  const { font: src, subset, widths, unicode, scale } = font;
  if (!src || !subset || typeof subset.includeGlyph !== 'function' || !widths || !unicode || typeof scale !== 'number') return null;
  const made: SubsetHex = { src, subset, widths, unicode, scale, byGlyph: new Map(), unitGlyph: new Int32Array(0x10000).fill(-1), unitHex: [] };
  subsetHex.set(font, made);
  return made;
}

/** The subset glyph `glyph` became, as 4 hex digits: included (its width and ToUnicode entry set) at its first use. */
function glyphHex(s: SubsetHex, glyph: FkGlyph): string {
  let h = s.byGlyph.get(glyph.id);
  if (h === undefined) {
    const gid = s.subset.includeGlyph(glyph.id);
    h = gid < 0x10 ? '000' + gid.toString(16) : gid < 0x100 ? '00' + gid.toString(16) : gid < 0x1000 ? '0' + gid.toString(16) : gid.toString(16).slice(-4);
    s.byGlyph.set(glyph.id, h);
    if (s.widths[gid] == null) s.widths[gid] = glyph.advanceWidth * s.scale;
    if (s.unicode[gid] == null) s.unicode[gid] = glyph.codePoints;
  }
  return h;
}

/** `f` of each word of `text` as pdfkit shapes it (a word ends after a space or a tab); null when `f` gives null for one. */
function byWord<T>(text: string, f: (word: string) => T | null): T[] | null {
  const out: T[] = [];
  let last = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c === 32 || c === 9 || (c === -1 && last < i)) {
      const end = c === -1 ? i : i + 1;
      const r = f(last === 0 && end === text.length ? text : text.slice(last, end));
      if (r === null) return null;
      out.push(r);
      last = end;
    }
  }
  return out;
}

/**
 * pdfkit's `encode` for text whose glyphs are plain (see plainGlyphsOf), word by word as pdfkit shapes
 * it: the same subset glyphs, widths and ToUnicode entries, the hex of the glyph ids, without laying
 * the text out again. Null when a word is not plain.
 */
function encodePlain(font: EmbeddedFontLike, text: string): string | null {
  const s = subsetOf(font);
  const words = s && byWord(text, (w) => plainGlyphsOf(s.src, w) ?? null);
  if (!s || !words) return null;
  const { unitGlyph, unitHex } = s;
  let hex = '';
  let at = 0;
  for (const glyphs of words) {
    for (let k = 0; k < glyphs.length; k++) {
      // The hex last written for this code unit, when it was for the same glyph (a character's glyph
      // can depend on the script of the text around it: digits in Latin text).
      const c = text.charCodeAt(at + k);
      const glyph = glyphs[k]!;
      let h = unitGlyph[c] === glyph.id ? unitHex[c] : undefined;
      if (h === undefined) {
        h = glyphHex(s, glyph);
        unitGlyph[c] = glyph.id;
        unitHex[c] = h;
      }
      hex += h;
    }
    at += glyphs.length;
  }
  return hex;
}

/**
 * The TJ operator pdfkit's `encode` and our shaped writer give for text whose glyphs are placed without
 * offsets (plainRunOf: kerned Latin, substituted digits), word by word as pdfkit shapes it: glyph runs
 * with an adjustment after each glyph whose advance is not its width. Null when a word is not such.
 */
function encodeKerned(font: EmbeddedFontLike, text: string): string | null {
  const s = subsetOf(font);
  const runs = s && byWord(text, (w) => plainRunOf(s.src, w) ?? null);
  if (!s || !runs) return null;
  const commands: string[] = [];
  let seg = '';
  for (const run of runs) {
    for (let k = 0; k < run.glyphs.length; k++) {
      const glyph = run.glyphs[k]!;
      seg += glyphHex(s, glyph);
      // pdfkit's layoutRun scales each position and sets its advanceWidth; the writer adjusts after a
      // glyph whose scaled advance is not its scaled width.
      const d = run.positions[k]!.xAdvance * s.scale - glyph.advanceWidth * s.scale;
      if (d !== 0) {
        commands.push(`<${seg}> ${num(-d)}`);
        seg = '';
      }
    }
  }
  if (seg) commands.push(`<${seg}> 0`);
  return commands.length ? `\n[${commands.join(' ')}] TJ` : '';
}

/**
 * Per embedded font (one per document and face): the hex of the subset glyph each font glyph became.
 * A glyph is included in the subset (and its width and ToUnicode entry set) once, at its first use, as
 * before; later uses skip pdfkit's subset lookup (a sparse object keyed by glyph id) and the formatting,
 * and are found by code unit.
 */
interface SubsetHex {
  src: object;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: unknown[];
  scale: number;
  byGlyph: Map<number, string>;
  unitGlyph: Int32Array;
  unitHex: Array<string | undefined>;
}
const subsetHex = new WeakMap<object, SubsetHex>();
interface PdfTextState {
  _font?: EmbeddedFontLike;
  _fontSize: number;
  page: { fonts: Record<string, unknown> };
}

/** Documents whose text is laid out but not drawn (a counting pass: see skipText). */
const silent = new WeakSet<object>();

/** Text painted on `pdf` from now on is laid out and positioned but not written (pages are only counted). */
export function skipText(pdf: PDFKit.PDFDocument): void {
  silent.add(pdf);
}

/**
 * pdfkit's fillColor(colour) for "#rrggbb" (what the layout uses): its operators, and the colour it
 * records for later text; undefined for any other colour (then pdfkit sets it).
 */
const fillOps = new Map<string, string>();
function fillColorOps(pdf: PDFKit.PDFDocument, color: string): string | undefined {
  let ops = fillOps.get(color);
  if (ops === undefined) {
    if (!/^#[0-9a-fA-F]{6}$/.test(color)) return undefined;
    const hex = parseInt(color.slice(1), 16);
    // _normalizeColor's parts / 255, joined by _setColorCore, after _setColorSpace's operator.
    ops = `/DeviceRGB cs\n${[hex >> 16, (hex >> 8) & 0xff, hex & 0xff].map((part) => part / 255).join(' ')} scn`;
    if (fillOps.size < 256) fillOps.set(color, ops);
  }
  (pdf as unknown as { _fillColor?: unknown })._fillColor = [color, undefined];
  return ops;
}

/** pdfkit's number format (PDFObject.number): six decimals at most. */
export const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Text objects written directly: for each span a BT, its text matrix (flipped, as pdfkit's page space
 * has y downwards), the glyphs and an ET; the font, size and colour only when they change within a run
 * of lines (a cell, a paragraph). pdfkit's `text()` wrote a q, a cm, the font, the colour and a Q around
 * every span (~110 bytes around 16 of glyphs), measured it twice more and shaped it again: most of the
 * content stream, and of the time to write and compress it. One text object per span as before, so
 * viewers and extractors split the text where they did (in one object, pdf.js joins the spans of a
 * line with spaces it guesses from the gaps). Glyphs and positions are pdfkit's own (its font's
 * `encode`: the same subset, widths and ToUnicode); the page shows the same text at the same places.
 */
class TextWriter {
  /** Font, size and colour of the graphics state as this writer left it ('' / NaN: not known). */
  private fontId = '';
  private size = NaN;
  private color = '';
  /** The font key and size this writer last gave pdfkit (doc.font). */
  private fontSet = '';
  private sizeSet = NaN;
  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  /** False when pdfkit's internals are not what this writer expects (then pdfkit draws the text). */
  static usable(pdf: PDFKit.PDFDocument): boolean {
    const st = pdf as unknown as Partial<PdfTextState>;
    return typeof st.page === 'object' && typeof (pdf as unknown as { addContent?: unknown }).addContent === 'function';
  }

  text(span: Extract<Span, { kind: 'text' }>, x: number, baseY: number): void {
    if (span.text.length === 0) return;
    const pdf = this.pdf;
    // pdfkit's current font and size: set again only when they change (nothing else draws in between).
    if (this.fontSet !== span.font.key || this.sizeSet !== span.size) {
      setFont(pdf, span);
      this.fontSet = span.font.key;
      this.sizeSet = span.size;
    }
    if (silent.has(pdf)) return;
    const st = pdf as unknown as PdfTextState;
    const font = st._font;
    if (!font || typeof font.encode !== 'function') {
      this.forget();
      pdf.fillColor(span.color);
      pdf.text(span.text, x, baseY, { lineBreak: false, baseline: 'alphabetic', ...(span.charSpacing ? { characterSpacing: span.charSpacing } : {}) });
      return;
    }
    // The span's operators as one string, one line each: pdfkit writes each string it is given as a
    // line of its own, so the content stream is the same as with one addContent per operator.
    let op = 'BT';
    if (this.color !== span.color) {
      const ops = fillColorOps(pdf, span.color);
      if (ops === undefined) pdf.fillColor(span.color);
      else op = `${ops}\nBT`;
      this.color = span.color;
    }
    if (st.page.fonts[font.id] == null) st.page.fonts[font.id] = font.ref();
    const plain = encodePlain(font, span.text);
    const size = st._fontSize;
    if (this.fontId !== font.id || this.size !== size) {
      op += `\n/${font.id} ${num(size)} Tf`;
      this.fontId = font.id;
      this.size = size;
    }
    if (span.charSpacing) op += `\n${num(span.charSpacing)} Tc`;
    op += `\n1 0 0 -1 ${num(x)} ${num(baseY)} Tm`;
    if (plain !== null) {
      // Every glyph at its own advance: one run, no adjustments (what the loop below writes for it).
      if (plain) op += `\n[<${plain}> 0] TJ`;
    } else {
      op += encodeKerned(font, span.text) ?? this.shaped(font, span.text, x, baseY, size);
    }
    // Character spacing is text state: it would outlive the ET.
    if (span.charSpacing) op += '\n0 Tc';
    pdf.addContent(op + '\nET');
  }

  /**
   * The glyph runs of a shaped span (each operator after a line break), as pdfkit's _fragment writes
   * them: glyph runs in TJ arrays, an adjustment after a glyph whose advance is not its width
   * (kerning), a new text matrix around a glyph placed with an offset.
   */
  private shaped(font: EmbeddedFontLike, text: string, x: number, y: number, size: number): string {
    const [encoded, positions] = font.encode(text);
    let out = '';
    const scale = size / 1000;
    let cx = x;
    const commands: string[] = [];
    let last = 0;
    let hadOffset = false;
    const addSegment = (cur: number) => {
      if (last < cur) {
        const p = positions[cur - 1]!;
        commands.push(`<${encoded.slice(last, cur).join('')}> ${num(-(p.xAdvance - p.advanceWidth))}`);
      }
      last = cur;
    };
    const flush = (i: number) => {
      addSegment(i);
      if (commands.length > 0) {
        out += `\n[${commands.join(' ')}] TJ`;
        commands.length = 0;
      }
    };
    let i = 0;
    for (; i < positions.length; i++) {
      const pos = positions[i]!;
      if (pos.xOffset || pos.yOffset) {
        flush(i);
        out += `\n1 0 0 -1 ${num(cx + pos.xOffset * scale)} ${num(y - pos.yOffset * scale)} Tm`;
        flush(i + 1);
        hadOffset = true;
      } else {
        if (hadOffset) {
          out += `\n1 0 0 -1 ${num(cx)} ${num(y)} Tm`;
          hadOffset = false;
        }
        if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(i + 1);
      }
      cx += pos.xAdvance * scale;
    }
    flush(i);
    return out;
  }

  /** Something else drew (and may have set the colour or the font): set them again before the next text. */
  forget(): void {
    this.fontId = '';
    this.size = NaN;
    this.color = '';
    this.fontSet = '';
    this.sizeSet = NaN;
  }
}

/** Draw one line with its top-left at (x, top). */
export function paintLine(pdf: PDFKit.PDFDocument, line: Line, x: number, top: number, opts: PaintOptions = {}): void {
  const w = TextWriter.usable(pdf) ? new TextWriter(pdf) : undefined;
  paintLineWith(pdf, w, line, x, top, opts);
}

function paintLineWith(pdf: PDFKit.PDFDocument, writer: TextWriter | undefined, line: Line, x: number, top: number, opts: PaintOptions): void {
  const baseY = top + line.baseline;
  for (const span of line.spans) {
    if (span.kind === 'text') {
      if (writer && !span.fakeBold && !span.text.includes('\n')) {
        writer.text(span, x + span.x, baseY);
      } else {
        writer?.forget();
        setFont(pdf, span);
        pdf.fillColor(span.color);
        const textOpts: PDFKit.Mixins.TextOptions = { lineBreak: false, baseline: 'alphabetic' };
        if (span.charSpacing) textOpts.characterSpacing = span.charSpacing;
        if (span.fakeBold) {
          pdf.save();
          pdf.lineWidth(span.size * 0.035).strokeColor(span.color);
          pdf.text(span.text, x + span.x, baseY, { ...textOpts, fill: true, stroke: true });
          pdf.restore();
        } else {
          pdf.text(span.text, x + span.x, baseY, textOpts);
        }
      }
      if (span.underline) {
        writer?.forget();
        const uy = baseY + span.size * 0.14;
        pdf.save().lineWidth(Math.max(0.5, span.size * 0.05)).strokeColor(span.color);
        pdf.moveTo(x + span.x, uy).lineTo(x + span.x + span.width, uy).stroke();
        pdf.restore();
      }
    } else if (span.kind === 'checkbox') {
      writer?.forget();
      drawCheckbox(pdf, x + span.x, top + span.top, span.side, span.checked, span.color);
      if (opts.checkboxMarkers !== false && opts.markerFont) {
        const f = opts.markerFont;
        pdf.save();
        pdf.font(f.font as unknown as PdfFontSource, f.key, span.side);
        pdf.fillOpacity(0);
        pdf.text(span.checked ? '√' : '□', x + span.x, top + span.top + span.side * 0.88, {
          lineBreak: false,
          baseline: 'alphabetic',
        });
        pdf.restore();
      }
    } else {
      writer?.forget();
      const uy = baseY + 2;
      pdf.save().lineWidth(0.6).strokeColor(span.color);
      pdf.moveTo(x + span.x, uy).lineTo(x + span.x + span.width, uy).stroke();
      pdf.restore();
    }
  }
}

/** Draw lines stacked from (x, top); returns the total height. */
export function paintLines(pdf: PDFKit.PDFDocument, lines: readonly Line[], x: number, top: number, opts: PaintOptions = {}): number {
  const w = TextWriter.usable(pdf) ? new TextWriter(pdf) : undefined;
  let y = top;
  for (const l of lines) {
    paintLineWith(pdf, w, l, x, y, opts);
    y += l.height;
  }
  return y - top;
}
