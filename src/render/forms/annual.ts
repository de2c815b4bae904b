/**
 * The annual development report as PDF (A4 portrait): the tool's own self-assessment of one plan year
 * (the official annual template is not among the sources), titled as such. Its rows come from
 * ../review-cells.ts, which the Word face reads too.
 */
import type { Lang } from '../../catalogue/index.js';
import type { AnnualReport } from '../../review/annual.js';
import { FONT_SIZE, type FontSet, createDocument, mm } from '../layout/index.js';
import { annualBehind, annualFiguresNote, annualFiguresTable, annualHeadings, annualIntro, annualPlanNote, annualPlanTable, annualTitle } from '../review-cells.js';
import { GREY, L, NOTE_SIZE, type RenderContext, T, printable, table } from './common.js';
import { pdfRows } from './review.js';

export { annualFile, annualTitle } from '../review-cells.js';

export async function renderAnnualPdf(r: AnnualReport, opts: { fonts: FontSet; date: Date; lang: Lang }): Promise<{ data: Buffer; pages: number; warnings: string[] }> {
  const p = (s: string) => printable(opts.fonts, s);
  const title = annualTitle(r, opts.lang);
  const h = annualHeadings(r, opts.lang);
  const doc = createDocument({
    fonts: opts.fonts,
    date: opts.date,
    title,
    subject: r.clusterName ? `${r.clusterName} — ${title}` : title,
    author: 'cluster',
    keywords: ['中小企业特色产业集群', '年度发展情况', String(r.year), ...(r.clusterName ? [r.clusterName] : [])],
    page: { margins: { top: mm(25), bottom: mm(22), left: mm(25), right: mm(22) } },
    pageNumbers: { format: 'chinese' },
  });
  const ctx = { warnings: [] as string[] } as unknown as RenderContext;
  doc.addPage();
  if (r.clusterName) doc.paragraph(r.clusterName, { size: FONT_SIZE.三号, bold: true, align: 'center', indentChars: 0, spaceAfter: 4 });
  doc.title(title, { size: FONT_SIZE.二号, spaceAfter: 6 });
  doc.paragraph(p(annualIntro(r, opts.lang)), { size: NOTE_SIZE, color: GREY, indentChars: 0, align: 'center', lineHeight: 1.45, spaceAfter: 10 });

  doc.heading(h.figures, { size: FONT_SIZE.四号, spaceBefore: 6, spaceAfter: 4 });
  const figures = annualFiguresTable(r, opts.lang);
  table(ctx, doc, { columns: figures.columns, rows: pdfRows(opts.fonts, figures, NOTE_SIZE) });
  doc.paragraph(annualFiguresNote(opts.lang), { size: NOTE_SIZE, color: GREY, indentChars: 0, align: 'left', spaceBefore: 4 });

  doc.heading(h.plan, { size: FONT_SIZE.四号, spaceBefore: 12, spaceAfter: 4 });
  const plan = annualPlanTable(r, opts.lang);
  table(ctx, doc, { columns: plan.columns, rows: pdfRows(opts.fonts, plan, NOTE_SIZE) });
  doc.paragraph(p(annualPlanNote(opts.lang)), { size: NOTE_SIZE, color: GREY, indentChars: 0, align: 'left', spaceBefore: 4, lineHeight: 1.45 });
  if (r.stageText) {
    doc.heading(h.stageText, { size: FONT_SIZE.小四, spaceBefore: 10, spaceAfter: 2 });
    doc.paragraph(r.stageText, { size: FONT_SIZE.五号, lineHeight: 1.6 });
  }

  doc.heading(h.behind, { size: FONT_SIZE.四号, spaceBefore: 12, spaceAfter: 4 });
  const behind = annualBehind(r, opts.lang);
  if (behind.none) doc.paragraph(behind.none, { indentChars: 2 });
  else table(ctx, doc, { columns: [110, '*'], rows: behind.rows.map(([i, t]) => ({ cells: [L(p(i)), T(p(t), { indentChars: 0, size: NOTE_SIZE + 0.5 })] })) });
  const data = await doc.finish();
  return { data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), pages: doc.pageCount, warnings: [...ctx.warnings, ...doc.warnings] };
}
