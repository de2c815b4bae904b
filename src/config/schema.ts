import { FORMATS } from '../format/types.js';
import { SCHEMA_BASE } from '../schema/id.js';

export const CONFIG_FILE = 'cluster.config.yaml';
export const CONFIG_SCHEMA_ID = `${SCHEMA_BASE}/config.schema.json`;
export const RULE_LEVELS = ['off', 'info', 'warning', 'error'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** The JSON Schema (draft 2020-12) of cluster.config.yaml: what editors complete; parse.ts enforces the same with positions. */
export function configSchema(ruleIds: readonly string[]): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONFIG_SCHEMA_ID,
    title: 'cluster.config.yaml',
    description: 'cluster 项目配置：从每个申报文件所在文件夹向上查找最近的 cluster.config.yaml。Project configuration of cluster, found by walking up from each filing.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: '本文件的 JSON Schema（供编辑器使用）' },
      profile: {
        type: 'string',
        minLength: 1,
        title: '认定标准配置（profile）',
        description: '内置 id（如 national-2024、national-2025）或 YAML 文件路径（相对于本配置文件）。A built-in profile id or a path relative to this file.',
      },
      lang: { enum: ['zh', 'en'], title: '消息语言', description: '默认 --lang（命令行的 --lang 和 CLUSTER_LANG 优先）' },
      format: { enum: [...FORMATS], title: 'validate 的默认输出格式', description: '默认 --format（命令行优先）' },
      rules: {
        type: 'object',
        title: '规则级别',
        description: '规则 id → off（关闭）、info、warning、error。规则 id 见 cluster rules。',
        propertyNames: { enum: [...ruleIds] },
        additionalProperties: { enum: [...RULE_LEVELS] },
      },
      ignores: {
        type: 'array',
        title: '忽略的路径（glob）',
        description: '扫描文件夹时跳过的文件和文件夹，相对于本配置文件，如 "archive/**"、"**/草稿-*.yaml"',
        items: { type: 'string', minLength: 1 },
      },
    },
  };
}
