import { describe, expect, it } from 'vitest';
import {
  isDateFormat,
  isNoneMarker,
  isPercentFormat,
  normalizeWidth,
  readChoice,
  readDate,
  readNumber,
  readText,
  readYear,
  serialToDate,
  tidyNumber,
  trimAll,
  unwrapCellValue,
  type NumberOptions,
  type ReadResult,
} from '../src/xlsx/normalize.js';

const utc = (y: number, m: number, d: number, h = 0, mi = 0): Date => new Date(Date.UTC(y, m - 1, d, h, mi));

function expectOk<T>(r: ReadResult<T>, value: T | null): void {
  if (!r.ok) throw new Error(`expected ok, got refusal: ${r.reason.zh} / ${r.reason.en}`);
  expect(r.value).toBe(value);
}

/** Refused, and both languages quote what was typed (and mention each extra fragment in Chinese). */
function expectRefused<T>(r: ReadResult<T>, quote: string, ...zhFragments: string[]): void {
  if (r.ok) throw new Error(`expected refusal, got ok: ${String(r.value)}`);
  expect(r.reason.zh).toContain(quote);
  expect(r.reason.en).toContain(quote);
  for (const f of zhFragments) expect(r.reason.zh).toContain(f);
  expect(r.reason.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(r.reason.en).not.toContain('请'); // the English text is not the Chinese one
}

// ---------------------------------------------------------------------------------------------------

describe('normalizeWidth / trimAll / tidyNumber / isNoneMarker', () => {
  it.each([
    ['ＡＢＣ１２３！', 'ABC123!'],
    ['４０．５', '40.5'],
    ['１，２３４', '1,234'],
    ['－１２％', '-12%'],
    ['\u3000a\u3000', ' a '],
    ['中文，标点。', '中文,标点。'],
    ['（注）', '(注)'],
    ['plain', 'plain'],
  ])('normalizeWidth(%j) = %j', (input, out) => {
    expect(normalizeWidth(input)).toBe(out);
  });

  it.each([
    ['  a b  ', 'a b'],
    ['\u00a0\u3000x\u3000\u00a0', 'x'],
    ['\ufeff\u200bx\u200b', 'x'],
    ['\n a\nb \n', 'a\nb'],
  ])('trimAll(%j) = %j', (input, out) => {
    expect(trimAll(input)).toBe(out);
  });

  it.each([
    [0.1 + 0.2, 0.3],
    [0.145 * 100, 14.5],
    [1.1 * 3, 3.3],
    [-0, 0],
    [123456789.123, 123456789.123],
    [40.5, 40.5],
  ])('tidyNumber(%s) = %s', (input, out) => {
    expect(Object.is(tidyNumber(input), out)).toBe(true);
  });

  it.each(['', ' ', '无', '暂无', '—', '——', '-', '－', '–', '/', '／', 'N/A', 'n/a', '无。'])(
    'isNoneMarker(%j) is true',
    (s) => expect(isNoneMarker(s)).toBe(true),
  );
  it.each(['0', '.', '无效', '-5', 'none?'])('isNoneMarker(%j) is false', (s) => expect(isNoneMarker(s)).toBe(false));
});

describe('number formats', () => {
  it.each([
    ['0.00%', true],
    ['0%', true],
    ['0.0%;[Red]-0.0%', true],
    ['0.00"%"', false],
    ['0.00\\%', false],
    ['0.00', false],
    ['General', false],
  ])('isPercentFormat(%j) = %s', (f, out) => expect(isPercentFormat(f)).toBe(out));

  it.each([
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['m"月"d"日"', true],
    ['[$-804]yyyy"年"m"月"', true],
    ['mm-dd-yy', true],
    ['General', false],
    ['0.00E+00', false],
    ['h:mm', false],
    ['mm:ss', false],
    ['0.00%', false],
    ['#,##0.00', false],
    ['@', false],
    ['', false],
  ])('isDateFormat(%j) = %s', (f, out) => expect(isDateFormat(f)).toBe(out));
});

describe('unwrapCellValue', () => {
  it.each<[unknown, unknown]>([
    [null, { kind: 'empty' }],
    [undefined, { kind: 'empty' }],
    [5, { kind: 'number', value: 5 }],
    ['x', { kind: 'string', value: 'x' }],
    [true, { kind: 'boolean', value: true }],
    [{ formula: 'A1', result: 3 }, { kind: 'number', value: 3 }],
    [{ sharedFormula: 'A1', result: 'y' }, { kind: 'string', value: 'y' }],
    [{ formula: 'A1' }, { kind: 'no-result', formula: 'A1' }],
    [{ formula: 'A1', result: { error: '#N/A' } }, { kind: 'error', error: '#N/A' }],
    [{ richText: [{ text: 'a' }, { font: {}, text: 'b' }] }, { kind: 'string', value: 'ab' }],
    [{ text: 'link', hyperlink: 'https://example.org' }, { kind: 'string', value: 'link' }],
    [{ text: { richText: [{ text: 'r' }] }, hyperlink: 'h' }, { kind: 'string', value: 'r' }],
    [{ error: '#REF!' }, { kind: 'error', error: '#REF!' }],
  ])('%j', (input, out) => expect(unwrapCellValue(input)).toEqual(out));
});

// ---------------------------------------------------------------------------------------------------

describe('readNumber: accepted', () => {
  const cases: Array<[string, unknown, string | undefined, NumberOptions, number | string | null]> = [
    ['real number', 40.5, undefined, {}, 40.5],
    ['negative number', -5, undefined, {}, -5],
    ['number with #,##0 format', 1234, '#,##0', {}, 1234],
    ['float noise in a stored number', 0.1 + 0.2, undefined, {}, 0.3],
    ['number stored as text', '40.5', undefined, {}, 40.5],
    ['full-width digits and point', '４０．５', undefined, {}, 40.5],
    ['full-width thousands separator', '１，２３４', undefined, {}, 1234],
    ['thousands separator', '1,234.5', undefined, {}, 1234.5],
    ['full-width comma as thousands separator', '1，234.5', undefined, {}, 1234.5],
    ['several groups', '12,345,678.9', undefined, {}, 12345678.9],
    ['surrounding spaces', '  40.5  ', undefined, {}, 40.5],
    ['NBSP', '\u00a040.5\u00a0', undefined, {}, 40.5],
    ['ideographic space', '\u300040.5\u3000', undefined, {}, 40.5],
    ['trailing zero-width space', '40.5\u200b', undefined, {}, 40.5],
    ['negative text', '-12.5', undefined, {}, -12.5],
    ['full-width minus', '－１２', undefined, {}, -12],
    ['minus sign U+2212', '−3', undefined, {}, -3],
    ['plus sign', '+5', undefined, {}, 5],
    ['scientific notation', '1.2E+3', undefined, {}, 1200],
    ['scientific lower case', '1.2e3', undefined, {}, 1200],
    ['scientific negative exponent', '5E-2', undefined, {}, 0.05],
    ['leading point', '.5', undefined, {}, 0.5],
    ['trailing point', '40.', undefined, {}, 40],
    ['IME full stop as decimal point', '40。5', undefined, {}, 40.5],
    ['leading zeros', '007', undefined, {}, 7],
    ['matching unit', '40亿元', undefined, { unit: '亿元' }, 40],
    ['matching unit after space', '40 亿元', undefined, { unit: '亿元' }, 40],
    ['matching unit after ideographic space', '40\u3000亿元', undefined, { unit: '亿元' }, 40],
    ['bare magnitude equal to the expected one', '40亿', undefined, { unit: '亿元' }, 40],
    ['unit with full-width digits', '４０亿元', undefined, { unit: '亿元' }, 40],
    ['currency sign for money', '¥40亿', undefined, { unit: '亿元' }, 40],
    ['full-width yen and separator', '￥1,234元', undefined, { unit: '元' }, 1234],
    ['percent text', '12.5%', undefined, { percent: true }, 12.5],
    ['full-width percent', '１２．５％', undefined, { percent: true }, 12.5],
    ['percent via unit %', '12.5%', undefined, { unit: '%' }, 12.5],
    ['percent-formatted fraction', 0.125, '0.00%', { percent: true }, 12.5],
    ['percent-formatted fraction, float-prone', 0.145, '0%', { percent: true }, 14.5],
    ['percent-formatted with colour section', 0.07, '0.0%;[Red]-0.0%', { unit: '%' }, 7],
    ['plain number in percent field', 12.5, undefined, { percent: true }, 12.5],
    ['plain text in percent field', '12.5', undefined, { percent: true }, 12.5],
    ['quoted "%" literal in the format does not scale', 12.5, '0.0"%"', { percent: true }, 12.5],
    ['count', '5个', undefined, { unit: '个', integer: true }, 5],
    ['count with another classifier', '3家', undefined, { unit: '个', integer: true }, 3],
    ['people classifier', '12人', undefined, { unit: '个' }, 12],
    ['area', '20平方公里', undefined, { unit: '平方公里' }, 20],
    ['area alias', '20 km²', undefined, { unit: '平方公里' }, 20],
    ['area alias 平方千米', '20平方千米', undefined, { unit: '平方公里' }, 20],
    ['compound unit', '0.5吨标准煤/万元', undefined, { unit: '吨标准煤/万元' }, 0.5],
    ['compound unit alias', '0.5 吨标煤/万元', undefined, { unit: '吨标准煤/万元' }, 0.5],
    ['formula result', { formula: 'SUM(A1:A2)', result: 7 }, undefined, {}, 7],
    ['shared formula result', { sharedFormula: 'B2', result: 3.5 }, undefined, {}, 3.5],
    ['formula result with float noise', { formula: 'A1+A2', result: 0.30000000000000004 }, undefined, {}, 0.3],
    ['formula result in a percent cell', { formula: 'A1/A2', result: 0.125 }, '0.0%', { percent: true }, 12.5],
    ['formula returning text', { formula: 'TEXT(A1,"0")', result: '42' }, undefined, {}, 42],
    ['rich text', { richText: [{ text: '4' }, { text: '0.5' }] }, undefined, {}, 40.5],
    ['hyperlink text', { text: '12', hyperlink: 'https://example.org' }, undefined, {}, 12],
    ['format shows the expected unit', 40, '0.00"亿元"', { unit: '亿元' }, 40],
    ['format literal that is not a unit is ignored', 40, '0.00" (估)"', { unit: '亿元' }, 40],
    ['null', null, undefined, { unit: '亿元' }, null],
    ['undefined', undefined, undefined, {}, null],
    ['empty string', '', undefined, {}, null],
    ['spaces only', '   ', undefined, {}, null],
    ['ideographic space only', '\u3000', undefined, {}, null],
    // The form's "无" (nothing to report), however typed, is a value of its own (NONE), not empty.
    ['无', '无', undefined, { unit: '亿元' }, '无'],
    ['暂无', '暂无', undefined, {}, '无'],
    ['em dash', '—', undefined, {}, '无'],
    ['double em dash', '——', undefined, {}, '无'],
    ['hyphen', '-', undefined, {}, '无'],
    ['slash', '/', undefined, {}, '无'],
    ['full-width slash', '／', undefined, {}, '无'],
    ['N/A', 'N/A', undefined, {}, '无'],
    ['formula returning empty text', { formula: 'IF(A1,"","")', result: '' }, undefined, {}, null],
  ];
  it.each(cases)('%s: %j', (_name, value, numFmt, opts, expected) => {
    const r = readNumber(value, numFmt, opts);
    expectOk(r, expected);
    if (r.ok) expect(r.note).toBeUndefined();
  });
});

describe('readNumber: converted with a note', () => {
  const cases: Array<[string, unknown, string | undefined, NumberOptions, number, string]> = [
    ['万元 where 亿元 expected', '4000万元', undefined, { unit: '亿元' }, 0.4, '4000万元'],
    ['bare 万 where 亿元 expected', '4000万', undefined, { unit: '亿元' }, 0.4, '4000万'],
    ['元 where 亿元 expected', '400000000元', undefined, { unit: '亿元' }, 4, '400000000元'],
    ['亿元 where 万元 expected', '3亿元', undefined, { unit: '万元' }, 30000, '3亿元'],
    ['千万元 where 万元 expected', '1.5千万元', undefined, { unit: '万元' }, 1500, '1.5千万元'],
    ['bare 万 for a count', '3万', undefined, { unit: '个', integer: true }, 30000, '3万'],
    ['万人 where 人 expected', '1.2万人', undefined, { unit: '人', integer: true }, 12000, '1.2万人'],
    ['公顷 where 平方公里 expected', '2000公顷', undefined, { unit: '平方公里' }, 20, '2000公顷'],
    ['千克标准煤/万元', '500千克标准煤/万元', undefined, { unit: '吨标准煤/万元' }, 0.5, '500千克标准煤/万元'],
    ['吨标准煤/元', '0.0001吨标准煤/元', undefined, { unit: '吨标准煤/万元' }, 1, '0.0001吨标准煤/元'],
    ['万 unit shown by the cell format', 4000, '0"万元"', { unit: '亿元' }, 0.4, '4000'],
  ];
  it.each(cases)('%s: %j', (_name, value, numFmt, opts, expected, quote) => {
    const r = readNumber(value, numFmt, opts);
    expectOk(r, expected);
    if (!r.ok) return;
    expect(r.note).toContain(quote);
    expect(r.note).toContain(String(expected));
    expect(r.noteEn).toContain(String(expected));
  });

  it('warns when a percent field holds a fraction typed without a % format', () => {
    const r = readNumber(0.125, undefined, { percent: true });
    expectOk(r, 0.125);
    expect(r.ok && r.note).toContain('12.5');
    const t = readNumber('0.5', null, { unit: '%' });
    expectOk(t, 0.5);
    expect(t.ok && t.note).toContain('50');
    // explicit % text: no warning
    const e = readNumber('0.5%', null, { percent: true });
    expectOk(e, 0.5);
    expect(e.ok && e.note).toBeFalsy();
  });
});

describe('readNumber: refused (reason quotes the input)', () => {
  const cases: Array<[string, unknown, string | undefined, NumberOptions, string, string[]]> = [
    ['formula without result', { formula: 'A1*2' }, undefined, {}, 'A1*2', ['公式没有计算结果，请在 Excel 中重新计算并保存']],
    ['formula with null result', { formula: 'SUM(B:B)', result: null }, undefined, {}, 'SUM(B:B)', ['公式没有计算结果']],
    ['shared formula without result', { sharedFormula: 'C3' }, undefined, {}, 'C3', ['公式没有计算结果']],
    ['error value', { error: '#DIV/0!' }, undefined, {}, '#DIV/0!', ['错误值']],
    ['formula resulting in an error', { formula: 'A1/0', result: { error: '#DIV/0!' } }, undefined, {}, '#DIV/0!', ['错误值']],
    ['boolean', true, undefined, {}, 'TRUE', ['逻辑值']],
    ['boolean false', false, undefined, {}, 'FALSE', ['逻辑值']],
    ['date', utc(2023, 5, 6), undefined, {}, '2023-05-06', ['日期']],
    ['ambiguous comma', '1,23', undefined, {}, '1,23', ['逗号']],
    ['decimal comma', '40,5', undefined, {}, '40,5', []],
    ['comma every four digits', '1,2345', undefined, {}, '1,2345', []],
    ['full-width ambiguous comma', '１，２３', undefined, {}, '１，２３', []],
    ['two points', '1.2.3', undefined, {}, '1.2.3', []],
    ['Chinese numerals', '四十', undefined, {}, '四十', ['阿拉伯数字']],
    ['Chinese numerals with unit', '四十亿元', undefined, { unit: '亿元' }, '四十亿元', ['阿拉伯数字']],
    ['Chinese capital numerals', '壹佰', undefined, {}, '壹佰', ['阿拉伯数字']],
    ['approximation prefix', '约40', undefined, {}, '约40', []],
    ['approximation suffix', '40左右', undefined, {}, '40左右', []],
    ['approximation after unit', '40亿元左右', undefined, { unit: '亿元' }, '40亿元左右', []],
    ['range', '30-40', undefined, {}, '30-40', []],
    ['plus suffix', '40+', undefined, {}, '40+', []],
    ['comparison', '>40', undefined, {}, '>40', []],
    ['two numbers', '12 34', undefined, {}, '12 34', []],
    ['double sign', '--5', undefined, {}, '--5', []],
    ['words', 'abc', undefined, {}, 'abc', []],
    ['multi-line', '40\n50', undefined, {}, '40 50', []],
    ['overflowing exponent', '1e999', undefined, {}, '1e999', []],
    ['NaN number', Number.NaN, undefined, {}, 'NaN', []],
    ['different quantity', '40吨', undefined, { unit: '亿元' }, '40吨', ['亿元', '吨']],
    ['count unit for money', '40个', undefined, { unit: '亿元' }, '40个', ['亿元']],
    ['money unit for a count', '40亿元', undefined, { unit: '个' }, '40亿元', ['个']],
    ['non-decimal unit (亩)', '3000亩', undefined, { unit: '平方公里' }, '3000亩', []],
    ['unit where none is expected', '40亿元', undefined, {}, '40亿元', ['亿元']],
    ['unit in a percent field', '40个', undefined, { percent: true }, '40个', ['百分比']],
    ['percent where not expected', '12.5%', undefined, { unit: '亿元' }, '12.5%', ['百分比']],
    ['percent without unit option', '12.5%', undefined, {}, '12.5%', ['百分比']],
    ['per-mille', '12.5‰', undefined, { percent: true }, '12.5‰', []],
    ['%-formatted cell in a non-percent field', 0.125, '0.00%', { unit: '亿元' }, '12.5%', ['百分比']],
    ['fraction for an integer', 1.5, undefined, { integer: true }, '1.5', ['整数']],
    ['fraction text with unit for an integer', '2.5个', undefined, { unit: '个', integer: true }, '2.5个', ['整数']],
    ['fraction after conversion for an integer', '1.00005万', undefined, { unit: '个', integer: true }, '1.00005万', ['整数']],
    ['currency sign outside money', '￥40', undefined, { unit: '个' }, '￥40', ['货币']],
    ['format unit of another quantity', 40, '0"吨"', { unit: '亿元' }, '40', ['吨']],
    ['unsupported object', { foo: 1 }, undefined, {}, 'foo', []],
  ];
  it.each(cases)('%s: %j', (_name, value, numFmt, opts, quote, fragments) => {
    expectRefused(readNumber(value, numFmt, opts), quote, ...fragments);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('readText', () => {
  const cases: Array<[string, unknown, string | undefined, string | null]> = [
    ['trim spaces', '  hello  ', undefined, 'hello'],
    ['trim NBSP and U+3000', '\u00a0你好\u3000', undefined, '你好'],
    ['CRLF to LF', 'a\r\nb', undefined, 'a\nb'],
    ['CR to LF', 'a\rb', undefined, 'a\nb'],
    ['internal newlines kept', ' 第一行\n第二行 ', undefined, '第一行\n第二行'],
    ['full-width text untouched', 'ＡＢＣ，（注）', undefined, 'ＡＢＣ，（注）'],
    ['rich text concatenated', { richText: [{ text: '特色' }, { text: '产业集群' }] }, undefined, '特色产业集群'],
    ['hyperlink text', { text: '官网', hyperlink: 'https://example.org' }, undefined, '官网'],
    ['formula result', { formula: 'A1&B1', result: ' abc ' }, undefined, 'abc'],
    ['number without float noise', 0.1 + 0.2, undefined, '0.3'],
    ['integer', 1234567, undefined, '1234567'],
    ['decimal', 40.5, undefined, '40.5'],
    ['phone-like number', 13812345678, undefined, '13812345678'],
    ['percent-formatted number', 0.125, '0.0%', '12.5%'],
    ['boolean', true, undefined, 'TRUE'],
    ['date', utc(2023, 5, 6), undefined, '2023-05-06'],
    ['date-time', utc(2023, 5, 6, 9, 30), undefined, '2023-05-06 09:30'],
    ['无 stays 无', '无', undefined, '无'],
    ['null', null, undefined, null],
    ['empty', '', undefined, null],
    ['whitespace only', ' \u3000\u00a0 ', undefined, null],
    ['formula returning empty text', { formula: 'A1', result: '' }, undefined, null],
  ];
  it.each(cases)('%s: %j', (_name, value, numFmt, expected) => expectOk(readText(value, numFmt), expected));

  it.each<[string, unknown, string]>([
    ['error value', { error: '#N/A' }, '#N/A'],
    ['formula without result', { formula: 'VLOOKUP(A1,B:C,2,0)' }, 'VLOOKUP(A1,B:C,2,0)'],
  ])('refuses %s', (_name, value, quote) => expectRefused(readText(value), quote));
});

// ---------------------------------------------------------------------------------------------------

describe('readChoice', () => {
  const yesNo = ['是', '否'];
  it.each<[unknown, string]>([
    ['是', '是'],
    [' 是 ', '是'],
    ['√', '是'],
    ['✓', '是'],
    ['✔', '是'],
    ['✔️', '是'],
    ['☑', '是'],
    ['Y', '是'],
    ['y', '是'],
    ['Ｙ', '是'],
    ['yes', '是'],
    ['YES', '是'],
    ['1', '是'],
    [1, '是'],
    [true, '是'],
    ['TRUE', '是'],
    ['true', '是'],
    [{ formula: 'A1>0', result: true }, '是'],
    [{ richText: [{ text: '是' }] }, '是'],
    ['否', '否'],
    ['\u3000否\u3000', '否'],
    ['☐', '否'],
    ['×', '否'],
    ['N', '否'],
    ['n', '否'],
    ['no', '否'],
    ['0', '否'],
    [0, '否'],
    [false, '否'],
    ['FALSE', '否'],
  ])('yes/no: %j → %s', (value, expected) => expectOk(readChoice(value, yesNo), expected));

  it('accepts the yes/no synonyms whatever the option order', () => {
    expectOk(readChoice('√', ['否', '是']), '是');
    expectOk(readChoice('×', ['否', '是']), '否');
  });

  it.each<[unknown]>([[null], [undefined], [''], ['   '], ['\u3000']])('empty %j → null', (value) =>
    expectOk(readChoice(value, yesNo), null),
  );

  it.each<[unknown, string[], string]>([
    ['省级', ['国家级', '省级', '市级'], '省级'],
    [' 省级\u00a0', ['国家级', '省级', '市级'], '省级'],
    ['Ａ类', ['A类', 'B类'], 'A类'],
    ['B类', ['Ａ类', 'Ｂ类'], 'Ｂ类'],
    [2, ['1', '2', '3'], '2'],
    [{ text: '市级', hyperlink: 'x' }, ['国家级', '省级', '市级'], '市级'],
  ])('option list: %j', (value, options, expected) => expectOk(readChoice(value, options), expected));

  it.each<[unknown, string[], string]>([
    ['X', yesNo, 'X'],
    ['x', yesNo, 'x'],
    ['☒', yesNo, '☒'],
    ['可能', yesNo, '可能'],
    [2, yesNo, '2'],
    [utc(2023, 5, 6), yesNo, '2023-05-06'],
    ['省', ['国家级', '省级', '市级'], '省'],
    ['√', ['国家级', '省级', '市级'], '√'],
    [true, ['国家级', '省级', '市级'], 'TRUE'],
    ['a类', ['A类', 'B类'], 'a类'],
  ])('refuses %j and lists the options', (value, options, quote) => {
    const r = readChoice(value, options);
    expectRefused(r, quote, options.join('、'));
    if (!r.ok) expect(r.reason.en).toContain(options.join(', '));
  });

  it.each<[unknown, string]>([
    [{ error: '#VALUE!' }, '#VALUE!'],
    [{ formula: 'IF(A1,"是","否")' }, 'IF(A1,"是","否")'],
  ])('refuses error / missing result %j', (value, quote) => expectRefused(readChoice(value, yesNo), quote));
});

// ---------------------------------------------------------------------------------------------------

describe('readDate', () => {
  it.each<[string, unknown, string]>([
    ['year only text', '2023', '2023'],
    ['year only Chinese', '2016年', '2016'],
    ['year only number', 2016, '2016'],
  ])('a year alone is a date at year precision: %s', (_n, value, iso) => expectOk(readDate(value), iso));

  const cases: Array<[string, unknown, string | undefined, string | null]> = [
    ['Date object (UTC midnight)', utc(2023, 5, 6), undefined, '2023-05-06'],
    ['Date object with time', utc(2023, 5, 6, 15, 45), undefined, '2023-05-06'],
    ['serial without format (lost Chinese built-in format)', 45052, undefined, '2023-05-06'],
    ['serial with General', 45052, 'General', '2023-05-06'],
    ['serial with date format', 45052, 'yyyy"年"m"月"d"日"', '2023-05-06'],
    ['serial with time fraction', 45052.75, undefined, '2023-05-06'],
    ['serial at the start of 1990', 32874, undefined, '1990-01-01'],
    ['serial after the 1900 leap-year bug', 45000, undefined, '2023-03-15'],
    ['compact number', 20230506, undefined, '2023-05-06'],
    ['ISO text', '2023-05-06', undefined, '2023-05-06'],
    ['slashes', '2023/5/6', undefined, '2023-05-06'],
    ['points', '2023.5.6', undefined, '2023-05-06'],
    ['Chinese', '2023年5月6日', undefined, '2023-05-06'],
    ['Chinese with 号', '2023年5月6号', undefined, '2023-05-06'],
    ['Chinese with spaces', ' 2023 年 5 月 6 日 ', undefined, '2023-05-06'],
    ['Chinese zero-padded', '2023年05月06日', undefined, '2023-05-06'],
    ['full-width digits', '２０２３年５月６日', undefined, '2023-05-06'],
    ['full-width ISO', '２０２３－０５－０６', undefined, '2023-05-06'],
    ['with time of day', '2023-05-06 10:30', undefined, '2023-05-06'],
    ['ISO date-time', '2023-05-06T00:00:00', undefined, '2023-05-06'],
    ['compact text', '20230506', undefined, '2023-05-06'],
    ['leap day', '2024-02-29', undefined, '2024-02-29'],
    ['month: Chinese', '2023年5月', undefined, '2023-05'],
    ['month: Chinese 份', '2023年05月份', undefined, '2023-05'],
    ['month: ISO', '2023-05', undefined, '2023-05'],
    ['month: slash', '2023/5', undefined, '2023-05'],
    ['month: point', '2023.5', undefined, '2023-05'],
    ['month: full-width', '２０２３年１２月', undefined, '2023-12'],
    ['rich text (LibreOffice re-save)', { richText: [{ text: '2023年5月6日' }] }, undefined, '2023-05-06'],
    ['formula with Date result', { formula: 'DATE(2023,5,6)', result: utc(2023, 5, 6) }, undefined, '2023-05-06'],
    ['formula with serial result', { formula: 'A1+1', result: 45052 }, undefined, '2023-05-06'],
    ['null', null, undefined, null],
    ['empty text', '  ', undefined, null],
  ];
  it.each(cases)('%s: %j', (_name, value, numFmt, expected) => {
    const r = readDate(value, numFmt);
    expectOk(r, expected);
    if (r.ok) expect(r.note).toBeUndefined();
  });

  it('reads serials in the 1904 date system', () => {
    expectOk(readDate(45052 - 1462, undefined, { date1904: true }), '2023-05-06');
  });

  it('notes a serial read from a cell with a non-date number format', () => {
    const r = readDate(45052, '0.00');
    expectOk(r, '2023-05-06');
    expect(r.ok && r.note).toContain('45052');
  });

  it('honours a custom serial range', () => {
    expectOk(readDate(29221, undefined, { minSerialYear: 1970 }), '1980-01-01');
    expect(readDate(29221).ok).toBe(false);
  });

  it.each<[string, unknown, string | undefined, string, string[]]>([
    ['month 13', '2023-13-01', undefined, '2023-13-01', ['超出范围']],
    ['30 February', '2023-02-30', undefined, '2023-02-30', ['超出范围']],
    ['29 February in a common year', '2023年2月29日', undefined, '2023年2月29日', []],
    ['mixed separators', '2023/5-6', undefined, '2023/5-6', []],
    ['day-first order', '5/6/2023', undefined, '5/6/2023', []],
    ['two-digit year', '23-5-6', undefined, '23-5-6', []],
    ['serial before 1990', 100, undefined, '100', []],
    ['serial after 2100', 80000, undefined, '80000', []],
    ['negative number', -5, undefined, '-5', []],
    ['percent-formatted number', 0.5, '0%', '0.5', []],
    ['Chinese numerals', '二〇二三年五月', undefined, '二〇二三年五月', []],
    ['a range', '2023-05-06至2023-06-01', undefined, '2023-05-06至2023-06-01', []],
    ['words', '去年', undefined, '去年', []],
    ['time-only Date', utc(1899, 12, 30, 10, 30), undefined, '1899-12-30 10:30', []],
    ['boolean', true, undefined, 'TRUE', []],
    ['error', { error: '#VALUE!' }, undefined, '#VALUE!', ['错误值']],
    ['formula without result', { formula: 'TODAY()' }, undefined, 'TODAY()', ['公式没有计算结果']],
  ])('refuses %s: %j', (_name, value, numFmt, quote, fragments) => {
    expectRefused(readDate(value, numFmt), quote, ...fragments);
  });

  it('serialToDate handles the 1900 leap-year bug', () => {
    expect(serialToDate(1).toISOString().slice(0, 10)).toBe('1900-01-01');
    expect(serialToDate(59).toISOString().slice(0, 10)).toBe('1900-02-28');
    expect(serialToDate(61).toISOString().slice(0, 10)).toBe('1900-03-01');
    expect(serialToDate(45052).toISOString().slice(0, 10)).toBe('2023-05-06');
  });
});

describe('readYear', () => {
  it.each<[unknown, number | null]>([
    [2023, 2023],
    ['2023', 2023],
    [' 2023年 ', 2023],
    ['２０２３年度', 2023],
    [{ formula: 'YEAR(A1)', result: 2023 }, 2023],
    [null, null],
    ['', null],
  ])('%j → %s', (value, expected) => expectOk(readYear(value), expected));

  it.each<[unknown, string]>([
    [23, '23'],
    [2023.5, '2023.5'],
    ['23年', '23年'],
    ['2023-05', '2023-05'],
    ['二〇二三', '二〇二三'],
    [1800, '1800'],
    [utc(2023, 1, 1), '2023-01-01'],
    [true, 'TRUE'],
  ])('refuses %j', (value, quote) => expectRefused(readYear(value), quote));
});
