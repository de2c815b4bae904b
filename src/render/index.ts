/**
 * `cluster render --pdf`: 附件2 申报表 (A4 portrait), 附件1 推荐汇总表 (this cluster's row, A4 landscape)
 * and the 自评报告 against 附件3, from a loaded and validated filing.
 *
 * Fonts are checked before anything is drawn: a character of the filing without a glyph in the actual
 * font is a `render/font-coverage` error naming the character and the field, and no PDF is produced.
 * Every character drawn (fixed texts and generated ones too) is checked again after layout.
 */
import type { Lang } from '../catalogue/index.js';
import { CliError } from '../errors.js';
import type { FileResult, Finding, RawFinding } from '../findings.js';
import type { LoadedFiling } from '../load/index.js';
import type { SourceMap } from '../load/source-map.js';
import { computeMetrics } from '../metrics/index.js';
import type { Metrics } from '../metrics/types.js';
import type { Profile } from '../profile.js';
import { values } from '../rules/walk.js';
import { materialize } from '../validate/index.js';
import { FilingView } from '../validate/view.js';
import { isBlankFiling } from '../catalogue/empty.js';
import { asOfDate } from '../dates.js';

export { isBlankFiling };
import { REPORT_FILE, REVIEW_FORM_FILE, form1File, form2File } from './fixed.js';
import { REVIEW_PLAN_FILE, renderReviewPlan } from './forms/review.js';
import type { RenderContext } from './forms/common.js';
import { renderForm1 } from './forms/form1.js';
import { renderForm2 } from './forms/form2.js';
import { renderReport } from './forms/report/index.js';
import { type DraftOptions, type FontSet, type LoadedFont, loadFonts } from './layout/index.js';

import type { Leaf } from '../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const PRINTED_LEAVES = (l: Leaf): boolean => PRINTED.has(l.node.type) && !l.node.toolOnly;

export interface RenderInput {
  loaded: LoadedFiling;
  profile: Profile;
  lang: Lang;
  /** From validateLoaded, with findings and metrics. */
  result: FileResult;
  /** The fixed date stamped into the PDFs (documentDate from src/dates.ts). */
  date: Date;
  /** The day the documents speak for, YYYY-MM-DD (asOfDate from src/dates.ts): the report's one date. */
  asOf?: string;
  /** A 目录 page after the cover of 附件2 (bound paper copies). */
  toc?: boolean;
  /** Font files (`path` or `file.ttc#PostScriptName`); default Noto Serif SC from node_modules. */
  fonts?: { regular?: string; bold?: string };
}

export interface RenderedPdf {
  /** File name inside the output folder or zip. */
  name: string;
  /** The PDF's Title. */
  title: string;
  data: Uint8Array;
  pages: number;
}

export { generateIntro } from './intro.js';
export { FORM2_FILE, REPORT_FILE, annexLabel, form1File, form1Title, form2File } from './fixed.js';

const fontCache = new Map<string, Promise<FontSet>>();

/** The regular and bold faces, parsed once per process for each pair of paths. */
export function getFonts(spec: { regular?: string; bold?: string } = {}): Promise<FontSet> {
  const key = `${spec.regular ?? ''}\u0000${spec.bold ?? ''}`;
  let p = fontCache.get(key);
  if (!p) {
    p = loadFonts({ ...(spec.regular ? { regular: spec.regular } : {}), ...(spec.bold ? { bold: spec.bold } : {}) }).catch((e: Error) => {
      fontCache.delete(key);
      if (e instanceof CliError) throw e;
      throw new CliError({ zh: e.message, en: e.message.replace(/^无法读取字体文件/, 'cannot read the font file').replace(/^无法解析字体文件/, 'cannot parse the font file') });
    });
    fontCache.set(key, p);
  }
  return p;
}

/** A character the PDF font cannot draw (exit code 1, like a validate error). */
export class FontCoverageError extends CliError {
  constructor(readonly findings: Finding[]) {
    super(
      { zh: `PDF 字体缺少 ${findings.length} 处文字的字形，未生成 PDF`, en: `the PDF font cannot draw ${findings.length} text(s); no PDF written` },
      undefined,
      undefined,
      1,
    );
    this.name = 'FontCoverageError';
  }
}

function cp(m: { char: string; codePoint: number }): string {
  return `${m.char}（U+${m.codePoint.toString(16).toUpperCase().padStart(4, '0')}）`;
}

/**
 * The draft mark of a filing with errors (undefined when it has none): the mark across every page and
 * the footer naming the count. Nothing on a draft page looks like an approval.
 */
export function draftOf(errors: number, lang: Lang): DraftOptions | undefined {
  if (errors <= 0) return undefined;
  return lang === 'zh'
    ? { mark: '草稿 — 校验未通过', footer: `草稿：校验发现 ${errors} 个错误，修改前不得盖章报送` }
    : { mark: 'DRAFT — validation failed', footer: `Draft: validation found ${errors} error${errors === 1 ? '' : 's'}; not to be stamped` };
}

/** Field types whose text is printed (as written) in one of the PDFs. */
const PRINTED = new Set(['string', 'text', 'names', 'phone', 'choice', 'date']);

/**
 * `render/font-coverage` findings (severity error): one per field whose text has characters without a
 * glyph in the font, naming each character with its U+ code and the field's label and path.
 */
export function fontCoverageFindings(
  data: Record<string, unknown>,
  coverage: (text: string) => { char: string; codePoint: number }[],
  lang: Lang,
  sourceMap?: SourceMap,
): Finding[] {
  const view = new FilingView(data);
  const out: Finding[] = [];
  for (const v of values(view, PRINTED_LEAVES)) {
    const texts = (Array.isArray(v.value) ? v.value : [v.value]).filter((t): t is string => typeof t === 'string');
    if (texts.length === 0) continue;
    const missing = coverage(texts.join('\n'));
    if (missing.length === 0) continue;
    const raw: RawFinding = {
      ruleId: 'render/font-coverage',
      messageId: 'missing',
      severity: 'error',
      path: v.pointer,
      data: { chars: missing.map(cp).join('、') },
    };
    out.push(materialize(raw, lang, sourceMap));
  }
  return out;
}

/** The same faces, recording every character laid out (all text is measured before it is drawn). */
function recording(fonts: FontSet, seen: Set<string>): FontSet {
  const wrap = (f: LoadedFont): LoadedFont => ({
    ...f,
    width(text: string, size: number): number {
      for (const ch of text) seen.add(ch);
      return f.width(text, size);
    },
  });
  const regular = wrap(fonts.regular);
  const bold = fonts.bold === fonts.regular ? regular : wrap(fonts.bold);
  const heading = fonts.heading ? wrap(fonts.heading) : undefined;
  return { ...fonts, regular, bold, ...(heading ? { heading } : {}), coverage: (t) => fonts.coverage(t) };
}

export interface RenderOutput {
  pdfs: RenderedPdf[];
  /** The filing is empty: the forms are a blank form to fill in by hand (no draft mark). */
  blank: boolean;
  /** Layout remarks (text broken by force, clipped cells); empty for a clean render. */
  warnings: string[];
}

/** {@link renderAll} with the layout warnings. */
export async function renderDocuments(input: RenderInput): Promise<RenderOutput> {
  const base = await getFonts(input.fonts);
  const missing = fontCoverageFindings(input.loaded.data, (t) => base.coverage(t), input.lang, input.loaded.sourceMap);
  if (missing.length) throw new FontCoverageError(missing);

  const seen = new Set<string>();
  const fonts = recording(base, seen);
  const blank = isBlankFiling(input.loaded.data);
  const view = new FilingView(input.loaded.data);
  const metrics = (input.result.metrics as Metrics | undefined) ?? computeMetrics(view, input.profile);
  const ctx: RenderContext = {
    fonts,
    view,
    loaded: input.loaded,
    profile: input.profile,
    metrics,
    result: input.result,
    date: input.date,
    asOf: input.asOf ?? asOfDate(input.date),
    ...(input.toc ? { toc: true } : {}),
    ...(blank ? { blank: true } : draftOf(input.result.summary.error, 'zh') ? { draft: draftOf(input.result.summary.error, 'zh')! } : {}),
    lang: input.lang,
    warnings: [],
  };
  const fontNames = base.syntheticBold ? base.regular.postscriptName : `${base.regular.postscriptName} / ${base.bold.postscriptName}`;
  // The forms are Chinese whatever --lang says: their formulas (表五's notes) are computed in Chinese.
  const formCtx: RenderContext = input.lang === 'zh' ? ctx : { ...ctx, metrics: computeMetrics(view, input.profile, 'zh') };
  const f2 = await renderForm2(formCtx);
  const review = input.profile.kind === 'review';
  // A review: the review years in 附件2's layout, the certified plan held against the actuals, the
  // self-assessment against the standard. (附件1, the recommendation row, belongs to applications.)
  const f1 = review ? undefined : await renderForm1(formCtx);
  // The report of a blank filing is a draft like any report with errors (it is not a form to fill in).
  const reportDraft = draftOf(input.result.summary.error, input.lang);
  const { blank: _blank, ...reportBase } = ctx;
  const reportCtx: RenderContext = reportDraft ? { ...reportBase, draft: reportDraft } : reportBase;
  const plan = review ? await renderReviewPlan(reportCtx) : undefined;
  const report = await renderReport(reportCtx);

  // Fixed and generated texts (labels, formulas, the generated 简介, the report) with the actual font.
  const drawn = base.coverage([...seen].join(''));
  if (drawn.length) {
    const zh = input.lang === 'zh';
    throw new FontCoverageError([
      {
        ruleId: 'render/font-coverage',
        severity: 'error',
        path: '',
        label: zh ? '表格固定文字' : 'fixed text of the forms',
        message: zh
          ? `表格固定文字或生成的文字中的字符 ${drawn.map(cp).join('、')} 在 PDF 字体（${fontNames}）中没有字形：请用 --font 指定包含这些字的字体`
          : `the characters ${drawn.map(cp).join(', ')} of the forms' fixed or generated text have no glyph in the PDF font (${fontNames}): choose a font that has them (--font)`,
      },
    ]);
  }
  return {
    blank,
    pdfs: [
      { name: review ? REVIEW_FORM_FILE : form2File(input.profile), title: f2.title, data: f2.data, pages: f2.pages },
      ...(f1 ? [{ name: form1File(input.profile), title: f1.title, data: f1.data, pages: f1.pages }] : []),
      ...(plan ? [{ name: REVIEW_PLAN_FILE, title: plan.title, data: plan.data, pages: plan.pages }] : []),
      { name: REPORT_FILE, title: report.title, data: report.data, pages: report.pages },
    ],
    warnings: [...new Set(ctx.warnings)],
  };
}

/** The three PDFs, in this order: 附件2, 附件1, 自评报告. */
export async function renderAll(input: RenderInput): Promise<RenderedPdf[]> {
  return (await renderDocuments(input)).pdfs;
}
