/**
 * `cluster render --pdf`: the three PDFs of the passing example (附件2, 附件1, 自评报告), their labels in
 * the seed's order, the example's values, page geometry, determinism, metadata, the generated 简介,
 * the self-assessment verdicts, font coverage, and the CLI's output folder. One font load for the file
 * (renderAll caches the parsed faces per process).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORM, DECLARATION_TEXT, type GroupNode, type Node, leaves, getAt } from '../src/catalogue/index.js';
import { documentDate } from '../src/dates.js';
import type { FileResult } from '../src/findings.js';
import type { LoadedFiling } from '../src/load/index.js';
import { computeMetrics } from '../src/metrics/index.js';
import { planYears } from '../src/profile.js';
import {
  FontCoverageError,
  fontCoverageFindings,
  generateIntro,
  getFonts,
  renderAll,
  renderDocuments,
  type RenderedPdf,
} from '../src/render/index.js';
import {
  BLANK_DATE,
  DECLARATION_SIGN,
  DECLARATION_STAMP,
  FORM1_COLUMNS,
  FORM1_HEADER_LINES,
  FORM2_TITLE,
  INSTRUCTIONS_TITLE,
  MINISTRY,
  PLAN_ACHIEVEMENTS_GUIDE,
  PLAN_CHAPTER_4,
  PLAN_GOALS,
  PLAN_LIMIT,
  PLAN_OVERVIEW_GUIDE,
  PLAN_TARGETS_NOTE,
  PUBLIC_SERVICES_ROW,
  RECOMMENDATION_ROW,
  RECOMMENDATION_STAMP,
  STANDARD_CLAUSES,
  TARGET_COLUMNS,
  instructions,
  planRemarks,
  stageLabel,
} from '../src/render/fixed.js';
import { fmtDate, fmtValue } from '../src/render/values.js';
import { formulaText } from '../src/render/forms/common.js';
import { FilingView } from '../src/validate/view.js';
import { ROOT, cli } from './helpers/cli.js';
import { BASE_REL, FAILING_REL, type Data, clone, example, profile, validateData } from './helpers/filing.js';
import { type ExtractedPdf, extractPdfText, squash } from './helpers/pdf-text.js';

const PORTRAIT = { width: 595.28, height: 841.89 };
const LANDSCAPE = { width: 841.89, height: 595.28 };
const PAGE_NO = /第\d+页共\d+页/g;

function loadedOf(data: Data, rel = BASE_REL): LoadedFiling {
  const ex = example(rel);
  return { file: ex.file, dir: ex.dir, format: 'yaml', data, sourceMap: ex.parsed.sourceMap };
}

async function render(data: Data, rel = BASE_REL, lang: 'zh' | 'en' = 'zh'): Promise<{ pdfs: RenderedPdf[]; result: FileResult; warnings: string[] }> {
  const result = await validateData(data, { lang }, example(rel));
  const out = await renderDocuments({ loaded: loadedOf(data, rel), profile: profile(), lang, result, date: documentDate(data, profile(), {}) });
  return { pdfs: out.pdfs, result, warnings: out.warnings };
}

/** Text of a whole PDF, whitespace and page numbers removed. */
function flat(pdf: ExtractedPdf): string {
  return squash(pdf.pages.join('\n')).replace(PAGE_NO, '');
}

/** Asserts that `needles` occur in `hay` in this order; returns the first one that does not. */
function firstOutOfOrder(hay: string, needles: readonly string[]): string | undefined {
  let at = 0;
  for (const n of needles) {
    const s = squash(n);
    if (!s) continue;
    const i = hay.indexOf(s, at);
    if (i < 0) return `${n}  (searching from …${hay.slice(Math.max(0, at - 20), at + 20)}…; anywhere: ${hay.includes(s)})`;
    at = i + s.length;
  }
  return undefined;
}

/** Every label of 附件2 in the seed's order, from the catalogue and the fixed texts. */
function expectedForm2Labels(): string[] {
  const p = profile();
  const out: string[] = [];
  const cover = FORM.find((s) => s.key === 'cover')!;
  const name = cover.children.find((n) => n.key === 'clusterName') as Extract<Node, { kind: 'field' }>;
  out.push('附件2', FORM2_TITLE, name.label, name.hint!, '所属地区', '省(区、市)', '市(区)', '县(市、区)');
  out.push('县级行政区划中小企业主管部门(盖章)', '集群运营管理机构', '申报时间', '联系人及联系电话', MINISTRY);
  out.push(INSTRUCTIONS_TITLE, ...instructions(p).map((t, i) => `${i + 1}. ${t}`));

  let lastDirection: string | undefined;
  const walk = (nodes: readonly Node[], sectionKey: string): void => {
    for (const n of nodes) {
      if (n.kind === 'field') {
        if (n.toolOnly || n.type === 'evidence' || n.type === 'names') continue;
        if (sectionKey === 'plan' && n.key === 'approach') out.push(PLAN_CHAPTER_4);
        out.push(n.label);
        if (sectionKey === 'plan' && n.key === 'overview') out.push(PLAN_OVERVIEW_GUIDE);
        if (sectionKey === 'plan' && n.key === 'achievements') out.push(PLAN_ACHIEVEMENTS_GUIDE);
        if (sectionKey === 'plan' && n.key === 'stageTargets') planYears(p).forEach((y, i) => out.push(stageLabel(i, y)));
        if (n.type === 'choice') out.push(...(n.options ?? []));
        if (n.hint) out.push(n.hint);
        continue;
      }
      if (n.kind === 'array') continue; // extra plan rows: their cells are values
      const g = n as GroupNode;
      switch (g.role) {
        case 'checklist':
          if (g.key === 'publicServices') out.push(PUBLIC_SERVICES_ROW);
          out.push(g.label!, ...g.children.map((c) => (c as GroupNode).label!), g.hint!);
          break;
        case 'namedCount':
          out.push(g.label!);
          if (g.hint && !['inventionPatents', 'overseasBranches'].includes(g.key)) out.push(g.hint);
          if (['inventionPatents', 'overseasBranches'].includes(g.key)) out.push('个', g.hint!);
          else out.push('数量', '个', '名称');
          break;
        case 'target':
          // The 方向 cell spans the rows of its direction.
          if (g.direction !== lastDirection) out.push(g.direction!);
          lastDirection = g.direction;
          out.push(g.label!);
          break;
        default:
          if (g.key === 'standards') {
            out.push(g.label!, g.hint!, '类别', '主持数量', '参与数量', '国际', '国家', '行业', '团体');
          } else if (g.key === 'targets') {
            out.push(PLAN_GOALS, g.label!, PLAN_TARGETS_NOTE, ...TARGET_COLUMNS(p));
            walk(g.children, sectionKey);
            const r = planRemarks(p);
            out.push('其它', r.head, ...r.items);
          } else if (g.key === 'authorityContact') {
            out.push('联系人', '联系方式'); // the row label is the authority's, pushed above
          } else if (g.key === 'operatorContact') {
            out.push('集群运营管理机构', '联系人', '联系方式');
          } else {
            if (g.label) out.push(g.label);
            if (g.hint) out.push(g.hint);
            walk(g.children, sectionKey);
          }
      }
    }
  };
  for (const s of FORM) {
    if (s.key === 'cover' || s.key === 'summary' || s.key === 'declaration') continue;
    if (s.filing === 'review') continue; // the review's own sections are not on the application form
    out.push(s.section.title);
    if (s.key === 'basic') out.push(name.label, name.hint!, '县级行政区划中小企业主管部门');
    if (s.key === 'plan') out.push(PLAN_LIMIT);
    walk(s.children, s.key);
  }
  out.push('九、真实性声明及推荐意见', '真实性声明', DECLARATION_TEXT, DECLARATION_SIGN, DECLARATION_STAMP, RECOMMENDATION_ROW, RECOMMENDATION_STAMP, BLANK_DATE);
  return out;
}

/** The example's values as 附件2 prints them. */
function expectedForm2Values(data: Data): string[] {
  const p = profile();
  const out: string[] = [];
  const view = new FilingView(data);
  for (const leaf of leaves()) {
    const n = leaf.node;
    const sec = leaf.segments[0];
    if (n.toolOnly || n.type === 'evidence' || sec === 'summary' || leaf.segments.includes('*')) continue;
    if (leaf.segments.join('/') === 'cover/region/province' || leaf.segments[1] === 'region') continue; // printed without the level
    const v = getAt(data, leaf.segments);
    if (v === undefined || v === null) continue;
    if (n.years) {
      for (const y of [...p.dataYears, ...planYears(p)]) {
        const s = fmtValue(n, (v as Record<string, unknown>)[String(y)]);
        if (s) out.push(s);
      }
    } else if (n.type === 'names') {
      for (const name of view.list(`/${leaf.segments.join('/')}`)) out.push(name);
    } else if (n.type === 'choice') {
      continue; // shown as ticked boxes
    } else {
      const s = n.type === 'date' ? fmtDate(v) : fmtValue(n, v);
      if (s) out.push(...s.split('\n'));
    }
  }
  for (const e of (view.get('/plan/targets/extra') as Array<Record<string, string>>) ?? []) out.push(e.indicator!, e.baseline!, e.target!);
  return out;
}

describe('render the passing example', () => {
  let data: Data;
  let pdfs: RenderedPdf[];
  let warnings: string[];
  let form2: ExtractedPdf;
  let form1: ExtractedPdf;
  let report: ExtractedPdf;

  beforeAll(async () => {
    data = clone();
    ({ pdfs, warnings } = await render(data));
    [form2, form1, report] = await Promise.all(pdfs.map((p) => extractPdfText(p.data)));
  });

  it('returns 附件2, 附件1 and the 自评报告, in this order, with their file names', () => {
    expect(pdfs.map((p) => p.name)).toEqual(['附件2 中小企业特色产业集群申报表.pdf', '附件1 2024年度中小企业特色产业集群推荐汇总表.pdf', '自评报告.pdf']);
    expect(pdfs.map((p) => p.title)).toEqual(['中小企业特色产业集群申报表', '2024年度中小企业特色产业集群推荐汇总表', '中小企业特色产业集群自评报告']);
    for (const [i, p] of pdfs.entries()) expect(p.pages).toBe([form2, form1, report][i]!.pages.length);
    expect(warnings).toEqual([]);
  });

  it('附件2 has every label of the seed’s form, in the seed’s order', () => {
    const labels = expectedForm2Labels();
    expect(labels.length).toBeGreaterThan(250);
    const missing = firstOutOfOrder(flat(form2), labels);
    expect(missing).toBeUndefined();
    // The check has teeth: two rows swapped are out of order.
    const i = labels.indexOf('集群企业数量');
    const swapped = [...labels];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    expect(firstOutOfOrder(flat(form2), swapped)).toBeDefined();
  });

  it('附件2 shows every value of the example (2 decimals where the form has decimals)', () => {
    const text = flat(form2);
    const missing = expectedForm2Values(data).filter((v) => !text.includes(squash(v)));
    expect(missing).toEqual([]);
    // Numbers with 2 decimals, integers as integers, optional-empty as 无.
    expect(text).toContain('18.60'); // area 18.6
    expect(text).toContain('25.00'); // leadingCagr 2021: 25
    expect(text).toContain('186500.00'); // exports (万元)
    expect(text).toContain('数量：3个名称：荆门市新能源电池产业联盟、荆门市锂电池行业协会、掇刀区新能源电池产业链上下游企业协作联盟');
    expect(text).toContain('96个(需提供清单及佐证材料)');
    expect(text).toContain('湖北省(区、市)荆门市(区)掇刀县(市、区)');
  });

  it('ticks the boxes the filing ticks, as vector boxes with √/□ markers', () => {
    const text = flat(form2);
    expect(text).toContain('□第一产业√第二产业□第三产业');
    expect(text).toContain('√绘制产业链图谱，开展产业链培育');
    expect(text).toContain('□与先进制造业集群、国家新型工业化产业示范基地建立稳定合作配套关系');
    expect(text).toContain('√是□否□不适用'); // 是否高于行业平均水平: 是
    expect(text).toContain('□是□否√非高耗能行业，不适用');
  });

  it('prints the formulas of 表五 with the numbers from computeMetrics', () => {
    const text = flat(form2);
    const m = computeMetrics(new FilingView(data), profile());
    for (const id of ['co2Intensity', 'energyIntensity', 'energyIntensityReduction'] as const) {
      for (const part of m[id]!.formula.split('；')) expect(text).toContain(squash(part));
    }
    expect(text).toContain('（注：单位产值二氧化碳排放量需提供计算公式）计算公式：');
  });

  it('leaves tool-only fields off the form', () => {
    const text = flat(form2);
    expect(text).not.toContain('集群运营管理机构类型');
    expect(text).not.toContain('有效发明专利拥有量（按年度）');
    expect(text).not.toContain('（产业园区管委会）'); // operatorType's value as the report prints it
  });

  it('prints the base-year (2020) figures its growth rates rest on: a 注 under 表二, 表三 and 表八 of 附件2, and in the report', () => {
    const f2 = squash(form2.pages.join(''));
    expect(f2).toContain(squash('注：近三年年均增速以2020年为基期计算（2020—2023年，3个间隔）：2020年集群总产值 151.60 亿元'));
    expect(f2).toContain(squash('2020年集群中小企业研发经费总额 3.64 亿元'));
    const rp = squash(report.pages.join(''));
    expect(rp).toContain(squash('注：以2020年为基期（3个间隔），2020年数值 151.6；按2021年基期（2个间隔）为 24.58%'));
  });

  it('has A4 pages, portrait for 附件2 and the report, landscape for 附件1, and sane page counts', () => {
    for (const s of form2.pageSizes) expect(s).toEqual(PORTRAIT);
    for (const s of report.pageSizes) expect(s).toEqual(PORTRAIT);
    for (const s of form1.pageSizes) expect(s).toEqual(LANDSCAPE);
    expect(form2.pages.length).toBeGreaterThanOrEqual(14);
    expect(form2.pages.length).toBeLessThanOrEqual(30);
    expect(form1.pages.length).toBe(1);
    expect(report.pages.length).toBeGreaterThanOrEqual(4);
    expect(report.pages.length).toBeLessThanOrEqual(15);
  });

  it('numbers the pages "第 N 页 共 M 页" (the cover unnumbered) and starts each section 一–九 on a new page', () => {
    const n = form2.pages.length - 1;
    expect(form2.pages[0]).not.toMatch(/第 \d+ 页/);
    form2.pages.slice(1).forEach((p, i) => expect(p).toContain(`第 ${i + 1} 页 共 ${n} 页`));
    for (const t of ['一、基本情况', '二、主导产业情况', '三、创新能力情况', '四、数字化升级情况', '五、绿色化转型情况', '六、开放合作情况', '七、治理和服务水平', '八、未来三年中小企业特色产业集群发展规划', '九、真实性声明及推荐意见']) {
      expect(form2.pages.some((p) => p.startsWith(t))).toBe(true);
    }
  });

  it('repeats the header row when a table breaks across pages', () => {
    const cols = squash(TARGET_COLUMNS(profile()).join(''));
    const pages = form2.pages.filter((p) => squash(p).includes(cols));
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps text inside the page and starts no line with closing punctuation', () => {
    for (const pdf of [form2, form1, report]) {
      pdf.items.forEach((items, i) => {
        const size = pdf.pageSizes[i]!;
        for (const it of items) {
          expect(it.x).toBeGreaterThanOrEqual(0);
          expect(it.x + it.width).toBeLessThanOrEqual(size.width + 0.5);
          expect(it.y).toBeGreaterThan(0);
          expect(it.y).toBeLessThan(size.height);
        }
        // Items on one baseline, left to right: an item starts a line when nothing ends just before it.
        const rows = new Map<number, typeof items>();
        for (const it of items) {
          const k = Math.round(it.y * 2) / 2;
          rows.set(k, [...(rows.get(k) ?? []), it]);
        }
        for (const row of rows.values()) {
          row.sort((a, b) => a.x - b.x);
          row.forEach((it, k) => {
            const prev = row[k - 1];
            const starts = !prev || prev.x + prev.width + 3 < it.x;
            if (starts) expect('，。、；：）'.includes(it.str.trim()[0] ?? ''), `line starts with "${it.str}" on page ${i + 1}`).toBe(false);
          });
        }
      });
    }
  });

  it('writes the document info: title, subject, author, keywords, fixed dates', () => {
    expect(form2.info.Title).toBe('中小企业特色产业集群申报表');
    expect(form2.info.Author).toBe('cluster');
    expect(String(form2.info.Subject)).toContain('湖北省荆门市掇刀区新能源动力电池产业集群');
    expect(String(form2.info.Keywords)).toContain('申报表');
    expect(form1.info.Title).toBe('2024年度中小企业特色产业集群推荐汇总表');
    expect(report.info.Title).toBe('中小企业特色产业集群自评报告');
    expect(String(form2.info.CreationDate)).toMatch(/^D:20240611160000Z|^D:20240611/);
  });

  it('is byte-identical when rendered again', async () => {
    const again = await renderAll({ loaded: loadedOf(data), profile: profile(), lang: 'zh', result: await validateData(data), date: documentDate(data, profile(), {}) });
    for (const [i, p] of again.entries()) expect(Buffer.from(p.data).equals(Buffer.from(pdfs[i]!.data))).toBe(true);
  });

  it('附件1 holds the title, the header lines, the columns and this cluster’s row', () => {
    const text = flat(form1);
    const missing = firstOutOfOrder(text, [
      '附件1',
      '2024年度中小企业特色产业集群推荐汇总表',
      ...FORM1_HEADER_LINES,
      ...FORM1_COLUMNS,
      '1',
      '湖北省荆门市掇刀区新能源动力电池产业集群',
      '荆门市掇刀区新能源动力电池产业园管理委员会',
      '湖北省荆门市掇刀区',
      '新能源动力电池（锂离子动力电池、储能电池及关键材料）',
      '2016年9月',
      data.summary && (data.summary as Record<string, string>).intro!,
    ]);
    expect(missing).toBeUndefined();
  });

  it('the 自评报告 names each criterion of 附件3 with its verdict, the formulas, and the findings', async () => {
    const text = flat(report);
    const missing = firstOutOfOrder(text, [
      '一、总体结论',
      '二、逐项对照认定标准',
      ...STANDARD_CLAUSES.map((c) => `（${c.no}）${c.title}`),
      '（九）否决条件及申报资格',
      '三、核算指标及计算公式',
      '四、存在的问题及修改要求',
      '审阅人（签字）',
    ]);
    expect(missing).toBeUndefined();
    expect(text).toContain('对照认定标准逐项核对，各项均已达到。');
    // A document for a signature: nothing of the machine, the source file or the rules in the body.
    expect(text).not.toMatch(/NotoSerif|examples\/|cluster\.yaml|\d+:\d+|competitiveness\/|PDF字体/);
    expect(text).not.toContain('草稿');
    expect(text).not.toContain('不符合');
    expect((text.match(/符合/g) ?? []).length).toBeGreaterThan(25);
    const fonts = await getFonts();
    const formula = computeMetrics(new FilingView(data), profile()).outputCagr!.formula;
    expect(text).toContain(squash(formulaText(fonts, formula)));
    expect(formulaText(fonts, formula)).toMatch(/开\d次方/);
    expect(formulaText(fonts, '(29.6608 ÷ 26.6432)^(1/2) = 0.5 + 3 + 0.004')).toBe('(29.66 ÷ 26.64) 开2次方 = 0.50 + 3 + 0.004');
    expect(text).toContain('校验未发现问题');
  });
});

describe('render: the generated 简介 and the failing example', () => {
  it('generates the 附件1 简介 from the figures when intro is empty, within 300 characters', async () => {
    const data = clone();
    (data.summary as Record<string, unknown>).intro = '';
    const view = new FilingView(data);
    const intro = generateIntro(view, profile(), computeMetrics(view, profile()));
    expect([...intro.replace(/\s/g, '')].length).toBeLessThanOrEqual(300);
    for (const s of ['2023年', '集群总产值289.30亿元', '中小企业371家', '省级专精特新中小企业48家', '专精特新“小巨人”企业6家', '制造业单项冠军企业1家', '国家标准和行业标准2项', '有效发明专利96件', '每万人有效发明专利拥有量38.62件', '新能源动力电池']) {
      expect(intro).toContain(s);
    }
    expect(intro).toMatch(/。$/);
    const { pdfs } = await render(data);
    const f1 = await extractPdfText(pdfs[1]!.data);
    expect(flat(f1)).toContain(squash(intro));
  });

  it('stays within the limit for a long description, and works without a narrative', () => {
    const data = clone();
    (data.plan as Record<string, unknown>).overview = '集群'.repeat(400) + '，主导产业链条完整。';
    const view = new FilingView(data);
    const m = computeMetrics(view, profile());
    expect([...generateIntro(view, profile(), m)].length).toBeLessThanOrEqual(300);
    delete (data.plan as Record<string, unknown>).overview;
    delete (data.industry as Record<string, unknown>).chainText;
    const intro = generateIntro(new FilingView(data), profile(), m);
    expect(intro).toContain('主导产业为新能源动力电池');
  });

  it('renders the failing example as a draft: verdicts 不符合 and the findings by severity', async () => {
    const data = clone(example(FAILING_REL));
    const { pdfs, result } = await render(data, FAILING_REL);
    expect(result.summary.error).toBeGreaterThan(0);
    const text = flat(await extractPdfText(pdfs[2]!.data));
    expect(text).toContain(`校验发现错误${result.summary.error}个`);
    expect(text).toContain('不符合');
    expect((text.match(/【错误】/g) ?? []).length).toBe(result.summary.error);
    expect((text.match(/【警告】/g) ?? []).length).toBe(result.summary.warning);
    // The appendix 校验明细 lists every finding with its rule id for the preparer.
    const appendix = text.slice(text.indexOf('附录校验明细'));
    for (const f of result.findings) {
      expect(appendix).toContain(squash(f.message));
      expect(appendix).toContain(f.ruleId);
    }
    // …and only the appendix: the body has no rule ids or source locations.
    const body = text.slice(0, text.indexOf('附录校验明细'));
    expect(body).not.toMatch(/form\/|competitiveness\/|\d+:\d+/);
    // A tick without its evidence does not count.
    expect(text).toContain('无有效佐证材料，不计入：开展人力资源共享');
    const f2 = flat(await extractPdfText(pdfs[0]!.data));
    expect(f2).toContain('河南省周口市西华县休闲食品产业集群');
  });

  it('writes the report in English with --lang en (the forms stay Chinese); CO₂ prints as CO2', async () => {
    const { pdfs, result } = await render(clone(example(FAILING_REL)), FAILING_REL, 'en');
    expect(result.findings.some((f) => f.message.includes('CO₂'))).toBe(true);
    const text = flat(await extractPdfText(pdfs[2]!.data));
    expect(text).toContain('Self-assessmentreport');
    expect(text).toContain('meets');
    expect(text).toContain('fails');
    expect(text).toContain('CO2');
    expect(flat(await extractPdfText(pdfs[0]!.data))).toContain('一、基本情况');
  });
});

describe('render: font coverage', () => {
  it('reports each character the font lacks with its U+ code and the field label, as an error', async () => {
    const data = clone();
    (data.cover as Record<string, unknown>).clusterName = '湖北省荆门市掇刀区𠀀新能源动力电池产业集群';
    const fonts = await getFonts();
    const findings = fontCoverageFindings(data, (t) => fonts.coverage(t), 'zh');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'render/font-coverage', severity: 'error', path: '/cover/clusterName', label: '集群名称' });
    expect(findings[0]!.message).toContain('𠀀（U+20000）');
    await expect(renderAll({ loaded: loadedOf(data), profile: profile(), lang: 'zh', result: await validateData(data), date: new Date(0) })).rejects.toBeInstanceOf(FontCoverageError);
    expect(fontCoverageFindings(clone(), (t) => fonts.coverage(t), 'zh')).toEqual([]);
  });
});

describe('cluster render (CLI)', () => {
  it('writes the three PDFs atomically into -o (created), prints paths and page counts, exit 0', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cluster-render-')), 'nested', 'pdf');
    const r = cli(['render', BASE_REL, '--pdf', '-o', out, '--today', '2024-06-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['自评报告.pdf', '附件1 2024年度中小企业特色产业集群推荐汇总表.pdf', '附件2 中小企业特色产业集群申报表.pdf'].sort());
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    for (const f of files) {
      expect(r.stdout).toContain(join(out, f));
      expect(readFileSync(join(out, f)).subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(r.stdout).toMatch(/（\d+ 页，\d+ KB）/);
  });

  it('renders a filing with errors as a draft, with a one-line warning (exit 1, as validate)', () => {
    const out = mkdtempSync(join(tmpdir(), 'cluster-render-'));
    const r = cli(['render', FAILING_REL, '-o', out, '--today', '2024-06-01', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/12 个错误.*草稿/);
    expect(readdirSync(out)).toHaveLength(3);
  });

  it('refuses a character the font cannot draw: names it and the field, writes nothing, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-render-'));
    const src = readFileSync(join(ROOT, BASE_REL), 'utf8').replace('clusterName: 湖北省荆门市掇刀区新能源动力电池产业集群', 'clusterName: 湖北省荆门市掇刀区𠀀新能源动力电池产业集群');
    const file = join(dir, 'cluster.yaml');
    writeFileSync(file, src);
    const out = join(dir, 'out');
    const r = cli(['render', file, '-o', out, '--today', '2024-06-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('U+20000');
    expect(r.stdout).toContain('集群名称');
    expect(r.stdout).toContain('render/font-coverage');
    expect(r.stdout).toMatch(/\d+:\d+/); // the line and column in the YAML
    expect(existsSync(out)).toBe(false);
  });
});
