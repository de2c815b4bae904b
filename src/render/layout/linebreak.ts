/**
 * Chinese line breaking with kinsoku (禁则) rules.
 *
 * - A break is allowed between any two CJK characters (Han, kana, CJK and full-width punctuation).
 * - Runs of other non-space characters (Latin words, numbers such as 1,234.50 or 2023.5.6, URLs) are kept
 *   together; they are split by character only when longer than a whole line.
 * - Spaces are break opportunities; they are dropped at the start and end of wrapped lines.
 * - No line starts with a character of {@link NO_LINE_START}; no line ends with one of {@link NO_LINE_END}.
 *   When the character that overflows may not start a line, characters are pushed to the next line
 *   (推出) until a legal break is found; only a line with no legal break at all is broken by force.
 * - Runs of "——" and "……" are never split.
 * - A no-break space (U+00A0, U+202F) glues what is on either side ("≥\u00a040\u00a0亿元" stays whole), and
 *   no line ends with a comparison sign (≥ ≤ > <): a sign is never parted from its number.
 * - Where no legal break exists (a cell one or two characters wide, such as a 序号 column), a closing
 *   punctuation mark hangs past the line end (悬挂) instead of starting the next line.
 * - `\n` (also `\r\n`, `\r`) is a paragraph break.
 */

/** Characters that may not begin a line (行首禁则). */
export const NO_LINE_START = new Set(
  Array.from(
    '，。、；：？！”’）》】」』…％·,.;:?!)]}' + // the required set
      '\u00a0\u202f' + // no-break spaces glue

      '〕〉］｝〗〙｠〞〟»›' + // more closing brackets and quotes
      '‼⁇⁈⁉・ー〜～゠‐ゝゞ々〻' + // more CJK marks
      'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ' + // small kana
      '｡､｣﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞' + // half-width / small forms
      '%‰℃°′″¢',
  ),
);

/** Characters that may not end a line (行尾禁则). */
export const NO_LINE_END = new Set(
  Array.from('（《【「『“‘([' + '〔〈［｛〖〘｟〝«‹{｢﹙﹛﹝' + '$£¥￥€＄＃#@' + '≥≤><＞＜≧≦' + '\u00a0\u202f'),
);

/** Closing punctuation that may hang past the end of a line when there is no legal break (悬挂). */
const HANGING = new Set(Array.from('，。、；：？！”’）》】」』,.;:?!)]'));

/** Whitespace that is a break opportunity (includes the ideographic space U+3000). */
const SPACE_RE = /^[ \t\u2000-\u200a\u205f\u3000]$/u;

/** Characters after which / before which a break is allowed individually (CJK-like). */
const CJK_RE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u2000-\u206f\u2100-\u27bf\u2e80-\u2fff\u3000-\u303f\u3200-\u33ff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u{1f000}-\u{1faff}]/u;

/** Zero-width characters removed before layout. */
const ZERO_WIDTH_RE = /[\u200b-\u200d\u2060\ufeff]/gu;

export type Measure = (text: string) => number;
/** The width of one BMP character given by its code unit (never a surrogate): must equal `measure` of it. */
export type MeasureUnit = (codeUnit: number) => number;

export interface WrapOptions {
  /** Extra indent of the first line of every paragraph (points). The line is that much narrower. */
  firstLineIndent?: number;
  /** Width of the first line of the whole text, if different (e.g. text after a label). */
  firstLineWidth?: number;
  /** Avoid a single CJK character alone on the last line of a paragraph (孤字). Default true. */
  avoidSingleCharLastLine?: boolean;
  /** A faster `measure` for single CJK characters (same results): e.g. a table of advances. */
  measureUnit?: MeasureUnit;
}

export interface WrappedLine {
  text: string;
  /** Measured width of `text` (without the indent). */
  width: number;
  /** Indent applied to this line (points). */
  indent: number;
  /** First line of a paragraph. */
  paragraphStart: boolean;
  /** Last line of a paragraph (not justified). */
  paragraphEnd: boolean;
  /**
   * The line breaks a rule: it starts/ends with a forbidden character (there was nowhere legal to break)
   * or it is wider than the available width (a single character wider than the line).
   */
  forced?: boolean;
  /** Width of a closing punctuation mark hanging past the line end (悬挂), points. */
  hang?: number;
}

type AtomKind = 'cjk' | 'word' | 'space';
/** A run of the paragraph, `paragraph.slice(s, e)`: atoms cover the paragraph in order, without gaps. */
interface Atom {
  s: number;
  e: number;
  kind: AtomKind;
  width: number;
}

/** Normalise line endings and remove zero-width characters; tabs become spaces. */
export function normalizeText(text: string): string {
  if (!NORMALIZE_RE.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(ZERO_WIDTH_RE, '').replace(/\t/g, '  ');
}
/** Anything normalizeText changes. */
const NORMALIZE_RE = /[\r\t\u200b-\u200d\u2060\ufeff]/;

/** `cjk`: a break is allowed on both sides; `word`: part of an unbreakable run; `space`. */
export function classifyChar(ch: string): 'cjk' | 'word' | 'space' {
  if (SPACE_RE.test(ch)) return 'space';
  if (CJK_RE.test(ch)) return 'cjk';
  return 'word';
}

const KINDS: readonly AtomKind[] = ['cjk', 'word', 'space'];
/** Per BMP code unit (not a surrogate): 0 not known yet, else 1 + the index of its classifyChar kind in KINDS. */
const unitKinds = new Uint8Array(0x10000);

/** classifyChar of the code point at `i` (a BMP character is looked up once per process). */
function kindAt(text: string, i: number): AtomKind {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) return classifyChar(String.fromCodePoint(text.codePointAt(i)!));
  let k = unitKinds[c]!;
  if (k === 0) unitKinds[c] = k = 1 + KINDS.indexOf(classifyChar(String.fromCharCode(c)));
  return KINDS[k - 1]!;
}

/** @internal classifyChar of each character of `text`, in order (the same as iterating it by code point). */
export function classifyChars(text: string): AtomKind[] {
  const out: AtomKind[] = [];
  for (let i = 0; i < text.length; i += codePointLength(text, i)) out.push(kindAt(text, i));
  return out;
}

/** Code units of the code point at `i` (a surrogate pair is 2, a lone surrogate 1). */
function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Membership of BMP code units in the kinsoku sets (none of which holds a surrogate or an astral character). */
const NO_START_BIT = 1;
const NO_END_BIT = 2;
const HANGING_BIT = 4;
let kinsoku: Uint8Array | undefined;
function kinsokuTable(): Uint8Array {
  if (kinsoku) return kinsoku;
  const t = new Uint8Array(0x10000);
  const mark = (set: Set<string>, bit: number) => {
    for (const ch of set) if (ch.length === 1) t[ch.charCodeAt(0)]! |= bit;
  };
  mark(NO_LINE_START, NO_START_BIT);
  mark(NO_LINE_END, NO_END_BIT);
  mark(HANGING, HANGING_BIT);
  return (kinsoku = t);
}
/** Is the first character of text.slice(s, e) (s < e) in the set of `bit`? (The sets hold single BMP characters.) */
function firstIs(text: string, s: number, bit: number): boolean {
  const c = text.charCodeAt(s);
  return (c < 0xd800 || c > 0xdfff) && (kinsokuTable()[c]! & bit) !== 0;
}
/** Is the last character of text.slice(s, e) (s < e) in the set of `bit`? */
function lastIs(text: string, e: number, bit: number): boolean {
  const c = text.charCodeAt(e - 1);
  return (c < 0xd800 || c > 0xdfff) && (kinsokuTable()[c]! & bit) !== 0;
}

/** Split one paragraph (no newlines) into atoms. */
function tokenize(paragraph: string, measure: Measure, measureUnit: MeasureUnit | undefined): Atom[] {
  const atoms: Atom[] = [];
  let s = 0;
  let curKind: AtomKind | null = null;
  const flush = (e: number) => {
    if (e > s) {
      let width: number;
      if (measureUnit && e === s + 1 && curKind === 'cjk') {
        const c = paragraph.charCodeAt(s);
        width = c >= 0xd800 && c <= 0xdfff ? measure(paragraph.slice(s, e)) : measureUnit(c);
      } else width = measure(paragraph.slice(s, e));
      atoms.push({ s, e, kind: curKind!, width });
    }
    s = e;
    curKind = null;
  };
  const n = paragraph.length;
  for (let i = 0; i < n; ) {
    const len = codePointLength(paragraph, i);
    const kind = kindAt(paragraph, i);
    if (kind === 'cjk') {
      // Keep "——" and "……" runs together.
      const c = paragraph.charCodeAt(i);
      if (curKind === 'cjk' && (c === 0x2014 || c === 0x2026) && paragraph.charCodeAt(i - 1) === c) {
        i += len;
        continue;
      }
      flush(i);
      curKind = 'cjk';
      i += len;
      continue;
    }
    if (kind !== curKind) flush(i);
    curKind = kind;
    i += len;
  }
  flush(n);
  return atoms;
}

/** May a line break fall between atoms[j-1] and atoms[j]? */
function canBreakBefore(text: string, atoms: Atom[], j: number): boolean {
  const prev = atoms[j - 1];
  const next = atoms[j];
  if (!prev || !next) return false;
  if (next.kind === 'space' || prev.kind === 'space') {
    // Around spaces: allowed, unless the text on either side of the space run violates kinsoku.
    let a = j - 1;
    while (a >= 0 && atoms[a]!.kind === 'space') a--;
    let b = j;
    while (b < atoms.length && atoms[b]!.kind === 'space') b++;
    if (a >= 0 && lastIs(text, atoms[a]!.e, NO_END_BIT)) return false;
    if (b < atoms.length && firstIs(text, atoms[b]!.s, NO_START_BIT)) return false;
    return true;
  }
  if (firstIs(text, next.s, NO_START_BIT)) return false;
  if (lastIs(text, prev.e, NO_END_BIT)) return false;
  return true;
}

/** Split `atom` so that its first part fits into `room` (at least one character). */
function splitAtom(text: string, atom: Atom, room: number, measure: Measure): [Atom, Atom] {
  const chars = Array.from(text.slice(atom.s, atom.e));
  let n = 1;
  let head = chars[0]!;
  for (let k = 2; k < chars.length; k++) {
    const candidate = chars.slice(0, k).join('');
    if (measure(candidate) > room) break;
    n = k;
    head = candidate;
  }
  // Avoid leaving a forbidden line-start character at the start of the rest (e.g. "," in a long number).
  while (n > 1 && NO_LINE_START.has(chars[n]!)) {
    n--;
    head = chars.slice(0, n).join('');
  }
  const rest = chars.slice(n).join('');
  const mid = atom.s + head.length;
  return [
    { s: atom.s, e: mid, kind: atom.kind, width: measure(head) },
    { s: mid, e: atom.e, kind: atom.kind, width: measure(rest) },
  ];
}

/** Number of code points of text.slice(s, e) is more than one. */
function severalChars(text: string, s: number, e: number): boolean {
  return e - s > codePointLength(text, s);
}

const EPS = 1e-6;

function wrapParagraph(
  paragraph: string,
  width: number,
  measure: Measure,
  indent: number,
  firstWidth: number,
  out: WrappedLine[],
  avoidSingleChar: boolean,
  measureUnit: MeasureUnit | undefined,
): void {
  const atoms = tokenize(paragraph, measure, measureUnit);
  if (atoms.length === 0) {
    out.push({ text: '', width: 0, indent, paragraphStart: true, paragraphEnd: true });
    return;
  }
  const bounds: LineBounds[] = [];
  let start = 0;
  let first = true;
  while (start < atoms.length) {
    if (!first) {
      while (start < atoms.length && atoms[start]!.kind === 'space') start++;
      if (start >= atoms.length) break;
    }
    const lineIndent = first ? indent : 0;
    const avail = Math.max(0, (first ? firstWidth : width) - lineIndent);
    let w = 0;
    let i = start;
    while (i < atoms.length) {
      const a = atoms[i]!;
      if (a.kind !== 'space' && w + a.width > avail + EPS) break;
      w += a.width;
      i++;
    }
    let end: number; // exclusive
    let forced = false;
    let hang = false;
    if (i >= atoms.length) {
      end = atoms.length;
    } else {
      // atoms[i] overflows. Find the last legal break at or before i.
      let j = i;
      while (j > start && !canBreakBefore(paragraph, atoms, j)) j--;
      if (j > start) {
        end = j;
      } else {
        // No legal break in this line.
        const a = atoms[i]!;
        const lineW = Math.max(0, width); // a full continuation line
        if (a.kind === 'word' && a.width > lineW + EPS && severalChars(paragraph, a.s, a.e)) {
          // A word longer than a whole line: split it here, filling the current line.
          const room = avail - w;
          if (i === start || room >= measure(String.fromCodePoint(paragraph.codePointAt(a.s)!))) {
            const [head, rest] = splitAtom(paragraph, a, i === start ? avail : room, measure);
            atoms.splice(i, 1, head, rest);
            end = i + 1;
          } else {
            end = i;
          }
        } else if (i > start && a.kind === 'cjk' && a.e - a.s === 1 && firstIs(paragraph, a.s, HANGING_BIT) && canHang(paragraph, atoms, i)) {
          // Closing punctuation with nowhere legal to break: it hangs past the line end.
          end = i + 1;
          hang = true;
        } else if (i === start) {
          // A single atom (e.g. one character) wider than the line: put it alone.
          end = i + 1;
          forced = true;
        } else {
          end = i;
          forced = true;
        }
      }
    }
    const b: LineBounds = { start, end, indent: lineIndent, avail, forced };
    if (hang) b.hang = atoms[end - 1]!.width;
    bounds.push(b);
    first = false;
    start = end;
  }
  if (avoidSingleChar) fixSingleCharLastLine(paragraph, atoms, bounds, width);
  for (let k = 0; k < bounds.length; k++) {
    const b = bounds[k]!;
    let e = b.end;
    while (e > b.start && atoms[e - 1]!.kind === 'space') e--;
    // The atoms cover the paragraph without gaps: the line is the text from its first atom to its last.
    const empty = e <= b.start;
    const ts = empty ? 0 : atoms[b.start]!.s;
    const te = empty ? 0 : atoms[e - 1]!.e;
    const text = empty ? '' : paragraph.slice(ts, te);
    let lineWidth = 0;
    for (let q = b.start; q < e; q++) lineWidth += atoms[q]!.width;
    const line: WrappedLine = {
      text,
      width: lineWidth,
      indent: b.indent,
      paragraphStart: k === 0,
      paragraphEnd: k === bounds.length - 1,
    };
    const violates = !empty && ((k > 0 && firstIs(paragraph, ts, NO_START_BIT)) || (k < bounds.length - 1 && lastIs(paragraph, te, NO_END_BIT)));
    if (b.hang) line.hang = b.hang;
    if (b.forced || violates || lineWidth > b.avail + (b.hang ?? 0) + 0.01) line.forced = true;
    out.push(line);
  }
}

interface LineBounds {
  start: number;
  end: number;
  indent: number;
  avail: number;
  forced: boolean;
  /** Width of a punctuation mark hanging past the end of the line. */
  hang?: number;
}

/** May the punctuation atoms[i] hang at the end of the line (and the rest start the next line legally)? */
function canHang(text: string, atoms: Atom[], i: number): boolean {
  const next = atoms[i + 1];
  if (!next) return true;
  let b = i + 1;
  while (b < atoms.length && atoms[b]!.kind === 'space') b++;
  return b >= atoms.length || !firstIs(text, atoms[b]!.s, NO_START_BIT);
}

/**
 * Avoid a paragraph whose last line is a single CJK character (孤字): move the last character(s) of the
 * previous line down when that is a legal break and the previous line keeps at least two characters.
 */
function fixSingleCharLastLine(text: string, atoms: Atom[], bounds: LineBounds[], width: number): void {
  if (bounds.length < 2) return;
  const last = bounds[bounds.length - 1]!;
  const prev = bounds[bounds.length - 2]!;
  let content: Atom | undefined;
  let count = 0;
  for (let q = last.start; q < last.end; q++) {
    if (atoms[q]!.kind !== 'space') {
      content = atoms[q];
      count++;
    }
  }
  if (count !== 1 || content!.kind !== 'cjk' || severalChars(text, content!.s, content!.e)) return;
  let prevEnd = prev.end;
  while (prevEnd > prev.start && atoms[prevEnd - 1]!.kind === 'space') prevEnd--;
  for (let j = prevEnd - 1; j >= prevEnd - 2 && j > prev.start + 1; j--) {
    for (let q = j; q < prevEnd; q++) if (atoms[q]!.kind !== 'cjk') return;
    if (!canBreakBefore(text, atoms, j)) continue;
    let w = 0;
    for (let q = j; q < last.end; q++) w += atoms[q]!.width;
    if (w > width + EPS) return;
    prev.end = j;
    last.start = j;
    last.indent = 0;
    return;
  }
}

/**
 * Wrap `text` to `width` points. `measure` returns the width of a string in points with the font and size
 * that will be used for drawing (e.g. `(s) => font.width(s, size)` or `(s) => doc.widthOfString(s)`).
 * Every `\n` starts a new paragraph; an empty paragraph yields one empty line.
 */
export function wrapText(text: string, width: number, measure: Measure, options: WrapOptions = {}): WrappedLine[] {
  const indent = options.firstLineIndent ?? 0;
  const out: WrappedLine[] = [];
  const paragraphs = normalizeText(text).split('\n');
  paragraphs.forEach((p, k) => {
    const firstWidth = k === 0 ? (options.firstLineWidth ?? width) : width;
    wrapParagraph(p, width, measure, indent, firstWidth, out, options.avoidSingleCharLastLine !== false, options.measureUnit);
  });
  return out;
}
