/**
 * A rule's help as code scanning and docs/rules.md show it: the clause it enforces, the threshold of
 * the profile in force, and how to fix the filing (or, when the finding is justified, how to
 * suppress it with a reason). Pure.
 */
import type { Lang } from '../catalogue/types.js';
import type { RuleMeta } from './types.js';
import { PACKAGE_NAME, VERSION } from '../version.js';

/** Where docs/rules.md of this release is published (the npm package's files). */
export const DOCS_BASE = `https://cdn.jsdelivr.net/npm/${PACKAGE_NAME}@${VERSION}/docs`;
export const INFORMATION_URI = `https://www.npmjs.com/package/${PACKAGE_NAME}`;

/** The heading anchor docs/rules.md gives a rule (GitHub's slug of "`form/phone`": "formphone"). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9\- ]/g, '').replace(/ /g, '-');
}

export function helpUri(id: string): string {
  return `${DOCS_BASE}/rules.md#${ruleAnchor(id)}`;
}

/** Which profile threshold a rule judges against (the help prints the profile's figure). */
export const RULE_THRESHOLDS: Record<string, readonly string[]> = {
  'competitiveness/area': ['area'],
  'competitiveness/output-min': ['output'],
  'competitiveness/sme-output-share': ['smeOutputShare'],
  'competitiveness/leading-industry-share': ['leadingShare'],
  'competitiveness/output-growth': ['outputCagr'],
  'cultivation/quality-smes': ['championsOrGiants', 'otherQualitySmes'],
  'innovation/rd-growth': ['rdSpendingCagr'],
  'innovation/patent-growth': ['inventionPatentCagr'],
  'innovation/patents-per-10k': ['patentsPer10k'],
  'digital/industrial-internet': ['industrialInternetRate'],
  'plan/output-growth': ['planOutputCagr'],
  'plan/rd-growth': ['planRdCagr'],
  'plan/patent-growth': ['planPatentCagr'],
  'plan/industrial-internet': ['planIndustrialInternetRate'],
  'plan/co2-reduction': ['planCo2Reduction'],
  'plan/energy-intensity-reduction': ['planEnergyIntensityReduction'],
};

const FIX: Record<string, Record<Lang, string>> = {
  veto: { zh: '一票否决项：如实填写。确属此情形的集群不符合申报条件，不应通过忽略指令绕过。', en: 'A veto: answer truthfully. A cluster in this situation is not eligible; do not suppress it.' },
  eligibility: { zh: '先取得省级认定，或在说明中注明省级认定的进展。', en: 'Obtain provincial certification first, or state its progress.' },
  schema: { zh: '按申报表的栏目改正该键或值（编辑器中的 $schema 引用会提示可用的键和选项）。', en: 'Correct the key or value to the form’s field (the editor schema offers the keys and options).' },
  input: { zh: '修正文件本身（编码、语法、工作簿结构），或重新从模板导出。', en: 'Fix the file itself (encoding, syntax, workbook structure), or export it again from the template.' },
  form: { zh: '按填报说明改正该栏：必填项填写或写"无"，小数保留两位，字数不超限，勾选项附佐证材料。', en: 'Correct the field as the filling instructions say: fill it or write “无”, 2 decimals, within the length, evidence for ticked boxes.' },
  consistency: { zh: '核对填报值与据表内数据核算的值，改正其一；确为口径差异时在忽略指令中写明理由。', en: 'Reconcile the stated value with the one computed from the form; when the basis differs, suppress with the reason.' },
  suppression: { zh: '改正或删除该忽略指令：# cluster-disable-next-line <规则id> -- <理由>，写在问题所在行的上一行。', en: 'Fix or remove the directive: # cluster-disable-next-line <rule-id> -- <reason>, on the line above the finding.' },
  render: { zh: '换用包含该字符的字体（--font），或改写该字符。', en: 'Use a font that has the character (--font), or rewrite it.' },
  pack: { zh: '按消息补齐或改正佐证材料文件。', en: 'Add or correct the evidence files as the message says.' },
};
const FIX_DEFAULT: Record<Lang, string> = {
  zh: '核对该项数据及其佐证材料：数据有误则改正；数据属实但未达到标准，则该集群本轮不符合此项要求。确有正当理由时，在该行上方写 `# cluster-disable-next-line <规则id> -- <理由>`。',
  en: 'Check the figure and its evidence: correct it if wrong; if it is right but below the standard, the cluster does not meet this criterion this round. With a genuine reason, write `# cluster-disable-next-line <rule-id> -- <reason>` on the line above.',
};

export function howToFix(id: string, lang: Lang): string {
  return (FIX[id.split('/')[0]!] ?? FIX_DEFAULT)[lang];
}

const SEV: Record<string, Record<Lang, string>> = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } };

/** Markdown help of one rule; `thresholds` are the profile's figures by key ("> 10"). */
export function helpMarkdown(m: RuleMeta, lang: Lang, thresholds: Readonly<Record<string, string>> = {}, profileId?: string): string {
  const zh = lang === 'zh';
  const lines = [`**${m.id}** — ${m.description[lang]}`, '', `- ${zh ? '依据' : 'Source'}：${m.source}`, `- ${zh ? '默认级别' : 'Default severity'}：${SEV[m.severity]![lang]}`];
  const keys = RULE_THRESHOLDS[m.id] ?? [];
  const th = keys.filter((k) => thresholds[k]).map((k) => `\`${k}\` ${thresholds[k]}`);
  if (th.length) lines.push(`- ${zh ? '阈值' : 'Threshold'}${profileId ? `（${profileId}）` : ''}：${th.join(zh ? '；' : '; ')}`);
  lines.push('', `${zh ? '**如何修改**' : '**How to fix**'}：${howToFix(m.id, lang)}`);
  if (m.id !== 'input/unreadable') lines.push('', `${zh ? '在 cluster.config.yaml 中调整级别' : 'Change its level in cluster.config.yaml'}：\`rules: { ${m.id}: warning }\``);
  return lines.join('\n');
}

export function helpText(m: RuleMeta, lang: Lang, thresholds: Readonly<Record<string, string>> = {}, profileId?: string): string {
  return helpMarkdown(m, lang, thresholds, profileId).replace(/\*\*|`/g, '');
}
