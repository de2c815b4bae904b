/**
 * 材料清单.pdf: A4 landscape, one ruled table listing every file of the package grouped by form
 * section, with the form item it proves, its size, page count and SHA-256; the package
 * fingerprint on top so the stamped paper copy identifies the electronic one.
 */
import { createDocument, drawTable, FONT_SIZE, loadFonts, type FontSet, type TableRow } from '../render/layout/index.js';
import { PROBLEM_TEXT } from './layout.js';
import { fingerprintLine, KIND_TITLE, type Manifest, type ManifestFile } from './manifest.js';
import { fmtSize } from './rules.js';

export interface ListingInput {
  manifest: Pick<Manifest, 'cluster' | 'date' | 'profile' | 'fingerprint' | 'validation' | 'omitted' | 'parts' | 'root'>;
  files: readonly ManifestFile[];
  operator?: string;
  fonts: { regular?: string; bold?: string } | FontSet;
  date: Date;
}

function isFontSet(x: ListingInput['fonts']): x is FontSet {
  return typeof (x as FontSet).coverage === 'function';
}

/** Hex in groups of 16 so it wraps cleanly. */
function groupHex(h: string): string {
  return h.replace(/(.{16})(?=.)/g, '$1 ');
}

/** Above this many files the 材料清单 is drawn in two passes with its pages streamed (memory flat in the files). */
const STREAM_ABOVE = 300;
/** Body rows laid out at a time when streaming (about 25 pages). */
const CHUNK_ROWS = 400;

export async function listingPdf(input: ListingInput): Promise<{ data: Buffer; pages: number }> {
  if (input.files.length <= STREAM_ABOVE) return drawListing(input);
  // First pass for the page count ("第 n 页 共 N 页"), second pass with it: pages leave memory as
  // soon as they are complete (10,000 files: ~600 pages, which kept whole took ~800 MB).
  const first = await drawListing(input, { totalPages: 0 });
  return drawListing(input, { totalPages: first.pages });
}

async function drawListing(input: ListingInput, streamPages?: { totalPages: number }): Promise<{ data: Buffer; pages: number }> {
  const fonts = isFontSet(input.fonts) ? input.fonts : await loadFonts(input.fonts);
  // A character the font lacks (an emoji in a file name) prints as "?" rather than a blank box.
  const printable = (s: string): string => {
    const missing = fonts.coverage(s);
    if (missing.length === 0) return s;
    const bad = new Set(missing.map((m) => m.char));
    return Array.from(s, (c) => (bad.has(c) ? '?' : c)).join('');
  };
  const m = input.manifest;
  const doc = createDocument({
    fonts,
    date: input.date,
    title: `材料清单 — ${m.cluster}`,
    subject: '中小企业特色产业集群申报材料清单',
    page: { orientation: 'landscape', margins: { top: 48, bottom: 48, left: 42, right: 42 } },
    fontSize: FONT_SIZE.小五,
    header: { text: printable(`${m.cluster} 申报材料清单`), size: 8 },
    ...(streamPages ? { streamPages } : {}),
  });
  doc.title('材料清单', { size: FONT_SIZE.小二, spaceAfter: 6 });
  const listed = input.files.filter((f) => f.kind !== 'list');
  const total = listed.reduce((s, f) => s + f.size, 0);
  const pdfPages = listed.reduce((s, f) => s + (f.pages ?? 0), 0);
  const info: string[] = [
    `集群名称：${m.cluster}`,
    ...(input.operator ? [`集群运营管理机构：${input.operator}`] : []),
    `打包日期：${m.date.slice(0, 10)}　　认定标准配置：${m.profile}　　文件：${listed.length} 个，合计 ${fmtSize(total)}，PDF 共 ${pdfPages} 页`,
  ];
  // The fingerprint in a plain standard font (Courier: no subset, the digits written as they are), so
  // `pack --verify` can check that this page prints the manifest's fingerprint.
  const printFingerprint = () => {
    doc.paragraph('报送包指纹（SHA-256；收件方用 cluster pack --verify 核验，核验结果显示的指纹应与本页一致）：', { indentChars: 0, size: FONT_SIZE.五号, lineHeight: 1.5, align: 'left' });
    doc.ensureSpace(18);
    doc.pdf.font('Courier-Bold').fontSize(11).fillColor('#000000').text(fingerprintLine(m.fingerprint), doc.left + 21, doc.y + 2, { lineBreak: false });
    doc.moveDown(18);
  };
  if (m.parts) info.push(`本报送包分为 ${m.parts.count} 个 zip 文件：${m.parts.names.join('；')}（每个均可单独打开，解压到同一文件夹即得完整材料）`);
  for (const line of info) doc.paragraph(printable(line), { indentChars: 0, size: FONT_SIZE.五号, lineHeight: 1.5, align: 'left' });
  printFingerprint();
  if (m.validation.forced) {
    doc.paragraph(
      `注意：本报送包在校验未通过的情况下强制打包（--force）：错误 ${m.validation.summary.error} 个、警告 ${m.validation.summary.warning} 个，详见 manifest.json。`,
      { indentChars: 0, size: FONT_SIZE.五号, bold: true, align: 'left' },
    );
  }
  for (const o of m.omitted) {
    doc.paragraph(printable(`未包含的佐证材料：${o.source}（${PROBLEM_TEXT[o.problem as keyof typeof PROBLEM_TEXT] ?? o.problem}）`), { indentChars: 0, size: FONT_SIZE.五号, align: 'left' });
  }
  doc.space(6);

  const hasParts = !!m.parts;
  const columns: Array<number | '*' | `${number}*`> = [28, '1.2*', '1*', 46, 28, 152, ...(hasParts ? [28] : [])];
  const nCols = columns.length;
  const rows: TableRow[] = [
    { header: true, cells: ['序号', '证明事项', '文件', '大小', '页数', 'SHA-256', ...(hasParts ? ['分卷'] : [])] },
  ];
  let lastSection = '';
  let i = 0;
  for (const f of listed) {
    const section = f.kind === 'evidence' ? f.section : f.kind === 'stamped' ? '盖章、签字页扫描件' : '申报表及数据';
    if (section !== lastSection) {
      rows.push({ cells: [{ text: printable(section), colSpan: nCols, bold: true, background: '#EEEEEE' }], keepTogether: true });
      lastSection = section;
    }
    i++;
    const items = f.items?.length ? f.items.map((it) => `${it.code} ${it.label}`).join('\n') : `${KIND_TITLE[f.kind]}：${f.section}`;
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    rows.push({
      keepTogether: true,
      cells: [
        { text: String(i), align: 'center' },
        printable(items),
        printable(name),
        { text: fmtSize(f.size), align: 'right' },
        { text: f.pages === undefined ? '' : f.pages === null ? '—' : String(f.pages), align: 'center' },
        { text: groupHex(f.sha256), size: 6.5, lineHeight: 1.2 },
        ...(hasParts ? [{ text: String(f.part ?? ''), align: 'center' as const }] : []),
      ],
    });
  }
  if (!streamPages) drawTable(doc, { columns, rows, size: FONT_SIZE.小五, lineHeight: 1.3, headerBackground: '#DDDDDD' });
  else {
    // A table is laid out whole before it is drawn: in chunks of CHUNK_ROWS body rows, each from a
    // new page with the header row, so that the layout of 10,000 rows is never in memory at once.
    const [head, ...body] = rows;
    for (let k = 0; k < body.length; k += CHUNK_ROWS) {
      if (k > 0 && !doc.atPageTop) doc.addPage();
      drawTable(doc, { columns, rows: [head!, ...body.slice(k, k + CHUNK_ROWS)], size: FONT_SIZE.小五, lineHeight: 1.3, headerBackground: '#DDDDDD' });
    }
  }
  const data = await doc.finish();
  return { data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), pages: doc.pageCount };
}
