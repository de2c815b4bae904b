import { CliError, type Msg } from '../errors.js';
import type { Lang } from '../catalogue/types.js';
import { FORMATS, type Format } from '../format/types.js';
import { parseYamlText } from '../load/yaml.js';
import type { SourceMap } from '../load/source-map.js';
import { pointerOf } from '../catalogue/index.js';
import { RULE_LEVELS, type RuleLevel } from './schema.js';
import { host } from '../host.js';

/** A parsed cluster.config.yaml. Paths are resolved against the config file's folder. */
export interface ClusterConfig {
  /** The config file itself (absolute). */
  file: string;
  /** Its folder: `ignores` and a profile path are relative to it. */
  dir: string;
  /** A built-in id or an absolute path. */
  profile?: string;
  lang?: Lang;
  format?: Format;
  rules: Record<string, RuleLevel>;
  ignores: string[];
}

const KEYS = ['$schema', 'profile', 'lang', 'format', 'rules', 'ignores'] as const;

function nearest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(word.slice(0, 80), o);
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/**
 * Parses cluster.config.yaml (`file` as messages name it, `abs` where it is). Anything it does not know is an error at its line and column (exit 2):
 * a misspelt key silently ignored would leave a team believing a rule is off when it is not.
 */
export function parseConfig(text: string, file: string, ruleIds: readonly string[], abs = host().path.resolve(file)): ClusterConfig {
  const { dirname, isAbsolute, resolve } = host().path;
  const dir = dirname(abs);
  let data: Record<string, unknown>;
  let map: SourceMap;
  if (text.trim() === '') return { file: abs, dir, rules: {}, ignores: [] };
  try {
    const parsed = parseYamlText(text, file);
    data = parsed.data;
    map = parsed.sourceMap;
  } catch (e) {
    if (e instanceof CliError) throw new CliError({ zh: `项目配置无效：${e.msg.zh}`, en: `invalid project configuration: ${e.msg.en}` }, e.file, e.location);
    throw e;
  }
  const fail = (pointer: string, msg: Msg, key = false): never => {
    throw new CliError({ zh: `项目配置无效：${msg.zh}`, en: `invalid project configuration: ${msg.en}` }, file, key ? map.locateKey(pointer) : map.locate(pointer));
  };
  const out: ClusterConfig = { file: abs, dir, rules: {}, ignores: [] };
  for (const k of Object.keys(data)) {
    if (!(KEYS as readonly string[]).includes(k)) {
      const s = nearest(k, KEYS);
      fail(
        pointerOf([k]),
        { zh: `未知的键 ${k}${s ? `（是不是 ${s}？）` : ''}；可用的键：${KEYS.join('、')}`, en: `unknown key ${k}${s ? ` (did you mean ${s}?)` : ''}; known keys: ${KEYS.join(', ')}` },
        true,
      );
    }
  }
  const str = (k: string): string | undefined => {
    const v = data[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v === '') fail(`/${k}`, { zh: `${k} 应为非空字符串`, en: `${k} must be a non-empty string` });
    return v as string;
  };
  if (data.$schema !== undefined) str('$schema');
  const profile = str('profile');
  if (profile !== undefined) {
    const isPath = /[\\/]|\.ya?ml$/i.test(profile);
    out.profile = isPath && !isAbsolute(profile) ? resolve(dir, profile) : profile;
  }
  const lang = str('lang');
  if (lang !== undefined) {
    if (lang !== 'zh' && lang !== 'en') fail('/lang', { zh: `lang 只能是 zh 或 en（实际为 ${lang}）`, en: `lang must be zh or en (got ${lang})` });
    out.lang = lang as Lang;
  }
  const format = str('format');
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format)) fail('/format', { zh: `format 只能是 ${FORMATS.join('、')}（实际为 ${format}）`, en: `format must be one of ${FORMATS.join(', ')} (got ${format})` });
    out.format = format as Format;
  }
  if (data.rules !== undefined && data.rules !== null) {
    const rules = data.rules;
    if (typeof rules !== 'object' || Array.isArray(rules)) fail('/rules', { zh: 'rules 应为映射：规则 id: off/info/warning/error', en: 'rules must be a mapping: rule id: off/info/warning/error' });
    for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
      const p = pointerOf(['rules', id]);
      if (!ruleIds.includes(id)) {
        const s = nearest(id, ruleIds);
        fail(p, { zh: `未知的规则 ${id}${s ? `（是不是 ${s}？）` : ''}；全部规则见 cluster rules`, en: `unknown rule ${id}${s ? ` (did you mean ${s}?)` : ''}; see cluster rules` }, true);
      }
      if (id === 'input/unreadable') fail(p, { zh: 'input/unreadable 不能调整：无法读取的文件总是以退出码 2 报告', en: 'input/unreadable cannot be changed: an unreadable file always exits 2' }, true);
      if (typeof level !== 'string' || !(RULE_LEVELS as readonly string[]).includes(level)) {
        fail(p, { zh: `规则 ${id} 的级别只能是 off、info、warning 或 error（实际为 ${String(level)}）`, en: `the level of ${id} must be off, info, warning or error (got ${String(level)})` });
      }
      out.rules[id] = level as RuleLevel;
    }
  }
  if (data.ignores !== undefined && data.ignores !== null) {
    if (!Array.isArray(data.ignores)) fail('/ignores', { zh: 'ignores 应为 glob 列表，如 ["archive/**"]', en: 'ignores must be a list of globs, e.g. ["archive/**"]' });
    (data.ignores as unknown[]).forEach((g, i) => {
      if (typeof g !== 'string' || g === '') fail(`/ignores/${i}`, { zh: 'ignores 的每一项应为非空字符串（glob）', en: 'each entry of ignores must be a non-empty string (a glob)' });
      out.ignores.push(g as string);
    });
  }
  return out;
}
