/**
 * The summary as an Excel workbook: one sheet "推荐汇总表" with "附件1", the title, the two header lines,
 * the column header row and one row per filing; wrapped text, thin borders, A4 landscape fitted to the
 * page width, the header row repeated on every printed page, page numbers in the footer.
 * The bytes are reproducible: exceljs stamps zip entries with the current time, so the archive is
 * rewritten with the document date (as `cluster template` does).
 */
import type ExcelJS from 'exceljs';
import type { SummaryTable } from './model.js';

export const SHEET_NAME = '推荐汇总表';
const FONT = '宋体';
/** Column widths in Excel character units: narrow 序号, wide 简介. */
const WIDTHS = [6, 22, 22, 18, 20, 12, 64];
/** Rows above the table: 附件1, title, the two header lines. The column header row follows. */
export const HEADER_ROW = 5;
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Display width in narrow characters (CJK counts two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Excel does not grow wrapped rows by itself when a file is opened: give each row the height its longest cell needs. */
function fitHeight(cells: readonly string[], size: number): number {
  let lines = 1;
  cells.forEach((t, i) => {
    const usable = Math.max(4, WIDTHS[i]! - 2);
    const n = t.split('\n').reduce((acc, l) => acc + Math.max(1, Math.ceil(displayWidth(l) / usable)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, Math.ceil(lines * size * 1.35 + 6));
}

/** A workbook with the tool's document properties, dated `date` (not now: the same input, the same bytes). */
export async function newWorkbook(title: string, date: Date): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'cluster';
  wb.lastModifiedBy = 'cluster';
  wb.title = title;
  wb.created = date;
  wb.modified = date;
  return wb;
}

export async function buildSummaryWorkbook(table: SummaryTable, date: Date): Promise<ExcelJS.Workbook> {
  const wb = await newWorkbook(table.title, date);
  const ncol = table.columns.length;
  const last = String.fromCharCode(64 + ncol);
  const ws = wb.addWorksheet(SHEET_NAME, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  WIDTHS.slice(0, ncol).forEach((w, i) => (ws.getColumn(i + 1).width = w));

  const a = ws.getCell('A1');
  a.value = table.annex;
  a.font = { name: FONT, size: 14, bold: true };

  ws.mergeCells(`A2:${last}2`);
  const title = ws.getCell('A2');
  title.value = table.title;
  title.font = { name: FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(2).height = 34;

  table.headerLines.forEach((line, i) => {
    const r = 3 + i;
    ws.mergeCells(`A${r}:${last}${r}`);
    const c = ws.getCell(`A${r}`);
    c.value = line;
    c.font = { name: FONT, size: 12 };
    c.alignment = { horizontal: 'left', vertical: 'middle' };
    ws.getRow(r).height = 22;
  });

  const head = ws.getRow(HEADER_ROW);
  table.columns.forEach((label, i) => {
    const c = head.getCell(i + 1);
    c.value = label;
    c.font = { name: FONT, size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });
  head.height = fitHeight([...table.columns], 11);

  table.rows.forEach((cells, k) => {
    const row = ws.getRow(HEADER_ROW + 1 + k);
    cells.forEach((v, i) => {
      const c = row.getCell(i + 1);
      // 序号 as a number (Excel can re-number or sort by it); the rest as text, never reinterpreted.
      c.value = i === 0 && /^\d+$/.test(v) ? Number(v) : v;
      c.font = { name: FONT, size: 11 };
      c.border = BORDER;
      c.alignment = i === cells.length - 1 ? { horizontal: 'justify', vertical: 'top', wrapText: true } : { horizontal: 'center', vertical: 'middle', wrapText: true };
      if (i > 0) c.numFmt = '@';
    });
    row.height = fitHeight(cells, 11);
  });
  return wb;
}

/** The workbook as bytes, identical for identical inputs. */
export async function summaryXlsxBytes(table: SummaryTable, date: Date): Promise<Buffer> {
  const wb = await buildSummaryWorkbook(table, date);
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return restampZip(raw, date);
}

/** Rewrites a zip with every entry dated `date` (in name order as stored). */
export async function restampZip(raw: Buffer, date: Date): Promise<Buffer> {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { Writable } = await import('node:stream');
  const { readZip, openEntryStream, writeZip } = await import('../pack/zip/index.js');
  const dir = await mkdtemp(join(tmpdir(), 'cluster-summary-'));
  try {
    const src = join(dir, 'in.xlsx');
    await writeFile(src, raw);
    const inputs = [];
    for (const e of await readZip(src)) {
      if (e.isDirectory) continue;
      const chunks: Buffer[] = [];
      for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
      inputs.push({ name: e.name, data: Buffer.concat(chunks), method: 'deflate' as const });
    }
    const out: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out.push(chunk);
        cb();
      },
    });
    await writeZip(sink, inputs, { date, extendedTimestamp: false });
    return Buffer.concat(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
