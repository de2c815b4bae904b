/** Display width of text-table cells (src/format/text.ts width): East Asian wide characters count 2. */
import { describe, expect, it } from 'vitest';
import { width } from '../src/format/text.js';

describe('width', () => {
  it('counts wide ranges as 2 at both ends of each range, and their neighbours as 1', () => {
    const ranges: Array<[number, number]> = [
      [0x1100, 0x115f], [0x2e80, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff],
      [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x20000, 0x3fffd],
    ];
    for (const [a, b] of ranges) {
      expect(width(String.fromCodePoint(a)), a.toString(16)).toBe(2);
      expect(width(String.fromCodePoint(b)), b.toString(16)).toBe(2);
      expect(width(String.fromCodePoint(a - 1)), (a - 1).toString(16)).toBe(1);
      if (b + 1 < 0xd800 || b + 1 > 0xdfff) expect(width(String.fromCodePoint(b + 1)), (b + 1).toString(16)).toBe(1);
    }
  });
  it('measures mixed text, astral characters and lone surrogates', () => {
    expect(width('')).toBe(0);
    expect(width('form/required')).toBe(13);
    expect(width('错误')).toBe(4);
    expect(width('表二（1）abc')).toBe(12); // 表二 4, full-width brackets 2 each, 1abc 4
    expect(width('𠀀x')).toBe(3); // U+20000, CJK extension B
    expect(width('😀')).toBe(1); // astral, not East Asian wide by this table
    expect(width('\ud800\ud800')).toBe(2); // two lone high surrogates: one column each
    expect(width('a\udc00b')).toBe(3);
  });
});
