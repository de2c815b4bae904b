/** `cluster pack`: the submission package (zip) for the CD and the email, and its verification. */
export { pack, type PackRequest, type PackResult, type PackOutput } from './build.js';
export { verifyPackage, type VerifyReport, type VerifyProblem, type VerifyProblemKind } from './verify.js';
export { PACK_RULES, type PackRuleId, fmtSize } from './rules.js';
export { type Manifest, type ManifestFile, type ManifestItem, MANIFEST_FORMAT, MANIFEST_VERSION, parseManifest, fingerprintOf } from './manifest.js';
export { ALLOWED_EXTENSIONS } from './inspect.js';
export { MAX_PATH_CHARS } from './names.js';
export { EVIDENCE_DIR, DATA_DIR, LIST_CSV, LIST_PDF, MANIFEST_NAME, XLSX_NAME } from './layout.js';
export { createProgressBar, progressEnabled } from './progress.js';
export type { ArtifactProvider, RenderedPdf } from './artifacts.js';
