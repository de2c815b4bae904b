import type { Node as YNode } from 'yaml';
import jsyaml from 'js-yaml';

/** `yaml` (~16 ms to import) is loaded only when positions or a precise refusal are needed. */
type YamlLib = typeof import('yaml');
let yamlLib: YamlLib | undefined;
function Y(): YamlLib {
  yamlLib ??= host().yaml();
  return yamlLib;
}
import type { SourceMap } from './source-map.js';
import { InputError } from '../errors.js';
import { host } from '../host.js';
import type { SourceLocation } from '../findings.js';
import { parsePointer, pointerOf } from '../catalogue/index.js';
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

/**
 * Numbers as a form states them: plain decimals only. YAML's hexadecimal (0x12), octal (0o17),
 * digit-grouped (1_8.6, a YAML 1.1 left-over js-yaml still reads), leading-zero and .inf/.nan
 * spellings stay text, so the schema reports them ("应为数值") instead of silently accepting a figure
 * the author did not write.
 */
const DECIMAL_INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const DECIMAL_FLOAT = /^[-+]?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/;
const decimalInt = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && DECIMAL_INT.test(s),
  construct: (s: string) => Number(s),
  predicate: (o: unknown) => typeof o === 'number' && Number.isInteger(o),
  represent: (o: object) => String(o),
});
const decimalFloat = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && /[0-9]/.test(s) && !DECIMAL_INT.test(s) && DECIMAL_FLOAT.test(s) && Number.isFinite(Number(s)),
  construct: (s: string) => Number(s),
  predicate: (o: unknown) => typeof o === 'number' && !Number.isInteger(o),
  represent: (o: object) => String(o),
});
const yamlTypes = (jsyaml as unknown as { types: Record<'null' | 'bool', InstanceType<typeof jsyaml.Type>> }).types;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * decimalInt.resolve(s) || decimalFloat.resolve(s) in one scan, without the four regular expressions
 * (a tenth of the scalar typing, every figure of every filing, #18): DECIMAL_INT, or DECIMAL_FLOAT with
 * a digit somewhere and a finite value. Checked against the two types in test/yaml-scalars.test.ts.
 */
function decimalNumber(s: string): boolean {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 0x2d /* - */ || c === 0x2b /* + */) c = s.charCodeAt(++i);
  // (0|[1-9][0-9]*)?
  const intStart = i;
  if (c === 0x30) c = s.charCodeAt(++i);
  else if (isDigit(c)) while (isDigit((c = s.charCodeAt(++i))));
  const intDigits = i > intStart;
  if (i === n) return intDigits; // DECIMAL_INT (or a bare sign: not a number)
  let digits = intDigits;
  // (\.[0-9]*)?
  if (c === 0x2e /* . */) {
    const from = i + 1;
    while (isDigit((c = s.charCodeAt(++i))));
    if (i > from) digits = true;
  }
  // ([eE][-+]?[0-9]+)?
  if (c === 0x65 /* e */ || c === 0x45 /* E */) {
    c = s.charCodeAt(++i);
    if (c === 0x2d || c === 0x2b) c = s.charCodeAt(++i);
    const from = i;
    while (isDigit(c)) c = s.charCodeAt(++i);
    if (i === from) return false;
    digits = true;
  } else if (i === n && n < 300) return digits; // no exponent and under 300 characters: finite
  return i === n && digits && Number.isFinite(Number(s));
}

/**
 * What a plain (untagged, unquoted) scalar is: exactly what js-yaml's null and bool types and the two
 * decimal types above answer, tried in that order, but in one call that looks at the first character
 * first. js-yaml asks every implicit type of the schema in turn for each plain scalar, keys and text
 * included: four calls, and a scan of the whole text for a digit, per scalar were ~8% of the parse
 * (#18). A number starts with a digit, a sign or a point (DECIMAL_FLOAT's other possible start, 'e',
 * makes no finite number); null and bool are a few words of length 1, 4 or 5.
 * test/yaml-scalars.test.ts checks it against the four types over generated scalars and the corpus.
 */
function plainKind(s: string | null): 'null' | 'bool' | 'number' | undefined {
  if (s === null) return 'null';
  const c = s.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d /* - */ || c === 0x2b /* + */ || c === 0x2e /* . */) {
    return decimalNumber(s) ? 'number' : undefined;
  }
  switch (s.length) {
    case 1:
      return s === '~' ? 'null' : undefined;
    case 4:
      return s === 'null' || s === 'Null' || s === 'NULL' ? 'null' : s === 'true' || s === 'True' || s === 'TRUE' ? 'bool' : undefined;
    case 5:
      return s === 'false' || s === 'False' || s === 'FALSE' ? 'bool' : undefined;
    default:
      return undefined;
  }
}

/**
 * The one implicit type. Its tag is int's, so that an explicit tag still finds the type it names: the
 * explicit list below overrides it in the schema's tag map (`!!int`, `!!float`, `!!bool`, `!!null` read
 * as before); a tag of its own would have let `!<that tag>` through.
 */
const plainScalar = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string | null) => plainKind(s) !== undefined,
  // Called only when resolve said yes: s is null, a null or bool word, or a number.
  construct: (s: string | null) => {
    if (s === null || s === '~') return null;
    const c = s.charCodeAt(0) | 0x20; // ASCII lower case
    return c === 0x6e /* n */ ? null : c === 0x74 /* t */ ? true : c === 0x66 /* f */ ? false : Number(s);
  },
});
const FILING_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [plainScalar], explicit: [yamlTypes.null, yamlTypes.bool, decimalInt, decimalFloat] });

/**
 * Parse events (about one per key and one per value) a file may hold: the example filing has
 * ~1,400. Beyond this the file is refused while js-yaml reads it, so memory stays bounded (an
 * 8 MB file of tiny keys would otherwise take ~230 MB of heap to parse, and far more to report).
 */
export const MAX_NODES = 100_000;
/** Parse frames nest about twice as deep as the data (a value inside its key's attempt). */
const MAX_FRAME_DEPTH = 4 * MAX_DEPTH;
/**
 * The `yaml` parser takes ~1 KB of heap per node: a refusal js-yaml met early in a long file is
 * worded from js-yaml's own message rather than re-parsed whole. Real filings are ~50 KB.
 */
const STRICT_MAX_CHARS = 512 * 1024;

/** Thrown from the parse listener to stop js-yaml early. */
class ParseLimit extends Error {
  constructor(
    readonly kind: 'nodes' | 'depth',
    readonly offset: number,
  ) {
    super(kind);
  }
}

/** 1-based line and UTF-16 column of an offset (as the `yaml` LineCounter counts). */
function lineColAt(text: string, offset: number): SourceLocation {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** A .json file is read as YAML (JSON is a subset), but its errors name the syntax its author wrote. */
function syntaxName(file: string): 'JSON' | 'YAML' {
  return /\.json$/i.test(file) ? 'JSON' : 'YAML';
}

function tooDeep(file: string, loc?: SourceLocation): InputError {
  const where = loc ? { zh: `（第 ${loc.line} 行第 ${loc.column} 列）`, en: ` (line ${loc.line}, column ${loc.column})` } : { zh: '', en: '' };
  return new InputError({ zh: `嵌套层级过深：超过 ${MAX_DEPTH} 层${where.zh}`, en: `nesting deeper than ${MAX_DEPTH} levels${where.en}` }, file, loc);
}

function limitError(e: ParseLimit, text: string, file: string): InputError {
  const loc = lineColAt(text, Math.min(e.offset, text.length));
  if (e.kind === 'depth') return tooDeep(file, loc);
  return new InputError(
    {
      zh: `数据项过多（读到第 ${loc.line} 行时已超过 ${MAX_NODES} 项；一份申报数据约有一两千项）：是否选错了文件？`,
      en: `too many items (more than ${MAX_NODES} by line ${loc.line}; a filing has one or two thousand): is this the right file?`,
    },
    file,
    loc,
  );
}

/** The `yaml` library's error codes in Chinese: its messages are English only. */
const YAML_ERRORS_ZH: Record<string, string> = {
  BAD_INDENT: '缩进不正确：同一层级的键应对齐，子项应比上一级多缩进',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  MISSING_CHAR: '缺少闭合符号（引号、]、} 或冒号后的空格）',
  BLOCK_IN_FLOW: '方括号或花括号内不能换行写块结构：请补上闭合的 ] 或 }',
  MULTILINE_IMPLICIT_KEY: '键不能跨行：请检查冒号和引号是否成对',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不正确：请检查该行的冒号和缩进',
  UNEXPECTED_TOKEN: '出现了不应出现的符号',
  BAD_SCALAR_START: '值不能以该符号开头：含有特殊符号（如 @ ` | > 等）的文字请加引号',
  BAD_DQ_ESCAPE: '双引号中的转义序列无效（\\ 需写成 \\\\）',
  KEY_OVER_1024_CHARS: '键过长（超过 1024 个字符）',
  BAD_PROP_ORDER: '锚点或标签的位置不正确',
  MULTIPLE_ANCHORS: '一个值上有多个锚点',
  MULTIPLE_TAGS: '一个值上有多个标签',
  BAD_DIRECTIVE: '无效的 YAML 指令（% 开头的行）',
  BAD_ALIAS: '无效的别名',
  ALIAS_PROPS: '别名上不能带锚点或标签',
  NON_STRING_KEY: '键应为文字',
  TAG_RESOLVE_FAILED: '无法识别的标签',
  BAD_COLLECTION_TYPE: '集合类型不正确',
  IMPOSSIBLE: '无法解析',
};

/** Chinese for a `yaml` error code; the English detail is kept out of the Chinese message. */
export function yamlErrorZh(code: string, detail: string): string {
  if (/end with a [\]}]|Flow (sequence|mapping)/i.test(detail)) return '方括号或花括号没有闭合（缺少 ] 或 }），或其中的内容缩进不足';
  if (/quote/i.test(detail) && code === 'MISSING_CHAR') return '引号没有闭合';
  if (YAML_ERRORS_ZH[code]) return YAML_ERRORS_ZH[code]!;
  if (/quote/i.test(detail)) return '引号没有闭合';
  return '无法解析此处的内容（请检查冒号、缩进和引号）';
}

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
 * message and position. Positions are built from js-yaml's parse events (or by `yaml`, should they not
 * fit) only when a finding needs one; the events are recorded then, by a second parse of the text.
 */
export function parseYamlText(text: string, file: string): { data: Record<string, unknown>; sourceMap: SourceMap } {
  // YAML counts CR, LF and CRLF each as one line break: so do our positions (CR-only files from old
  // Mac editors, mixed files pasted together). Scalars are unchanged: YAML folds line breaks to LF.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  // Most filings of a batch have no finding and need no position: read without the listener (its
  // events were a third of the parse's allocation, #18); the events are recorded by a second parse of
  // the same text when a finding first asks where it is. Only when the data shows the listener's
  // bounds could not have been met: anything else (a refusal, aliases, deep nesting, many nodes, a
  // long file whose parse must stay bounded as it goes) takes the listener's way from the start.
  if (text.length <= FAST_MAX_CHARS) {
    let data: unknown;
    try {
      data = jsyaml.load(text, { schema: FILING_SCHEMA, json: false, filename: file });
    } catch {
      data = undefined;
    }
    if (data !== null && typeof data === 'object' && !Array.isArray(data) && fastTreeNodes(data, text.includes('*')) >= 0) {
      return { data: data as Record<string, unknown>, sourceMap: new LazySourceMap(text, file) };
    }
  }
  return parseYamlListened(text, file);
}

/** Files up to this many characters are read without the listener first (a filing is ~50 KB). */
const FAST_MAX_CHARS = 1024 * 1024;
/**
 * Nodes (values and keys) of a file read without the listener. js-yaml opens at most three events
 * per node (a value, the key attempt holding it, a mapping's last attempt) and its frames nest at most
 * twice per level: 10,000 nodes no deeper than MAX_DEPTH cannot reach MAX_NODES events nor
 * MAX_FRAME_DEPTH frames, so the listener would not have refused the file (test/batch-sourcemap.test.ts).
 */
const FAST_MAX_NODES = 10_000;

/**
 * The nodes of a parsed tree (values and keys), or -1 when it has more than FAST_MAX_NODES, nests
 * deeper than MAX_DEPTH or (`mayAlias`: the text holds a `*`) reaches an object twice.
 */
export function fastTreeNodes(root: object, mayAlias: boolean): number {
  const seen = mayAlias ? new Set<object>() : undefined;
  let count = 0;
  const walk = (v: object, depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    if (seen) {
      if (seen.has(v)) return false;
      seen.add(v);
    }
    if (Array.isArray(v)) {
      count += v.length;
      if (count > FAST_MAX_NODES) return false;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x !== null && typeof x === 'object' && !walk(x, depth + 1)) return false;
      }
    } else {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        count += 2;
        if (count > FAST_MAX_NODES) return false;
        const x = o[k];
        if (x !== null && typeof x === 'object' && !walk(x, depth + 1)) return false;
      }
    }
    return true;
  };
  return walk(root, 0) ? count + 1 : -1;
}

/** The parse with the listener: its bounds hold while js-yaml reads, and its events give positions. */
export function parseYamlListened(text: string, file: string): { data: Record<string, unknown>; sourceMap: SourceMap } {
  let data: unknown;
  const events = recorder();
  try {
    data = jsyaml.load(text, { schema: FILING_SCHEMA, json: false, filename: file, listener: events.listener });
  } catch (e) {
    if (e instanceof ParseLimit) throw limitError(e, text, file);
    if (e instanceof RangeError) throw tooDeep(file); // the call stack ran out: nesting, whatever the limit said
    if (text.length <= STRICT_MAX_CHARS) parseYamlStrict(text, file); // throws the precise refusal
    const err = e as { reason?: string; mark?: { line: number; column: number } };
    const loc = err.mark ? { line: err.mark.line + 1, column: err.mark.column + 1 } : undefined;
    const kind = syntaxName(file);
    const where = loc ? { zh: `（第 ${loc.line} 行第 ${loc.column} 列）`, en: ` at line ${loc.line}, column ${loc.column}` } : { zh: '', en: '' };
    throw new InputError({ zh: `${kind} 无法解析${where.zh}：请检查该处的冒号、缩进和引号`, en: `cannot parse the ${kind}${where.en}: ${err.reason ?? String(e)}` }, file, loc);
  }
  if (!isPlainTree(data)) return parseYamlStrict(text, file); // aliases or deep nesting: refused there
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) return parseYamlStrict(text, file);
  return { data: data as Record<string, unknown>, sourceMap: new LazySourceMap(text, file, events.root) };
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

/**
 * Positions on demand: looked up in js-yaml's parse events recorded while the data was loaded (a few
 * findings per filing need a few lookups; building the `yaml` parser's full map for them dominated
 * batch validation), or from the `yaml` parser's map when the events along the way do not match the
 * data one to one (rare constructs such as empty sequence entries or flow-mapping keys without values).
 */
class LazySourceMap implements SourceMap {
  private strict?: SourceMap;
  /** undefined: not recorded yet; null: given up for the `yaml` parser's map. */
  private events?: EventSourceMap | null;
  constructor(
    private readonly text: string,
    private readonly file: string,
    /** The parse events recorded while the data was loaded; without them, recorded on first use. */
    root?: Frame,
  ) {
    if (root) this.events = new EventSourceMap(text, root);
  }
  /** The events of the same parse, recorded by reading the text again with the listener. */
  private recorded(): EventSourceMap | null {
    if (this.events === undefined) {
      const r = recorder();
      try {
        jsyaml.load(this.text, { schema: FILING_SCHEMA, json: false, filename: this.file, listener: r.listener });
        this.events = new EventSourceMap(this.text, r.root);
      } catch {
        this.events = null; // not expected (the first parse succeeded within the bounds): the `yaml` map
      }
    }
    return this.events;
  }
  private fallback(): SourceMap {
    this.events = null;
    if (!this.strict) {
      try {
        this.strict = parseYamlStrict(this.text, this.file).sourceMap;
      } catch (e) {
        // js-yaml read the file but the `yaml` parser refuses it (found by property tests: "&a{cover}",
        // an anchor without the space `yaml` wants). The data stands; its findings go without positions,
        // instead of a refusal thrown while they are reported (which ended a batch run for every file).
        if (!(e instanceof InputError)) throw e;
        this.strict = new MapSourceMap(new Map());
      }
    }
    return this.strict;
  }
  locate(pointer: string) {
    if (pointer === '') return undefined;
    const r = this.recorded()?.locate(pointer);
    return r === undefined || r === MISMATCH ? this.fallback().locate(pointer) : (r ?? undefined);
  }
  locateKey(pointer: string) {
    if (pointer === '') return undefined;
    const r = this.recorded()?.locateKey(pointer);
    return r === undefined || r === MISMATCH ? this.fallback().locateKey(pointer) : (r ?? undefined);
  }
}

/** One node of js-yaml's parse: from its `open` event (at or just before its content) to its `close` (with its value). */
export interface Frame {
  start: number;
  end: number;
  result: unknown;
  children: Frame[];
}

/** Records js-yaml's node events as a tree of frames (a few hundred small objects per filing). */
export function recorder(): { root: Frame; listener: (event: jsyaml.EventType, state: jsyaml.State) => void } {
  const root: Frame = { start: 0, end: 0, result: undefined, children: [] };
  const stack: Frame[] = [root];
  let count = 0;
  return {
    root,
    listener(event, state) {
      if (event === 'open') {
        // Bounds checked as js-yaml goes: refused before the tree (or the call stack) grows any further.
        if (++count > MAX_NODES) throw new ParseLimit('nodes', state.position);
        if (stack.length > MAX_FRAME_DEPTH) throw new ParseLimit('depth', state.position);
        const f: Frame = { start: state.position, end: 0, result: undefined, children: [] };
        stack[stack.length - 1]!.children.push(f);
        stack.push(f);
      } else {
        const f = stack.pop();
        if (!f) return;
        f.end = state.position;
        f.result = state.result;
      }
    },
  };
}

/** The events do not map onto the data along a pointer: use the `yaml` parser's map. */
export const MISMATCH: unique symbol = Symbol('mismatch');
type Located = SourceLocation | typeof MISMATCH | null;

interface Step {
  frame: Frame;
  /** The key's frame when the node is a mapping value. */
  key?: Frame;
}

/**
 * Source positions from js-yaml's parse events, with the semantics of {@link MapSourceMap} over the
 * `yaml` parser's map (a test compares them on every example, as YAML, JSON and re-dumped YAML).
 * Nodes nest as the document does: a mapping's children are its keys and values in turn, a sequence's
 * its entries; a node may also hold an inner attempt (a would-be key) carrying the same value, which
 * is looked through. Returns {@link MISMATCH} when the events along a pointer do not fit the data.
 */
export class EventSourceMap {
  private starts?: number[];
  private readonly doc: Frame | undefined;
  constructor(
    private readonly text: string,
    root: Frame,
  ) {
    this.doc = root.children.length === 1 ? root.children[0] : undefined;
  }

  /** offset → 1-based line and UTF-16 column (as the `yaml` LineCounter counts). */
  private at(offset: number): SourceLocation {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The first character of content in [from, end): spaces, line breaks and comments skipped; -1 if none. */
  private contentStart(from: number, end: number): number {
    const text = this.text;
    let i = from;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) i++;
      else if (c === 0x23 /* # */) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? end : nl;
      } else return i;
    }
    return -1;
  }

  private valueLoc(s: Step): SourceLocation | null {
    const c = this.contentStart(s.frame.start, s.frame.end);
    if (c >= 0) return this.at(c);
    return s.key ? this.at(s.frame.start) : null; // an empty value: just after its key's colon
  }

  private keyLoc(s: Step): SourceLocation | null {
    if (!s.key) return null;
    const c = this.contentStart(s.key.start, s.key.end);
    return c >= 0 ? this.at(c) : null;
  }

  private readonly keyIndexes = new WeakMap<Frame, Map<string, number> | typeof MISMATCH>();

  /**
   * A mapping's keys → index of the key's frame among its children, built once per mapping: a
   * scan per lookup made a file with many unknown keys (one finding each) quadratic — 20,000 keys
   * took 95 s.
   */
  private keyIndex(f: Frame, r: object): Map<string, number> | typeof MISMATCH {
    let index = this.keyIndexes.get(f);
    if (index === undefined) {
      if (f.children.length !== 2 * Object.keys(r).length) index = MISMATCH;
      else {
        index = new Map();
        for (let i = 0; i < f.children.length; i += 2) {
          const k = String(f.children[i]!.result);
          if (!index.has(k)) index.set(k, i);
        }
      }
      this.keyIndexes.set(f, index);
    }
    return index;
  }

  /** The nodes along `pointer` from the root, as far as they exist. */
  private steps(pointer: string): { steps: Step[]; complete: boolean } | typeof MISMATCH {
    if (!this.doc) return MISMATCH;
    const segs = parsePointer(pointer);
    const steps: Step[] = [{ frame: this.doc }];
    for (const seg of segs) {
      let f = steps[steps.length - 1]!.frame;
      const r = f.result;
      while (r !== null && typeof r === 'object' && f.children.length === 1 && f.children[0]!.result === r) f = f.children[0]!;
      if (Array.isArray(r)) {
        if (f.children.length !== r.length) return MISMATCH;
        const i = /^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : -1;
        if (i < 0 || i >= r.length) return { steps, complete: false };
        steps.push({ frame: f.children[i]! });
      } else if (r !== null && typeof r === 'object') {
        const index = this.keyIndex(f, r);
        if (index === MISMATCH) return MISMATCH;
        const i = index.get(seg);
        if (i === undefined) {
          if (Object.prototype.hasOwnProperty.call(r, seg)) return MISMATCH;
          return { steps, complete: false };
        }
        steps.push({ frame: f.children[i + 1]!, key: f.children[i]! });
      } else return { steps, complete: false };
    }
    return { steps, complete: true };
  }

  locate(pointer: string): Located {
    const r = this.steps(pointer);
    if (r === MISMATCH) return MISMATCH;
    const { steps, complete } = r;
    if (complete) {
      const v = this.valueLoc(steps[steps.length - 1]!);
      if (v) return v;
    }
    // Not in the file: the nearest existing ancestor's key (where it would go), else its value.
    for (let d = steps.length - 1; d >= 0; d--) {
      const hit = this.keyLoc(steps[d]!) ?? this.valueLoc(steps[d]!);
      if (hit) return hit;
    }
    return null;
  }

  locateKey(pointer: string): Located {
    const r = this.steps(pointer);
    if (r === MISMATCH) return MISMATCH;
    if (r.complete) {
      const k = this.keyLoc(r.steps[r.steps.length - 1]!);
      if (k) return k;
    }
    return this.locate(pointer);
  }
}

/** The `yaml` parser: exact refusals with positions, and the full position map. */
export function parseYamlStrict(text: string, file: string): ParsedText {
  const { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } = Y();
  const lc = new LineCounter();
  // Duplicate keys are found below in one pass: the parser's own check (uniqueKeys) compares every
  // key with every earlier one, and took 140 s on a 1 MB file of 100,000 keys.
  let doc: ReturnType<typeof parseDocument>;
  try {
    // logLevel 'error': no process warning on stderr for a collection used as a key (it is stringified, as js-yaml does).
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false, version: '1.2', schema: 'core', strict: true, logLevel: 'error' });
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(file);
    throw e;
  }
  const at = (offset: number): SourceLocation => {
    const p = pos(lc, offset);
    return { line: p.line, column: p.col };
  };
  const duplicate = (loc: SourceLocation) =>
    new InputError(
      {
        zh: `重复的键：同一层级中同名键出现两次（第 ${loc.line} 行第 ${loc.column} 列），无法确定应采用哪个值`,
        en: `duplicate key at line ${loc.line}, column ${loc.column}: the same key appears twice in one mapping`,
      },
      file,
      loc,
    );

  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const loc = at(e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') throw duplicate(loc);
    if (/call stack/i.test(e.message)) throw tooDeep(file, loc);
    if (e.code === 'MULTIPLE_DOCS') {
      throw new InputError(
        { zh: '一个文件只能包含一份申报数据（发现多个 YAML 文档 "---"）', en: 'a file must hold one filing (found several YAML documents "---")' },
        file,
        loc,
      );
    }
    const detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    const kind = syntaxName(file);
    throw new InputError(
      {
        zh: `${kind} 语法错误（第 ${loc.line} 行第 ${loc.column} 列）：${yamlErrorZh(e.code, detail)}`,
        en: `${kind} syntax error at line ${loc.line}, column ${loc.column}: ${detail}`,
      },
      file,
      loc,
    );
  }

  // Refuse aliases (alias bombs, self references) and unknown tags before building any object.
  let refusal: InputError | undefined;
  try {
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
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(file);
    throw e;
  }
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
      const seen = new Set<string>();
      for (const pair of n.items) {
        const k = pair.key as YNode | null;
        const keyStr = isScalar(k) ? String(k.value) : String(k);
        if (seen.has(keyStr)) throw duplicate(at(k?.range?.[0] ?? n.range?.[0] ?? 0));
        seen.add(keyStr);
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
