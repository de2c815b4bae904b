import type { FilingKind, Lang } from '../catalogue/index.js';
import type { RawFinding, Severity } from '../findings.js';
import type { Profile } from '../profile.js';
import type { Metrics } from '../metrics/types.js';
import type { FilingView } from '../validate/view.js';

export interface RuleMeta {
  /** Public, stable id: `group/name`. */
  id: string;
  severity: Severity;
  /** The clause of the seed it enforces (标准一, 说明2, 表八 备注a, …). */
  source: string;
  description: Record<Lang, string>;
  /** Message templates by message id; `{name}` placeholders are filled from the finding's data. */
  messages: Record<Lang, Record<string, string>>;
  /** Only for filings of these kinds (the default: every filing). */
  filings?: readonly FilingKind[];
}

export interface RuleContext {
  view: FilingView;
  profile: Profile;
  metrics: Metrics;
  /** Folder evidence paths are relative to. */
  dir: string;
  /** Today, YYYY-MM-DD (Beijing time), injectable for tests. */
  today: string;
  /** The language of the metrics' formulas (messages themselves are templated per language). */
  lang?: Lang;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Array<Omit<RawFinding, 'ruleId'>>;
}
