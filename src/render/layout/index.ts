/**
 * PDF layout engine for the application forms: fonts, deterministic A4 documents, Chinese line breaking
 * with kinsoku, flowing paragraphs and headings, ruled tables that split across pages, vector checkboxes
 * and page decorations. Independent of the form data model.
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
export { drawCheckbox, paintLine, paintLines } from './paint.js';
export {
  type DocumentOptions,
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
  createDocument,
  mm,
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
