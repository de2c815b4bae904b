/**
 * A review (复核) filing seeded from the application the cluster was certified on: the names, the
 * plan it is now held to, and what the application already knows of the review's first years
 * (the base year's figures, which are the review's "prior year"). The review years' own data is
 * left empty to fill in. Pure: data in, data out.
 */
import { completeFiling } from '../catalogue/empty.js';
import type { Profile } from '../profile.js';

type Obj = Record<string, unknown>;

const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});

/** Fields whose base-year value the review keeps as its prior year (growth over three years). */
const PRIOR_YEAR_FIELDS: Array<[section: string, key: string]> = [
  ['industry', 'output'],
  ['industry', 'leadingShare'],
  ['innovation', 'rdSpending'],
  ['innovation', 'inventionPatentsByYear'],
];

const CORE = ['outputCagr', 'qualitySmes', 'rdSpending', 'inventionPatents', 'iipRate', 'co2Intensity', 'energyIntensity'] as const;

export interface SeedResult {
  data: Obj;
  /** What was carried over, for the command's report. */
  carried: string[];
}

export function seedReview(app: Obj, review: Profile): SeedResult {
  const r = review.review;
  if (!r) throw new Error('seedReview needs a review profile');
  const base = r.planBaseYear;
  const years = review.dataYears;
  const carried: string[] = [];
  const out: Obj = {};

  const cover = obj(app.cover);
  out.cover = {
    clusterName: cover.clusterName ?? null,
    region: cover.region ?? null,
    authority: cover.authority ?? null,
    operator: cover.operator ?? null,
    operatorType: cover.operatorType ?? null,
    date: null,
    contact: cover.contact ?? null,
  };
  carried.push('封面：集群名称、所属地区、主管部门、运营管理机构、联系人');

  const summary = obj(app.summary);
  out.summary = { leadingIndustry: summary.leadingIndustry ?? null, founded: summary.founded ?? null, intro: null };

  const basic = obj(app.basic);
  out.basic = {
    authorityContact: basic.authorityContact ?? null,
    operatorContact: basic.operatorContact ?? null,
    area: basic.area ?? null,
    industryType: basic.industryType ?? null,
    provincialCluster: basic.provincialCluster ?? null,
  };
  carried.push('一、基本情况：联系人、占地面积、产业类型、是否省级集群（其余各项须按复核年度重新确认）');

  for (const [sec, key] of PRIOR_YEAR_FIELDS) {
    const v = obj(obj(app[sec])[key])[String(base)];
    if (v === undefined || v === null) continue;
    const s = obj(out[sec]);
    s[key] = { [String(base)]: v };
    out[sec] = s;
  }
  carried.push(`${base}年（规划基准年）的总产值、主导产业占比、研发经费、有效发明专利存量，作为复核年度增速的前一年`);

  out.certification = { batch: r.batch, notice: r.certificationNotice ?? null, validFrom: r.validFrom, validTo: r.validTo };

  const plan = obj(app.plan);
  const targets = obj(plan.targets);
  const rt: Obj = {};
  for (const k of CORE) {
    const t = obj(targets[k]);
    const row: Obj = { baseline: t.baseline ?? null, target: t.target ?? null, actual: Object.fromEntries(years.map((y) => [String(y), null])) };
    // The plan gives yearly figures only for 优质中小企业 (表八 备注b); others come from the stage texts.
    const interim = obj(t.interim);
    row.stages = Object.fromEntries(years.slice(0, -1).map((y) => [String(y), interim[String(y)] ?? null]));
    rt[k] = row;
  }
  for (const k of ['openness', 'governance']) {
    const t = obj(targets[k]);
    rt[k] = { baseline: t.baseline ?? null, target: t.target ?? null, actual: null };
  }
  const extra = Array.isArray(targets.extra) ? targets.extra : [];
  rt.extra = extra.map((row) => {
    const x = obj(row);
    return { direction: x.direction ?? null, indicator: x.indicator ?? null, better: null, baseline: x.baseline ?? null, target: x.target ?? null, actual: Object.fromEntries(years.map((y) => [String(y), null])) };
  });
  const stageTexts = obj(plan.stageTargets);
  out.review = {
    planBaseYear: base,
    planTargetYear: r.planTargetYear,
    targets: rt,
    stageTargets: Object.fromEntries(years.map((y) => [String(y), stageTexts[String(y)] ?? null])),
    selfAssessment: null,
  };
  carried.push(`表八：三年总体目标（${CORE.length} 项量化指标、2 项定性描述、${extra.length} 项其它指标）的基准值和目标值，优质中小企业年度目标，各年阶段性目标原文`);

  const decl = obj(app.declaration);
  out.declaration = { signatory: decl.signatory ?? null, date: null };

  return { data: completeFiling(out, { dataYears: review.dataYears, targetYear: review.targetYear, kind: 'review' }), carried };
}
