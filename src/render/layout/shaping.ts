/**
 * fontkit's `layout` (OpenType shaping) without its cost where it cannot change anything.
 *
 * Every string drawn is shaped twice (once measured by our line breaker, once drawn by pdfkit, whose
 * word cache is emptied at each page), and a shaping call costs a script selection, a shaping plan and
 * a pass of every default lookup over the glyphs: in a summary of 100 filings ~3,000 calls took ~0.4 s.
 *
 * Two exact shortcuts, each giving the glyphs and positions fontkit itself would give:
 *  1. Plain text: when no lookup fontkit applies by default can touch any glyph of the string, fontkit's
 *     result is each character's glyph at its advance. That holds when, for the OpenType script fontkit
 *     selects for the string, no glyph is in any coverage table of a lookup of a default feature (a
 *     lookup only acts at a glyph in its coverage) — except kerning pairs, whose effect fontkit gives
 *     for the two characters alone, once (a pair adjustment sees the next glyph only and adds to the
 *     advances: a kerned glyph's advance is its own plus the adjustments of its two pairs) — no glyph
 *     is a mark (marks lose their advance), none is a default-ignorable or .notdef glyph (fontkit blanks
 *     those), and the font has no legacy `kern` table, no AAT `morx` and no feature variations.
 *     Characters are limited to scripts fontkit shapes with its default shaper (Latin, Han, common
 *     punctuation and symbols; no surrogates, variation selectors or combining marks).
 *  2. Anything else is shaped by fontkit once per distinct string and the result copied for each use
 *     (fontkit's layout depends on the string alone when no features are asked for).
 */

/** fontkit's glyph and position objects, as far as pdfkit and we use them. */
export interface FkGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
  readonly isMark?: boolean;
}
export interface FkPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
export interface FkRun {
  glyphs: FkGlyph[];
  positions: FkPosition[];
  advanceWidth: number;
}

interface Coverage {
  version: number;
  glyphs?: ArrayLike<number>;
  rangeRecords?: ArrayLike<{ start: number; end: number }>;
}
interface LookupTable {
  lookupType: number;
  flags?: { flags?: { ignoreBaseGlyphs?: boolean; ignoreLigatures?: boolean } };
  subTables: ArrayLike<Record<string, unknown>>;
}
interface OtTable {
  scriptList?: Array<{ tag: string; script: { defaultLangSys?: { featureIndexes: ArrayLike<number> } | null } }>;
  featureList: Array<{ tag: string; feature: { lookupListIndexes: ArrayLike<number> } }>;
  lookupList: { get(i: number): LookupTable | undefined; length?: number };
  featureVariations?: unknown;
}
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: ArrayLike<number>;
  classRangeRecord?: ArrayLike<{ start: number; end: number; class: number }>;
}
/** The parts of a fontkit font read here. */
export interface ShapableFont {
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: string): FkRun;
  glyphForCodePoint(codePoint: number): FkGlyph;
  readonly numGlyphs?: number;
  readonly GSUB?: OtTable;
  readonly GPOS?: OtTable;
  readonly GDEF?: { glyphClassDef?: ClassDef | null };
  readonly directory?: { tables: Record<string, unknown> };
}

/** The features fontkit 2's default shaper applies to horizontal left-to-right text (fontkit's DefaultShaper). */
const DEFAULT_FEATURES = new Set(['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern']);
/** fontkit's fallback when the font has no table for the string's script. */
const FALLBACK_SCRIPTS = ['DFLT', 'dflt', 'latn'];

/** Script of a code unit as fontkit's script detection sees it: 0 not handled here, 1 common, 2 Latin, 3 Han. */
const NONE = 0;
const COMMON = 1;
const LATIN = 2;
const HAN = 3;
/** The OpenType script tag fontkit asks for, by the first non-common script of the string. */
const SCRIPT_TAG = ['', 'zzzz', 'latn', 'hani'] as const;

function buildClasses(): Uint8Array {
  const cls = new Uint8Array(0x10000);
  const set = (from: number, to: number, v: number) => cls.fill(v, from, to + 1);
  set(0x20, 0x7e, COMMON);
  set(0x41, 0x5a, LATIN);
  set(0x61, 0x7a, LATIN);
  set(0xa0, 0xff, COMMON);
  cls[0xad] = NONE; // soft hyphen: default-ignorable
  set(0xc0, 0xd6, LATIN);
  set(0xd8, 0xf6, LATIN);
  set(0xf8, 0xff, LATIN);
  cls[0xaa] = LATIN;
  cls[0xba] = LATIN;
  set(0x2010, 0x2027, COMMON);
  set(0x2030, 0x205e, COMMON);
  cls[0x2044] = NONE; // fraction slash: fontkit turns on frac/numr/dnom around it
  set(0x20a0, 0x20cf, COMMON); // currency signs (€)
  set(0x2190, 0x23ff, COMMON); // arrows, mathematical operators (≥ ≤ ±), technical symbols
  set(0x2460, 0x26ff, COMMON); // enclosed numbers (①), box drawing, geometric shapes (□ ○), symbols (☆)
  set(0x3000, 0x303f, COMMON);
  cls[0x3005] = HAN;
  cls[0x3007] = HAN;
  set(0x3021, 0x3029, HAN);
  set(0x302a, 0x302f, NONE); // combining tone marks, Hangul marks
  set(0x3038, 0x303b, HAN);
  // (Ideographs added after the Unicode data fontkit carries count as common there: left out.)
  set(0x3400, 0x4db5, HAN);
  set(0x4e00, 0x9fef, HAN);
  set(0xff01, 0xff60, COMMON);
  set(0xff21, 0xff3a, LATIN);
  set(0xff41, 0xff5a, LATIN);
  set(0xffe0, 0xffee, COMMON);
  return cls;
}
let classes: Uint8Array | undefined;
/** @internal The script class of each code unit (tests compare it with the Unicode data fontkit uses). */
export function scriptClasses(): Uint8Array {
  return (classes ??= buildClasses());
}

function addCoverage(cov: unknown, out: Set<number>): void {
  const c = cov as Coverage | null | undefined;
  if (!c || typeof c !== 'object') return;
  if (c.glyphs) for (let i = 0; i < c.glyphs.length; i++) out.add(c.glyphs[i]!);
  if (c.rangeRecords) {
    for (let i = 0; i < c.rangeRecords.length; i++) {
      const r = c.rangeRecords[i]!;
      for (let g = r.start; g <= r.end; g++) out.add(g);
    }
  }
}

/** Glyphs in any coverage table of a subtable (extension subtables unwrapped). More than needed, never less. */
function subtableCoverage(st: Record<string, unknown>, out: Set<number>, depth = 0): void {
  // Keys first, values only of the keys wanted: fontkit's lazy fields are getters that decode on access
  // (pair values, class definitions…), and Object.entries would decode them all.
  for (const k of Object.keys(st)) {
    if (k !== 'extension' && !/coverage/i.test(k)) continue;
    const v = st[k];
    if (k === 'extension' && v && typeof v === 'object' && depth < 2) subtableCoverage(v as Record<string, unknown>, out, depth + 1);
    else if (k !== 'extension') {
      if (Array.isArray(v)) for (const c of v) addCoverage(c, out);
      else if (v && typeof v === 'object' && typeof (v as { length?: unknown }).length === 'number' && !('version' in (v as object))) {
        const arr = v as ArrayLike<unknown>;
        for (let i = 0; i < arr.length; i++) addCoverage(arr[i], out);
      } else addCoverage(v, out);
    }
  }
}

/** The glyphs single substitutions (GSUB type 1) of one script may replace, and what they may give. */
interface Singles {
  cover: Set<number>;
  outputs: Set<number>;
}

/** Glyphs a single substitution subtable replaces (into `singles.cover`) and the glyphs it gives. */
function singleSubstitution(st: Record<string, unknown>, singles: Singles): boolean {
  const cover = new Set<number>();
  addCoverage(st.coverage, cover);
  const version = st.version;
  if (version === 1 && typeof st.deltaGlyphID === 'number') {
    for (const g of cover) singles.outputs.add((g + st.deltaGlyphID) & 0xffff);
  } else if (version === 2 && st.substitute && typeof (st.substitute as { length?: unknown }).length === 'number') {
    const sub = st.substitute as { length: number; get?(i: number): number } & ArrayLike<number>;
    for (let i = 0; i < sub.length; i++) singles.outputs.add(typeof sub.get === 'function' ? sub.get(i) : sub[i]!);
  } else return false;
  for (const g of cover) singles.cover.add(g);
  return true;
}

/**
 * Whether a ligature substitution subtable (GSUB type 4) depends on pairs of glyphs alone: every
 * ligature joins two glyphs, or more when the same first two glyphs also form a ligature of two (then
 * a string holding the longer sequence holds that pair, which is found not plain: "———" and "——").
 */
function pairLigatures(st: Record<string, unknown>): boolean {
  const sets = st.ligatureSets as { length?: number; get?(i: number): unknown } | undefined;
  if (!sets || typeof sets.length !== 'number' || typeof sets.get !== 'function') return false;
  for (let i = 0; i < sets.length; i++) {
    const set = sets.get(i) as ArrayLike<{ compCount?: unknown; components?: ArrayLike<number> }> | undefined;
    if (!set || typeof set.length !== 'number') return false;
    const twos = new Set<number>();
    for (let k = 0; k < set.length; k++) if (set[k]?.compCount === 2 && set[k]!.components) twos.add(set[k]!.components![0]!);
    for (let k = 0; k < set.length; k++) {
      const lig = set[k];
      const n = lig?.compCount;
      if (typeof n !== 'number' || n < 2 || !lig!.components) return false;
      if (n > 2 && !twos.has(lig!.components[0]!)) return false;
    }
  }
  return true;
}

/**
 * Glyphs some default lookup may act on when fontkit selects `scriptTag` in `table`: into `pairs` when
 * the lookup is a pair adjustment that sees the very next glyph (kerning: its effect depends on that
 * pair alone; also ligatures decided by pairs), into `singles` when it is a single substitution (its effect
 * depends on the glyph alone), into `out` otherwise.
 */
function touchedGlyphs(table: OtTable | undefined, scriptTag: string, out: Set<number>, pairs?: Set<number>, singles?: Singles): void {
  if (!table?.scriptList) return;
  const find = (tags: readonly string[]) => {
    for (const t of tags) for (const e of table.scriptList!) if (e.tag === t) return e;
    return undefined;
  };
  const entry = find([scriptTag]) ?? find(FALLBACK_SCRIPTS);
  const langSys = entry?.script.defaultLangSys;
  if (!langSys) return;
  for (let i = 0; i < langSys.featureIndexes.length; i++) {
    const record = table.featureList[langSys.featureIndexes[i]!];
    if (!record || !DEFAULT_FEATURES.has(record.tag)) continue;
    const idx = record.feature.lookupListIndexes;
    for (let k = 0; k < idx.length; k++) {
      const lookup = table.lookupList.get(idx[k]!);
      if (!lookup) continue;
      const flags = lookup.flags?.flags;
      // Skipping base glyphs or ligatures would make the "next" glyph of a pair another one.
      const adjacent = !!flags && !flags.ignoreBaseGlyphs && !flags.ignoreLigatures;
      for (let s = 0; s < lookup.subTables.length; s++) {
        const st = lookup.subTables[s]!;
        if (singles) {
          // GSUB, directly or through an extension (type 7): a single substitution, or ligatures that
          // depend on pairs of glyphs alone (as kerning: into `pairs`, each pair shaped once).
          const inner = lookup.lookupType === 7 ? (st.extension as Record<string, unknown> | undefined) : st;
          const innerType = lookup.lookupType === 7 ? (st.lookupType as number | undefined) : lookup.lookupType;
          if (inner && innerType === 1 && singleSubstitution(inner, singles)) continue;
          if (inner && innerType === 4 && pairs && adjacent && pairLigatures(inner)) {
            addCoverage(inner.coverage, pairs);
            continue;
          }
        }
        const type = lookup.lookupType === 9 ? (st.lookupType as number | undefined) : lookup.lookupType;
        subtableCoverage(st, pairs && adjacent && type === 2 ? pairs : out);
      }
    }
  }
}

function markGlyphs(font: ShapableFont, out: Set<number>): void {
  const cd = font.GDEF?.glyphClassDef;
  if (!cd) return;
  if (cd.classValueArray && cd.startGlyph !== undefined) {
    for (let i = 0; i < cd.classValueArray.length; i++) if (cd.classValueArray[i] === 3) out.add(cd.startGlyph + i);
  }
  if (cd.classRangeRecord) {
    for (let i = 0; i < cd.classRangeRecord.length; i++) {
      const r = cd.classRangeRecord[i]!;
      if (r.class === 3) for (let g = r.start; g <= r.end; g++) out.add(g);
    }
  }
}

/** fontkit's default-ignorable test (LayoutEngine.isDefaultIgnorable), for the code points that reach it here. */
function defaultIgnorable(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  return cp === 0xad || cp === 0x34f || cp === 0x61c || (cp >= 0x17b4 && cp <= 0x17b5) || (cp >= 0x180b && cp <= 0x180e) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || (cp >= 0xfff0 && cp <= 0xfff8) || cp > 0xffff;
}

/** The effect of a kerning pair that leaves both glyphs as they are. */
const ZERO: readonly [number, number] = [0, 0];

/** Distinct strings whose shaped runs are kept (a run is a few hundred bytes). */
const SLOW_CACHE_MAX = 20_000;

export interface Shaper {
  /** fontkit's `layout(text)`: a fresh run (pdfkit scales the positions it is given in place). */
  layout(text: string): FkRun;
  /** Advance width of `text` in font units, as fontkit's `layout(text).advanceWidth`. */
  advance(text: string): number;
  /** fontkit's glyphs for `text` when they are its characters' own glyphs at their advances, else null. */
  plainGlyphs(text: string): FkGlyph[] | null;
  /** fontkit's run for `text` when its glyphs are placed without offsets (plain or kerned), else null. */
  plainRun(text: string): FkRun | null;
}

export function createShaper(font: ShapableFont, layout: (text: string) => FkRun): Shaper {
  const tables = font.directory?.tables ?? {};
  const usable = !tables.kern && !tables.morx && !font.GSUB?.featureVariations && !font.GPOS?.featureVariations;
  const cls = scriptClasses();
  /**
   * Per code unit: the glyph (fontkit's own cached object); bit s of `unsafeBits` set when a lookup may
   * act on it under script class s, bit s of `pairBits` when only kerning (pair adjustment) may.
   */
  const glyphOf: Array<FkGlyph | undefined> = [];
  /** Per script class: the glyph of a code unit where a single substitution replaces its own. */
  const substituted: Array<Array<FkGlyph | undefined>> = [[], [], [], []];
  const unsafeBits = new Uint8Array(0x10000);
  const pairBits = new Uint8Array(0x10000);
  const known = new Uint8Array(0x10000);
  interface ScriptSets {
    unsafe: Set<number>;
    pairs: Set<number>;
    /** Glyphs single substitutions replace, when those can be taken glyph by glyph (else in `unsafe`). */
    singles: Set<number>;
  }
  let sets: ScriptSets[] | undefined;
  const touchedSets = (): ScriptSets[] => {
    if (sets) return sets;
    const marks = new Set<number>();
    markGlyphs(font, marks);
    sets = [{ unsafe: new Set<number>(), pairs: new Set<number>(), singles: new Set<number>() }];
    for (let s = 1; s <= 3; s++) {
      const unsafe = new Set<number>(marks);
      const pairs = new Set<number>();
      const singles: Singles = { cover: new Set<number>(), outputs: new Set<number>() };
      touchedGlyphs(font.GSUB, SCRIPT_TAG[s]!, unsafe, pairs, singles);
      touchedGlyphs(font.GPOS, SCRIPT_TAG[s]!, unsafe, pairs);
      // Substitutions are taken glyph by glyph only when what they give is touched by no other lookup
      // (nothing contextual can follow them); else the glyphs they replace are unsafe like any other.
      let chained = false;
      for (const g of singles.outputs) if (unsafe.has(g)) chained = true;
      if (chained) for (const g of singles.cover) unsafe.add(g);
      sets.push({ unsafe, pairs, singles: chained ? new Set<number>() : singles.cover });
    }
    return sets;
  };
  /** fontkit's default tests that make a glyph not plain (.notdef, marks, default-ignorables). */
  const badGlyph = (g: FkGlyph | undefined): boolean => !g || g.id === 0 || g.isMark === true || defaultIgnorable(g.codePoints[0]);
  /** Bit s set: a single substitution may replace the glyph under script class s, not yet looked at. */
  const pendingBits = new Uint8Array(0x10000);
  const learn = (c: number): void => {
    known[c] = 1;
    const g = font.glyphForCodePoint(c);
    glyphOf[c] = g;
    const all = touchedSets();
    // The glyph object is fontkit's, cached per glyph id with the code points it was first made for:
    // fontkit's own tests (marks, default-ignorables) look at those.
    const bad = badGlyph(g);
    let bits = 0;
    let pair = 0;
    let pending = 0;
    for (let s = 1; s <= 3; s++) {
      const set = all[s]!;
      if (bad || set.unsafe.has(g.id)) bits |= 1 << s;
      else if (set.singles.has(g.id)) pending |= 1 << s;
      else if (set.pairs.has(g.id)) pair |= 1 << s;
    }
    unsafeBits[c] = bits;
    pairBits[c] = pair;
    pendingBits[c] = pending;
  };
  /**
   * Code unit c under script class s, where a single substitution may replace its glyph: fontkit's
   * glyph for the character alone with that script (a single substitution looks at the glyph alone),
   * if it is placed plainly; looked at once, when text of that script first holds it.
   */
  const substitute = (c: number, s: number): void => {
    pendingBits[c]! &= ~(1 << s);
    const set = touchedSets()[s]!;
    const run = font.layout(String.fromCharCode(c), undefined, SCRIPT_TAG[s], undefined, 'ltr');
    const p = run.positions[0];
    const out = run.glyphs[0];
    if (run.glyphs.length === 1 && p && out && !badGlyph(out) && !set.unsafe.has(out.id) && p.xAdvance === out.advanceWidth && p.yAdvance === 0 && p.xOffset === 0 && p.yOffset === 0) {
      if (out !== glyphOf[c]) substituted[s]![c] = out;
      if (set.pairs.has(out.id)) pairBits[c]! |= 1 << s;
    } else unsafeBits[c]! |= 1 << s;
  };
  /** The glyph of code unit c in a plain string of script class s. */
  const glyphFor = (c: number, s: number): FkGlyph => substituted[s]![c] ?? glyphOf[c]!;
  /**
   * What kerning does to the pair `a b` under script class s: fontkit shapes the two characters alone
   * with that script, once. A pair adjustment sees the current and the next glyph only and adds to
   * their advances, so in any string the advance of a glyph is its own plus the adjustment of the pair
   * it begins and of the pair it ends. ZERO: nothing; [first, second]: the advance adjustments of the
   * two glyphs; null: anything else (other glyphs, vertical moves, offsets): fontkit shapes the string.
   */
  const pairEffect: Array<Map<number, readonly [number, number] | null>> = [new Map(), new Map(), new Map(), new Map()];
  const pairOf = (a: number, b: number, s: number): readonly [number, number] | null => {
    const key = a * 0x10000 + b;
    let effect = pairEffect[s]!.get(key);
    if (effect === undefined) {
      const run = font.layout(String.fromCharCode(a, b), undefined, SCRIPT_TAG[s], undefined, 'ltr');
      const ga = glyphFor(a, s);
      const gb = glyphFor(b, s);
      const p = run.positions;
      effect = null;
      if (
        run.glyphs.length === 2 &&
        run.glyphs[0]!.id === ga.id &&
        run.glyphs[1]!.id === gb.id &&
        p.every((q) => q.yAdvance === 0 && q.xOffset === 0 && q.yOffset === 0)
      ) {
        const d0 = p[0]!.xAdvance - ga.advanceWidth;
        const d1 = p[1]!.xAdvance - gb.advanceWidth;
        effect = d0 === 0 && d1 === 0 ? ZERO : [d0, d1];
      }
      pairEffect[s]!.set(key, effect);
    }
    return effect;
  };
  /** Set by plainScript: the string's kerning adjustments (null: none). */
  let kerning: Array<readonly [number, number] | undefined> | null = null;
  /**
   * The script class of a string whose glyphs are its characters' own (its first Latin or Han
   * character decides, as in fontkit), or 0. Sets `kerning` to the adjustments of its pairs, if any.
   */
  const plainScript = (text: string): number => {
    kerning = null;
    if (!usable || text.length === 0) return NONE;
    let script = COMMON;
    let bits = 0;
    let pairs = 0;
    let pending = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const k = cls[c]!;
      if (k === NONE) return NONE;
      if (script === COMMON && k !== COMMON) script = k;
      if (!known[c]) learn(c);
      bits |= unsafeBits[c]!;
      pairs |= pairBits[c]!;
      pending |= pendingBits[c]!;
    }
    const bit = 1 << script;
    if (pending & bit) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (pendingBits[c]! & bit) substitute(c, script);
        bits |= unsafeBits[c]!;
        pairs |= pairBits[c]!;
      }
    }
    if (bits & bit) return NONE;
    if (pairs & bit) {
      for (let i = 0; i + 1 < text.length; i++) {
        const c = text.charCodeAt(i);
        if (!(pairBits[c]! & bit)) continue;
        const effect = pairOf(c, text.charCodeAt(i + 1), script);
        if (effect === null) return NONE;
        if (effect !== ZERO) (kerning ??= new Array<readonly [number, number] | undefined>(text.length))[i] = effect;
      }
    }
    return script;
  };
  /** Advance of glyph i of a plain string with the kerning plainScript found. */
  const kernedAdvance = (k: Array<readonly [number, number] | undefined>, i: number, advance: number): number => {
    const own = k[i];
    const before = i > 0 ? k[i - 1] : undefined;
    return advance + (own ? own[0] : 0) + (before ? before[1] : 0);
  };
  /** The run of a string plainScript found plain (with the kerning it found). */
  const runOf = (text: string, script: number): FkRun => {
    const k = kerning;
    const glyphs: FkGlyph[] = new Array(text.length);
    const positions: FkPosition[] = new Array(text.length);
    let advanceWidth = 0;
    for (let i = 0; i < text.length; i++) {
      const g = glyphFor(text.charCodeAt(i), script);
      const xAdvance = k ? kernedAdvance(k, i, g.advanceWidth) : g.advanceWidth;
      glyphs[i] = g;
      positions[i] = { xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0 };
      advanceWidth += xAdvance;
    }
    return { glyphs, positions, advanceWidth };
  };
  const slow = new Map<string, FkRun>();
  const shapeSlow = (text: string): FkRun => {
    let run = slow.get(text);
    if (!run) {
      const r = layout(text);
      run = { glyphs: r.glyphs.slice(), positions: r.positions.map((p) => ({ ...p })), advanceWidth: r.advanceWidth };
      if (slow.size >= SLOW_CACHE_MAX) slow.clear();
      slow.set(text, run);
    }
    return run;
  };
  return {
    layout(text: string): FkRun {
      const script = plainScript(text);
      if (script !== NONE) return runOf(text, script);
      const run = shapeSlow(text);
      return { glyphs: run.glyphs.slice(), positions: run.positions.map((p) => ({ ...p })), advanceWidth: run.advanceWidth };
    },
    plainRun(text: string): FkRun | null {
      const script = plainScript(text);
      return script === NONE ? null : runOf(text, script);
    },
    plainGlyphs(text: string): FkGlyph[] | null {
      const script = plainScript(text);
      if (script === NONE || kerning) return null;
      const glyphs: FkGlyph[] = new Array(text.length);
      for (let i = 0; i < text.length; i++) glyphs[i] = glyphFor(text.charCodeAt(i), script);
      return glyphs;
    },
    advance(text: string): number {
      const script = plainScript(text);
      if (script !== NONE) {
        const k = kerning;
        let w = 0;
        for (let i = 0; i < text.length; i++) {
          const a = glyphFor(text.charCodeAt(i), script).advanceWidth;
          w += k ? kernedAdvance(k, i, a) : a;
        }
        return w;
      }
      return shapeSlow(text).advanceWidth;
    },
  };
}

const installed = new WeakMap<object, Shaper>();
/** Font objects (as pdfkit holds them) whose plain glyph runs are known without shaping. */
const plainSources = new WeakMap<object, (text: string) => FkGlyph[] | null>();
const plainRuns = new WeakMap<object, (text: string) => FkRun | null>();

/**
 * Declares how to get the plain glyphs of `font` (a font object pdfkit is given): see plainGlyphsOf;
 * and, optionally, its runs placed without offsets (see plainRunOf).
 */
export function registerPlainGlyphs(font: object, glyphs: (text: string) => FkGlyph[] | null, runs?: (text: string) => FkRun | null): void {
  plainSources.set(font, glyphs);
  if (runs) plainRuns.set(font, runs);
}

/**
 * fontkit's run for `text` with `font` (a fresh one) when its glyphs are placed without offsets or
 * vertical moves — their own glyphs, or substituted ones, kerned or not — else null (or when not known).
 */
export function plainRunOf(font: object, text: string): FkRun | null {
  const f = plainRuns.get(font);
  return f ? f(text) : null;
}

/**
 * The glyphs fontkit's layout gives for `text` with `font` when they are the characters' own glyphs at
 * their advances (no substitution, no positioning), else null (or when the font is not known here).
 */
export function plainGlyphsOf(font: object, text: string): FkGlyph[] | null {
  const f = plainSources.get(font);
  return f ? f(text) : null;
}

/**
 * Gives the fontkit font object the shortcuts above as its `layout` (pdfkit calls `font.layout(text,
 * features)`); calls with features or further arguments go to fontkit as before. Returns the shaper
 * (one per font object).
 */
export function installShaper(font: ShapableFont): Shaper {
  const done = installed.get(font);
  if (done) return done;
  const real = font.layout.bind(font) as (text: string, ...rest: unknown[]) => FkRun;
  const shaper = createShaper(font, (t) => real(t));
  installed.set(font, shaper);
  registerPlainGlyphs(
    font,
    (t) => shaper.plainGlyphs(t),
    (t) => shaper.plainRun(t),
  );
  (font as { layout: (text: string, ...rest: unknown[]) => FkRun }).layout = (text: string, ...rest: unknown[]) => {
    const features = rest[0];
    if (typeof text !== 'string' || rest.length > 1 || (features != null && !(Array.isArray(features) && features.length === 0))) return real(text, ...rest);
    return shaper.layout(text);
  };
  return shaper;
}
