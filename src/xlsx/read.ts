/**
 * Reads a filled template workbook (its bytes) into a filing, with sheet!cell for every value. Tolerant of
 * what people type (through ./normalize.ts), never silent: a cell it cannot understand becomes a
 * finding at that cell, a unit it converted becomes a note, a row it does not know is reported.
 */
import { parsePointer } from '../catalogue/index.js';
import { zipErrorZh } from '../pack/zip/errors-zh.js';
import type { FieldNode } from '../catalogue/index.js';
import { emptyFiling } from '../catalogue/empty.js';
import { InputError } from '../errors.js';
import type { RawFinding, SourceLocation } from '../findings.js';
import { MapSourceMap } from '../load/source-map.js';
import { NONE } from '../catalogue/none.js';
import { isNoneMarker, readChoice, readDate, readNumber, readText, type ReadResult } from './normalize.js';
import { COL, GUIDE_SHEET, LAST_COL, META_SHEET, TEMPLATE_MARK, TEMPLATE_VERSION, colLetter, workbookLayout, type CellSpec, type LayoutYears, type RowSpec, type SheetSpec } from './layout.js';
import { PackageError, readPackage, resolveTarget, type PartSource, type XCell, type XSheet, type XValue, type XWorkbook } from './ooxml.js';
import { notXlsxMessage, OTHER_SPREADSHEETS, otherSpreadsheetByName } from './formats.js';
import { EXCEPTIONS_SHEET } from './exceptions.js';
import { zipDirectory, zipEntryData, type Inflate, type ZipDirEntry } from './zip.js';

/** A workbook larger than this, or inflating to more than MAX_UNZIPPED, is refused unread. */
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
export const MAX_UNZIPPED = 64 * 1024 * 1024;
const MAX_ENTRIES = 2000;
/**
 * The read holds the whole workbook as objects: 100,000 rows or a 60 MB shared string would exhaust
 * a 256 MB heap. A filled template has ~600 rows, ~5,000 cells and ~300 KB of XML; these bounds
 * leave a wide margin and keep a read within ~250 MB.
 */
export const MAX_XML_BYTES = 16 * 1024 * 1024;
export const MAX_ROWS = 10_000;
export const MAX_CELLS = 100_000;

/** The refusal of a file over MAX_XLSX_BYTES (also said by a reader that does not read such a file at all). */
export function tooLarge(size: number, file: string): InputError {
  return otherSpreadsheetByName(file)
    ? new InputError(otherSpreadsheetByName(file)!, file)
    : new InputError({ zh: `工作簿过大（${(size / 1048576).toFixed(1)} MB，上限 ${MAX_XLSX_BYTES / 1048576} MB）`, en: `workbook too large (${(size / 1048576).toFixed(1)} MB, limit ${MAX_XLSX_BYTES / 1048576} MB)` }, file);
}

/**
 * Refuses what is not a plain .xlsx before it is read: old/encrypted OLE files, non-zips, zip bombs;
 * then inflates every part once (the data must match the sizes the zip declares, which a zip bomb can
 * lie about, and its CRC) and bounds the rows and cells of the sheets. Returns the parts by name
 * (lower case), pictures left out.
 */
async function precheck(bytes: Uint8Array, file: string, inflate: Inflate): Promise<Map<string, Uint8Array>> {
  const byName = otherSpreadsheetByName(file);
  if (byName) throw new InputError(byName, file);
  const size = bytes.length;
  if (size === 0) throw new InputError({ zh: '文件为空', en: 'the file is empty' }, file);
  if (size > MAX_XLSX_BYTES) throw tooLarge(size, file);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size >= 4 && v.getUint32(0, false) === 0xd0cf11e0) {
    // An OLE compound file: an encrypted (password to open) workbook, or an old .xls/.et.
    const encrypted = indexOf(bytes, new Uint8Array([...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]))) >= 0;
    throw new InputError(
      encrypted
        ? notXlsxMessage(undefined, { zh: '工作簿设置了打开密码：请先在"文件 → 信息 → 保护工作簿"中取消密码', en: 'the workbook has a password to open: remove it first (File → Info → Protect Workbook)' })
        : notXlsxMessage({ zh: '旧版 Excel 97-2003（.xls）或 WPS（.et）格式的文件', en: 'an old Excel 97-2003 (.xls) or WPS (.et) file' }),
      file,
    );
  }
  if (size < 4 || v.getUint32(0, true) !== 0x04034b50) {
    throw new InputError({ zh: '不是 .xlsx 工作簿（文件内容不是 Excel 格式，可能只是改了扩展名）', en: 'not an .xlsx workbook (the content is not Excel; renamed file?)' }, file);
  }
  let entries: ZipDirEntry[];
  try {
    // The total is checked below, where the message can say how big.
    entries = zipDirectory(bytes, { maxEntries: MAX_ENTRIES });
  } catch (e) {
    throw zipProblem(e, file);
  }
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > MAX_UNZIPPED) {
    throw new InputError(
      { zh: `工作簿解压后达 ${(total / 1048576).toFixed(0)} MB（上限 ${MAX_UNZIPPED / 1048576} MB），疑似压缩炸弹或超大表格，已拒绝读取`, en: `the workbook inflates to ${(total / 1048576).toFixed(0)} MB (limit ${MAX_UNZIPPED / 1048576} MB): refused` },
      file,
    );
  }
  const xml = entries.filter((e) => !e.isDirectory && !/^xl\/media\//i.test(e.name)).reduce((n, e) => n + e.size, 0);
  if (xml > MAX_XML_BYTES) {
    throw new InputError(
      {
        zh: `工作簿的表格数据解压后达 ${(xml / 1048576).toFixed(1)} MB（上限 ${MAX_XML_BYTES / 1048576} MB；填好的申报模板不到 1 MB），疑似压缩炸弹或不是申报模板，已拒绝读取`,
        en: `the workbook’s sheets inflate to ${(xml / 1048576).toFixed(1)} MB (limit ${MAX_XML_BYTES / 1048576} MB; a filled template is under 1 MB): refused`,
      },
      file,
    );
  }
  if (entries.some((e) => e.name === 'mimetype' || e.name.toLowerCase() === 'content.xml')) {
    throw new InputError(notXlsxMessage(OTHER_SPREADSHEETS['.ods']), file);
  }
  const parts = new Map<string, Uint8Array>();
  for (const e of entries) {
    // Every part but pictures is kept for the reader (their total is bounded by MAX_XML_BYTES); pictures are still inflated: the size and CRC are verified.
    if (e.isDirectory) continue;
    let data: Uint8Array;
    try {
      data = await zipEntryData(bytes, e, inflate);
    } catch (err) {
      throw zipProblem(err, file);
    }
    if (!/^xl\/media\//i.test(e.name)) parts.set(e.name.replace(/\\/g, '/').toLowerCase(), data);
  }
  const types = parts.has('[content_types].xml') ? UTF8.decode(parts.get('[content_types].xml')) : '';
  if (/macroEnabled|vbaProject/i.test(types) || entries.some((e) => /vbaProject\.bin$/i.test(e.name))) {
    throw new InputError(notXlsxMessage(OTHER_SPREADSHEETS['.xlsm'], { zh: '文件中含有宏', en: 'the file holds macros' }), file);
  }
  if (/ms-excel\.sheet\.binary|\.bin"/i.test(types) && !entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new InputError(notXlsxMessage(OTHER_SPREADSHEETS['.xlsb']), file);
  }
  countCells(parts, file);
  return parts;
}

const UTF8 = new TextDecoder('utf-8');
const LATIN1 = new TextDecoder('latin1');

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    if (hay[i] !== needle[0]) continue;
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** A zip reader's complaint, in words a user can act on. */
function zipProblem(e: unknown, file: string): InputError {
  const m = ((e as Error)?.message ?? String(e)).replace(file + ': ', '');
  if (/truncated|unexpected end/i.test(m)) {
    return new InputError({ zh: '工作簿已损坏：文件不完整（被截断，可能下载或复制未完成），请重新获取完整文件', en: `the workbook is incomplete (truncated; an unfinished download or copy?): ${m}` }, file);
  }
  if (/exceeds the limit|entries exceeds/i.test(m)) {
    return new InputError(
      { zh: `工作簿解压后过大或条目过多（上限 ${MAX_UNZIPPED / 1048576} MB、${MAX_ENTRIES} 个），疑似压缩炸弹，已拒绝读取`, en: `the workbook inflates beyond ${MAX_UNZIPPED / 1048576} MB or ${MAX_ENTRIES} entries; refused: ${m}` },
      file,
    );
  }
  if (/exceeds declared size|declared/i.test(m)) {
    return new InputError({ zh: '工作簿中的压缩数据比其声明的大小更大，疑似压缩炸弹或文件已损坏，已拒绝读取', en: `the workbook’s compressed data is larger than declared (zip bomb or corrupt): ${m}` }, file);
  }
  if (/encrypted/i.test(m)) {
    return new InputError({ zh: '工作簿中有加密的部分，无法读取：请取消密码后另存为 .xlsx', en: `part of the workbook is encrypted: ${m}` }, file);
  }
  return new InputError({ zh: `工作簿已损坏，无法读取（${zipErrorZh(m)}）：请用 Excel 或 WPS 打开后另存为 .xlsx 再试`, en: `the workbook is corrupt: ${m}` }, file);
}

function xmlAttr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  const v = m ? (m[2] ?? m[3]) : undefined;
  return v?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Part name → sheet name (from xl/workbook.xml and its relationships), for messages. */
function sheetNames(parts: Map<string, Uint8Array>): Map<string, string> {
  const out = new Map<string, string>();
  const wb = parts.get('xl/workbook.xml');
  // (Messages only: a workbook elsewhere is still read, its sheets named by their part.)
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (!wb || !rels || wb.length > 1048576 || rels.length > 1048576) return out;
  const targets = new Map<string, string>();
  for (const tag of UTF8.decode(rels).match(/<(\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = xmlAttr(tag, 'Id');
    const target = xmlAttr(tag, 'Target');
    if (id && target) targets.set(id, resolveTarget('xl/workbook.xml', target).toLowerCase());
  }
  for (const tag of UTF8.decode(wb).match(/<(\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = xmlAttr(tag, 'name');
    const id = xmlAttr(tag, 'r:id') ?? xmlAttr(tag, '\\w+:id');
    const part = id ? targets.get(id) : undefined;
    if (name && part) out.set(part, name);
  }
  return out;
}

/** The sheets must hold no more rows and cells than a read can keep in memory. */
function countCells(parts: Map<string, Uint8Array>, file: string): void {
  const names = sheetNames(parts);
  const ROW = /<(?:\w{1,10}:)?row[\s/>]/g;
  const CELL = /<(?:\w{1,10}:)?c[\s/>]/g;
  let rows = 0;
  let cells = 0;
  for (const [part, data] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(part)) continue;
    // Tags are ASCII: latin1 keeps one character per byte and never garbles them.
    const text = LATIN1.decode(data);
    for (const _ of text.matchAll(ROW)) rows++;
    for (const _ of text.matchAll(CELL)) cells++;
    if (rows > MAX_ROWS || cells > MAX_CELLS) {
      const name = names.get(part) ?? part;
      throw new InputError(
        {
          zh: `工作表"${name}"的行或单元格过多（各工作表合计已超过 ${rows > MAX_ROWS ? `${MAX_ROWS} 行` : `${MAX_CELLS} 个单元格`}；申报模板约 600 行）：这不是填好的申报模板，或表格末尾有大量空行，请删除后另存再试`,
          en: `sheet "${name}" has too many ${rows > MAX_ROWS ? `rows (over ${MAX_ROWS} in all sheets)` : `cells (over ${MAX_CELLS} in all sheets)`}; the template has about 600 rows: not a filled template, or many empty rows at the end (delete them and save again)`,
        },
        file,
        { sheet: name },
      );
    }
  }
}

/** Names: one per line, or separated by 、；, on one line. Evidence paths (whose folders contain 、): per line or ；. */
function splitList(s: string, kind: 'names' | 'evidence'): string[] {
  const parts = s.includes('\n') ? s.split('\n') : s.split(kind === 'names' ? /[、；;，,]/ : /[；;]/);
  return parts.map((x) => x.trim()).filter(Boolean);
}

function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const segs = parsePointer(pointer);
  let cur: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const k = segs[i]!;
    const nextIsIndex = /^\d+$/.test(segs[i + 1]!) && !/^\d{4}$/.test(segs[i + 1]!);
    const holder = cur as Record<string, unknown>;
    if (holder[k] === undefined || holder[k] === null || typeof holder[k] !== 'object') holder[k] = nextIsIndex ? [] : {};
    cur = holder[k] as Record<string, unknown>;
  }
  (cur as Record<string, unknown>)[segs[segs.length - 1]!] = value;
}

interface CellRead {
  value: unknown;
  /** A cell that holds something (empty cells are not reported, only read as empty). */
  result: ReadResult<unknown>;
}

function readCell(c: CellSpec, cell: XCell | undefined): CellRead {
  const n: FieldNode = c.leaf.node;
  const v = cell?.value ?? null;
  const fmt = cell?.numFmt;
  switch (n.type) {
    case 'number':
    case 'integer': {
      // "无" (说明2: nothing to report) is a value of its own: carried as NONE, never read as blank or 0.
      if (typeof v === 'string' && v.trim() === NONE) return { value: NONE, result: { ok: true, value: null } };
      const r = readNumber(v, fmt, { unit: n.unit, percent: n.percent || n.unit === '%', integer: n.type === 'integer' });
      return { value: r.ok ? r.value : null, result: r };
    }
    case 'choice': {
      const r = readChoice(v, n.options ?? []);
      return { value: r.ok ? r.value : null, result: r };
    }
    case 'boolean': {
      const r = readChoice(v, ['是', '否']);
      return { value: r.ok ? r.value === '是' : false, result: r };
    }
    case 'date': {
      const r = readDate(v, fmt);
      return { value: r.ok ? r.value : null, result: r };
    }
    case 'names':
    case 'evidence': {
      const r = readText(v, fmt);
      // "无" (or a dash) in a list cell: nothing to list.
      return { value: r.ok && r.value && !isNoneMarker(r.value) ? splitList(r.value, n.type) : [], result: r };
    }
    default: {
      const r = readText(v, fmt);
      // "—", "/", "暂无" typed for the form's "无" are carried as "无" itself.
      return { value: r.ok ? (r.value !== null && isNoneMarker(r.value) ? NONE : r.value) : null, result: r };
    }
  }
}

/** The text a label cell shows (for comparing what the template wrote with what is there now). */
function shownText(cell: XCell | undefined): string {
  const r = readText(cell?.value ?? null, cell?.numFmt);
  return r.ok && r.value !== null ? r.value.replace(/\s+/g, ' ') : '';
}

function findMeta(wb: XWorkbook, file: string): { sheet: XSheet; years: LayoutYears; profileId?: string; version?: number } {
  const cellOf = (ws: XSheet, r: number, c: number) => ws.rows.get(r)?.get(c)?.value;
  const ws = wb.sheets.find((s) => s.name === META_SHEET && cellOf(s, 1, 1) === TEMPLATE_MARK) ?? wb.sheets.find((s) => cellOf(s, 1, 1) === TEMPLATE_MARK);
  if (!ws) {
    throw new InputError(
      {
        zh: `这不是本工具的申报模板（缺少 ${META_SHEET} 工作表）：请用 cluster template 生成模板，在其中填写后再导入`,
        en: `this is not our template (no ${META_SHEET} sheet): make one with cluster template, fill it in, then import it`,
      },
      file,
    );
  }
  const num = (v: XValue | undefined): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,4}$/.test(v.trim()) ? Number(v) : undefined);
  const dataYears = [2, 3, 4].map((c) => num(cellOf(ws, 3, c))).filter((x): x is number => x !== undefined);
  const targetYear = num(cellOf(ws, 4, 2));
  if (dataYears.length !== 3 || targetYear === undefined) {
    throw new InputError({ zh: `模板的 ${META_SHEET} 工作表已损坏（年度信息缺失）`, en: `the template’s ${META_SHEET} sheet is damaged (years missing)` }, file);
  }
  const profileId = cellOf(ws, 2, 2);
  const kind = cellOf(ws, 5, 1) === 'kind' && cellOf(ws, 5, 2) === 'review' ? 'review' : 'application';
  return { sheet: ws, years: { dataYears, targetYear, kind }, profileId: typeof profileId === 'string' ? profileId : undefined, version: num(cellOf(ws, 1, 2)) };
}

export interface WorkbookRead {
  data: Record<string, unknown>;
  sourceMap: MapSourceMap;
  findings: RawFinding[];
  years: LayoutYears;
  profileId?: string;
  /** The cells as read (for the 例外说明 sheet and other readers of the same workbook). */
  workbook: XWorkbook;
}

function hasContent(ws: XSheet): boolean {
  for (const r of ws.rows.values()) for (const c of r.values()) if (!isBlank(c.value)) return true;
  return false;
}

function isBlank(v: XValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (typeof v === 'object' && 'formula' in v) return v.result === undefined || (typeof v.result === 'string' && v.result.trim() === '');
  return false;
}

/** Column-A keys of a sheet: key → first row. */
function keysOf(ws: XSheet): Map<string, number> {
  const out = new Map<string, number>();
  for (const [r, row] of [...ws.rows].sort((a, b) => a[0] - b[0])) {
    const k = row.get(COL.key)?.value;
    if (typeof k === 'string' && !out.has(k)) out.set(k, r);
  }
  return out;
}

/**
 * Which workbook sheet holds which section of the form: by name when the name and the hidden keys
 * agree, else by the hidden keys in column A (a renamed or re-ordered sheet is still found).
 */
function placeSheets(wb: XWorkbook, layout: SheetSpec[], meta: XSheet): { placed: Map<SheetSpec, XSheet>; unplaced: { ws: XSheet; why: 'duplicate' | 'unknown'; of?: string }[] } {
  const candidates = wb.sheets.filter((s) => s !== meta);
  const keys = new Map(candidates.map((s) => [s, keysOf(s)]));
  const score = (ws: XSheet, spec: SheetSpec) => spec.rows.reduce((n, r) => n + (r.key.startsWith('/') && keys.get(ws)!.has(r.key) ? 1 : 0), 0);
  const placed = new Map<SheetSpec, XSheet>();
  const taken = new Set<XSheet>();
  for (const spec of layout) {
    const scored = candidates.map((ws) => ({ ws, n: score(ws, spec) })).filter((x) => x.n > 0);
    const byName = candidates.find((ws) => ws.name === spec.name);
    let pick: XSheet | undefined;
    if (byName && (scored.some((x) => x.ws === byName) || scored.length === 0)) pick = byName;
    else if (scored.length) pick = scored.sort((a, b) => b.n - a.n)[0]!.ws;
    if (pick && !taken.has(pick)) {
      placed.set(spec, pick);
      taken.add(pick);
    }
  }
  const unplaced: { ws: XSheet; why: 'duplicate' | 'unknown'; of?: string }[] = [];
  for (const ws of candidates) {
    if (taken.has(ws) || ws.name === GUIDE_SHEET || ws.name === EXCEPTIONS_SHEET || !hasContent(ws)) continue;
    const dup = layout.find((spec) => score(ws, spec) > 0);
    unplaced.push(dup ? { ws, why: 'duplicate', of: placed.get(dup)?.name ?? dup.name } : { ws, why: 'unknown' });
  }
  return { placed, unplaced };
}

/** The parts of a package, by name (case-insensitive); XML in UTF-8 or UTF-16. */
function partSource(parts: Map<string, Uint8Array>): PartSource {
  return {
    get(name: string) {
      const b = parts.get(name.toLowerCase());
      if (!b) return undefined;
      if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
      if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
      return UTF8.decode(b);
    },
  };
}

/**
 * Reads a workbook made from our template from its bytes; `file` names it in messages (and its
 * extension tells another spreadsheet format apart). Pure: the caller reads the file and hands in
 * the inflater (node:zlib in the CLI, DecompressionStream in a browser).
 */
export async function readWorkbookBytes(bytes: Uint8Array, file: string, inflate: Inflate): Promise<WorkbookRead> {
  const parts = await precheck(bytes, file, inflate);
  let wb: XWorkbook;
  try {
    wb = readPackage(partSource(parts));
  } catch (e) {
    if (e instanceof PackageError) {
      throw new InputError({ zh: `不是可以读取的 .xlsx 工作簿：${e.zh}`, en: `not a readable .xlsx workbook: ${e.message}` }, file);
    }
    throw e;
  }
  const { sheet: metaSheet, years, profileId, version } = findMeta(wb, file);
  const data = emptyFiling(years);
  const values = new Map<string, SourceLocation>();
  const keys = new Map<string, SourceLocation>();
  const findings: RawFinding[] = [];
  const layout = workbookLayout(years);
  const { placed, unplaced } = placeSheets(wb, layout, metaSheet);
  if (placed.size === 0) {
    throw new InputError(
      { zh: '工作簿中没有申报表的任何工作表（如"二、主导产业情况"）：这不是本工具的模板', en: 'none of the form’s sheets (e.g. 二、主导产业情况) is in the workbook: not our template' },
      file,
    );
  }
  for (const u of unplaced) {
    findings.push(
      u.why === 'duplicate'
        ? { ruleId: 'input/unplaced-sheet', messageId: 'duplicate', path: '', data: { sheet: u.ws.name, of: u.of! }, at: { sheet: u.ws.name } }
        : { ruleId: 'input/unplaced-sheet', messageId: 'unknown', path: '', data: { sheet: u.ws.name }, at: { sheet: u.ws.name } },
    );
  }
  for (const sheet of layout) {
    const ws = placed.get(sheet);
    const sectionPtr = `/${parsePointer(sheet.rows.find((r) => r.cells.length)?.cells[0]?.pointer ?? '/x')[0]}`;
    if (!ws) {
      findings.push({ ruleId: 'input/missing-sheet', messageId: 'missing', path: sectionPtr, data: { sheet: sheet.name } });
      continue;
    }
    if (ws.name !== sheet.name) {
      findings.push({ ruleId: 'input/sheet-renamed', messageId: 'renamed', path: sectionPtr, data: { sheet: ws.name, section: sheet.name }, at: { sheet: ws.name } });
    }
    values.set(sectionPtr, { sheet: ws.name });
    // The template's own texts are known for workbooks made by this version only (labels and hints change).
    readSheet(sheet, ws, sectionPtr, { data, values, keys, findings }, version === TEMPLATE_VERSION);
  }
  // Extra plan rows: keep only rows with content, renumbered densely.
  // (表八 in an application, the certified plan in a review.)
  for (const sec of ['plan', 'review']) {
    const targets = (data[sec] as Record<string, unknown> | undefined)?.targets as Record<string, unknown> | undefined;
    const filled = (x: unknown): boolean => (x && typeof x === 'object' ? Object.values(x).some(filled) : x !== null && x !== undefined);
    if (targets && Array.isArray(targets.extra)) targets.extra = targets.extra.filter((x) => x && typeof x === 'object' && filled(x));
  }
  return { data, sourceMap: new MapSourceMap(values, keys), findings, years, profileId, workbook: wb };
}

interface Sink {
  data: Record<string, unknown>;
  values: Map<string, SourceLocation>;
  keys: Map<string, SourceLocation>;
  findings: RawFinding[];
}

/** Columns a cell spec occupies (a wide text cell spans several). */
function spanOf(c: CellSpec): [number, number] {
  return [c.col, c.col + (c.span ?? 1) - 1];
}

function readSheet(sheet: SheetSpec, ws: XSheet, sectionPtr: string, out: Sink, checkFixed: boolean): void {
  const { data, values, keys, findings } = out;
  const at = (cell: string): SourceLocation => ({ sheet: ws.name, cell });
  // Rows by their key in the hidden column A: inserted or deleted rows do not shift meaning.
  const rowOf = new Map<string, number>();
  const known = new Set(sheet.rows.map((r) => r.key));
  for (const r of [...ws.rows.keys()].sort((a, b) => a - b)) {
    const row = ws.rows.get(r)!;
    const k = row.get(COL.key)?.value;
    if (typeof k === 'string' && known.has(k) && !rowOf.has(k)) {
      rowOf.set(k, r);
      continue;
    }
    // Title and column-header rows (#title, #years:data, #value…) repeat within a sheet.
    if (typeof k === 'string' && k.startsWith('#') && known.has(k)) continue;
    const filled: string[] = [];
    for (let c = COL.label; c <= LAST_COL; c++) if (!isBlank(row.get(c)?.value)) filled.push(`${colLetter(c)}${r}`);
    if (filled.length) {
      findings.push({ ruleId: 'input/extra-row', messageId: 'extra', path: sectionPtr, data: { row: r, sheet: ws.name, cells: filled.join('、') }, at: at(filled[0]!) });
    }
  }
  const specOfRow = new Map<number, RowSpec>();
  for (const spec of sheet.rows) {
    const r = rowOf.get(spec.key);
    if (r !== undefined) specOfRow.set(r, spec);
  }
  // Merged ranges that join cells of different fields (or hide a field under another cell): the
  // workbook shows one figure for several; which field it belongs to cannot be told.
  const refused = new Set<string>();
  for (const m of ws.merges) {
    const covered: { spec: RowSpec; cell: CellSpec; row: number }[] = [];
    for (let r = m.top; r <= m.bottom; r++) {
      const spec = specOfRow.get(r);
      if (!spec || spec.kind !== 'input') continue;
      for (const c of spec.cells) {
        const [a, b] = spanOf(c);
        if (a <= m.right && b >= m.left) covered.push({ spec, cell: c, row: r });
      }
    }
    if (covered.length === 0) continue;
    const exact = covered.length === 1 && m.top === m.bottom && covered[0]!.row === m.top && m.left === covered[0]!.cell.col && m.right <= spanOf(covered[0]!.cell)[1];
    if (exact) continue;
    const master = ws.rows.get(m.top)?.get(m.left);
    const items = covered.map((x) => (x.cell.year !== undefined ? `${x.cell.year}年` : colLetter(x.cell.col) + x.row));
    for (const x of covered) refused.add(x.cell.pointer);
    findings.push({
      ruleId: 'input/merged-cells',
      messageId: 'merged',
      path: covered[0]!.cell.pointer,
      data: { range: m.ref, items: items.join('、'), n: covered.length, value: isBlank(master?.value) ? '（空）' : shownText(master) },
      at: at(m.ref),
    });
    for (const x of covered.slice(1)) {
      findings.push({ ruleId: 'input/merged-cells', messageId: 'also', path: x.cell.pointer, data: { range: m.ref }, at: at(`${colLetter(x.cell.col)}${x.row}`) });
    }
  }
  for (const spec of sheet.rows) {
    if (spec.kind !== 'input') continue;
    const r = rowOf.get(spec.key);
    if (r === undefined) {
      findings.push({ ruleId: 'input/missing-row', messageId: 'missing', path: spec.cells[0]!.pointer, data: { sheet: ws.name, item: spec.label } });
      continue;
    }
    const row = ws.rows.get(r)!;
    keys.set(spec.key, at(`${colLetter(COL.label)}${r}`));
    // What was typed where the template has no field (a greyed-out column) or over its own text
    // (a locked label, unit or hint): not imported, so said.
    const used = new Set<number>();
    for (const c of spec.cells) for (let k = c.col; k <= spanOf(c)[1]; k++) used.add(k);
    const fixed: Record<number, string> = { [COL.label]: spec.label, [COL.unit]: spec.unit ?? '', [COL.hint]: spec.hint ?? '' };
    for (let col = COL.label; col <= LAST_COL; col++) {
      if (used.has(col)) continue;
      const cell = row.get(col);
      if (isBlank(cell?.value)) continue;
      const text = shownText(cell);
      const expected = fixed[col];
      if (expected !== undefined && (!checkFixed || text === expected.replace(/\s+/g, ' '))) continue;
      const address = `${colLetter(col)}${r}`;
      if (ws.merges.some((m) => m.top <= r && m.bottom >= r && m.left <= col && m.right >= col && (m.top !== r || m.left !== col))) continue;
      findings.push({
        ruleId: 'input/ignored-cell',
        messageId: expected !== undefined ? 'locked' : 'unused',
        path: spec.cells[0]!.pointer,
        data: { cell: address, text: text.length > 40 ? `${text.slice(0, 39)}…` : text, item: spec.label },
        at: at(address),
      });
    }
    for (const c of spec.cells) {
      const address = `${colLetter(c.col)}${r}`;
      values.set(c.pointer, at(address));
      const leafPtr = c.year !== undefined ? c.pointer.slice(0, c.pointer.lastIndexOf('/')) : c.pointer;
      if (!values.has(leafPtr)) values.set(leafPtr, at(`${colLetter(COL.label)}${r}`));
      if (refused.has(c.pointer)) {
        if (c.col !== COL.prior) setAt(data, c.pointer, c.leaf.node.type === 'names' || c.leaf.node.type === 'evidence' ? [] : null);
        continue;
      }
      const read = readCell(c, row.get(c.col));
      if (!read.result.ok) {
        findings.push({ ruleId: 'input/cell-value', messageId: 'unreadable', path: c.pointer, data: { reason: read.result.reason.zh, reasonEn: read.result.reason.en } });
      } else if (read.result.note) {
        findings.push({ ruleId: 'input/cell-note', messageId: 'note', path: c.pointer, data: { note: read.result.note, noteEn: read.result.noteEn ?? read.result.note } });
      }
      // A prior-year cell or an extra plan row left empty is simply absent.
      const blank = read.value === null || (Array.isArray(read.value) && read.value.length === 0);
      if (blank && c.col === COL.prior) continue;
      if (spec.key.startsWith('/plan/targets/extra/')) {
        if (blank) continue;
      }
      setAt(data, c.pointer, read.value);
    }
  }
}
