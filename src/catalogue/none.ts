/**
 * "无" — the form's "nothing to report" (附件2 填报说明2: "各必填栏目不得空缺，无相关情况时应填写'无'").
 *
 * It is a value of its own, carried through the model as this literal string wherever the form lets a
 * field be left without a figure (numbers included). It never means 0: a metric that needs the figure
 * reports why it cannot be computed, and a rule judges it by the field's meaning.
 * Every face (YAML `无`, JSON "无", an Excel cell "无"/"—"/"/", the PDF and Word forms) reads and
 * writes it through this module.
 */
export const NONE = '无' as const;
export type None = typeof NONE;

export function isNone(v: unknown): v is None {
  return v === NONE;
}
