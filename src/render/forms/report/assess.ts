/**
 * The assessment behind the self-assessment report: every criterion of 附件3 认定标准 (一 to 八, then
 * the veto conditions and eligibility) as rows of figures, threshold and verdict. Pure: no layout here.
 *
 * Verdicts:
 * - 不符合 when one of the row's rules reported an error, or when the row's own count falls short
 *   (a ticked item counts only with its evidence);
 * - 未填报 when the figure the criterion rests on is missing (never 符合 for data that is not there);
 * - 需关注 on a warning;
 * - 符合 otherwise; rows without rules are for reference ("—").
 */
import type { Lang } from '../../../catalogue/index.js';
import type { Finding } from '../../../findings.js';
import { fixed2, fmtNum } from '../../../i18n.js';
import type { Metric, MetricId } from '../../../metrics/types.js';
import { type Bound, baseYear, planYears } from '../../../profile.js';
import { STANDARD_CLAUSES, STANDARD_PREAMBLE } from '../../fixed.js';
import { planAttainment } from '../../../review/attainment.js';
import { fieldNode, fmtValue, groupAt } from '../../values.js';
import type { RenderContext } from '../common.js';

export type Verdict = 'pass' | 'fail' | 'attention' | 'missing' | 'info';

export const VERDICT: Record<Verdict, Record<Lang, string>> = {
  pass: { zh: '符合', en: 'meets' },
  fail: { zh: '不符合', en: 'fails' },
  attention: { zh: '需关注', en: 'check' },
  missing: { zh: '未填报', en: 'not filed' },
  info: { zh: '—', en: '—' },
};

export interface Row {
  item: string;
  figure: string;
  /** Small print under the figure: the formula, the ticked items… */
  formula?: string;
  /** Further notes under the figure (a base-year figure a growth rate rests on…). */
  notes?: string[];
  threshold: string;
  rules: string[];
  /** The figure could not be read: 未填报 unless a rule already failed. */
  missing?: boolean;
  /** The row's own test failed (e.g. no ticked item with evidence). */
  short?: boolean;
}

export interface Criterion {
  /** Title without numbering: "具有较强核心竞争力". */
  title: string;
  /** The standard's own words. */
  text?: string;
  rows: Row[];
}

export function verdictOf(row: Row, findings: readonly Finding[]): Verdict {
  const mine = findings.filter((f) => row.rules.includes(f.ruleId));
  if (mine.some((f) => f.severity === 'error') || row.short) return 'fail';
  if (row.missing) return 'missing';
  if (row.rules.length === 0) return 'info';
  if (mine.some((f) => f.severity === 'warning')) return 'attention';
  return 'pass';
}

/**
 * "≥ 40" with a no-break space: the sign never ends a line without its number. A criterion the profile
 * switches off (null) is "本轮不考核".
 */
export function boundText(b: Bound | null, unit = '', lang: Lang = 'zh'): string {
  if (b === null) return lang === 'zh' ? '本轮不考核' : 'not judged in this round';
  const sign = b.min !== undefined ? (b.inclusive ? '≥' : '>') : b.inclusive ? '≤' : '<';
  return `${sign}\u00a0${fmtNum((b.min ?? b.max)!, 2)}${unit}`;
}

/** Findings that make an item's evidence unusable: none given, or a file that is missing. */
function evidenceProblems(findings: readonly Finding[], ptr: string): boolean {
  return findings.some((f) => f.severity === 'error' && (f.path === `${ptr}/evidence` || f.path.startsWith(`${ptr}/evidence/`)));
}

export function assess(ctx: RenderContext): Criterion[] {
  const { view, profile, metrics, lang } = ctx;
  const t = (a: string, b: string) => (lang === 'zh' ? a : b);
  const findings = ctx.result.findings;
  const y3 = baseYear(profile);
  const years = profile.dataYears;
  const th = profile.thresholds;
  const notFiled = t('未填报', 'not filed');
  const bound = (b: Bound | null, unit = ''): string => boundText(b, unit, lang);

  const yearsOf = (ptr: string, unit = ''): { text: string; missing: boolean } => {
    const node = fieldNode(ptr);
    let missing = false;
    const parts = years.map((y) => {
      const s = fmtValue(node, view.yearNum(ptr, y));
      if (s === undefined) missing = true;
      return `${y}${t('年', '')}\u00a0${s ?? notFiled}${s ? unit : ''}`;
    });
    return { text: parts.join(t('；', '; ')), missing };
  };
  // A growth rate on the base year (Y1 − 1): the figure it rests on is on no other page the county signs.
  const baseNote = (m: Metric | undefined): string | undefined => {
    if (!m || m.basis !== 'base-year') return undefined;
    const [y1, , y3] = profile.dataYears as [number, number, number];
    if (m.fallback) return t(`注：未填报${y1 - 1}年（基期）数据，按${y1}—${y3}年2个间隔计算`, `Note: no figure for ${y1 - 1} (the base year): computed over the 2 intervals ${y1}–${y3}`);
    if (!m.baseFigure) return undefined;
    const alt = m.alt ? t(`；按${y1}年基期（2个间隔）为 ${fixed2(m.alt.value)}%`, `; ${fixed2(m.alt.value)}% on the ${y1} base (2 intervals)`) : '';
    return t(`注：以${m.baseFigure.year}年为基期（3个间隔），${m.baseFigure.year}年数值 ${fmtNum(m.baseFigure.value, 4)}${alt}`, `Note: on the ${m.baseFigure.year} base (3 intervals), ${m.baseFigure.year} figure ${fmtNum(m.baseFigure.value, 4)}${alt}`);
  };
  const metricRow = (id: MetricId, item: string, threshold: string, rules: string[], unit = '%'): Row => {
    const m = metrics[id];
    const v = m?.value ?? null;
    return {
      item,
      figure: v === null ? t('无法计算', 'cannot be computed') : `${m?.unit === '家' ? String(v) : fixed2(v)}${unit === '%' ? '%' : `\u00a0${unit}`}`,
      formula: v === null ? m?.note : m?.formula,
      ...(v !== null && baseNote(m) ? { notes: [baseNote(m)!] } : {}),
      threshold,
      rules,
      missing: v === null,
    };
  };
  /** Ticked items of a checklist; a tick counts only with its evidence. */
  const ticked = (ptr: string) => {
    const g = groupAt(ptr);
    const items = g.children.filter((c) => c.kind === 'group');
    const counted: string[] = [];
    const unproven: string[] = [];
    for (const c of items) {
      if (!view.bool(`${ptr}/${c.key}/checked`)) continue;
      const label = c.kind === 'group' ? (c.label ?? c.key) : c.key;
      const p = `${ptr}/${c.key}`;
      if (view.list(`${p}/evidence`).length > 0 && !evidenceProblems(findings, p)) counted.push(label);
      else unproven.push(label);
    }
    return { counted, unproven, total: items.length };
  };
  const tickedRow = (ptr: string, item: string, threshold: string, rules: string[], min = 0): Row => {
    const k = ticked(ptr);
    const n = k.counted.length + k.unproven.length;
    const lines = [
      ...(k.counted.length ? [k.counted.join('；')] : []),
      ...(k.unproven.length ? [t(`无有效佐证材料，不计入：${k.unproven.join('；')}`, `without usable evidence, not counted: ${k.unproven.join('; ')}`)] : []),
    ];
    return {
      item,
      figure: k.unproven.length
        ? t(`已勾选 ${n}/${k.total} 项，计入 ${k.counted.length} 项`, `${n} of ${k.total} ticked, ${k.counted.length} counted`)
        : t(`已勾选 ${n}/${k.total} 项`, `${n} of ${k.total} ticked`),
      ...(lines.length ? { formula: lines.join('\n') } : {}),
      threshold,
      rules,
      short: min > 0 && k.counted.length < min,
    };
  };
  const answerRow = (ptr: string, threshold: string, rules: string[]): Row => {
    const v = view.str(ptr);
    return { item: fieldNode(ptr).label, figure: v ?? notFiled, threshold, rules, missing: v === undefined };
  };
  const int = (ptr: string) => view.yearNum(ptr, y3);
  const clause = (i: number) => STANDARD_CLAUSES[i]!;
  const out: Criterion[] = [];

  // 一、具有较强核心竞争力
  {
    const area = view.num('/basic/area');
    const output = yearsOf('/industry/output', t('\u00a0亿元', '\u00a0(100m yuan)'));
    const sme = yearsOf('/industry/smeOutputShare', '%');
    const lead = yearsOf('/industry/leadingShare', '%');
    out.push({
      title: clause(0).title,
      text: clause(0).text,
      rows: [
        {
          item: fieldNode('/basic/area').label,
          figure: area === undefined ? notFiled : `${fixed2(area)}\u00a0${t('平方公里', 'km²')}`,
          threshold: th.area ? t(`一般不超过\u00a0${fmtNum(th.area.max!, 2)}\u00a0平方公里`, `normally ${bound(th.area)} km²`) : bound(null),
          rules: ['competitiveness/area'],
          missing: area === undefined,
        },
        { item: fieldNode('/industry/output').label, figure: output.text, threshold: t(`近三年均\u00a0${bound(th.output)}\u00a0亿元`, `every year ${bound(th.output)}`), rules: ['competitiveness/output-min'], missing: output.missing },
        { item: fieldNode('/industry/smeOutputShare').label, figure: sme.text, threshold: t(`各年\u00a0${bound(th.smeOutputShare, '%')}`, `every year ${bound(th.smeOutputShare, '%')}`), rules: ['competitiveness/sme-output-share'], missing: sme.missing },
        { item: fieldNode('/industry/leadingShare').label, figure: lead.text, threshold: t(`各年\u00a0${bound(th.leadingShare, '%')}`, `every year ${bound(th.leadingShare, '%')}`), rules: ['competitiveness/leading-industry-share'], missing: lead.missing },
        metricRow('outputCagr', t('集群总产值年均增速', 'average annual output growth'), bound(th.outputCagr, '%'), ['competitiveness/output-growth']),
        metricRow('leadingIndustryOutputCagr', t('主导产业产值年均增速（参考）', 'leading industry output growth (for reference)'), '—', []),
      ],
    });
  }
  // 二、优质中小企业梯度培育成效显著
  {
    const sc = int('/industry/singleChampions');
    const lg = int('/industry/littleGiants');
    const sr = int('/industry/provincialSrdi');
    const inn = int('/industry/innovativeSmes');
    const ht = int('/industry/highTech');
    const n = (v: number | undefined) => (v === undefined ? notFiled : String(v));
    const sum = (...v: Array<number | undefined>) => (v.some((x) => x === undefined) ? '—' : String(v.reduce((a, b) => a! + b!, 0)));
    out.push({
      title: clause(1).title,
      text: clause(1).text,
      rows: [
        {
          item: t(`${y3}年 制造业单项冠军企业 + 专精特新“小巨人”企业`, `${y3}: single champions + little giants`),
          figure: `${n(sc)} + ${n(lg)} = ${sum(sc, lg)}\u00a0${t('家', '')}`,
          threshold: t(`${bound(th.championsOrGiants)}\u00a0家，或下行\u00a0${bound(th.otherQualitySmes)}\u00a0家`, `${bound(th.championsOrGiants)}, or the next row ${bound(th.otherQualitySmes)}`),
          rules: ['cultivation/quality-smes'],
          missing: sc === undefined || lg === undefined,
        },
        {
          item: t(`${y3}年 专精特新中小企业 + 创新型中小企业 + 国家级高新技术企业`, `${y3}: SRDI SMEs + innovative SMEs + high-tech enterprises`),
          figure: `${n(sr)} + ${n(inn)} = ${sum(sr, inn)}；${t('高新技术', 'high-tech')}\u00a0${n(ht)}；${t('合计', 'total')}\u00a0${sum(sr, inn, ht)}\u00a0${t('家', '')}`,
          threshold: t(`${bound(th.otherQualitySmes)}\u00a0家，或上行\u00a0${bound(th.championsOrGiants)}\u00a0家`, `${bound(th.otherQualitySmes)}, or the row above ${bound(th.championsOrGiants)}`),
          rules: ['cultivation/quality-smes'],
          missing: sr === undefined || inn === undefined || ht === undefined,
        },
        metricRow('qualitySmeCount', t('优质中小企业数量（规划基准值）', 'quality SMEs (the plan’s baseline)'), '—', [], t('家', '')),
      ],
    });
  }
  // 三、产业链供应链协作高效
  {
    const coord = view.bool('/industry/chainWork/coordination/checked');
    const coordOk = coord && view.list('/industry/chainWork/coordination/evidence').length > 0 && !evidenceProblems(findings, '/industry/chainWork/coordination');
    out.push({
      title: clause(2).title,
      text: clause(2).text,
      rows: [
        tickedRow('/industry/sharingWork', groupAt('/industry/sharingWork').label ?? '', t('建立共享机制（至少\u00a01\u00a0项）', 'sharing mechanisms (at least one)'), ['supply-chain/sharing'], 1),
        {
          item: t('建有产业链上下游产供销一体化协同协作机制', 'integrated production–supply–sales coordination'),
          figure: coordOk ? t('已勾选', 'ticked') : coord ? t('已勾选，无有效佐证材料，不计入', 'ticked, without usable evidence: not counted') : t('未勾选', 'not ticked'),
          threshold: t('协同协作机制较完善', 'a working mechanism'),
          rules: ['supply-chain/coordination'],
          short: !coordOk,
        },
        tickedRow('/industry/chainWork', groupAt('/industry/chainWork').label ?? '', '—', []),
      ],
    });
  }
  // 四、具有较强协同创新能力
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
    const pc = (k: string) => view.num(`/innovation/platforms/${k}/count`);
    const pcs = ['national', 'provincial', 'other'].map(pc);
    const pcText = (v: number | undefined) => (v === undefined ? notFiled : String(v));
    const ri = metrics.rdIntensity;
    out.push({
      title: clause(3).title,
      text: clause(3).text,
      rows: [
        metricRow('rdSpendingCagr', t('中小企业研发经费年均增速', 'SME R&D spending growth'), bound(th.rdSpendingCagr, '%'), ['innovation/rd-growth']),
        metricRow('inventionPatentCagr', t('有效发明专利年均增长率', 'valid invention patent growth'), bound(th.inventionPatentCagr, '%'), ['innovation/patent-growth']),
        metricRow('patentsPer10k', t('每万人有效发明专利拥有量', 'valid invention patents per 10,000 staff'), `${bound(th.patentsPer10k)}\u00a0${t('件', '')}`, ['innovation/patents-per-10k'], t('件', 'per 10,000')),
        { item: t('近三年主持或参与制修订标准', 'standards led or co-drafted, three years'), figure: t(`主持\u00a0${lead}\u00a0项，参与\u00a0${part}\u00a0项`, `${lead} led, ${part} co-drafted`), threshold: t('积极参加标准制修订', 'takes part'), rules: ['innovation/standards'] },
        {
          item: groupAt('/innovation/platforms').label ?? '',
          figure: t(`国家级\u00a0${pcText(pcs[0])}\u00a0个，省级\u00a0${pcText(pcs[1])}\u00a0个，其他\u00a0${pcText(pcs[2])}\u00a0个`, `${pcText(pcs[0])} national, ${pcText(pcs[1])} provincial, ${pcText(pcs[2])} other`),
          threshold: t('建立多元创新平台', 'diverse platforms'),
          rules: ['innovation/platforms'],
          missing: pcs.every((v) => v === undefined),
        },
        {
          item: t('研发投入强度（参考）', 'R&D intensity (for reference)'),
          figure: years.map((y) => `${y}${t('年', '')}\u00a0${ri?.byYear?.[String(y)] != null ? fixed2(ri.byYear[String(y)]!) + '%' : '—'}`).join(t('；', '; ')),
          ...(ri?.formula || ri?.note ? { formula: ri.formula || ri.note } : {}),
          threshold: '—',
          rules: [],
        },
      ],
    });
  }
  // 五、数字化转型效果明显
  {
    const sw = yearsOf('/digital/softwareSpend', t('\u00a0万元', ''));
    out.push({
      title: clause(4).title,
      text: clause(4).text,
      rows: [
        metricRow('industrialInternetRate', t('工业互联网平台应用普及率', 'industrial internet platform adoption'), bound(th.industrialInternetRate, '%'), ['digital/industrial-internet']),
        answerRow('/digital/softwareRising', t('是', 'yes'), ['digital/software-rising']),
        { item: fieldNode('/digital/softwareSpend').label, figure: sw.text, threshold: t('逐年不下降', 'does not fall'), rules: ['digital/software-spend'], missing: sw.missing },
        tickedRow('/digital/servicesWork', groupAt('/digital/servicesWork').label ?? '', t('至少\u00a01\u00a0项', 'at least one'), ['digital/services'], 1),
        metricRow('cloudRate', t('中小企业上云比例（参考）', 'share of SMEs on the cloud (for reference)'), '—', []),
      ],
    });
  }
  // 六、具有较高绿色化发展水平
  {
    const co2 = metrics.co2Intensity;
    const en = metrics.energyIntensity;
    const perYear = (m: Metric | undefined) => years.map((y) => `${y}${t('年', '')}\u00a0${m?.byYear?.[String(y)] != null ? fixed2(m.byYear[String(y)]!) : notFiled}`).join(t('；', '; '));
    const co2Missing = years.some((y) => co2?.byYear?.[String(y)] == null);
    const red = metrics.energyIntensityReduction;
    out.push({
      title: clause(5).title,
      text: clause(5).text,
      rows: [
        { item: fieldNode('/green/co2Intensity').label, figure: perYear(co2), ...(co2?.formula || co2?.note ? { formula: co2.formula || co2.note } : {}), threshold: t('逐年下降（持续下降）', 'falls every year'), rules: ['green/co2-intensity-falling'], missing: co2Missing },
        answerRow('/basic/energyEfficiency', t('是（或非高耗能行业）', 'yes (or not applicable)'), ['veto/energy-efficiency']),
        answerRow('/basic/waterEfficiency', t('是（或非高用水行业）', 'yes (or not applicable)'), ['veto/water-efficiency']),
        tickedRow('/green/lowCarbonWork', groupAt('/green/lowCarbonWork').label ?? '', t('至少\u00a01\u00a0项', 'at least one'), ['green/low-carbon-work'], 1),
        { item: t('单位产值能耗（参考）', 'energy per unit of output (for reference)'), figure: `${perYear(en)}${t('（吨标准煤/万元）', ' tce/10,000 yuan')}`, ...(en?.formula || en?.note ? { formula: en.formula || en.note } : {}), threshold: '—', rules: [] },
        { item: t('近三年单位产值能耗降低率（参考）', 'energy intensity reduction (for reference)'), figure: red?.value != null ? `${fixed2(red.value)}%` : '—', ...((red?.value != null ? red.formula : red?.note) ? { formula: red?.value != null ? red.formula : red?.note } : {}), threshold: '—', rules: [] },
      ],
    });
  }
  // 七、积极参与产业开放合作
  {
    const ob = view.num('/openness/overseasBranches/count');
    out.push({
      title: clause(6).title,
      text: clause(6).text,
      rows: [
        tickedRow('/openness/activities', groupAt('/openness/activities').label ?? '', t('至少\u00a01\u00a0项', 'at least one'), ['openness/international'], 1),
        { item: t('境外分支机构数量（参考）', 'overseas branches (for reference)'), figure: ob === undefined ? notFiled : `${ob}\u00a0${t('个', '')}`, threshold: '—', rules: [], missing: ob === undefined },
      ],
    });
  }
  // 八、具有较强治理和服务能力
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
    const lacking = parts.filter(([, ok]) => !ok).map(([l]) => l);
    const q = (k: string) => view.num(`/plan/targets/qualitySmes/${k}`);
    const chain = [q('baseline'), ...planYears(profile).slice(0, -1).map((y) => view.yearNum('/plan/targets/qualitySmes/interim', y)), q('target')];
    const iip = view.num('/plan/targets/iipRate/target');
    const tgt = profile.targetYear;
    const review = profile.kind === 'review';
    const att = review ? planAttainment(view, profile, lang) : undefined;
    const about = (b: Bound | null) => (b === null ? bound(null) : t(`${fmtNum(b.min!, 2)}%左右`, `about ${fmtNum(b.min!, 2)}%`));
    out.push({
      title: clause(7).title,
      text: clause(7).text,
      rows: [
        { item: fieldNode('/cover/operator').label, figure: `${op ?? notFiled}${type ? `（${type}）` : ''}`, threshold: t('设立运营管理机构，且非基础建设单位', 'an operator that is not an infrastructure builder'), rules: ['governance/operator'], missing: op === undefined },
        tickedRow('/governance/publicServices', groupAt('/governance/publicServices').label ?? '', t('至少\u00a01\u00a0项', 'at least one'), ['governance/public-services'], 1),
        // A review holds the certified plan against the actuals (its own table); 表八's checks are the application's.
        ...(review
          ? [
              {
                item: t('三年发展规划目标完成情况', 'attainment of the three-year plan'),
                figure: t(`量化指标达到 ${att!.met}/${att!.judged} 项（详见《规划目标完成情况（自评）》）`, `${att!.met} of ${att!.judged} quantified targets met (see the attainment table)`),
                threshold: t('完成规划目标', 'targets met'),
                rules: ['review/target-missed', 'review/stage-missed', 'review/direction'],
              } satisfies Row,
            ]
          : [
            {
              item: t('发展规划完整（总体思路、三年总体目标、阶段性目标、重点任务、保障措施）', 'plan complete (approach, targets, stages, tasks, safeguards)'),
              figure: t(`${have}/${parts.length}\u00a0部分已填写`, `${have} of ${parts.length} parts`),
              ...(lacking.length ? { formula: t('缺少：', 'missing: ') + lacking.join('；') } : {}),
              threshold: t('各部分齐全', 'every part'),
              rules: ['governance/plan-complete'],
              missing: have === 0,
              short: have > 0 && have < parts.length,
            },
            { item: t('规划基准值与表二至表五一致', 'plan baselines match the form'), figure: t(`${y3}年基准值`, `${y3} baselines`), threshold: t('一致', 'equal'), rules: ['plan/baseline-match'] },
            metricRow('planOutputCagr', t(`a. ${tgt}年 近三年产值年均增速目标`, `a. output growth target`), bound(th.planOutputCagr, '%'), ['plan/output-growth']),
            {
              item: t('b. 优质中小企业数量逐年增加', 'b. quality SMEs rising every year'),
              figure: chain.map((v) => (v === undefined ? notFiled : String(v))).join(' → '),
              threshold: t('逐年增加', 'rising'),
              rules: ['plan/quality-smes-rising'],
              missing: chain.some((v) => v === undefined),
            },
            metricRow('planRdCagr', t('c. 研发经费年均增速', 'c. R&D spending growth'), bound(th.planRdCagr, '%'), ['plan/rd-growth']),
            metricRow('planPatentCagr', t('d. 有效发明专利数年均增长', 'd. invention patent growth'), bound(th.planPatentCagr, '%'), ['plan/patent-growth']),
            {
              item: t(`e. ${tgt}年 工业互联网普及率`, `e. ${tgt} industrial internet adoption`),
              figure: iip === undefined ? notFiled : `${fixed2(iip)}%`,
              threshold: about(th.planIndustrialInternetRate),
              rules: ['plan/industrial-internet'],
              missing: iip === undefined,
            },
            metricRow('planCo2Reduction', t('f. 二氧化碳排放量降低', 'f. CO2 reduction'), about(th.planCo2Reduction), ['plan/co2-reduction']),
            metricRow('planEnergyIntensityReduction', t('g. 单位工业产值能耗下降', 'g. energy intensity reduction'), about(th.planEnergyIntensityReduction), ['plan/energy-intensity-reduction']),
            ]),
      ],
    });
  }
  out.push({
    title: t('否决条件及申报资格', 'Veto conditions and eligibility'),
    text: STANDARD_PREAMBLE,
    rows: [
      answerRow('/basic/prohibitedIndustry', t('否', 'no'), ['veto/prohibited-industry']),
      answerRow('/basic/majorIncident', t('否', 'no'), ['veto/major-incident']),
      answerRow('/basic/misconduct', t('否', 'no'), ['veto/misconduct']),
      answerRow('/basic/provincialCluster', t('是', 'yes'), ['eligibility/provincial-first']),
    ],
  });
  return out;
}
