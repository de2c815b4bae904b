/**
 * The review documents in Word: 规划目标完成情况（自评） of a review (复核) filing (A4 landscape) and the
 * annual development report (A4 portrait), as editable .docx with real tables — the same rows as the PDFs
 * (both read src/render/review-cells.ts), the same typography as the application's Word forms (named
 * fonts, 号 sizes, header rows repeated, rows kept whole, page numbers in the footer).
 */
import type { Lang } from '../catalogue/index.js';
import type { AnnualReport } from '../review/annual.js';
import { planAttainment } from '../review/attainment.js';
import {
  REVIEW_HEADINGS,
  REVIEW_PLAN_TITLE,
  type PlainCell,
  type PlainTable,
  annualBehind,
  annualFile,
  annualFiguresNote,
  annualFiguresTable,
  annualHeadings,
  annualIntro,
  annualPlanNote,
  annualPlanTable,
  annualTitle,
  reviewFormulaRows,
  reviewPlanIntro,
  reviewPlanNote,
  reviewPlanTable,
  reviewPlanTitle,
  reviewStageTable,
  reviewStageTexts,
} from '../render/review-cells.js';
import { type DocxContext, L, T, V, note } from './cells.js';
import { DRAFT_HEADER_REL, buildDocx, draftHeaderXml, footerRelId, footerXml } from './package.js';
import { HAO, type CellSpec, type PageSpec, type RowSpec, contentWidth, sectPr, spacer, table, text } from './wml.js';

export const REVIEW_PLAN_DOCX = `${REVIEW_PLAN_TITLE}.docx`;

/** The PDF's landscape page (18 mm side margins: its column widths carry over unchanged; 22 mm at the top so the draft line in the header clears the text). */
const LANDSCAPE: PageSpec = { orientation: 'landscape', margins: { top: 22, bottom: 18, left: 18, right: 18 } };
/** The annual report's portrait page, as the PDF's (25/22 mm). */
const PORTRAIT: PageSpec = { orientation: 'portrait', margins: { top: 25, bottom: 22, left: 25, right: 22 } };

function cellOf(c: PlainCell, textSize: number): CellSpec {
  const o = { ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}), ...(c.colSpan ? { colSpan: c.colSpan } : {}), ...(c.bold ? { bold: true } : {}) };
  return c.kind === 'label' ? L(c.text, o) : c.kind === 'value' ? V(c.text, o) : T(c.text, { ...o, size: textSize });
}

/** A shared table as a Word table: the header row repeats on every page, rows do not split. */
function wordTable(t: PlainTable, page: PageSpec, textSize: number = HAO.小五, columns = t.columns): string {
  const rows: RowSpec[] = [{ header: true, cells: t.head.map((h) => V(h, { bold: true })) }, ...t.rows.map((cells) => ({ cells: cells.map((c) => cellOf(c, textSize)) }))];
  return table({ columns, width: contentWidth(page), rows }) + spacer(6);
}

function twoColumns(rows: Array<[string, string]>, widths: [number, '*'], page: PageSpec, left: 'label' | 'value' = 'label', textSize: number = HAO.小五): string {
  return table({ columns: widths, width: contentWidth(page), rows: rows.map(([a, b]) => ({ cells: [left === 'label' ? L(a) : V(a), T(b, { size: textSize })] })) }) + spacer(6);
}

const heading = (s: string, size: number = HAO.小四) => text(s, { style: 'Chapter', size });

/** 规划目标完成情况（自评） of a review filing. */
export async function renderReviewPlanDocx(ctx: DocxContext, lang: Lang = 'zh'): Promise<{ data: Uint8Array; title: string; name: string }> {
  const { view, profile } = ctx;
  const a = planAttainment(view, profile, lang);
  const name = view.str('/cover/clusterName') ?? '';
  const title = reviewPlanTitle(lang);
  const parts: string[] = [];
  if (name) parts.push(text(name, { style: 'Body', align: 'center', firstLineChars: 0, bold: true, size: HAO.三号, after: 2 }));
  parts.push(text(title, { style: 'FormTitle', before: 0, after: 4 }));
  parts.push(note(reviewPlanIntro(view, profile, a, lang), 'center'), text('', { style: 'TableText', after: 4 }));
  parts.push(wordTable(reviewPlanTable(a, lang), LANDSCAPE));
  parts.push(note(reviewPlanNote(a, lang)));
  parts.push(heading(REVIEW_HEADINGS.formulas[lang]));
  const formulas = reviewFormulaRows(a);
  if (formulas.length) parts.push(twoColumns(formulas, [150, '*'], LANDSCAPE));
  const stages = reviewStageTable(a, lang);
  if (stages.rows.length) parts.push(heading(REVIEW_HEADINGS.stages[lang]), wordTable(stages, LANDSCAPE));
  const texts = reviewStageTexts(view, a, lang);
  if (texts.length) parts.push(heading(REVIEW_HEADINGS.stageTexts[lang]), twoColumns(texts, [70, '*'], LANDSCAPE, 'value', HAO.五号));
  const own = view.str('/review/selfAssessment');
  if (own) {
    parts.push(heading(REVIEW_HEADINGS.own[lang]));
    for (const line of own.split('\n')) parts.push(text(line, { style: 'Body', size: HAO.五号, line: 1.6 }));
  }
  parts.push(sectPr({ ...LANDSCAPE, footer: footerRelId(0), ...(ctx.errors ? { header: DRAFT_HEADER_REL } : {}) }));
  const data = await buildDocx({
    body: parts.join(''),
    footers: [footerXml('of-total')],
    ...(ctx.errors ? { header: draftHeaderXml(ctx.errors) } : {}),
    title,
    subject: name ? `${name} — ${title}` : title,
    keywords: ['中小企业特色产业集群', '复核', '规划目标完成情况', ...(name ? [name] : [])],
    date: ctx.date,
    ...(ctx.titleFont ? { titleFont: ctx.titleFont } : {}),
  });
  return { data, title, name: REVIEW_PLAN_DOCX };
}

/** The annual development report of one plan year. */
export async function renderAnnualDocx(
  r: AnnualReport,
  opts: { date: Date; lang: Lang; titleFont?: 'fzxbs' | 'song' },
): Promise<{ data: Uint8Array; title: string; name: string }> {
  const lang = opts.lang;
  const title = annualTitle(r, lang);
  const h = annualHeadings(r, lang);
  const parts: string[] = [];
  if (r.clusterName) parts.push(text(r.clusterName, { style: 'Body', align: 'center', firstLineChars: 0, bold: true, size: HAO.三号, after: 4 }));
  parts.push(text(title, { style: 'FormTitle', before: 0, after: 6 }));
  parts.push(note(annualIntro(r, lang), 'center'), text('', { style: 'TableText', after: 6 }));
  parts.push(text(h.figures, { style: 'SectionHeading', size: HAO.四号 }));
  // Word's cell margins are wider than the PDF's: "+5400.00（+20.93%）" needs a wider change column to stay on one line.
  parts.push(wordTable(annualFiguresTable(r, lang), PORTRAIT, HAO.小五, ['*', 52, 70, 70, 138]), note(annualFiguresNote(lang)));
  parts.push(text(h.plan, { style: 'SectionHeading', size: HAO.四号, before: 12 }));
  parts.push(wordTable(annualPlanTable(r, lang), PORTRAIT), note(annualPlanNote(lang)));
  if (r.stageText) {
    parts.push(heading(h.stageText));
    for (const line of r.stageText.split('\n')) parts.push(text(line, { style: 'Body', size: HAO.五号, line: 1.6 }));
  }
  parts.push(text(h.behind, { style: 'SectionHeading', size: HAO.四号, before: 12 }));
  const behind = annualBehind(r, lang);
  if (behind.none) parts.push(text(behind.none, { style: 'Body' }));
  else parts.push(twoColumns(behind.rows, [110, '*'], PORTRAIT, 'label', HAO.小五 + 0.5));
  parts.push(sectPr({ ...PORTRAIT, footer: footerRelId(0) }));
  const data = await buildDocx({
    body: parts.join(''),
    footers: [footerXml('dash')],
    title,
    subject: r.clusterName ? `${r.clusterName} — ${title}` : title,
    keywords: ['中小企业特色产业集群', '年度发展情况', String(r.year), ...(r.clusterName ? [r.clusterName] : [])],
    date: opts.date,
    ...(opts.titleFont ? { titleFont: opts.titleFont } : {}),
  });
  return { data, title, name: annualFile(r).replace(/\.pdf$/, '.docx') };
}

/**
 * A batch's 复核汇总 (the tool's own table, one row per review filing) in Word, A4 landscape: the same
 * columns, widths and cells as its PDF (src/summary/review.ts), the header row repeated.
 */
export async function reviewSummaryDocx(
  s: { title: string; note: string; columns: readonly string[]; cells: ReadonlyArray<readonly string[]>; rows: ReadonlyArray<{ clusterName: string; errors: number }> },
  date: Date,
): Promise<Uint8Array> {
  const page: PageSpec = { orientation: 'landscape', margins: { top: 20, bottom: 20, left: 18, right: 18 } };
  const rows: RowSpec[] = [
    { header: true, cells: s.columns.map((c) => V(c, { bold: true })) },
    ...s.cells.map((r, k) => ({ cells: r.map((v, i) => (i === 3 || i === 5 ? L(v, { bold: i === 3 && s.rows[k]!.errors > 0 }) : V(v))) })),
  ];
  const body = [
    text(s.title, { style: 'FormTitle', before: 0, after: 6 }),
    note(s.note),
    text('', { style: 'TableText', after: 4 }),
    table({ columns: [32, 120, 96, 120, 70, '*', 64], width: contentWidth(page), rows }),
    text('', { style: 'TableText' }),
    sectPr({ ...page, footer: footerRelId(0) }),
  ].join('');
  return buildDocx({
    body,
    footers: [footerXml('of-total')],
    title: s.title,
    subject: `${s.title}（${s.rows.length}）`,
    keywords: ['中小企业特色产业集群', '复核', ...s.rows.map((r) => r.clusterName).filter(Boolean)],
    date,
  });
}
