/**
 * Reads and validates the filings a city or province reviewer hands over (summary and compare).
 * Every file must be readable: the first one that is not stops the command with its name (exit 2),
 * before anything is written.
 */
import { resolve } from 'node:path';
import type { Lang } from '../catalogue/types.js';
import { CliError } from '../errors.js';
import { configFor, ignoredByConfig } from '../config/find.js';
import type { FileResult } from '../findings.js';
import { expandInputs } from '../io.js';
import { loadFiling, type LoadedFiling } from '../load/index.js';
import type { Metrics } from '../metrics/types.js';
import { computeMetrics } from '../metrics/index.js';
import type { Profile } from '../profile.js';
import { validateLoaded } from '../validate/index.js';
import { profileForFiling } from '../review/kind.js';
import { FilingView } from '../validate/view.js';
import { oneRound } from './model.js';

export interface Analysed {
  file: string;
  /** The profile it was judged under (a review filing: its batch's review profile). */
  profile: Profile;
  loaded: LoadedFiling;
  view: FilingView;
  metrics: Metrics;
  result: FileResult;
}

/**
 * `profileOf`: the profile a filing is judged under, as `validate` judges it (the command line's
 * --profile, else the nearest cluster.config.yaml's, else the default). `exclude`: paths never taken as
 * filings (the summary's own .xlsx output left in the folder by an earlier run).
 */
export async function analyseFilings(args: readonly string[], profileOf: (file: string) => Profile, lang: Lang, opts: { today?: string; exclude?: readonly string[] } = {}): Promise<Analysed[]> {
  const skip = new Set((opts.exclude ?? []).map((p) => resolve(p)));
  const files = (await expandInputs(args, { ignored: ignoredByConfig })).filter((f) => !skip.has(resolve(f)));
  if (files.length === 0) throw new CliError({ zh: '没有给出申报文件', en: 'no filings given' });
  const out: Analysed[] = [];
  for (const file of files) {
    const base = profileOf(file);
    const loaded = await loadFiling(file, { years: base.dataYears });
    const p = profileForFiling(loaded.data, base, file);
    // Judged as validate judges it: the nearest cluster.config.yaml's rule levels (its errors are the 汇总表's 草稿 marks).
    const levels = configFor(file)?.rules;
    const result = await validateLoaded(loaded, { profile: p, lang, ...(opts.today ? { today: opts.today } : {}), ...(levels ? { ruleLevels: levels } : {}) });
    const view = new FilingView(loaded.data);
    const metrics = (result.metrics as Metrics | undefined) ?? computeMetrics(view, p);
    out.push({ file, profile: p, loaded, view, metrics, result });
  }
  // One table holds one kind: the 推荐汇总表 of applications, or the review of a batch.
  const reviews = out.filter((a) => a.profile.kind === 'review');
  if (reviews.length > 0 && reviews.length < out.length) {
    const apps = out.filter((a) => a.profile.kind !== 'review');
    throw new CliError({
      zh: `申报文件和复核文件混在一起，请分别汇总（复核：${reviews.map((a) => a.file).join('、')}；申报：${apps.length} 个）`,
      en: `applications and review filings are mixed: summarise them separately (reviews: ${reviews.map((a) => a.file).join(', ')}; applications: ${apps.length})`,
    });
  }
  oneRound(out);
  const batches = new Set(reviews.map((a) => a.profile.id));
  if (batches.size > 1) {
    throw new CliError({ zh: `复核文件属于不同批次（${[...batches].join('、')}），请按批次分别汇总`, en: `the review filings belong to different batches (${[...batches].join(', ')}): summarise each batch separately` });
  }
  return out;
}
