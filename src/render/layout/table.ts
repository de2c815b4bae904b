/**
 * Ruled tables that flow across pages.
 *
 * - Column widths in points, or flexible `'*'` / `'2*'` shares of the remaining width.
 * - Cells: text, blocks (text, checkbox lists, vertical space), colSpan, rowSpan, alignment, bold, size,
 *   background, padding. Every cell has full borders.
 * - Pagination: a row, or a group of rows tied together by rowSpans, that does not fit moves to the next
 *   page when it would fit on an empty page (`splitRows: 'always'` splits it instead). A row taller than
 *   a page is split line by line, keeping at least `minSplitLines` lines of a split cell on each page and
 *   never starting a row with an empty cell. Each page's fragment of a cell is closed with a border at the page bottom and reopened
 *   on the next page.
 * - Continuation: in the fragments after the one where a cell's content ended, the cell shows
 *   `continuation`: `'repeat'` (the content again with "（续）" appended; falls back to `'marker'` when it
 *   does not fit), `'marker'` (only "（续）"), `'blank'`, or `{ text }`. Default `'auto'`: `'repeat'` when
 *   a cell to its right is what continues (row labels), else `'blank'` (values next to a long cell
 *   on their left are not repeated).
 * - Rows with `header: true` (at the start of the table) repeat at the top of every continued page.
 * - Nothing is drawn outside its cell: cell content is clipped to the cell rectangle (and anything that
 *   would have been cut off is reported in the result's warnings).
 */
import type { LayoutDocument } from './document.js';
import {
  type Align,
  type CheckboxItem,
  type CheckboxLayoutOptions,
  type Line,
  type TextLayoutOptions,
  layoutCheckboxes,
  layoutText,
  lineExtent,
  linesHeight,
  spaceLine,
} from './lines.js';
import { num, paintLines } from './paint.js';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export type CellBlock =
  | {
      type: 'text';
      text: string;
      align?: Align;
      bold?: boolean;
      size?: number;
      lineHeight?: number;
      indentChars?: number;
      color?: string;
    }
  | {
      type: 'checkboxes';
      items: CheckboxItem[];
      /** `list` (default), `inline`, or a number of grid columns. */
      layout?: 'list' | 'inline' | number;
      size?: number;
      lineHeight?: number;
      bold?: boolean;
    }
  | { type: 'space'; height: number };

export type Continuation = 'repeat' | 'marker' | 'blank' | { text: string };

export interface TableCell {
  /** Plain text content (`\n` = new paragraph). Ignored when `blocks` is given. */
  text?: string;
  /** Rich content: text paragraphs, checkbox lists, spaces, in order. */
  blocks?: CellBlock[];
  /** Shorthand for a single checkbox list block (after `text`, if any). */
  checkboxes?: CheckboxItem[];
  checkboxLayout?: 'list' | 'inline' | number;
  colSpan?: number;
  rowSpan?: number;
  align?: Align;
  valign?: 'top' | 'middle' | 'bottom';
  bold?: boolean;
  size?: number;
  lineHeight?: number;
  /** First-line indent of text paragraphs in characters. */
  indentChars?: number;
  color?: string;
  background?: string;
  padding?: number | Partial<Padding>;
  continuation?: Continuation | 'auto';
}

export type CellInput = TableCell | string | null | undefined;

export interface TableRow {
  cells: CellInput[];
  /** Header rows (must come first) repeat at the top of every continued page. */
  header?: boolean;
  minHeight?: number;
  /** Never split this row (unless it is taller than a page). */
  keepTogether?: boolean;
}

export type ColumnWidth = number | '*' | `${number}*`;

export interface TableSpec {
  columns: ColumnWidth[];
  rows: (TableRow | CellInput[])[];
  /** Left edge (default: the content box's left). */
  x?: number;
  /** Total width used to resolve `'*'` columns (default: the content width from `x`). */
  width?: number;
  size?: number;
  lineHeight?: number;
  padding?: number | Partial<Padding>;
  align?: Align;
  valign?: 'top' | 'middle' | 'bottom';
  color?: string;
  borderWidth?: number;
  borderColor?: string;
  /** Defaults for header rows: bold and centred unless the cell says otherwise; optional background. */
  headerBackground?: string;
  /** Continuation of finished cells in split rows (see module doc), default `'auto'`. Per-cell wins. */
  continuation?: Continuation | 'auto';
  continuationMarker?: string;
  /**
   * `oversize` (default): a row (or rowSpan group) that does not fit moves to the next page; only rows
   * taller than a page are split. `always`: split any row at the page bottom when at least
   * `minSplitLines` lines of each split cell stay on each page (like Word's "允许跨页断行").
   */
  splitRows?: 'oversize' | 'always';
  /** Minimum number of lines of a split cell to leave on a page before breaking it. Default 2. */
  minSplitLines?: number;
  /**
   * A cell of at most this many lines is never split across pages (a name, an address, a short list moves
   * whole with its row); only longer cells (narratives) split between lines. Default 5.
   */
  keepCellLines?: number;
  /**
   * The header rows describe only the first `headerScope` body rows (e.g. a "年度 | 2021年…" header over
   * the per-year rows): on a page continuing a row after those, the header is not repeated. Default: all.
   */
  headerScope?: number;
  /** Space after the table, points. Default 0. */
  spaceAfter?: number;
}

export interface TableResult {
  /** y where the table ended (on the last page). */
  y: number;
  /** 1-based page numbers (physical) of the first and last page the table occupies. */
  firstPage: number;
  lastPage: number;
  warnings: string[];
}

const EPS = 0.01;

export const DEFAULT_CELL_PADDING: Padding = { top: 3, right: 5, bottom: 3, left: 5 };

function toPadding(p: number | Partial<Padding> | undefined, base: Padding): Padding {
  if (p === undefined) return base;
  if (typeof p === 'number') return { top: p, right: p, bottom: p, left: p };
  return { ...base, ...p };
}

export function resolveColumns(columns: ColumnWidth[], total: number): number[] {
  let fixed = 0;
  let shares = 0;
  const parsed = columns.map((c) => {
    if (typeof c === 'number') {
      fixed += c;
      return { fixed: c, share: 0 };
    }
    const m = /^(\d*\.?\d*)\*$/.exec(c);
    if (!m) throw new Error(`无效的列宽: ${String(c)}`);
    const share = m[1] ? Number(m[1]) : 1;
    shares += share;
    return { fixed: 0, share };
  });
  const rest = Math.max(0, total - fixed);
  return parsed.map((p) => (p.share ? (rest * p.share) / shares : p.fixed));
}

interface PlacedCell {
  spec: TableCell;
  row: number;
  col: number;
  colSpan: number;
  rowSpan: number;
  lastRow: number;
  x: number;
  width: number;
  pad: Padding;
  lines: Line[];
  natural: number;
  next: number;
  valign: 'top' | 'middle' | 'bottom';
  /**
   * Candidate continuation contents, best first (the first that fits is drawn); laid out when first
   * needed (only cells that run over a page break need them: most never do).
   */
  continuation: Line[][] | null;
  /** Continuation `auto`: decided at each page break. */
  auto: boolean;
  /** Draw the continuation in the current fragment (when the content ended on an earlier page). */
  showContinuation: boolean;
  fragTop: number;
  header: boolean;
}

interface RowInfo {
  header: boolean;
  minHeight: number;
  keepTogether: boolean;
  starts: PlacedCell[];
}

/** `text` without trailing white space (`\s+$`), the regular expression only where the text could end with some. */
function trimEnd(text: string): string {
  const c = text.charCodeAt(text.length - 1);
  // Printable ASCII and U+3001–U+FEFE (CJK, full-width forms) hold no \s character.
  if ((c >= 0x21 && c <= 0x7e) || (c >= 0x3001 && c <= 0xfefe)) return text;
  return text.replace(/\s+$/u, '');
}

function normRow(r: TableRow | CellInput[]): TableRow {
  return Array.isArray(r) ? { cells: r } : r;
}

function normCell(c: CellInput): TableCell {
  if (c === null || c === undefined) return {};
  if (typeof c === 'string') return { text: c };
  return c;
}

export function drawTable(ld: LayoutDocument, spec: TableSpec): TableResult {
  ld.ensurePage();
  const pdf = ld.pdf;
  const fonts = ld.fonts;
  const warnings: string[] = [];
  const x0 = spec.x ?? ld.left;
  const widths = resolveColumns(spec.columns, spec.width ?? ld.right - x0);
  const colX: number[] = [x0];
  for (const w of widths) colX.push(colX[colX.length - 1]! + w);
  const nCols = widths.length;
  const baseSize = spec.size ?? 10.5;
  const baseLH = spec.lineHeight ?? 1.35;
  const basePad = toPadding(spec.padding, DEFAULT_CELL_PADDING);
  const marker = spec.continuationMarker ?? '（续）';
  const minSplit = Math.max(1, spec.minSplitLines ?? 2);
  const keepLines = Math.max(0, spec.keepCellLines ?? 5);
  const splitRows = spec.splitRows ?? 'oversize';
  const borderWidth = spec.borderWidth ?? 0.6;
  const borderColor = spec.borderColor ?? '#000000';
  const paintOpts = ld.paintOptions();

  // ------------------------------------------------------------ grid placement and layout
  const rows = spec.rows.map(normRow);
  let headerCount = 0;
  while (headerCount < rows.length && rows[headerCount]!.header) headerCount++;
  if (rows.slice(headerCount).some((r) => r.header)) throw new Error('表头行必须位于表格开头');

  const occupied: boolean[][] = rows.map(() => new Array<boolean>(nCols).fill(false));
  const infos: RowInfo[] = [];

  const layoutContent = (cell: TableCell, innerW: number, header: boolean): Line[] => {
    const size = cell.size ?? baseSize;
    const lineHeight = cell.lineHeight ?? baseLH;
    const bold = cell.bold ?? (header ? true : undefined);
    const align = cell.align ?? (header ? 'center' : (spec.align ?? 'left'));
    const color = cell.color ?? spec.color ?? '#000000';
    let out: Line[] = [];
    const add = (lines: Line[]) => {
      if (out.length === 0) out = lines;
      else for (const l of lines) out.push(l);
    };
    // Options as literals (a spread per cell took V8's slow path: thousands of cells in a comparison).
    const text = (b: Extract<CellBlock, { type: 'text' }> | null, raw: string) => {
      const opts: TextLayoutOptions = {
        size: b?.size ?? size,
        lineHeight: b?.lineHeight ?? lineHeight,
        align: b?.align ?? align,
        color: b?.color ?? color,
        indentChars: b?.indentChars ?? cell.indentChars ?? 0,
      };
      const isBold = b?.bold ?? bold;
      if (isBold !== undefined) opts.bold = isBold;
      add(layoutText(fonts, trimEnd(raw), innerW, opts));
    };
    const checkboxes = (items: CheckboxItem[], b: Extract<CellBlock, { type: 'checkboxes' }> | null, layout: CheckboxLayoutOptions['layout'] | undefined) => {
      const opts: CheckboxLayoutOptions = { size: b?.size ?? size, lineHeight: b?.lineHeight ?? lineHeight, color };
      const isBold = b?.bold ?? bold;
      if (isBold !== undefined) opts.bold = isBold;
      if (layout !== undefined) opts.layout = layout;
      add(layoutCheckboxes(fonts, items, innerW, opts));
    };
    if (!cell.blocks) {
      if (cell.text !== undefined && cell.text !== '') text(null, cell.text);
      if (cell.checkboxes) checkboxes(cell.checkboxes, null, cell.checkboxLayout);
      return out;
    }
    for (const b of cell.blocks) {
      if (b.type === 'space') add([spaceLine(b.height)]);
      else if (b.type === 'text') text(b, b.text);
      else checkboxes(b.items, b, b.layout);
    }
    return out;
  };

  const withMarker = (cell: TableCell): TableCell => {
    if (cell.blocks) {
      const blocks = [...cell.blocks];
      const lastText = [...blocks].reverse().find((b) => b.type === 'text');
      if (lastText && lastText.type === 'text') {
        const i = blocks.lastIndexOf(lastText);
        blocks[i] = { ...lastText, text: lastText.text.replace(/\s+$/u, '') + marker };
        return { ...cell, blocks };
      }
      return { ...cell, blocks: [...blocks, { type: 'text', text: marker }] };
    }
    return { ...cell, text: (cell.text ?? '').replace(/\s+$/u, '') + marker, checkboxes: undefined };
  };

  // Placement first (cheap: positions and spans only); the cells' lines are laid out one group of rows
  // at a time, just before the group is drawn, and dropped when it is — a list of 10,000 rows is never
  // laid out in memory at once.
  rows.forEach((row, r) => {
    const info: RowInfo = {
      header: Boolean(row.header),
      minHeight: row.minHeight ?? 0,
      keepTogether: Boolean(row.keepTogether),
      starts: [],
    };
    infos.push(info);
    let col = 0;
    for (const input of row.cells) {
      while (col < nCols && occupied[r]![col]) col++;
      if (col >= nCols) throw new Error(`第 ${r + 1} 行的单元格超出了 ${nCols} 列`);
      const cell = normCell(input);
      const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, nCols - col));
      let rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, rows.length - r));
      if (info.header && r + rowSpan > headerCount) rowSpan = headerCount - r;
      for (let rr = r; rr < r + rowSpan; rr++) {
        for (let cc = col; cc < col + colSpan; cc++) {
          if (occupied[rr]![cc]) throw new Error(`第 ${rr + 1} 行第 ${cc + 1} 列被两个合并单元格占用`);
          occupied[rr]![cc] = true;
        }
      }
      const width = colX[col + colSpan]! - colX[col]!;
      const contSetting: Continuation | 'auto' = cell.continuation ?? spec.continuation ?? 'auto';
      const placed: PlacedCell = {
        spec: cell,
        row: r,
        col,
        colSpan,
        rowSpan,
        lastRow: r + rowSpan - 1,
        x: colX[col]!,
        width,
        pad: toPadding(cell.padding, basePad),
        lines: [],
        natural: 0,
        next: 0,
        valign: cell.valign ?? spec.valign ?? 'middle',
        continuation: [],
        auto: contSetting === 'auto',
        showContinuation: contSetting !== 'auto',
        fragTop: 0,
        header: info.header,
      };
      info.starts.push(placed);
      col += colSpan;
    }
  });
  occupied.length = 0;

  /** The continuation candidates of a laid-out cell (see PlacedCell.continuation). */
  const continuationOf = (c: PlacedCell): Line[][] => {
    if (c.continuation) return c.continuation;
    const cell = c.spec;
    const innerW = Math.max(1, c.width - c.pad.left - c.pad.right);
    const contSetting: Continuation | 'auto' = cell.continuation ?? spec.continuation ?? 'auto';
    const repeatLines: Line[][] = [];
    const hasContent = c.lines.some((l) => l.spans.length > 0);
    if (typeof contSetting === 'object') {
      repeatLines.push(layoutContent({ ...cell, blocks: [{ type: 'text', text: contSetting.text }] }, innerW, c.header));
    } else if (hasContent && contSetting !== 'blank') {
      if (contSetting !== 'marker') repeatLines.push(layoutContent(withMarker(cell), innerW, c.header));
      repeatLines.push(layoutContent({ ...cell, blocks: [{ type: 'text', text: marker }] }, innerW, c.header));
    }
    c.continuation = repeatLines;
    return repeatLines;
  };

  /** Lay out the cells of rows `from`..`to` (whole groups: rowSpans stay inside) and set their heights. */
  const heights: number[] = new Array<number>(rows.length).fill(0);
  const layoutRows = (from: number, to: number) => {
    const cells: PlacedCell[] = [];
    for (let r = from; r <= to; r++) {
      for (const c of infos[r]!.starts) {
        const cell = c.spec;
        const innerW = Math.max(1, c.width - c.pad.left - c.pad.right);
        const lines = layoutContent(cell, innerW, c.header);
        c.continuation = null;
        for (const l of lines) {
          if (l.forced || lineExtent(l) > innerW + (l.hang ?? 0) + 0.5) {
            warnings.push(`第 ${r + 1} 行第 ${c.col + 1} 列：文字无法在单元格宽度内按规则断行`);
            break;
          }
        }
        c.lines = lines;
        c.natural = linesHeight(lines) + c.pad.top + c.pad.bottom;
        cells.push(c);
      }
    }
    // Natural row heights: single-row cells first, then spanning cells distribute any deficit evenly.
    for (let r = from; r <= to; r++) heights[r] = infos[r]!.minHeight;
    for (const c of cells) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row]!, c.natural);
    for (const c of cells.filter((c) => c.rowSpan > 1).sort((a, b) => a.rowSpan - b.rowSpan)) {
      let sum = 0;
      for (let r = c.row; r <= c.lastRow; r++) sum += heights[r]!;
      const deficit = c.natural - sum;
      if (deficit > EPS) for (let r = c.row; r <= c.lastRow; r++) heights[r]! += deficit / c.rowSpan;
    }
    // Minimum height of an empty row: one line.
    for (let r = from; r <= to; r++) if (heights[r]! < EPS) heights[r] = baseSize * baseLH + basePad.top + basePad.bottom;
  };
  if (headerCount) layoutRows(0, headerCount - 1);

  // Groups of rows tied by rowSpans.
  const groupEnd: number[] = new Array<number>(rows.length).fill(0);
  for (let r = headerCount; r < rows.length; ) {
    let end = r;
    for (let k = r; k <= end; k++) for (const c of infos[k]!.starts) end = Math.max(end, c.lastRow);
    for (let k = r; k <= end; k++) groupEnd[k] = end;
    r = end + 1;
  }
  let laidTo = headerCount - 1;
  /** Lay out the group of row `r` (and any group before it not yet laid out). */
  const ensureLaid = (r: number) => {
    if (r <= laidTo) return;
    layoutRows(laidTo + 1, groupEnd[r]!);
    laidTo = groupEnd[r]!;
  };
  if (headerCount < rows.length) ensureLaid(headerCount);

  // ------------------------------------------------------------ drawing with per-page op buffers
  type Op = () => void;
  let fills: Op[] = [];
  // Cell contents are painted in reading order (row, then column), whatever order the fragments were
  // closed in: a rowSpan cell is closed after the rows it spans, but its text must come first in the
  // content stream so that copied or extracted text (and screen readers) read the table as laid out.
  let contents: Array<{ row: number; col: number; seq: number; op: Op }> = [];
  /** Cell borders of the page: one path of rectangles, stroked once (the same lines as a stroke each). */
  let strokes: Array<[number, number, number, number]> = [];
  const flush = () => {
    for (const op of fills) op();
    contents.sort((a, b) => a.row - b.row || a.col - b.col || a.seq - b.seq);
    for (const c of contents) c.op();
    if (strokes.length) {
      pdf.save().lineWidth(borderWidth).strokeColor(borderColor);
      let path = '';
      for (const [x, y, w, h] of strokes) path += `${path ? '\n' : ''}${num(x)} ${num(y)} ${num(w)} ${num(h)} re`;
      pdf.addContent(path);
      pdf.stroke().restore();
    }
    fills = [];
    contents = [];
    strokes = [];
  };

  let firstPage: number | undefined;
  const drawFragment = (c: PlacedCell, top: number, bottom: number, lines: Line[], valignFree: number | null) => {
    const h = bottom - top;
    if (h < EPS) return;
    firstPage ??= ld.pageCount;
    const x = c.x;
    const w = c.width;
    const bg = c.spec.background ?? (c.header ? spec.headerBackground : undefined);
    if (bg) fills.push(() => pdf.save().rect(x, top, w, h).fill(bg).restore());
    if (lines.length) {
      let y = top + c.pad.top;
      if (valignFree !== null && valignFree > 0) {
        if (c.valign === 'middle') y += valignFree / 2;
        else if (c.valign === 'bottom') y += valignFree;
      }
      const ly = y;
      contents.push({
        row: c.row,
        col: c.col,
        seq: contents.length,
        op: () => {
          // pdfkit's save(), rect(…).clip() and restore(), written at once (the same operators; no
          // transformation in between, so pdfkit's saved matrices need no entry).
          pdf.addContent(`q\n${num(x)} ${num(top)} ${num(w)} ${num(h)} re\nW n`);
          paintLines(pdf, lines, x + c.pad.left, ly, paintOpts);
          pdf.addContent('Q');
        },
      });
    }
    strokes.push([x, top, w, h]);
  };

  /** Lines from `c.next` that fit into `inner` points. */
  const fitting = (c: PlacedCell, inner: number): number => {
    let acc = 0;
    let k = c.next;
    while (k < c.lines.length && acc + c.lines[k]!.height <= inner + EPS) acc += c.lines[k++]!.height;
    return k - c.next;
  };

  const remainingHeight = (c: PlacedCell): number => {
    if (c.next < c.lines.length) return linesHeight(c.lines.slice(c.next));
    return 0;
  };

  const pageLabel = () => ld.pageCount;

  /** Close the current page's fragment of `c` at `bottom`. `final`: the cell ends here. */
  const closeCell = (c: PlacedCell, bottom: number, final: boolean, lines?: number) => {
    const h = bottom - c.fragTop;
    if (h < EPS) return;
    const inner = h - c.pad.top - c.pad.bottom;
    if (c.next < c.lines.length) {
      let n = lines ?? fitting(c, inner);
      if (final && c.next + n < c.lines.length) {
        warnings.push(`第 ${pageLabel()} 页：第 ${c.row + 1} 行第 ${c.col + 1} 列内容超出单元格，已截断`);
        n = c.lines.length - c.next;
      }
      const slice = c.lines.slice(c.next, c.next + n);
      c.next += n;
      const done = c.next >= c.lines.length;
      drawFragment(c, c.fragTop, bottom, slice, done ? inner - linesHeight(slice) : null);
    } else {
      // Content already drawn on an earlier page: continuation text, if it fits.
      const cont = c.showContinuation ? (continuationOf(c).find((ls) => linesHeight(ls) <= inner + EPS) ?? []) : [];
      drawFragment(c, c.fragTop, bottom, cont, inner - linesHeight(cont));
    }
  };

  // Header rows.
  const headerRows = infos.slice(0, headerCount);
  const headerHeight = heights.slice(0, headerCount).reduce((a, b) => a + b, 0);
  const drawHeaders = (top: number) => {
    const offsets: number[] = [];
    let acc = 0;
    for (let r = 0; r < headerCount; r++) {
      offsets.push(acc);
      acc += heights[r]!;
    }
    headerRows.forEach((info, r) => {
      for (const c of info.starts) {
        const t = top + offsets[r]!;
        let h = 0;
        for (let k = c.row; k <= c.lastRow; k++) h += heights[k]!;
        const inner = h - c.pad.top - c.pad.bottom;
        drawFragment(c, t, t + h, c.lines, inner - linesHeight(c.lines));
      }
    });
  };

  // The header rows must stay with the start of the first row (group): the whole group when it will be
  // kept together, else `minSplit` lines. A pending heading is kept with both.
  let firstChunk = 0;
  if (headerCount < rows.length) {
    let gh = 0;
    for (let k = headerCount; k <= groupEnd[headerCount]!; k++) gh += heights[k]!;
    // The least of the first row that can stand on this page: `minSplit` lines of each cell that can be
    // split (it has at least 2 × minSplit lines), all of a cell that cannot. (Only `minSplit` base lines
    // here left a header alone at a page bottom when a cell of the first row had 2–3 lines: the split
    // was then refused and the row moved on without its header.)
    let least = baseSize * baseLH * minSplit + basePad.top + basePad.bottom;
    for (const c of infos[headerCount]!.starts) {
      const splittable = c.lines.length >= 2 * minSplit;
      least = Math.max(least, splittable ? linesHeight(c.lines.slice(0, minSplit)) + c.pad.top + c.pad.bottom : c.natural);
    }
    const minChunk = Math.min(gh, least);
    firstChunk = splitRows === 'oversize' && gh <= ld.bottom - ld.top - headerHeight ? gh : minChunk;
  }
  ld.flushPending(headerHeight + firstChunk);
  let y = ld.y;
  if (y + headerHeight + firstChunk > ld.bottom + EPS && !ld.atPageTop) {
    ld.addPage();
    y = ld.y;
  }
  let fresh = y <= ld.top + EPS; // nothing above the table's rows on this page
  if (headerCount) {
    drawHeaders(y);
    y += headerHeight;
  }

  const open = new Set<PlacedCell>();
  /** The body row being placed (decides whether a continued page repeats the header). */
  let current = headerCount;
  // A header taller than half a page is not repeated: repeated, it left room for a line or two of body
  // per page, and a table of many rows ran to thousands of pages (compare of 100 same-named filings).
  const headerFits = headerHeight <= (ld.bottom - ld.top) / 2;
  if (headerCount > 0 && !headerFits) warnings.push(`表头高于半页，续页不再重复表头`);
  const repeatHeader = () => headerCount > 0 && headerFits && (spec.headerScope === undefined || current < headerCount + spec.headerScope);

  const pageBreak = (closeAt: number, plan?: Map<PlacedCell, number>) => {
    for (const c of open) closeCell(c, closeAt, false, plan?.get(c));
    // `auto` continuation: repeat a finished cell when a cell to its right in the same rows goes on.
    const unfinished = [...open].filter((c) => c.next < c.lines.length);
    for (const c of open) if (c.auto) c.showContinuation = unfinished.some((u) => u.col > c.col);
    flush();
    ld.addPage();
    y = ld.y;
    if (repeatHeader()) {
      drawHeaders(y);
      y += headerHeight;
    }
    for (const c of open) c.fragTop = y;
    fresh = true;
  };

  /**
   * How many lines of each open cell to put on this page if the current row is split at the page bottom,
   * or null when it should rather move to the next page. Leaves at least `minSplit` lines on each side of
   * a split, and never starts a row with an empty cell.
   */
  const planSplit = (r: number): Map<PlacedCell, number> | null => {
    const plan = new Map<PlacedCell, number>();
    let progress = false;
    for (const c of open) {
      const rem = c.lines.length - c.next;
      if (rem <= 0) continue;
      let n = fitting(c, ld.bottom - c.fragTop - c.pad.top - c.pad.bottom);
      if (n < rem) {
        if (rem - n < minSplit) n = rem - minSplit;
        if (n < minSplit) n = 0;
        // A short cell (a name, a few lines) is not split: it moves whole.
        if (c.next === 0 && c.lines.length <= keepLines) n = 0;
      }
      if (n === 0 && c.next === 0 && c.row === r) return null;
      if (n > 0) progress = true;
      plan.set(c, n);
    }
    return progress ? plan : null;
  };

  /** On an empty page: as many lines as fit, and at least one line somewhere. */
  const rawPlan = (): Map<PlacedCell, number> => {
    const plan = new Map<PlacedCell, number>();
    let progress = false;
    for (const c of open) {
      if (c.next >= c.lines.length) continue;
      const n = fitting(c, ld.bottom - c.fragTop - c.pad.top - c.pad.bottom);
      if (n > 0) progress = true;
      plan.set(c, n);
    }
    if (!progress) {
      for (const c of open) {
        if (c.next < c.lines.length) {
          warnings.push(`第 ${pageLabel()} 页：第 ${c.row + 1} 行第 ${c.col + 1} 列的一行高于整页，已截断`);
          plan.set(c, 1);
          break;
        }
      }
    }
    return plan;
  };

  let groupSplit = false;
  for (let r = headerCount; r < rows.length; r++) {
    const info = infos[r]!;
    current = r;
    if (groupEnd[r] !== groupEnd[r - 1] || r === headerCount) {
      ensureLaid(r);
      // Start of a group: move it whole to the next page if it fits there but not here.
      groupSplit = false;
      let gh = 0;
      for (let k = r; k <= groupEnd[r]!; k++) gh += heights[k]!;
      const capacity = ld.bottom - ld.top - headerHeight;
      if (y + gh > ld.bottom + EPS && !fresh && gh <= capacity + EPS && splitRows === 'oversize') pageBreak(y);
    }
    for (const c of info.starts) {
      c.fragTop = y;
      open.add(c);
    }
    for (let guard = 0; ; guard++) {
      let need = info.minHeight;
      if (!groupSplit) need = Math.max(need, heights[r]!);
      for (const c of open) {
        if (c.lastRow !== r) continue;
        let content = remainingHeight(c);
        if (content === 0 && c.next > 0 && c.showContinuation) content = Math.min(...continuationOf(c).map(linesHeight), Infinity);
        if (!Number.isFinite(content)) content = 0;
        need = Math.max(need, content + c.pad.top + c.pad.bottom - (y - c.fragTop));
      }
      const avail = ld.bottom - y;
      if (need <= avail + EPS) {
        const y2 = y + need;
        for (const c of [...open]) {
          if (c.lastRow === r) {
            closeCell(c, y2, true);
            open.delete(c);
            // Drawn (its page's operations keep what they paint): the layout is not needed any more.
            c.lines = [];
            c.continuation = [];
          }
        }
        y = y2;
        fresh = false;
        break;
      }
      // The row does not fit. Split it here, or move it to the next page?
      let plan = fresh ? null : planSplit(r);
      if (plan && info.keepTogether && need <= ld.bottom - ld.top - headerHeight) plan = null;
      if (!plan && fresh) plan = rawPlan();
      if (guard > 10_000) throw new Error('表格分页失败（内部错误）');
      groupSplit = true;
      if (plan) pageBreak(ld.bottom, plan);
      else pageBreak(y);
    }
  }
  // Close any cell still open (rowSpan beyond the last row cannot happen, but be safe).
  for (const c of open) closeCell(c, y, true);
  flush();
  ld.y = y + (spec.spaceAfter ?? 0);
  return { y, firstPage: firstPage ?? ld.pageCount, lastPage: ld.pageCount, warnings };
}
