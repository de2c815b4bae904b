/**
 * Reads a filled template workbook into a filing, with sheet!cell for every value. Tolerant of
 * what people type (through ./normalize.ts), never silent: a cell it cannot understand becomes a
 * finding at that cell, a unit it converted becomes a note, a row it does not know is reported.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { OPEN_FLAGS } from '../read-file.js';
import { open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readExceptions } from './exceptions.js';
import { zipErrorZh } from '../pack/zip/errors-zh.js';
import type { Directive } from '../suppress.js';
import type ExcelJS from 'exceljs';
import { NONE, parsePointer } from '../catalogue/index.js';
import type { FieldNode } from '../catalogue/index.js';
import { emptyFiling } from '../catalogue/empty.js';
import { InputError } from '../errors.js';
import type { RawFinding, SourceLocation } from '../findings.js';
import type { LoadedFiling, LoadOptions } from '../load/index.js';
import { MapSourceMap } from '../load/source-map.js';
import { readChoice, readDate, readNumber, readText, type ReadResult } from './normalize.js';
import { COL, LAST_COL, META_SHEET, TEMPLATE_MARK, colLetter, workbookLayout, type CellSpec, type LayoutYears } from './layout.js';

/** A workbook larger than this, or inflating to more than MAX_UNZIPPED, is refused unread. */
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
export const MAX_UNZIPPED = 64 * 1024 * 1024;
const MAX_ENTRIES = 2000;
/**
 * exceljs holds the whole workbook as objects (~2 KB per row with a cell): 100,000 rows or a 60 MB
 * shared string exhaust a 256 MB heap. A filled template has ~600 rows, ~5,000 cells and ~300 KB of
 * XML; these bounds leave a wide margin and keep a read within ~250 MB.
 */
export const MAX_XML_BYTES = 16 * 1024 * 1024;
export const MAX_ROWS = 10_000;
export const MAX_CELLS = 100_000;

async function readHead(file: string): Promise<{ size: number; head: Buffer }> {
  // Opened first (non-blocking), then checked on the descriptor: a FIFO never blocks the open.
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError({ zh: '这是一个文件夹，不是工作簿', en: 'this is a folder, not a workbook' }, file);
    throw new InputError(code === 'ENOENT' ? { zh: '文件不存在', en: 'no such file' } : { zh: `无法读取文件（${code}）`, en: `cannot read the file (${code})` }, file);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError({ zh: '这是一个文件夹，不是工作簿', en: 'this is a folder, not a workbook' }, file);
    // A pipe or device would block the read forever (a FIFO with no writer).
    if (!st.isFile()) throw new InputError({ zh: '不是普通文件（是管道或设备），无法作为工作簿读取', en: 'not a regular file (a pipe or a device): cannot read it as a workbook' }, file);
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    return { size: st.size, head };
  } finally {
    closeSync(fd);
  }
}

/** Refuses what is not a plain .xlsx before exceljs sees it: old/encrypted OLE files, non-zips, zip bombs. */
async function precheck(file: string): Promise<void> {
  const { size, head } = await readHead(file);
  if (size === 0) throw new InputError({ zh: '文件为空', en: 'the file is empty' }, file);
  if (size > MAX_XLSX_BYTES) {
    throw new InputError({ zh: `工作簿过大（${(size / 1048576).toFixed(1)} MB，上限 ${MAX_XLSX_BYTES / 1048576} MB）`, en: `workbook too large (${(size / 1048576).toFixed(1)} MB, limit ${MAX_XLSX_BYTES / 1048576} MB)` }, file);
  }
  if (head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new InputError(
      {
        zh: '这是加密（设置了打开密码）的工作簿，或旧版 .xls/.et 文件：请取消密码，并另存为 Excel 工作簿（.xlsx）后重试',
        en: 'this workbook is password-protected, or an old .xls/.et file: remove the password and save it as an Excel workbook (.xlsx)',
      },
      file,
    );
  }
  if (head.readUInt32LE(0) !== 0x04034b50) {
    throw new InputError({ zh: '不是 .xlsx 工作簿（文件内容不是 Excel 格式，可能只是改了扩展名）', en: 'not an .xlsx workbook (the content is not Excel; renamed file?)' }, file);
  }
  const { readZip } = await import('../pack/zip/index.js');
  let entries: ZipEntryInfo[];
  try {
    // The total is checked below, where the message can say how big (the reader only says "too big").
    entries = await readZip(file, { maxEntries: MAX_ENTRIES });
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
  const xml = entries.filter((e) => !e.isDirectory && !/^xl\/media\//.test(e.name)).reduce((n, e) => n + e.size, 0);
  if (xml > MAX_XML_BYTES) {
    throw new InputError(
      {
        zh: `工作簿的表格数据解压后达 ${(xml / 1048576).toFixed(1)} MB（上限 ${MAX_XML_BYTES / 1048576} MB；填好的申报模板不到 1 MB），疑似压缩炸弹或不是申报模板，已拒绝读取`,
        en: `the workbook’s sheets inflate to ${(xml / 1048576).toFixed(1)} MB (limit ${MAX_XML_BYTES / 1048576} MB; a filled template is under 1 MB): refused`,
      },
      file,
    );
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new InputError({ zh: '不是 .xlsx 工作簿（缺少 xl/workbook.xml）', en: 'not an .xlsx workbook (no xl/workbook.xml)' }, file);
  }
  await scanEntries(file, entries);
}

type ZipEntryInfo = import('../pack/zip/index.js').ZipEntryInfo;

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
async function sheetNames(entries: ZipEntryInfo[], read: (e: ZipEntryInfo) => Promise<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wb = entries.find((e) => e.name === 'xl/workbook.xml');
  const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
  if (!wb || !rels || wb.size > 1048576 || rels.size > 1048576) return out;
  const targets = new Map<string, string>();
  for (const tag of (await read(rels)).match(/<(\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = xmlAttr(tag, 'Id');
    const target = xmlAttr(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const tag of (await read(wb)).match(/<(\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = xmlAttr(tag, 'name');
    const id = xmlAttr(tag, 'r:id') ?? xmlAttr(tag, '\\w+:id');
    const part = id ? targets.get(id) : undefined;
    if (name && part) out.set(part, name);
  }
  return out;
}

/**
 * Inflates every part once, streaming (memory stays flat), before exceljs loads it whole: the data
 * must match the sizes the zip declares (a zip bomb can lie about them) and its CRC, and the sheets
 * must hold no more rows and cells than exceljs can keep in memory.
 */
async function scanEntries(file: string, entries: ZipEntryInfo[]): Promise<void> {
  const { openEntryStream } = await import('../pack/zip/index.js');
  const read = async (e: ZipEntryInfo): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  let names: Map<string, string>;
  try {
    names = await sheetNames(entries, read);
  } catch (e) {
    throw zipProblem(e, file);
  }
  // Counted across chunk boundaries: a match is counted once it starts before the last TAG_MAX
  // characters, which are carried over to the next chunk.
  const TAG_MAX = 16;
  const ROW = /<(?:\w{1,10}:)?row[\s/>]/g;
  const CELL = /<(?:\w{1,10}:)?c[\s/>]/g;
  let rows = 0;
  let cells = 0;
  for (const e of entries) {
    if (e.isDirectory) continue;
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);
    const name = names.get(e.name) ?? e.name;
    let carry = '';
    const count = (text: string, upTo: number): void => {
      for (const m of text.matchAll(ROW)) if (m.index < upTo) rows++;
      for (const m of text.matchAll(CELL)) if (m.index < upTo) cells++;
      if (rows > MAX_ROWS || cells > MAX_CELLS) {
        throw new InputError(
          {
            zh: `工作表"${name}"的行或单元格过多（各工作表合计已超过 ${rows > MAX_ROWS ? `${MAX_ROWS} 行` : `${MAX_CELLS} 个单元格`}；申报模板约 600 行）：这不是填好的申报模板，或表格末尾有大量空行，请删除后另存再试`,
            en: `sheet "${name}" has too many ${rows > MAX_ROWS ? `rows (over ${MAX_ROWS} in all sheets)` : `cells (over ${MAX_CELLS} in all sheets)`}; the template has about 600 rows: not a filled template, or many empty rows at the end (delete them and save again)`,
          },
          file,
          { sheet: name },
        );
      }
    };
    try {
      for await (const chunk of await openEntryStream(e)) {
        if (!sheet) continue; // still inflated: the size and CRC are verified
        // Tags are ASCII: latin1 keeps one character per byte and never garbles them.
        const text = carry + (chunk as Buffer).toString('latin1');
        const safe = Math.max(0, text.length - TAG_MAX);
        count(text, safe);
        carry = text.slice(safe);
      }
      if (sheet) count(carry, carry.length);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw zipProblem(err, file);
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

function readCell(c: CellSpec, cell: ExcelJS.Cell): CellRead {
  const n: FieldNode = c.leaf.node;
  const v = cell.value;
  const fmt = cell.numFmt;
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
      return { value: r.ok && r.value ? splitList(r.value, n.type) : [], result: r };
    }
    default: {
      const r = readText(v, fmt);
      return { value: r.ok ? r.value : null, result: r };
    }
  }
}

function readMeta(wb: ExcelJS.Workbook, file: string): { years: LayoutYears; profileId?: string } {
  const ws = wb.getWorksheet(META_SHEET);
  const mark = ws?.getCell(1, 1).value;
  if (!ws || mark !== TEMPLATE_MARK) {
    throw new InputError(
      {
        zh: `这不是本工具的申报模板（缺少 ${META_SHEET} 工作表）：请用 cluster template 生成模板，在其中填写后再导入`,
        en: `this is not our template (no ${META_SHEET} sheet): make one with cluster template, fill it in, then import it`,
      },
      file,
    );
  }
  const row = (r: number) => ws.getRow(r).values as unknown[];
  const dataYears = row(3).slice(2).filter((x): x is number => typeof x === 'number');
  const targetYear = row(4)[2];
  if (dataYears.length !== 3 || typeof targetYear !== 'number') {
    throw new InputError({ zh: `模板的 ${META_SHEET} 工作表已损坏（年度信息缺失）`, en: `the template’s ${META_SHEET} sheet is damaged (years missing)` }, file);
  }
  const profileId = row(2)[2];
  return { years: { dataYears, targetYear }, profileId: typeof profileId === 'string' ? profileId : undefined };
}

export interface WorkbookRead {
  data: Record<string, unknown>;
  sourceMap: MapSourceMap;
  findings: RawFinding[];
  years: LayoutYears;
  profileId?: string;
  /** Rows of the 例外说明 sheet (suppressions with reasons). */
  directives?: Directive[];
}

function isBlank(v: ExcelJS.CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return false;
}

/** Reads a workbook made from our template. */
export async function readWorkbook(file: string): Promise<WorkbookRead> {
  await precheck(file);
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.readFile(file, { ignoreNodes: ['dataValidations'] } as unknown as ExcelJS.XlsxReadOptions);
  } catch (e) {
    const m = (e as Error).message ?? String(e);
    if (/comments/.test(m)) {
      throw new InputError({ zh: `工作簿中的批注无法读取（exceljs 已知问题）：请删除批注后另存为 .xlsx 再试`, en: `the workbook’s comments cannot be read (a known exceljs issue): delete them, save, retry` }, file);
    }
    throw new InputError({ zh: `工作簿已损坏或格式不受支持（${zipErrorZh(m)}）：请用 Excel 或 WPS 打开后另存为 .xlsx 再试`, en: `the workbook is corrupt or unsupported: ${m}` }, file);
  }
  const { years, profileId } = readMeta(wb, file);
  const data = emptyFiling(years);
  const values = new Map<string, SourceLocation>();
  const keys = new Map<string, SourceLocation>();
  const findings: RawFinding[] = [];
  const layout = workbookLayout(years);
  const present = layout.filter((s) => wb.getWorksheet(s.name));
  if (present.length === 0) {
    throw new InputError(
      { zh: '工作簿中没有申报表的任何工作表（如"二、主导产业情况"）：这不是本工具的模板', en: 'none of the form’s sheets (e.g. 二、主导产业情况) is in the workbook: not our template' },
      file,
    );
  }
  for (const sheet of layout) {
    const ws = wb.getWorksheet(sheet.name);
    const sectionPtr = `/${parsePointer(sheet.rows.find((r) => r.cells.length)?.cells[0]?.pointer ?? '/x')[0]}`;
    if (!ws) {
      findings.push({ ruleId: 'input/missing-sheet', messageId: 'missing', path: sectionPtr, data: { sheet: sheet.name } });
      continue;
    }
    values.set(sectionPtr, { sheet: sheet.name });
    // Rows by their key in the hidden column A: inserted or deleted rows do not shift meaning.
    const rowOf = new Map<string, number>();
    const known = new Set(sheet.rows.map((r) => r.key));
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const k = row.getCell(COL.key).value;
      if (typeof k === 'string' && known.has(k) && !rowOf.has(k)) {
        rowOf.set(k, r);
        return;
      }
      const filled: string[] = [];
      for (let c = COL.label; c <= LAST_COL; c++) if (!isBlank(row.getCell(c).value)) filled.push(`${colLetter(c)}${r}`);
      if (filled.length && (typeof k !== 'string' || !known.has(k))) {
        findings.push({ ruleId: 'input/extra-row', messageId: 'extra', path: sectionPtr, data: { row: r, sheet: sheet.name, cells: filled.join('、') } });
        values.set(`${sectionPtr}#row${r}`, { sheet: sheet.name, cell: filled[0] });
      }
    });
    for (const spec of sheet.rows) {
      if (spec.kind !== 'input') continue;
      const r = rowOf.get(spec.key);
      if (r === undefined) {
        findings.push({ ruleId: 'input/missing-row', messageId: 'missing', path: spec.cells[0]!.pointer, data: { sheet: sheet.name, item: spec.label } });
        continue;
      }
      keys.set(spec.key, { sheet: sheet.name, cell: `${colLetter(COL.label)}${r}` });
      for (const c of spec.cells) {
        const cell = ws.getRow(r).getCell(c.col);
        const address = `${colLetter(c.col)}${r}`;
        values.set(c.pointer, { sheet: sheet.name, cell: address });
        const leafPtr = c.year !== undefined ? c.pointer.slice(0, c.pointer.lastIndexOf('/')) : c.pointer;
        if (!values.has(leafPtr)) values.set(leafPtr, { sheet: sheet.name, cell: `${colLetter(COL.label)}${r}` });
        const read = readCell(c, cell);
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
  // Extra plan rows: keep only rows with content, renumbered densely.
  const targets = (data.plan as Record<string, unknown>).targets as Record<string, unknown>;
  if (Array.isArray(targets.extra)) targets.extra = targets.extra.filter((x) => x && typeof x === 'object');
  return { data, sourceMap: new MapSourceMap(values, keys), findings, years, profileId, directives: readExceptions(wb) };
}

/** The loader entry for .xlsx filings (see src/load/index.ts). */
export async function loadWorkbookFiling(file: string, _opts: LoadOptions = {}): Promise<LoadedFiling> {
  const r = await readWorkbook(file);
  return { file, dir: dirname(resolve(file)), format: 'xlsx', data: r.data, sourceMap: r.sourceMap, loadFindings: r.findings, ...(r.directives?.length ? { directives: r.directives } : {}) };
}
