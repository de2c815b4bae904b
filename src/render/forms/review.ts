/**
 * 规划目标完成情况 of a review (复核) filing, A4 landscape: the certified plan held against what
 * happened — each indicator's 基准值, 目标值, each review year's actual, 完成率 and verdict — with the
 * formulas, the stage targets and the cluster's own account. The official 复核申报表 is not among the
 * sources: this is titled as the tool's self-assessment, built from the same attainment model the
 * rules use. The rows come from ../review-cells.ts, which the Word face reads too.
 */
import { planAttainment } from '../../review/attainment.js';
import { FONT_SIZE, type FontSet, type TableCell, type TableRow, createDocument, mm } from '../layout/index.js';
import {
  REVIEW_HEADINGS,
  REVIEW_PLAN_TITLE,
  type PlainCell,
  type PlainTable,
  reviewFormulaRows,
  reviewPlanIntro,
  reviewPlanNote,
  reviewPlanTable,
  reviewPlanTitle,
  reviewStageTable,
  reviewStageTexts,
} from '../review-cells.js';
import { GREY, L, NOTE_SIZE, type RenderContext, T, V, printable, table } from './common.js';

export { REVIEW_PLAN_TITLE };
export const REVIEW_PLAN_FILE = `${REVIEW_PLAN_TITLE}.pdf`;

/** A shared plain cell as a PDF table cell (through the font's stand-ins); `text` cells at `textSize`. */
export function pdfCell(fonts: FontSet, c: PlainCell, textSize: number): TableCell {
  const extra = { ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}), ...(c.colSpan ? { colSpan: c.colSpan } : {}), ...(c.bold ? { bold: true } : {}) };
  const s = printable(fonts, c.text);
  return c.kind === 'label' ? L(s, extra) : c.kind === 'value' ? V(s, extra) : T(s, { indentChars: 0, size: textSize, ...extra });
}

/** A shared table as PDF rows: the bold header row, then the body rows kept whole. */
export function pdfRows(fonts: FontSet, t: PlainTable, textSize: number, keepTogether = false): TableRow[] {
  return [
    { header: true, cells: t.head.map((h) => V(h, { bold: true })) },
    ...t.rows.map((cells) => ({ cells: cells.map((c) => pdfCell(fonts, c, textSize)), ...(keepTogether ? { keepTogether: true } : {}) })),
  ];
}

export async function renderReviewPlan(ctx: RenderContext): Promise<{ data: Uint8Array; pages: number; title: string; met: number; judged: number }> {
  const { view, profile } = ctx;
  const lang = ctx.lang;
  const p = (s: string) => printable(ctx.fonts, s);
  const a = planAttainment(view, profile, lang);
  const name = view.str('/cover/clusterName') ?? '';
  const title = reviewPlanTitle(lang);
  const doc = createDocument({
    fonts: ctx.fonts,
    date: ctx.date,
    title,
    subject: name ? `${name} — ${title}` : title,
    author: 'cluster',
    keywords: ['中小企业特色产业集群', '复核', '规划目标完成情况', ...(name ? [name] : [])],
    page: { orientation: 'landscape', margins: { top: mm(18), bottom: mm(18), left: mm(18), right: mm(18) } },
    pageNumbers: { format: 'chinese' },
  });
  doc.addPage();
  if (name) doc.paragraph(name, { size: FONT_SIZE.三号, bold: true, align: 'center', indentChars: 0, spaceAfter: 2 });
  doc.title(title, { size: FONT_SIZE.二号, spaceAfter: 4 });
  doc.paragraph(p(reviewPlanIntro(view, profile, a, lang)), { size: NOTE_SIZE, color: GREY, indentChars: 0, align: 'center', lineHeight: 1.45, spaceAfter: 8 });

  const plan = reviewPlanTable(a, lang);
  table(ctx, doc, { columns: plan.columns, rows: pdfRows(ctx.fonts, plan, NOTE_SIZE, true), size: 10 });
  doc.paragraph(p(reviewPlanNote(a, lang)), { size: NOTE_SIZE, color: GREY, indentChars: 0, align: 'left', spaceBefore: 4, lineHeight: 1.45 });

  const heading = (h: { zh: string; en: string }) => doc.heading(h[lang], { size: FONT_SIZE.小四, spaceBefore: 10, spaceAfter: 4 });
  heading(REVIEW_HEADINGS.formulas);
  const formulas = reviewFormulaRows(a);
  if (formulas.length) table(ctx, doc, { columns: [150, '*'], rows: formulas.map(([l, f]) => ({ cells: [L(p(l)), T(p(f), { indentChars: 0, size: NOTE_SIZE })] })), size: NOTE_SIZE });

  const stages = reviewStageTable(a, lang);
  if (stages.rows.length) {
    heading(REVIEW_HEADINGS.stages);
    table(ctx, doc, { columns: stages.columns, rows: pdfRows(ctx.fonts, stages, NOTE_SIZE), size: 10 });
  }
  const texts = reviewStageTexts(view, a, lang);
  if (texts.length) {
    heading(REVIEW_HEADINGS.stageTexts);
    table(ctx, doc, { columns: [70, '*'], rows: texts.map(([y, s]) => ({ cells: [V(y), T(s, { indentChars: 0 })] })), size: 10 });
  }
  const own = view.str('/review/selfAssessment');
  if (own) {
    heading(REVIEW_HEADINGS.own);
    doc.paragraph(own, { size: FONT_SIZE.五号, lineHeight: 1.6 });
  }
  const data = await doc.finish();
  ctx.warnings.push(...doc.warnings);
  return { data, pages: doc.pageCount, title, met: a.met, judged: a.judged };
}
