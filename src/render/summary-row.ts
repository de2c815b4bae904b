/**
 * A filing's row of 附件1 (推荐汇总表): the fields the PDF, the Word document and the city's summary print.
 * Kept free of any layout code so that every face (PDF, Word, Excel) can load it without pdfkit.
 */
import type { Metrics } from '../metrics/types.js';
import type { Profile } from '../profile.js';
import type { FilingView } from '../validate/view.js';
import { generateIntro } from './intro.js';
import { fmtDate } from './values.js';

export interface SummaryRow {
  clusterName: string;
  operator: string;
  /** 所在省、市、县（区）: "湖北省荆门市掇刀区". */
  place: string;
  leadingIndustry: string;
  founded: string;
  intro: string;
  /** True when the 简介 was generated from the figures (the filing left it empty). */
  introGenerated: boolean;
}

/** This filing's row of 附件1. */
export function summaryRow(view: FilingView, profile: Profile, metrics: Metrics): SummaryRow {
  const s = (p: string) => view.str(p) ?? '';
  const stated = view.str('/summary/intro');
  return {
    clusterName: s('/cover/clusterName'),
    operator: s('/cover/operator'),
    place: ['province', 'city', 'county'].map((k) => s(`/cover/region/${k}`)).join(''),
    leadingIndustry: s('/summary/leadingIndustry'),
    founded: fmtDate(view.get('/summary/founded')) ?? '',
    intro: stated ?? generateIntro(view, profile, metrics),
    introGenerated: stated === undefined,
  };
}
