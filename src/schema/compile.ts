import { Ajv2020 } from 'ajv/dist/2020.js';
import { generateSchema } from './generate.js';

export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;

/** Compiles the filing schema at run time (used when the precompiled validator is absent). */
export function compileSchema() {
  const ajv = new Ajv2020({ ...AJV_OPTIONS });
  return ajv.compile(generateSchema());
}
