import { host } from '../host.js';
import { NONE_PATTERN } from '../schema/generate.js';
import { FORM, getAt, labelFor, parsePointer, pointerOf, resolvePointer } from '../catalogue/index.js';
import type { Lang, Node } from '../catalogue/index.js';
import type { RawFinding } from '../findings.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  schemaPath: string;
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

let validator: ValidateFn | undefined;

/**
 * The build precompiles the schema into a standalone validator (dist/schema/validator.cjs, bundled
 * into the page): compiling at run time costs ~200 ms of start-up. When running from source (tests),
 * compile.
 */
async function getValidator(): Promise<ValidateFn> {
  if (validator) return validator;
  const pre = host().schemaValidator();
  if (pre) {
    validator = pre as ValidateFn;
    return validator;
  }
  const { compileSchema } = await import('../schema/compile.js');
  validator = compileSchema();
  return validator;
}

function describeValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return lang === 'zh' ? '空值' : 'empty';
  if (typeof v === 'string') return (lang === 'zh' ? '文字 ' : 'text ') + JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number') return (lang === 'zh' ? '数字 ' : 'number ') + String(v);
  if (typeof v === 'boolean') return (lang === 'zh' ? '布尔值 ' : 'boolean ') + String(v);
  if (Array.isArray(v)) return lang === 'zh' ? '列表' : 'a list';
  return lang === 'zh' ? '映射（键: 值）' : 'a mapping';
}

const TYPE_NAMES: Record<string, Record<Lang, string>> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'a whole number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  object: { zh: '映射（键: 值）', en: 'a mapping' },
  array: { zh: '列表', en: 'a list' },
  null: { zh: '空值', en: 'empty' },
};

function expectedText(type: unknown, lang: Lang): string {
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null') as string[];
  // A figure's field takes a number or "无" (说明2), not any text.
  if (types.includes('string') && (types.includes('number') || types.includes('integer'))) {
    const num = TYPE_NAMES[types.includes('integer') ? 'integer' : 'number']![lang];
    return lang === 'zh' ? `${num}或"无"` : `${num} or “无”`;
  }
  return types.map((t) => TYPE_NAMES[t]?.[lang] ?? t).join(lang === 'zh' ? '或' : ' or ');
}

function childrenAt(pointer: string): readonly Node[] | undefined {
  const segs = parsePointer(pointer);
  const sec = FORM.find((s) => s.key === segs[0]);
  if (segs.length === 0) return undefined;
  if (!sec) return undefined;
  let nodes: readonly Node[] = sec.children;
  for (let i = 1; i < segs.length; i++) {
    const n = nodes.find((x) => x.key === segs[i]);
    if (!n || n.kind === 'field') return undefined;
    if (n.kind === 'group') nodes = n.children;
    else {
      i++;
      nodes = n.item.children;
    }
  }
  return nodes;
}

/** Keys longer than this get no "did you mean": a form key is under 40 characters. */
const MAX_SUGGEST_KEY = 64;

/** Edit distance in O(|a|·|b|) time and O(|b|) memory (both short: see MAX_SUGGEST_KEY). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** "；是否想写 cloudRate（集群中小企业上云比例(%)）？" */
function suggestion(parent: string, key: string, lang: Lang): string {
  // Bounded work: a 2-million-character key gets no suggestion (it would take gigabytes).
  if (key.length > MAX_SUGGEST_KEY) return '';
  const keys = parent === '' ? FORM.map((s) => s.key) : (childrenAt(parent)?.map((n) => n.key) ?? []);
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of keys) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) (bestD = d), (best = k);
  }
  if (!best || bestD > Math.max(2, Math.floor(best.length / 3))) return '';
  const label = labelFor(pointerOf([...parsePointer(parent), best]), lang);
  return lang === 'zh' ? `；是否想写 ${best}（${label}）？` : `; did you mean ${best} (${label})?`;
}

/** Runs the JSON Schema and turns its errors into findings with form labels. */
export async function schemaFindings(data: unknown, lang: Lang): Promise<RawFinding[]> {
  const validate = await getValidator();
  if (validate(data)) return [];
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const parent = e.instancePath;
    let f: RawFinding | undefined;
    switch (e.keyword) {
      case 'required': {
        const key = String(e.params.missingProperty);
        const path = `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        f = { ruleId: 'schema/required', messageId: 'missing', path, data: { key, label: labelFor(path, lang) } };
        break;
      }
      case 'additionalProperties': {
        const key = String(e.params.additionalProperty);
        const path = `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        f = { ruleId: 'schema/unknown-key', messageId: 'unknown', path, data: { key: key.length > 80 ? `${key.slice(0, 60)}…（${key.length} 字）` : key, suggestion: suggestion(parent, key, lang) } };
        break;
      }
      case 'propertyNames': {
        const key = String(e.params.propertyName);
        f = { ruleId: 'schema/unknown-key', messageId: 'unknownYear', path: `${parent}/${key}`, data: { key } };
        break;
      }
      case 'pattern': {
        if (e.schemaPath.includes('/propertyNames/')) continue; // reported by propertyNames
        if (e.params.pattern === NONE_PATTERN) {
          // Text in a figure's place: a number, or "无" (说明2).
          f = { ruleId: 'schema/type', messageId: 'type', path: parent, data: { expected: expectedText(['number', 'string'], lang), actual: describeValue(getAt(data, parsePointer(parent)), lang) } };
          break;
        }
        f = { ruleId: 'schema/format', messageId: 'date', path: parent, data: { actual: describeValue(getAt(data, parsePointer(parent)), lang) } };
        break;
      }
      case 'type': {
        const actual = getAt(data, parsePointer(parent));
        f = { ruleId: 'schema/type', messageId: 'type', path: parent, data: { expected: expectedText(e.params.type, lang), actual: describeValue(actual, lang) } };
        break;
      }
      case 'enum': {
        const allowed = (e.params.allowedValues as unknown[]).filter((x) => x !== null).map(String);
        const r = resolvePointer(parent);
        const options = r.node?.kind === 'field' && lang === 'en' && r.node.optionsEn ? allowed.map((o, i) => `${o} (${r.node && r.node.kind === 'field' ? r.node.optionsEn?.[i] : ''})`) : allowed;
        f = { ruleId: 'schema/enum', messageId: 'enum', path: parent, data: { options: options.join(lang === 'zh' ? '、' : ', '), actual: describeValue(getAt(data, parsePointer(parent)), lang) } };
        break;
      }
      case 'minimum':
        f = { ruleId: 'schema/range', messageId: 'minimum', path: parent, data: { actual: String(getAt(data, parsePointer(parent))) } };
        break;
      case 'maxItems':
        f = { ruleId: 'schema/range', messageId: 'maxItems', path: parent, data: { limit: Number(e.params.limit) } };
        break;
      case 'if':
        continue; // the branch's own errors (a missing section) say it better
      case 'minLength':
        f = { ruleId: 'schema/format', messageId: 'empty', path: parent.replace(/\/\d+$/, '') };
        break;
      default:
        f = { ruleId: 'schema/type', messageId: 'type', path: parent, data: { expected: e.keyword, actual: describeValue(getAt(data, parsePointer(parent)), lang) } };
    }
    const k = `${f.ruleId}|${f.path}|${f.messageId}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}
