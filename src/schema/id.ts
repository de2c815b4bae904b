/**
 * Where the published schemas live: the npm package's own files on a public CDN, so a `$id` (and a
 * `$schema` reference that uses it) resolves for anyone, with or without a clone. Versioned: a filing
 * written for one release keeps the schema it was written against.
 */
import { PACKAGE_NAME, VERSION } from '../version.js';

export const SCHEMA_BASE = `https://cdn.jsdelivr.net/npm/${PACKAGE_NAME}@${VERSION}/schemas`;
