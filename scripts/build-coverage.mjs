// Precomputes the default PDF font's character coverage for the render/font-coverage rule.
import { writeFileSync } from 'node:fs';
import '../dist/host-node.js';
import { defaultCoverage } from '../dist/render/coverage.js';

writeFileSync(new URL('../dist/render/coverage.json', import.meta.url), JSON.stringify(defaultCoverage()));
