/**
 * A small WordprocessingML writer: paragraphs, runs, ruled tables (merged cells, repeating header rows,
 * rows that do not split), sections (A4 portrait/landscape, page-number footers) — just what the forms
 * need, written as strings in the element order ECMA-376 prescribes, with no random or time-dependent
 * part. Fonts are named, never embedded; every run carries East Asian font attributes through its style.
 */

/** 号 sizes in points: the table the PDF layout uses. */
export { FONT_SIZE as HAO } from '../render/font-size.js';

/** Paragraph styles (defined in styles.xml by ./package.ts). */
export type StyleId =
  /** 方正小标宋简体: the document title. */
  | 'FormTitle'
  /** 黑体 三号: 一、基本情况 … and "附件2". */
  | 'SectionHeading'
  /** 黑体 小四: the plan's chapter headings. */
  | 'Chapter'
  /** 仿宋_GB2312: running text (填报说明, the plan's narratives, the cover lines). */
  | 'Body'
  /** 宋体 五号: table text. */
  | 'TableText'
  /** 宋体 小五: notes and guides. */
  | 'Note'
  /** 仿宋_GB2312 四号, centred: the footer. */
  | 'Footer';

export type Align = 'left' | 'center' | 'right' | 'both';

export interface RunSpec {
  text: string;
  bold?: boolean;
  underline?: boolean;
  /** Size in points (overrides the style). */
  size?: number;
  /** RRGGBB. */
  color?: string;
  /** A field code instead of text ('PAGE'); `text` is the cached result. */
  field?: string;
}

export interface ParaSpec {
  runs: RunSpec[];
  style?: StyleId;
  align?: Align;
  /** First-line indent in characters (2 = the Chinese two-character indent). */
  firstLineChars?: number;
  /** Space before/after in points. */
  before?: number;
  after?: number;
  /** Line spacing as a multiple (1.5) of single. */
  line?: number;
  /** Exact line height in points. */
  lineExact?: number;
  pageBreakBefore?: boolean;
  keepNext?: boolean;
  /** Hanging indent in points (wrapped lines start this far in: check-box items). */
  hanging?: number;
  /** Tab stops (points from the left margin). */
  tabs?: Array<{ pos: number; align: 'left' | 'center' | 'right' }>;
  /** Ends a section: the sectPr of the section this paragraph closes. */
  sectPr?: string;
}

const XML_BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text and attribute escape; characters XML 1.0 forbids are dropped (they cannot appear in a part). */
export function esc(s: string): string {
  return s.replace(XML_BAD, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Points → twentieths of a point (twips). */
export const tw = (pt: number) => Math.round(pt * 20);
/** Points → half-points (w:sz). */
const hp = (pt: number) => Math.round(pt * 2);

/**
 * Characters whose East-Asian-width is "ambiguous" (the check boxes □ and ticks √, ·, “”…): Word picks
 * the face for them from w:hint, so runs holding them say hint="eastAsia" and get the CJK font (宋体,
 * 仿宋_GB2312), which has them in GB2312 — no symbol font needed.
 */
const AMBIGUOUS = /[\u00A7\u00A8\u00B0\u00B1\u00B7\u00D7\u00F7\u2010-\u2027\u2030-\u203B\u2103\u2116\u2160-\u216B\u2190-\u2199\u2200-\u22FF\u2460-\u24FF\u2500-\u257F\u25A0-\u25FF\u2600-\u26FF\u3000-\u303F]/;

function run(r: RunSpec): string {
  const props: string[] = [];
  if (AMBIGUOUS.test(r.text)) props.push('<w:rFonts w:hint="eastAsia"/>');
  if (r.bold) props.push('<w:b/><w:bCs/>');
  if (r.color) props.push(`<w:color w:val="${r.color}"/>`);
  if (r.size) props.push(`<w:sz w:val="${hp(r.size)}"/><w:szCs w:val="${hp(r.size)}"/>`);
  if (r.underline) props.push('<w:u w:val="single"/>');
  const rPr = props.length ? `<w:rPr>${props.join('')}</w:rPr>` : '';
  if (r.field) {
    return (
      `<w:r>${rPr}<w:fldChar w:fldCharType="begin"/></w:r>` +
      `<w:r>${rPr}<w:instrText xml:space="preserve"> ${esc(r.field)} </w:instrText></w:r>` +
      `<w:r>${rPr}<w:fldChar w:fldCharType="separate"/></w:r>` +
      `<w:r>${rPr}<w:t>${esc(r.text)}</w:t></w:r>` +
      `<w:r>${rPr}<w:fldChar w:fldCharType="end"/></w:r>`
    );
  }
  // Line breaks inside a run become <w:br/>; tabs <w:tab/>.
  const parts = r.text.split(/(\n|\t)/);
  const body = parts
    .map((p) => (p === '\n' ? '<w:br/>' : p === '\t' ? '<w:tab/>' : p === '' ? '' : `<w:t xml:space="preserve">${esc(p)}</w:t>`))
    .join('');
  return `<w:r>${rPr}${body}</w:r>`;
}

export function para(p: ParaSpec): string {
  const pPr: string[] = [];
  if (p.style) pPr.push(`<w:pStyle w:val="${p.style}"/>`);
  if (p.keepNext) pPr.push('<w:keepNext/>');
  if (p.pageBreakBefore) pPr.push('<w:pageBreakBefore/>');
  if (p.tabs?.length) pPr.push(`<w:tabs>${p.tabs.map((t) => `<w:tab w:val="${t.align}" w:pos="${tw(t.pos)}"/>`).join('')}</w:tabs>`);
  if (p.before !== undefined || p.after !== undefined || p.line !== undefined || p.lineExact !== undefined) {
    const a: string[] = [];
    if (p.before !== undefined) a.push(`w:before="${tw(p.before)}"`);
    if (p.after !== undefined) a.push(`w:after="${tw(p.after)}"`);
    if (p.lineExact !== undefined) a.push(`w:line="${tw(p.lineExact)}" w:lineRule="exact"`);
    else if (p.line !== undefined) a.push(`w:line="${Math.round(p.line * 240)}" w:lineRule="auto"`);
    pPr.push(`<w:spacing ${a.join(' ')}/>`);
  }
  if (p.hanging) pPr.push(`<w:ind w:left="${tw(p.hanging)}" w:hanging="${tw(p.hanging)}"/>`);
  else if (p.firstLineChars !== undefined) pPr.push(`<w:ind w:firstLineChars="${Math.round(p.firstLineChars * 100)}" w:firstLine="${Math.round(p.firstLineChars * 240)}"/>`);
  if (p.align) pPr.push(`<w:jc w:val="${p.align}"/>`);
  if (p.sectPr) pPr.push(p.sectPr);
  return `<w:p>${pPr.length ? `<w:pPr>${pPr.join('')}</w:pPr>` : ''}${p.runs.map(run).join('')}</w:p>`;
}

/** A paragraph of plain text (one run). */
export function text(t: string, opts: Omit<ParaSpec, 'runs'> & Omit<RunSpec, 'text'> = {}): string {
  const { bold, underline, size, color, field, ...pp } = opts;
  return para({ ...pp, runs: [{ text: t, bold, underline, size, color, field }] });
}

// ------------------------------------------------------------------ tables

export interface CellSpec {
  /** Paragraph XML (at least one is written; an empty cell gets an empty paragraph). */
  paras: string[];
  colSpan?: number;
  rowSpan?: number;
  valign?: 'top' | 'center' | 'bottom';
  /** Borders of this cell, overriding the table's: 'none' or 'bottom' (a blank to write on). */
  borders?: 'none' | 'bottom';
  /** Text long enough that the row may not fit one page: the row is then allowed to break (between lines). */
  long?: boolean;
}

export interface RowSpec {
  cells: CellSpec[];
  /** Repeated at the top of every page the table runs onto. */
  header?: boolean;
  /** Minimum height in points. */
  minHeight?: number;
  /** Default true: a row never breaks across pages ("rows do not split mid-line"). */
  cantSplit?: boolean;
}

export interface TableSpec {
  /** Column widths in points; '*' shares what is left of `width` equally. */
  columns: Array<number | '*'>;
  /** Width available (points). */
  width: number;
  rows: RowSpec[];
  /** Ruled (default) or borderless. */
  borders?: boolean;
  /** Left/right cell padding in points (default 4.25). */
  cellMargin?: number;
}

/** Column widths in twips, '*' resolved. */
export function gridOf(columns: Array<number | '*'>, width: number): number[] {
  const fixed = columns.reduce<number>((s, c) => s + (c === '*' ? 0 : c), 0);
  const stars = columns.filter((c) => c === '*').length;
  const star = stars ? Math.max(20, (width - fixed) / stars) : 0;
  return columns.map((c) => tw(c === '*' ? star : c));
}

export function table(spec: TableSpec): string {
  const grid = gridOf(spec.columns, spec.width);
  const total = grid.reduce((a, b) => a + b, 0);
  const ruled = spec.borders !== false;
  const mar = tw(spec.cellMargin ?? 4.25);
  const line = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const none = (side: string) => `<w:${side} w:val="nil"/>`;
  const sides = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'];
  const tblBorders = `<w:tblBorders>${sides.map(ruled ? line : none).join('')}</w:tblBorders>`;
  const out: string[] = [];
  out.push(
    '<w:tbl><w:tblPr>' +
      `<w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>${tblBorders}<w:tblLayout w:type="fixed"/>` +
      `<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="${mar}" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="${mar}" w:type="dxa"/></w:tblCellMar>` +
      '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>' +
      '</w:tblPr>',
  );
  out.push(`<w:tblGrid>${grid.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`);
  // Vertical merges still running: grid column → rows left and the span of the merged cell.
  const pending = new Map<number, { left: number; span: number }>();
  spec.rows.forEach((row, ri) => {
    const trPr: string[] = [];
    if (row.cantSplit !== false && !row.cells.some((c) => c.long)) trPr.push('<w:cantSplit/>');
    if (row.minHeight) trPr.push(`<w:trHeight w:val="${tw(row.minHeight)}" w:hRule="atLeast"/>`);
    if (row.header) trPr.push('<w:tblHeader/>');
    out.push(`<w:tr>${trPr.length ? `<w:trPr>${trPr.join('')}</w:trPr>` : ''}`);
    let col = 0;
    let k = 0;
    const cellXml = (c: CellSpec | undefined, span: number, merge: 'restart' | 'continue' | undefined): string => {
      const w = grid.slice(col, col + span).reduce((a, b) => a + b, 0);
      const tcPr: string[] = [`<w:tcW w:w="${w}" w:type="dxa"/>`];
      if (span > 1) tcPr.push(`<w:gridSpan w:val="${span}"/>`);
      if (merge === 'restart') tcPr.push('<w:vMerge w:val="restart"/>');
      else if (merge === 'continue') tcPr.push('<w:vMerge/>');
      if (c?.borders === 'none') tcPr.push(`<w:tcBorders>${['top', 'left', 'bottom', 'right'].map(none).join('')}</w:tcBorders>`);
      else if (c?.borders === 'bottom') tcPr.push(`<w:tcBorders>${none('top')}${none('left')}${line('bottom')}${none('right')}</w:tcBorders>`);
      tcPr.push(`<w:vAlign w:val="${c?.valign ?? 'center'}"/>`);
      const paras = c && c.paras.length ? c.paras.join('') : '<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>';
      return `<w:tc><w:tcPr>${tcPr.join('')}</w:tcPr>${paras}</w:tc>`;
    };
    while (col < grid.length) {
      const p = pending.get(col);
      if (p) {
        out.push(cellXml(undefined, p.span, 'continue'));
        p.left -= 1;
        if (p.left === 0) pending.delete(col);
        col += p.span;
        continue;
      }
      const c = row.cells[k++];
      if (!c) throw new Error(`table row ${ri + 1}: ${grid.length - col} grid column(s) without a cell`);
      const span = c.colSpan ?? 1;
      const rs = c.rowSpan ?? 1;
      out.push(cellXml(c, span, rs > 1 ? 'restart' : undefined));
      if (rs > 1) pending.set(col, { left: rs - 1, span });
      col += span;
    }
    if (col !== grid.length || k !== row.cells.length) throw new Error(`table row ${ri + 1}: cells do not fill the ${grid.length} grid columns`);
    out.push('</w:tr>');
  });
  if (pending.size) throw new Error('table: a row span runs past the last row');
  out.push('</w:tbl>');
  return out.join('');
}

// ------------------------------------------------------------------ sections

export interface PageSpec {
  orientation: 'portrait' | 'landscape';
  /** Margins in millimetres. */
  margins: { top: number; bottom: number; left: number; right: number };
  /** Relationship id of the footer part, if the section has one. */
  footer?: string;
  /** Relationship id of the header part (the draft line), if any. */
  header?: string;
  /** Restart page numbering at 1. */
  restartNumbering?: boolean;
}

const mmTw = (mm: number) => Math.round((mm / 25.4) * 1440);
export const A4 = { short: 11906, long: 16838 };

/** Width inside the margins, in points. */
export function contentWidth(page: PageSpec): number {
  const w = page.orientation === 'portrait' ? A4.short : A4.long;
  return (w - mmTw(page.margins.left) - mmTw(page.margins.right)) / 20;
}

export function sectPr(page: PageSpec): string {
  const [w, h] = page.orientation === 'portrait' ? [A4.short, A4.long] : [A4.long, A4.short];
  const m = page.margins;
  return (
    '<w:sectPr>' +
    (page.header ? `<w:headerReference w:type="default" r:id="${page.header}"/>` : '') +
    (page.footer ? `<w:footerReference w:type="default" r:id="${page.footer}"/>` : '') +
    '<w:type w:val="nextPage"/>' +
    `<w:pgSz w:w="${w}" w:h="${h}"${page.orientation === 'landscape' ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${mmTw(m.top)}" w:right="${mmTw(m.right)}" w:bottom="${mmTw(m.bottom)}" w:left="${mmTw(m.left)}" w:header="851" w:footer="992" w:gutter="0"/>` +
    (page.restartNumbering ? '<w:pgNumType w:start="1"/>' : '') +
    '<w:cols w:space="425"/>' +
    '<w:docGrid w:linePitch="312"/>' +
    '</w:sectPr>'
  );
}

/** A tiny paragraph between two tables (Word would otherwise join them into one). */
export function spacer(pt = 4): string {
  return para({ runs: [], style: 'TableText', before: 0, after: 0, lineExact: pt });
}
