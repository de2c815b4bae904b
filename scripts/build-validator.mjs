// Precompiles the filing schema into a standalone ajv validator (dist/schema/validator.cjs):
// compiling at run time costs ~200 ms of `validate`'s start-up. CommonJS because ajv's
// standalone ESM output still contains require() (ajv#2209).
import { writeFileSync, mkdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { generateSchema } from '../dist/schema/generate.js';
import { AJV_OPTIONS } from '../dist/schema/compile.js';

const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: false } });
const validate = ajv.compile(generateSchema());
mkdirSync(new URL('../dist/schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../dist/schema/validator.cjs', import.meta.url), standaloneCode.default ? standaloneCode.default(ajv, validate) : standaloneCode(ajv, validate));
