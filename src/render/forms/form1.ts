/**
 * 附件1《${年度}年度中小企业特色产业集群推荐汇总表》, A4 landscape: this cluster's row. The table
 * drawing takes any number of rows so that the city/province summary can reuse it.
 */
import type { Profile } from '../../profile.js';
import { FONT_SIZE, type LayoutDocument, type TableRow, createDocument, mm } from '../layout/index.js';
import { FORM1_COLUMNS, FORM1_HEADER_LINES, annexLabel, form1IntroGuide, form1Title } from '../fixed.js';
import { GREY, L, NOTE_SIZE, type RenderContext, T, V, table } from './common.js';

export { summaryRow, type SummaryRow } from '../summary-row.js';
import { summaryRow, type SummaryRow } from '../summary-row.js';

/** Landscape page margins of 附件1 (a wide table). */
export const FORM1_MARGINS = { top: mm(20), bottom: mm(20), left: mm(18), right: mm(18) };

/** Title, header lines and the table with the given rows, on the current (landscape) page. */
export function drawSummaryTable(ctx: Pick<RenderContext, 'warnings'>, doc: LayoutDocument, profile: Profile, rows: readonly SummaryRow[]): void {
  doc.textBox(annexLabel(profile, 'summary'), { x: doc.left, y: doc.top - 22, width: 120 }, { size: FONT_SIZE.三号, bold: true });
  doc.title(form1Title(profile), { size: FONT_SIZE.二号, spaceAfter: 10 });
  for (const line of FORM1_HEADER_LINES) doc.paragraph(line, { size: FONT_SIZE.四号, indentChars: 0, align: 'left', lineHeight: 1.7 });
  doc.space(4);
  const body: TableRow[] = rows.map((r, i) => ({
    cells: [V(String(i + 1)), V(r.clusterName), V(r.operator), V(r.place), V(r.leadingIndustry), V(r.founded), T(r.intro, { indentChars: 0 })],
  }));
  table(ctx as RenderContext, doc, {
    columns: [34, 98, 98, 82, 92, 62, '*'],
    rows: [{ header: true, cells: FORM1_COLUMNS.map((c) => V(c, { bold: true })) }, ...body],
    // A row moves whole; one split by force (taller than a page) keeps at least 3 lines on each page, so
    // it never starts in the last two lines of a page.
    minSplitLines: 3,
  });
  doc.paragraph(`注：集群简介${form1IntroGuide(profile)}`, { size: NOTE_SIZE, color: GREY, indentChars: 0, align: 'left', spaceBefore: 6, lineHeight: 1.4 });
}

export async function renderForm1(ctx: RenderContext): Promise<{ data: Uint8Array; pages: number; title: string; row: SummaryRow }> {
  const title = form1Title(ctx.profile);
  const row = ctx.blank ? { ...summaryRow(ctx.view, ctx.profile, ctx.metrics), intro: '', introGenerated: false } : summaryRow(ctx.view, ctx.profile, ctx.metrics);
  const doc = createDocument({
    fonts: ctx.fonts,
    date: ctx.date,
    title,
    subject: row.clusterName ? `${row.clusterName} — 推荐汇总表` : '推荐汇总表',
    author: 'cluster',
    keywords: ['中小企业特色产业集群', '推荐汇总表', annexLabel(ctx.profile, 'summary'), ...(row.clusterName ? [row.clusterName] : [])],
    page: { orientation: 'landscape', margins: FORM1_MARGINS },
    pageNumbers: { format: 'chinese' },
    ...(ctx.draft ? { draft: ctx.draft } : {}),
  });
  doc.addPage();
  doc.bookmark(title);
  drawSummaryTable(ctx, doc, ctx.profile, [row]);
  const data = await doc.finish();
  ctx.warnings.push(...doc.warnings);
  return { data, pages: doc.pageCount, title, row };
}
