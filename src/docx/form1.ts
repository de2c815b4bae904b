/**
 * 附件1《${年度}年度中小企业特色产业集群推荐汇总表》 in Word, A4 landscape: "附件1", the title, the two header
 * lines and the seven-column table whose header row repeats on every page. One writer for this
 * cluster's row (`cluster render --docx`) and for the city's summary (`cluster summary -o 汇总表.docx`),
 * as the PDF face shares drawSummaryTable.
 */
import type { SummaryTable } from '../summary/model.js';
import { FORM1_COLUMNS, FORM1_HEADER_LINES, annexLabel, form1File, form1IntroGuide, form1Title } from '../render/fixed.js';
import type { SummaryRow } from '../render/summary-row.js';
import type { Profile } from '../profile.js';
import { T, V, note } from './cells.js';
import { DRAFT_HEADER_REL, buildDocx, draftHeaderXml, footerRelId, footerXml } from './package.js';
import { type PageSpec, type RowSpec, contentWidth, sectPr, table, text } from './wml.js';

const PAGE: PageSpec = { orientation: 'landscape', margins: { top: 20, bottom: 20, left: 18, right: 18 } };
/** The PDF's column widths (points): narrow 序号, 简介 takes the rest. */
const COLUMNS: Array<number | '*'> = [36, 96, 96, 80, 88, 66, '*'];

export function form1DocxName(profile: Profile): string {
  return form1File(profile).replace(/\.pdf$/, '.docx');
}

export interface SummaryDocxInput {
  /** "附件1" (the profile's annex number). */
  annex: string;
  title: string;
  headerLines: readonly string[];
  columns: readonly string[];
  /** 序号 then the six values. */
  rows: ReadonlyArray<readonly string[]>;
  /** Small print under the table (the 简介 guide on a filing's own 附件1). */
  note?: string;
  date: Date;
  subject: string;
  keywords: string[];
  titleFont?: 'fzxbs' | 'song';
  /** Errors of the filing (a filing's own 附件1): the draft line heads every page. */
  errors?: number;
}

export async function summaryDocx(input: SummaryDocxInput): Promise<Uint8Array> {
  const parts: string[] = [];
  parts.push(text(input.annex, { style: 'SectionHeading' }));
  parts.push(text(input.title, { style: 'FormTitle', before: 0, after: 10 }));
  for (const line of input.headerLines) parts.push(text(line, { style: 'Body', firstLineChars: 0, size: 14, line: 1.5, after: 0 }));
  parts.push(text('', { style: 'TableText', after: 4 }));
  const rows: RowSpec[] = [
    { header: true, cells: input.columns.map((c) => V(c, { bold: true })) },
    ...input.rows.map((r) => ({ cells: r.map((v, i) => (i === r.length - 1 ? T(v) : V(v))) })),
  ];
  parts.push(table({ columns: COLUMNS, width: contentWidth(PAGE), rows }));
  parts.push(input.note ? note(input.note) : text('', { style: 'TableText' }));
  parts.push(sectPr({ ...PAGE, footer: footerRelId(0), ...(input.errors ? { header: DRAFT_HEADER_REL } : {}) }));
  return buildDocx({
    body: parts.join(''),
    footers: [footerXml('of-total')],
    ...(input.errors ? { header: draftHeaderXml(input.errors) } : {}),
    title: input.title,
    subject: input.subject,
    keywords: input.keywords,
    date: input.date,
    ...(input.titleFont ? { titleFont: input.titleFont } : {}),
  });
}

/** This filing's 附件1 with its one row. */
export async function renderForm1Docx(
  profile: Profile,
  row: SummaryRow,
  date: Date,
  titleFont?: 'fzxbs' | 'song',
  errors = 0,
): Promise<{ data: Uint8Array; title: string; name: string }> {
  const title = form1Title(profile);
  const data = await summaryDocx({
    annex: annexLabel(profile, 'summary'),
    title,
    headerLines: FORM1_HEADER_LINES,
    columns: FORM1_COLUMNS,
    rows: [['1', row.clusterName, row.operator, row.place, row.leadingIndustry, row.founded, row.intro]],
    note: `注：集群简介${form1IntroGuide(profile)}`,
    date,
    subject: row.clusterName ? `${row.clusterName} — 推荐汇总表` : '推荐汇总表',
    keywords: ['中小企业特色产业集群', '推荐汇总表', annexLabel(profile, 'summary'), ...(row.clusterName ? [row.clusterName] : [])],
    ...(titleFont ? { titleFont } : {}),
    ...(errors ? { errors } : {}),
  });
  return { data, title, name: form1DocxName(profile) };
}

/** The city's 汇总表: one row per filing. */
export async function summaryTableDocx(t: SummaryTable, date: Date): Promise<Uint8Array> {
  const names = t.entries.map((e) => e.row.clusterName).filter(Boolean);
  return summaryDocx({
    annex: t.annex,
    title: t.title,
    headerLines: t.headerLines,
    columns: t.columns,
    rows: t.rows,
    date,
    subject: `${t.title}（${t.rows.length} 个集群）`,
    keywords: ['中小企业特色产业集群', '推荐汇总表', t.annex, ...names],
  });
}
