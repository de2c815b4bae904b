/**
 * `cluster compare --format pdf`: A4 landscape, the comparison table (at most eight filings per table;
 * more filings continue in further tables with the label and bound columns repeated), then the quota
 * per province, the rank hint and its explanation.
 */
import type { Lang } from '../catalogue/types.js';
import { CliError } from '../errors.js';
import { FONT_SIZE, type FontSet, type TableCell, type TableRow, createDocument, drawTable, mm } from '../render/layout/index.js';
import { cellText, footerRows, quotaLine, rankingExplanation, rankingLines, type Comparison } from './model.js';

const PER_TABLE = 8;
/** ✘ is not in the common CJK fonts: the PDF marks a failed bound with × (and red). */
const FAIL = ' ×';

/** Subscript two (CO₂ in English labels) is not in the common CJK fonts either. */
function safe(c: Comparison): Comparison {
  const fix = (s: string) => s.replace(/₂/g, '2');
  return { ...c, rows: c.rows.map((r) => ({ ...r, label: fix(r.label), ...(r.threshold !== undefined ? { threshold: fix(r.threshold) } : {}) })) };
}

/**
 * A filing's column heading: "[n] name"; with the file when another filing has the same name (the two
 * columns must be told apart), and a red mark when the filing fails validation or is a duplicate.
 */
export function columnHeading(c: Comparison, i: number, lang: Lang): { text: string; marked: boolean } {
  const zh = lang === 'zh';
  const col = c.columns[i]!;
  const twins = c.columns.map((x, k) => (x.name === col.name ? k : -1)).filter((k) => k >= 0 && k !== i);
  const lines = [`[${i + 1}] ${col.name}`];
  if (twins.length) lines.push(`（${col.file}）`);
  const marks: string[] = [];
  if (col.errors > 0) marks.push(zh ? `未通过校验（错误 ${col.errors} 个）` : `fails validation (${col.errors} error${col.errors === 1 ? '' : 's'})`);
  if (twins.length) {
    // A few twins by number, then a count: a heading naming 99 twins was taller than the page.
    const shown = twins.slice(0, 3).map((k) => `[${k + 1}]`);
    const more = twins.length - shown.length;
    marks.push(
      zh
        ? `与 ${shown.join('、')}${more > 0 ? ` 等 ${twins.length} 个申报` : ''} 同名`
        : `same name as ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    );
  }
  return { text: [...lines, ...marks].join('\n'), marked: marks.length > 0 };
}

function headingCell(c: Comparison, i: number, lang: Lang): TableCell {
  const h = columnHeading(c, i, lang);
  const [first, ...rest] = h.text.split('\n');
  return {
    align: 'center',
    blocks: [
      { type: 'text', text: first!, bold: true },
      ...rest.map((t) => ({ type: 'text' as const, text: t, size: FONT_SIZE.小五, ...(/未通过|同名|fails|same name/.test(t) ? { color: '#B00000', bold: true } : {}) })),
    ],
  };
}

export async function renderComparePdf(comparison: Comparison, opts: { fonts: FontSet; date: Date; lang: Lang }): Promise<{ data: Buffer; pages: number }> {
  const { lang } = opts;
  const c = safe(comparison);
  const zh = lang === 'zh';
  const title = c.review ? (zh ? `${c.profileName}复核比较表（自评）` : `${c.profileName}: comparison of review filings`) : zh ? `${c.profileName}申报比较表` : `${c.profileName}: comparison of filings`;
  const footer = footerRows(c, lang);
  const notes = [
    ...c.provinces.map((g) => quotaLine(g, c.quota, lang)),
    ...rankingLines(c, lang),
    ...rankingExplanation(lang, c.quota, FAIL.trim(), c),
  ];
  const all = [title, ...c.columns.map((x, i) => `${columnHeading(c, i, lang).text}${x.province}${x.file}`), ...c.rows.map((r) => `${r.label}${r.threshold ?? ''}${r.cells.map((x) => cellText(r, x, lang, FAIL)).join('')}`), ...notes].join('\n');
  const missing = opts.fonts.coverage(all);
  if (missing.length) {
    const chars = missing.map((m) => `${m.char}（U+${m.codePoint.toString(16).toUpperCase().padStart(4, '0')}）`).join('、');
    throw new CliError({ zh: `PDF 字体缺少字符 ${chars} 的字形，未生成 PDF（可用 --font 指定其他字体）`, en: `the PDF font has no glyph for ${chars}; no PDF written (choose another font with --font)` }, undefined, undefined, 1);
  }

  const doc = createDocument({
    fonts: opts.fonts,
    date: opts.date,
    title,
    author: 'cluster',
    keywords: ['中小企业特色产业集群', '申报比较', ...c.columns.map((x) => x.name)],
    page: { orientation: 'landscape', margins: { top: mm(18), bottom: mm(18), left: mm(15), right: mm(15) } },
    pageNumbers: { format: 'chinese' },
  });
  doc.addPage();
  doc.title(title, { size: FONT_SIZE.小二, spaceAfter: 6 });
  doc.paragraph(zh ? `配置 ${c.profileId}；${c.columns.length} 个申报；每格为数值（余量），× 为未达标准` : `profile ${c.profileId}; ${c.columns.length} filings; each cell: value (margin), × fails the bound`, {
    size: FONT_SIZE.小五,
    indentChars: 0,
    align: 'center',
    spaceAfter: 6,
  });

  const size = c.columns.length > 5 ? FONT_SIZE.小五 : FONT_SIZE.五号;
  // At most PER_TABLE filings a table, the tables as even as can be (10 → 5 + 5, not 8 + 2).
  const per = Math.ceil(c.columns.length / Math.ceil(c.columns.length / PER_TABLE));
  for (let start = 0; start < c.columns.length; start += per) {
    const idx = c.columns.map((_, i) => i).slice(start, start + per);
    const centre = (text: string, extra: Partial<TableCell> = {}): TableCell => ({ text, align: 'center', ...extra });
    const rows: TableRow[] = [
      {
        header: true,
        cells: [centre(zh ? '指标' : 'figure', { bold: true }), centre(zh ? '标准' : 'bound', { bold: true }), ...idx.map((i) => headingCell(c, i, lang))],
      },
      { cells: [{ text: zh ? '所在省' : 'province', align: 'left' }, '', ...idx.map((i) => centre(c.columns[i]!.province))] },
      ...c.rows.map((r) => ({
        cells: [
          { text: r.label, align: 'left' as const },
          centre(r.threshold ?? ''),
          ...idx.map((i) => centre(cellText(r, r.cells[i]!, lang, FAIL), r.cells[i]!.verdict === 'fail' ? { color: '#B00000' } : {})),
        ],
      })),
      ...footer.map((f) => ({ cells: [{ text: f.label, align: 'left' as const, bold: true }, '', ...idx.map((i) => centre(f.cells[i]!, { bold: true }))] })),
    ];
    drawTable(doc, {
      columns: [170, 82, ...idx.map(() => '*' as const)],
      rows,
      size,
      lineHeight: 1.3,
      padding: { top: 3, right: 4, bottom: 3, left: 4 },
      valign: 'middle',
      spaceAfter: 10,
    });
  }
  doc.paragraph(zh ? '申报文件' : 'Files', { size: FONT_SIZE.五号, bold: true, indentChars: 0, align: 'left', spaceBefore: 4 });
  for (const [i, col] of c.columns.entries()) doc.paragraph(`[${i + 1}] ${col.file}`, { size: FONT_SIZE.小五, indentChars: 0, align: 'left', lineHeight: 1.4 });
  if (!c.review) {
    doc.paragraph(zh ? '各省推荐名额' : 'Quota per province', { size: FONT_SIZE.五号, bold: true, indentChars: 0, align: 'left', spaceBefore: 6 });
    for (const g of c.provinces) doc.paragraph(quotaLine(g, c.quota, lang), { size: FONT_SIZE.小五, indentChars: 0, align: 'left', lineHeight: 1.4, ...(g.overQuota ? { color: '#B00000' } : {}) });
    doc.paragraph(zh ? '省内排序提示' : 'Rank hint within each province', { size: FONT_SIZE.五号, bold: true, indentChars: 0, align: 'left', spaceBefore: 6 });
    for (const l of rankingLines(c, lang)) doc.paragraph(l.trim(), { size: FONT_SIZE.小五, indentChars: l.startsWith('  ') ? 2 : 0, align: 'left', lineHeight: 1.4 });
  }
  doc.paragraph(zh ? '说明' : 'Notes', { size: FONT_SIZE.五号, bold: true, indentChars: 0, align: 'left', spaceBefore: 6 });
  for (const l of rankingExplanation(lang, c.quota, FAIL.trim(), c)) doc.paragraph(l, { size: FONT_SIZE.小五, indentChars: 0, align: 'left', lineHeight: 1.4 });
  const data = await doc.finish();
  return { data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), pages: doc.pageCount };
}
