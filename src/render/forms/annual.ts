/**
 * The annual development report as PDF (A4 portrait): the tool's own self-assessment of one plan year
 * (the official annual template is not among the sources), titled as such. Its rows come from
 * ../review-cells.ts, which the Word face reads too.
 */
import type { Lang } from '../../catalogue/index.js';
import type { AnnualReport } from '../../review/annual.js';
import { CliError } from '../../errors.js';
import { FONT_SIZE, type FontSet, createDocument, mm } from '../layout/index.js';
import { annualFile, annualBehind, annualFiguresNote, annualFiguresTable, annualHeadings, annualIntro, annualPlanNote, annualPlanTable, annualTitle } from '../review-cells.js';
import { GREY, L, NOTE_SIZE, type RenderContext, T, printable, table } from './common.js';
import { pdfRows } from './review.js';

export { annualFile, annualTitle } from '../review-cells.js';

export async function renderAnnualPdf(r: AnnualReport, opts: { fonts: FontSet; date: Date; lang: Lang }): Promise<{ data: Uint8Array; pages: number; warnings: string[] }> {
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
  return { data, pages: doc.pageCount, warnings: [...ctx.warnings, ...doc.warnings] };
}

/**
 * `cluster annual --pdf` and the page: the report as PDF, refused (exit 1, nothing written) when the
 * font cannot draw a character of it (generated labels may use symbols such as CO₂: printed through
 * the same stand-ins as the form).
 */
export async function annualPdf(r: AnnualReport, opts: { fonts: FontSet; date: Date; lang: Lang; file: string }): Promise<{ name: string; data: Uint8Array; pages: number; warnings: string[] }> {
  const printed = [r.clusterName, r.stageText ?? '', ...r.plan.map((p) => `${p.indicator.direction}${p.indicator.label}`), ...r.findings.map((f) => f.text)].join('\n');
  const missing = opts.fonts.coverage(printable(opts.fonts, printed));
  if (missing.length) {
    throw new CliError(
      {
        zh: `PDF 字体缺少这些字的字形：${missing.map((m) => m.char).join('、')}（请用 --font 指定包含这些字的字体），未生成报告`,
        en: `the PDF font has no glyph for ${missing.map((m) => m.char).join(', ')} (choose a font with --font); no report written`,
      },
      opts.file,
      undefined,
      1,
    );
  }
  const pdf = await renderAnnualPdf(r, opts);
  return { name: annualFile(r), ...pdf };
}
