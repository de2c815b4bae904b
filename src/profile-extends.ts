/**
 * `extends:` for profiles, resolved on the raw YAML before the profile is parsed and validated, so it
 * works whatever shape the profile format takes: a province's profile names a built-in one (or a
 * file, relative to itself) and writes only what differs. Mappings merge key by key, recursively;
 * lists and scalars replace; `key: null` removes the inherited key.
 */
import jsyaml from 'js-yaml';
import { CliError } from './errors.js';
import { host } from './host.js';

/** A profile YAML: small. */
export const MAX_PROFILE_BYTES = 1024 * 1024;

/** A profile file: a regular file of bounded size (a FIFO, a device or a folder is refused, exit 2). */
function readProfileFile(file: string): string {
  return new TextDecoder().decode(host().readFile(file, MAX_PROFILE_BYTES, { zh: '配置文件', en: 'profile file' }));
}

const MAX_CHAIN = 8;

type Raw = Record<string, unknown>;

function isMap(x: unknown): x is Raw {
  return !!x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date);
}

export function mergeRaw(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = mergeRaw(out[k] as Raw, v);
    else out[k] = v;
  }
  return out;
}

function loadRaw(file: string, source: string): Raw {
  let raw: unknown;
  try {
    raw = jsyaml.load(readProfileFile(file), { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch (e) {
    const err = e as { reason?: string; mark?: { line: number; column: number } };
    const loc = err.mark ? { line: err.mark.line + 1, column: err.mark.column + 1 } : undefined;
    throw new CliError({ zh: '配置文件（profile）YAML 语法错误：请检查该处的冒号、缩进和引号', en: `cannot parse the profile: ${err.reason ?? String(e)}` }, source, loc);
  }
  if (!isMap(raw)) throw new CliError({ zh: '配置文件（profile）无效：顶层应为映射', en: 'invalid profile: top level must be a mapping' }, source);
  return raw;
}

/**
 * The profile's YAML with its `extends` chain merged in (text unchanged when it extends nothing).
 * `resolveBuiltin(id)` gives the file of a built-in profile id.
 */
export function profileText(file: string, resolveBuiltin: (id: string) => string): string {
  const text = readProfileFile(file);
  if (!/^extends\s*:/m.test(text)) return text;
  const chain: string[] = [];
  const { path: P } = host();
  let current = P.resolve(file);
  let merged: Raw | undefined;
  const layers: Raw[] = [];
  for (;;) {
    if (chain.includes(current)) {
      throw new CliError({ zh: `配置文件（profile）循环继承：${[...chain, current].join(' → ')}`, en: `profile extends itself: ${[...chain, current].join(' → ')}` }, file);
    }
    if (chain.length >= MAX_CHAIN) throw new CliError({ zh: `配置文件（profile）继承层级过多（上限 ${MAX_CHAIN}）`, en: `profile extends chain too long (limit ${MAX_CHAIN})` }, file);
    chain.push(current);
    const raw = loadRaw(current, current);
    layers.push(raw);
    const ext = raw.extends;
    if (ext === undefined || ext === null) break;
    if (typeof ext !== 'string' || ext === '') throw new CliError({ zh: '配置文件（profile）无效：extends 应为内置 id 或文件路径', en: 'invalid profile: extends must be a built-in id or a path' }, current);
    const isPath = /[\\/]|\.ya?ml$/i.test(ext);
    const next = isPath ? (P.isAbsolute(ext) ? ext : P.join(P.dirname(current), ext)) : resolveBuiltin(ext);
    if (!host().exists(next)) {
      throw new CliError(
        isPath ? { zh: `extends 指向的文件不存在：${ext}`, en: `extends names a missing file: ${ext}` } : { zh: `extends 指向未知的内置配置：${ext}`, en: `extends names an unknown built-in profile: ${ext}` },
        current,
      );
    }
    current = P.resolve(next);
  }
  for (const layer of layers.reverse()) merged = merged ? mergeRaw(merged, layer) : layer;
  const out = { ...merged! };
  delete out.extends;
  // The extending profile's id wins (mergeRaw did that); the base's notice and sources stay unless overridden.
  return jsyaml.dump(out, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1 });
}
