/**
 * 附件1 集群简介（300字以内）, generated from the filing when `summary.intro` is empty. The seed's
 * column says what it holds: 主导产业链条描述，行业地位，荣誉称号; base-year 总产值, 中小企业数量,
 * 专精特新 / “小巨人” / 单项冠军 counts; 近三年 standards led (国家标准和行业标准), 有效发明专利,
 * 万人发明专利拥有量. The description is picked clause by clause from the plan's 集群基本情况简介
 * (or the chain narrative); the figures come from the filing and `computeMetrics`.
 */
import { fixed2 } from '../i18n.js';
import type { Metrics } from '../metrics/types.js';
import type { Profile } from '../profile.js';
import { baseYear } from '../profile.js';
import type { FilingView } from '../validate/view.js';
import { charLength } from './values.js';

/** Clauses that describe the chain, the standing in the industry or honours. */
const KEYWORDS = ['主导产业', '产业链', '链条', '前列', '领先', '第一', '地位', '龙头', '获评', '荣誉', '称号', '认定', '命名', '示范', '基地', '品牌'];

const OPEN = '（(“‘《【[';
const CLOSE = '）)”’》】]';

/** Clauses of the first paragraph: split at "，" / "。" / "；" outside brackets and quotes. */
export function clauses(text: string): string[] {
  const para = text.replace(/\r\n?/g, '\n').split('\n').map((p) => p.trim()).find((p) => p !== '') ?? '';
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of para) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && '，。；！？,;'.includes(ch)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function int(v: number | undefined): string | undefined {
  return v === undefined ? undefined : String(Math.round(v));
}

export function generateIntro(view: FilingView, profile: Profile, metrics: Metrics): string {
  const limit = profile.limits.intro;
  const y3 = baseYear(profile);
  const years = profile.dataYears;

  // The figures.
  const f1: string[] = [];
  const output = view.yearNum('/industry/output', y3);
  if (output !== undefined) f1.push(`集群总产值${fixed2(output)}亿元`);
  const ent = int(view.yearNum('/industry/enterprises', y3));
  const smes = int(view.yearNum('/industry/smes', y3));
  if (ent !== undefined && smes !== undefined) f1.push(`集群企业${ent}家，其中中小企业${smes}家`);
  else if (smes !== undefined) f1.push(`集群中小企业${smes}家`);
  const count = (key: string, label: string) => {
    const v = int(view.yearNum(`/industry/${key}`, y3));
    if (v !== undefined) f1.push(`${label}${v}家`);
  };
  count('provincialSrdi', '省级专精特新中小企业');
  count('littleGiants', '专精特新“小巨人”企业');
  count('singleChampions', '制造业单项冠军企业');

  const f2: string[] = [];
  let led = 0;
  let anyStd = false;
  for (const cat of ['national', 'industry']) {
    for (const y of years) {
      const v = view.yearNum(`/innovation/standards/${cat}/lead`, y);
      if (v !== undefined) {
        led += v;
        anyStd = true;
      }
    }
  }
  if (anyStd) f2.push(`集群中小企业主持制定国家标准和行业标准${led}项`);
  const patents = int(view.num('/innovation/inventionPatents/count'));
  if (patents !== undefined) f2.push(`拥有有效发明专利${patents}件`);
  const per10k = metrics.patentsPer10k?.value ?? view.num('/innovation/patentsPer10k') ?? null;
  if (per10k !== null) f2.push(`每万人有效发明专利拥有量${fixed2(per10k)}件`);

  let figures = '';
  if (f1.length) figures += `${y3}年，${f1.join('，')}。`;
  if (f2.length) figures += `近三年，${f2.join('，')}。`;

  // The description, clause by clause, within what the figures leave.
  const name = view.str('/cover/clusterName');
  const industry = view.str('/summary/leadingIndustry');
  const source = view.str('/plan/overview') ?? view.str('/industry/chainText') ?? '';
  const all = clauses(source);
  const fits = (parts: string[]) => charLength(parts.join('，') + '。' + figures) <= limit;
  const picked: string[] = [];
  const first = all[0];
  if (first && fits([first])) picked.push(first);
  else if (name && industry && fits([`${name}主导产业为${industry}`])) picked.push(`${name}主导产业为${industry}`);
  else if (industry && fits([`集群主导产业为${industry}`])) picked.push(`集群主导产业为${industry}`);
  if (picked.length) {
    if (industry && !picked.some((c) => c.includes('主导产业')) && !all.some((c) => c.includes('主导产业'))) {
      const c = `主导产业为${industry}`;
      if (fits([...picked, c])) picked.push(c);
    }
    for (const c of all.slice(1)) {
      if (!KEYWORDS.some((k) => c.includes(k))) continue;
      if (fits([...picked, c])) picked.push(c);
    }
    if (view.str('/basic/provincialCluster') === '是' && !picked.some((c) => c.includes('中小企业特色产业集群'))) {
      const c = '已被认定为省级中小企业特色产业集群';
      if (fits([...picked, c])) picked.push(c);
    }
  }
  let intro = (picked.length ? picked.join('，') + '。' : '') + figures;
  if (charLength(intro) > limit) {
    // Only when the figures alone are over the limit (they are ~150 characters): cut at a clause.
    const parts = clauses(intro);
    intro = '';
    for (const p of parts) {
      const next = intro ? `${intro}，${p}` : p;
      if (charLength(next + '。') > limit) break;
      intro = next;
    }
    intro += '。';
  }
  return intro;
}
