import { appendFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { boundText, type Bound, type Profile } from '../profile.js';
import { dirname, relative, resolve } from 'node:path';
import { CliError, InputError } from '../errors.js';
import { FORMATS, FORMATTERS, type Format, type Report } from '../format/index.js';
import { githubStepSummary } from '../format/github.js';
import type { FileResult } from '../findings.js';
import { expandInputs, readStdin, writeOutput } from '../io.js';
import { paintFor } from '../paint.js';
import { checkTodayOption } from '../profile.js';
import { allMeta } from '../rules/registry.js';
import { unreadableResult, validateFile, validateLoaded } from '../validate/index.js';
import { loadFilingBytes, MAX_FILING_BYTES } from '../load/index.js';
import { VERSION } from '../version.js';
import type { CommonOptions } from '../cli.js';
import { findConfig } from '../config/find.js';
import { matchesAny } from '../glob.js';
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

export function warningCount(results: readonly FileResult[]): number {
  return results.reduce((n, r) => n + r.summary.warning, 0);
}

/** 0 clean, 1 errors (or warnings over the limit), 2 a file could not be read. */
export function exitCodeFor(results: readonly FileResult[], maxWarnings?: number): number {
  if (results.some((r) => r.unreadable)) return 2;
  if (results.some((r) => r.summary.error > 0)) return 1;
  if (maxWarnings !== undefined && warningCount(results) > maxWarnings) return 1;
  return 0;
}

export function parseMaxWarnings(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError({ zh: `--max-warnings 应为非负整数（实际为 ${v}）`, en: `--max-warnings must be a non-negative integer (got ${v})` });
  return Number(v);
}

/** --quiet: warnings and info leave every format; the counts (and the exit code) stay true. */
export function quietResults(results: readonly FileResult[]): FileResult[] {
  return results.map((r) => {
    const q: FileResult = { ...r, findings: r.findings.filter((f) => f.severity === 'error') };
    if (r.suppressed) q.suppressed = r.suppressed.filter((f) => f.severity === 'error');
    return q;
  });
}

/** The profile's thresholds as text ("> 10") for rule help. */
function thresholdTexts(p: Profile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, b] of Object.entries(p.thresholds as Record<string, Bound>)) if (b && typeof b === 'object') out[k] = boundText(b);
  return out;
}

/** An ignore pattern of the nearest project configuration covers this path (folder walks and globs only). */
function ignoredByConfig(abs: string): boolean {
  const c = findConfig(dirname(abs));
  if (!c || c.ignores.length === 0) return false;
  const rel = relative(c.dir, abs).split('\\').join('/');
  return !rel.startsWith('../') && matchesAny(rel, c.ignores);
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
  const results: FileResult[] = [];
  let reportProfile: string | undefined;
  let thresholds: Record<string, string> | undefined;
  const started = new Date().toISOString();
  const durations: Record<string, number> = {};
  for (const file of files) {
    const t0 = performance.now();
    const name = file === '-' ? (opts.stdinFilename ?? '<stdin>') : file;
    const s = settingsFor(file === '-' ? opts.stdinFilename : file, opts);
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
    durations[r.file] = performance.now() - t0;
    reportProfile ??= s.profile.id;
    thresholds ??= thresholdTexts(s.profile);
    if (s.profile.id !== reportProfile) r.profile = s.profile.id;
    results.push(r);
  }
  const report: Report = { tool: { name: 'cluster', version: VERSION }, profile: reportProfile ?? settingsFor(undefined, opts).profile.id, results: opts.quiet ? quietResults(results) : results };
  const toStdout = opts.output === undefined || opts.output === '-';
  const paint = format === 'text' && toStdout ? await paintFor(process.stdout) : PLAIN;
  const timing = { started, hostname: hostname(), durations };
  const text = FORMATTERS[format](report, { lang: opts.lang, paint, rules: allMeta(), quiet: opts.quiet, details: opts.details, thresholds, timing });
  await writeOutput(opts.output, text, files.filter((f) => f !== '-'));
  if (format === 'github' && process.env.GITHUB_STEP_SUMMARY) {
    await appendFile(process.env.GITHUB_STEP_SUMMARY, githubStepSummary(report.results, { lang: opts.lang }));
  }
  const code = exitCodeFor(results, maxWarnings);
  const warnings = warningCount(results);
  if (code === 1 && maxWarnings !== undefined && warnings > maxWarnings && !results.some((r) => r.summary.error > 0)) {
    process.stderr.write(opts.lang === 'zh' ? `cluster: 警告 ${warnings} 个，超过 --max-warnings ${maxWarnings}\n` : `cluster: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
  }
  return code;
}
