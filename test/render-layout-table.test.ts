import { beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '../src/render/layout/document.js';
import { type FontSet, loadFonts } from '../src/render/layout/fonts.js';
import { type TableResult, drawTable, resolveColumns } from '../src/render/layout/table.js';
import { type ExtractedPdf, extractPdfText, squash } from './helpers/pdf-text.js';

const DATE = new Date('2024-06-01T08:00:00Z');

/** Deterministic pseudo-random Chinese prose with punctuation, `n` characters, many distinct glyphs. */
function prose(fonts: FontSet, n: number, seed = 1): string {
  let x = seed;
  const rand = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const punct = ['，', '，', '。', '、', '；', '：'];
  let out = '';
  let sinceP = 0;
  while (out.length < n) {
    if (sinceP > 8 && rand() < 0.15) {
      out += punct[Math.floor(rand() * punct.length)];
      sinceP = 0;
      continue;
    }
    // Common CJK range; skip characters the font lacks.
    const ch = String.fromCodePoint(0x4e00 + Math.floor(rand() * 0x2000));
    if (fonts.coverage(ch).length) continue;
    out += ch;
    sinceP++;
  }
  return out.slice(0, n - 1) + '。';
}

describe('drawTable across pages', () => {
  let fonts: FontSet;
  let narrative: string;
  let pdf: ExtractedPdf;
  let result: TableResult;
  let colX: number[];
  let margins: { top: number; bottom: number };
  let tablePages: number[];

  beforeAll(async () => {
    fonts = await loadFonts();
    narrative = prose(fonts, 3000, 7);
    const doc = createDocument({ fonts, date: DATE, title: '表格分页测试' });
    doc.heading('八、未来三年中小企业特色产业集群发展规划');
    const widths = resolveColumns([90, '*'], doc.contentWidth);
    colX = [doc.left, doc.left + widths[0]!, doc.left + widths[0]! + widths[1]!];
    margins = { top: doc.top, bottom: doc.pageHeight - doc.bottom };
    result = drawTable(doc, {
      columns: [90, '*'],
      size: 12,
      lineHeight: 1.5,
      rows: [
        { header: true, cells: ['项目', '内容（3000字以内）'] },
        ['集群名称', '某某省某某市某某县智能制造装备产业集群'],
        [{ text: '发展规划' }, { text: narrative, align: 'justify', indentChars: 2 }],
        ['集群已开展的数字化服务工作', { checkboxes: [{ label: '引入了数字化系统解决方案服务商', checked: true }, { label: '开展了两化融合管理体系推广工作', checked: false }] }],
      ],
    });
    const buf = await doc.finish();
    pdf = await extractPdfText(buf);
    tablePages = [];
    for (let p = result.firstPage; p <= result.lastPage; p++) tablePages.push(p);
  });

  it('spans at least 3 A4 portrait pages and reports where it ended', () => {
    expect(result.lastPage - result.firstPage + 1).toBeGreaterThanOrEqual(3);
    expect(pdf.pages.length).toBe(result.lastPage);
    for (const size of pdf.pageSizes) expect(size).toEqual({ width: 595.28, height: 841.89 });
    expect(result.y).toBeGreaterThan(margins.top);
    expect(result.warnings).toEqual([]);
  });

  it('uses more than 256 distinct glyphs and extracts them correctly', () => {
    expect(new Set(narrative).size).toBeGreaterThan(256);
    let text = squash(pdf.pages.join(''));
    // Remove what interrupts the narrative at page breaks: page numbers, repeated header, continued label.
    text = text.replace(/第\d+页共\d+页/g, '').replaceAll('项目内容（3000字以内）', '').replaceAll('发展规划（续）', '');
    expect(text).toContain(narrative);
  });

  it('repeats the header row at the top of every page of the table', () => {
    for (const p of tablePages) {
      const page = squash(pdf.pages[p - 1]!);
      expect(page.indexOf('项目内容（3000字以内）'), `page ${p}`).toBeGreaterThanOrEqual(0);
    }
    // The first page has the heading before the header row.
    expect(squash(pdf.pages[0]!).startsWith('八、未来三年中小企业特色产业集群发展规划项目内容')).toBe(true);
  });

  it('shows the row label with "（续）" on continued pages', () => {
    for (const p of tablePages.slice(1)) {
      const page = squash(pdf.pages[p - 1]!);
      if (page.includes('发展规划') && !page.includes('集群已开展的数字化服务工作')) {
        expect(page).toContain('发展规划（续）');
      }
    }
    expect(squash(pdf.pages[1]!)).toContain('发展规划（续）');
  });

  it('renders the checkbox list with its item texts and state markers', () => {
    const all = squash(pdf.pages.join(''));
    expect(all).toContain('√引入了数字化系统解决方案服务商');
    expect(all).toContain('□开展了两化融合管理体系推广工作');
  });

  it('draws no text outside its cell or below the page content box', () => {
    for (const p of tablePages) {
      const H = pdf.pageSizes[p - 1]!.height;
      for (const it of pdf.items[p - 1]!) {
        const yTop = H - it.y; // baseline measured from the top
        if (yTop < margins.top || yTop > H - margins.bottom + 2) continue; // running header / page number
        if (/^八、/.test(it.str)) continue; // heading above the table
        const inFirst = it.x >= colX[0]! - 0.01 && it.x + it.width <= colX[1]! + 0.01;
        const inSecond = it.x >= colX[1]! - 0.01 && it.x + it.width <= colX[2]! + 0.01;
        expect(inFirst || inSecond, `page ${p}: "${it.str}" at x=${it.x.toFixed(1)} w=${it.width.toFixed(1)}`).toBe(true);
      }
    }
  });
});

describe('drawTable features', () => {
  let fonts: FontSet;
  beforeAll(async () => {
    fonts = await loadFonts();
  });

  it('handles colSpan, rowSpan groups, inline and grid checkboxes, and a landscape page', async () => {
    const doc = createDocument({ fonts, date: DATE, page: { orientation: 'landscape' } });
    doc.title('2024 年度中小企业特色产业集群推荐汇总表');
    const r1 = drawTable(doc, {
      columns: [40, 110, 110, 110, 80, 70, '*'],
      rows: [
        { header: true, cells: ['序号', '集群名称', '集群运营管理机构', '所在省、市、县（区）', '主导产业', '集群成立时间', '集群简介（300 字以内）'] },
        ['1', '武汉市东西湖区智能制造装备产业集群', '东西湖区产业园区管委会', '湖北省、武汉市、东西湖区', '智能制造装备', '2015年', '集群主导产业链条完整。'],
      ],
    });
    expect(r1.firstPage).toBe(1);
    doc.addPage({ orientation: 'portrait' });
    const r2 = drawTable(doc, {
      columns: [150, 90, '*'],
      rows: [
        ['主导产业所属产业类型', { colSpan: 2, checkboxes: [{ label: '第一产业', checked: false }, { label: '第二产业', checked: true }, { label: '第三产业', checked: false }], checkboxLayout: 'inline' }],
        [{ text: '近三年集群单位产值能耗（吨标准煤/万元）', rowSpan: 3 }, '2021 年', '0.52'],
        ['2022 年', '0.50'],
        ['2023 年', '0.47'],
        ['集群提供中小企业公共服务情况', { colSpan: 2, blocks: [{ type: 'text', text: '集群已提供的中小企业公共服务：' }, { type: 'checkboxes', layout: 3, items: ['信息服务', '创业辅导', '创新支持', '人员培训', '市场营销', '投融资服务', '管理咨询'].map((label, i) => ({ label, checked: i % 2 === 0 })) }, { type: 'text', text: '（注：勾选需提供佐证材料）', size: 9 }] }],
      ],
    });
    expect(r2.firstPage).toBe(2);
    expect(r2.warnings).toEqual([]);
    const pdf = await extractPdfText(await doc.finish());
    expect(pdf.pageSizes[0]).toEqual({ width: 841.89, height: 595.28 });
    expect(pdf.pageSizes[1]).toEqual({ width: 595.28, height: 841.89 });
    const p1 = squash(pdf.pages[0]!);
    for (const s of ['序号', '集群名称', '集群简介（300字以内）', '武汉市东西湖区智能制造装备产业集群']) expect(p1).toContain(s);
    const p2 = squash(pdf.pages[1]!);
    expect(p2).toContain('□第一产业√第二产业□第三产业');
    expect(p2).toContain('近三年集群单位产值能耗（吨标准煤/万元）');
    expect(p2.indexOf('2021年')).toBeLessThan(p2.indexOf('2023年'));
    for (const s of ['√信息服务', '□创业辅导', '√管理咨询', '（注：勾选需提供佐证材料）']) expect(p2).toContain(s);
  });

  it('moves a row that does not fit to the next page', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.moveDown(doc.bottom - doc.top - 100); // leave 100 pt
    const r = drawTable(doc, { columns: ['*', '*'], rows: [['标签', Array.from({ length: 12 }, (_, i) => `第${i + 1}行`).join('\n')]] });
    expect(r.firstPage).toBe(2);
    const pdf = await extractPdfText(await doc.finish());
    expect(pdf.pages[0]).toBe('');
  });

  it('with splitRows "always" splits the row at the page bottom, repeating the label', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.moveDown(doc.bottom - doc.top - 100);
    const text = Array.from({ length: 12 }, (_, i) => `第${i + 1}行`).join('\n');
    const r = drawTable(doc, { splitRows: 'always', columns: ['*', '*'], rows: [['标签', text]] });
    expect(r).toMatchObject({ firstPage: 1, lastPage: 2 });
    const pdf = await extractPdfText(await doc.finish());
    const p1 = squash(pdf.pages[0]!);
    const p2 = squash(pdf.pages[1]!);
    expect(p1.startsWith('标签第1行第2行')).toBe(true);
    expect(p2.startsWith('标签（续）')).toBe(true);
    expect((p1 + p2).replace('标签（续）', '').replace('标签', '')).toBe(squash(text));
  });

  it('does not split when fewer than minSplitLines would stay on the page', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.moveDown(doc.bottom - doc.top - 30); // room for one line only
    const r = drawTable(doc, { splitRows: 'always', columns: ['*', '*'], rows: [['第一行标签', '三行内容\n第二行\n第三行']] });
    expect(r.firstPage).toBe(2);
    const pdf = await extractPdfText(await doc.finish());
    expect(pdf.pages[0]).toBe('');
    expect(squash(pdf.pages[1]!)).toBe('第一行标签三行内容第二行第三行');
  });

  it('keeps a rowSpan group together when it fits on the next page', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.moveDown(doc.bottom - doc.top - 60);
    const r = drawTable(doc, {
      columns: [120, '*'],
      rows: [[{ text: '组标签', rowSpan: 3 }, '甲'], ['乙'], ['丙']],
    });
    expect(r.firstPage).toBe(2);
  });

  it('keeps a heading on the same page as the table that follows it', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.paragraph('前文。');
    doc.moveDown(doc.bottom - doc.y - 80); // room for the heading and the header row, not the first row
    doc.heading('二、主导产业情况');
    drawTable(doc, {
      columns: ['*', '*'],
      rows: [{ header: true, cells: ['年度', '2021 年'] }, ['集群总产值（亿元）', '一\n二\n三\n四\n五']],
    });
    const pdf = await extractPdfText(await doc.finish());
    expect(squash(pdf.pages[0]!)).toBe('前文。');
    expect(squash(pdf.pages[1]!)).toBe('二、主导产业情况年度2021年集群总产值（亿元）一二三四五');
  });

  it('does not leave header rows alone at the bottom of a page', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.paragraph('前文。');
    doc.moveDown(doc.bottom - doc.y - 60);
    drawTable(doc, {
      columns: ['*', '*'],
      rows: [{ header: true, cells: ['年度', '2021 年'] }, ['集群总产值（亿元）', '一\n二\n三\n四\n五']],
    });
    const pdf = await extractPdfText(await doc.finish());
    expect(squash(pdf.pages[0]!)).toBe('前文。');
    expect(squash(pdf.pages[1]!)).toBe('年度2021年集群总产值（亿元）一二三四五');
  });

  it('rejects overlapping spans and too many cells', () => {
    const doc = createDocument({ fonts, date: DATE });
    expect(() => drawTable(doc, { columns: [100, 100], rows: [['a', 'b', 'c']] })).toThrow(/超出/);
    expect(() => drawTable(doc, { columns: [100, 100], rows: [[{ text: 'a', rowSpan: 2 }, 'b'], ['c', 'd']] })).toThrow(/超出/);
  });
});

describe('a header taller than half a page', () => {
  it('is printed once, not repeated on every continued page (which left a line of body per page)', async () => {
    const fonts = await loadFonts();
    const doc = createDocument({ fonts, date: DATE, title: 't', author: 'cluster' });
    doc.addPage();
    const tall = Array.from({ length: 40 }, (_, i) => `表头第 ${i + 1} 行`).join('\n');
    const r = drawTable(doc, {
      columns: [200, '*'],
      rows: [{ header: true, cells: [tall, '说明'] }, ...Array.from({ length: 120 }, (_, i) => ({ cells: [`第 ${i + 1} 行`, '数据'] }))],
      size: 10.5,
    });
    // 120 one-line rows fit on a few pages when the header is not repeated; repeated, each page had
    // room for almost nothing.
    expect(r.lastPage - r.firstPage).toBeLessThan(8);
    expect(r.warnings.join()).toContain('表头高于半页');
    await doc.finish();
  }, 60_000);
});
