// Precompiles the filing schema into a standalone ajv validator (dist/schema/validator.cjs):
// compiling at run time costs ~200 ms of `validate`'s start-up. CommonJS because ajv's
// standalone ESM output still contains require() (ajv#2209). Then records V8's code cache for
// it (dist/schema/validator.cache), exercised on the examples so the hot functions are in it.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import jsyaml from 'js-yaml';
import { generateSchema } from '../dist/schema/generate.js';
import { AJV_OPTIONS } from '../dist/schema/compile.js';
import { wrapCommonJs } from '../dist/host-node.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: false } });
const validate = ajv.compile(generateSchema());
mkdirSync(join(root, 'dist/schema'), { recursive: true });
const file = join(root, 'dist/schema/validator.cjs');
const code = standaloneCode.default ? standaloneCode.default(ajv, validate) : standaloneCode(ajv, validate);
writeFileSync(file, code);

const script = new Script(wrapCommonJs(code), { filename: file });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
const examples = readdirSync(join(root, 'examples'), { recursive: true }).filter((f) => String(f).endsWith('.yaml'));
for (const f of examples) module.exports(jsyaml.load(readFileSync(join(root, 'examples', String(f)), 'utf8'), { schema: jsyaml.CORE_SCHEMA }));
module.exports({});
writeFileSync(join(root, 'dist/schema/validator.cache'), script.createCachedData());
