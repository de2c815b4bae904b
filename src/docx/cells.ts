/**
 * Cell builders of the Word forms — the same vocabulary as the PDF face (L label, LH label + hint,
 * V centred value, T narrative, B blocks), producing WordprocessingML paragraphs.
 *
 * Check boxes are text: □ (U+25A1) for an open box and √ (U+221A) for a ticked one. Both are in GB2312
 * (A1F5, A1CC), so every Chinese face the documents name (宋体, 仿宋_GB2312, 黑体) and every CJK face a
 * recipient may substitute (WPS's bundled fonts, Noto/思源) has them at full width: nothing shifts
 * when a box is ticked, no symbol font (Wingdings 2, Segoe UI Symbol) is needed, and the runs carry
 * hint="eastAsia" so Word and WPS draw them with the CJK face. ☐/☑ (U+2610/2611) are not in GB2312:
 * 宋体 lacks them, so they would depend on font fallback. √/□ are also what the PDF's text layer carries
 * and what the Excel import reads as ticked/open.
 */
import type { Metrics } from '../metrics/types.js';
import type { Profile } from '../profile.js';
import type { TickItem } from '../render/cells.js';
import type { FilingView } from '../validate/view.js';
import { type Align, type CellSpec, HAO, text } from './wml.js';

export const TICKED = '√';
export const OPEN = '□';

export interface DocxContext {
  view: FilingView;
  profile: Profile;
  metrics: Metrics;
  /** The document date (core properties, zip times). */
  date: Date;
  /** Errors of the filing: a draft line heads every page when there are any. */
  errors?: number;
  /** 方正小标宋简体 (default) or 宋体 bold for the title. */
  titleFont?: 'fzxbs' | 'song';
  /** An empty filing (as `init` writes it): a hand-fill form, blanks to write on, no "无" filled in. */
  blank?: boolean;
}

export interface CellOpts {
  align?: Align;
  colSpan?: number;
  rowSpan?: number;
  bold?: boolean;
  size?: number;
  valign?: CellSpec['valign'];
}

/** Paragraphs of table text, one per line of `s`. */
export function tableText(s: string, align: Align = 'left', o: { bold?: boolean; size?: number } = {}): string {
  return s
    .split('\n')
    .map((line) => text(line, { style: 'TableText', align, ...(o.bold ? { bold: true } : {}), ...(o.size ? { size: o.size } : {}) }))
    .join('');
}

export function note(s: string, align: Align = 'left'): string {
  return text(s, { style: 'Note', align });
}

function cell(paras: string[], o: CellOpts): CellSpec {
  return { paras, ...(o.colSpan ? { colSpan: o.colSpan } : {}), ...(o.rowSpan ? { rowSpan: o.rowSpan } : {}), ...(o.valign ? { valign: o.valign } : {}) };
}

/** A row label. */
export function L(s: string, o: CellOpts = {}): CellSpec {
  return cell([tableText(s, o.align ?? 'left', o)], o);
}

/** A label with its hint on the next line: "集群产业链强链补链情况" / "(200字以内)". */
export function LH(label: string, hint: string | undefined, o: CellOpts = {}): CellSpec {
  return cell([tableText(label, 'left', o), ...(hint ? [tableText(hint, 'left')] : [])], o);
}

/** A centred value. */
export function V(s: string, o: CellOpts = {}): CellSpec {
  return cell([tableText(s, o.align ?? 'center', o)], o);
}

/**
 * Characters of a narrative from which its row may break across pages: a row taller than a page would
 * otherwise be cut by Word and LibreOffice (the form's narratives are 200–300 characters: whole rows).
 */
export const LONG_CELL_CHARS = 900;

/** Empty lines an empty narrative cell leaves to write in by hand (the PDF's hand-fill form leaves ~6). */
export const NARRATIVE_ROOM = 6;

/** A narrative value: justified, top-aligned; empty, it leaves room to write in. */
export function T(s: string, o: CellOpts = {}): CellSpec {
  if (s === '') return cell(Array.from({ length: NARRATIVE_ROOM }, () => tableText('', 'both', o)), { valign: 'top', ...o });
  return { ...cell([tableText(s, 'both', o)], { valign: 'top', ...o }), ...([...s].length > LONG_CELL_CHARS ? { long: true } : {}) };
}

/** A cell of ready-made paragraphs. */
export function B(paras: string[], o: CellOpts = {}): CellSpec {
  return cell(paras, o);
}

const mark = (i: TickItem) => (i.checked ? TICKED : OPEN);

/** One paragraph per item: "√绘制产业链图谱，…" / "□…". */
export function checkParas(items: readonly TickItem[]): string[] {
  return items.map((i) => text(`${mark(i)}${i.label}`, { style: 'TableText', hanging: HAO.五号 }));
}

/** The alternatives on one line: "□第一产业　　√第二产业　　□第三产业". */
export function inlineChecks(items: readonly TickItem[]): string {
  return text(items.map((i) => `${mark(i)}${i.label}`).join('\u3000\u3000'), { style: 'TableText' });
}

