import { host, type EvidenceCheck, type RealDirCache } from './host.js';

export type { EvidenceCheck, EvidenceProblem, RealDirCache } from './host.js';

/**
 * Resolves an evidence reference against the filing's folder: it must be relative, stay inside
 * the folder (no `..` escape, no symlink leading out), and name a non-empty readable file. The host
 * does the looking: the file system in the CLI, the picked folder in the page.
 */
export function checkEvidence(dir: string, ref: string, cache?: RealDirCache): EvidenceCheck {
  return host().checkEvidence(dir, ref, cache);
}
