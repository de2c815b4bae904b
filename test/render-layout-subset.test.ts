/**
 * Our TrueType subset encoder (src/render/layout/subset.ts) must give exactly fontkit's TTFSubset bytes
 * and grow the subset the same way (compound glyphs' components appended, renumbered in the copy):
 * for the bundled faces (random glyph sets, a page of text) and for a small font built here with
 * compound glyphs of every argument/scale form (the bundled faces have none).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error fontkit ships no type declarations
import * as fontkit from 'fontkit';
import { nodeHost } from '../src/host-node.js';
import { fastTtfSubsetEncoder, type FkSubset } from '../src/render/layout/subset.js';

interface Fk {
  createSubset(): FkSubset;
  glyphsForString(s: string): Array<{ id: number }>;
  numGlyphs: number;
}
const create = (bytes: Uint8Array): Fk => (fontkit as { create(b: Uint8Array): Fk }).create(bytes);

/** Both encoders on the same glyph list: bytes and the grown subsets compared. */
function both(font: Fk, gids: number[]): { ours: Uint8Array; theirs: Uint8Array; oursGlyphs: number[]; theirGlyphs: number[] } {
  const a = font.createSubset();
  const b = font.createSubset();
  for (const g of gids) {
    a.includeGlyph(g);
    b.includeGlyph(g);
  }
  const enc = fastTtfSubsetEncoder(a);
  expect(enc).toBeDefined();
  const ours = enc!();
  const theirs = b.encode();
  return { ours, theirs: new Uint8Array(theirs), oursGlyphs: [...a.glyphs], theirGlyphs: [...b.glyphs] };
}

/** A deterministic pseudo-random sequence (no flaky seeds). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('fastTtfSubsetEncoder', () => {
  const files = nodeHost.defaultFontFiles();
  const faces = [files.regular, files.bold, files.heading].filter((f): f is string => !!f);

  it.each(faces)('gives fontkit’s bytes for %s', (file) => {
    const font = create(readFileSync(file));
    const rnd = lcg(file.length);
    for (const n of [0, 1, 7, 300, 2500]) {
      const gids = Array.from({ length: n }, () => Math.floor(rnd() * font.numGlyphs));
      const r = both(font, gids);
      expect(r.ours.length).toBe(r.theirs.length);
      expect(Buffer.from(r.ours).equals(Buffer.from(r.theirs))).toBe(true);
    }
    // The glyphs of real text, in the order pdfkit meets them (the last glyph of the font included).
    const text = '湖北省荆门市新能源电池产业集群 申报表 第 1 页 共 12 页 ABC xyz 0123456789（续）、。';
    const gids = [...font.glyphsForString(text).map((g) => g.id), font.numGlyphs - 1];
    const r = both(font, gids);
    expect(Buffer.from(r.ours).equals(Buffer.from(r.theirs))).toBe(true);
  });

  it('renumbers compound glyphs’ components as fontkit does (every argument and scale form)', () => {
    const font = create(compoundFont());
    expect(font.numGlyphs).toBe(7);
    for (const gids of [[6], [5, 1], [4], [3, 2, 6], [0, 1, 2, 3, 4, 5, 6], [6, 6, 5]]) {
      const r = both(font, gids);
      expect(r.oursGlyphs).toEqual(r.theirGlyphs);
      expect(r.oursGlyphs.length).toBeGreaterThan(new Set(gids).size - (gids.includes(0) ? 1 : 0));
      expect(Buffer.from(r.ours).equals(Buffer.from(r.theirs))).toBe(true);
    }
  });

  it('leaves fonts it does not cover to fontkit (a font without glyf)', () => {
    const bytes = compoundFont({ withoutGlyf: true });
    const font = create(bytes);
    expect(fastTtfSubsetEncoder(font.createSubset())).toBeUndefined();
  });
});

/**
 * A TrueType font of 7 glyphs: 0 empty, 1 and 2 simple triangles, 3 = 2 + 1 (byte offsets, a scale),
 * 4 = 3 (word offsets, x and y scale), 5 = 1 + 4 (a 2×2 matrix), 6 = 5 + 2 + 1. Short loca, and fewer
 * long metrics than glyphs (the last two advances come from the bearing list).
 */
function compoundFont(opts: { withoutGlyf?: boolean } = {}): Uint8Array {
  const be = (bytes: number[], v: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bytes.push((v >>> (8 * i)) & 0xff);
  };
  const simple = (): number[] => {
    const b: number[] = [];
    be(b, 1, 2); // one contour
    be(b, 0, 2); be(b, 0, 2); be(b, 500, 2); be(b, 500, 2); // bbox
    be(b, 2, 2); // endPts
    be(b, 0, 2); // no instructions
    b.push(1, 1, 1); // on-curve flags, word coordinates
    be(b, 0, 2); be(b, 500, 2); be(b, -250 & 0xffff, 2); // x
    be(b, 0, 2); be(b, 0, 2); be(b, 500, 2); // y
    if (b.length % 2) b.push(0);
    return b;
  };
  const compound = (parts: Array<{ gid: number; words?: boolean; scale?: 'one' | 'xy' | '2x2' }>): number[] => {
    const b: number[] = [];
    be(b, 0xffff, 2); // numberOfContours -1
    be(b, 0, 2); be(b, 0, 2); be(b, 500, 2); be(b, 500, 2);
    parts.forEach((p, i) => {
      let flags = (p.words ? 1 : 0) | 2 | (i < parts.length - 1 ? 1 << 5 : 0);
      if (p.scale === 'one') flags |= 1 << 3;
      if (p.scale === 'xy') flags |= 1 << 6;
      if (p.scale === '2x2') flags |= 1 << 7;
      be(b, flags, 2);
      be(b, p.gid, 2);
      if (p.words) { be(b, 10, 2); be(b, 20, 2); } else b.push(5, 6);
      const n = p.scale === 'one' ? 1 : p.scale === 'xy' ? 2 : p.scale === '2x2' ? 4 : 0;
      for (let k = 0; k < n; k++) be(b, 0x4000, 2);
    });
    if (b.length % 2) b.push(0);
    return b;
  };
  const glyphs: number[][] = [
    [],
    simple(),
    simple(),
    compound([{ gid: 2, scale: 'one' }, { gid: 1 }]),
    compound([{ gid: 3, words: true, scale: 'xy' }]),
    compound([{ gid: 1, scale: '2x2' }, { gid: 4, words: true }]),
    compound([{ gid: 5 }, { gid: 2, words: true, scale: 'xy' }, { gid: 1 }]),
  ];
  const glyf: number[] = [];
  const loca: number[] = [];
  for (const g of glyphs) {
    be(loca, glyf.length / 2, 2);
    glyf.push(...g);
  }
  be(loca, glyf.length / 2, 2);
  const nMetrics = 5;
  const hmtx: number[] = [];
  for (let i = 0; i < nMetrics; i++) { be(hmtx, 500 + i, 2); be(hmtx, i, 2); }
  for (let i = nMetrics; i < glyphs.length; i++) be(hmtx, (-i) & 0xffff, 2);
  const head: number[] = [];
  be(head, 0x10000, 4); be(head, 0x10000, 4); be(head, 0, 4); be(head, 0x5f0f3cf5, 4);
  be(head, 0, 2); be(head, 1000, 2); be(head, 0, 4); be(head, 0, 4); be(head, 0, 4); be(head, 0, 4);
  be(head, 0, 2); be(head, 0, 2); be(head, 500, 2); be(head, 500, 2);
  be(head, 0, 2); be(head, 8, 2); be(head, 2, 2); be(head, 0, 2); be(head, 0, 2); // short loca
  const hhea: number[] = [];
  be(hhea, 0x10000, 4); be(hhea, 800, 2); be(hhea, (-200) & 0xffff, 2); be(hhea, 0, 2); be(hhea, 600, 2);
  for (let i = 0; i < 11; i++) be(hhea, i === 10 ? 0 : i === 5 ? 1 : 0, 2);
  be(hhea, nMetrics, 2);
  const maxp: number[] = [];
  be(maxp, 0x10000, 4); be(maxp, glyphs.length, 2);
  for (let i = 0; i < 13; i++) be(maxp, 1, 2);
  const prep = [0xb0, 0x01, 0x2c];
  const tables: Array<[string, number[]]> = [['head', head], ['hhea', hhea], ['hmtx', hmtx], ['loca', loca], ['maxp', maxp], ['prep', prep]];
  if (!opts.withoutGlyf) tables.push(['glyf', glyf]);
  tables.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const out: number[] = [];
  be(out, 0x10000, 4); be(out, tables.length, 2); be(out, 0, 2); be(out, 0, 2); be(out, 0, 2);
  let off = 12 + 16 * tables.length;
  const body: number[] = [];
  for (const [tag, data] of tables) {
    for (let k = 0; k < 4; k++) out.push(tag.charCodeAt(k));
    be(out, 0, 4); be(out, off + body.length, 4); be(out, data.length, 4);
    body.push(...data);
    while (body.length % 4) body.push(0);
  }
  return Uint8Array.from([...out, ...body]);
}
