/**
 * The summary as an A4 landscape PDF: "附件1", the title, the two header lines, and the table with its
 * header row repeated on every page. A row that does not fit the rest of a page moves whole to the next
 * one (rows are at most ~13 lines: the 300-character 简介 in the wide last column), so no row is cut.
 * Deterministic: the date is given, the layout engine writes a content-derived file ID.
 */
import { CliError } from '../errors.js';
import { FORM1_MARGINS } from '../render/forms/form1.js';
import { FONT_SIZE, type FontSet, type TableCell, type TableRow, createDocument, drawTable } from '../render/layout/index.js';
import type { SummaryTable } from './model.js';

/** Column widths in points: narrow 序号, the six others sized for their usual content, 简介 takes the rest (~278 pt, 25 characters a line). */
export const SUMMARY_COLUMNS = [36, 96, 96, 80, 88, 66, '*'] as const;
export const TABLE_SIZE = FONT_SIZE.五号;

const MARK_COLOR = '#B00000';

/**
 * Marks in a row's 序号 cell: "草稿" for a filing that fails validation, "重复" for a cluster listed twice.
 * A failing or duplicated filing is marked in the table itself, not only on stderr.
 */
export function rowMarks(table: SummaryTable): string[][] {
  const names = table.entries.map((e) => e.row.clusterName.trim());
  return table.entries.map((e, i) => [
    ...(e.errors > 0 ? ['草稿'] : []),
    ...(names[i] && names.some((n, k) => k !== i && n === names[i]) ? ['重复'] : []),
  ]);
}

/** The notes under the table that explain the marks. */
export function markNotes(table: SummaryTable): string[] {
  const marks = rowMarks(table);
  const out: string[] = [];
  const failing = table.entries.map((e, i) => ({ e, i })).filter(({ e }) => e.errors > 0);
  if (failing.length) out.push(`注：标“草稿”的集群校验未通过，不得作为正式推荐：${failing.map(({ e, i }) => `序号${i + 1}（${e.errors}个错误）`).join('、')}。`);
  const dup = marks.map((m, i) => (m.includes('重复') ? i + 1 : 0)).filter(Boolean);
  if (dup.length) out.push(`注：标“重复”的集群名称在表中出现不止一次（序号${dup.join('、')}），请核对。`);
  return out;
}

export interface SummaryPdfOptions {
  fonts: FontSet;
  date: Date;
}

/** Characters of the table the font cannot draw: an error naming each one, the filing and the column. */
export function checkCoverage(table: SummaryTable, fonts: FontSet): void {
  const problems: Array<{ zh: string; en: string }> = [];
  const fixed = [table.title, ...table.headerLines, ...table.columns].join('\n');
  const cp = (m: { char: string; codePoint: number }) => `${m.char}（U+${m.codePoint.toString(16).toUpperCase().padStart(4, '0')}）`;
  const f = fonts.coverage(fixed);
  if (f.length) problems.push({ zh: `表头：${f.map(cp).join('、')}`, en: `header: ${f.map(cp).join(', ')}` });
  table.rows.forEach((row, i) => {
    row.forEach((cell, c) => {
      const m = fonts.coverage(cell);
      if (m.length) {
        const file = table.entries[i]!.file;
        problems.push({ zh: `${file}「${table.columns[c]}」：${m.map(cp).join('、')}`, en: `${file} “${table.columns[c]}”: ${m.map(cp).join(', ')}` });
      }
    });
  });
  if (problems.length) {
    throw new CliError(
      {
        zh: `PDF 字体缺少以下字符的字形，未生成汇总表（可用 --font 指定包含这些字的字体）：\n  ${problems.map((p) => p.zh).join('\n  ')}`,
        en: `the PDF font has no glyph for these characters; no summary written (choose another font with --font):\n  ${problems.map((p) => p.en).join('\n  ')}`,
      },
      undefined,
      undefined,
      1,
    );
  }
}

export async function renderSummaryPdf(table: SummaryTable, opts: SummaryPdfOptions): Promise<{ data: Uint8Array; pages: number; warnings: string[] }> {
  checkCoverage(table, opts.fonts);
  const names = table.entries.map((e) => e.row.clusterName).filter(Boolean);
  const doc = createDocument({
    fonts: opts.fonts,
    date: opts.date,
    title: table.title,
    subject: `${table.title}（${table.rows.length} 个集群）`,
    author: 'cluster',
    keywords: ['中小企业特色产业集群', '推荐汇总表', table.annex, ...names],
    page: { orientation: 'landscape', margins: FORM1_MARGINS },
    pageNumbers: { format: 'chinese' },
  });
  doc.addPage();
  doc.textBox(table.annex, { x: doc.left, y: doc.top - 22, width: 120 }, { size: FONT_SIZE.三号, bold: true });
  doc.title(table.title, { size: FONT_SIZE.二号, spaceAfter: 10 });
  for (const line of table.headerLines) doc.paragraph(line, { size: FONT_SIZE.四号, indentChars: 0, align: 'left', lineHeight: 1.7 });
  doc.space(4);

  const centre = (text: string, extra: Partial<TableCell> = {}): TableCell => ({ text, align: 'center', ...extra });
  const marks = rowMarks(table);
  const rows: TableRow[] = [
    { header: true, cells: table.columns.map((c) => centre(c, { bold: true })) },
    ...table.rows.map((r, k) => ({
      cells: r.map((v, i) =>
        i === r.length - 1
          ? { text: v, align: 'justify' as const, valign: 'top' as const }
          : i === 0 && marks[k]!.length
            ? { align: 'center' as const, blocks: [{ type: 'text' as const, text: v }, ...marks[k]!.map((m) => ({ type: 'text' as const, text: m, size: FONT_SIZE.六号, bold: true, color: MARK_COLOR }))] }
            : centre(v),
      ),
    })),
  ];
  const result = drawTable(doc, {
    columns: [...SUMMARY_COLUMNS],
    rows,
    size: TABLE_SIZE,
    lineHeight: 1.4,
    padding: { top: 4, right: 5, bottom: 4, left: 5 },
    valign: 'middle',
  });
  const notes = markNotes(table);
  if (notes.length) doc.paragraph(notes.join('\n'), { size: FONT_SIZE.小五, color: MARK_COLOR, indentChars: 0, align: 'left', spaceBefore: 6, lineHeight: 1.4 });
  const data = await doc.finish();
  return { data, pages: doc.pageCount, warnings: [...result.warnings, ...doc.warnings] };
}
