/**
 * A small SpreadsheetML writer: exactly what the template needs (shared strings, styles, merged
 * cells, frozen panes, sheet protection, data validations, notes, A4 page setup with print titles,
 * print areas and manual row breaks), as package parts. Pure: no file system, no zip, no node:
 * imports (the browser page writes workbooks too); ./zip.ts makes the archive.
 *
 * Why our own and not exceljs: loading exceljs and writing through it took ~0.5 s of the 0.8 s of
 * `template` (its module graph ≈ 0.3 s, its zip + pako deflate the rest) and then the package had
 * to be unzipped again to fix what it writes wrongly (one VML shape-id block in every part,
 * overlapping data-validation ranges, zip times of the current moment). Writing the parts
 * ourselves makes them right by construction and deterministic.
 */

export interface Font {
  name?: string;
  size?: number;
  bold?: boolean;
  /** ARGB, e.g. "FF595959". */
  color?: string;
}

export interface Style {
  font?: Font;
  /** Solid fill, ARGB. */
  fill?: string;
  /** Thin grey border on all four sides. */
  border?: boolean;
  numFmt?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center';
  wrap?: boolean;
  /** Editable on a protected sheet. */
  unlocked?: boolean;
}

export interface WCell {
  value?: string | number | null;
  style?: Style;
  /** A cell note (comment) shown on hover. */
  note?: string;
}

export interface Validation {
  type: 'list' | 'decimal' | 'textLength';
  operator?: 'greaterThanOrEqual' | 'lessThanOrEqual';
  errorStyle?: 'stop' | 'warning';
  allowBlank?: boolean;
  showInputMessage?: boolean;
  showErrorMessage?: boolean;
  errorTitle?: string;
  error?: string;
  promptTitle?: string;
  prompt?: string;
  formulae: (string | number)[];
}

export interface PageSetup {
  orientation: 'portrait' | 'landscape';
  /** A fixed print scale in percent; without it the sheet is fitted one page wide. */
  scale?: number;
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Rows repeated at the top of every printed page ("1:1"). */
  titleRows?: string;
  /** The printed range ("A1:I44"). */
  printArea?: string;
  /** Manual page breaks: a new page starts after each of these rows. */
  rowBreaks?: number[];
  footer?: string;
}

export interface WSheet {
  name: string;
  state?: 'visible' | 'hidden';
  /** ARGB. */
  tabColor?: string;
  cols?: { index: number; width: number; hidden?: boolean }[];
  /** row → column → cell (1-based). */
  rows: Map<number, Map<number, WCell>>;
  heights?: Map<number, number>;
  merges?: string[];
  frozen?: { rows: number; cols: number };
  protect?: boolean;
  validations?: { cells: string[]; rule: Validation }[];
  page?: PageSetup;
}

export interface WBook {
  sheets: WSheet[];
  creator: string;
  /** created = modified: the same inputs give the same bytes. */
  date: Date;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Escapes text for XML; characters XML cannot hold become SpreadsheetML's _xHHHH_ (and a literal "_xHHHH_" is protected). */
export function xmlText(s: string): string {
  let out = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  // Lone surrogates cannot be written in UTF-8.
  out = out.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const xmlAttr = (s: string): string => xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

export function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Number as SpreadsheetML writes it (shortest round-trip form). */
function num(n: number): string {
  return String(n);
}

// ---------------------------------------------------------------------------------------------------
// Styles

class Styles {
  private fonts: string[] = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private fills: string[] = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private borders: string[] = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private numFmts = new Map<string, number>();
  private xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private byKey = new Map<string, number>();

  private index(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    return i >= 0 ? i : list.push(xml) - 1;
  }

  /** The cellXfs index of a style (0 for none). */
  id(style: Style | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify(style);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const f = style.font ?? {};
    const fontXml = `<font>${f.bold ? '<b/>' : ''}<sz val="${num(f.size ?? 11)}"/>${f.color ? `<color rgb="${f.color}"/>` : ''}<name val="${xmlAttr(f.name ?? 'Calibri')}"/>${f.name && f.name !== 'Calibri' ? '<charset val="134"/>' : '<family val="2"/>'}</font>`;
    const fontId = style.font ? this.index(this.fonts, fontXml) : 0;
    const fillId = style.fill ? this.index(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const side = (n: string) => `<${n} style="thin"><color rgb="FF808080"/></${n}>`;
    const borderId = style.border ? this.index(this.borders, `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`) : 0;
    let numFmtId = 0;
    if (style.numFmt !== undefined) {
      const builtin: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '@': 49 };
      numFmtId = builtin[style.numFmt] ?? this.numFmts.get(style.numFmt) ?? 164 + this.numFmts.size;
      if (!(style.numFmt in builtin)) this.numFmts.set(style.numFmt, numFmtId);
    }
    const align = style.horizontal || style.vertical || style.wrap
      ? `<alignment${style.horizontal ? ` horizontal="${style.horizontal}"` : ''}${style.vertical ? ` vertical="${style.vertical}"` : ''}${style.wrap ? ' wrapText="1"' : ''}/>`
      : '';
    const protection = style.unlocked ? '<protection locked="0"/>' : '';
    const applies =
      (numFmtId ? ' applyNumberFormat="1"' : '') + (fontId ? ' applyFont="1"' : '') + (fillId ? ' applyFill="1"' : '') + (borderId ? ' applyBorder="1"' : '') + (align ? ' applyAlignment="1"' : '') + (protection ? ' applyProtection="1"' : '');
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}${align || protection ? `>${align}${protection}</xf>` : '/>'}`;
    const id = this.index(this.xfs, xf);
    this.byKey.set(key, id);
    return id;
  }

  xml(): string {
    const fmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`).join('');
    return (
      `${HEAD}<styleSheet xmlns="${NS}">` +
      (fmts ? `<numFmts count="${this.numFmts.size}">${fmts}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

class SharedStrings {
  private list: string[] = [];
  private index = new Map<string, number>();
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }
  xml(): string {
    const items = this.list.map((s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${xmlText(s)}</t></si>`).join('');
    return `${HEAD}<sst xmlns="${NS}" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Sheets

/** Cells as a sqref: vertical runs in one column joined ("E5:E9 F4"); every cell appears once. */
export function sqref(cells: [number, number][]): string {
  const sorted = [...cells].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]![1] === sorted[i]![1] && sorted[j + 1]![0] === sorted[j]![0] + 1) j++;
    const a = `${colLetters(sorted[i]![1])}${sorted[i]![0]}`;
    out.push(j > i ? `${a}:${colLetters(sorted[j]![1])}${sorted[j]![0]}` : a);
    i = j + 1;
  }
  return out.join(' ');
}

function parseAddress(a: string): [number, number] {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(a);
  if (!m) throw new Error(`bad cell address ${a}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

/** The <dataValidations> element (ECMA-376 attribute order); rules with equal settings share one sqref. */
export function validationsXml(list: { cells: string[]; rule: Validation }[]): string {
  const groups = new Map<string, { rule: Validation; cells: [number, number][] }>();
  for (const { cells, rule } of list) {
    const key = JSON.stringify(rule);
    const g = groups.get(key) ?? groups.set(key, { rule, cells: [] }).get(key)!;
    for (const c of cells) g.cells.push(parseAddress(c));
  }
  if (groups.size === 0) return '';
  const items = [...groups.values()].map(({ rule: r, cells }) => {
    const attrs: [string, string | undefined][] = [
      ['type', r.type],
      ['errorStyle', r.errorStyle],
      ['operator', r.operator],
      ['allowBlank', r.allowBlank ? '1' : undefined],
      ['showInputMessage', r.showInputMessage ? '1' : undefined],
      ['showErrorMessage', r.showErrorMessage ? '1' : undefined],
      ['errorTitle', r.errorTitle],
      ['error', r.error],
      ['promptTitle', r.promptTitle],
      ['prompt', r.prompt],
      ['sqref', sqref(cells)],
    ];
    const a = attrs.filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');
    const f = r.formulae.map((x, i) => `<formula${i + 1}>${xmlText(String(x)).replace(/"/g, '&quot;')}</formula${i + 1}>`).join('');
    return `<dataValidation${a}>${f}</dataValidation>`;
  });
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

function sheetXml(ws: WSheet, styles: Styles, strings: SharedStrings, rels: { legacy?: string }): string {
  const rowNos = [...ws.rows.keys(), ...(ws.heights?.keys() ?? [])].filter((r, i, a) => a.indexOf(r) === i).sort((a, b) => a - b);
  let maxCol = 1;
  for (const r of ws.rows.values()) for (const c of r.keys()) maxCol = Math.max(maxCol, c);
  const maxRow = rowNos.length ? rowNos[rowNos.length - 1]! : 1;
  const page = ws.page;
  const parts: string[] = [`${HEAD}<worksheet xmlns="${NS}" xmlns:r="${R_NS}">`];
  const fit = page && page.scale === undefined;
  if (ws.tabColor || fit) parts.push(`<sheetPr>${ws.tabColor ? `<tabColor rgb="${ws.tabColor}"/>` : ''}${fit ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>`);
  parts.push(`<dimension ref="A1:${colLetters(maxCol)}${maxRow}"/>`);
  if (ws.frozen && (ws.frozen.rows || ws.frozen.cols)) {
    const { rows: y, cols: x } = ws.frozen;
    const pane = x && y ? 'bottomRight' : y ? 'bottomLeft' : 'topRight';
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${x ? ` xSplit="${x}"` : ''}${y ? ` ySplit="${y}"` : ''} topLeftCell="${colLetters(x + 1)}${y + 1}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${colLetters(x + 1)}${y + 1}" sqref="${colLetters(x + 1)}${y + 1}"/></sheetView></sheetViews>`,
    );
  } else {
    parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (ws.cols?.length) {
    parts.push(`<cols>${[...ws.cols].sort((a, b) => a.index - b.index).map((c) => `<col min="${c.index}" max="${c.index}" width="${num(c.width)}"${c.hidden ? ' hidden="1"' : ''} customWidth="1"/>`).join('')}</cols>`);
  }
  parts.push('<sheetData>');
  for (const r of rowNos) {
    const ht = ws.heights?.get(r);
    const cells = ws.rows.get(r);
    let xml = `<row r="${r}"${ht !== undefined ? ` ht="${num(ht)}" customHeight="1"` : ''}>`;
    if (cells) {
      for (const c of [...cells.keys()].sort((a, b) => a - b)) {
        const cell = cells.get(c)!;
        const s = styles.id(cell.style);
        const ref = `${colLetters(c)}${r}`;
        const sa = s ? ` s="${s}"` : '';
        const v = cell.value;
        if (v === null || v === undefined || v === '') xml += `<c r="${ref}"${sa}/>`;
        else if (typeof v === 'number' && Number.isFinite(v)) xml += `<c r="${ref}"${sa}><v>${num(v)}</v></c>`;
        else xml += `<c r="${ref}"${sa} t="s"><v>${strings.id(String(v))}</v></c>`;
      }
    }
    parts.push(`${xml}</row>`);
  }
  parts.push('</sheetData>');
  if (ws.protect) parts.push('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" insertRows="0" deleteRows="0"/>');
  if (ws.merges?.length) parts.push(`<mergeCells count="${ws.merges.length}">${ws.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  if (ws.validations?.length) parts.push(validationsXml(ws.validations));
  if (page) {
    const m = page.margins;
    parts.push(`<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`);
    parts.push(`<pageSetup paperSize="9"${page.scale !== undefined ? ` scale="${page.scale}"` : ' fitToWidth="1" fitToHeight="0"'} orientation="${page.orientation}"/>`);
    if (page.footer) parts.push(`<headerFooter><oddFooter>${xmlText(page.footer)}</oddFooter></headerFooter>`);
    const breaks = page.rowBreaks ?? [];
    if (breaks.length) parts.push(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((b) => `<brk id="${b}" max="16383" man="1"/>`).join('')}</rowBreaks>`);
  }
  if (rels.legacy) parts.push(`<legacyDrawing r:id="${rels.legacy}"/>`);
  parts.push('</worksheet>');
  return parts.join('');
}

function commentsXml(notes: [string, string][]): string {
  const list = notes.map(([ref, text]) => `<comment ref="${ref}" authorId="0"><text><r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">${xmlText(text)}</t></r></text></comment>`).join('');
  return `${HEAD}<comments xmlns="${NS}"><authors><author>cluster</author></authors><commentList>${list}</commentList></comments>`;
}

/**
 * The note boxes of a sheet. Each VML part gets its own shape-id block(s) (`o:idmap`, ISO/IEC
 * 29500: distinct across the workbook), shapes numbered 1024·block + 1, + 2, … inside them.
 */
function vmlXml(notes: [string, string][], firstBlock: number): { xml: string; blocks: number } {
  const blocks = Math.max(1, Math.ceil(notes.length / 1023));
  const ids = Array.from({ length: blocks }, (_, i) => firstBlock + i);
  const shapes = notes.map(([ref], n) => {
    const [row, col] = parseAddress(ref);
    const id = ids[Math.floor(n / 1023)]! * 1024 + 1 + (n % 1023);
    return (
      `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:${n + 1};visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
      '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col}, 15, ${Math.max(0, row - 2)}, 10, ${col + 2}, 15, ${row + 2}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`
    );
  });
  const xml =
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${ids.join(',')}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes.join('') +
    '</xml>';
  return { xml, blocks };
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function absRange(range: string): string {
  // "A1:I44" → "$A$1:$I$44"; "1:1" → "$1:$1"
  return range
    .split(':')
    .map((p) => p.replace(/^([A-Z]*)(\d+)$/, (_, c: string, r: string) => (c ? `$${c}$${r}` : `$${r}`)))
    .join(':');
}

/** The package's parts, in a fixed order (content types first). */
export function workbookParts(book: WBook): { name: string; data: string }[] {
  const styles = new Styles();
  const strings = new SharedStrings();
  const parts: { name: string; data: string }[] = [];
  const overrides: [string, string][] = [
    ['/xl/workbook.xml', `${CT}.sheet.main+xml`],
    ['/xl/styles.xml', `${CT}.styles+xml`],
    ['/xl/sharedStrings.xml', `${CT}.sharedStrings+xml`],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  const wbRels: string[] = [];
  const sheetsXml: string[] = [];
  const names: string[] = [];
  let block = 1;
  book.sheets.forEach((ws, i) => {
    const n = i + 1;
    const notes: [string, string][] = [];
    for (const r of [...ws.rows.keys()].sort((a, b) => a - b)) {
      const row = ws.rows.get(r)!;
      for (const c of [...row.keys()].sort((a, b) => a - b)) {
        const note = row.get(c)!.note;
        if (note) notes.push([`${colLetters(c)}${r}`, note]);
      }
    }
    const rels: { legacy?: string } = {};
    if (notes.length) {
      rels.legacy = 'rId2';
      const vml = vmlXml(notes, block);
      block += vml.blocks;
      parts.push({ name: `xl/comments${n}.xml`, data: commentsXml(notes) });
      parts.push({ name: `xl/drawings/vmlDrawing${n}.vml`, data: vml.xml });
      parts.push({
        name: `xl/worksheets/_rels/sheet${n}.xml.rels`,
        data: `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/comments" Target="../comments${n}.xml"/><Relationship Id="rId2" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing${n}.vml"/></Relationships>`,
      });
      overrides.push([`/xl/comments${n}.xml`, `${CT}.comments+xml`]);
    }
    parts.push({ name: `xl/worksheets/sheet${n}.xml`, data: sheetXml(ws, styles, strings, rels) });
    overrides.push([`/xl/worksheets/sheet${n}.xml`, `${CT}.worksheet+xml`]);
    wbRels.push(`<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    sheetsXml.push(`<sheet name="${xmlAttr(ws.name)}" sheetId="${n}"${ws.state === 'hidden' ? ' state="hidden"' : ''} r:id="rId${n}"/>`);
    if (ws.page?.printArea) names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${xmlText(`${quoteSheet(ws.name)}!${absRange(ws.page.printArea)}`)}</definedName>`);
    if (ws.page?.titleRows) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quoteSheet(ws.name)}!${absRange(ws.page.titleRows)}`)}</definedName>`);
  });
  const k = book.sheets.length;
  wbRels.push(`<Relationship Id="rId${k + 1}" Type="${REL}/styles" Target="styles.xml"/>`, `<Relationship Id="rId${k + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  // Defined names sorted as Excel keeps them (by name, then sheet).
  const workbook =
    `${HEAD}<workbook xmlns="${NS}" xmlns:r="${R_NS}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetsXml.join('')}</sheets>` +
    (names.length ? `<definedNames>${names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('')}</definedNames>` : '') +
    '<calcPr calcId="191029"/></workbook>';
  const iso = book.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const visible = book.sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('');
  const head: { name: string; data: string }[] = [
    {
      name: '[Content_Types].xml',
      data:
        `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>` +
        overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('') +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data: `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    },
    {
      name: 'docProps/core.xml',
      data: `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(book.creator)}</dc:creator><cp:lastModifiedBy>${xmlText(book.creator)}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
    },
    {
      name: 'docProps/app.xml',
      data: `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>${k}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${k}" baseType="lpstr">${visible}</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`,
    },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels.join('')}</Relationships>` },
  ];
  // Styles and strings are complete only after every sheet was written.
  return [...head, ...parts, { name: 'xl/styles.xml', data: styles.xml() }, { name: 'xl/sharedStrings.xml', data: strings.xml() }];
}
