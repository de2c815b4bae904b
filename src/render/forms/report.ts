/**
 * 自评报告: each criterion of 附件3 认定标准 (一 to 八, then the veto conditions and eligibility) with
 * the filing's figures, the threshold, the verdict and the formulas; then every metric; then every
 * finding of validate grouped by severity and form section. A reviewer reads it before stamping.
 * Verdicts follow validate: a criterion fails when one of its rules reported an error, needs attention
 * on a warning (or when its figure is missing), and is met otherwise.
 */
import { FORM, type Lang, type SectionId } from '../../catalogue/index.js';
import type { Finding, Severity } from '../../findings.js';
import { fixed2, fmtNum } from '../../i18n.js';
import { METRIC_IDS, type Metric, type MetricId } from '../../metrics/types.js';
import { judge, METRIC_META } from '../../metrics/meta.js';
import { type Bound, baseYear, planYears } from '../../profile.js';
import { FONT_SIZE, type LayoutDocument, type TableRow, createDocument } from '../layout/index.js';
import { STANDARD_CLAUSES, STANDARD_EDITION, STANDARD_PREAMBLE, STANDARD_TITLE } from '../fixed.js';
import { fieldNode, fmtDay, fmtValue, groupAt } from '../values.js';
import { B, GREY, L, NOTE_SIZE, type RenderContext, V, note, printable, table } from './common.js';

type Verdict = 'pass' | 'fail' | 'attention' | 'info';

const VERDICT: Record<Verdict, Record<Lang, string>> = {
  pass: { zh: '符合', en: 'meets' },
  fail: { zh: '不符合', en: 'fails' },
  attention: { zh: '需关注', en: 'check' },
  info: { zh: '—', en: '—' },
};
const VERDICT_COLOR: Record<Verdict, string> = { pass: '#1b6e20', fail: '#c62828', attention: '#b45f06', info: '#000000' };

const SEVERITY: Record<Severity, Record<Lang, string>> = {
  error: { zh: '错误', en: 'Errors' },
  warning: { zh: '警告', en: 'Warnings' },
  info: { zh: '提示', en: 'Notes' },
};

interface Row {
  item: string;
  figure: string;
  formula?: string;
  threshold: string;
  rules: string[];
  /** The figure could not be read: needs attention even without a finding. */
  missing?: boolean;
}

interface Criterion {
  heading: string;
  text?: string;
  rows: Row[];
}

function verdictOf(row: Row, findings: readonly Finding[]): Verdict {
  if (row.rules.length === 0) return 'info';
  const mine = findings.filter((f) => row.rules.includes(f.ruleId));
  if (mine.some((f) => f.severity === 'error')) return 'fail';
  if (mine.some((f) => f.severity === 'warning') || row.missing) return 'attention';
  return 'pass';
}

export async function renderReport(ctx: RenderContext, fontNames: string): Promise<{ data: Buffer; pages: number; title: string }> {
  const { view, profile, metrics, lang } = ctx;
  const zh = lang === 'zh';
  // CJK fonts draw ‘ ’ “ ” full width: in English sentences use straight quotes.
  const pr = (s: string) => (zh ? printable(ctx.fonts, s) : printable(ctx.fonts, s).replace(/[‘’]/g, "'").replace(/[“”]/g, '"'));
  const t = (a: string, b: string) => (zh ? a : b);
  const y3 = baseYear(profile);
  const years = profile.dataYears;
  const th = profile.thresholds;
  const findings = ctx.result.findings.filter((f) => f.ruleId !== 'render/font-coverage');
  const count = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
  for (const f of findings) count[f.severity]++;

  const name = view.str('/cover/clusterName') ?? t('（未填写集群名称）', '(no cluster name)');
  const bound = (b: Bound | null, unit = '') => (b === null ? t('本轮不考核', 'not judged in this round') : `${b.min !== undefined ? (b.inclusive ? '≥' : '>') : b.inclusive ? '≤' : '<'} ${fmtNum((b.min ?? b.max)!, 2)}${unit}`);
  const about = (b: Bound | null) => (b === null ? t('本轮不考核', 'not judged in this round') : t(`${fmtNum(b.min!, 2)}%左右`, `about ${fmtNum(b.min!, 2)}%`));
  const yearsOf = (ptr: string, unit = ''): { text: string; missing: boolean } => {
    const node = fieldNode(ptr);
    let missing = false;
    const parts = years.map((y) => {
      const s = fmtValue(node, view.yearNum(ptr, y));
      if (s === undefined) missing = true;
      return `${y}${t('年', '')} ${s ?? '—'}${s ? unit : ''}`;
    });
    return { text: parts.join(t('；', '; ')), missing };
  };
  const metricRow = (id: MetricId, item: string, threshold: string, rules: string[], unit = '%'): Row => {
    const m = metrics[id];
    const v = m?.value ?? null;
    return {
      item,
      figure: v === null ? t('无法计算', 'cannot be computed') : `${m?.unit === '家' ? String(v) : fixed2(v)}${unit === '%' ? '%' : ` ${unit}`}`,
      formula: v === null ? m?.note : m?.formula,
      threshold,
      rules,
      missing: v === null,
    };
  };
  const ticked = (ptr: string): { n: number; total: number; labels: string[] } => {
    const g = groupAt(ptr);
    const items = g.children.filter((c) => c.kind === 'group');
    const labels = items.filter((c) => view.bool(`${ptr}/${c.key}/checked`)).map((c) => (c.kind === 'group' ? (c.label ?? c.key) : c.key));
    return { n: labels.length, total: items.length, labels };
  };
  const tickedRow = (ptr: string, item: string, threshold: string, rules: string[]): Row => {
    const k = ticked(ptr);
    return { item, figure: t(`已勾选 ${k.n}/${k.total} 项`, `${k.n} of ${k.total} ticked`), formula: k.labels.join('；') || undefined, threshold, rules };
  };
  const answer = (ptr: string): { text: string; missing: boolean } => {
    const v = view.str(ptr);
    return { text: v ?? t('未填写', 'not answered'), missing: v === undefined };
  };
  const answerRow = (ptr: string, threshold: string, rules: string[]): Row => {
    const a = answer(ptr);
    return { item: fieldNode(ptr).label, figure: a.text, threshold, rules, missing: a.missing };
  };
  const int = (ptr: string) => view.yearNum(ptr, y3);

  // ------------------------------------------------------------ the criteria
  const criteria: Criterion[] = [];
  const clause = (i: number) => STANDARD_CLAUSES[i]!;
  const head = (i: number) => `${clause(i).no}、${clause(i).title}`;

  {
    const area = view.num('/basic/area');
    const out = yearsOf('/industry/output', t(' 亿元', ' (100m yuan)'));
    const sme = yearsOf('/industry/smeOutputShare', '%');
    const lead = yearsOf('/industry/leadingShare', '%');
    criteria.push({
      heading: head(0),
      text: clause(0).text,
      rows: [
        {
          item: fieldNode('/basic/area').label,
          figure: area === undefined ? t('未填写', 'missing') : `${fixed2(area)} ${t('平方公里', 'km²')}`,
          threshold: t(th.area ? `一般不超过 ${fmtNum(th.area.max!, 2)} 平方公里` : '本轮不考核', `normally ${bound(th.area)} km²`),
          rules: ['competitiveness/area'],
          missing: area === undefined,
        },
        { item: fieldNode('/industry/output').label, figure: out.text, threshold: t(`近三年均 ${bound(th.output)} 亿元`, `every year ${bound(th.output)}`), rules: ['competitiveness/output-min'], missing: out.missing },
        { item: fieldNode('/industry/smeOutputShare').label, figure: sme.text, threshold: t(`各年 ${bound(th.smeOutputShare, '%')}`, `every year ${bound(th.smeOutputShare, '%')}`), rules: ['competitiveness/sme-output-share'], missing: sme.missing },
        { item: fieldNode('/industry/leadingShare').label, figure: lead.text, threshold: t(`各年 ${bound(th.leadingShare, '%')}`, `every year ${bound(th.leadingShare, '%')}`), rules: ['competitiveness/leading-industry-share'], missing: lead.missing },
        metricRow('outputCagr', t('集群总产值年均增速', 'average annual output growth'), bound(th.outputCagr, '%'), ['competitiveness/output-growth']),
        metricRow('leadingIndustryOutputCagr', t('主导产业产值年均增速（参考）', 'leading industry output growth (for reference)'), '—', []),
      ],
    });
  }
  {
    const sc = int('/industry/singleChampions');
    const lg = int('/industry/littleGiants');
    const sr = int('/industry/provincialSrdi');
    const inn = int('/industry/innovativeSmes');
    const ht = int('/industry/highTech');
    const n = (v: number | undefined) => (v === undefined ? '—' : String(v));
    const sum = (...v: Array<number | undefined>) => (v.some((x) => x === undefined) ? '—' : String(v.reduce((a, b) => a! + b!, 0)));
    criteria.push({
      heading: head(1),
      text: clause(1).text,
      rows: [
        {
          item: t(`${y3}年 制造业单项冠军企业 + 专精特新“小巨人”企业`, `${y3}: single champions + little giants`),
          figure: `${n(sc)} + ${n(lg)} = ${sum(sc, lg)} ${t('家', '')}`,
          threshold: t(`${bound(th.championsOrGiants)} 家，或下行 ${bound(th.otherQualitySmes)} 家`, `${bound(th.championsOrGiants)}, or the next row ${bound(th.otherQualitySmes)}`),
          rules: ['cultivation/quality-smes'],
          missing: sc === undefined || lg === undefined,
        },
        {
          item: t(`${y3}年 专精特新中小企业 + 创新型中小企业 + 国家级高新技术企业`, `${y3}: SRDI SMEs + innovative SMEs + high-tech enterprises`),
          figure: `${n(sr)} + ${n(inn)} = ${sum(sr, inn)}；${t('高新技术', 'high-tech')} ${n(ht)}；${t('合计', 'total')} ${sum(sr, inn, ht)} ${t('家', '')}`,
          threshold: t(`${bound(th.otherQualitySmes)} 家，或上行 ${bound(th.championsOrGiants)} 家`, `${bound(th.otherQualitySmes)}, or the row above ${bound(th.championsOrGiants)}`),
          rules: ['cultivation/quality-smes'],
          missing: sr === undefined || inn === undefined || ht === undefined,
        },
        metricRow('qualitySmeCount', t('优质中小企业数量（规划基准值）', 'quality SMEs (the plan’s baseline)'), '—', [], t('家', '')),
      ],
    });
  }
  {
    const coord = view.bool('/industry/chainWork/coordination/checked');
    criteria.push({
      heading: head(2),
      text: clause(2).text,
      rows: [
        tickedRow('/industry/sharingWork', groupAt('/industry/sharingWork').label ?? '', t('建立共享机制（至少 1 项）', 'sharing mechanisms (at least one)'), ['supply-chain/sharing']),
        {
          item: t('建有产业链上下游产供销一体化协同协作机制', 'integrated production–supply–sales coordination'),
          figure: coord ? t('已勾选', 'ticked') : t('未勾选', 'not ticked'),
          threshold: t('协同协作机制较完善', 'a working mechanism'),
          rules: ['supply-chain/coordination'],
        },
        tickedRow('/industry/chainWork', groupAt('/industry/chainWork').label ?? '', '—', []),
      ],
    });
  }
  {
    const std = groupAt('/innovation/standards');
    let lead = 0;
    let part = 0;
    for (const c of std.children) {
      if (c.kind !== 'group') continue;
      for (const y of years) {
        lead += view.yearNum(`/innovation/standards/${c.key}/lead`, y) ?? 0;
        part += view.yearNum(`/innovation/standards/${c.key}/participate`, y) ?? 0;
      }
    }
    const pc = (k: string) => view.num(`/innovation/platforms/${k}/count`) ?? 0;
    const ri = metrics.rdIntensity;
    criteria.push({
      heading: head(3),
      text: clause(3).text,
      rows: [
        metricRow('rdSpendingCagr', t('中小企业研发经费年均增速', 'SME R&D spending growth'), bound(th.rdSpendingCagr, '%'), ['innovation/rd-growth']),
        metricRow('inventionPatentCagr', t('有效发明专利年均增长率', 'valid invention patent growth'), bound(th.inventionPatentCagr, '%'), ['innovation/patent-growth']),
        metricRow('patentsPer10k', t('每万人有效发明专利拥有量', 'valid invention patents per 10,000 staff'), `${bound(th.patentsPer10k)} ${t('件', '')}`, ['innovation/patents-per-10k'], t('件', 'per 10,000')),
        { item: t('近三年主持或参与制修订标准', 'standards led or co-drafted, three years'), figure: t(`主持 ${lead} 项，参与 ${part} 项`, `${lead} led, ${part} co-drafted`), threshold: t('积极参加标准制修订', 'takes part'), rules: ['innovation/standards'] },
        {
          item: groupAt('/innovation/platforms').label ?? '',
          figure: t(`国家级 ${pc('national')} 个，省级 ${pc('provincial')} 个，其他 ${pc('other')} 个`, `${pc('national')} national, ${pc('provincial')} provincial, ${pc('other')} other`),
          threshold: t('建立多元创新平台', 'diverse platforms'),
          rules: ['innovation/platforms'],
        },
        {
          item: t('研发投入强度（参考）', 'R&D intensity (for reference)'),
          figure: years.map((y) => `${y}${t('年', '')} ${ri?.byYear?.[String(y)] != null ? fixed2(ri.byYear[String(y)]!) + '%' : '—'}`).join(t('；', '; ')),
          formula: ri?.formula || ri?.note,
          threshold: '—',
          rules: [],
        },
      ],
    });
  }
  {
    const sw = yearsOf('/digital/softwareSpend', t(' 万元', ''));
    criteria.push({
      heading: head(4),
      text: clause(4).text,
      rows: [
        metricRow('industrialInternetRate', t('工业互联网平台应用普及率', 'industrial internet platform adoption'), bound(th.industrialInternetRate, '%'), ['digital/industrial-internet']),
        answerRow('/digital/softwareRising', t('是', 'yes'), ['digital/software-rising']),
        { item: fieldNode('/digital/softwareSpend').label, figure: sw.text, threshold: t('逐年不下降', 'does not fall'), rules: ['digital/software-spend'], missing: sw.missing },
        tickedRow('/digital/servicesWork', groupAt('/digital/servicesWork').label ?? '', t('至少 1 项', 'at least one'), ['digital/services']),
        metricRow('cloudRate', t('中小企业上云比例（参考）', 'share of SMEs on the cloud (for reference)'), '—', []),
      ],
    });
  }
  {
    const co2 = metrics.co2Intensity;
    const en = metrics.energyIntensity;
    const perYear = (m: Metric | undefined) => years.map((y) => `${y}${t('年', '')} ${m?.byYear?.[String(y)] != null ? fixed2(m.byYear[String(y)]!) : '—'}`).join(t('；', '; '));
    const co2Missing = years.some((y) => co2?.byYear?.[String(y)] == null);
    const red = metrics.energyIntensityReduction;
    criteria.push({
      heading: head(5),
      text: clause(5).text,
      rows: [
        { item: fieldNode('/green/co2Intensity').label, figure: perYear(co2), formula: co2?.formula || co2?.note, threshold: t('逐年下降（持续下降）', 'falls every year'), rules: ['green/co2-intensity-falling'], missing: co2Missing },
        answerRow('/basic/energyEfficiency', t('是（或非高耗能行业）', 'yes (or not applicable)'), ['veto/energy-efficiency']),
        answerRow('/basic/waterEfficiency', t('是（或非高用水行业）', 'yes (or not applicable)'), ['veto/water-efficiency']),
        tickedRow('/green/lowCarbonWork', groupAt('/green/lowCarbonWork').label ?? '', t('至少 1 项', 'at least one'), ['green/low-carbon-work']),
        { item: t('单位产值能耗（参考）', 'energy per unit of output (for reference)'), figure: `${perYear(en)}${t(' 吨标准煤/万元', ' tce/10,000 yuan')}`, formula: en?.formula || en?.note, threshold: '—', rules: [] },
        { item: t('近三年单位产值能耗降低率（参考）', 'energy intensity reduction (for reference)'), figure: red?.value != null ? `${fixed2(red.value)}%` : '—', formula: red?.value != null ? red.formula : red?.note, threshold: '—', rules: [] },
      ],
    });
  }
  {
    const ob = view.num('/openness/overseasBranches/count');
    criteria.push({
      heading: head(6),
      text: clause(6).text,
      rows: [
        tickedRow('/openness/activities', groupAt('/openness/activities').label ?? '', t('至少 1 项', 'at least one'), ['openness/international']),
        { item: t('境外分支机构数量（参考）', 'overseas branches (for reference)'), figure: ob === undefined ? '—' : `${ob} ${t('个', '')}`, threshold: '—', rules: [] },
      ],
    });
  }
  {
    const op = view.str('/cover/operator');
    const type = view.str('/cover/operatorType');
    const parts: Array<[string, boolean]> = [
      [fieldNode('/plan/approach').label, view.str('/plan/approach') !== undefined],
      [groupAt('/plan/targets').label ?? '', view.object('/plan/targets') !== undefined],
      [fieldNode('/plan/stageTargets').label, planYears(profile).every((y) => view.str(`/plan/stageTargets/${y}`) !== undefined)],
      [fieldNode('/plan/tasks').label, view.str('/plan/tasks') !== undefined],
      [fieldNode('/plan/safeguards').label, view.str('/plan/safeguards') !== undefined],
    ];
    const have = parts.filter(([, ok]) => ok).length;
    const q = (k: string) => view.num(`/plan/targets/qualitySmes/${k}`);
    const chain = [q('baseline'), ...planYears(profile).slice(0, -1).map((y) => view.yearNum('/plan/targets/qualitySmes/interim', y)), q('target')];
    const iip = view.num('/plan/targets/iipRate/target');
    const tgt = profile.targetYear;
    criteria.push({
      heading: head(7),
      text: clause(7).text,
      rows: [
        { item: fieldNode('/cover/operator').label, figure: `${op ?? t('未填写', 'missing')}${type ? `（${type}）` : ''}`, threshold: t('设立运营管理机构，且非基础建设单位', 'an operator that is not an infrastructure builder'), rules: ['governance/operator'], missing: op === undefined },
        tickedRow('/governance/publicServices', groupAt('/governance/publicServices').label ?? '', t('至少 1 项', 'at least one'), ['governance/public-services']),
        {
          item: t('发展规划完整（总体思路、三年总体目标、阶段性目标、重点任务、保障措施）', 'plan complete (approach, targets, stages, tasks, safeguards)'),
          figure: t(`${have}/${parts.length} 部分已填写`, `${have} of ${parts.length} parts`),
          formula: parts.filter(([, ok]) => !ok).map(([l]) => l).join('；') ? t('缺少：', 'missing: ') + parts.filter(([, ok]) => !ok).map(([l]) => l).join('；') : undefined,
          threshold: t('各部分齐全', 'every part'),
          rules: ['governance/plan-complete'],
        },
        { item: t(`规划基准值与表二至表五一致`, 'plan baselines match the form'), figure: t(`${y3}年基准值`, `${y3} baselines`), threshold: t('一致', 'equal'), rules: ['plan/baseline-match'] },
        metricRow('planOutputCagr', t(`a. ${tgt}年 近三年产值年均增速目标`, `a. output growth target`), bound(th.planOutputCagr, '%'), ['plan/output-growth']),
        {
          item: t('b. 优质中小企业数量逐年增加', 'b. quality SMEs rising every year'),
          figure: chain.map((v) => (v === undefined ? '—' : String(v))).join(' → '),
          threshold: t('逐年增加', 'rising'),
          rules: ['plan/quality-smes-rising'],
          missing: chain.some((v) => v === undefined),
        },
        metricRow('planRdCagr', t('c. 研发经费年均增速', 'c. R&D spending growth'), bound(th.planRdCagr, '%'), ['plan/rd-growth']),
        metricRow('planPatentCagr', t('d. 有效发明专利数年均增长', 'd. invention patent growth'), bound(th.planPatentCagr, '%'), ['plan/patent-growth']),
        {
          item: t(`e. ${tgt}年 工业互联网普及率`, `e. ${tgt} industrial internet adoption`),
          figure: iip === undefined ? t('未填写', 'missing') : `${fixed2(iip)}%`,
          threshold: about(th.planIndustrialInternetRate),
          rules: ['plan/industrial-internet'],
          missing: iip === undefined,
        },
        metricRow('planCo2Reduction', t('f. 二氧化碳排放量降低', 'f. CO2 reduction'), about(th.planCo2Reduction), ['plan/co2-reduction']),
        metricRow('planEnergyIntensityReduction', t('g. 单位工业产值能耗下降', 'g. energy intensity reduction'), about(th.planEnergyIntensityReduction), ['plan/energy-intensity-reduction']),
      ],
    });
  }
  criteria.push({
    heading: t('否决条件及申报资格', 'Veto conditions and eligibility'),
    text: STANDARD_PREAMBLE,
    rows: [
      answerRow('/basic/prohibitedIndustry', t('否', 'no'), ['veto/prohibited-industry']),
      answerRow('/basic/majorIncident', t('否', 'no'), ['veto/major-incident']),
      answerRow('/basic/misconduct', t('否', 'no'), ['veto/misconduct']),
      answerRow('/basic/provincialCluster', t('是', 'yes'), ['eligibility/provincial-first']),
    ],
  });

  // ------------------------------------------------------------ the document
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
  });
  doc.addPage();
  doc.title(title, { size: zh ? FONT_SIZE.二号 : FONT_SIZE.小二, spaceAfter: 4 });
  doc.paragraph(t(`对照《${STANDARD_TITLE}》${STANDARD_EDITION}`, `against ${STANDARD_TITLE} ${STANDARD_EDITION}`), { indentChars: 0, align: 'center', size: FONT_SIZE.小四, spaceAfter: 10 });

  const place = ['province', 'city', 'county'].map((k) => view.str(`/cover/region/${k}`) ?? '').join('');
  const failed = criteria.flatMap((c) => c.rows).filter((r) => verdictOf(r, findings) === 'fail').length;
  const attention = criteria.flatMap((c) => c.rows).filter((r) => verdictOf(r, findings) === 'attention').length;
  const overall =
    count.error === 0
      ? t(`未发现错误：各项认定标准均已满足${attention ? `；${attention} 项需关注` : ''}。`, `No errors: every criterion is met${attention ? `; ${attention} to check` : ''}.`)
      : t(`发现 ${count.error} 个错误（${failed} 项认定标准不符合）：须修改后再盖章报送。`, `${count.error} errors (${failed} criteria failed): correct them before stamping.`);
  table(ctx, doc, {
    columns: [110, '*'],
    rows: [
      [L(t('集群名称', 'Cluster')), L(name)],
      [L(t('所在地区', 'Region')), L(place || '—')],
      [L(t('集群运营管理机构', 'Operator')), L(view.str('/cover/operator') ?? '—')],
      [L(t('申报文件', 'Filing')), L(ctx.loaded.file)],
      [L(t('认定配置', 'Profile')), L(`${profile.id}（${profile.name}）`)],
      [L(t('数据年度', 'Data years')), L(t(`${years[0]}—${y3}年（基准年${y3}年，目标年${profile.targetYear}年）`, `${years[0]}–${y3} (base ${y3}, target ${profile.targetYear})`))],
      [L(t('报告日期', 'Date')), L(zh ? fmtDay(ctx.date) : new Date(ctx.date.getTime() + 8 * 3600_000).toISOString().slice(0, 10))],
      [L(t('校验结果', 'Validation')), L(t(`错误 ${count.error} 个，警告 ${count.warning} 个，提示 ${count.info} 个`, `${count.error} errors, ${count.warning} warnings, ${count.info} notes`))],
      [L(t('PDF 字体', 'PDF font')), L(t(`${fontNames}：全部字符均有字形`, `${fontNames}: every character has a glyph`))],
      [L(t('总体结论', 'Conclusion'), { bold: true }), L(overall, { bold: true, color: count.error ? VERDICT_COLOR.fail : VERDICT_COLOR.pass })],
    ],
  });

  doc.heading(t('一、逐项对照认定标准', '1. Criterion by criterion'), { size: FONT_SIZE.四号, spaceBefore: 16 });
  for (const c of criteria) {
    doc.heading(c.heading, { size: FONT_SIZE.小四, spaceBefore: 10, spaceAfter: 2 });
    if (c.text) doc.paragraph(`${t('标准原文：', 'Standard (zh): ')}${c.text}`, { size: NOTE_SIZE, color: GREY, indentChars: 0, lineHeight: 1.45, spaceAfter: 4 });
    const rows: TableRow[] = [
      { header: true, cells: [t('对照项', 'Item'), t('填报数据', 'Figures'), t('标准', 'Threshold'), t('结论', 'Verdict')].map((h) => V(h, { bold: true })) },
    ];
    for (const r of c.rows) {
      const v = verdictOf(r, findings);
      rows.push({
        cells: [
          L(pr(r.item)),
          B([{ type: 'text', text: pr(r.figure) }, ...(r.formula ? [note(pr(r.formula), { color: GREY })] : [])]),
          V(r.threshold),
          V(VERDICT[v][lang], { bold: v !== 'info', color: VERDICT_COLOR[v] }),
        ],
      });
    }
    table(ctx, doc, { columns: [130, '*', 86, 54], rows });
  }

  doc.heading(t('二、核算指标及计算公式', '2. Derived metrics and formulas'), { size: FONT_SIZE.四号, spaceBefore: 16 });
  {
    const rows: TableRow[] = [{ header: true, cells: [t('指标', 'Metric'), t('数值', 'Value'), t('标准', 'Threshold'), t('结论', 'Verdict')].map((h) => V(h, { bold: true })) }];
    for (const id of METRIC_IDS) {
      const m = metrics[id];
      if (!m) continue;
      const j = judge(id, m, profile);
      const unit = m.unit === '%' ? '%' : ` ${m.unit}`;
      const value = m.byYear
        ? years.map((y) => (m.byYear![String(y)] == null ? '—' : fixed2(m.byYear![String(y)]!))).join(' / ') + unit
        : m.value === null
          ? '—'
          : `${m.unit === '家' ? String(m.value) : fixed2(m.value)}${unit}`;
      const threshold = id === 'co2Intensity' ? t('逐年下降', 'falls yearly') : j.threshold ? `${j.threshold.text}${m.unit === '%' ? '%' : ''}` : '—';
      const v: Verdict = j.verdict === 'pass' ? 'pass' : j.verdict === 'fail' ? 'fail' : 'info';
      rows.push({
        cells: [
          L(pr(METRIC_META[id].label[lang])),
          B([{ type: 'text', text: value }, note(pr(m.formula || m.note || '—'), { color: GREY })]),
          V(threshold),
          V(VERDICT[v][lang], { bold: v !== 'info', color: VERDICT_COLOR[v] }),
        ],
      });
    }
    table(ctx, doc, { columns: [120, '*', 70, 54], rows });
  }

  doc.heading(t('三、校验发现的问题', '3. Findings of validate'), { size: FONT_SIZE.四号, spaceBefore: 16 });
  if (findings.length === 0) {
    doc.paragraph(t('未发现问题。', 'No findings.'), { indentChars: 0 });
  }
  const order: Array<SectionId | 'other'> = [...FORM.map((s) => s.section.id), 'other'];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const fs = findings.filter((f) => f.severity === sev);
    if (fs.length === 0) continue;
    doc.heading(`${SEVERITY[sev][lang]}（${fs.length}）`, { size: FONT_SIZE.小四, spaceBefore: 8, color: sev === 'error' ? VERDICT_COLOR.fail : sev === 'warning' ? VERDICT_COLOR.attention : '#000000' });
    const rows: TableRow[] = [{ header: true, cells: [t('栏目', 'Section'), t('位置', 'Where'), t('问题（规则）', 'Problem (rule)')].map((h) => V(h, { bold: true })) }];
    for (const sec of order) {
      const list = fs.filter((f) => (f.section ?? 'other') === sec);
      list.forEach((f, i) => {
        const def = FORM.find((s) => s.section.id === sec)?.section;
        const title = def ? (zh ? def.title : def.en) : t('文件', 'File');
        rows.push({
          cells: [
            ...(i === 0 ? [L(title, { rowSpan: list.length, valign: 'top' })] : []),
            V(f.sheet ? `${f.sheet}!${f.cell ?? ''}` : f.line ? `${f.line}:${f.column ?? 1}` : '—', { size: NOTE_SIZE }),
            B([{ type: 'text', text: pr(f.message) }, note(f.ruleId, { color: GREY })]),
          ],
        });
      });
    }
    table(ctx, doc, { columns: [zh ? 76 : 92, 50, '*'], rows });
  }
  doc.paragraph(
    t(
      '本报告由 cluster 根据申报数据自动生成，供县级行政区划中小企业主管部门盖章前审阅；结论以认定机关的审核为准。',
      'Generated by cluster from the filing for the county-level SME authority to read before stamping; the certifying authority decides.',
    ),
    { size: NOTE_SIZE, color: GREY, indentChars: 0, spaceBefore: 14 },
  );
  const data = await doc.finish();
  ctx.warnings.push(...doc.warnings);
  return { data, pages: doc.pageCount, title };
}
