/** Helpers shared by the three PDFs: the render context, table defaults and cell builders. */
import type { Lang } from '../../catalogue/index.js';
import type { FileResult } from '../../findings.js';
import type { LoadedFiling } from '../../load/index.js';
import type { Metrics } from '../../metrics/types.js';
import type { Profile } from '../../profile.js';
import type { FilingView } from '../../validate/view.js';
import {
  type CellBlock,
  type DraftOptions,
  type FontSet,
  type LayoutDocument,
  type Line,
  type TableCell,
  type TableRow,
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
  /** The day the documents speak for (YYYY-MM-DD): --today, else the filing's 申报时间 (see dates.ts). */
  asOf: string;
  /** Set when the filing has errors: every page is marked as a draft. */
  draft?: DraftOptions;
  /**
   * The filing is empty (as `init` writes it): the forms print as a blank form to fill in by hand, with
   * room to write, "数量：______个" blanks and no "无" filled in, and without a draft mark.
   */
  blank?: boolean;
  /** Put a 目录 page after the cover of 附件2 (for a bound paper copy, 胶装成册). */
  toc?: boolean;
  lang: Lang;
  /** Layout warnings (text that had to be clipped or broken by force). */
  warnings: string[];
}

/** Body size of the form tables: 五号. */
export const TABLE_SIZE = 10.5;
/** Notes inside cells ("(注：勾选需提供佐证材料)", formulas). */
export const NOTE_SIZE = 9;
export const GREY = '#444444';

/**
 * What {@link val} gives for a required field left empty: prints blank, highlighted on a draft (so the
 * gap is seen before the paper goes out), plain on a clean render.
 */
export const REQUIRED_BLANK = '\u2060';
/** Background of a required cell left empty, on a draft. */
export const HIGHLIGHT = '#fff2a8';

/** Height of a narrative cell left empty on a blank form: room for about six handwritten lines. */
export const BLANK_NARRATIVE = 130;

function markBlanks(ctx: Pick<RenderContext, 'draft' | 'blank'>, rows: TableSpec['rows']): TableSpec['rows'] {
  return rows.map((row) => {
    const cells = Array.isArray(row) ? row : row.cells;
    if (ctx.blank) {
      const narrative = cells.some((c) => c && typeof c === 'object' && c.valign === 'top' && c.align === 'justify' && !c.text?.replaceAll(REQUIRED_BLANK, '').trim());
      if (narrative) {
        const r: TableRow = Array.isArray(row) ? { cells: row } : row;
        return markBlanks({ ...ctx, blank: false }, [{ ...r, minHeight: Math.max(r.minHeight ?? 0, BLANK_NARRATIVE) }])[0]!;
      }
    }
    const mapped = cells.map((c) => {
      if (c === REQUIRED_BLANK) return ctx.draft ? { text: '', background: HIGHLIGHT } : '';
      if (c && typeof c === 'object' && c.text !== undefined && c.text.includes(REQUIRED_BLANK)) {
        const blank = c.text.replaceAll(REQUIRED_BLANK, '').trim() === '';
        return { ...c, text: c.text.replaceAll(REQUIRED_BLANK, ''), ...(blank && ctx.draft ? { background: HIGHLIGHT } : {}) };
      }
      return c;
    });
    return Array.isArray(row) ? mapped : { ...row, cells: mapped };
  });
}

/** A ruled table with the form's defaults; collects layout warnings. */
export function table(ctx: RenderContext, doc: LayoutDocument, spec: Omit<TableSpec, 'size'> & { size?: number }): void {
  spec = { ...spec, rows: markBlanks(ctx, spec.rows) };
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

// What the cells say is shared with the Word face (../cells.ts); this face adds the highlight of empty
// required cells (REQUIRED_BLANK) and draws the ticks as vector boxes.
export { HAND_BLANK, checklistItems, choiceItems, countText, namedCountText } from '../cells.js';
import { val as cellVal, yearVal as cellYearVal } from '../cells.js';

/** A field shown as the form prints it; an empty required cell is marked for the highlight. */
export function val(ctx: RenderContext, ptr: string, optional?: boolean): string {
  if (ctx.blank) return '';
  return cellVal(ctx, ptr, optional) || REQUIRED_BLANK;
}

/** A per-year value: "无" for years the form does not require; an empty required year is marked. */
export function yearVal(ctx: RenderContext, ptr: string, year: number): string {
  if (ctx.blank) return '';
  return cellYearVal(ctx, ptr, year) || REQUIRED_BLANK;
}

/** {@link val} outside tables: an empty required field is just empty. */
export function plain(ctx: RenderContext, ptr: string, optional?: boolean): string {
  return val(ctx, ptr, optional).replaceAll(REQUIRED_BLANK, '');
}

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

/**
 * A number with decimals in a printed formula: 2 decimals, as 填报说明2 asks ("数据有小数时，保留小数点后2
 * 位": 41.6 → 41.60, 29.6608 → 29.66); more only when 2 would print 0.
 */
function formulaNumber(m: string): string {
  const v = Number(m);
  if (!Number.isFinite(v)) return m;
  const two = (Math.round(Math.abs(v) * 100 + 1e-9) / 100) * Math.sign(v);
  if (two !== 0 || v === 0) return two.toFixed(2);
  return String(Number(v.toPrecision(2)));
}

/**
 * A formula as a reviewer reads it: intermediates with at most 2 decimals (no "29.6608"), roots written
 * out ("开2次方" rather than "^(1/2)"), symbols the font lacks replaced.
 */
export function formulaText(fonts: FontSet, text: string, zh = true): string {
  let s = text.replace(/(?<![\d.])\d+\.\d+(?![\d.])/g, formulaNumber);
  if (zh) s = s.replace(/\^\(1\/(\d+)\)/g, (_m, n: string) => ` 开${n}次方`);
  return printable(fonts, s);
}
