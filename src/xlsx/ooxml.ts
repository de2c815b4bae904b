/**
 * A small, bounded reader of SpreadsheetML packages (.xlsx) that takes only what the importer needs:
 * sheet names and states, cell values with their number formats, merged ranges.
 *
 * Why not a general library: whatever wrote the workbook (Excel, WPS, LibreOffice, openpyxl/pandas,
 * Gnumeric, .NET or Go libraries), the package is reached through its OPC relationships, with
 * absolute or relative targets and any part names; cell notes, threaded comments, drawings and
 * data validations are never parsed, so they can never stop a workbook from being read. Pure: the
 * caller hands in the package's parts (already size-checked); nothing here touches the file system.
 */

/** A cell value in the shapes ./normalize.ts unwraps. */
export type XValue =
  | null
  | number
  | string
  | boolean
  | Date
  | { error: string }
  | { formula: string; result?: number | string | boolean | Date | { error: string } }
  | { unreadable: string };

export interface XCell {
  value: XValue;
  numFmt?: string;
}

export interface XRange {
  /** As written, e.g. "E5:G5". */
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Part name inside the package. */
  part: string;
  /** row → column → cell (1-based). Only cells that hold a value. */
  rows: Map<number, Map<number, XCell>>;
  merges: XRange[];
}

export interface XWorkbook {
  sheets: XSheet[];
  date1904: boolean;
}

export class PackageError extends Error {
  constructor(
    message: string,
    readonly zh: string,
  ) {
    super(message);
    this.name = 'PackageError';
  }
}

// ---------------------------------------------------------------------------------------------------
// XML tokens

interface Tag {
  type: 'open' | 'close' | 'empty';
  /** Local name (namespace prefix dropped). */
  name: string;
  attrs: Record<string, string>;
}
type Token = Tag | { type: 'text'; text: string };

const TOKEN =
  /<(\/)?(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/)?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|([^<]+)/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]{1,6}|#[0-9]{1,7});/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      }
    }
  });
}

/** SpreadsheetML escapes characters XML cannot hold as _xHHHH_ (ECMA-376 ST_Xstring). */
function decodeXstring(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

function* tokens(xml: string): Generator<Token> {
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(xml))) {
    if (m[2] !== undefined) {
      const attrs: Record<string, string> = {};
      if (m[3]) {
        for (const a of m[3].matchAll(ATTR)) {
          const full = a[1]!;
          const local = full.includes(':') && !full.startsWith('xmlns') ? full.slice(full.indexOf(':') + 1) : full;
          attrs[local] = decodeEntities(a[2] ?? a[3] ?? '');
        }
      }
      yield { type: m[1] ? 'close' : m[4] ? 'empty' : 'open', name: m[2], attrs };
    } else if (m[5] !== undefined) {
      yield { type: 'text', text: m[5] };
    } else if (m[6] !== undefined) {
      yield { type: 'text', text: decodeEntities(m[6]) };
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// OPC: relationships and part names

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** Resolves a relationship target against its source part (absolute "/xl/…" or relative "../…"). */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep as written
  }
  const base = t.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface PartSource {
  /** Text of a part by name (case-insensitive, as OPC part names are), or undefined when absent. */
  get(name: string): string | undefined;
}

function relsOf(pkg: PartSource, part: string): Rel[] {
  const xml = pkg.get(relsPartOf(part));
  if (xml === undefined) return [];
  const out: Rel[] = [];
  for (const t of tokens(xml)) {
    if (t.type !== 'text' && t.type !== 'close' && t.name === 'Relationship') {
      if (t.attrs.TargetMode?.toLowerCase() === 'external') continue;
      const { Id: id, Type: type, Target: target } = t.attrs;
      if (id && type && target) out.push({ id, type, target: resolveTarget(part, target) });
    }
  }
  return out;
}

const isType = (rel: Rel, suffix: string) => rel.type.endsWith(`/${suffix}`);

// ---------------------------------------------------------------------------------------------------
// Styles: number formats by style index

/** Built-in number formats (ECMA-376 18.8.30), with the zh-CN date formats 27–36 and 50–58. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'yyyy/m/d', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

function styleFormats(xml: string | undefined): (string | undefined)[] {
  if (xml === undefined) return [];
  const custom = new Map<number, string>();
  const xfs: (string | undefined)[] = [];
  let inCellXfs = false;
  const pending: number[] = [];
  for (const t of tokens(xml)) {
    if (t.type === 'text') continue;
    if (t.name === 'numFmt' && t.type !== 'close') custom.set(Number(t.attrs.numFmtId), t.attrs.formatCode ?? '');
    else if (t.name === 'cellXfs') inCellXfs = t.type === 'open';
    else if (t.name === 'xf' && inCellXfs && t.type !== 'close') pending.push(Number(t.attrs.numFmtId ?? 0));
  }
  for (const id of pending) xfs.push(custom.get(id) ?? BUILTIN_FORMATS[id]);
  return xfs;
}

// ---------------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

function isDateCode(fmt: string): boolean {
  const codes = fmt
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[_*]./g, '')
    .replace(/general/gi, '')
    .replace(/E[+-]/gi, '')
    .replace(/AM\/PM|A\/P|上午\/下午/gi, '');
  return /[yd]/i.test(codes) || (/m/i.test(codes) && !/[hs]/i.test(codes));
}

function serialDate(serial: number, date1904: boolean): Date {
  const base = date1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + Math.round(serial * DAY_MS / 1000) * 1000);
}

// ---------------------------------------------------------------------------------------------------
// Cells

/** "AB12" → [row 12, col 28]; undefined for anything else. */
export function parseRef(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col];
}

function parseRange(ref: string): XRange | undefined {
  const [a, b = a] = ref.split(':') as [string, string?];
  const p = parseRef(a);
  const q = parseRef(b!);
  if (!p || !q) return undefined;
  return { ref, top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]), bottom: Math.max(p[0], q[0]), right: Math.max(p[1], q[1]) };
}

interface RawCell {
  t?: string;
  s?: string;
  v?: string;
  f?: string;
  hasF: boolean;
  inline?: string;
}

function cellValue(raw: RawCell, strings: readonly string[], fmt: string | undefined, date1904: boolean): XValue {
  const typed = (): XValue | undefined => {
    const v = raw.v;
    switch (raw.t) {
      case 's': {
        if (v === undefined || v.trim() === '') return undefined;
        const s = strings[Number(v)];
        return s === undefined ? { unreadable: `shared string ${v}` } : s;
      }
      case 'inlineStr':
        return raw.inline !== undefined ? decodeXstring(raw.inline) : v !== undefined ? decodeXstring(v) : undefined;
      case 'str':
        return v !== undefined ? decodeXstring(v) : raw.hasF ? undefined : '';
      case 'b':
        return v === undefined || v.trim() === '' ? undefined : v.trim() === '1' || v.trim().toLowerCase() === 'true';
      case 'e':
        return v === undefined || v.trim() === '' ? undefined : { error: v.trim() };
      case 'd': {
        if (v === undefined) return undefined;
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.trim()}Z`);
        return Number.isNaN(d.getTime()) ? v : d;
      }
      default: {
        if (v === undefined || v.trim() === '') return undefined;
        const n = Number(v);
        if (!Number.isFinite(n)) return { unreadable: v };
        return fmt !== undefined && isDateCode(fmt) && n >= 0 && n < 2958466 ? serialDate(n, date1904) : n;
      }
    }
  };
  const value = typed();
  if (raw.hasF) {
    const f = { formula: raw.f ?? '' } as { formula: string; result?: number | string | boolean | Date | { error: string } };
    if (value !== undefined && value !== null && !(typeof value === 'object' && 'unreadable' in value)) f.result = value as never;
    return f;
  }
  return value ?? null;
}

function sharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const out: string[] = [];
  let cur: string | null = null;
  let inT = false;
  let skip = 0; // inside <rPh> (phonetic hints) — not part of the text
  for (const t of tokens(xml)) {
    if (t.type === 'text') {
      if (cur !== null && inT && skip === 0) cur += t.text;
      continue;
    }
    switch (t.name) {
      case 'si':
        if (t.type === 'open') cur = '';
        else if (t.type === 'empty') out.push('');
        else if (cur !== null) {
          out.push(decodeXstring(cur));
          cur = null;
        }
        break;
      case 't':
        inT = t.type === 'open';
        break;
      case 'rPh':
        if (t.type === 'open') skip++;
        else if (t.type === 'close') skip = Math.max(0, skip - 1);
        break;
    }
  }
  return out;
}

function parseSheet(xml: string, strings: readonly string[], formats: readonly (string | undefined)[], date1904: boolean): Pick<XSheet, 'rows' | 'merges'> {
  const rows = new Map<number, Map<number, XCell>>();
  const merges: XRange[] = [];
  let rowNo = 0;
  let colNo = 0;
  let cell: (RawCell & { row: number; col: number }) | null = null;
  let text: 'v' | 'f' | 't' | null = null;
  let inIs = false;
  let skip = 0;
  const finish = () => {
    if (!cell) return;
    const fmt = cell.s !== undefined ? formats[Number(cell.s)] : formats[0];
    const value = cellValue(cell, strings, fmt, date1904);
    if (value !== null) {
      let r = rows.get(cell.row);
      if (!r) rows.set(cell.row, (r = new Map()));
      const c: XCell = { value };
      if (fmt !== undefined && fmt !== 'General') c.numFmt = fmt;
      r.set(cell.col, c);
    }
    cell = null;
  };
  for (const t of tokens(xml)) {
    if (t.type === 'text') {
      if (!cell || text === null || skip > 0) continue;
      if (text === 'v') cell.v = (cell.v ?? '') + t.text;
      else if (text === 'f') cell.f = (cell.f ?? '') + t.text;
      else if (inIs) cell.inline = (cell.inline ?? '') + t.text;
      continue;
    }
    switch (t.name) {
      case 'row':
        if (t.type !== 'close') {
          rowNo = t.attrs.r ? Number(t.attrs.r) : rowNo + 1;
          colNo = 0;
        }
        break;
      case 'c':
        if (t.type === 'close') {
          finish();
          break;
        }
        {
          const at = t.attrs.r ? parseRef(t.attrs.r) : undefined;
          const row = at ? at[0] : rowNo;
          const col = at ? at[1] : colNo + 1;
          colNo = col;
          cell = { row, col, t: t.attrs.t, s: t.attrs.s, hasF: false };
          if (t.type === 'empty') finish();
        }
        break;
      case 'v':
        text = t.type === 'open' ? 'v' : null;
        if (t.type !== 'close' && cell) cell.v ??= '';
        break;
      case 'f':
        if (cell && t.type !== 'close') cell.hasF = true;
        text = t.type === 'open' ? 'f' : null;
        break;
      case 'is':
        inIs = t.type === 'open';
        if (cell && t.type !== 'close') cell.inline ??= '';
        break;
      case 't':
        if (inIs) text = t.type === 'open' ? 't' : null;
        break;
      case 'rPh':
        if (t.type === 'open') skip++;
        else if (t.type === 'close') skip = Math.max(0, skip - 1);
        break;
      case 'mergeCell':
        if (t.type !== 'close' && t.attrs.ref) {
          const r = parseRange(t.attrs.ref);
          if (r) merges.push(r);
        }
        break;
    }
  }
  return { rows, merges };
}

// ---------------------------------------------------------------------------------------------------
// The workbook

/** Reads the workbook a package holds, following its relationships from `_rels/.rels`. */
export function readPackage(pkg: PartSource): XWorkbook {
  const root = relsOf(pkg, '').find((r) => isType(r, 'officeDocument'));
  const wbPart = root?.target ?? 'xl/workbook.xml';
  const wbXml = pkg.get(wbPart);
  if (wbXml === undefined) throw new PackageError(`no workbook part (${wbPart})`, `缺少工作簿部件（${wbPart}）`);
  const rels = relsOf(pkg, wbPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const strings = sharedStrings(rels.filter((r) => isType(r, 'sharedStrings')).map((r) => pkg.get(r.target)).find((x) => x !== undefined));
  const formats = styleFormats(rels.filter((r) => isType(r, 'styles')).map((r) => pkg.get(r.target)).find((x) => x !== undefined));
  let date1904 = false;
  const listed: { name: string; state: XSheet['state']; rel?: Rel }[] = [];
  for (const t of tokens(wbXml)) {
    if (t.type === 'text' || t.type === 'close') continue;
    if (t.name === 'workbookPr') date1904 = t.attrs.date1904 === '1' || t.attrs.date1904 === 'true';
    if (t.name !== 'sheet') continue;
    const state = t.attrs.state === 'hidden' || t.attrs.state === 'veryHidden' ? t.attrs.state : 'visible';
    listed.push({ name: t.attrs.name ?? '', state, rel: t.attrs.id !== undefined ? byId.get(t.attrs.id) : undefined });
  }
  const sheets: XSheet[] = [];
  for (const { name, state, rel } of listed) {
    const part = rel?.target ?? '';
    const worksheet = rel !== undefined && isType(rel, 'worksheet');
    const xml = worksheet ? pkg.get(part) : undefined;
    if (worksheet && xml === undefined) {
      throw new PackageError(`sheet "${name}": part ${part} is missing`, `工作表"${name}"的数据部件（${part}）缺失`);
    }
    const body = xml !== undefined ? parseSheet(xml, strings, formats, date1904) : { rows: new Map<number, Map<number, XCell>>(), merges: [] };
    sheets.push({ name, state, part, ...body });
  }
  return { sheets, date1904 };
}
