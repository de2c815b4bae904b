/**
 * A schema that travels: the filings repository holds its own copy of the schemas
 * (`<project>/schemas/filing.schema.json`, `config.schema.json`), which `init` and `import` reference by
 * a relative path, so completion works in a colleague's clone and after a global install, offline too.
 * `cluster schema --write` keeps the copy current. The project is the folder of the nearest
 * cluster.config.yaml, else the folder the filing is created in.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findConfig } from '../config/find.js';
import { writeFileAtomic } from '../io.js';

export const SCHEMA_FILES = ['filing.schema.json', 'config.schema.json'] as const;

/** The schema shipped in the package. */
export function shippedSchema(name: (typeof SCHEMA_FILES)[number]): string {
  return fileURLToPath(new URL(`../../schemas/${name}`, import.meta.url));
}

/** The folder a filing's schema copy lives under: the project's (cluster.config.yaml) or the given one. */
export function projectRoot(dir: string): string {
  return findConfig(dir)?.dir ?? resolve(dir);
}

/** Writes (or refreshes) the schema copies under `<root>/schemas/`; returns the files that changed. */
export async function writeSchemas(root: string): Promise<{ written: string[]; current: string[] }> {
  const written: string[] = [];
  const current: string[] = [];
  for (const name of SCHEMA_FILES) {
    const target = join(root, 'schemas', name);
    const data = readFileSync(shippedSchema(name));
    const old = await readFile(target).catch(() => undefined);
    if (old && old.equals(data)) {
      current.push(target);
      continue;
    }
    await writeFileAtomic(target, data);
    written.push(target);
  }
  return { written, current };
}

/** Makes sure the copy exists and is current; returns the reference to write into a YAML file in `fileDir`. */
export async function schemaReference(fileDir: string): Promise<string> {
  const root = projectRoot(fileDir);
  await writeSchemas(root);
  return relative(resolve(fileDir), join(root, 'schemas', 'filing.schema.json')).split('\\').join('/');
}
