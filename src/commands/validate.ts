import { appendFile } from 'node:fs/promises';
import { CliError } from '../errors.js';
import { FORMATS, FORMATTERS, type Format, type Report } from '../format/index.js';
import { githubStepSummary } from '../format/github.js';
import type { FileResult } from '../findings.js';
import { expandInputs, writeFileAtomic } from '../io.js';
import { paintFor } from '../paint.js';
import { checkTodayOption, loadProfile } from '../profile.js';
import { allMeta } from '../rules/registry.js';
import { validateFile } from '../validate/index.js';
import { VERSION } from '../version.js';
import type { CommonOptions } from '../cli.js';

export interface ValidateCliOptions extends CommonOptions {
  format: Format;
  output?: string;
  maxWarnings?: string;
  today?: string;
  details?: boolean;
}

/** 0 clean, 1 errors (or warnings over the limit), 2 a file could not be read. */
export function exitCodeFor(results: readonly FileResult[], maxWarnings?: number): number {
  if (results.some((r) => r.unreadable)) return 2;
  if (results.some((r) => r.summary.error > 0)) return 1;
  const warnings = results.reduce((n, r) => n + r.summary.warning, 0);
  if (maxWarnings !== undefined && warnings > maxWarnings) return 1;
  return 0;
}

export function parseMaxWarnings(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError({ zh: `--max-warnings 应为非负整数（实际为 ${v}）`, en: `--max-warnings must be a non-negative integer (got ${v})` });
  return Number(v);
}

export async function validateCommand(args: string[], opts: ValidateCliOptions): Promise<number> {
  const maxWarnings = parseMaxWarnings(opts.maxWarnings);
  checkTodayOption(opts.today);
  if (!FORMATS.includes(opts.format)) throw new CliError({ zh: `未知格式 ${opts.format}`, en: `unknown format ${opts.format}` });
  const profile = loadProfile(opts.profile);
  const files = await expandInputs(args);
  const results: FileResult[] = [];
  for (const file of files) results.push(await validateFile(file, { profile, lang: opts.lang, today: opts.today }));
  const report: Report = { tool: { name: 'cluster', version: VERSION }, profile: profile.id, results };
  const paint = opts.format === 'text' ? await paintFor(process.stdout, !!opts.output) : undefined;
  const text = FORMATTERS[opts.format](report, {
    lang: opts.lang,
    paint: paint ?? (await import('../format/types.js')).PLAIN,
    rules: allMeta(),
    quiet: opts.quiet,
    details: opts.details,
  });
  if (opts.output) await writeFileAtomic(opts.output, text, files);
  else process.stdout.write(text);
  if (opts.format === 'github' && process.env.GITHUB_STEP_SUMMARY) {
    await appendFile(process.env.GITHUB_STEP_SUMMARY, githubStepSummary(results, { lang: opts.lang }));
  }
  return exitCodeFor(results, maxWarnings);
}
