/**
 * Writes a filing as YAML from the field catalogue: every field present, in the form's order,
 * each preceded by a comment with its exact form label. Used by `init` (empty values) and by
 * `import` (values from a workbook), so both produce the same layout.
 */
import { sectionsFor } from './catalogue/index.js';
import type { FieldNode, GroupNode, Node, YearsKind } from './catalogue/index.js';
import type { Profile } from './profile.js';
import { baseYear, planYears } from './profile.js';

export function yearsFor(kind: YearsKind, profile: Profile): number[] {
  switch (kind) {
    case 'data':
    case 'data+prior':
      return [...profile.dataYears];
    case 'plan':
      return planYears(profile);
    case 'interim':
      return planYears(profile).slice(0, -1);
    case 'data-interim':
      return profile.dataYears.slice(0, -1);
  }
}

/** YAML words a plain scalar must not be (YAML 1.1 and 1.2 booleans and nulls, merge keys). */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~|<<|=)$/i;
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A scalar as YAML, read back as the same value by both YAML parsers the loader uses (js-yaml and
 * yaml): plain where that is unambiguous (a text that starts with a letter or a CJK character and
 * holds nothing YAML reads as syntax), a literal block for clean multi-line text, else a
 * double-quoted JSON string, which YAML reads as it is. (The yaml package's stringify did this at
 * ~50 ms of load and call time per import; a property test holds this emitter to the parsers.)
 */
export function yamlScalar(v: unknown, indent: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return ' ' + (Number.isNaN(v) ? '.nan' : v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : Object.is(v, -0) ? '-0.0' : String(v));
  if (typeof v === 'boolean') return v ? ' true' : ' false';
  const s = String(v);
  if (s.includes('\n') && !s.includes('\r') && !UNPRINTABLE.test(s) && !s.endsWith('\n')) {
    const lines = s.split('\n');
    // Every line empty or starting with a non-blank (the block's indentation is then unambiguous).
    if (lines.every((l) => l === '' || /^[^\s]/.test(l)) && lines[0] !== '') return ' |-\n' + lines.map((l) => (l === '' ? '' : indent + '  ' + l)).join('\n');
  }
  const plain =
    /^[\p{L}\p{Lo}]/u.test(s) &&
    !RESERVED.test(s) &&
    !/[\s]$/.test(s) &&
    !/[\n\t\r]|: |:$| #|[{}[\],&*!|>'"%@`]/.test(s) &&
    !UNPRINTABLE.test(s);
  return ' ' + (plain ? s : JSON.stringify(s));
}

function list(v: unknown, indent: string): string {
  if (!Array.isArray(v) || v.length === 0) return ' []';
  return '\n' + v.map((x) => `${indent}  -${yamlScalar(x, indent + '  ')}`).join('\n');
}

function yearLabel(kind: YearsKind, y: number): string {
  return kind === 'plan' ? `${y}年度` : `${y}年`;
}

function comment(label: string | undefined, hint?: string, extra?: string): string | undefined {
  if (!label && !extra) return undefined;
  return [label, hint, extra].filter(Boolean).join(' ');
}

function fieldHelp(n: FieldNode): string | undefined {
  const parts: string[] = [];
  if (n.type === 'choice' && n.options) parts.push(`可选：${n.options.join(' / ')}`);
  if (n.type === 'date') parts.push('日期 YYYY-MM-DD');
  if (n.type === 'evidence') parts.push('佐证材料路径列表，相对本文件所在目录');
  if (n.type === 'names') parts.push('名称列表，每项一条');
  if (n.toolOnly) parts.push('表外字段，供工具核算，可不填');
  else if (n.optional) parts.push('可不填');
  else if (n.type === 'text' || n.type === 'string') parts.push('必填，无相关情况时填"无"');
  return parts.length ? `（${parts.join('；')}）` : undefined;
}

interface Ctx {
  profile: Profile;
  out: string[];
}

function emitComment(ctx: Ctx, indent: string, text: string | undefined): void {
  if (text) ctx.out.push(`${indent}# ${text}`);
}

function emitField(ctx: Ctx, n: FieldNode, value: unknown, indent: string, withComment: boolean): void {
  if (withComment) emitComment(ctx, indent, comment(n.label + (n.unit && !n.label.includes(n.unit) ? `（${n.unit}）` : ''), n.hint, fieldHelp(n)));
  if (n.years) {
    const given = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const ys = new Set<number>(yearsFor(n.years, ctx.profile).map(Number));
    for (const k of Object.keys(given)) if (/^\d{4}$/.test(k)) ys.add(Number(k));
    ctx.out.push(`${indent}${n.key}:`);
    for (const y of [...ys].sort((a, b) => a - b)) {
      const v = given[String(y)];
      if (n.type === 'text') emitComment(ctx, indent + '  ', yearLabel(n.years, y));
      ctx.out.push(`${indent}  ${y}:${yamlScalar(v ?? null, indent + '  ')}`);
    }
    return;
  }
  if (n.type === 'names' || n.type === 'evidence') {
    ctx.out.push(`${indent}${n.key}:${list(value, indent)}`);
    return;
  }
  if (n.type === 'boolean') {
    ctx.out.push(`${indent}${n.key}: ${value === true ? 'true' : 'false'}`);
    return;
  }
  ctx.out.push(`${indent}${n.key}:${yamlScalar(value ?? null, indent)}`);
}

function emitNodes(ctx: Ctx, nodes: readonly Node[], value: Record<string, unknown>, indent: string, parent?: GroupNode): void {
  for (const n of nodes) {
    const v = value[n.key];
    if (n.kind === 'field') {
      const terse = parent && (parent.role === 'item' || parent.role === 'namedCount' || parent.role === 'target');
      emitField(ctx, n, v, indent, !terse || n.key === 'interim' || n.key === 'stages' || (n.key === 'actual' && parent?.role === 'target'));
    } else if (n.kind === 'group') {
      const r = ctx.profile.review;
      const label =
        n.role !== 'target'
          ? n.label
          : r
            ? `${n.direction ? n.direction + '：' : ''}${n.label}（${r.planBaseYear}年基准值 → ${r.planTargetYear}年目标值；${n.better === 'down' ? '降低类' : n.better === 'up' ? '增加类' : '定性'}）`
            : `${n.label}（${ctx.profile.dataYears.at(-1)}年基准值 → ${ctx.profile.targetYear}年目标值）`;
      emitComment(ctx, indent, comment(label, n.role === 'checklist' || n.role === 'item' ? undefined : n.hint));
      ctx.out.push(`${indent}${n.key}:`);
      const obj = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
      emitNodes(ctx, n.children, obj, indent + '  ', n);
    } else {
      emitComment(ctx, indent, comment(n.label, undefined, `（可增加行：${n.item.children.map((c) => (c.kind === 'field' ? c.key + '=' + c.label : c.key)).join('，')}）`));
      const rows = Array.isArray(v) ? (v as unknown[]) : [];
      if (rows.length === 0) {
        ctx.out.push(`${indent}${n.key}: []`);
        continue;
      }
      ctx.out.push(`${indent}${n.key}:`);
      for (const row of rows) {
        const obj = row && typeof row === 'object' ? (row as Record<string, unknown>) : {};
        const sub: Ctx = { profile: ctx.profile, out: [] };
        emitNodes(sub, n.item.children, obj, indent + '    ', n.item);
        const first = sub.out.findIndex((l) => !l.trimStart().startsWith('#'));
        sub.out[first] = `${indent}  - ${sub.out[first]!.trimStart()}`;
        ctx.out.push(...sub.out.filter((_, i) => i >= first));
      }
    }
  }
}

export interface EmitOptions {
  profile: Profile;
  /** Path from the YAML file to the schema, for the editor's yaml-language-server hint. */
  schemaPath?: string;
}

export function emitFilingYaml(data: Record<string, unknown>, opts: EmitOptions): string {
  const ctx: Ctx = { profile: opts.profile, out: [] };
  if (opts.schemaPath) ctx.out.push(`# yaml-language-server: $schema=${opts.schemaPath}`);
  const review = opts.profile.review;
  ctx.out.push(
    ...(review
      ? [
          `# 中小企业特色产业集群复核数据（${review.batch}年度批次）：复核年度的附件2各栏目、认定情况、认定时的规划目标及各年实际值`,
          `# 配置：${opts.profile.id}（复核年度 ${opts.profile.dataYears.join('、')}；规划基准年 ${review.planBaseYear}；规划目标年 ${review.planTargetYear}）`,
          '# 官方《复核申报表》不在本工具的依据之内：本文件是本工具的数据模型，不是官方表格。',
        ]
      : [
          '# 中小企业特色产业集群申报表（附件2）及推荐汇总表（附件1）数据',
          `# 配置：${opts.profile.id}（数据年度 ${opts.profile.dataYears.join('、')}；基准年 ${baseYear(opts.profile)}；目标年 ${opts.profile.targetYear}）`,
        ]),
    '# 填报说明2：各必填栏目不得空缺，无相关情况时应填写"无"；数据有小数时，保留小数点后2位。',
  );
  for (const s of sectionsFor(opts.profile.kind)) {
    ctx.out.push('', `# ${'═'.repeat(20)} ${s.section.title} ${'═'.repeat(20)}`);
    ctx.out.push(`${s.key}:`);
    const v = data[s.key];
    emitNodes(ctx, s.children, v && typeof v === 'object' ? (v as Record<string, unknown>) : {}, '  ');
  }
  return ctx.out.join('\n') + '\n';
}
