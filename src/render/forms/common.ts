/** Helpers shared by the three PDFs: the render context, table defaults and cell builders. */
import type { Lang } from '../../catalogue/index.js';
import type { FileResult } from '../../findings.js';
import type { LoadedFiling } from '../../load/index.js';
import type { Metrics } from '../../metrics/types.js';
import type { Profile } from '../../profile.js';
import type { FilingView } from '../../validate/view.js';
import {
  type CellBlock,
  type FontSet,
  type LayoutDocument,
  type Line,
  type TableCell,
  type TableSpec,
  type TextSpan,
  baselineFor,
  drawTable,
} from '../layout/index.js';

export interface RenderContext {
  fonts: FontSet;
  view: FilingView;
  loaded: LoadedFiling;
  profile: Profile;
  metrics: Metrics;
  result: FileResult;
  date: Date;
  lang: Lang;
  /** Layout warnings (text that had to be clipped or broken by force). */
  warnings: string[];
}

/** Body size of the form tables: 五号. */
export const TABLE_SIZE = 10.5;
/** Notes inside cells ("(注：勾选需提供佐证材料)", formulas). */
export const NOTE_SIZE = 9;
export const GREY = '#444444';

/** A ruled table with the form's defaults; collects layout warnings. */
export function table(ctx: RenderContext, doc: LayoutDocument, spec: Omit<TableSpec, 'size'> & { size?: number }): void {
  const r = drawTable(doc, {
    size: TABLE_SIZE,
    lineHeight: 1.4,
    padding: { top: 4, right: 5, bottom: 4, left: 5 },
    valign: 'middle',
    ...spec,
  });
  ctx.warnings.push(...r.warnings);
}

/** A row label. */
export function L(text: string, extra: Partial<TableCell> = {}): TableCell {
  return { text, align: 'left', ...extra };
}

/** A label followed by its hint on the next line: "集群产业链强链补链情况\n(200字以内)". */
export function LH(label: string, hint: string | undefined, extra: Partial<TableCell> = {}): TableCell {
  return { text: hint ? `${label}\n${hint}` : label, align: 'left', ...extra };
}

/** A value cell (centred figures). */
export function V(text: string, extra: Partial<TableCell> = {}): TableCell {
  return { text, align: 'center', ...extra };
}

/** A narrative value (justified, may flow across pages). */
export function T(text: string, extra: Partial<TableCell> = {}): TableCell {
  return { text, align: 'justify', valign: 'top', ...extra };
}

/** A cell with rich blocks. */
export function B(blocks: CellBlock[], extra: Partial<TableCell> = {}): TableCell {
  return { blocks, align: 'left', ...extra };
}

export function note(text: string, extra: Partial<Extract<CellBlock, { type: 'text' }>> = {}): CellBlock {
  return { type: 'text', text, size: NOTE_SIZE, lineHeight: 1.4, ...extra };
}

export { checklistItems, choiceItems, countText, namedCountText, val } from '../cells.js';

/**
 * Stand-ins for symbols CJK fonts often lack, used only in text the tool generates (messages of other
 * modules, metric labels and formulas), never in the filing's own text, which is checked strictly.
 */
const FALLBACK: Record<string, string> = {
  ...Object.fromEntries([...'₀₁₂₃₄₅₆₇₈₉'].map((c, i) => [c, String(i)])),
  ...Object.fromEntries([...'⁰¹²³⁴⁵⁶⁷⁸⁹'].map((c, i) => [c, String(i)])),
  '✔': '√',
  '✓': '√',
  '☑': '√',
  '✖': '×',
  '✗': '×',
  '☐': '□',
  '•': '·',
  // Typography of formulas and messages that older system fonts (AR PL UMing…) lack.
  '−': '-',
  '–': '-',
  '≥': '>=',
  '≤': '<=',
  '≈': '~',
  '÷': '/',
  '×': 'x',
  '…': '...',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
};

const printableCache = new WeakMap<FontSet, Map<string, string>>();

/** `text` with the symbols the font cannot draw replaced by stand-ins the font has. */
export function printable(fonts: FontSet, text: string): string {
  let cache = printableCache.get(fonts);
  if (!cache) printableCache.set(fonts, (cache = new Map()));
  let out = '';
  for (const ch of text) {
    let r = cache.get(ch);
    if (r === undefined) {
      const alt = FALLBACK[ch];
      r = alt !== undefined && fonts.coverage(ch).length > 0 && fonts.coverage(alt).length === 0 ? alt : ch;
      cache.set(ch, r);
    }
    out += r;
  }
  return out;
}

/** A one-line text span at `x` (for hand-placed lines such as the cover's region line). */
export function textSpan(fonts: FontSet, text: string, x: number, size: number, bold = false, color = '#000000'): TextSpan {
  const font = bold ? fonts.bold : fonts.regular;
  return { kind: 'text', x, text, font, size, fakeBold: bold && fonts.syntheticBold, charSpacing: 0, color, width: font.width(text, size) };
}

export function emptyLine(fonts: FontSet, size: number, lineHeight: number): Line {
  return { height: size * lineHeight, baseline: baselineFor(fonts.regular, size, lineHeight), spans: [] };
}
