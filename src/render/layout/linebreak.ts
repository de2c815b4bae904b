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

export interface WrapOptions {
  /** Extra indent of the first line of every paragraph (points). The line is that much narrower. */
  firstLineIndent?: number;
  /** Width of the first line of the whole text, if different (e.g. text after a label). */
  firstLineWidth?: number;
  /** Avoid a single CJK character alone on the last line of a paragraph (孤字). Default true. */
  avoidSingleCharLastLine?: boolean;
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
interface Atom {
  text: string;
  kind: AtomKind;
  width: number;
}

/** Normalise line endings and remove zero-width characters; tabs become spaces. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ZERO_WIDTH_RE, '').replace(/\t/g, '  ');
}

/** `cjk`: a break is allowed on both sides; `word`: part of an unbreakable run; `space`. */
export function classifyChar(ch: string): 'cjk' | 'word' | 'space' {
  if (SPACE_RE.test(ch)) return 'space';
  if (CJK_RE.test(ch)) return 'cjk';
  return 'word';
}

/** Split one paragraph (no newlines) into atoms. */
function tokenize(paragraph: string, measure: Measure): Atom[] {
  const atoms: Atom[] = [];
  let cur = '';
  let curKind: AtomKind | null = null;
  const flush = () => {
    if (cur) atoms.push({ text: cur, kind: curKind!, width: measure(cur) });
    cur = '';
    curKind = null;
  };
  for (const ch of paragraph) {
    const kind = classifyChar(ch);
    if (kind === 'cjk') {
      // Keep "——" and "……" runs together.
      if (curKind === 'cjk' && (ch === '—' || ch === '…') && cur.endsWith(ch)) {
        cur += ch;
        continue;
      }
      flush();
      cur = ch;
      curKind = 'cjk';
      continue;
    }
    if (kind !== curKind) flush();
    cur += ch;
    curKind = kind;
  }
  flush();
  return atoms;
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0)!);
}
function lastChar(s: string): string {
  const arr = Array.from(s);
  return arr[arr.length - 1] ?? '';
}

/** May a line break fall between atoms[j-1] and atoms[j]? */
function canBreakBefore(atoms: Atom[], j: number): boolean {
  const prev = atoms[j - 1];
  const next = atoms[j];
  if (!prev || !next) return false;
  if (next.kind === 'space' || prev.kind === 'space') {
    // Around spaces: allowed, unless the text on either side of the space run violates kinsoku.
    let a = j - 1;
    while (a >= 0 && atoms[a]!.kind === 'space') a--;
    let b = j;
    while (b < atoms.length && atoms[b]!.kind === 'space') b++;
    if (a >= 0 && NO_LINE_END.has(lastChar(atoms[a]!.text))) return false;
    if (b < atoms.length && NO_LINE_START.has(firstChar(atoms[b]!.text))) return false;
    return true;
  }
  if (NO_LINE_START.has(firstChar(next.text))) return false;
  if (NO_LINE_END.has(lastChar(prev.text))) return false;
  return true;
}

/** Split `atom` so that its first part fits into `room` (at least one character). */
function splitAtom(atom: Atom, room: number, measure: Measure): [Atom, Atom] {
  const chars = Array.from(atom.text);
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
  return [
    { text: head, kind: atom.kind, width: measure(head) },
    { text: rest, kind: atom.kind, width: measure(rest) },
  ];
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
): void {
  const atoms = tokenize(paragraph, measure);
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
      while (j > start && !canBreakBefore(atoms, j)) j--;
      if (j > start) {
        end = j;
      } else {
        // No legal break in this line.
        const a = atoms[i]!;
        const lineW = Math.max(0, width); // a full continuation line
        if (a.kind === 'word' && a.width > lineW + EPS && Array.from(a.text).length > 1) {
          // A word longer than a whole line: split it here, filling the current line.
          const room = avail - w;
          if (i === start || room >= measure(firstChar(a.text))) {
            const [head, rest] = splitAtom(a, i === start ? avail : room, measure);
            atoms.splice(i, 1, head, rest);
            end = i + 1;
          } else {
            end = i;
          }
        } else if (i > start && a.kind === 'cjk' && HANGING.has(a.text) && canHang(atoms, i)) {
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
    bounds.push({ start, end, indent: lineIndent, avail, forced, ...(hang ? { hang: atoms[end - 1]!.width } : {}) });
    first = false;
    start = end;
  }
  if (avoidSingleChar) fixSingleCharLastLine(atoms, bounds, width);
  bounds.forEach((b, k) => {
    let e = b.end;
    while (e > b.start && atoms[e - 1]!.kind === 'space') e--;
    const slice = atoms.slice(b.start, e);
    const text = slice.map((a) => a.text).join('');
    const lineWidth = slice.reduce((sum, a) => sum + a.width, 0);
    const line: WrappedLine = {
      text,
      width: lineWidth,
      indent: b.indent,
      paragraphStart: k === 0,
      paragraphEnd: k === bounds.length - 1,
    };
    const violates =
      (k > 0 && text !== '' && NO_LINE_START.has(firstChar(text))) ||
      (k < bounds.length - 1 && text !== '' && NO_LINE_END.has(lastChar(text)));
    if (b.hang) line.hang = b.hang;
    if (b.forced || violates || lineWidth > b.avail + (b.hang ?? 0) + 0.01) line.forced = true;
    out.push(line);
  });
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
function canHang(atoms: Atom[], i: number): boolean {
  const next = atoms[i + 1];
  if (!next) return true;
  let b = i + 1;
  while (b < atoms.length && atoms[b]!.kind === 'space') b++;
  return b >= atoms.length || !NO_LINE_START.has(firstChar(atoms[b]!.text));
}

/**
 * Avoid a paragraph whose last line is a single CJK character (孤字): move the last character(s) of the
 * previous line down when that is a legal break and the previous line keeps at least two characters.
 */
function fixSingleCharLastLine(atoms: Atom[], bounds: LineBounds[], width: number): void {
  if (bounds.length < 2) return;
  const last = bounds[bounds.length - 1]!;
  const prev = bounds[bounds.length - 2]!;
  const content = atoms.slice(last.start, last.end).filter((a) => a.kind !== 'space');
  if (content.length !== 1 || content[0]!.kind !== 'cjk' || Array.from(content[0]!.text).length !== 1) return;
  let prevEnd = prev.end;
  while (prevEnd > prev.start && atoms[prevEnd - 1]!.kind === 'space') prevEnd--;
  for (let j = prevEnd - 1; j >= prevEnd - 2 && j > prev.start + 1; j--) {
    if (atoms.slice(j, prevEnd).some((a) => a.kind !== 'cjk')) return;
    if (!canBreakBefore(atoms, j)) continue;
    const w = atoms.slice(j, last.end).reduce((sum, a) => sum + a.width, 0);
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
    wrapParagraph(p, width, measure, indent, firstWidth, out, options.avoidSingleCharLastLine !== false);
  });
  return out;
}
