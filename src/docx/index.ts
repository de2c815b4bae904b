/**
 * The Word face: 附件2 申报表 and the 附件1 row as editable .docx (and the city's 汇总表, ./form1.ts).
 * No font is read or embedded — the documents name the faces the recipient's Word or WPS has — so
 * this face loads no font file and no PDF library.
 */
import type { Metrics } from '../metrics/types.js';
import { computeMetrics } from '../metrics/index.js';
import type { Profile } from '../profile.js';
import { summaryRow } from '../render/summary-row.js';
import { FilingView } from '../validate/view.js';
import { isBlankFiling } from '../catalogue/empty.js';
import { renderForm1Docx } from './form1.js';
import { renderForm2Docx } from './form2.js';
import { renderReviewPlanDocx } from './review.js';

export { REVIEW_PLAN_DOCX, renderAnnualDocx, renderReviewPlanDocx } from './review.js';

export { form2DocxName } from './form2.js';
export { form1DocxName, summaryTableDocx } from './form1.js';

export interface RenderedDocx {
  /** File name inside the output folder or zip. */
  name: string;
  title: string;
  data: Uint8Array;
}

export interface DocxInput {
  data: Record<string, unknown>;
  profile: Profile;
  /** Metrics computed in Chinese (the forms are Chinese whatever --lang says); computed here when absent. */
  metrics?: Metrics;
  date: Date;
  titleFont?: 'fzxbs' | 'song';
  /** Errors validation found: every page then carries the draft line, as the PDFs carry their mark. */
  errors?: number;
  /** Language of the review's 规划目标完成情况 (as its PDF follows --lang); the forms are Chinese. */
  lang?: import('../catalogue/index.js').Lang;
}

/**
 * 附件2 then 附件1; for a review (复核) filing, the review years in 附件2's layout then 规划目标完成情况
 * (the same documents as the PDFs, minus the 自评报告).
 */
export async function renderDocx(input: DocxInput): Promise<RenderedDocx[]> {
  const view = new FilingView(input.data);
  const metrics = input.metrics ?? computeMetrics(view, input.profile, 'zh');
  // An empty filing prints as a hand-fill form, as the PDF does (and is no draft: it has nothing to fix yet).
  const blank = isBlankFiling(input.data);
  const ctx = {
    view,
    profile: input.profile,
    metrics,
    date: input.date,
    ...(input.titleFont ? { titleFont: input.titleFont } : {}),
    ...(blank ? { blank: true } : input.errors ? { errors: input.errors } : {}),
  };
  const f2 = await renderForm2Docx(ctx);
  if (input.profile.kind === 'review') {
    const plan = await renderReviewPlanDocx(ctx, input.lang ?? 'zh');
    return [
      { name: f2.name, title: f2.title, data: f2.data },
      { name: plan.name, title: plan.title, data: plan.data },
    ];
  }
  const f1 = await renderForm1Docx(input.profile, summaryRow(view, input.profile, metrics), input.date, input.titleFont, blank ? 0 : (input.errors ?? 0));
  return [
    { name: f2.name, title: f2.title, data: f2.data },
    { name: f1.name, title: f1.title, data: f1.data },
  ];
}
