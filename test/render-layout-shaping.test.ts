import { readFileSync } from 'node:fs';
// @ts-expect-error fontkit ships no type declarations
import * as fontkit from 'fontkit';
// @ts-expect-error unicode-properties (fontkit's own Unicode data) ships no type declarations
import { getScript } from 'unicode-properties';
import { describe, expect, it } from 'vitest';
import { defaultFontPaths, defaultHeadingPath } from '../src/render/layout/fonts.js';
import { type FkRun, type ShapableFont, installShaper, scriptClasses } from '../src/render/layout/shaping.js';

const open = (path: string): ShapableFont => (fontkit as { create(b: Uint8Array): ShapableFont }).create(readFileSync(path));

/** A deterministic pseudo-random generator (the same strings every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const POOLS = [
  '集群产业链中小企业特色申报表年度湖北省荆门市掇刀区新能源动力电池发明专利拥有量万人件',
  '0123456789',
  '.,;:%+-/()[]<>=≥≤×÷·—…“”‘’',
  'AVTWYafilorstvwxyLTPFkK',
  '，。、；：？！（）《》【】「」〔〕％＋－０１２３ＡＢｆｉ',
  'ÀÉÎØåçñüß°±²µ¶',
  ' \u3000',
  // Outside what the shortcut takes: fontkit must still be asked (and agree with itself).
  '\u00ad\u2044\u0301\u302a\u200b\ufe0f\uff76\uffa1\u3042',
];

function randomStrings(count: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const len = 1 + Math.floor(r() * 12);
    let s = '';
    for (let i = 0; i < len; i++) {
      // Mostly one pool per string with some mixing, so both plain and shaped strings occur.
      const pool = POOLS[r() < 0.7 ? n % POOLS.length : Math.floor(r() * POOLS.length)]!;
      s += pool[Math.floor(r() * pool.length)];
    }
    out.push(s);
  }
  return out;
}

const FIXED = [
  'AV',
  'To',
  'Tableau',
  'office',
  'national-2024',
  '289.30',
  '(+146.40)',
  '13.5%',
  '2023年',
  '年2023',
  'abc 2023',
  '１/２',
  '1⁄2',
  '湖北省荆门市掇刀区新能源动力电池产业集群',
  '集群内中小企业有效发明专利拥有量(包括…',
  '/tmp/18c/hundred/000/cluster.yaml',
  'e\u0301',
  '𠀀集',
  '葛\udb40\udd00',
  '正极材料—电解液——隔膜',
  '——',
  '—',
  '集——集—集',
  'PACK—储能',
  '≥ 10',
  '集群≥40亿元',
  '①②→↑□○☆€',
];

function same(a: FkRun, b: FkRun): boolean {
  if (a.glyphs.length !== b.glyphs.length || a.advanceWidth !== b.advanceWidth) return false;
  return a.glyphs.every((g, i) => {
    const p = a.positions[i]!;
    const q = b.positions[i]!;
    return g.id === b.glyphs[i]!.id && p.xAdvance === q.xAdvance && p.yAdvance === q.yAdvance && p.xOffset === q.xOffset && p.yOffset === q.yOffset;
  });
}

/** Counts the calls of `font`'s own (fontkit) layout from now on, until restore(). */
function countLayoutCalls(font: object): { readonly count: number; restore(): void } {
  const proto = Object.getPrototypeOf(font) as { layout: (...a: unknown[]) => FkRun };
  const orig = proto.layout;
  const calls = { count: 0, restore: () => void (proto.layout = orig) };
  proto.layout = function (this: unknown, ...a: unknown[]) {
    if (this === font) calls.count++;
    return orig.apply(this, a);
  };
  return calls;
}

describe('exact shaping shortcuts', () => {
  const paths = [defaultFontPaths().regular, defaultFontPaths().bold, defaultHeadingPath()].filter((p): p is string => !!p);

  it.each(paths.map((p) => [p.replace(/.*\//, ''), p]))('give what fontkit gives, string by string (%s)', (_name, path) => {
    const reference = open(path);
    const font = open(path);
    // Count the calls that still reach fontkit's own layout.
    const calls = countLayoutCalls(font);
    try {
      const shaper = installShaper(font);
      const strings = [...FIXED, ...randomStrings(3000, 7)];
      const bad: string[] = [];
      for (const s of strings) {
        const want = reference.layout(s);
        // Twice: the second answer comes from the shortcut's memory.
        for (let k = 0; k < 2; k++) {
          const got = font.layout(s);
          if (!same(got, want)) bad.push(JSON.stringify(s));
          if (shaper.advance(s) !== want.advanceWidth) bad.push(`advance ${JSON.stringify(s)}`);
        }
      }
      expect(bad).toEqual([]);
      // Not vacuous: kerning happens in these strings, and most strings still skip fontkit.
      const av = reference.layout('AV');
      expect(av.positions[0]!.xAdvance).not.toBe(av.glyphs[0]!.advanceWidth);
      expect(calls.count).toBeGreaterThan(50);
      expect(calls.count).toBeLessThan(strings.length);
      // Features asked for go to fontkit as before.
      const before = calls.count;
      expect(same(font.layout('AV', ['kern']), reference.layout('AV', ['kern']))).toBe(true);
      expect(calls.count).toBe(before + 1);
    } finally {
      calls.restore();
    }
  });

  it('builds kerned Latin text (digits substituted) from its pairs: fontkit is asked once per pair, not per string', () => {
    const reference = open(defaultFontPaths().regular);
    const font = open(defaultFontPaths().regular);
    const calls = countLayoutCalls(font);
    try {
      installShaper(font);
      // Learn the pairs of these words (kerned: the results differ from the glyphs' own advances).
      const words = ['AVATAR', 'Tableau', '/tmp/hundred/cluster.yaml', '/tmp/18c/hundred/000/cluster.yaml', '材料—电解液'];
      for (const w of words) expect(same(font.layout(w), reference.layout(w))).toBe(true);
      const kerned = reference.layout('AVATAR');
      expect(kerned.positions.some((p, i) => p.xAdvance !== kerned.glyphs[i]!.advanceWidth)).toBe(true);
      // In Latin text the face's digits are other glyphs (a single substitution of its locl feature).
      expect(reference.layout('a0').glyphs[1]!.id).not.toBe(reference.glyphForCodePoint(0x30).id);
      // "——" is one glyph (a ligature of two: its own pair), "—" alone its own.
      expect(reference.layout('——').glyphs).toHaveLength(1);
      // New strings made of known pairs: built without fontkit, and what fontkit gives.
      const before = calls.count;
      for (const w of ['AVATAVA', 'TAVAR', 'AVAT', '/tmp/hundred/hundred/cluster.yaml', '/cluster.yaml', 'bleau', 'Tabl', '/tmp/18c/hundred/000/000/cluster.yaml', 'hundred/000', '电解液—电解液', '材料—电解液—电解液']) {
        expect(same(font.layout(w), reference.layout(w)), w).toBe(true);
      }
      expect(calls.count).toBe(before);
    } finally {
      calls.restore();
    }
  });

  it('hands out fresh positions (pdfkit scales them in place)', () => {
    const font = open(defaultFontPaths().regular);
    installShaper(font);
    for (const s of ['集群', 'AV']) {
      const a = font.layout(s);
      const w = a.positions[0]!.xAdvance;
      a.positions[0]!.xAdvance *= 0.012;
      expect(font.layout(s).positions[0]!.xAdvance).toBe(w);
    }
  });

  it("takes scripts as fontkit's Unicode data does", () => {
    const cls = scriptClasses();
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const k = cls[c]!;
      if (k === 0) continue;
      const script = getScript(c) as string;
      const ok = k === 2 ? script === 'Latin' : k === 3 ? script === 'Han' : script === 'Common' || script === 'Unknown';
      if (!ok) wrong.push(`U+${c.toString(16)} ${script} ${k}`);
    }
    expect(wrong).toEqual([]);
  });
});
