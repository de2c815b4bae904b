import { appendFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { boundText, type Bound, type Profile } from '../profile.js';
import { dirname, resolve } from 'node:path';
import { CliError, InputError } from '../errors.js';
import { FORMATS, STREAM_FORMATTERS, type Format } from '../format/index.js';
import { githubStepSummary } from '../format/github.js';
import type { FileResult } from '../findings.js';
import { expandInputs, openOutput, readStdin } from '../io.js';
import { paintFor } from '../paint.js';
import { checkTodayOption } from '../profile.js';
import { allMeta } from '../rules/registry.js';
import { unreadableResult, validateFile, validateLoaded } from '../validate/index.js';
import { loadFilingBytes, MAX_FILING_BYTES } from '../load/index.js';
import { VERSION } from '../version.js';
import type { CommonOptions } from '../cli.js';
import { findConfig, ignoredByConfig } from '../config/find.js';
import { given, settingsFor } from '../project.js';
import { PLAIN } from '../format/types.js';

export interface ValidateCliOptions extends CommonOptions {
  format: Format;
  output?: string;
  maxWarnings?: string;
  today?: string;
  details?: boolean;
  stdinFilename?: string;
  /** false with --no-inline-config. */
  inlineConfig?: boolean;
}

export function parseMaxWarnings(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError({ zh: `--max-warnings 应为非负整数（实际为 ${v}）`, en: `--max-warnings must be a non-negative integer (got ${v})` });
  return Number(v);
}

/** --quiet: warnings and info leave every format; the counts (and the exit code) stay true. */
export function quietResult(r: FileResult): FileResult {
  const q: FileResult = { ...r, findings: r.findings.filter((f) => f.severity === 'error') };
  if (r.suppressed) q.suppressed = r.suppressed.filter((f) => f.severity === 'error');
  return q;
}

/** The profile's thresholds as text ("> 10") for rule help. */
function thresholdTexts(p: Profile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, b] of Object.entries(p.thresholds as Record<string, Bound>)) if (b && typeof b === 'object') out[k] = boundText(b);
  return out;
}

export async function validateCommand(args: string[], opts: ValidateCliOptions): Promise<number> {
  const maxWarnings = parseMaxWarnings(opts.maxWarnings);
  checkTodayOption(opts.today);
  const project = findConfig(process.cwd());
  const format: Format = given(opts, 'format') ? opts.format : (project?.format ?? opts.format);
  if (!FORMATS.includes(format)) throw new CliError({ zh: `未知格式 ${format}`, en: `unknown format ${format}` });
  if (args.filter((a) => a === '-').length > 1) throw new CliError({ zh: '标准输入（-）只能给一次', en: 'stdin (-) can be given once only' });
  if (opts.stdinFilename !== undefined && !args.includes('-')) {
    throw new CliError({ zh: '--stdin-filename 只和 -（从标准输入读取）一起使用', en: '--stdin-filename goes with - (read from stdin)' });
  }
  const files = await expandInputs(args, { ignored: ignoredByConfig });
  const nameOf = (file: string) => (file === '-' ? (opts.stdinFilename ?? '<stdin>') : file);
  const settingsOf = (file: string) => settingsFor(file === '-' ? opts.stdinFilename : file, opts);
  // The report's profile and rule help come from the first filing's settings (or the defaults).
  const first = files.length ? settingsOf(files[0]!) : settingsFor(undefined, opts);
  const reportProfile = first.profile.id;
  const thresholds = files.length ? thresholdTexts(first.profile) : undefined;
  const toStdout = opts.output === undefined || opts.output === '-';
  const paint = format === 'text' && toStdout ? await paintFor('stdout') : PLAIN;
  const durations: Record<string, number> = {};
  // Only JUnit reports the host; os (and perf_hooks for performance.now) cost start-up for the others.
  const timing = { started: new Date().toISOString(), hostname: format === 'junit' ? hostname() : '', durations };
  // Results are written as they come and not kept (#18: 10,000 filings in flat memory); only what the
  // exit code, the summary and JUnit's durations need stays.
  const stream = STREAM_FORMATTERS[format](
    { tool: { name: 'cluster', version: VERSION }, profile: reportProfile, files: files.map(nameOf) },
    { lang: opts.lang, paint, rules: allMeta(), quiet: opts.quiet, details: opts.details, thresholds, timing },
  );
  const stepSummary = format === 'github' && process.env.GITHUB_STEP_SUMMARY ? process.env.GITHUB_STEP_SUMMARY : undefined;
  const kept: FileResult[] = [];
  const tally = { unreadable: false, error: false, warnings: 0 };
  const out = await openOutput(opts.output, files.filter((f) => f !== '-'));
  try {
    await out.write(stream.begin());
    for (const file of files) {
      const t0 = process.hrtime.bigint();
      const name = nameOf(file);
      const s = settingsOf(file);
      const vopts = { profile: s.profile, lang: opts.lang, today: opts.today, ruleLevels: s.config?.rules, inlineConfig: opts.inlineConfig };
      let r: FileResult;
      if (file === '-') {
        const dir = opts.stdinFilename ? dirname(resolve(opts.stdinFilename)) : process.cwd();
        try {
          r = await validateLoaded(loadFilingBytes(await readStdin(MAX_FILING_BYTES), name, dir), vopts);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          r = unreadableResult(name, e, opts.lang);
        }
      } else r = await validateFile(file, vopts);
      durations[r.file] = Number(process.hrtime.bigint() - t0) / 1e6;
      if (s.profile.id !== reportProfile) r.profile = s.profile.id;
      tally.unreadable ||= !!r.unreadable;
      tally.error ||= r.summary.error > 0;
      tally.warnings += r.summary.warning;
      const shown = opts.quiet ? quietResult(r) : r;
      if (stepSummary) kept.push({ file: shown.file, valid: shown.valid, summary: shown.summary, findings: shown.findings });
      await out.write(stream.add(shown));
    }
    await out.write(stream.end());
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
  if (stepSummary) await appendFile(stepSummary, githubStepSummary(kept, { lang: opts.lang }));
  // 0 clean, 1 errors (or warnings over the limit), 2 a file could not be read.
  const code = tally.unreadable ? 2 : tally.error || (maxWarnings !== undefined && tally.warnings > maxWarnings) ? 1 : 0;
  const warnings = tally.warnings;
  if (code === 1 && maxWarnings !== undefined && warnings > maxWarnings && !tally.error) {
    process.stderr.write(opts.lang === 'zh' ? `cluster: 警告 ${warnings} 个，超过 --max-warnings ${maxWarnings}\n` : `cluster: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
  }
  return code;
}
