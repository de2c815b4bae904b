/**
 * What a folder walk reads as a filing: the CLI's `validate folder/` (src/io.ts, on the file system)
 * and the page (the folder the user picked) decide with these same rules. Pure: names and text only.
 */
import { formatOf } from './load/index.js';

/** Folders a walk never enters (evidence is evidence, not filings). Names starting with '.' are skipped too. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'evidence', '佐证材料', 'dist', 'out']);

/** Files that are never filings, whatever their extension (a folder walk or glob never reads them as one). */
const NOT_FILINGS = new Set([
  'cluster.config.yaml',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'composer.json',
  'tsconfig.json',
  'jsconfig.json',
  'manifest.json',
  'renovate.json',
  'docker-compose.yml',
  'docker-compose.yaml',
  'pnpm-lock.yaml',
  'mkdocs.yml',
  'action.yml',
  'action.yaml',
  '.gitlab-ci.yml',
]);

/** The top-level keys of a filing (the form's sections): a YAML/JSON file found by a walk is a filing only if it has one. */
export const FILING_KEYS = ['cover', 'summary', 'basic', 'industry', 'innovation', 'digital', 'green', 'openness', 'governance', 'plan', 'declaration'];
const FILING_KEY_RE = new RegExp(`^(?:(?:${FILING_KEYS.join('|')})\\s*:|\\s*"(?:${FILING_KEYS.join('|')})"\\s*:)|filing\\.schema\\.json`, 'm');

/** How many leading bytes of a YAML/JSON file decide whether it is a filing. */
export const SNIFF_BYTES = 65536;

/**
 * A file met in a walk, by its name: never a filing ('no'), always ('yes': `cluster.yaml|yml|json`
 * and workbooks), or only if its first SNIFF_BYTES show a section key of the form ('sniff').
 */
export function filingByName(name: string): 'no' | 'yes' | 'sniff' {
  if (NOT_FILINGS.has(name.toLowerCase()) || name.startsWith('~$') || /\.schema\.json$/i.test(name)) return 'no';
  const fmt = formatOf(name);
  if (!fmt) return 'no';
  if (fmt === 'xlsx' || /^cluster\.(ya?ml|json)$/i.test(name)) return 'yes';
  return 'sniff';
}

/** Whether the first bytes of a YAML/JSON file (as UTF-8 text) show a section key of the form. */
export function headLooksLikeFiling(head: string): boolean {
  return FILING_KEY_RE.test(head);
}
