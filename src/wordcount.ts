/**
 * 字数 as Word and WPS count it (字数统计): each CJK character and each full-width punctuation mark is
 * one; a run of other non-space characters (Latin letters, digits, half-width punctuation: "2023",
 * "PACK", "10%", "3.5") is one, like a word; whitespace counts nothing. The seed's limits ("200字以内",
 * "300字以内", "3000字以内") are read this way by the people who type the text in Word or WPS.
 */

/** Han ideographs (all planes), kana, hangul, bopomofo: one 字 each. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

/** Full-width and CJK punctuation, and the marks Chinese text uses full width (“”‘’…—·): one 字 each. */
function fullWidthMark(c: number): boolean {
  return (
    (c >= 0x3000 && c <= 0x303f) || // CJK symbols and punctuation 、。「」《》〔〕
    (c >= 0xff00 && c <= 0xffef) || // full-width forms （），：；！？％
    (c >= 0xfe10 && c <= 0xfe1f) || // vertical forms
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0x2010 && c <= 0x2027) || // dashes, quotes “”‘’, ellipsis …, ·
    c === 0x00b7 || // middle dot ·
    (c >= 0x2460 && c <= 0x24ff) // enclosed numerals ①
  );
}

/** What /\s/u matches: one test per character was most of the count's time (#18). */
export function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * What each BMP code unit is to the count, worked out on first sight: 0 not yet, 1 whitespace, 2 one 字
 * of its own (CJK or a full-width mark), 3 part of a word. Chinese punctuation (，。、（）) went through
 * the CJK expression with a one-character string each time (#18).
 */
const BMP_CLASS = new Uint8Array(0x10000);

function classOf(cp: number): 1 | 2 | 3 {
  if (isSpace(cp)) return 1;
  if (CJK.test(String.fromCodePoint(cp)) || fullWidthMark(cp)) return 2;
  return 3;
}

export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Fast paths for what filings are made of: ASCII, and the CJK Unified Ideographs block (all Han).
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) inWord = false;
      else if (!inWord) {
        n++;
        inWord = true;
      }
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      n++;
      inWord = false;
      continue;
    }
    let k: number;
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) {
      // A BMP character (a lone surrogate too, as codePointAt reads it): its class, remembered.
      k = BMP_CLASS[c]!;
      if (k === 0) BMP_CLASS[c] = k = classOf(c);
    } else {
      k = classOf(s.codePointAt(i)!);
      i++;
    }
    if (k === 1) {
      inWord = false;
    } else if (k === 2) {
      n++;
      inWord = false;
    } else if (!inWord) {
      n++;
      inWord = true;
    }
  }
  return n;
}
