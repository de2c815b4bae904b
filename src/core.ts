/**
 * The core as one entry: what every face runs to load, validate, judge and render a filing from bytes.
 * The CLI's commands use the same modules; the web page (src/web/) bundles this entry. It imports no
 * `node:` module, directly or through anything it reaches (test/core-imports.test.ts walks the graph):
 * files, fonts and the precompiled validator come from the host the face installs (src/host.ts).
 */
import type { Lang } from './catalogue/index.js';
import { CliError, InputError } from './errors.js';
import type { FileResult } from './findings.js';
import { formatJson } from './format/json.js';
import { formatOf, loadFilingBytes, type LoadedFiling } from './load/index.js';
import { loadWorkbookBytes } from './load/workbook.js';
import { METRIC_IDS } from './metrics/index.js';
import { judge, METRIC_META } from './metrics/meta.js';
import { DEFAULT_PROFILE, loadProfile, type Profile } from './profile.js';
import { profileForFiling } from './review/kind.js';
import { asOfDate, documentDate } from './dates.js';
import { beijingToday, unreadableResult, validateLoaded } from './validate/index.js';
import { allMeta } from './rules/registry.js';
import { VERSION } from './version.js';
import { pack, type PackResult } from './pack/build.js';
import type { ProgressBar } from './pack/progress.js';
import { verifyPackage, type VerifyReport } from './pack/verify.js';
export { verifyText } from './pack/verify-text.js';

import { host } from './host.js';
export { setHost, host, type Host } from './host.js';
// The submission package and the Word files: the same modules as `cluster pack` and `render --docx`.
export { type PackRequest, type PackResult } from './pack/build.js';
export type { VerifyReport, VerifyProblem } from './pack/verify.js';
export { builtinProfiles, DEFAULT_PROFILE } from './profile.js';
export { configFor, findConfig, ignoredByConfig, resetConfigs } from './config/find.js';
export type { ClusterConfig } from './config/parse.js';
export { filingByName, headLooksLikeFiling, SKIP_DIRS, SNIFF_BYTES } from './walk-rules.js';
export { matchesAny } from './glob.js';
import type { RuleLevel } from './config/schema.js';
import { FORM } from './catalogue/index.js';
export type { FileResult, Finding } from './findings.js';

/** The form's sections in order, with their titles: findings are grouped by these (as `validate` prints them). */
export function sections(lang: Lang): Array<{ id: string; title: string }> {
  return FORM.map((s) => ({ id: s.section.id, title: lang === 'zh' ? s.section.title : s.section.en }));
}

export interface CoreInput {
  /** The filing's path as the user knows it (messages, reports); with `dir`, where evidence is looked up. */
  file: string;
  dir: string;
  bytes: Uint8Array;
  profile?: string;
  lang: Lang;
  /** YYYY-MM-DD: the day deadlines are judged by (default: today in Beijing). */
  today?: string;
  /** Rule levels of the filing's cluster.config.yaml (`rules:`), as the CLI applies them. */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
}

export interface Checked {
  loaded?: LoadedFiling;
  profile: Profile;
  result: FileResult;
  /** The `validate --format json` text of this one filing. */
  json: string;
  /** The rule levels it was judged with (rendering judges again with the same). */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
}

function reportJson(profile: string, results: FileResult[], lang: Lang): string {
  return formatJson({ tool: { name: 'cluster', version: VERSION }, profile, results }, { lang, paint: { red: (s) => s, yellow: (s) => s, blue: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s }, rules: allMeta() });
}

/** `cluster validate`: schema, metrics and every rule, as the CLI runs them on the same bytes. */
export async function check(input: CoreInput): Promise<Checked> {
  const base = loadProfile(input.profile ?? DEFAULT_PROFILE);
  let loaded: LoadedFiling;
  let profile: Profile;
  try {
    loaded = formatOf(input.file) === 'xlsx' ? await loadWorkbookBytes(input.bytes, input.file, input.dir) : loadFilingBytes(input.bytes, input.file, input.dir);
    profile = profileForFiling(loaded.data, base, input.file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const result = unreadableResult(input.file, e, input.lang);
    return { profile: base, result, json: reportJson(base.id, [result], input.lang) };
  }
  const levels = input.ruleLevels ? { ruleLevels: input.ruleLevels } : {};
  const result = await validateLoaded(loaded, { profile, lang: input.lang, today: input.today ?? beijingToday(), ...levels });
  return { loaded, profile, result, json: reportJson(base.id, [result], input.lang), ...levels };
}

export interface MetricRow {
  id: string;
  label: string;
  value: number | null;
  unit: string;
  byYear?: Record<string, number | null>;
  formula: string;
  threshold?: string;
  verdict: 'pass' | 'fail' | 'n/a';
}

/** `cluster metrics`: each derived figure with its formula, the threshold and the verdict. */
export function metricRows(c: Checked, lang: Lang): MetricRow[] {
  const metrics = c.result.metrics ?? {};
  const rows: MetricRow[] = [];
  for (const id of METRIC_IDS) {
    const m = metrics[id];
    if (!m) continue;
    const j = judge(id, m, c.profile);
    rows.push({
      id,
      label: METRIC_META[id].label[lang],
      value: m.value,
      unit: m.unit,
      ...(m.byYear ? { byYear: m.byYear } : {}),
      formula: m.value === null && !m.byYear ? (m.note ?? '') : m.formula || m.note || '',
      ...(j.threshold ? { threshold: `${j.threshold.text}${m.unit === '%' ? '%' : ''}` } : {}),
      verdict: j.verdict,
    });
  }
  return rows;
}

export interface Document {
  name: string;
  data: Uint8Array;
  pages?: number;
}

/**
 * `cluster render`: 附件2, 附件1 and the self-assessment report as PDF, dated as the CLI dates them
 * (`SOURCE_DATE_EPOCH` is the CLI's only extra: `env` stands for it here).
 */
export async function renderPdfs(c: Checked, lang: Lang, opts: { today?: string; env?: Record<string, string | undefined> } = {}): Promise<{ pdfs: Document[]; warnings: string[] }> {
  if (!c.loaded) throw new Error('the filing could not be read: nothing to render');
  const render = await import('./render/index.js');
  const date = documentDate(c.loaded.data, c.profile, opts.env ?? {});
  const asOf = asOfDate(date, opts.today);
  // The report states one date, and validate judges deadlines by it: as `cluster render` does.
  const result = await validateLoaded(c.loaded, { profile: c.profile, lang, today: asOf, ...(c.ruleLevels ? { ruleLevels: c.ruleLevels } : {}) });
  const out = await render.renderDocuments({ loaded: c.loaded, profile: c.profile, lang, result, date, asOf });
  return { pdfs: out.pdfs.map((p) => ({ name: p.name, data: p.data, pages: p.pages })), warnings: out.warnings };
}

/**
 * `cluster summary … -o 汇总表.pdf`: the city's 推荐汇总表 (附件1), one row per application filing, in
 * the order given (as the CLI without --sort). Dated by the first filing, as the CLI dates it.
 */
export async function summaryPdf(filings: readonly Checked[], header: { city?: string; contact?: string }, opts: { env?: Record<string, string | undefined>; lang?: Lang } = {}): Promise<Document> {
  const usable = filings.filter((c): c is Checked & { loaded: LoadedFiling } => c.loaded !== undefined);
  if (usable.length === 0) throw new InputError({ zh: '没有可以汇总的申报文件', en: 'no filings to summarise' }, '');
  // One table holds one kind (as `cluster summary`): the 推荐汇总表 of applications, or the review of one batch.
  const reviews = usable.filter((c) => c.profile.kind === 'review');
  if (reviews.length > 0 && reviews.length < usable.length) {
    throw new CliError({
      zh: `申报文件和复核文件混在一起，请分别汇总（复核：${reviews.map((c) => c.loaded.file).join('、')}；申报：${usable.length - reviews.length} 个）`,
      en: `applications and review filings are mixed: summarise them separately (reviews: ${reviews.map((c) => c.loaded.file).join(', ')}; applications: ${usable.length - reviews.length})`,
    });
  }
  if (reviews.length > 0) return reviewSummaryPdf(usable, opts.lang ?? 'zh', opts.env ?? {});
  const { entryOf, buildSummaryTable, oneRound } = await import('./summary/model.js');
  const { renderSummaryPdf } = await import('./summary/pdf.js');
  const { getFonts } = await import('./render/index.js');
  const { FilingView } = await import('./validate/view.js');
  const { computeMetrics } = await import('./metrics/index.js');
  oneRound(usable.map((c) => ({ file: c.loaded.file, profile: c.profile })));
  const profile = usable[0]!.profile;
  const entries = usable.map((c) => {
    const view = new FilingView(c.loaded.data);
    const metrics = (c.result.metrics as import('./metrics/types.js').Metrics | undefined) ?? computeMetrics(view, c.profile);
    return entryOf(c.loaded.file, view, c.profile, metrics, { errors: c.result.summary.error, warnings: c.result.summary.warning });
  });
  const table = buildSummaryTable(entries, profile, { ...(header.city ? { city: header.city } : {}), ...(header.contact ? { contact: header.contact } : {}) });
  const date = documentDate(usable[0]!.loaded.data, profile, opts.env ?? {});
  const out = await renderSummaryPdf(table, { fonts: await getFonts(), date });
  return { name: `${table.title}.pdf`, data: out.data, pages: out.pages };
}

/** `cluster summary <review filings> -o 复核汇总表.pdf`: one batch's review, one row per cluster. */
async function reviewSummaryPdf(usable: ReadonlyArray<Checked & { loaded: LoadedFiling }>, lang: Lang, env: Record<string, string | undefined>): Promise<Document> {
  const batches = new Set(usable.map((c) => c.profile.id));
  if (batches.size > 1) {
    throw new CliError({ zh: `复核文件属于不同批次（${[...batches].join('、')}），请按批次分别汇总`, en: `the review filings belong to different batches (${[...batches].join(', ')}): summarise each batch separately` });
  }
  const { buildReviewSummary, renderReviewSummaryPdf } = await import('./summary/review.js');
  const { getFonts } = await import('./render/index.js');
  const { FilingView } = await import('./validate/view.js');
  const { computeMetrics } = await import('./metrics/index.js');
  const analysed = usable.map((c) => {
    const view = new FilingView(c.loaded.data);
    const metrics = (c.result.metrics as import('./metrics/types.js').Metrics | undefined) ?? computeMetrics(view, c.profile);
    return { file: c.loaded.file, profile: c.profile, loaded: c.loaded, view, metrics, result: c.result };
  });
  const s = buildReviewSummary(analysed, lang);
  const out = await renderReviewSummaryPdf(s, { fonts: await getFonts(), date: documentDate(usable[0]!.loaded.data, usable[0]!.profile, env) });
  return { name: `${s.title}.pdf`, data: out.data, pages: out.pages };
}

/** The years `cluster annual --year` takes for this filing (a review filing's plan years; none for an application). */
export function annualYears(c: Checked): number[] {
  return c.loaded && c.profile.kind === 'review' ? [...c.profile.dataYears] : [];
}

/** `cluster annual <review filing> --year Y --pdf`: the year's development report (自评), as the CLI writes it. */
export async function annualPdf(c: Checked, year: number, lang: Lang, opts: { env?: Record<string, string | undefined> } = {}): Promise<Document> {
  if (!c.loaded) throw new Error('the filing could not be read: no annual report');
  const file = c.loaded.file;
  if (c.profile.kind !== 'review') {
    throw new CliError(
      {
        zh: '年度发展情况报告需要各年的数据和认定时的规划：先用 cluster init --review <申报文件> 生成数据文件，填入该年数据后再运行',
        en: 'the annual report needs the yearly figures and the certified plan: make the data file with cluster init --review <application>, fill in the year, then run this again',
      },
      file,
    );
  }
  if (!c.profile.dataYears.includes(year)) {
    throw new CliError({ zh: `年度应为规划年度之一：${c.profile.dataYears.join('、')}（配置 ${c.profile.id}；实际为 ${year}）`, en: `the year must be one of the plan years ${c.profile.dataYears.join(', ')} (profile ${c.profile.id}; got ${year})` });
  }
  const { annualReport } = await import('./review/annual.js');
  const { FilingView } = await import('./validate/view.js');
  const report = annualReport(new FilingView(c.loaded.data), c.profile, year, lang);
  if (report.keyFigures.every((k) => k.current === undefined) && report.plan.every((p) => p.actual === undefined)) {
    throw new CliError({ zh: `数据文件中没有 ${year} 年的数据：请先填写该年各项数据和各指标实际值`, en: `the data file has no figures for ${year}: fill in the year's data and actuals first` }, file);
  }
  const { getFonts } = await import('./render/index.js');
  const { annualPdf: draw } = await import('./render/forms/annual.js');
  const pdf = await draw(report, { fonts: await getFonts(), date: documentDate(c.loaded.data, c.profile, opts.env ?? {}), lang, file });
  return { name: pdf.name, data: pdf.data, pages: pdf.pages };
}

/**
 * `cluster render --docx`: the Word files the CLI makes from this filing (附件2 and 附件1; a review
 * filing's 规划目标完成情况), dated and marked as the CLI's (errors counted as of the document date).
 */
export async function renderWord(c: Checked, lang: Lang, opts: { today?: string; env?: Record<string, string | undefined>; titleFont?: 'fzxbs' | 'song' } = {}): Promise<Document[]> {
  if (!c.loaded) throw new Error('the filing could not be read: nothing to render');
  const date = documentDate(c.loaded.data, c.profile, opts.env ?? {});
  const asOf = asOfDate(date, opts.today);
  const result = await validateLoaded(c.loaded, { profile: c.profile, lang, today: asOf, ...(c.ruleLevels ? { ruleLevels: c.ruleLevels } : {}) });
  const { renderDocx } = await import('./docx/index.js');
  const docs = await renderDocx({ data: c.loaded.data, profile: c.profile, date, errors: result.summary.error, titleFont: opts.titleFont ?? 'fzxbs', lang });
  return docs.map((d) => ({ name: d.name, data: d.data }));
}

export interface PackInput {
  /** The filing's path in the host (its evidence beside it). */
  file: string;
  profile?: string;
  lang: Lang;
  /** pack --force: pack a filing with errors (recorded in the package). */
  force?: boolean;
  /** Warn above this zip size (bytes; the CLI's default 50 MB). */
  emailLimitBytes?: number;
  ruleLevels?: Readonly<Record<string, 'off' | 'info' | 'warning' | 'error'>>;
  progress?: ProgressBar;
}

/**
 * `cluster pack`: the submission zip, written through the host (the page: into memory), with the CLI's
 * findings. Read back as bytes for the page to offer.
 */
export async function packFiling(input: PackInput): Promise<{ result: PackResult; zips: Document[]; json: string }> {
  const profile = loadProfile(input.profile ?? DEFAULT_PROFILE);
  const result = await pack({
    file: input.file,
    profile,
    lang: input.lang,
    force: !!input.force,
    overwrite: true,
    emailLimitBytes: input.emailLimitBytes ?? 50e6,
    filenameEncoding: 'utf8',
    env: {},
    ...(input.ruleLevels ? { ruleLevels: input.ruleLevels } : {}),
    ...(input.progress ? { progress: input.progress } : {}),
  });
  const zips = result.outputs.map((o) => ({ name: host().path.basename(o.path), data: host().readFile(o.path, Number.MAX_SAFE_INTEGER) }));
  return { result, zips, json: reportJson(profile.id, [result.result], input.lang) };
}

/**
 * `cluster pack --verify`: a received package (and the other parts of a split one) checked as the CLI
 * checks it, read through the host (the page: the zips the user picked, in memory).
 */
export async function verifyZip(file: string, lang: Lang, opts: { parts?: readonly string[]; progress?: ProgressBar } = {}): Promise<VerifyReport> {
  return verifyPackage(file, { lang, ...(opts.parts ? { parts: opts.parts } : {}), ...(opts.progress ? { progress: opts.progress } : {}) });
}
