/**
 * PDF layout engine for the application forms: fonts, deterministic A4 documents, Chinese line breaking
 * with kinsoku, flowing paragraphs and headings, ruled tables that split across pages, vector checkboxes
 * and page decorations. Independent of the form data model.
 *
 * ```ts
 * const fonts = await loadFonts();                       // once per process; Noto Serif SC by default
 * const doc = createDocument({ fonts, date: new Date('2024-06-01T00:00:00Z'), title: '中小企业特色产业集群申报表',
 *   header: '中小企业特色产业集群申报表', pageNumbers: { format: 'chinese' } });
 * doc.addPage({ numbered: false, header: false });      // cover: not counted in "第 N 页 共 M 页"
 * doc.title('中小企业特色产业集群申报表', { size: FONT_SIZE.小初 });
 * doc.fieldLine('集群名称：', name);
 * doc.addPage({ numbered: true, header: true });
 * doc.heading('一、基本情况');                           // kept with the start of the next block
 * drawTable(doc, { columns: [150, '*'], rows: [
 *   { header: true, cells: ['项目', '内容'] },
 *   ['集群名称', name],
 *   ['主导产业所属产业类型', { checkboxes: [{ label: '第一产业', checked: false }, { label: '第二产业', checked: true }],
 *     checkboxLayout: 'inline' }],
 *   [{ text: '发展规划' }, { text: plan, align: 'justify', indentChars: 2 }],  // may span pages
 * ] });
 * doc.addPage({ orientation: 'landscape' });
 * const pdf: Buffer = await doc.finish();                // byte-identical for identical input
 * ```
 */
export {
  type FontkitFont,
  type FontSet,
  type LoadedFont,
  type LoadFontsOptions,
  type MissingGlyph,
  defaultFontPaths,
  findMissingGlyphs,
  loadFont,
  loadFonts,
  parseFontSpec,
} from './fonts.js';
export {
  type Measure,
  classifyChar,
  type WrapOptions,
  type WrappedLine,
  NO_LINE_END,
  NO_LINE_START,
  normalizeText,
  wrapText,
} from './linebreak.js';
export {
  type Align,
  type CheckboxItem,
  type CheckboxLayoutOptions,
  type CheckboxSpan,
  type Line,
  type RuleSpan,
  type Span,
  type TextLayoutOptions,
  type TextSpan,
  type TextStyle,
  CHECKBOX_SCALE,
  baselineFor,
  layoutCheckboxes,
  layoutText,
  linesHeight,
  spaceLine,
} from './lines.js';
export { drawCheckbox, paintLine, paintLines, skipText } from './paint.js';
export {
  type DocumentOptions,
  type DraftOptions,
  type FlowOptions,
  type HeaderOptions,
  type HeadingOptions,
  type Margins,
  type PageNumberOptions,
  type PageOptions,
  type PageSetup,
  type ParagraphOptions,
  A4,
  DEFAULT_MARGINS,
  FONT_SIZE,
  LayoutDocument,
  DeferredDecorationError,
  createDocument,
  mm,
  subsetTag,
} from './document.js';
export {
  type CellBlock,
  type CellInput,
  type ColumnWidth,
  type Continuation,
  type Padding,
  type TableCell,
  type TableResult,
  type TableRow,
  type TableSpec,
  DEFAULT_CELL_PADDING,
  drawTable,
  resolveColumns,
} from './table.js';
