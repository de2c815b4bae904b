/**
 * The font subset embedded in a PDF, for TrueType (glyf) faces: the same bytes as fontkit's TTFSubset
 * (tables head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm in that order, unpadded, checksums 0,
 * as fontkit writes them), made by copying each glyph's bytes and metrics straight from the font file.
 *
 * fontkit decodes every glyph's outline (to find a compound glyph's components), builds glyph objects
 * and metrics objects, and encodes the tables through restructure: ~12 ms of a summary's ~60 ms
 * `finish()` for a thousand CJK glyphs, cold (#18). Here a glyph is its bytes from the loca offsets;
 * a compound glyph's component records are read for their glyph ids only (renumbered in the copy, as
 * fontkit does); head, hhea and maxp are the font's own bytes with fontkit's changes (numberOfMetrics,
 * numGlyphs; indexToLocFormat is kept).
 *
 * Anything else (CFF outlines, variable fonts, a table of an unexpected size) keeps fontkit's subsetter:
 * see {@link fastTtfSubsetEncoder}.
 */

/** The parts of a fontkit font read here. */
interface FkFontFile {
  readonly stream?: { buffer?: Uint8Array };
  readonly directory?: { tables: Record<string, { offset: number; length: number } | undefined> };
  readonly _variationProcessor?: unknown;
}

/** fontkit's Subset as pdfkit uses it: the glyph ids in subset order, growing as components are included. */
export interface FkSubset {
  readonly font: unknown;
  readonly glyphs: number[];
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}

// Compound glyph component flags (OpenType glyf).
const ARG_1_AND_2_ARE_WORDS = 1 << 0;
const WE_HAVE_A_SCALE = 1 << 3;
const MORE_COMPONENTS = 1 << 5;
const WE_HAVE_AN_X_AND_Y_SCALE = 1 << 6;
const WE_HAVE_A_TWO_BY_TWO = 1 << 7;

interface Table {
  offset: number;
  length: number;
}

/**
 * An encoder for `subset` giving fontkit's bytes without fontkit's work, or undefined when the font is
 * not a plain TrueType face this covers (then fontkit's own encode stays).
 */
export function fastTtfSubsetEncoder(subset: FkSubset): (() => Uint8Array) | undefined {
  const font = subset.font as FkFontFile;
  const data = font.stream?.buffer;
  const tables = font.directory?.tables;
  if (!(data instanceof Uint8Array) || !tables || font._variationProcessor) return undefined;
  const head = tables.head;
  const hhea = tables.hhea;
  const maxp = tables.maxp;
  const loca = tables.loca;
  const glyf = tables.glyf;
  const hmtx = tables.hmtx;
  // fontkit's structs: head 54 bytes, hhea 36, maxp 32 (version 1.0); anything else is left to it.
  if (!head || !hhea || !maxp || !loca || !glyf || !hmtx || tables['CFF '] || tables.CFF2 || tables.fvar) return undefined;
  if (head.length !== 54 || hhea.length !== 36 || maxp.length !== 32) return undefined;
  for (const t of [head, hhea, maxp, loca, glyf, hmtx, tables['cvt '], tables.prep, tables.fpgm]) {
    if (t && (t.offset < 0 || t.offset + t.length > data.length)) return undefined;
  }
  // fontkit reads cvt as int16 values and prep/fpgm as bytes: an odd-sized cvt would not round-trip.
  if (tables['cvt '] && tables['cvt '].length % 2 !== 0) return undefined;
  return () => encodeTtfSubset(data, tables as Record<string, Table | undefined>, subset);
}

function encodeTtfSubset(data: Uint8Array, tables: Record<string, Table | undefined>, subset: FkSubset): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const head = tables.head!;
  const hhea = tables.hhea!;
  const maxp = tables.maxp!;
  const loca = tables.loca!;
  const glyf = tables.glyf!;
  const hmtx = tables.hmtx!;
  const longLoca = view.getInt16(head.offset + 50) !== 0;
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const numberOfMetrics = view.getUint16(hhea.offset + 34);
  // A glyph id beyond the font (a broken compound glyph) is an empty glyph.
  const locaAt = (gid: number): number => {
    if (gid > numGlyphs || (gid + 1) * (longLoca ? 4 : 2) > loca.length) return 0;
    return longLoca ? view.getUint32(loca.offset + gid * 4) : view.getUint16(loca.offset + gid * 2) * 2;
  };

  const pieces: Uint8Array[] = [];
  const offsets: number[] = [];
  const metrics: number[] = []; // advance, bearing pairs
  let offset = 0;
  const glyphs = subset.glyphs;
  // The list grows while compound glyphs include their components (as in fontkit's loop).
  for (let i = 0; i < glyphs.length; i++) {
    const gid = glyphs[i]!;
    const start = locaAt(gid);
    const end = gid < numGlyphs ? locaAt(gid + 1) : 0;
    let bytes = end > start && end <= glyf.length ? data.subarray(glyf.offset + start, glyf.offset + end) : new Uint8Array(0);
    if (bytes.length >= 10 && ((bytes[0]! << 8) | bytes[1]!) >= 0x8000) {
      // A compound glyph: its component ids become subset ids.
      bytes = new Uint8Array(bytes); // a copy (Buffer#slice would be a view of the font)
      const bv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let pos = 10;
      let flags = MORE_COMPONENTS;
      while (flags & MORE_COMPONENTS && pos + 4 <= bytes.length) {
        flags = bv.getUint16(pos);
        bv.setUint16(pos + 2, subset.includeGlyph(bv.getUint16(pos + 2)));
        pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) pos += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
      }
    }
    pieces.push(bytes);
    offsets.push(offset);
    offset += bytes.length;
    // hmtx: a long metric, or the last advance with a bearing of the short list (fontkit's _getTableMetrics).
    if (gid < numberOfMetrics) {
      metrics.push(view.getUint16(hmtx.offset + gid * 4), view.getInt16(hmtx.offset + gid * 4 + 2));
    } else {
      const advance = numberOfMetrics > 0 ? view.getUint16(hmtx.offset + (numberOfMetrics - 1) * 4) : 0;
      const at = hmtx.offset + numberOfMetrics * 4 + (gid - numberOfMetrics) * 2;
      metrics.push(advance, at + 2 <= hmtx.offset + hmtx.length ? view.getInt16(at) : 0);
    }
  }
  offsets.push(offset);
  const count = pieces.length;

  const out: Array<[string, Uint8Array]> = [];
  const copy = (t: Table) => new Uint8Array(data.subarray(t.offset, t.offset + t.length));
  out.push(['head', copy(head)]);
  const newHhea = copy(hhea);
  new DataView(newHhea.buffer, newHhea.byteOffset, newHhea.byteLength).setUint16(34, count);
  out.push(['hhea', newHhea]);
  // loca in the font's own format (short offsets are halved, as fontkit's encoder does).
  const newLoca = new Uint8Array(offsets.length * (longLoca ? 4 : 2));
  const lv = new DataView(newLoca.buffer);
  for (let i = 0; i < offsets.length; i++) {
    if (longLoca) lv.setUint32(i * 4, offsets[i]!);
    else lv.setUint16(i * 2, offsets[i]! >>> 1);
  }
  out.push(['loca', newLoca]);
  const newMaxp = copy(maxp);
  new DataView(newMaxp.buffer, newMaxp.byteOffset, newMaxp.byteLength).setUint16(4, count);
  out.push(['maxp', newMaxp]);
  if (tables['cvt ']) out.push(['cvt ', copy(tables['cvt '])]);
  if (tables.prep) out.push(['prep', copy(tables.prep)]);
  const newGlyf = new Uint8Array(offset);
  let at = 0;
  for (const p of pieces) {
    newGlyf.set(p, at);
    at += p.length;
  }
  out.push(['glyf', newGlyf]);
  const newHmtx = new Uint8Array(count * 4);
  const hv = new DataView(newHmtx.buffer);
  for (let i = 0; i < count; i++) {
    hv.setUint16(i * 4, metrics[i * 2]!);
    hv.setInt16(i * 4 + 2, metrics[i * 2 + 1]!);
  }
  out.push(['hmtx', newHmtx]);
  if (tables.fpgm) out.push(['fpgm', copy(tables.fpgm)]);

  // The table directory as fontkit writes it: sfnt version 'true', checksums 0, tables unpadded.
  const n = out.length;
  const pow2 = 2 ** Math.floor(Math.log2(n));
  const dirSize = 12 + 16 * n;
  const total = out.reduce((s, [, b]) => s + b.length, dirSize);
  const file = new Uint8Array(total);
  const fv = new DataView(file.buffer);
  file.set([0x74, 0x72, 0x75, 0x65], 0); // 'true'
  fv.setUint16(4, n);
  fv.setUint16(6, pow2 * 16);
  fv.setUint16(8, Math.log2(pow2));
  fv.setUint16(10, n * 16 - pow2 * 16);
  let pos = dirSize;
  out.forEach(([tag, bytes], i) => {
    const e = 12 + i * 16;
    for (let k = 0; k < 4; k++) file[e + k] = tag.charCodeAt(k);
    fv.setUint32(e + 4, 0);
    fv.setUint32(e + 8, pos);
    fv.setUint32(e + 12, bytes.length);
    file.set(bytes, pos);
    pos += bytes.length;
  });
  return file;
}
