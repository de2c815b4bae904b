import type { Lang } from '../catalogue/types.js';
import type { CommonOptions } from '../cli.js';
import { writeFileAtomic } from '../io.js';
import { builtinProfiles, loadProfile, THRESHOLD_KEYS, type Bound, type Profile, type ThresholdKey } from '../profile.js';
import { fmtNum } from '../i18n.js';
import { stdoutWrite } from '../stdout.js';

export interface ProfilesCliOptions extends CommonOptions {
  format: 'text' | 'json';
  output?: string;
}

/** The criterion each threshold key is, as the standard words it. */
export const THRESHOLD_LABELS: Record<ThresholdKey, Record<Lang, string>> = {
  area: { zh: '集群占地面积（平方公里）', en: 'area (km²)' },
  output: { zh: '近三年集群总产值（亿元）', en: 'output in each data year (100 M yuan)' },
  smeOutputShare: { zh: '中小企业产值占比（%）', en: 'SME share of output (%)' },
  leadingShare: { zh: '主导产业产值占比（%）', en: 'leading industry share (%)' },
  outputCagr: { zh: '集群总产值年均增速（%）', en: 'average annual output growth (%)' },
  championsOrGiants: { zh: '单项冠军 + 小巨人（家）', en: 'single champions + little giants' },
  otherQualitySmes: { zh: '或 专精特新 + 创新型 + 高新技术（家）', en: 'or SRDI + innovative + high-tech' },
  rdSpendingCagr: { zh: '研发经费年均增速（%）', en: 'R&D spending growth (%)' },
  inventionPatentCagr: { zh: '有效发明专利年均增速（%）', en: 'invention patent growth (%)' },
  patentsPer10k: { zh: '每万人有效发明专利拥有量', en: 'invention patents per 10,000 staff' },
  industrialInternetRate: { zh: '工业互联网平台应用普及率（%）', en: 'industrial internet adoption (%)' },
  planOutputCagr: { zh: '规划：产值年均增速（%）', en: 'plan: output growth (%)' },
  planRdCagr: { zh: '规划：研发经费年均增速（%）', en: 'plan: R&D growth (%)' },
  planPatentCagr: { zh: '规划：有效发明专利年均增速（%）', en: 'plan: patent growth (%)' },
  planIndustrialInternetRate: { zh: '规划：目标年工业互联网普及率（%，左右）', en: 'plan: industrial internet adoption (%, about)' },
  planCo2Reduction: { zh: '规划：二氧化碳排放量降低（%，左右）', en: 'plan: CO₂ reduction (%, about)' },
  planEnergyIntensityReduction: { zh: '规划：单位工业产值能耗下降（%，左右）', en: 'plan: energy intensity reduction (%, about)' },
};

const STAGE: Record<string, Record<Lang, string>> = {
  county: { zh: '县→市', en: 'county → city' },
  city: { zh: '市→省', en: 'city → province' },
  province: { zh: '省→部', en: 'province → ministry' },
};

const COMPOSITION: Record<string, Record<Lang, string>> = {
  innovativeSmes: { zh: '创新型', en: 'innovative' },
  provincialSrdi: { zh: '专精特新', en: 'SRDI' },
  littleGiants: { zh: '小巨人', en: 'little giants' },
  singleChampions: { zh: '单项冠军', en: 'single champions' },
  highTech: { zh: '高新技术', en: 'high-tech' },
};

export function boundWords(b: Bound | null, lang: Lang): string {
  const zh = lang === 'zh';
  if (!b) return zh ? '不考核' : 'off';
  const v = fmtNum((b.min ?? b.max)!, 2);
  if (b.min !== undefined) return zh ? (b.inclusive ? `≥ ${v}（以上/不低于）` : `> ${v}（高于）`) : b.inclusive ? `≥ ${v}` : `> ${v}`;
  return zh ? (b.inclusive ? `≤ ${v}（不超过）` : `< ${v}（低于）`) : b.inclusive ? `≤ ${v}` : `< ${v}`;
}

function t(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}

/** One profile as lines of text (`cluster profiles`, and docs/rules.md). */
export function profileLines(p: Profile, lang: Lang, md = false): string[] {
  const li = md ? '- ' : '  ';
  const code = (s: string) => (md ? `\`${s}\`` : s);
  const lines: string[] = [];
  lines.push(md ? `### \`${p.id}\` — ${p.name}` : `${p.id}  ${p.name}`);
  if (md) lines.push('');
  lines.push(`${li}${t(lang, '依据', 'notice')}: ${p.notice ?? '—'}（${p.level === 'national' ? t(lang, '国家级', 'national') : t(lang, '省级', 'provincial')}）`);
  lines.push(`${li}${t(lang, '数据年度', 'data years')}: ${p.dataYears[0]}—${p.dataYears[2]}；${t(lang, '规划目标年', 'target year')}: ${p.targetYear}；${t(lang, '增速基期', 'growth basis')}: ${p.growth.basis === 'base-year' ? t(lang, `${p.dataYears[0]! - 1}年（首个数据年度的上一年，3个间隔；缺基期数据时按2个间隔并提示）`, `${p.dataYears[0]! - 1} (the year before the first data year, 3 intervals; 2 with an info finding when it is missing)`) : t(lang, `${p.dataYears[0]}年（2个间隔）`, `${p.dataYears[0]} (2 intervals)`)}`);
  if (p.review) {
    const r = p.review;
    lines.push(
      `${li}${t(lang, '复核', 'review')}: ${t(lang, `${r.batch}年度批次${r.certificationNotice ? `（${r.certificationNotice}）` : ''}，认定有效期 ${r.validFrom}—${r.validTo}；复核年度即认定时规划的 ${r.planBaseYear}年基准值 → ${r.planTargetYear}年目标值`, `the ${r.batch} batch${r.certificationNotice ? ` (${r.certificationNotice})` : ''}, valid ${r.validFrom}–${r.validTo}; the review years are the certified plan's, ${r.planBaseYear} baseline → ${r.planTargetYear} target`)}` +
        (r.annualDue ? t(lang, `；年度发展情况每年 ${r.annualDue} 前报送${r.annualDueSource ? `（${r.annualDueSource}）` : ''}`, `; annual report due ${r.annualDue} each year${r.annualDueSource ? ` (${r.annualDueSource})` : ''}`) : ''),
    );
  }
  lines.push(`${li}${t(lang, '优质中小企业', 'quality SMEs')}: ${p.qualitySmes.composition.map((k) => COMPOSITION[k]![lang]).join(' + ')}`);
  lines.push(`${li}${t(lang, '名额', 'quota')}: ${t(lang, `每省（区、市）${p.quotas.province} 个；${p.quotas.separateUnits.join('、')} 各 ${p.quotas.separate} 个，与所在省分别计算`, `${p.quotas.province} per province; ${p.quotas.separate} each for ${p.quotas.separateUnits.join(', ')}, counted apart from their province`)}${p.quotas.note ? `（${p.quotas.note}）` : ''}`);
  lines.push(`${li}${t(lang, '附件编号', 'annex numbers')}: ${t(lang, `申报表 附件${p.annexes.form}，汇总表 附件${p.annexes.summary}，认定标准 附件${p.annexes.standard}`, `form annex ${p.annexes.form}, summary annex ${p.annexes.summary}, standard annex ${p.annexes.standard}`)}`);
  lines.push(`${li}${t(lang, '截止日期', 'deadlines')}${t(lang, `（申报表所处环节：${STAGE[p.stage]![lang]}）`, ` (the filing's stage: ${STAGE[p.stage]![lang]})`)}:`);
  for (const d of p.deadlines) {
    lines.push(`${md ? '  - ' : '    '}${STAGE[d.stage]![lang]} ${d.date ?? t(lang, '未知', 'unknown')}${d.to ? ` → ${d.to}` : ''}；${t(lang, '出处', 'source')}: ${d.source}`);
  }
  if (p.deadlines.length === 0) lines.push(`${md ? '  - ' : '    '}${t(lang, '未知', 'unknown')}`);
  lines.push(`${li}${t(lang, '阈值', 'thresholds')}:`);
  for (const k of THRESHOLD_KEYS) lines.push(`${md ? '  - ' : '    '}${THRESHOLD_LABELS[k][lang]} ${code(k)}: ${boundWords(p.thresholds[k], lang)}`);
  lines.push(`${li}${t(lang, '字数限制', 'text limits')}: ${t(lang, `"(200字以内)" ${p.limits.narrative}，集群简介 ${p.limits.intro}，发展规划 ${p.limits.plan}`, `"(200字以内)" ${p.limits.narrative}, profile ${p.limits.intro}, plan ${p.limits.plan}`)}`);
  lines.push(`${li}${t(lang, '出处', 'sources')}:`);
  for (const s of p.sources) lines.push(`${md ? '  - ' : '    '}${s.title}${s.url ? ` ${md ? `<${s.url}>` : s.url}` : ''}${s.grade ? t(lang, `（${s.grade}级）`, ` (grade ${s.grade})`) : ''}`);
  return lines;
}

export function profilesText(ids: readonly string[], format: ProfilesCliOptions['format'], lang: Lang): string {
  const profiles = (ids.length ? ids : builtinProfiles()).map((id) => loadProfile(id));
  if (format === 'json') {
    return JSON.stringify(profiles.map(({ source: _source, ...p }) => p), null, 2) + '\n';
  }
  return profiles.map((p) => profileLines(p, lang).join('\n')).join('\n\n') + '\n';
}

export async function profilesCommand(ids: string[], opts: ProfilesCliOptions): Promise<number> {
  const text = profilesText(ids, opts.format, opts.lang);
  if (opts.output) await writeFileAtomic(opts.output, text);
  else stdoutWrite(text);
  return 0;
}
