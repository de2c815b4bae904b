/**
 * Reads and validates the filings a city or province reviewer hands over (summary and compare).
 * Every file must be readable: the first one that is not stops the command with its name (exit 2),
 * before anything is written.
 */
import { resolve } from 'node:path';
import type { Lang } from '../catalogue/types.js';
import { CliError } from '../errors.js';
import type { FileResult } from '../findings.js';
import { expandInputs } from '../io.js';
import { loadFiling, type LoadedFiling } from '../load/index.js';
import type { Metrics } from '../metrics/types.js';
import { computeMetrics } from '../metrics/index.js';
import type { Profile } from '../profile.js';
import { validateLoaded } from '../validate/index.js';
import { FilingView } from '../validate/view.js';

export interface Analysed {
  file: string;
  loaded: LoadedFiling;
  view: FilingView;
  metrics: Metrics;
  result: FileResult;
}

/** `exclude`: paths never taken as filings (the summary's own .xlsx output left in the folder by an earlier run). */
export async function analyseFilings(args: readonly string[], profile: Profile, lang: Lang, opts: { today?: string; exclude?: readonly string[] } = {}): Promise<Analysed[]> {
  const skip = new Set((opts.exclude ?? []).map((p) => resolve(p)));
  const files = (await expandInputs(args)).filter((f) => !skip.has(resolve(f)));
  if (files.length === 0) throw new CliError({ zh: '没有给出申报文件', en: 'no filings given' });
  const out: Analysed[] = [];
  for (const file of files) {
    const loaded = await loadFiling(file, { years: profile.dataYears });
    const result = await validateLoaded(loaded, { profile, lang, ...(opts.today ? { today: opts.today } : {}) });
    const view = new FilingView(loaded.data);
    const metrics = (result.metrics as Metrics | undefined) ?? computeMetrics(view, profile);
    out.push({ file, loaded, view, metrics, result });
  }
  return out;
}
