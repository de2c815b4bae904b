/**
 * Laid-out lines: the unit every block (paragraphs, cell contents, checkbox lists) is turned into. A line
 * has a fixed height and positioned spans; pages and table cells are filled with whole lines, so content
 * can be split across pages between any two lines.
 */
import { type FontSet, type LoadedFont, findMissingGlyphs } from './fonts.js';
import { classifyChars, wrapText } from './linebreak.js';

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextSpan {
  kind: 'text';
  /** Offset from the left of the line box. */
  x: number;
  text: string;
  font: LoadedFont;
  size: number;
  /** Draw with fill+stroke (synthetic bold). */
  fakeBold: boolean;
  /** Extra space after every character (justification), points. */
  charSpacing: number;
  color: string;
  /** Measured width including character spacing. */
  width: number;
  underline?: boolean;
}

export interface CheckboxSpan {
  kind: 'checkbox';
  x: number;
  /** Offset of the box's top from the line top. */
  top: number;
  /** Side of the square. */
  side: number;
  checked: boolean;
  color: string;
}

/** A horizontal rule (e.g. the blank of a "名称：______" field), drawn at the baseline. */
export interface RuleSpan {
  kind: 'rule';
  x: number;
  width: number;
  color: string;
}

export type Span = TextSpan | CheckboxSpan | RuleSpan;

export interface Line {
  height: number;
  /** Baseline position from the line top. */
  baseline: number;
  spans: Span[];
  /** The line breaks a rule (nowhere legal to break, or wider than the box). */
  forced?: boolean;
  /** Width of punctuation hanging past the end of the box (悬挂), allowed to overflow. */
  hang?: number;
}

export interface TextStyle {
  /** Font size in points. */
  size: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  bold?: boolean;
  color?: string;
  /** `heading`: the heading face (黑体-style sans) when the font set has one. */
  face?: 'heading';
}

export interface TextLayoutOptions extends TextStyle {
  align?: Align;
  /** First-line indent of every paragraph, in characters (multiples of the font size). */
  indentChars?: number;
  /** Underline the text (e.g. filled-in values on a cover page). */
  underline?: boolean;
}

/** Baseline offset that centres the ideographic em box vertically in a line box. */
export function baselineFor(font: LoadedFont, size: number, lineHeight: number): number {
  const em = (font.emAscent + font.emDescent) * size;
  return (lineHeight * size - em) / 2 + font.emAscent * size;
}

const HAS_CJK_RE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
/** Per BMP code unit (not a surrogate): 0 not known yet, 1 matches HAS_CJK_RE, 2 does not. */
const cjkUnits = new Uint8Array(0x10000);

function hasCjk(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return HAS_CJK_RE.test(s);
    let k = cjkUnits[c]!;
    if (k === 0) cjkUnits[c] = k = HAS_CJK_RE.test(String.fromCharCode(c)) ? 1 : 2;
    if (k === 1) return true;
  }
  return false;
}

/**
 * Per font: the width at size 1 of each BMP character met (NaN: not yet), `font.width(char, 1)`; times
 * a size it is `font.width(char, size)` exactly (the font's width is its advance per em times the size).
 */
const unitWidths = new WeakMap<LoadedFont, Float64Array>();
function unitWidthsOf(font: LoadedFont): Float64Array {
  let t = unitWidths.get(font);
  if (!t) unitWidths.set(font, (t = new Float64Array(0x10000).fill(NaN)));
  return t;
}

/**
 * Maximum justification spacing between characters, as a fraction of the font size. Above ~0.1 em
 * pdf.js (and other extractors) start inserting spaces between Chinese characters when text is copied,
 * so wider lines are left ragged instead.
 */
const MAX_JUSTIFY = 0.095;

export function fontFor(fonts: FontSet, bold: boolean | undefined, face?: 'heading', text?: string): { font: LoadedFont; fakeBold: boolean } {
  // The heading face only when it has every character (it is not part of the coverage check).
  if (face === 'heading' && fonts.heading && (text === undefined || findMissingGlyphs(fonts.heading.font, text).length === 0)) {
    return { font: fonts.heading, fakeBold: false };
  }
  if (!bold) return { font: fonts.regular, fakeBold: false };
  return { font: fonts.bold, fakeBold: fonts.syntheticBold };
}

/** Wrap and position text in a box `width` wide. */
export function layoutText(fonts: FontSet, text: string, width: number, opts: TextLayoutOptions): Line[] {
  const { font, fakeBold } = fontFor(fonts, opts.bold, opts.face, text);
  const size = opts.size;
  const color = opts.color ?? '#000000';
  const align = opts.align ?? 'left';
  const indent = (opts.indentChars ?? 0) * size;
  const measure = (s: string) => font.width(s, size);
  const widths = unitWidthsOf(font);
  const measureUnit = (c: number) => {
    let w = widths[c]!;
    if (w !== w) widths[c] = w = font.width(String.fromCharCode(c), 1);
    return w * size;
  };
  const wrapped = wrapText(text, width, measure, { firstLineIndent: indent, measureUnit });
  const height = size * opts.lineHeight;
  const baseline = baselineFor(font, size, opts.lineHeight);
  return wrapped.map((w) => {
    const avail = width - w.indent;
    const spans: Span[] = [];
    // Spans as literals of one shape: `{ ...base, x, … }` took V8's slow path (~4 µs a span, most of
    // the layout of a 材料清单 of 10,000 files).
    const span = (x: number, text: string, charSpacing: number, spanWidth: number): TextSpan => {
      const t: TextSpan = { kind: 'text', x, text, font, size, fakeBold, charSpacing, color, width: spanWidth };
      if (opts.underline) t.underline = true;
      return t;
    };
    if (w.text) {
      let x = w.indent;
      if (align === 'center') x = w.indent + (avail - w.width) / 2;
      else if (align === 'right') x = w.indent + avail - w.width;
      const units = align === 'justify' && !w.paragraphEnd ? justifyUnits(w.text) : null;
      const cs = units && units.length > 1 && hasCjk(w.text) ? (avail - w.width) / (units.length - 1) : 0;
      if (units && cs > 0.001 && cs <= MAX_JUSTIFY * size) {
        // Extra space goes between units (CJK characters, whole Latin words/numbers), never inside a word:
        // runs of CJK characters are one span with character spacing, words are spans of their own.
        let k = 0;
        while (k < units.length) {
          const u = units[k]!;
          if (u.cjk) {
            let run = '';
            let n = 0;
            let tw = 0;
            while (k < units.length && units[k]!.cjk) {
              run += units[k]!.text;
              tw += font.width(units[k]!.text, size);
              n++;
              k++;
            }
            spans.push(span(x, run, cs, tw + cs * (n - 1)));
            x += tw + cs * n;
          } else {
            const tw = font.width(u.text, size);
            if (!u.space) spans.push(span(x, u.text, 0, tw));
            x += tw + cs;
            k++;
          }
        }
      } else {
        spans.push(span(Math.max(0, x), w.text, 0, w.width));
      }
    }
    const line: Line = { height, baseline, spans };
    if (w.forced) line.forced = true;
    if (w.hang) line.hang = w.hang;
    return line;
  });
}

interface JustifyUnit {
  text: string;
  cjk: boolean;
  space: boolean;
}

/** Units between which justification space may be added. */
function justifyUnits(text: string): JustifyUnit[] {
  const units: JustifyUnit[] = [];
  const kinds = classifyChars(text);
  let i = 0;
  for (const kind of kinds) {
    const c = text.charCodeAt(i);
    const ch = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? text.slice(i, i + 2) : text[i]!;
    i += ch.length;
    const prev = units[units.length - 1];
    if (kind === 'cjk') units.push({ text: ch, cjk: true, space: false });
    else if (prev && !prev.cjk && prev.space === (kind === 'space')) prev.text += ch;
    else units.push({ text: ch, cjk: false, space: kind === 'space' });
  }
  return units;
}

export interface CheckboxItem {
  label: string;
  checked: boolean;
}

export interface CheckboxLayoutOptions extends TextStyle {
  /**
   * `list` (default): one item per line, wrapped text hangs under the label;
   * `inline`: items flow left to right ("☐ 是   ☐ 否"), wrapping between items;
   * a number: a grid with that many columns.
   */
  layout?: 'list' | 'inline' | number;
  /** Gap between items in inline layout, in characters. Default 1.5. */
  gapChars?: number;
}

/** `s` moved `dx` to the right (a copy; literals, not a spread: see layoutText). */
function shiftSpan(s: Span, dx: number): Span {
  if (s.kind === 'text') {
    const t: TextSpan = { kind: 'text', x: s.x + dx, text: s.text, font: s.font, size: s.size, fakeBold: s.fakeBold, charSpacing: s.charSpacing, color: s.color, width: s.width };
    if (s.underline !== undefined) t.underline = s.underline;
    return t;
  }
  if (s.kind === 'checkbox') return { kind: 'checkbox', x: s.x + dx, top: s.top, side: s.side, checked: s.checked, color: s.color };
  return { kind: 'rule', x: s.x + dx, width: s.width, color: s.color };
}

/** Side of a checkbox square relative to the font size. */
export const CHECKBOX_SCALE = 0.78;

function checkboxSpan(font: LoadedFont, size: number, baseline: number, x: number, checked: boolean, color: string): CheckboxSpan {
  const side = size * CHECKBOX_SCALE;
  const emTop = baseline - font.emAscent * size;
  const emHeight = (font.emAscent + font.emDescent) * size;
  return { kind: 'checkbox', x, top: emTop + (emHeight - side) / 2, side, checked, color };
}

/** One checkbox item as list lines within `width` (box on the first line, hanging indent). */
function layoutCheckboxItem(fonts: FontSet, item: CheckboxItem, width: number, opts: TextStyle): Line[] {
  const size = opts.size;
  const { font } = fontFor(fonts, opts.bold);
  const boxW = size * CHECKBOX_SCALE;
  const gap = size * 0.35;
  const hang = boxW + gap;
  const textLines = layoutText(fonts, item.label, Math.max(size, width - hang), { ...opts, align: 'left' });
  const color = opts.color ?? '#000000';
  return textLines.map((l, k) => {
    const spans: Span[] = l.spans.map((s) => shiftSpan(s, hang));
    if (k === 0) spans.unshift(checkboxSpan(font, size, l.baseline, 0, item.checked, color));
    return { ...l, spans };
  });
}

/** Lay out a list of checkbox items in `width`. */
export function layoutCheckboxes(fonts: FontSet, items: CheckboxItem[], width: number, opts: CheckboxLayoutOptions): Line[] {
  const layout = opts.layout ?? 'list';
  const size = opts.size;
  if (layout === 'list') return items.flatMap((it) => layoutCheckboxItem(fonts, it, width, opts));
  if (typeof layout === 'number') {
    const cols = Math.max(1, Math.floor(layout));
    const colW = width / cols;
    const out: Line[] = [];
    for (let i = 0; i < items.length; i += cols) {
      const cells = items.slice(i, i + cols).map((it) => layoutCheckboxItem(fonts, it, colW - size * 0.5, opts));
      const n = Math.max(...cells.map((c) => c.length));
      for (let k = 0; k < n; k++) {
        const spans: Span[] = [];
        let height = 0;
        let baseline = 0;
        cells.forEach((c, col) => {
          const l = c[k];
          if (!l) return;
          height = Math.max(height, l.height);
          baseline = Math.max(baseline, l.baseline);
          for (const s of l.spans) spans.push(shiftSpan(s, col * colW));
        });
        out.push({ height, baseline, spans });
      }
    }
    return out;
  }
  // inline
  const { font, fakeBold } = fontFor(fonts, opts.bold);
  const color = opts.color ?? '#000000';
  const boxW = size * CHECKBOX_SCALE;
  const gap = size * 0.35;
  const itemGap = size * (opts.gapChars ?? 1.5);
  const height = size * opts.lineHeight;
  const baseline = baselineFor(font, size, opts.lineHeight);
  const out: Line[] = [];
  let cur: Span[] = [];
  let x = 0;
  const flush = () => {
    if (cur.length) out.push({ height, baseline, spans: cur });
    cur = [];
    x = 0;
  };
  for (const it of items) {
    const labelW = font.width(it.label, size);
    const itemW = boxW + gap + labelW;
    if (itemW > width) {
      // Too long for one line: give it list lines of its own.
      flush();
      out.push(...layoutCheckboxItem(fonts, it, width, opts));
      continue;
    }
    const start = x === 0 ? 0 : x + itemGap;
    if (start + itemW > width + 1e-6) flush();
    const at = x === 0 ? 0 : x + itemGap;
    cur.push(checkboxSpan(font, size, baseline, at, it.checked, color));
    cur.push({ kind: 'text', x: at + boxW + gap, text: it.label, font, size, fakeBold, charSpacing: 0, color, width: labelW });
    x = at + itemW;
  }
  flush();
  return out;
}

/** An empty line of a given height (vertical space inside a block). */
export function spaceLine(height: number): Line {
  return { height, baseline: 0, spans: [] };
}

export function linesHeight(lines: readonly Line[]): number {
  let h = 0;
  for (const l of lines) h += l.height;
  return h;
}

/** Right edge of the widest span of a line (for overflow checks). */
export function lineExtent(line: Line): number {
  let r = 0;
  for (const s of line.spans) {
    const right = s.kind === 'text' ? s.x + s.width : s.kind === 'checkbox' ? s.x + s.side : s.x + s.width;
    r = Math.max(r, right);
  }
  return r;
}
