// Regenerates schemas/filing.schema.json from the field catalogue (npm run schema).
import { writeFileSync } from 'node:fs';
import { generateSchema } from '../dist/schema/generate.js';

writeFileSync(new URL('../schemas/filing.schema.json', import.meta.url), JSON.stringify(generateSchema(), null, 2) + '\n');
