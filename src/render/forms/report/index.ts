/**
 * 自评报告: a document the county's SME authority reads and signs before stamping the application.
 * The code follows the document:
 *
 *   title, 基本信息 table (one report date, stated once)
 *   一、总体结论
 *   二、逐项对照认定标准      （一）…（八） the criteria of 附件3, （九） veto conditions and eligibility
 *   三、核算指标及计算公式
 *   四、存在的问题及修改要求   （一）… by form section, 1. 2. … the problems
 *   审阅及签字
 *   附录 校验明细              for the preparer: where each finding is (line:column, cell) and its rule
 *
 * Nothing in the body depends on the machine or the day it is rendered: no file paths, font names,
 * source locations or rule ids (the appendix has locations; `--lang en` shows rule ids).
 */
import { FORM, type SectionId } from '../../../catalogue/index.js';
import type { Finding, Severity } from '../../../findings.js';
import { fixed2 } from '../../../i18n.js';
import { judge, METRIC_META } from '../../../metrics/meta.js';
import { METRIC_IDS } from '../../../metrics/types.js';
import { baseYear } from '../../../profile.js';
import { FONT_SIZE, type LayoutDocument, type TableRow, createDocument } from '../../layout/index.js';
import { STANDARD_EDITION, STANDARD_TITLE } from '../../fixed.js';
import { fmtDate } from '../../values.js';
import { B, GREY, L, NOTE_SIZE, type RenderContext, V, formulaText, note, printable, table } from '../common.js';
import { type Criterion, type Verdict, VERDICT, assess, verdictOf } from './assess.js';

const VERDICT_COLOR: Record<Verdict, string> = { pass: '#1b6e20', fail: '#c62828', attention: '#b45f06', missing: '#b45f06', info: '#000000' };

export const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** Heading numbers as official documents write them: 一、 （一） 1. （1） (English: 1. 1.1 …). */
export function headingNumber(level: 1 | 2 | 3 | 4, n: number, zh = true): string {
  if (!zh) return `${n}.`;
  if (level === 1) return `${CN_NUM[n - 1] ?? n}、`;
  if (level === 2) return `（${CN_NUM[n - 1] ?? n}）`;
  if (level === 3) return `${n}.`;
  return `（${n}）`;
}

interface Report {
  ctx: RenderContext;
  doc: LayoutDocument;
  zh: boolean;
  t: (a: string, b: string) => string;
  pr: (s: string) => string;
  findings: Finding[];
  criteria: Criterion[];
  count: Record<Severity, number>;
}

function h1(r: Report, n: number, text: string): void {
  r.doc.heading(`${headingNumber(1, n, r.zh)}${text}`, { size: FONT_SIZE.四号, spaceBefore: 16, outline: 1 });
}
function h2(r: Report, n: number, text: string, extra: { color?: string } = {}): void {
  r.doc.heading(`${headingNumber(2, n, r.zh)}${text}`, { size: FONT_SIZE.小四, spaceBefore: 10, spaceAfter: 2, outline: 2, face: 'body', ...extra });
}

/** The date the report speaks for, as "2024年6月14日" (or ISO in English). */
function reportDay(r: Report): string {
  const iso = r.ctx.asOf;
  return r.zh ? fmtDate(iso)! : iso;
}

function front(r: Report, name: string): void {
  const { ctx, doc, t, count } = r;
  const { view, profile } = ctx;
  const y3 = baseYear(profile);
  const years = profile.dataYears;
  const place = ['province', 'city', 'county'].map((k) => view.str(`/cover/region/${k}`) ?? '').join('');
  table(ctx, doc, {
    columns: [110, '*'],
    rows: [
      [L(t('集群名称', 'Cluster')), L(name)],
      [L(t('所在地区', 'Region')), L(place || t('未填报', 'not filed'))],
      [L(t('集群运营管理机构', 'Operator')), L(view.str('/cover/operator') ?? t('未填报', 'not filed'))],
      [L(t('对照标准', 'Standard')), L(`${profile.name}：《${STANDARD_TITLE}》${STANDARD_EDITION}`)],
      [L(t('数据年度', 'Data years')), L(t(`${years[0]}—${y3}年（基准年${y3}年，目标年${profile.targetYear}年）`, `${years[0]}–${y3} (base ${y3}, target ${profile.targetYear})`))],
      [L(t('报告日期', 'Date')), L(reportDay(r))],
      [L(t('校验结果', 'Validation')), L(t(`错误\u00a0${count.error}\u00a0个，警告\u00a0${count.warning}\u00a0个，提示\u00a0${count.info}\u00a0个`, `${count.error} errors, ${count.warning} warnings, ${count.info} notes`))],
    ],
  });
}

function conclusion(r: Report, n: number): void {
  const { doc, t, count, criteria, findings } = r;
  h1(r, n, t('总体结论', 'Conclusion'));
  const rows = criteria.flatMap((c) => c.rows);
  const by = (v: Verdict) => rows.filter((row) => verdictOf(row, findings) === v).length;
  const failedCriteria = criteria.filter((c) => c.rows.some((row) => verdictOf(row, findings) === 'fail')).length;
  const missing = by('missing');
  const attention = by('attention');
  const ok = count.error === 0 && failedCriteria === 0;
  const text = ok
    ? t(
        `对照认定标准逐项核对，各项均已达到${missing ? `；${missing}\u00a0项未填报，须补充` : ''}${attention ? `；${attention}\u00a0项需关注` : ''}。`,
        `Checked criterion by criterion: nothing fails${missing ? `; ${missing} not filed` : ''}${attention ? `; ${attention} to check` : ''}.`,
      )
    : t(
        `校验发现错误\u00a0${count.error}\u00a0个，${failedCriteria}\u00a0项认定标准存在不符合项${missing ? `，${missing}\u00a0项未填报` : ''}：须按本报告第四部分修改后再盖章报送。`,
        `${count.error} errors; ${failedCriteria} criteria fail${missing ? `; ${missing} not filed` : ''}: correct them (part 4) before stamping.`,
      );
  doc.paragraph(text, { size: FONT_SIZE.小四, bold: true, color: ok ? '#000000' : VERDICT_COLOR.fail });
}

function criteriaChapter(r: Report, n: number): void {
  const { ctx, doc, t, pr, findings, criteria } = r;
  h1(r, n, t('逐项对照认定标准', 'Criterion by criterion'));
  criteria.forEach((c, i) => {
    h2(r, i + 1, c.title);
    if (c.text) doc.paragraph(`${t('标准原文：', 'Standard (zh): ')}${c.text}`, { size: NOTE_SIZE, color: GREY, indentChars: 0, lineHeight: 1.45, spaceAfter: 4 });
    const rows: TableRow[] = [
      { header: true, cells: [t('对照项', 'Item'), t('填报数据', 'Figures'), t('标准', 'Threshold'), t('结论', 'Verdict')].map((h) => V(h, { bold: true })) },
    ];
    for (const row of c.rows) {
      const v = verdictOf(row, findings);
      const small = [...(row.formula ? [formulaText(ctx.fonts, row.formula, r.zh)] : []), ...(row.notes ?? []).map(pr)];
      rows.push({
        cells: [
          L(pr(row.item)),
          B([{ type: 'text', text: pr(row.figure) }, ...small.map((s) => note(s, { color: GREY }))]),
          V(pr(row.threshold)),
          V(VERDICT[v][ctx.lang], { bold: v !== 'info', color: VERDICT_COLOR[v] }),
        ],
      });
    }
    table(ctx, doc, { columns: [130, '*', 86, 54], rows });
  });
}

function metricsChapter(r: Report, n: number): void {
  const { ctx, doc, t, pr } = r;
  const { metrics, profile, lang } = ctx;
  const years = profile.dataYears;
  h1(r, n, t('核算指标及计算公式', 'Derived metrics and formulas'));
  const rows: TableRow[] = [{ header: true, cells: [t('指标', 'Metric'), t('数值', 'Value'), t('标准', 'Threshold'), t('结论', 'Verdict')].map((h) => V(h, { bold: true })) }];
  for (const id of METRIC_IDS) {
    const m = metrics[id];
    if (!m) continue;
    // A review files no new 表八: the plan metrics are the application's (its plan is in 规划目标完成情况).
    if (profile.kind === 'review' && id.startsWith('plan')) continue;
    const j = judge(id, m, profile);
    const unit = m.unit === '%' ? '%' : `\u00a0${m.unit}`;
    const value = m.byYear
      ? years.map((y) => (m.byYear![String(y)] == null ? '—' : fixed2(m.byYear![String(y)]!))).join(' / ') + unit
      : m.value === null
        ? t('无法计算', 'cannot be computed')
        : `${m.unit === '家' ? String(m.value) : fixed2(m.value)}${unit}`;
    const threshold = id === 'co2Intensity' ? t('逐年下降', 'falls yearly') : j.threshold ? `${j.threshold.text}${m.unit === '%' ? '%' : ''}` : '—';
    const v: Verdict = m.value === null && !m.byYear ? (j.threshold ? 'missing' : 'info') : j.verdict === 'pass' ? 'pass' : j.verdict === 'fail' ? 'fail' : 'info';
    rows.push({
      cells: [
        L(pr(METRIC_META[id].label[lang])),
        B([{ type: 'text', text: value }, note(formulaText(ctx.fonts, m.formula || m.note || '—', r.zh), { color: GREY })]),
        V(pr(threshold.replace(/([≥≤><]) ?/g, '$1\u00a0'))),
        V(VERDICT[v][lang], { bold: v !== 'info', color: VERDICT_COLOR[v] }),
      ],
    });
  }
  table(ctx, doc, { columns: [120, '*', 70, 54], rows });
}

const ORDER: Array<SectionId | 'other'> = [...FORM.map((s) => s.section.id), 'other'];

function sectionName(r: Report, sec: SectionId | 'other'): string {
  const def = FORM.find((s) => s.section.id === sec)?.section;
  if (!def) return r.t('申报文件整体', 'The filing as a whole');
  return r.zh ? def.title.replace(/^[一二三四五六七八九十]+、/, '') : def.en.replace(/^[IVX]+\.\s*/, '');
}

function problemsChapter(r: Report, n: number): void {
  const { ctx, doc, t, pr, findings, zh } = r;
  h1(r, n, t('存在的问题及修改要求', 'Problems to correct'));
  if (findings.length === 0) {
    doc.paragraph(t('校验未发现问题。', 'Validation found no problems.'), { size: FONT_SIZE.小四 });
    return;
  }
  let k = 0;
  for (const sec of ORDER) {
    const list = findings.filter((f) => (f.section ?? 'other') === sec);
    if (list.length === 0) continue;
    h2(r, ++k, sectionName(r, sec));
    list.forEach((f, i) => {
      const sev = f.severity === 'error' ? t('【错误】', '[error] ') : f.severity === 'warning' ? t('【警告】', '[warning] ') : t('【提示】', '[note] ');
      const id = zh ? '' : ` (${f.ruleId})`;
      doc.paragraph(`${headingNumber(3, i + 1, zh)}${sev}${formulaText(ctx.fonts, f.message, zh)}${id}`, {
        size: FONT_SIZE.五号,
        indentChars: 2,
        lineHeight: 1.6,
        color: f.severity === 'error' ? VERDICT_COLOR.fail : '#000000',
      });
    });
  }
}

function signature(r: Report): void {
  const { doc, t } = r;
  const note = t(
    '本报告根据申报数据逐项对照认定标准生成，供县级行政区划中小企业主管部门盖章前审阅；结论以认定机关的审核为准。',
    'Generated from the filing, criterion by criterion, for the county-level SME authority to read before stamping; the certifying authority decides.',
  );
  const lineH = FONT_SIZE.小四 * 2.2;
  // A draft carries no place to sign or stamp: nothing on it may look like an approval.
  const lines = r.ctx.draft ? [] : [t('审阅人（签字）：', 'Reviewed by: '), t('县级中小企业主管部门（盖章）：', 'County SME authority (stamp): '), t('日期：', 'Date: ')];
  // The note and the signature lines stay together.
  doc.ensureSpace(14 + NOTE_SIZE * 1.5 * 2 + 14 + lines.length * lineH);
  doc.paragraph(note, { size: NOTE_SIZE, color: GREY, indentChars: 0, spaceBefore: 14, spaceAfter: 14 });
  for (const label of lines) doc.fieldLine(label, '', { size: FONT_SIZE.小四, lineHeight: 2.2, width: doc.contentWidth * 0.75, x: doc.contentWidth * 0.25 });
}

function appendix(r: Report): void {
  const { ctx, doc, t, pr, findings } = r;
  if (findings.length === 0) return;
  doc.addPage();
  doc.heading(t('附录\u3000校验明细', 'Appendix: validation details'), { size: FONT_SIZE.四号, outline: 1 });
  doc.paragraph(t('供填报人员修改时查找：各问题在申报文件中的位置（行:列或工作表!单元格）及规则编号。', 'For the preparer: where each problem is in the filing (line:column or sheet!cell) and its rule id.'), {
    size: NOTE_SIZE,
    color: GREY,
    indentChars: 0,
    spaceAfter: 4,
  });
  const rows: TableRow[] = [{ header: true, cells: [t('序号', 'No.'), t('位置', 'Where'), t('规则', 'Rule'), t('问题', 'Problem')].map((h) => V(h, { bold: true })) }];
  const sorted = ORDER.flatMap((sec) => findings.filter((f) => (f.section ?? 'other') === sec));
  sorted.forEach((f, i) => {
    rows.push({
      cells: [
        V(String(i + 1)),
        V(f.sheet ? `${f.sheet}!${f.cell ?? ''}` : f.line ? `${f.line}:${f.column ?? 1}` : '—', { size: NOTE_SIZE }),
        L(f.ruleId, { size: NOTE_SIZE }),
        L(pr(f.message), { size: NOTE_SIZE }),
      ],
    });
  });
  table(ctx, doc, { columns: [30, 56, 120, '*'], rows });
}

/** Cut `text` to `max` characters with "…" at the end. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export async function renderReport(ctx: RenderContext): Promise<{ data: Uint8Array; pages: number; title: string }> {
  const { view, lang } = ctx;
  const zh = lang === 'zh';
  const t = (a: string, b: string) => (zh ? a : b);
  // CJK fonts draw ‘ ’ “ ” full width: in English sentences use straight quotes.
  const pr = (s: string) => (zh ? printable(ctx.fonts, s) : printable(ctx.fonts, s).replace(/[‘’]/g, "'").replace(/[“”]/g, '"'));
  const findings = ctx.result.findings.filter((f) => f.ruleId !== 'render/font-coverage');
  const count = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
  for (const f of findings) count[f.severity]++;
  const name = view.str('/cover/clusterName') ?? t('（未填写集群名称）', '(no cluster name)');
  const title = t('中小企业特色产业集群自评报告', 'Self-assessment report: SME characteristic industrial cluster');
  const doc = createDocument({
    fonts: ctx.fonts,
    date: ctx.date,
    title,
    subject: `${name} — ${t('对照', 'against ')}${STANDARD_TITLE}${STANDARD_EDITION}`,
    author: 'cluster',
    keywords: ['中小企业特色产业集群', '自评报告', '认定标准', ...(view.str('/cover/clusterName') ? [name] : [])],
    fontSize: FONT_SIZE.五号,
    header: { text: ({ index }) => (index === 0 ? undefined : `${t('自评报告', 'Self-assessment')} · ${name}`) },
    pageNumbers: { format: zh ? 'chinese' : (n, total) => `Page ${n} of ${total}` },
    ...(ctx.draft ? { draft: ctx.draft } : {}),
    pdfa: true,
  });
  const r: Report = { ctx: { ...ctx, result: { ...ctx.result, findings } }, doc, zh, t, pr, findings, criteria: assess({ ...ctx, result: { ...ctx.result, findings } }), count };

  doc.addPage();
  doc.title(title, { size: zh ? FONT_SIZE.二号 : FONT_SIZE.小二, spaceAfter: 4 });
  doc.paragraph(t(`对照《${STANDARD_TITLE}》${STANDARD_EDITION}`, `against ${STANDARD_TITLE} ${STANDARD_EDITION}`), { indentChars: 0, align: 'center', size: FONT_SIZE.小四, spaceAfter: 10 });
  front(r, name);
  conclusion(r, 1);
  criteriaChapter(r, 2);
  metricsChapter(r, 3);
  problemsChapter(r, 4);
  signature(r);
  appendix(r);

  const data = await doc.finish();
  ctx.warnings.push(...doc.warnings);
  return { data, pages: doc.pageCount, title };
}
