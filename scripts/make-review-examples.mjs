#!/usr/bin/env node
/**
 * Writes the review (复核) examples from the application example, the way a consultant would:
 * `cluster init --review` (seedReview) carries the names and the certified plan over, then the
 * review years' data is filled in. Run after `npm run build`:
 *
 *   node scripts/make-review-examples.mjs
 *
 * Every figure is fictitious. The review years' form data repeats the application's figures three
 * years on (so the form's own consistency holds) except the figures the plan's indicators are
 * judged on, which are set to meet some targets and miss others (see examples/README.md).
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import '../dist/host-node.js';
import { loadProfile } from '../dist/profile.js';
import { seedReview } from '../dist/review/seed.js';
import { emitFilingYaml } from '../dist/yaml-emit.js';
import { computeMetrics } from '../dist/metrics/index.js';
import { FilingView } from '../dist/validate/view.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const appFile = join(root, 'examples/jingmen-battery/cluster.yaml');
const app = jsyaml.load(readFileSync(appFile, 'utf8'), { schema: jsyaml.CORE_SCHEMA });

const isObj = (x) => x && typeof x === 'object' && !Array.isArray(x);
const r2 = (x) => Math.round(x * 100 + 1e-9) / 100;

/** Relabels every year key by `shift` (2021 → 2024 for +3). */
function shiftYears(x, shift) {
  if (Array.isArray(x)) return x.map((v) => shiftYears(v, shift));
  if (!isObj(x)) return x;
  const out = {};
  for (const [k, v] of Object.entries(x)) out[/^\d{4}$/.test(k) ? String(Number(k) + shift) : k] = shiftYears(v, shift);
  return out;
}

function make({ dir, profileId, appShift, header, cover, figures, texts }) {
  const profile = loadProfile(profileId);
  const years = profile.dataYears;
  const base = profile.review.planBaseYear;
  // The application as filed in its own round (the example is of the 2024 round; shifted for older batches).
  const application = shiftYears(app, appShift);
  const { data } = seedReview(application, profile);
  // The form data of the review years: the application's sections three years on.
  const later = shiftYears(application, 3);
  for (const sec of ['basic', 'industry', 'innovation', 'digital', 'green', 'openness', 'governance']) data[sec] = later[sec];
  // What init --review carried: the base year's figures as the review's prior year.
  const prior = (sec, key) => ({ [String(base)]: application[sec][key][String(base)] });
  data.industry.leadingShare = { ...prior('industry', 'leadingShare'), ...Object.fromEntries(years.map((y) => [String(y), later.industry.leadingShare[String(y)]])) };
  Object.assign(data.cover, cover);
  if (data.certification.notice === null) data.certification.notice = `${profile.review.batch}年度认定通告（示例：文号未查到，请照通告填写）`;
  data.summary.intro = null;
  const f = figures;
  const set = (ptr, byYear) => {
    const segs = ptr.split('/').filter(Boolean);
    let o = data;
    for (const s of segs.slice(0, -1)) o = o[s];
    o[segs.at(-1)] = byYear;
  };
  const yearly = (arr) => Object.fromEntries(years.map((y, i) => [String(y), arr[i]]));
  set('/industry/output', { ...prior('industry', 'output'), ...yearly(f.output) });
  for (const [k, arr] of Object.entries(f.quality)) set(`/industry/${k}`, yearly(arr));
  set('/innovation/rdSpending', { ...prior('innovation', 'rdSpending'), ...yearly(f.rdSpending) });
  set('/innovation/inventionPatentsByYear', { ...prior('innovation', 'inventionPatentsByYear'), ...yearly(f.patents) });
  const patents = f.patents.at(-1);
  const names = data.innovation.inventionPatents.names ?? [];
  for (let i = names.length; i < patents; i++) names.push(`一种动力电池${['极片', '隔膜', '电解液', '模组', '热管理系统', '回收工艺'][i % 6]}的改进方法（ZL${years[0] + Math.floor((i - 96) / 20)}1${String(100000 + i * 37).slice(-6)}.${i % 10}）`);
  data.innovation.inventionPatents.count = patents;
  data.innovation.inventionPatents.names = names.slice(0, patents);
  data.digital.iipSmes = f.iipSmes;
  data.digital.cloudSmes = f.cloudSmes;
  set('/green/co2Intensity', yearly(f.co2));
  set('/green/co2Emissions', yearly(f.co2.map((c, i) => Math.round(c * f.output[i] * 10000))));
  set('/green/energyIntensity', yearly(f.energy));
  set('/green/energyConsumption', yearly(f.energy.map((c, i) => Math.round(c * f.output[i] * 10000))));
  const green = data.green.greenManufacturing.national;
  for (let i = green.names.length; i < f.greenNational; i++) green.names.push(`${cover.county ?? ''}${['锂电材料', '储能电池'][i % 2]}绿色工厂（第${i + 1}家）`);
  green.count = f.greenNational;
  for (const [k, v] of Object.entries(texts.form)) {
    const segs = k.split('/').filter(Boolean);
    let o = data;
    for (const s of segs.slice(0, -1)) o = o[s];
    o[segs.at(-1)] = v;
  }

  // Stated rates from the same data, as a careful filer would state them.
  const m = computeMetrics(new FilingView(data), profile, 'zh');
  data.innovation.rdIntensity = Object.fromEntries(years.map((y) => [String(y), r2(m.rdIntensity.byYear[String(y)])]));
  data.industry.leadingCagr = { [String(years.at(-1))]: r2(m.leadingIndustryOutputCagr.value) };
  data.innovation.inventionPatentCagr = r2(m.inventionPatentCagr.value);
  data.innovation.patentsPer10k = r2(m.patentsPer10k.value);
  data.digital.cloudRate = r2(m.cloudRate.value);
  data.digital.iipRate = r2(m.industrialInternetRate.value);
  data.green.energyIntensityReduction = r2(m.energyIntensityReduction.value);

  // The plan's actuals: the same figures.
  const t = data.review.targets;
  const quality = years.map((_, i) => Object.values(f.quality).reduce((s, arr) => s + arr[i], 0));
  t.outputCagr.actual = yearly(years.map((y, i) => r2((Math.pow(f.output[i] / data.industry.output[String(base)], 1 / (i + 1)) - 1) * 100)));
  t.qualitySmes.actual = yearly(quality);
  t.rdSpending.actual = yearly(f.rdSpending);
  t.inventionPatents.actual = yearly(f.patents);
  t.iipRate.actual = yearly(f.iipRate.map((x, i) => (i === 2 ? r2(m.industrialInternetRate.value) : x)));
  t.co2Intensity.actual = yearly(f.co2);
  t.energyIntensity.actual = yearly(f.energy);
  for (const [k, arr] of Object.entries(f.stages)) t[k].stages = Object.fromEntries(years.slice(0, -1).map((y, i) => [String(y), arr[i]]));
  t.openness.actual = texts.openness;
  t.governance.actual = texts.governance;
  f.extra.forEach((row, i) => {
    t.extra[i].better = row.better ?? '增加';
    t.extra[i].actual = yearly(row.actual);
  });
  data.review.selfAssessment = texts.selfAssessment;
  data.declaration.date = cover.date;

  const out = join(root, dir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(root, 'examples/jingmen-battery/evidence'), join(out, 'evidence'), { recursive: true });
  const yaml = emitFilingYaml(data, { profile, schemaPath: '../../schemas/filing.schema.json' });
  const lines = yaml.split('\n');
  lines.splice(1, 0, ...header.map((h) => `# ${h}`));
  writeFileSync(join(out, 'cluster.yaml'), lines.join('\n'));
  process.stdout.write(`wrote ${dir}/cluster.yaml\n`);
}

const commonTexts = (what) => ({
  'industry/chainText': `复核期内集群围绕隔膜涂覆、电解液添加剂、电池管理系统等环节持续补链，新引进补链项目${what.projects}个，本地配套率由63%提高到${what.local}%，链主企业带动配套中小企业协同发展。`,
  'industry/sharingText': '集群依托产业园公共服务中心开展检测设备、物流仓储、工业设计等资源共享，组织同类原材料集中采购，建成共享涂布车间1个，降低中小企业生产成本。',
  'industry/brandText': '集群推广卓越绩效等先进质量管理模式，开展质量诊断服务，建立区域品牌运营机制，"掇刀电池"集体商标持续使用。',
  'digital/servicesText': '集群引入数字化系统解决方案服务商，开展中小企业数字化诊断，推广两化融合管理体系和智能制造能力成熟度评估。',
  'digital/newModels/text': '集群建有国家级智能制造示范工厂1个、省级数字化车间若干个，推广工业互联网平台在排产、质量追溯、能耗管理中的应用。',
  'green/lowCarbonText': '集群完善碳排放监测平台，开展节能诊断和清洁生产评价，推行电池产品碳足迹核算，建设动力电池回收利用设施。',
  'openness/text': '集群企业参加中国国际中小企业博览会等国际展会，与境外产业园区保持合作，引进国际先进技术和管理经验。',
  'governance/environmentText': '集群发展促进中心统筹产业园服务，建立政策宣贯与对接、中小企业权益保护、公共服务考核和安全生产隐患排查机制，运用数字化手段提升治理能力。',
});

make({
  dir: 'examples/review-2027',
  profileId: 'review-2027',
  appShift: 0,
  header: [
    '示例（虚构）：jingmen-battery 集群（2024年度批次）的复核文件，由 cluster init --review 从申报文件生成后填写。',
    '部分规划目标完成（优质中小企业、研发经费、工业互联网普及率、单位产值能耗、上云比例），部分未完成',
    '（产值年均增速、有效发明专利、单位产值二氧化碳排放量、集群总产值、国家级绿色制造单位）；认定标准各项均符合。',
    '由 scripts/make-review-examples.mjs 生成。',
  ],
  cover: { date: '2027-05-10' },
  figures: {
    output: [330.5, 372.8, 421.6],
    quality: {
      provincialSrdi: [52, 56, 60],
      littleGiants: [7, 8, 9],
      singleChampions: [1, 1, 2],
      highTech: [92, 98, 103],
      innovativeSmes: [76, 88, 102],
    },
    rdSpending: [7.95, 8.8, 9.72],
    patents: [110, 127, 147],
    iipSmes: 184,
    cloudSmes: 335,
    iipRate: [38.5, 43.2, null],
    co2: [0.34, 0.32, 0.3],
    energy: [0.12, 0.11, 0.1],
    greenNational: 5,
    stages: {
      rdSpending: [7.9, 8.7],
      inventionPatents: [112, 130],
      iipRate: [38, 43],
      co2Intensity: [0.34, 0.32],
      energyIntensity: [0.12, 0.12],
      outputCagr: [null, null],
    },
    extra: [{ actual: ['330.50', '372.80', '421.60'] }, { actual: ['84.10', '87.60', '90.30'] }, { actual: ['4', '5', '5'] }],
  },
  texts: {
    form: commonTexts({ projects: 11, local: 71 }),
    openness: '境外分支机构达到6个，与3个境外产业园区建立稳定合作关系，年均参加国际展会9场次',
    governance: '中小企业公共服务示范平台达到5个，公共服务满意度96%，惠企政策"免申即享"覆盖全部集群企业',
    selfAssessment:
      '三年来集群按规划推进强链补链、梯度培育、协同创新、数字化转型和绿色低碳各项任务。优质中小企业数量、研发经费投入、工业互联网普及率、单位工业产值能耗等指标达到目标；受下游储能市场价格下行影响，产值增速低于规划，有效发明专利和单位产值二氧化碳排放量接近但未达到目标值，将在下一阶段重点推进。',
  },
});

make({
  dir: 'examples/review-2026',
  profileId: 'review-2026',
  appShift: -1,
  header: [
    '示例（虚构）：同一组虚构数据作为 2023年度批次集群的复核文件（review-2026，复核年度 2023—2025）。',
    '产值年均增速 8% 左右，低于认定标准"高于10%"：复核不通过（错误）；多项规划目标未完成（警告）。',
    '由 scripts/make-review-examples.mjs 生成。',
  ],
  cover: { date: '2026-05-15' },
  figures: {
    output: [312.4, 337.5, 364.4],
    quality: {
      provincialSrdi: [50, 53, 55],
      littleGiants: [6, 7, 7],
      singleChampions: [1, 1, 1],
      highTech: [88, 90, 93],
      innovativeSmes: [66, 70, 75],
    },
    rdSpending: [7.5, 8.1, 8.95],
    patents: [108, 123, 140],
    iipSmes: 160,
    cloudSmes: 320,
    iipRate: [37.2, 40.1, null],
    co2: [0.35, 0.33, 0.31],
    energy: [0.13, 0.12, 0.11],
    greenNational: 4,
    stages: {
      rdSpending: [7.9, 8.7],
      inventionPatents: [112, 130],
      iipRate: [38, 43],
      co2Intensity: [0.34, 0.32],
      energyIntensity: [0.12, 0.12],
      outputCagr: [null, null],
    },
    extra: [{ actual: ['312.40', '337.50', '364.40'] }, { actual: ['82.00', '84.50', '86.25'] }, { actual: ['3', '4', '4'] }],
  },
  texts: {
    form: commonTexts({ projects: 6, local: 66 }),
    openness: '境外分支机构达到5个，与3个境外产业园区建立合作关系，年均参加国际展会8场次',
    governance: '中小企业公共服务示范平台达到4个，公共服务满意度93%',
    selfAssessment: '三年来集群推进规划各项任务，但受市场需求放缓影响，产值增速、研发经费和有效发明专利等指标未达到规划目标。',
  },
});
