import { SCHEMA_BASE } from './id.js';
/**
 * Generates the filing's JSON Schema (draft 2020-12) from the field catalogue.
 * `schemas/filing.schema.json` is this output, committed; a test keeps it current.
 */
import { FORM, NONE } from '../catalogue/index.js';
import type { ArrayNode, FieldNode, GroupNode, Node } from '../catalogue/index.js';

export const SCHEMA_ID = `${SCHEMA_BASE}/filing.schema.json`;

type Json = Record<string, unknown>;

/** The shape only (a year alone is a date at year precision: 成立时间 "2016年"); whether the day exists (2024-02-30, month 13) is `form/date`. */
export const DATE_PATTERN = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';
export const YEAR_KEY_PATTERN = '^\\d{4}$';
/** A figure's only text value: "无" (说明2, nothing to report). `pattern` applies to strings only. */
export const NONE_PATTERN = `^${NONE}$`;

function describe(n: FieldNode, where: string): string {
  const parts = [where];
  if (n.description) parts.push(n.description);
  if (n.unit && n.unit !== '%') parts.push(`单位：${n.unit}。`);
  if (n.maxChars) parts.push(`不超过${n.maxChars}字。`);
  if (n.years) {
    parts.push(
      {
        data: '按年度填写：键为数据年度（如 2021、2022、2023）。',
        'data+prior': '按年度填写：键为数据年度（如 2021、2022、2023），可另给前一年（如 2020）使近三年增速跨三年。',
        plan: '按规划年度填写：键为基准年后的三个年度（如 2024、2025、2026）。',
        interim: '按年度填写：键为基准年后的前两个年度（如 2024、2025）。',
        'data-interim': '按年度填写：键为复核年度的前两个年度（如 2024、2025）。',
      }[n.years],
    );
  }
  if (n.type === 'number' || n.type === 'integer') parts.push('无相关情况时填"无"（不要填 0）。');
  if (n.toolOnly) parts.push('（表外字段，供工具核算。）');
  return parts.join(' ');
}

function scalarSchema(n: FieldNode): Json {
  switch (n.type) {
    case 'string':
    case 'text':
    case 'phone':
      return { type: ['string', 'null'] };
    // A figure, or "无" when there is nothing to report (说明2): never 0 in its place.
    case 'number':
      // Amounts, areas and intensities cannot be negative; growth rates (unit %) can.
      return n.unit && n.unit !== '%' ? { type: ['number', 'string', 'null'], minimum: 0, pattern: NONE_PATTERN } : { type: ['number', 'string', 'null'], pattern: NONE_PATTERN };
    case 'integer':
      return { type: ['integer', 'string', 'null'], minimum: 0, pattern: NONE_PATTERN };
    case 'choice':
      return { enum: [...(n.options ?? []), null] };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: ['string', 'null'], pattern: DATE_PATTERN };
    case 'names':
      return { type: ['array', 'null'], items: { type: 'string', minLength: 1 } };
    case 'evidence':
      return { type: ['array', 'null'], items: { type: 'string', minLength: 1 } };
  }
}

function fieldSchema(n: FieldNode, where: string): Json {
  const title = n.label;
  const description = describe(n, where);
  if (n.years) {
    return {
      title,
      description,
      type: 'object',
      propertyNames: { pattern: YEAR_KEY_PATTERN },
      additionalProperties: scalarSchema(n),
    };
  }
  return { title, description, ...scalarSchema(n) };
}

function isRequired(n: Node): boolean {
  if (n.kind === 'field') return !n.optional && !n.toolOnly;
  if (n.kind === 'group') return !n.optional && n.role !== 'item';
  return !n.optional;
}

function groupSchema(children: readonly Node[], where: string, title?: string, description?: string): Json {
  const properties: Json = {};
  for (const c of children) properties[c.key] = nodeSchema(c, where);
  const required = children.filter(isRequired).map((c) => c.key);
  const s: Json = { type: 'object' };
  if (title) s.title = title;
  if (description) s.description = description;
  s.properties = properties;
  if (required.length) s.required = required;
  s.additionalProperties = false;
  return s;
}

function nodeSchema(n: Node, where: string): Json {
  if (n.kind === 'field') return fieldSchema(n, where);
  if (n.kind === 'group') return groupNodeSchema(n, where);
  return arraySchema(n, where);
}

function groupNodeSchema(g: GroupNode, where: string): Json {
  const label = g.label ?? g.en;
  const roleText: Record<GroupNode['role'], string> = {
    object: '',
    checklist: '勾选项：每项 checked 为 true 表示勾选，evidence 列出佐证材料（相对申报文件所在目录的路径）。未列出的项视为未勾选。',
    item: '勾选项：checked 为 true 表示勾选，evidence 列出佐证材料路径。',
    namedCount: '"数量：__个 名称：__"：count 为数量，names 为名称清单，evidence 为佐证材料路径。',
    target: '三年总体目标的一行：基准值与目标值。',
  };
  const desc = [where, g.description, roleText[g.role], g.hint].filter(Boolean).join(' ');
  return groupSchema(g.children, where, label, desc);
}

function arraySchema(a: ArrayNode, where: string): Json {
  return {
    title: a.label,
    description: [where, a.description].filter(Boolean).join(' '),
    type: 'array',
    maxItems: a.maxItems,
    items: groupSchema(a.item.children, where),
  };
}

function branch(kind: 'application' | 'review'): Json {
  const keys = FORM.filter((s) => s.filing === kind).map((s) => s.key);
  return { properties: Object.fromEntries(keys.map((k) => [k, {}])), required: keys };
}

export function generateSchema(): Json {
  const properties: Json = {};
  for (const s of FORM) {
    const where = `申报表${s.section.title}。`;
    properties[s.key] = groupSchema(s.children, where, s.section.title, `${s.section.title}（${s.section.en}）`);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: '中小企业特色产业集群申报表',
    description:
      '一个集群的完整申报数据：附件2《中小企业特色产业集群申报表》封面、一至九部分，以及附件1《推荐汇总表》中该集群一行；复核申报另含认定情况与规划目标完成情况（代替表八）。由 cluster 工具的字段目录生成，请勿手工修改。',
    type: 'object',
    properties,
    required: FORM.filter((s) => !s.filing).map((s) => s.key),
    // A review filing (it carries 认定情况) has the review sections instead of 表八.
    // (The empty `properties` entries only satisfy ajv's strictRequired; the shapes are defined above.)
    if: { properties: { certification: {} }, required: ['certification'] },
    then: branch('review'),
    else: branch('application'),
    additionalProperties: false,
  };
}
