// Packs a filing through the built API with stand-in documents (no PDF render of the form: its own
// memory is render's bound, not pack's), for the memory bound of the hostile suite:
//   node --max-old-space-size=N test/helpers/pack-child.mjs <filing> <out.zip>
// Prints the manifest's totals as JSON; exits non-zero on failure.
import '../../dist/host-node.js'; // the Node host, as the CLI installs it
import { pack } from '../../dist/pack/index.js';
import { loadProfile } from '../../dist/profile.js';
import { stubArtifacts } from './stub-artifacts.mjs';

const [filing, out] = process.argv.slice(2);
const artifacts = stubArtifacts();
const r = await pack({ file: filing, output: out, force: true, emailLimitBytes: 1e12, profile: loadProfile('national-2024'), lang: 'zh', artifacts, fsync: false });
if (!r.packed) {
  console.error(JSON.stringify(r.result.findings.slice(0, 5)));
  process.exit(1);
}
console.log(JSON.stringify({ ...r.manifest.totals, heapMB: Math.round(process.memoryUsage().heapUsed / 1e6), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
