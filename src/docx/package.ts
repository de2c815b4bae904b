/**
 * The .docx package around a document body: content types, relationships, styles (the Chinese
 * government typography), settings, the font table (named fonts with their Windows alternates, none
 * embedded), footers, and core/app properties — zipped with the project's deterministic zip writer
 * (one fixed time for every entry, entries in a fixed order, no random ids), so the same input gives
 * the same bytes.
 */
import { zipToBytes } from '../pack/zip/writer.js';
import { HAO, esc, para } from './wml.js';

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The faces the documents name. Latin text and digits in Times New Roman (as government documents set them). */
export const FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  table: '宋体',
  latin: 'Times New Roman',
} as const;

/** font table: name → [Windows alternate, panose, family, pitch]. charset 86 = GB2312. */
const FONT_TABLE: ReadonlyArray<readonly [name: string, alt: string | undefined, panose: string, family: string, pitch: string, charset: string]> = [
  [FONTS.latin, undefined, '02020603050405020304', 'roman', 'variable', '00'],
  [FONTS.table, 'SimSun', '02010600030101010101', 'auto', 'variable', '86'],
  [FONTS.heading, 'SimHei', '02010609060101010101', 'modern', 'fixed', '86'],
  [FONTS.body, '仿宋', '02010609030101010101', 'modern', 'fixed', '86'],
  // Word substitutes the alternate (宋体) where 方正小标宋简体 is not installed.
  [FONTS.title, '宋体', '02000000000000000000', 'auto', 'variable', '86'],
];

function rFonts(eastAsia: string, latin: string = FONTS.latin): string {
  return `<w:rFonts w:ascii="${esc(latin)}" w:hAnsi="${esc(latin)}" w:eastAsia="${esc(eastAsia)}" w:cs="${esc(latin)}"/>`;
}

const sz = (pt: number) => `<w:sz w:val="${Math.round(pt * 2)}"/><w:szCs w:val="${Math.round(pt * 2)}"/>`;

function pStyle(id: string, name: string, pPr: string, rPr: string, extra = ''): string {
  return (
    `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${id}"><w:name w:val="${esc(name)}"/><w:basedOn w:val="Normal"/>${extra}` +
    `<w:qFormat/><w:pPr>${pPr}</w:pPr><w:rPr>${rPr}</w:rPr></w:style>`
  );
}

export function stylesXml(titleFont: 'fzxbs' | 'song' = 'fzxbs'): string {
  const title = titleFont === 'song' ? `${rFonts(FONTS.table, FONTS.table)}<w:b/><w:bCs/>` : rFonts(FONTS.title, FONTS.title);
  return (
    `${DECL}<w:styles ${W_NS}>` +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    rFonts(FONTS.table) +
    `<w:kern w:val="2"/>${sz(HAO.五号)}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    pStyle('FormTitle', '表格标题', '<w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>', `${title}${sz(HAO.二号)}`) +
    pStyle('SectionHeading', '部分标题', '<w:keepNext/><w:spacing w:before="120" w:after="160"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/>', `${rFonts(FONTS.heading, FONTS.heading)}${sz(HAO.三号)}`) +
    pStyle('Chapter', '章节标题', '<w:keepNext/><w:spacing w:before="200" w:after="80"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/>', `${rFonts(FONTS.heading, FONTS.heading)}${sz(HAO.小四)}`) +
    pStyle('Body', '正文仿宋', '<w:spacing w:after="40" w:line="360" w:lineRule="auto"/><w:ind w:firstLineChars="200" w:firstLine="480"/><w:jc w:val="both"/>', `${rFonts(FONTS.body)}${sz(HAO.小四)}`) +
    pStyle('TableText', '表格文字', '<w:spacing w:line="276" w:lineRule="auto"/><w:jc w:val="left"/>', `${rFonts(FONTS.table)}${sz(HAO.五号)}`) +
    pStyle('Note', '表格注释', '<w:spacing w:line="264" w:lineRule="auto"/><w:jc w:val="left"/>', `${rFonts(FONTS.table)}<w:color w:val="404040"/>${sz(HAO.小五)}`) +
    pStyle('Footer', '页脚', '<w:jc w:val="center"/>', `${rFonts(FONTS.table)}${sz(HAO.小四)}`) +
    '</w:styles>'
  );
}

const SETTINGS =
  `${DECL}<w:settings ${W_NS}>` +
  '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="156"/>' +
  '<w:characterSpacingControl w:val="compressPunctuation"/>' +
  '<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/>' +
  '<w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
  '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>' +
  '</w:settings>';

function fontTableXml(): string {
  return (
    `${DECL}<w:fonts ${W_NS}>` +
    FONT_TABLE.map(
      ([name, alt, panose, family, pitch, charset]) =>
        `<w:font w:name="${esc(name)}">${alt ? `<w:altName w:val="${esc(alt)}"/>` : ''}<w:panose1 w:val="${panose}"/><w:charset w:val="${charset}"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
    ).join('') +
    '</w:fonts>'
  );
}

/** A footer with the page number: "— 1 —" (government style) or "第 1 页 共 3 页". */
export function footerXml(format: 'dash' | 'of-total' | 'text', textLine = ''): string {
  const runs =
    format === 'dash'
      ? [{ text: '— ' }, { text: '1', field: 'PAGE' }, { text: ' —' }]
      : format === 'of-total'
        ? [{ text: '第 ' }, { text: '1', field: 'PAGE' }, { text: ' 页 共 ' }, { text: '1', field: 'NUMPAGES' }, { text: ' 页' }]
        : [{ text: textLine, size: HAO.三号 }];
  return `${DECL}<w:ftr ${W_NS}>${para({ style: 'Footer', runs })}</w:ftr>`;
}

/**
 * The draft line of a filing with errors, at the top of every page (the PDF's "草稿 — 校验未通过" mark and
 * footer, in one line): red and bold, so a draft is never mistaken for the copy to stamp.
 */
export function draftHeaderXml(errors: number): string {
  return `${DECL}<w:hdr ${W_NS}>${para({ style: 'Footer', runs: [{ text: `草稿 — 校验未通过：校验发现 ${errors} 个错误，修改前不得盖章报送`, bold: true, color: 'C62828', size: HAO.小四 }] })}</w:hdr>`;
}

export const DRAFT_HEADER_REL = 'rIdHeader1';

export interface DocxParts {
  /** Everything inside <w:body>, ending with the last section's <w:sectPr>. */
  body: string;
  /** Footer parts, referenced from the body as r:id "rIdFooter1"… in this order. */
  footers: string[];
  /** The draft header (referenced as DRAFT_HEADER_REL), for a filing with errors. */
  header?: string;
  title: string;
  subject?: string;
  keywords?: string[];
  /** The document date (core properties and zip entry times). */
  date: Date;
  titleFont?: 'fzxbs' | 'song';
}

export const footerRelId = (i: number) => `rIdFooter${i + 1}`;

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The parts of the package, in the order they are zipped. */
export function docxEntries(p: DocxParts): Array<{ name: string; data: string }> {
  const footerNames = p.footers.map((_, i) => `word/footer${i + 1}.xml`);
  const contentTypes =
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>' +
    footerNames.map((n) => `<Override PartName="/${n}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`).join('') +
    (p.header ? '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' : '') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>';
  const rootRels =
    `${DECL}<Relationships xmlns="${REL_NS}">` +
    `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${OFFICE_REL}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>';
  const docRels =
    `${DECL}<Relationships xmlns="${REL_NS}">` +
    `<Relationship Id="rIdStyles" Type="${OFFICE_REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rIdSettings" Type="${OFFICE_REL}/settings" Target="settings.xml"/>` +
    `<Relationship Id="rIdFontTable" Type="${OFFICE_REL}/fontTable" Target="fontTable.xml"/>` +
    footerNames.map((n, i) => `<Relationship Id="${footerRelId(i)}" Type="${OFFICE_REL}/footer" Target="${n.slice('word/'.length)}"/>`).join('') +
    (p.header ? `<Relationship Id="${DRAFT_HEADER_REL}" Type="${OFFICE_REL}/header" Target="header1.xml"/>` : '') +
    '</Relationships>';
  const document = `${DECL}<w:document ${W_NS}><w:body>${p.body}</w:body></w:document>`;
  const when = isoSeconds(p.date);
  const core =
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${esc(p.title)}</dc:title>` +
    (p.subject ? `<dc:subject>${esc(p.subject)}</dc:subject>` : '') +
    '<dc:creator>cluster</dc:creator>' +
    (p.keywords?.length ? `<cp:keywords>${esc(p.keywords.join('；'))}</cp:keywords>` : '') +
    '<cp:lastModifiedBy>cluster</cp:lastModifiedBy>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>';
  const app =
    `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>cluster</Application><DocSecurity>0</DocSecurity></Properties>';
  return [
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'docProps/core.xml', data: core },
    { name: 'docProps/app.xml', data: app },
    { name: 'word/document.xml', data: document },
    { name: 'word/_rels/document.xml.rels', data: docRels },
    { name: 'word/styles.xml', data: stylesXml(p.titleFont) },
    { name: 'word/settings.xml', data: SETTINGS },
    { name: 'word/fontTable.xml', data: fontTableXml() },
    ...p.footers.map((data, i) => ({ name: footerNames[i]!, data })),
    ...(p.header ? [{ name: 'word/header1.xml', data: p.header }] : []),
  ];
}

/** The .docx bytes (the pure zip writer: the same bytes in the CLI and the page). */
export async function buildDocx(p: DocxParts): Promise<Uint8Array> {
  const { bytes } = await zipToBytes(
    docxEntries(p).map((e) => ({ ...e, method: 'deflate' as const })),
    { date: p.date, extendedTimestamp: false, deflateLevel: 9 },
  );
  return bytes;
}
