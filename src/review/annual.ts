/**
 * The annual development report (上一年度发展情况) of one plan year, from the review data model: the
 * year's key figures and their change on the previous year, the year's 阶段性目标 beside the actuals,
 * and what falls behind the plan. Pure: filing + review profile + year in, a report model out; the PDF
 * and the workbook (src/review/annual-pdf.ts, annual-xlsx.ts) are faces of it.
 *
 * The official annual template is not among the sources: this is the tool's own report, titled so.
 */
import type { Lang } from '../catalogue/index.js';
import { fixed2 } from '../i18n.js';
import { computeMetrics } from '../metrics/index.js';
import type { Profile } from '../profile.js';
import type { FilingView } from '../validate/view.js';
import { figure, planAttainment, type IndicatorAttainment, type Judgement } from './attainment.js';

export interface KeyFigure {
  label: string;
  unit: string;
  previous?: number;
  current?: number;
  /** current − previous, in the unit. */
  change?: number;
  /** (current − previous) ÷ previous × 100; undefined for rates (their change is in points) or a zero base. */
  changePct?: number;
  /** Rates (%) change in percentage points. */
  points: boolean;
}

export interface PlanRow {
  indicator: IndicatorAttainment;
  /** The year's goal: its stage target, or the 目标值 in the target year. */
  goal?: number;
  goalKind: 'stage' | 'target' | 'none';
  actual?: number;
  judgement: Judgement | null;
}

export interface AnnualFinding {
  indicator: string;
  text: string;
}

export interface AnnualReport {
  year: number;
  previousYear: number;
  clusterName: string;
  batch: number;
  profileId: string;
  /** "2026-03-31" with its source, when the profile knows the annual due date. */
  due?: { date: string; source?: string };
  keyFigures: KeyFigure[];
  plan: PlanRow[];
  findings: AnnualFinding[];
  /** The certified plan's stage text for the year, as carried from the application. */
  stageText?: string;
}

/** Per-year fields of the key-figure table, in form order: [pointer, zh label, en label, unit]. */
const FIGURES: Array<[string, string, string, string]> = [
  ['/industry/output', '集群总产值', 'total output', '亿元'],
  ['/industry/smeOutputShare', '中小企业产值占比', 'SMEs’ share of output', '%'],
  ['/industry/leadingShare', '主导产业产值占比', 'leading industry’s share', '%'],
  ['/industry/enterprises', '集群企业数量', 'enterprises', '家'],
  ['/industry/smes', '集群中小企业数量', 'SMEs', '家'],
  ['/industry/provincialSrdi', '省级专精特新中小企业', 'provincial SRDI SMEs', '家'],
  ['/industry/littleGiants', '专精特新“小巨人”企业', 'little giants', '家'],
  ['/industry/singleChampions', '制造业单项冠军企业', 'single champions', '家'],
  ['/industry/highTech', '国家级高新技术企业', 'high-tech enterprises', '家'],
  ['/industry/innovativeSmes', '创新型中小企业', 'innovative SMEs', '家'],
  ['/industry/fdi', '外商直接投资额', 'foreign direct investment', '万元'],
  ['/industry/exports', '主导产品出口贸易额', 'exports of leading products', '万元'],
  ['/innovation/rdSpending', '中小企业研发经费总额', 'SME R&D spending', '亿元'],
  ['/innovation/staff', '中小企业从业人员', 'SME employees', '人'],
  ['/innovation/rdStaff', '中小企业研发人员', 'SME R&D staff', '人'],
  ['/innovation/ipGrants', '知识产权授权量', 'IP rights granted', '件'],
  ['/innovation/inventionPatentsByYear', '有效发明专利拥有量', 'valid invention patents', '件'],
  ['/digital/softwareSpend', '工业软件采购金额', 'industrial software purchases', '万元'],
];

export function annualReport(v: FilingView, profile: Profile, year: number, lang: Lang = 'zh'): AnnualReport {
  const r = profile.review;
  if (!r) throw new Error('annualReport needs a review profile');
  const zh = lang === 'zh';
  const prev = year - 1;
  const metrics = computeMetrics(v, profile, lang);
  const fig = (label: string, unit: string, previous: number | undefined, current: number | undefined): KeyFigure => {
    const points = unit === '%';
    const k: KeyFigure = { label, unit, points };
    if (previous !== undefined) k.previous = previous;
    if (current !== undefined) k.current = current;
    if (previous !== undefined && current !== undefined) {
      k.change = current - previous;
      if (!points && previous !== 0) k.changePct = ((current - previous) / previous) * 100;
    }
    return k;
  };
  const keyFigures = FIGURES.map(([ptr, l, e, unit]) => fig(zh ? l : e, unit, v.yearNum(ptr, prev), v.yearNum(ptr, year)));
  const perYear = (m: { byYear?: Record<string, number | null> } | undefined, y: number) => m?.byYear?.[String(y)] ?? undefined;
  keyFigures.splice(13, 0, fig(zh ? '研发投入强度' : 'R&D intensity', '%', perYear(metrics.rdIntensity, prev), perYear(metrics.rdIntensity, year)));
  keyFigures.push(
    fig(zh ? '单位产值二氧化碳排放量' : 'CO₂ per unit of output', '吨二氧化碳/万元', perYear(metrics.co2Intensity, prev), perYear(metrics.co2Intensity, year)),
    fig(zh ? '单位产值能耗' : 'energy per unit of output', '吨标准煤/万元', perYear(metrics.energyIntensity, prev), perYear(metrics.energyIntensity, year)),
  );

  const att = planAttainment(v, profile, lang);
  const isTarget = year === att.targetYear;
  const plan: PlanRow[] = [];
  const findings: AnnualFinding[] = [];
  const show = (x: number, unit: string) => `${figure(x, unit)}${unit === '%' ? '%' : unit ? ' ' + unit : ''}`;
  for (const a of att.indicators) {
    if (a.qualitative) continue;
    const goal = isTarget ? a.target : a.stages[year];
    const judgement = isTarget ? a.final : (a.stageJudgements.find((j) => j.year === year) ?? null);
    plan.push({ indicator: a, goal, goalKind: goal === undefined ? 'none' : isTarget ? 'target' : 'stage', actual: a.actual[year], judgement });
    if (judgement && !judgement.achieved) {
      findings.push({
        indicator: a.label,
        text: zh
          ? `${year}年实际值 ${show(judgement.actual, a.unit)}，${isTarget ? '目标值' : '阶段性目标'} ${show(judgement.goal, a.unit)}，落后于规划。${judgement.formula}`
          : `actual ${year} ${show(judgement.actual, a.unit)}, ${isTarget ? 'target' : 'stage target'} ${show(judgement.goal, a.unit)}: behind the plan. ${judgement.formula}`,
      });
    }
    const against = a.against.find((x) => x.year === year);
    if (against) {
      findings.push({
        indicator: a.label,
        text: zh
          ? `${year}年 ${show(against.value, a.unit)}，${a.better === 'up' ? '未高于' : '未低于'}${against.prevYear}年的 ${show(against.prevValue, a.unit)}：规划承诺逐年${a.better === 'up' ? '增加' : '下降'}`
          : `${year}: ${show(against.value, a.unit)}, not ${a.better === 'up' ? 'above' : 'below'} ${against.prevYear} (${show(against.prevValue, a.unit)}): the plan promised a ${a.better === 'up' ? 'rise' : 'fall'} every year`,
      });
    }
  }
  const due = r.annualDue ? { date: `${year + 1}-${r.annualDue}`, ...(r.annualDueSource ? { source: r.annualDueSource } : {}) } : undefined;
  const stageText = v.str(`/review/stageTargets/${year}`);
  return {
    year,
    previousYear: prev,
    clusterName: v.str('/cover/clusterName') ?? '',
    batch: r.batch,
    profileId: profile.id,
    ...(due ? { due } : {}),
    keyFigures,
    plan,
    findings,
    ...(stageText ? { stageText } : {}),
  };
}

/** "+12.34%", "−3.00 个百分点" — the change column. */
export function changeText(k: KeyFigure, lang: Lang): string {
  if (k.change === undefined) return '—';
  const sign = k.change > 0 ? '+' : k.change < 0 ? '−' : '';
  const abs = figure(Math.abs(k.change), k.unit);
  if (k.points) return lang === 'zh' ? `${sign}${abs} 个百分点` : `${sign}${abs} pts`;
  return k.changePct === undefined ? `${sign}${abs}` : `${sign}${abs}（${k.changePct >= 0 ? '+' : '−'}${fixed2(Math.abs(k.changePct))}%）`;
}
