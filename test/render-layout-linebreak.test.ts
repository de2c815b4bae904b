import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FontSet, loadFonts } from '../src/render/layout/fonts.js';
import { NO_LINE_END, NO_LINE_START, type WrappedLine, wrapText } from '../src/render/layout/linebreak.js';

/** A monospace-like measure: CJK and full-width = 10, other characters = 5, spaces = 3. */
const measure = (s: string): number => {
  let w = 0;
  for (const ch of s) {
    if (/[ \t]/.test(ch)) w += 3;
    else if (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f\u2000-\u206f]/u.test(ch)) w += 10;
    else w += 5;
  }
  return w;
};

const first = (s: string) => Array.from(s)[0] ?? '';
const last = (s: string) => Array.from(s).at(-1) ?? '';
const squash = (s: string) => s.replace(/\s+/gu, '');

function checkRules(lines: WrappedLine[], width: number, m = measure): void {
  lines.forEach((l, k) => {
    if (l.forced) return;
    // A closing mark may hang past the end (悬挂) where there is no legal break: only by its own width.
    expect(m(l.text), `line ${k} "${l.text}" too wide`).toBeLessThanOrEqual(width - l.indent + (l.hang ?? 0) + 1e-6);
    if (l.hang) expect(l.hang).toBe(m(last(l.text)));
    if (!l.paragraphStart && l.text) expect(NO_LINE_START.has(first(l.text)), `line ${k} starts with "${first(l.text)}"`).toBe(false);
    if (!l.paragraphEnd && l.text) expect(NO_LINE_END.has(last(l.text)), `line ${k} ends with "${last(l.text)}"`).toBe(false);
  });
}

describe('wrapText', () => {
  it('breaks between CJK characters and respects the width', () => {
    const lines = wrapText('中小企业特色产业集群申报表填报说明', 50, measure);
    expect(lines.map((l) => l.text)).toEqual(['中小企业特', '色产业集群', '申报表填报', '说明']);
    checkRules(lines, 50);
  });

  it('never starts a line with closing punctuation: pushes the previous character down', () => {
    // 6 characters fit; "，" would start line 2, so "群" moves down with it (and "确" with "。").
    const lines = wrapText('中小企业集群，数据准确。', 60, measure);
    expect(lines.map((l) => l.text)).toEqual(['中小企业集', '群，数据准', '确。']);
    checkRules(lines, 60);
    for (const p of ['，', '。', '、', '；', '：', '？', '！', '”', '’', '）', '》', '】', '」', '』', '…', '％', '·']) {
      const ls = wrapText(`一二三四五${p}六七`, 50, measure);
      expect(ls.length).toBeGreaterThan(1);
      for (const l of ls.slice(1)) expect(first(l.text)).not.toBe(p);
    }
  });

  it('never ends a line with opening punctuation', () => {
    for (const p of ['（', '《', '【', '「', '『', '“', '‘', '(', '[']) {
      const ls = wrapText(`一二三四${p}五六七八`, 50, measure);
      for (const l of ls.slice(0, -1)) expect(last(l.text)).not.toBe(p);
      expect(squash(ls.map((l) => l.text).join(''))).toBe(`一二三四${p}五六七八`);
    }
  });

  it('keeps Latin words and numbers together', () => {
    const lines = wrapText('集群总产值2023.50亿元，PCT国际专利 application 数量', 60, measure);
    const texts = lines.map((l) => l.text);
    expect(texts.some((t) => t.includes('2023.50'))).toBe(true);
    expect(texts.some((t) => t.includes('PCT'))).toBe(true);
    expect(texts.some((t) => t.includes('application'))).toBe(true);
    checkRules(lines, 60);
  });

  it('splits a word longer than a line by characters', () => {
    const url = 'https://example.com/a/very/long/path/that/does/not/fit';
    const lines = wrapText(`网址${url}结束`, 80, measure);
    for (const l of lines) expect(measure(l.text)).toBeLessThanOrEqual(80);
    expect(lines.map((l) => l.text).join('')).toBe(`网址${url}结束`);
  });

  it('treats newlines as paragraph breaks, with a first-line indent', () => {
    const lines = wrapText('第一段文字内容较长需要换行\n\n第三段', 60, measure, { firstLineIndent: 20 });
    expect(lines[0]!.indent).toBe(20);
    expect(measure(lines[0]!.text)).toBeLessThanOrEqual(40);
    const starts = lines.filter((l) => l.paragraphStart).map((l) => l.text);
    expect(starts).toEqual(['第一段文', '', '第三段']);
    expect(lines.find((l) => l.text === '')!.paragraphEnd).toBe(true);
  });

  it('drops spaces at wrapped line ends and keeps "——" and "……" whole', () => {
    const lines = wrapText('一二三四 五六七八', 40, measure);
    expect(lines.map((l) => l.text)).toEqual(['一二三四', '五六七八']);
    const dash = wrapText('一二三——四五六', 40, measure);
    for (const l of dash) expect(l.text.startsWith('—') && !l.text.startsWith('——')).toBe(false);
    const dots = wrapText('一二三四……五六', 50, measure);
    expect(dots.map((l) => l.text).join('')).toBe('一二三四……五六');
    for (const l of dots.slice(1)) expect(first(l.text)).not.toBe('…');
  });

  it('avoids a single character alone on the last line', () => {
    const lines = wrapText('县级行政区划中小企业主管部门', 130, measure);
    expect(lines.map((l) => l.text)).toEqual(['县级行政区划中小企业主管', '部门']);
    const off = wrapText('县级行政区划中小企业主管部门', 130, measure, { avoidSingleCharLastLine: false });
    expect(off.at(-1)!.text).toBe('门');
  });

  it('flags lines that cannot follow the rules', () => {
    const lines = wrapText('。。。。。。。。', 30, measure);
    expect(lines.some((l) => l.forced)).toBe(true);
    expect(lines.map((l) => l.text).join('')).toBe('。。。。。。。。');
  });

  it('property: no content lost, widths and kinsoku respected except on flagged lines', () => {
    const alphabet = Array.from('集群产业中小企业数字化绿色创新服务平台，。、；：？！“”‘’（）《》【】…％· abcXYZ0123456789,.;:?!()[]\n');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 200 }),
        fc.integer({ min: 30, max: 300 }),
        (chars, width) => {
          const text = chars.join('');
          const lines = wrapText(text, width, measure);
          expect(squash(lines.map((l) => l.text).join(''))).toBe(squash(text));
          checkRules(lines, width);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('property: realistic prose breaks without violations', () => {
    const words = ['集群', '中小企业', '产业链', '数字化', '绿色低碳', '2023年', '10%', 'PCT', '（注：勾选需提供佐证材料）', '“小巨人”', '《办法》'];
    const punct = ['，', '。', '、', '；', ''];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...punct)), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 80, max: 400 }),
        (parts, width) => {
          const text = parts.map(([w, p]) => w + p).join('');
          const lines = wrapText(text, width, measure);
          for (const l of lines) expect(l.forced, `forced: ${l.text}`).toBeFalsy();
          checkRules(lines, width);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('wrapText with the real font', () => {
  let fonts: FontSet;
  beforeAll(async () => {
    fonts = await loadFonts();
  });

  it('respects widths measured with Noto Serif SC', () => {
    const text =
      '集群持续开展优质中小企业梯度培育工作，拥有不少于1家主导产业的制造业单项冠军企业或专精特新“小巨人”企业，或者不少于10家专精特新中小企业、创新型中小企业和国家级高新技术企业。';
    for (const size of [9, 10.5, 12]) {
      const m = (s: string) => fonts.regular.width(s, size);
      for (const width of [100, 173.5, 300]) {
        const lines = wrapText(text, width, m, { firstLineIndent: 2 * size });
        checkRules(lines, width, m);
        expect(lines.every((l) => !l.forced)).toBe(true);
        expect(squash(lines.map((l) => l.text).join(''))).toBe(text);
      }
    }
  });
});
