import { labelFor, sectionOf } from '../catalogue/index.js';
import type { FilingKind, Lang } from '../catalogue/index.js';
import type { Rule, RuleContext } from '../rules/types.js';
import { CliError, InputError } from '../errors.js';
import { sortFindings, summarize, type FileResult, type Finding, type RawFinding } from '../findings.js';
import { fill } from '../i18n.js';
import { loadFiling, type LoadedFiling } from '../load/index.js';
import type { SourceMap } from '../load/source-map.js';
import { computeMetrics } from '../metrics/index.js';
import type { Profile } from '../profile.js';
import { metaById, RULES } from '../rules/registry.js';
import { schemaFindings } from './schema.js';
import { applySuppressions, type SuppressedFinding } from '../suppress.js';
import type { RuleLevel } from '../config/schema.js';
import { FilingView } from './view.js';
import { profileForFiling } from '../review/kind.js';

export interface ValidateOptions {
  profile: Profile;
  lang: Lang;
  /** YYYY-MM-DD; defaults to today in Beijing time. */
  today?: string;
  /** Rule levels from the project configuration (cluster.config.yaml `rules:`). */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  /** false: ignore the file's suppression directives (--no-inline-config). */
  inlineConfig?: boolean;
}

/** `off` drops a finding; any other level replaces its severity. */
export function applyLevels(findings: Finding[], levels?: Readonly<Record<string, RuleLevel>>): Finding[] {
  if (!levels) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const l = levels[f.ruleId];
    if (l === 'off') continue;
    out.push(l ? { ...f, severity: l } : f);
  }
  return out;
}

export function beijingToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Turns a check's raw finding into what a user reads: message, label and source location. */
export function materialize(raw: RawFinding, lang: Lang, sourceMap?: SourceMap): Finding {
  const meta = metaById(raw.ruleId);
  if (!meta) throw new Error(`finding from unregistered rule ${raw.ruleId}`);
  const template = meta.messages[lang][raw.messageId];
  if (template === undefined) throw new Error(`rule ${raw.ruleId} has no ${lang} message ${raw.messageId}`);
  const label = raw.path ? labelFor(raw.path, lang) : undefined;
  const message = fill(template, { label: label ?? '', ...raw.data });
  const loc = raw.at ?? (sourceMap ? (raw.ruleId === 'schema/unknown-key' ? sourceMap.locateKey(raw.path) : sourceMap.locate(raw.path)) : undefined);
  const f: Finding = { ruleId: raw.ruleId, severity: raw.severity ?? meta.severity, message, path: raw.path };
  if (label) f.label = label;
  const section = raw.path ? sectionOf(raw.path) : undefined;
  if (section) f.section = section.id;
  if (loc) {
    if (loc.sheet) {
      f.sheet = loc.sheet;
      if (loc.cell) f.cell = loc.cell;
    } else if (loc.line) {
      f.line = loc.line;
      if (loc.column) f.column = loc.column;
    }
  }
  return f;
}

export function resultOf(file: string, findings: Finding[], metrics?: FileResult['metrics']): FileResult {
  sortFindings(findings);
  const summary = summarize(findings);
  const r: FileResult = { file, valid: summary.error === 0, summary, findings };
  if (metrics) r.metrics = metrics;
  return r;
}

/** Load findings that stand for a cell's value: other findings at the same path are consequences. */
const REFUSED_CELL = new Set(['input/cell-value', 'input/merged-cells']);

/** The rules that apply to filings of a kind (a rule may be for some kinds only): chosen once per kind. */
const rulesByKind = new Map<FilingKind, readonly Rule[]>();

function rulesFor(kind: FilingKind): readonly Rule[] {
  let rs = rulesByKind.get(kind);
  if (!rs) rulesByKind.set(kind, (rs = RULES.filter((r) => !r.meta.filings || r.meta.filings.includes(kind))));
  return rs;
}

/**
 * Every rule that applies, its findings added to `raw`. A function of its own, apart from the async
 * validateLoaded: V8 optimises (and, on a filing of another shape, re-optimises) a small loop sooner (#18).
 */
function runRules(ctx: RuleContext, raw: RawFinding[]): void {
  for (const rule of rulesFor(ctx.profile.kind)) {
    const id = rule.meta.id;
    for (const f of rule.check(ctx)) raw.push({ ruleId: id, ...f });
  }
}

/** Schema, metrics and every rule over a loaded filing. */
export async function validateLoaded(loaded: LoadedFiling, opts: ValidateOptions): Promise<FileResult> {
  const raw: RawFinding[] = [...(loaded.loadFindings ?? []), ...(await schemaFindings(loaded.data, opts.lang))];
  const view = new FilingView(loaded.data);
  const metrics = computeMetrics(view, opts.profile, opts.lang);
  const ctx = { view, profile: opts.profile, metrics, dir: loaded.dir, today: opts.today ?? beijingToday(), lang: opts.lang };
  runRules(ctx, raw);
  // A workbook cell that could not be read has its one finding (what was read, why refused); the
  // field's emptiness that follows from it is not a second one.
  const refused = new Set((loaded.loadFindings ?? []).filter((f) => REFUSED_CELL.has(f.ruleId)).map((f) => f.path));
  const kept = refused.size ? raw.filter((r) => r.ruleId.startsWith('input/') || !refused.has(r.path)) : raw;
  let findings = applyLevels(kept.map((r) => materialize(r, opts.lang, loaded.sourceMap)), opts.ruleLevels);
  let suppressed: SuppressedFinding[] = [];
  if (opts.inlineConfig !== false && loaded.directives?.length) {
    const o = applySuppressions(findings, loaded.directives, { lang: opts.lang, knownRule: (id) => metaById(id) !== undefined, meta: metaById });
    findings = [...o.kept, ...applyLevels(o.problems, opts.ruleLevels)];
    suppressed = o.suppressed;
  }
  const result = resultOf(loaded.file, findings, metrics);
  if (suppressed.length) result.suppressed = sortFindings(suppressed) as SuppressedFinding[];
  return result;
}

/** The result for a file that could not be read at all (exit code 2). */
export function unreadableResult(file: string, err: CliError, lang: Lang): FileResult {
  const f: Finding = { ruleId: 'input/unreadable', severity: 'error', message: err.text(lang), path: '' };
  if (err.location?.line) {
    f.line = err.location.line;
    if (err.location.column) f.column = err.location.column;
  }
  if (err.location?.sheet) {
    f.sheet = err.location.sheet;
    if (err.location.cell) f.cell = err.location.cell;
  }
  const r = resultOf(file, [f]);
  r.unreadable = true;
  return r;
}

export async function validateFile(file: string, opts: ValidateOptions): Promise<FileResult> {
  let loaded: LoadedFiling;
  let profile: Profile;
  try {
    loaded = await loadFiling(file, { years: opts.profile.dataYears });
    profile = profileForFiling(loaded.data, opts.profile, file);
  } catch (e) {
    if (e instanceof InputError) return unreadableResult(file, e, opts.lang);
    throw e;
  }
  return validateLoaded(loaded, { ...opts, profile });
}
