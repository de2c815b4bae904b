/**
 * The field catalogue describes every field of the application form exactly once.
 * The JSON Schema, the `init` skeleton, the Excel template, the PDF layout and the
 * label printed in each finding are all derived from it.
 */

export type Lang = 'zh' | 'en';

export type SectionId =
  | 'cover'
  | 'summary'
  | 'basic'
  | 'industry'
  | 'innovation'
  | 'digital'
  | 'green'
  | 'openness'
  | 'governance'
  | 'plan'
  | 'certification'
  | 'review'
  | 'declaration';

export interface SectionDef {
  id: SectionId;
  /** Title exactly as printed on the form. */
  title: string;
  en: string;
}

/**
 * Value types of leaves.
 * - `string`: a short line of text (a name, an organisation).
 * - `text`: a narrative; may carry `maxChars`.
 * - `number` / `integer`: figures; `unit` is the form's unit, `percent` marks a 0–100 percentage.
 * - `choice`: one of `options` (the form's ☐ alternatives, e.g. 是/否).
 * - `boolean`: a ticked checkbox item.
 * - `date`: `YYYY-MM-DD` (or `YYYY-MM` with `monthOk`).
 * - `phone`: a contact number.
 * - `names`: a list of names (the "名称：___" part of 数量/名称 cells, or a 清单).
 * - `evidence`: a list of evidence file paths, relative to the filing's folder.
 */
export type FieldType =
  | 'string'
  | 'text'
  | 'number'
  | 'integer'
  | 'choice'
  | 'boolean'
  | 'date'
  | 'phone'
  | 'names'
  | 'evidence';

/**
 * Per-year keyed values:
 * - `data`: keyed by the profile's data years (2021–2023 for the 2024 round);
 * - `data+prior`: as `data`, and one earlier year may be given so growth spans three years;
 * - `plan`: keyed by the three plan years after the base year (2024–2026);
 * - `interim`: keyed by the first two plan years (2024, 2025);
 * - `data-interim`: keyed by the first two data years (a review's stage targets: 2024, 2025 of 2024–2026).
 */
export type YearsKind = 'data' | 'data+prior' | 'plan' | 'interim' | 'data-interim';

/** An application (申报) or a review (复核) filing: most sections are common, a few belong to one kind. */
export type FilingKind = 'application' | 'review';

export interface FieldNode {
  kind: 'field';
  key: string;
  /** Label exactly as printed on the form (full-width punctuation included). */
  label: string;
  en: string;
  type: FieldType;
  unit?: string;
  percent?: boolean;
  maxChars?: number;
  options?: readonly string[];
  /** English renderings of `options`, same order. */
  optionsEn?: readonly string[];
  years?: YearsKind;
  /** Only these years of a `data` map are required (e.g. a rate stated for the base year only). */
  requiredYears?: 'base';
  /** May be left empty without a `form/required` finding. */
  optional?: boolean;
  /** Printed after the label on the form: "(200字以内)", "(需提供清单)". */
  hint?: string;
  /** Not a field of the printed form: an input the tool uses (e.g. totals to compute an intensity). */
  toolOnly?: boolean;
  /** Where it sits on the form / what it means; becomes the schema `description`. */
  description?: string;
}

export type GroupRole =
  /** A plain object of fields. */
  | 'object'
  /** A checkbox list ("勾选需提供佐证材料"): children are `item` groups. */
  | 'checklist'
  /** One checkbox of a checklist: `{ checked, evidence }`. */
  | 'item'
  /** "数量：__个 名称：__" or "__个 (需提供清单及佐证材料)": `{ count, names, evidence }`. */
  | 'namedCount'
  /** A row of 三年总体目标: `{ baseline, target }`. */
  | 'target';

export interface GroupNode {
  kind: 'group';
  key: string;
  role: GroupRole;
  label?: string;
  en?: string;
  hint?: string;
  children: Node[];
  optional?: boolean;
  description?: string;
  /** 三年总体目标: the 方向 column of the row (主导产业, 创新, …). */
  direction?: string;
  /** A plan indicator's promised direction: up (增加, attainment = 实际/目标) or down (降低, attainment on the reduction). */
  better?: 'up' | 'down';
}

/** A repeated group (rows the user may add), e.g. extra plan indicators. */
export interface ArrayNode {
  kind: 'array';
  key: string;
  label: string;
  en: string;
  /** Rows the Excel template offers. */
  maxItems: number;
  item: GroupNode;
  optional?: boolean;
  description?: string;
}

export type Node = FieldNode | GroupNode | ArrayNode;

export interface SectionNode {
  section: SectionDef;
  key: string;
  children: Node[];
  /** Only in filings of this kind (表八 in applications; the certification and plan review in reviews). */
  filing?: FilingKind;
}
