import { relative } from 'node:path';
import type { CommonOptions } from '../cli.js';
import { readFileSync } from 'node:fs';
import { writeOutput } from '../io.js';
import { projectRoot, shippedSchema, writeSchemas } from '../schema/travel.js';
import { stdoutWrite } from '../stdout.js';

export interface SchemaCliOptions extends CommonOptions {
  write?: boolean | string;
  config?: boolean;
  output?: string;
}

/** `cluster schema` prints the filing schema (or --config's); `--write [dir]` copies both into the project. */
export async function schemaCommand(opts: SchemaCliOptions): Promise<number> {
  const zh = opts.lang === 'zh';
  if (opts.write !== undefined && opts.write !== false) {
    const root = typeof opts.write === 'string' ? opts.write : projectRoot(process.cwd());
    const { written, current } = await writeSchemas(root);
    if (!opts.quiet) {
      const rel = (p: string) => relative(process.cwd(), p) || p;
      for (const w of written) stdoutWrite(zh ? `已写入 ${rel(w)}\n` : `wrote ${rel(w)}\n`);
      for (const c of current) stdoutWrite(zh ? `${rel(c)} 已是当前版本\n` : `${rel(c)} is current\n`);
    }
    return 0;
  }
  await writeOutput(opts.output, readFileSync(shippedSchema(opts.config ? 'config.schema.json' : 'filing.schema.json')));
  return 0;
}
