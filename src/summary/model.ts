/**
 * 附件1《${年度}年度中小企业特色产业集群推荐汇总表》 for a city or province: one row per filing, the seven
 * columns of the seed, the two header lines filled in. One model, drawn by ./pdf.ts and written by ./xlsx.ts.
 *
 * A row is exactly the row `cluster render` prints for that filing alone (`summaryRow` of
 * render/forms/form1.ts): the same fields, the same date format, the same generated 简介.
 */
import { FORM1_COLUMNS, FORM1_HEADER_LINES, form1Title } from '../render/fixed.js';
import { summaryRow, type SummaryRow } from '../render/summary-row.js';
import type { Metrics } from '../metrics/types.js';
import type { Profile } from '../profile.js';
import type { FilingView } from '../validate/view.js';
import { CliError } from '../errors.js';

export type { SummaryRow };

export type SortKey = 'name' | 'region';

/** The two header lines' values: 市州经信部门 and 联系人和手机. */
export interface SummaryHeader {
  city?: string;
  contact?: string;
}

/** One filing as the summary sees it. */
export interface SummaryEntry {
  /** The path as given (messages). */
  file: string;
  row: SummaryRow;
  region: { province: string; city: string; county: string };
  /** From validation: shown as a remark on stderr, never in the table. */
  errors: number;
  warnings: number;
}

export interface SummaryTable {
  /** "2024年度中小企业特色产业集群推荐汇总表". */
  title: string;
  /** "附件1" (Hubei's numbering, the seed) or "附件2" (the national notices): the profile's `annexes.summary`. */
  annex: string;
  /** "市州经信部门：…（盖章）", "联系人和手机：…". */
  headerLines: [string, string];
  /** The seven column labels, exactly as the seed prints them. */
  columns: readonly string[];
  /** One row per filing: 序号 then the six values. */
  rows: string[][];
  entries: SummaryEntry[];
}

export function entryOf(file: string, view: FilingView, profile: Profile, metrics: Metrics, counts: { errors: number; warnings: number }): SummaryEntry {
  const s = (p: string) => view.str(p) ?? '';
  return {
    file,
    row: summaryRow(view, profile, metrics),
    region: { province: s('/cover/region/province'), city: s('/cover/region/city'), county: s('/cover/region/county') },
    errors: counts.errors,
    warnings: counts.warnings,
  };
}

const collator = new Intl.Collator('zh-CN');

/**
 * `name`: by 集群名称 in Chinese (pinyin) collation; `region`: by province, city, county, then name.
 * Ties keep the order given. Returns a new array.
 */
export function sortEntries(entries: readonly SummaryEntry[], key?: SortKey): SummaryEntry[] {
  const indexed = entries.map((e, i) => ({ e, i }));
  if (!key) return entries.slice();
  const byName = (a: SummaryEntry, b: SummaryEntry) => collator.compare(a.row.clusterName, b.row.clusterName);
  const byRegion = (a: SummaryEntry, b: SummaryEntry) =>
    collator.compare(a.region.province, b.region.province) || collator.compare(a.region.city, b.region.city) || collator.compare(a.region.county, b.region.county);
  indexed.sort((x, y) => (key === 'region' ? byRegion(x.e, y.e) : 0) || byName(x.e, y.e) || x.i - y.i);
  return indexed.map((x) => x.e);
}

/** "市州经信部门：荆门市经济和信息化局（盖章）" — the seed's "市州经信部门：（盖章）" with the value before the stamp mark. */
export function headerLines(header: SummaryHeader): [string, string] {
  const [cityLabel, contactLabel] = FORM1_HEADER_LINES;
  const stamp = '（盖章）';
  const city = header.city?.trim() ?? '';
  const cityLine = cityLabel.endsWith(stamp) ? `${cityLabel.slice(0, -stamp.length)}${city}${stamp}` : `${cityLabel}${city}`;
  return [cityLine, `${contactLabel}${header.contact?.trim() ?? ''}`];
}

export function buildSummaryTable(entries: readonly SummaryEntry[], profile: Profile, header: SummaryHeader, sort?: SortKey): SummaryTable {
  const sorted = sortEntries(entries, sort);
  return {
    title: form1Title(profile),
    annex: `附件${profile.annexes.summary}`,
    headerLines: headerLines(header),
    columns: FORM1_COLUMNS,
    rows: sorted.map((e, i) => [String(i + 1), e.row.clusterName, e.row.operator, e.row.place, e.row.leadingIndustry, e.row.founded, e.row.intro]),
    entries: sorted,
  };
}

/**
 * One table, one round: applications judged under different profiles (their folders' configs name
 * different rounds) would be marked 草稿 by different rules in the same 推荐汇总表. Refused (exit 2), each
 * round's files named; review filings are checked by batch where they are summarised.
 */
export function oneRound(filings: ReadonlyArray<{ file: string; profile: Pick<Profile, 'id' | 'kind'> }>): void {
  const rounds = new Map<string, string[]>();
  for (const a of filings) if (a.profile.kind !== 'review') rounds.set(a.profile.id, [...(rounds.get(a.profile.id) ?? []), a.file]);
  if (rounds.size < 2) return;
  const list = (sep: string, colon: string) => [...rounds].map(([id, files]) => `${id}${colon}${files.slice(0, 3).join(sep)}${files.length > 3 ? `${sep}…（${files.length}）` : ''}`);
  throw new CliError({
    zh: `申报文件按不同的认定标准配置校验（${list('、', '：').join('；')}），一张表只汇总同一轮：请分别汇总，或用 --profile 指定同一配置`,
    en: `the filings are judged under different profiles (${list(', ', ': ').join('; ')}): one table holds one round — summarise them separately, or give one --profile`,
  });
}
