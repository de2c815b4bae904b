/**
 * Cell value normaliser for importing user-filled .xlsx files.
 *
 * Pure functions: the inputs are typed structurally (an exceljs `cell.value` and `cell.numFmt`), so
 * nothing here imports exceljs. Every reader returns either `{ ok: true, value }` (value `null` means
 * "empty / explicitly none") or `{ ok: false, reason: { zh, en } }` whose reason quotes what was typed.
 * Nothing is guessed: anything not understood is refused.
 */

import { NONE, type None } from '../catalogue/none.js';

// ---------------------------------------------------------------------------------------------------
// Result types

/** A bilingual explanation shown to the user. */
export interface Reason {
  zh: string;
  en: string;
}

export interface Refused {
  ok: false;
  reason: Reason;
}

export interface Accepted<T> {
  ok: true;
  /** `null` = empty cell or an explicit "none" marker. */
  value: T | null;
  /** Something the user should know (e.g. a unit conversion was applied); Chinese. */
  note?: string;
  /** The same note in English. */
  noteEn?: string;
}

export type ReadResult<T> = Accepted<T> | Refused;

export interface NumberOptions {
  /** Expected unit, e.g. '亿元', '万元', '%', '个', '平方公里', '吨标准煤/万元'. */
  unit?: string;
  /** The field is a percentage (value stored as 12.5 for 12.5%). Implied by unit '%'. */
  percent?: boolean;
  /** Only whole numbers are accepted. */
  integer?: boolean;
}

export interface DateOptions {
  /** The workbook uses the 1904 date system (exceljs: `workbook.properties.date1904`). */
  date1904?: boolean;
  /** Plausible range for bare Excel serial numbers (default 1990–2100). */
  minSerialYear?: number;
  maxSerialYear?: number;
}

/** The shape of a cell value after formulas, rich text and hyperlinks have been unwrapped. */
export type PlainCellValue =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'error'; error: string }
  | { kind: 'no-result'; formula: string }
  | { kind: 'unsupported'; raw: unknown };

// ---------------------------------------------------------------------------------------------------
// Small string utilities

/** Full-width ASCII (U+FF01–U+FF5E) → half-width, ideographic space U+3000 → ' '. Nothing else changes. */
export function normalizeWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

const EDGE_SPACE = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/** Trim all Unicode white space (incl. NBSP, U+3000, BOM) and zero-width characters at both ends. */
export function trimAll(s: string): string {
  return s.replace(EDGE_SPACE, '');
}

/**
 * Round away binary float noise the way Excel displays numbers (15 significant digits):
 * 0.1 + 0.2 → 0.3, 0.145 * 100 → 14.5. Non-finite values pass through.
 */
export function tidyNumber(n: number): number {
  if (!Number.isFinite(n)) return n;
  const t = Number(n.toPrecision(15));
  return t === 0 ? 0 : t; // no -0
}

/** n × 10^k computed in decimal (so 0.125 × 10² is exactly 12.5). */
function shift10(n: number, k: number): number {
  if (k === 0 || n === 0 || !Number.isFinite(n)) return n;
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  return Number(`${mantissa}e${Number(exp) + k}`);
}

/** Shortest decimal text of a number without float noise. */
function numText(n: number): string {
  return String(tidyNumber(n));
}

function quoteZh(s: string): string {
  return `“${s}”`;
}
function quoteEn(s: string): string {
  return `"${s}"`;
}

/** What the user typed, as shown in messages (one line, at most 60 characters). */
function shown(s: string): string {
  const one = trimAll(s).replace(/\r\n?|\n/g, ' ');
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}

function isoDate(d: Date): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isoDateTime(d: Date): string {
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  if (hh === '00' && mm === '00' && ss === '00') return isoDate(d);
  return `${isoDate(d)} ${hh}:${mm}${ss === '00' ? '' : `:${ss}`}`;
}

// ---------------------------------------------------------------------------------------------------
// Unwrapping exceljs values

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Reduce an exceljs cell value to a plain value: formulas (also shared formulas) give their cached
 * `result`, rich text is concatenated, hyperlinks give their text.
 */
export function unwrapCellValue(value: unknown): PlainCellValue {
  return unwrap(value, 0);
}

function unwrap(value: unknown, depth: number): PlainCellValue {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { kind: 'unsupported', raw: value } : { kind: 'date', value };
  }
  if (!isObject(value) || depth > 4) return { kind: 'unsupported', raw: value };
  if (typeof value['error'] === 'string') return { kind: 'error', error: value['error'] };
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = String(value['formula'] ?? value['sharedFormula'] ?? '');
    const result = value['result'];
    if (result === undefined || result === null) return { kind: 'no-result', formula };
    return unwrap(result, depth + 1);
  }
  if (Array.isArray(value['richText'])) {
    const text = (value['richText'] as unknown[])
      .map((run) => (isObject(run) && run['text'] !== undefined && run['text'] !== null ? String(run['text']) : ''))
      .join('');
    return { kind: 'string', value: text };
  }
  if ('hyperlink' in value || 'text' in value) {
    const text = value['text'];
    if (typeof text === 'string') return { kind: 'string', value: text };
    if (isObject(text)) return unwrap(text, depth + 1);
    if (typeof value['hyperlink'] === 'string') return { kind: 'string', value: value['hyperlink'] };
  }
  return { kind: 'unsupported', raw: value };
}

/** How a plain value is quoted in a message. */
function display(p: PlainCellValue): string {
  switch (p.kind) {
    case 'empty':
      return '';
    case 'number':
      return numText(p.value);
    case 'string':
      return shown(p.value);
    case 'boolean':
      return p.value ? 'TRUE' : 'FALSE';
    case 'date':
      return isoDateTime(p.value);
    case 'error':
      return p.error;
    case 'no-result':
      return `=${p.formula}`;
    case 'unsupported':
      return shown(safeString(p.raw));
  }
}

function safeString(v: unknown): string {
  try {
    return typeof v === 'object' ? JSON.stringify(v) ?? String(v) : String(v);
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------------------------------
// Number formats

/** Remove the parts of a number format that are literal text or layout, keeping the codes. */
function formatCodes(numFmt: string): string {
  return numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '');
}

/** True when the format scales by 100 and shows a percent sign (e.g. '0.00%'; a quoted "%" does not). */
export function isPercentFormat(numFmt: string | null | undefined): boolean {
  return typeof numFmt === 'string' && formatCodes(numFmt).includes('%');
}

/** True when the format displays a date (y, d, e or month codes; not time-only or scientific formats). */
export function isDateFormat(numFmt: string | null | undefined): boolean {
  if (typeof numFmt !== 'string' || numFmt.trim() === '') return false;
  const codes = formatCodes(numFmt)
    .replace(/E[+-]/gi, '')
    .replace(/AM\/PM|A\/P|上午\/下午/gi, '');
  if (/[yde]/i.test(codes)) return true;
  return /m/i.test(codes) && !/[hs]/i.test(codes);
}

/** A unit shown by the number format as literal text, e.g. '0.00"万元"' → '万元' (first section only). */
function formatLiteralUnit(numFmt: string | null | undefined): string {
  if (typeof numFmt !== 'string' || numFmt === '') return '';
  let out = '';
  let i = 0;
  while (i < numFmt.length) {
    const c = numFmt[i]!;
    if (c === ';') break;
    if (c === '"') {
      const end = numFmt.indexOf('"', i + 1);
      out += end < 0 ? numFmt.slice(i + 1) : numFmt.slice(i + 1, end);
      i = end < 0 ? numFmt.length : end + 1;
    } else if (c === '\\' && i + 1 < numFmt.length) {
      out += numFmt[i + 1];
      i += 2;
    } else if (c === '[') {
      const end = numFmt.indexOf(']', i + 1);
      i = end < 0 ? numFmt.length : end + 1;
    } else if (c === '_' || c === '*') {
      i += 2;
    } else {
      i += 1;
    }
  }
  return normUnit(out.replace(/[¥￥$]/g, ''));
}

// ---------------------------------------------------------------------------------------------------
// Units

/**
 * Known base units: dimension and power of ten relative to the dimension's reference unit.
 * Only decimal relations are listed, so any conversion is an exact shift of the decimal point.
 * Keys are normalised (half-width, no spaces, ASCII lower case).
 */
const BASE_UNITS = new Map<string, { dim: string; exp: number }>();
function defineUnits(dim: string, exp: number, names: string[]): void {
  for (const n of names) BASE_UNITS.set(n, { dim, exp });
}
defineUnits('money', 0, ['元', '人民币元', '元人民币']);
defineUnits('area', 0, ['平方米', 'm²', 'm2', '㎡']);
defineUnits('area', 4, ['公顷', 'hm²', 'hm2']);
defineUnits('area', 6, ['平方公里', '平方千米', 'km²', 'km2', '㎢']);
defineUnits('length', 0, ['米', 'm']);
defineUnits('length', 3, ['公里', '千米', 'km']);
defineUnits('mass', 0, ['吨', 't']);
defineUnits('mass', -3, ['千克', '公斤', 'kg']);
defineUnits('mass', -6, ['克', 'g']);
defineUnits('tce', 0, ['吨标准煤', '吨标煤', 'tce']);
defineUnits('tce', -3, ['千克标准煤', '公斤标准煤', '千克标煤', '公斤标煤', 'kgce']);
// Emission intensities: tonnes or kilograms of CO₂ (二氧化碳 / CO2), a mass of one substance.
defineUnits('co2', 0, ['吨二氧化碳', '吨co2', 'tco2', '吨co₂', 'tco₂']);
defineUnits('co2', -3, ['千克二氧化碳', '公斤二氧化碳', 'kgco2', '千克co2', '公斤co2', 'kgco₂', '千克co₂']);
defineUnits('energy', 0, ['千瓦时', 'kwh', 'kw·h', 'kw.h']);
defineUnits('power', 0, ['千瓦', 'kw']);
// Counting classifiers are interchangeable: "3家" is fine where 个 is expected.
defineUnits('count', 0, [
  '个', '家', '户', '项', '件', '台', '套', '条', '所', '座', '处', '次', '种', '款', '批', '只', '辆', '部',
  '篇', '本', '支', '间', '人', '名', '位', '人次', '个数',
]);

/** Chinese magnitude prefixes (longest first). */
const PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['万亿', 12], ['千亿', 11], ['百亿', 10], ['十亿', 9], ['亿', 8], ['千万', 7], ['百万', 6], ['十万', 5],
  ['万', 4], ['千', 3], ['百', 2], ['十', 1],
];
const PREFIX_ONLY = new Map<string, number>(PREFIXES.map(([p, e]) => [p, e]));

interface UnitPart {
  dim: string;
  exp: number;
  baseExp: number;
}

function normUnit(u: string): string {
  return normalizeWidth(u).replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function parseUnitPart(u: string): UnitPart | null {
  const base = BASE_UNITS.get(u);
  if (base) return { dim: base.dim, exp: base.exp, baseExp: base.exp };
  for (const [prefix, pe] of PREFIXES) {
    if (u.startsWith(prefix)) {
      const b = BASE_UNITS.get(u.slice(prefix.length));
      if (b) return { dim: b.dim, exp: pe + b.exp, baseExp: b.exp };
    }
  }
  return null;
}

interface ParsedUnit {
  sig: string;
  exp: number;
  /** Power of ten of the base unit for simple units (for bare prefixes like '万'); NaN for compounds. */
  baseExp: number;
}

function parseUnit(u: string): ParsedUnit | null {
  const parts = u.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) return null;
  const parsed = parts.map(parseUnitPart);
  if (parsed.some((p) => p === null)) return null;
  const [a, b] = parsed as UnitPart[];
  if (!b) return { sig: a!.dim, exp: a!.exp, baseExp: a!.baseExp };
  return { sig: `${a!.dim}/${b.dim}`, exp: a!.exp - b.exp, baseExp: Number.NaN };
}

/**
 * Compare a typed unit with the expected one (both normalised). Returns the power of ten to apply to
 * the typed number, or null when the units are not the same quantity.
 */
function unitShift(typed: string, expected: string): number | null {
  if (typed === expected) return 0;
  const pe = parseUnit(expected);
  if (!pe) return null;
  let pt = parseUnit(typed);
  if (!pt) {
    const bare = PREFIX_ONLY.get(typed);
    if (bare === undefined || Number.isNaN(pe.baseExp)) return null;
    pt = { sig: pe.sig, exp: bare + pe.baseExp, baseExp: pe.baseExp };
  }
  if (pt.sig !== pe.sig) return null;
  return pt.exp - pe.exp;
}

/** '', '%', the expected unit itself, a known unit or a bare magnitude such as 万. */
function isKnownUnit(unit: string, expected: string | undefined): boolean {
  return unit === '' || unit === '%' || unit === expected || PREFIX_ONLY.has(unit) || parseUnit(unit) !== null;
}

function unitDimension(expected: string | undefined): string | undefined {
  return expected === undefined ? undefined : parseUnit(expected)?.sig;
}

// ---------------------------------------------------------------------------------------------------
// Shared refusals

function ok<T>(value: T | null, note?: Reason): Accepted<T> {
  return note ? { ok: true, value, note: note.zh, noteEn: note.en } : { ok: true, value };
}

function refuse(zh: string, en: string): Refused {
  return { ok: false, reason: { zh, en } };
}

function refuseCommon(p: PlainCellValue, what: { zh: string; en: string }): Refused | null {
  switch (p.kind) {
    case 'error':
      return refuse(
        `单元格是错误值 ${p.error}，请修正公式或直接填写${what.zh}`,
        `The cell holds the error value ${p.error}; fix the formula or type the ${what.en} directly`,
      );
    case 'no-result':
      return refuse(
        `公式没有计算结果，请在 Excel 中重新计算并保存（公式：=${p.formula}）`,
        `The formula has no calculated result; recalculate and save the file in Excel (formula: =${p.formula})`,
      );
    case 'unsupported':
      return refuse(
        `无法读取单元格内容 ${quoteZh(display(p))}，请直接填写${what.zh}`,
        `Cannot read the cell content ${quoteEn(display(p))}; type the ${what.en} directly`,
      );
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Numbers

const NONE_WORDS = new Set(['无', '暂无', 'n/a']);
const DASHES = /^[-\u2010-\u2015\u2212\u2500\uFE63]+$/;

/** True for the explicit "none" markers accepted in number fields: 无, 暂无, N/A, dashes, slashes. */
export function isNoneMarker(text: string): boolean {
  const t = trimAll(normalizeWidth(text));
  if (t === '') return true;
  const s = t.replace(/[。.]$/, '');
  return NONE_WORDS.has(s.toLowerCase()) || DASHES.test(s) || /^\/+$/.test(s);
}

const CHINESE_NUMERALS = /[零〇一二三四五六七八九十两壹贰叁肆伍陆柒捌玖拾佰仟]/;

const NUMBER_TEXT =
  /^([+-])?\s*([¥￥])?\s*([+-])?\s*(\d[\d.,]*|\.\d+)(?:[eE]([+-]?\d+))?\s*(.*)$/;

/**
 * Read a number.
 *
 * - Empty cells give `value: null`; the markers 无 / 暂无 / N/A / — / - / "/" give the form's "无" (NONE).
 * - Text numbers are accepted with full-width digits, thousands separators (1,234.5 and 1，234.5),
 *   scientific notation, a leading + or − sign and surrounding white space.
 * - A unit typed after the number must be the expected unit or the same quantity at another decimal
 *   magnitude; the latter is converted and a note explains it (4000万元 in a 亿元 field → 0.4).
 * - Percent fields: a %-formatted cell holding 0.125 gives 12.5; the text "12.5%" and a plain 12.5 give 12.5.
 * - Formulas use their cached result; errors, missing results, booleans, dates and anything not
 *   understood are refused with a reason that quotes the cell content.
 */
export function readNumber(
  value: unknown,
  numFmt?: string | null,
  opts: NumberOptions = {},
): ReadResult<number | None> {
  const rawUnit = opts.unit !== undefined ? trimAll(opts.unit) : undefined;
  const expected = rawUnit !== undefined && rawUnit !== '' ? normUnit(rawUnit) : undefined;
  const percent = opts.percent === true || expected === '%';
  const ctx: NumberContext = {
    percent,
    expected: expected === '%' ? undefined : expected,
    unitLabel: expected === '%' ? undefined : rawUnit,
    integer: opts.integer === true,
  };
  const p = unwrapCellValue(value);
  const common = refuseCommon(p, { zh: '数字', en: 'number' });
  if (common) return common;
  switch (p.kind) {
    case 'empty':
      return ok(null);
    case 'boolean':
      return refuse(
        `此处需要填写数字，但单元格是逻辑值 ${display(p)}`,
        `A number is expected here, but the cell holds the boolean ${display(p)}`,
      );
    case 'date':
      return refuse(
        `此处需要填写数字，但单元格是日期 ${display(p)}（可能被 Excel 自动转换成了日期，请把单元格设为“数值”格式后重新填写）`,
        `A number is expected here, but the cell holds the date ${display(p)} (Excel may have converted it; format the cell as a number and type it again)`,
      );
    case 'number':
      return numberFromCell(p.value, numFmt, ctx);
    case 'string':
      return numberFromText(p.value, ctx);
    default:
      return refuse('无法读取单元格内容', 'Cannot read the cell content');
  }
}

interface NumberContext {
  percent: boolean;
  /** Normalised expected unit, excluding '%'. */
  expected: string | undefined;
  /** Expected unit as given by the caller, for messages. */
  unitLabel: string | undefined;
  integer: boolean;
}

function numberFromCell(v: number, numFmt: string | null | undefined, ctx: NumberContext): ReadResult<number> {
  if (!Number.isFinite(v)) {
    return refuse(`无法读取单元格中的数值 ${String(v)}`, `Cannot read the numeric value ${String(v)}`);
  }
  const n = tidyNumber(v);
  if (isPercentFormat(numFmt)) {
    const pct = tidyNumber(shift10(n, 2));
    if (!ctx.percent) {
      return refuse(
        `单元格是百分比格式（显示为 ${numText(pct)}%），但此处需要的不是百分比${ctx.unitLabel ? `，而是以“${ctx.unitLabel}”为单位的数值` : ''}；请把单元格设为“数值”格式后重新填写`,
        `The cell is formatted as a percentage (shows ${numText(pct)}%), but this field is not a percentage${ctx.unitLabel ? ` (expected unit: ${ctx.unitLabel})` : ''}; format the cell as a number and type it again`,
      );
    }
    return finishNumber(pct, `${numText(pct)}%`, ctx);
  }
  // A unit shown by the number format (e.g. 0.00"万元") is what the user sees: check it like a typed unit.
  // Literal text that is not a unit is decoration and is ignored.
  const literal = formatLiteralUnit(numFmt);
  if (literal !== '' && isKnownUnit(literal, ctx.expected)) return applyUnit(n, numText(n), literal, false, ctx);
  const note = ctx.percent ? smallPercentNote(n) : undefined;
  return finishNumber(n, numText(n), ctx, note);
}

function numberFromText(text: string, ctx: NumberContext): ReadResult<number | None> {
  const typed = shown(text);
  if (trimAll(text) === '') return ok(null);
  // The form's "无" (nothing to report), however it was typed: a value of its own, not an empty cell.
  if (isNoneMarker(text)) return ok(NONE);
  const s = trimAll(normalizeWidth(text))
    .replace(/[\u2212\uFE63\u2010\u2011]/g, '-')
    .replace(/\uFE6A/g, '%')
    .replace(/(\d)。/g, '$1.'); // 。 typed for the decimal point with a Chinese IME
  const m = NUMBER_TEXT.exec(s);
  if (!m) return notANumber(typed, s, ctx.unitLabel);
  const [, sign1, currency, sign2, token, exponent, rest] = m as unknown as [
    string, string | undefined, string | undefined, string | undefined, string, string | undefined, string,
  ];
  if (sign1 && sign2) return notANumber(typed, s, ctx.unitLabel);
  let digits: string;
  if (/^\d+(\.\d*)?$|^\.\d+$/.test(token)) {
    digits = token;
  } else if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(token)) {
    digits = token.replace(/,/g, '');
  } else {
    return refuse(
      `无法确定${quoteZh(typed)}中的逗号或小数点的含义（千位分隔符应每三位一个，例如 1,234.5）；请去掉分隔符，小数点用“.”`,
      `Cannot tell what the commas or points in ${quoteEn(typed)} mean (thousands separators go every three digits, e.g. 1,234.5); remove the separators and use "." as the decimal point`,
    );
  }
  let n = Number(exponent !== undefined ? `${digits}e${exponent}` : digits);
  if (!Number.isFinite(n)) return notANumber(typed, s, ctx.unitLabel);
  if ((sign1 ?? sign2) === '-') n = -n;
  n = tidyNumber(n);
  const unit = normUnit(rest);
  // Words that are not a unit ("左右", "以上", "30-40", remarks): not a number we understand.
  if (!isKnownUnit(unit, ctx.expected)) return notANumber(typed, s, ctx.unitLabel);
  if (currency && unitDimension(ctx.expected) !== 'money') {
    return refuse(
      `${quoteZh(typed)}带有货币符号，但此处不是金额；请只填写数字`,
      `${quoteEn(typed)} has a currency sign, but this field is not an amount of money; type the number only`,
    );
  }
  return applyUnit(n, typed, unit, true, ctx);
}

/** Check a unit (typed in the cell or shown by its number format) against the expected unit. */
function applyUnit(n: number, typed: string, unit: string, fromText: boolean, ctx: NumberContext): ReadResult<number> {
  if (unit === '') {
    return finishNumber(n, typed, ctx, ctx.percent ? smallPercentNote(n) : undefined);
  }
  if (unit === '%') {
    if (ctx.percent) return finishNumber(n, typed, ctx);
    return refuse(
      `${quoteZh(typed)}是百分比，但此处需要的不是百分比${ctx.unitLabel ? `，而是以“${ctx.unitLabel}”为单位的数值` : ''}；请只填写数字`,
      `${quoteEn(typed)} is a percentage, but this field is not${ctx.unitLabel ? ` (expected unit: ${ctx.unitLabel})` : ''}; type the number only`,
    );
  }
  const where = fromText ? '' : '（单元格格式中的单位）';
  const whereEn = fromText ? '' : ' (shown by the cell format)';
  if (ctx.expected === undefined) {
    const expectedZh = ctx.percent ? '百分比数值（例如 12.5 或 12.5%）' : '数字';
    const expectedEn = ctx.percent ? 'a percentage (e.g. 12.5 or 12.5%)' : 'a plain number';
    return refuse(
      `${quoteZh(typed)}带有单位“${unit}”${where}，此处只需填写${expectedZh}`,
      `${quoteEn(typed)} carries the unit "${unit}"${whereEn}; this field takes ${expectedEn}`,
    );
  }
  const k = unitShift(unit, ctx.expected);
  if (k === null) {
    return refuse(
      `${quoteZh(typed)}的单位“${unit}”${where}与要求的单位“${ctx.unitLabel}”不符；请换算为${ctx.unitLabel}后只填写数字`,
      `The unit "${unit}" in ${quoteEn(typed)}${whereEn} does not match the required unit "${ctx.unitLabel}"; convert to ${ctx.unitLabel} and type the number only`,
    );
  }
  if (k === 0) return finishNumber(n, typed, ctx);
  const converted = tidyNumber(shift10(n, k));
  return finishNumber(converted, typed, ctx, {
    zh: `已将${quoteZh(typed)}换算为 ${numText(converted)}${ctx.unitLabel}`,
    en: `Converted ${quoteEn(typed)} to ${numText(converted)} ${ctx.unitLabel}`,
  });
}

function smallPercentNote(n: number): Reason | undefined {
  if (n === 0 || Math.abs(n) >= 1) return undefined;
  const pct = numText(shift10(n, 2));
  return {
    zh: `已按 ${numText(n)}% 读取；如果指的是 ${pct}%，请填写 ${pct}`,
    en: `Read as ${numText(n)}%; if you meant ${pct}%, type ${pct}`,
  };
}

function finishNumber(n: number, typed: string, ctx: NumberContext, note?: Reason): ReadResult<number> {
  if (ctx.integer && !Number.isInteger(n)) {
    return refuse(
      `${quoteZh(typed)}不是整数，此处需要填写整数`,
      `${quoteEn(typed)} is not a whole number; this field takes whole numbers`,
    );
  }
  return ok(n, note);
}

function notANumber(typed: string, normalised: string, unitLabel?: string): Refused {
  const unitZh = unitLabel ? `以“${unitLabel}”为单位的` : '';
  const unitEn = unitLabel ? ` in ${unitLabel}` : '';
  // "约两百亿" is written in Chinese numerals; "460千克二氧化碳/万元" has digits (二 is chemistry there).
  if (!/\d/.test(normalised) && CHINESE_NUMERALS.test(normalised)) {
    return refuse(
      `无法识别${quoteZh(typed)}：请用阿拉伯数字填写（例如 40.5），不要用中文数字`,
      `Cannot read ${quoteEn(typed)}: use Arabic digits (e.g. 40.5), not Chinese numerals`,
    );
  }
  return refuse(
    `无法把${quoteZh(typed)}识别为数字；请只填写${unitZh}数字（例如 40.5），不要写“约”“左右”“以上”、区间或说明文字`,
    `Cannot read ${quoteEn(typed)} as a number; type only the number${unitEn} (e.g. 40.5), without words such as "about", ranges or remarks`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Text

/**
 * Read free text: trimmed (incl. NBSP and U+3000), internal newlines kept with CRLF/CR → LF, rich text
 * concatenated, hyperlink text, formula result. Numbers become their shortest decimal text without
 * float noise (a %-formatted number becomes "12.5%"); dates become 'YYYY-MM-DD'; booleans 'TRUE'/'FALSE'.
 * Empty → null. "无" stays "无".
 */
export function readText(value: unknown, numFmt?: string | null): ReadResult<string> {
  const p = unwrapCellValue(value);
  const common = refuseCommon(p, { zh: '文字', en: 'text' });
  if (common) return common;
  switch (p.kind) {
    case 'empty':
      return ok(null);
    case 'string': {
      const s = trimAll(p.value.replace(/\r\n?/g, '\n'));
      return ok(s === '' ? null : s);
    }
    case 'number':
      if (!Number.isFinite(p.value)) return ok(String(p.value));
      return ok(isPercentFormat(numFmt) ? `${numText(shift10(p.value, 2))}%` : numText(p.value));
    case 'boolean':
      return ok(p.value ? 'TRUE' : 'FALSE');
    case 'date':
      return ok(isoDateTime(p.value));
    default:
      return refuse('无法读取单元格内容', 'Cannot read the cell content');
  }
}

// ---------------------------------------------------------------------------------------------------
// Choices

const TICKED = new Set(['√', '✓', '✔', '☑', '✅', 'y', 'yes', '是', '1', 'true']);
const UNTICKED = new Set(['☐', '□', '×', '✗', '✘', 'n', 'no', '否', '0', 'false']);

function choiceKey(s: string): string {
  return trimAll(normalizeWidth(s).replace(/\uFE0F/g, ''));
}

/**
 * Read a dropdown / checkbox value. Matches an option exactly after trimming and width normalisation
 * and returns the option as given. For yes/no fields (options 是 and 否, any order) also accepts
 * √ ✓ ✔ ☑ Y yes 1 TRUE (→ '是') and ☐ × N no 0 FALSE (→ '否'), case-insensitive. Empty → null.
 */
export function readChoice(value: unknown, options: readonly string[]): ReadResult<string> {
  const byKey = new Map<string, string>();
  for (const o of options) byKey.set(choiceKey(o), o);
  const yes = options.find((o) => choiceKey(o) === '是');
  const no = options.find((o) => choiceKey(o) === '否');
  const yesNo = options.length === 2 && yes !== undefined && no !== undefined;

  const p = unwrapCellValue(value);
  const common = refuseCommon(p, { zh: '选项', en: 'option' });
  if (common) return common;

  let key: string;
  switch (p.kind) {
    case 'empty':
      return ok(null);
    case 'boolean':
      key = p.value ? 'TRUE' : 'FALSE';
      break;
    case 'number':
      key = numText(p.value);
      break;
    case 'string':
      key = choiceKey(p.value);
      if (key === '') return ok(null);
      break;
    default:
      key = display(p);
  }
  if (p.kind !== 'date') {
    const exact = byKey.get(key);
    if (exact !== undefined) return ok(exact);
    if (yesNo) {
      const lower = key.toLowerCase();
      if (TICKED.has(lower)) return ok(yes);
      if (UNTICKED.has(lower)) return ok(no);
    }
  }
  const list = options.join('、');
  const hintZh = yesNo ? '（也可以填 √ 或 ×）' : '';
  const hintEn = yesNo ? ' (√ or × also work)' : '';
  return refuse(
    `${quoteZh(display(p))}不是可选项；请从下拉列表中选择：${list}${hintZh}`,
    `${quoteEn(display(p))} is not one of the allowed options: ${options.join(', ')}${hintEn}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Dates and years

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Validate y/m/d; returns the ISO text or null. */
function ymd(y: number, m: number, d?: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return null;
  if (d === undefined) return `${y}-${pad2(m)}`;
  if (d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Excel serial day number → UTC date (1900 system with its leap-year bug, or the 1904 system). */
export function serialToDate(serial: number, date1904 = false): Date {
  const day = Math.floor(serial + 1e-9);
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + day * DAY_MS);
  // Serial 60 is the nonexistent 1900-02-29; serials below it are shifted by one day.
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + day * DAY_MS);
}

/** Parse date text (already trimmed): returns ISO 'YYYY-MM-DD' / 'YYYY-MM', 'invalid' (bad y/m/d) or null (not a date shape). */
function parseDateText(text: string): string | 'invalid' | null {
  let s = trimAll(normalizeWidth(text));
  // Drop a time of day: "2023-05-06 10:30", "2023-05-06T10:30:00"
  const time = /^(.*?\d)(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z)?$/.exec(s);
  if (time) s = time[1]!;
  s = s.replace(/\s+/g, '');
  let m: RegExpExecArray | null;
  let iso: string | null = null;
  let shape = false;
  if ((m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(s)) || (m = /^(\d{4})(年)(\d{1,2})月(\d{1,2})[日号]?$/.exec(s))) {
    shape = true;
    iso = ymd(Number(m[1]), Number(m[3]), Number(m[4]));
  } else if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(s)) || (m = /^(\d{4})年(\d{1,2})月份?$/.exec(s))) {
    shape = true;
    iso = ymd(Number(m[1]), Number(m[2]));
  } else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    shape = true;
    iso = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if (!shape) return null;
  return iso ?? 'invalid';
}

function refuseDate(typed: string, extraZh = '', extraEn = ''): Refused {
  return refuse(
    `无法把${quoteZh(typed)}识别为日期${extraZh}；请按 2023-05-06、2023/5/6 或 2023年5月6日 的格式填写（只到月份时填 2023-05 或 2023年5月）`,
    `Cannot read ${quoteEn(typed)} as a date${extraEn}; use 2023-05-06, 2023/5/6 or 2023年5月6日 (or 2023-05 / 2023年5月 for a month)`,
  );
}

/**
 * Read a date as ISO 'YYYY-MM-DD' ('YYYY-MM' when only a month was given, 'YYYY' for a year).
 * Accepts Date objects (UTC), Excel serial numbers whose year is plausible (default 1990–2100; the
 * Chinese built-in date formats are lost by exceljs, so serials arrive without a date format), and the
 * texts 2023-05-06, 2023/5/6, 2023.5.6, 2023年5月6日, 20230506, 2023-05, 2023/5, 2023.5, 2023年5月
 * (full-width digits too; a trailing time of day is ignored).
 */
export function readDate(value: unknown, numFmt?: string | null, opts: DateOptions = {}): ReadResult<string> {
  const minSerialYear = opts.minSerialYear ?? 1990;
  const maxSerialYear = opts.maxSerialYear ?? 2100;
  const p = unwrapCellValue(value);
  const common = refuseCommon(p, { zh: '日期', en: 'date' });
  if (common) return common;
  switch (p.kind) {
    case 'empty':
      return ok(null);
    case 'boolean':
      return refuseDate(display(p), '（单元格是逻辑值）', ' (the cell holds a boolean)');
    case 'date': {
      const y = p.value.getUTCFullYear();
      if (y < MIN_YEAR || y > MAX_YEAR) return refuseDate(display(p), '（年份不合理）', ' (implausible year)');
      return ok(isoDate(p.value));
    }
    case 'number': {
      const n = p.value;
      const typed = numText(n);
      if (!Number.isFinite(n) || isPercentFormat(numFmt)) return refuseDate(typed);
      if (Number.isInteger(n) && n >= 10_000_000 && n <= 99_999_999) {
        const compact = parseDateText(String(n));
        if (typeof compact === 'string' && compact !== 'invalid') return ok(compact);
      }
      if (n >= 1) {
        const d = serialToDate(n, opts.date1904 === true);
        const y = d.getUTCFullYear();
        if (y >= minSerialYear && y <= maxSerialYear) {
          const fmt = typeof numFmt === 'string' ? numFmt.trim() : '';
          const plain = fmt === '' || /^general$/i.test(fmt) || isDateFormat(fmt);
          return ok(
            isoDate(d),
            plain
              ? undefined
              : {
                  zh: `已把数字 ${typed} 按 Excel 日期序号读作 ${isoDate(d)}`,
                  en: `Read the number ${typed} as the Excel date serial for ${isoDate(d)}`,
                },
          );
        }
      }
      // A bare year (2016) is a date at year precision: the form's 成立时间 is often known only so.
      if (Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR) return ok(String(n));
      return refuseDate(typed);
    }
    case 'string': {
      const typed = shown(p.value);
      if (trimAll(p.value) === '') return ok(null);
      const iso = parseDateText(p.value);
      if (iso === 'invalid') return refuseDate(typed, '（年、月或日超出范围）', ' (year, month or day out of range)');
      if (iso !== null) return ok(iso);
      const year = /^(\d{4})年?(?:度|份)?$/.exec(trimAll(normalizeWidth(p.value)).replace(/\s+/g, ''));
      if (year && Number(year[1]) >= MIN_YEAR && Number(year[1]) <= MAX_YEAR) return ok(year[1]!);
      return refuseDate(typed);
    }
    default:
      return refuseDate(display(p));
  }
}

/**
 * Read a calendar year (1900–2100): the number 2023 or the texts 2023, 2023年, 2023年度 (full-width
 * digits too). Dates and anything else are refused.
 */
export function readYear(value: unknown): ReadResult<number> {
  const p = unwrapCellValue(value);
  const common = refuseCommon(p, { zh: '年份', en: 'year' });
  if (common) return common;
  let year: number | null = null;
  switch (p.kind) {
    case 'empty':
      return ok(null);
    case 'number':
      if (Number.isInteger(p.value)) year = p.value;
      break;
    case 'string': {
      const s = trimAll(normalizeWidth(p.value)).replace(/\s+/g, '');
      if (s === '') return ok(null);
      const m = /^(\d{4})(?:年度?)?$/.exec(s);
      if (m) year = Number(m[1]);
      break;
    }
    default:
      break;
  }
  if (year !== null && year >= MIN_YEAR && year <= MAX_YEAR) return ok(year);
  const typed = display(p);
  return refuse(
    `无法把${quoteZh(typed)}识别为年份；请填写四位数年份，例如 2023`,
    `Cannot read ${quoteEn(typed)} as a year; type a four-digit year such as 2023`,
  );
}
