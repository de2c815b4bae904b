// Regenerates schemas/filing.schema.json from the field catalogue and schemas/config.schema.json from
// the rule registry (npm run schema); `cluster schema --write` does the same for a filings repository.
import { writeFileSync } from 'node:fs';
import '../dist/host-node.js';
import { generateSchema } from '../dist/schema/generate.js';
import { configSchema } from '../dist/config/schema.js';
import { allMeta } from '../dist/rules/registry.js';

writeFileSync(new URL('../schemas/filing.schema.json', import.meta.url), JSON.stringify(generateSchema(), null, 2) + '\n');
writeFileSync(new URL('../schemas/config.schema.json', import.meta.url), JSON.stringify(configSchema(allMeta().map((m) => m.id).filter((id) => id !== 'input/unreadable')), null, 2) + '\n');
