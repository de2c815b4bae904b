/**
 * 字数 as Word and WPS count it (字数统计): each CJK character and each full-width punctuation mark is
 * one; a run of other non-space characters (Latin letters, digits, half-width punctuation: "2023",
 * "PACK", "10%", "3.5") is one, like a word; whitespace counts nothing. The seed's limits ("200字以内",
 * "300字以内", "3000字以内") are read this way by the people who type the text in Word or WPS.
 */

/** Han ideographs (all planes), kana, hangul, bopomofo: one 字 each. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

/** Full-width and CJK punctuation, and the marks Chinese text uses full width (“”‘’…—·): one 字 each. */
function fullWidthMark(ch: string): boolean {
  const c = ch.codePointAt(0)!;
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

export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of s) {
    if (/\s/u.test(ch)) {
      inWord = false;
    } else if (CJK.test(ch) || fullWidthMark(ch)) {
      n++;
      inWord = false;
    } else if (!inWord) {
      n++;
      inWord = true;
    }
  }
  return n;
}
