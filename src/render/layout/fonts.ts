/**
 * Font loading for the layout engine.
 *
 * Fonts are parsed once with fontkit and handed to pdfkit as fontkit `Font` objects together with a
 * stable cache key (`doc.font(font, key)`), never registered by name: `registerFont(name, path)` makes
 * pdfkit re-read and re-parse the 14.8 MB font file for every `font()` call (see LIBRARY-NOTES).
 */
import { CliError } from '../../errors.js';
import { host } from '../../host.js';
import { ensurePdfKit } from './document.js';
import { installShaper, type ShapableFont } from './shaping.js';

/** A font file (Noto Serif SC is ~24 MB; CJK collections reach ~60 MB). */
export const MAX_FONT_BYTES = 128 * 1024 * 1024;

/** The subset of the fontkit `Font` API this engine uses (fontkit ships no types). */
export interface FontkitFont {
  readonly postscriptName: string;
  readonly familyName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): { advanceWidth: number };
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
  readonly 'OS/2'?: { typoAscender?: number; typoDescender?: number };
}

interface FontkitCollection {
  readonly fonts: FontkitFont[];
  getFont(postscriptName: string): FontkitFont | null;
}

interface FontkitModule {
  create(data: Uint8Array, postscriptName?: string): FontkitFont | FontkitCollection;
}

/** A parsed font plus the metrics the layout code needs. */
export interface LoadedFont {
  /** The fontkit font object; pass it to `doc.font(font.font, font.key)`. */
  readonly font: FontkitFont;
  /** Cache key used with `doc.font` so pdfkit embeds each font once per document. */
  readonly key: string;
  readonly path: string;
  readonly postscriptName: string;
  /** Ascent of the ideographic em box above the baseline, as a fraction of the font size (0.88 for Noto CJK). */
  readonly emAscent: number;
  /** Descent of the em box below the baseline, as a positive fraction of the font size (0.12 for Noto CJK). */
  readonly emDescent: number;
  /** Width of `text` at `size` points (cached per string; matches pdfkit's `widthOfString`). */
  width(text: string, size: number): number;
}

export interface MissingGlyph {
  char: string;
  codePoint: number;
}

export interface FontSet {
  readonly regular: LoadedFont;
  readonly bold: LoadedFont;
  /** Face of headings (一、 level): a 黑体-style sans when available; else headings use `bold`. */
  readonly heading?: LoadedFont;
  /** True when no real bold face is available: bold text is drawn with fill+stroke ("fake bold"). */
  readonly syntheticBold: boolean;
  /** Non-fatal remarks, e.g. a CFF-based .otf (pdfkit has missing-glyph bugs with those). */
  readonly warnings: readonly string[];
  /**
   * Characters of `text` that the regular or the bold face cannot draw (they would print as blank boxes).
   * Whitespace, control and zero-width characters are ignored. Each character is reported once, in order
   * of first occurrence.
   */
  coverage(text: string): MissingGlyph[];
}

export interface LoadFontsOptions {
  /**
   * Regular face: a path to a .ttf/.otf, or a .ttc/.otc collection with the PostScript name after `#`
   * (e.g. `C:/Windows/Fonts/simsun.ttc#SimSun`). Default: Noto Serif SC Regular from node_modules.
   */
  regular?: string;
  /**
   * Bold face, same syntax. Default: Noto Serif SC Bold when `regular` is also the default; otherwise the
   * regular face with synthetic bold.
   */
  bold?: string;
  /**
   * Face of 一、-level headings (黑体 in official documents). Default: Noto Sans SC Medium when `regular` is
   * the default; with a font of your own, headings use its bold. `false`: none.
   */
  heading?: string | false;
}

/** The bundled 黑体-style heading face (Noto Sans SC Medium), or undefined when it is not installed. */
export function defaultHeadingPath(): string | undefined {
  return host().defaultFontFiles().heading;
}

/** The bundled Noto Serif SC faces (in node_modules for the CLI, beside the page for the web face). */
export function defaultFontPaths(): { regular: string; bold: string } {
  const { regular, bold } = host().defaultFontFiles();
  return { regular, bold };
}

/**
 * The bundled regular and bold faces (~15 MB each) start being read now, where the face can do it in
 * the background (src/host-node.ts): summary and compare ask for it before validating the filings.
 */
export function prefetchDefaultFonts(): void {
  const h = host();
  if (!h.prefetchFile) return;
  const { regular, bold } = h.defaultFontFiles();
  void h.prefetchFile(regular, MAX_FONT_BYTES);
  void h.prefetchFile(bold, MAX_FONT_BYTES);
}

let fontkitPromise: Promise<FontkitModule> | undefined;
function importFontkit(): Promise<FontkitModule> {
  // The instance pdfkit uses: the host's, loaded with pdfkit (the CLI's PDF bundle), or the ESM entry,
  // the same module instance pdfkit's ESM build imports.
  fontkitPromise ??= (async () => {
    await ensurePdfKit();
    const given = (await host().loadPdfKit()).fontkit as FontkitModule | undefined;
    // @ts-expect-error fontkit ships no type declarations: FontkitModule describes what we use.
    return given ?? ((await import('fontkit')) as FontkitModule);
  })();
  return fontkitPromise;
}

/** Split `path#PostScriptName` (the `#` part only for collections). */
export function parseFontSpec(spec: string): { path: string; postscriptName?: string } {
  const hash = spec.lastIndexOf('#');
  if (hash > 0) {
    const path = spec.slice(0, hash);
    if (/\.(ttc|otc)$/i.test(path)) return { path, postscriptName: spec.slice(hash + 1) };
  }
  return { path: spec };
}

function isCollection(x: FontkitFont | FontkitCollection): x is FontkitCollection {
  return Array.isArray((x as FontkitCollection).fonts);
}

const IGNORED = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f]/u;

/** Per font, per BMP code point: 0 not looked up yet, 1 drawable (or ignored), 2 missing. */
const bmpCoverage = new WeakMap<FontkitFont, Uint8Array>();

/** Characters of `text` without a glyph in `font` (see {@link FontSet.coverage}). */
export function findMissingGlyphs(font: FontkitFont, text: string): MissingGlyph[] {
  // Every name and cell is checked (a 材料清单 of 10,000 files: ~1 s of cmap lookups and regex tests
  // character by character): each BMP code point is looked up once per font.
  let known = bmpCoverage.get(font);
  if (!known) bmpCoverage.set(font, (known = new Uint8Array(0x10000)));
  let seen: Set<number> | undefined;
  let out: MissingGlyph[] | undefined;
  for (let i = 0; i < text.length; i++) {
    let codePoint = text.charCodeAt(i);
    let missing: boolean;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      codePoint = text.codePointAt(i)!;
      if (codePoint > 0xffff) i++;
      missing = !IGNORED.test(String.fromCodePoint(codePoint)) && !font.hasGlyphForCodePoint(codePoint);
    } else {
      let state = known[codePoint]!;
      if (state === 0) known[codePoint] = state = IGNORED.test(String.fromCharCode(codePoint)) || font.hasGlyphForCodePoint(codePoint) ? 1 : 2;
      missing = state === 2;
    }
    if (!missing) continue;
    seen ??= new Set<number>();
    if (seen.has(codePoint)) continue;
    seen.add(codePoint);
    (out ??= []).push({ char: String.fromCodePoint(codePoint), codePoint });
  }
  return out ?? [];
}

let keyCounter = 0;

function makeLoadedFont(font: FontkitFont, path: string): LoadedFont {
  const upm = font.unitsPerEm || 1000;
  const os2 = font['OS/2'];
  let asc = os2?.typoAscender;
  let desc = os2?.typoDescender;
  if (!asc || desc === undefined || asc - desc <= 0) {
    // No usable typo metrics: scale hhea ascent/descent to a 1 em box.
    const total = font.ascent - font.descent || upm;
    asc = (font.ascent / total) * upm;
    desc = asc - upm;
  }
  // pdfkit shapes through the font object's `layout`: the same exact shortcuts for it and for us.
  const shaper = installShaper(font as unknown as ShapableFont);
  const cache = new Map<string, number>();
  const key = `cluster-font-${++keyCounter}-${font.postscriptName || 'font'}`;
  return {
    font,
    key,
    path,
    postscriptName: font.postscriptName,
    emAscent: asc / upm,
    emDescent: -desc / upm,
    width(text: string, size: number): number {
      if (text.length === 0) return 0;
      let w = cache.get(text);
      if (w === undefined) {
        const cp = text.codePointAt(0)!;
        // One character: its advance (no shaping needed, and no kerning can apply). Otherwise shape.
        const single = text.length === (cp > 0xffff ? 2 : 1);
        w = (single ? font.glyphForCodePoint(cp).advanceWidth : shaper.advance(text)) / upm;
        if (cache.size > 200_000) cache.clear();
        cache.set(text, w);
      }
      return w * size;
    },
  };
}

/** Parse one font file (or one face of a collection). */
export async function loadFont(spec: string): Promise<{ font: LoadedFont; warnings: string[] }> {
  const fontkit = await importFontkit();
  // A read ahead of this file (prefetchDefaultFonts) is waited for: its bytes, not a second read.
  const { path: rawPath } = parseFontSpec(spec);
  const { path: P } = host();
  await host().prefetching?.(P.isAbsolute(rawPath) ? rawPath : P.resolve(rawPath));
  return parseFont(fontkit, spec);
}

function parseFont(fontkit: FontkitModule, spec: string): { font: LoadedFont; warnings: string[] } {
  const { path: rawPath, postscriptName } = parseFontSpec(spec);
  const { path: P } = host();
  const path = P.isAbsolute(rawPath) ? rawPath : P.resolve(rawPath);
  let data: Uint8Array;
  try {
    // A regular file of bounded size (never a FIFO, a device or a folder).
    data = host().readFile(path, MAX_FONT_BYTES, { zh: '字体文件', en: 'font file' });
  } catch (e) {
    if (e instanceof CliError) throw new CliError({ zh: `无法读取字体文件：${e.msg.zh}`, en: `cannot read the font file: ${e.msg.en}` }, e.file);
    throw new Error(`无法读取字体文件 ${path}: ${(e as Error).message}`);
  }
  let parsed: FontkitFont | FontkitCollection | null;
  try {
    parsed = fontkit.create(data, postscriptName);
  } catch (e) {
    throw new Error(`无法解析字体文件 ${path}: ${(e as Error).message}`);
  }
  if (!parsed) {
    throw new Error(`字体集合 ${path} 中没有名为 ${postscriptName ?? ''} 的字体`);
  }
  if (isCollection(parsed)) {
    const names = parsed.fonts.map((f) => f.postscriptName).join(', ');
    throw new Error(`${path} 是字体集合，请用 “路径#PostScript名” 指定其中一个字体：${names}`);
  }
  const warnings: string[] = [];
  if (/\.otf$/i.test(P.extname(path))) {
    warnings.push(`${path}: CFF 格式的 .otf 字体在 pdfkit 中可能丢字，建议使用 .ttf/.ttc`);
  }
  return { font: makeLoadedFont(parsed, path), warnings };
}

/**
 * Load the regular and bold faces. Parsing is lazy in fontkit (~20 ms); reuse the returned FontSet for
 * every document of a process.
 */
export async function loadFonts(options: LoadFontsOptions = {}): Promise<FontSet> {
  const defaults = defaultFontPaths();
  const regularSpec = options.regular ?? defaults.regular;
  const boldSpec = options.bold ?? (options.regular === undefined ? defaults.bold : undefined);
  const r = await loadFont(regularSpec);
  const b = boldSpec !== undefined ? await loadFont(boldSpec) : undefined;
  // A heading face given is loaded now (its errors and warnings with the others'); the bundled one
  // when a document first asks for it (summary and compare never do: 15 MB not read).
  const h = typeof options.heading === 'string' ? await loadFont(options.heading) : undefined;
  const bundled = options.heading === undefined && options.regular === undefined ? defaultHeadingPath() : undefined;
  const fontkit = await importFontkit();
  let heading = h?.font;
  let pending = bundled;
  return fontSetOf(r, b, h, () => {
    if (pending !== undefined) {
      try {
        heading = parseFont(fontkit, pending).font;
      } catch (e) {
        throw e instanceof CliError ? e : new CliError({ zh: (e as Error).message, en: (e as Error).message });
      }
      pending = undefined;
    }
    return heading;
  });
}

function fontSetOf(
  r: { font: LoadedFont; warnings: string[] },
  b: { font: LoadedFont; warnings: string[] } | undefined,
  h: { font: LoadedFont; warnings: string[] } | undefined,
  heading: () => LoadedFont | undefined,
): FontSet {
  const regular = r.font;
  const bold = b?.font ?? regular;
  const warnings = [...r.warnings, ...(b?.warnings ?? []), ...(h?.warnings ?? [])];
  return {
    regular,
    bold,
    get heading() {
      return heading();
    },
    syntheticBold: bold === regular,
    warnings,
    coverage(text: string): MissingGlyph[] {
      const missing = findMissingGlyphs(regular.font, text);
      if (bold === regular) return missing;
      const boldMissing = findMissingGlyphs(bold.font, text);
      if (boldMissing.length === 0) return missing;
      const seen = new Set(missing.map((m) => m.codePoint));
      for (const m of boldMissing) {
        if (!seen.has(m.codePoint)) missing.push(m);
      }
      // Keep the order of first occurrence in the text.
      const order = new Map<number, number>();
      let i = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (!order.has(cp)) order.set(cp, i);
        i++;
      }
      return missing.sort((a, z) => order.get(a.codePoint)! - order.get(z.codePoint)!);
    },
  };
}
