import { createRequire } from 'node:module';
import type { Node as YNode } from 'yaml';
import jsyaml from 'js-yaml';

/** `yaml` (~16 ms to import) is loaded only when positions or a precise refusal are needed. */
type YamlLib = typeof import('yaml');
let yamlLib: YamlLib | undefined;
function Y(): YamlLib {
  yamlLib ??= createRequire(import.meta.url)('yaml') as YamlLib;
  return yamlLib;
}
import type { SourceMap } from './source-map.js';
import { InputError } from '../errors.js';
import type { SourceLocation } from '../findings.js';
import { pointerOf } from '../catalogue/index.js';
import { MapSourceMap } from './source-map.js';

/** Tags a filing may carry explicitly; anything else (custom or language tags) is refused. */
const ALLOWED_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

const MAX_DEPTH = 64;

export interface ParsedText {
  data: Record<string, unknown>;
  sourceMap: MapSourceMap;
}

function pos(lc: { linePos(o: number): { line: number; col: number } }, offset: number): { line: number; col: number } {
  return lc.linePos(offset);
}

/**
 * Parses YAML (or JSON, a subset of YAML 1.2) safely: no aliases, no custom tags, unique keys,
 * bounded depth; every value's position is kept for findings.
 *
 * Two parsers, one answer. `yaml` keeps positions but takes ~60 ms cold on a real filing, most of
 * `validate`'s start-up; js-yaml parses the same file in ~6 ms. So the data comes from js-yaml
 * (core schema: no custom tags; duplicate keys and several documents refused), aliases show up as
 * shared objects and deep nesting as depth, and any refusal is re-parsed by `yaml` for the exact
 * message and position. Positions are built by `yaml` only when a finding needs one.
 */
export function parseYamlText(text: string, file: string): { data: Record<string, unknown>; sourceMap: SourceMap } {
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false, filename: file });
  } catch (e) {
    parseYamlStrict(text, file); // throws the precise refusal
    const err = e as { reason?: string; mark?: { line: number; column: number } };
    const loc = err.mark ? { line: err.mark.line + 1, column: err.mark.column + 1 } : undefined;
    throw new InputError({ zh: `YAML 无法解析：${err.reason ?? String(e)}`, en: `cannot parse the YAML: ${err.reason ?? String(e)}` }, file, loc);
  }
  if (!isPlainTree(data)) return parseYamlStrict(text, file); // aliases or deep nesting: refused there
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) return parseYamlStrict(text, file);
  return { data: data as Record<string, unknown>, sourceMap: new LazySourceMap(text, file) };
}

/** No object reachable twice (an alias) and no nesting beyond MAX_DEPTH. */
function isPlainTree(root: unknown): boolean {
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== 'object') return true;
    if (depth > MAX_DEPTH || seen.has(v)) return false;
    seen.add(v);
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (!walk(x, depth + 1)) return false;
    return true;
  };
  return walk(root, 0);
}

/** Positions from the `yaml` parser, computed on first use. */
class LazySourceMap implements SourceMap {
  private map?: MapSourceMap;
  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}
  private get(): MapSourceMap {
    this.map ??= parseYamlStrict(this.text, this.file).sourceMap;
    return this.map;
  }
  locate(pointer: string) {
    return pointer === '' ? undefined : this.get().locate(pointer);
  }
  locateKey(pointer: string) {
    return pointer === '' ? undefined : this.get().locateKey(pointer);
  }
}

/** The `yaml` parser: exact refusals with positions, and the full position map. */
export function parseYamlStrict(text: string, file: string): ParsedText {
  const { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } = Y();
  const lc = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lc,
    uniqueKeys: true,
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
    strict: true,
  });
  const at = (offset: number): SourceLocation => {
    const p = pos(lc, offset);
    return { line: p.line, column: p.col };
  };

  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const loc = at(e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') {
      throw new InputError(
        {
          zh: `重复的键：同一层级中同名键出现两次（第 ${loc.line} 行第 ${loc.column} 列），无法确定应采用哪个值`,
          en: `duplicate key at line ${loc.line}, column ${loc.column}: the same key appears twice in one mapping`,
        },
        file,
        loc,
      );
    }
    if (e.code === 'MULTIPLE_DOCS') {
      throw new InputError(
        { zh: '一个文件只能包含一份申报数据（发现多个 YAML 文档 "---"）', en: 'a file must hold one filing (found several YAML documents "---")' },
        file,
        loc,
      );
    }
    const detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    throw new InputError(
      {
        zh: `YAML 语法错误（第 ${loc.line} 行第 ${loc.column} 列）：${detail}`,
        en: `YAML syntax error at line ${loc.line}, column ${loc.column}: ${detail}`,
      },
      file,
      loc,
    );
  }

  // Refuse aliases (alias bombs, self references) and unknown tags before building any object.
  let refusal: InputError | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const loc = at(node.range?.[0] ?? 0);
      refusal = new InputError(
        {
          zh: `不支持 YAML 别名（*${node.source}）：请直接写出数值（第 ${loc.line} 行第 ${loc.column} 列）`,
          en: `YAML aliases (*${node.source}) are not allowed: write the value out (line ${loc.line}, column ${loc.column})`,
        },
        file,
        loc,
      );
      return visit.BREAK;
    }
    const n = node as YNode;
    if ((isScalar(n) || isMap(n) || isSeq(n)) && n.tag && !ALLOWED_TAGS.has(n.tag)) {
      const loc = at(n.range?.[0] ?? 0);
      refusal = new InputError(
        {
          zh: `不支持自定义 YAML 标签 ${n.tag}（第 ${loc.line} 行第 ${loc.column} 列）`,
          en: `custom YAML tag ${n.tag} is not allowed (line ${loc.line}, column ${loc.column})`,
        },
        file,
        loc,
      );
      return visit.BREAK;
    }
    return undefined;
  });
  if (refusal) throw refusal;
  const unresolved = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unresolved) {
    const loc = at(unresolved.pos[0]);
    throw new InputError(
      {
        zh: `不支持自定义 YAML 标签（第 ${loc.line} 行第 ${loc.column} 列）`,
        en: `custom YAML tags are not allowed (line ${loc.line}, column ${loc.column})`,
      },
      file,
      loc,
    );
  }

  const values = new Map<string, SourceLocation>();
  const keys = new Map<string, SourceLocation>();
  const record = (node: unknown, segs: string[], depth: number): void => {
    if (depth > MAX_DEPTH) {
      const r = (node as YNode).range;
      const loc = at(r?.[0] ?? 0);
      throw new InputError(
        { zh: `嵌套层级过深（超过 ${MAX_DEPTH} 层）`, en: `nesting deeper than ${MAX_DEPTH} levels` },
        file,
        loc,
      );
    }
    const n = node as YNode | null;
    if (!n) return;
    if (n.range) {
      const s = at(n.range[0]);
      const e = at(n.range[1]);
      values.set(pointerOf(segs), { ...s, endLine: e.line, endColumn: e.column });
    }
    if (isMap(n)) {
      for (const pair of n.items) {
        const k = pair.key as YNode | null;
        const keyStr = isScalar(k) ? String(k.value) : String(k);
        const child = [...segs, keyStr];
        if (k?.range) keys.set(pointerOf(child), at(k.range[0]));
        if (pair.value) record(pair.value, child, depth + 1);
        else if (k?.range) values.set(pointerOf(child), at(k.range[0]));
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => record(item, [...segs, String(i)], depth + 1));
    }
  };
  record(doc.contents, [], 0);

  const data = doc.toJS({ maxAliasCount: 0 }) as unknown;
  if (data === null || data === undefined) {
    throw new InputError({ zh: '文件中没有数据（空文档）', en: 'the file holds no data (empty document)' }, file, { line: 1, column: 1 });
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(
      {
        zh: '文件顶层应为"键: 值"映射（封面、基本情况等各部分），而不是单个值或列表',
        en: 'the top level must be a mapping of the form’s sections, not a single value or a list',
      },
      file,
      { line: 1, column: 1 },
    );
  }
  return { data: data as Record<string, unknown>, sourceMap: new MapSourceMap(values, keys) };
}
