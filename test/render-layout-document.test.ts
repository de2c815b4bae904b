import { beforeAll, describe, expect, it } from 'vitest';
import { FONT_SIZE, type LayoutDocument, createDocument } from '../src/render/layout/document.js';
import { type FontSet, defaultFontPaths, loadFonts, parseFontSpec } from '../src/render/layout/fonts.js';
import { drawTable } from '../src/render/layout/table.js';
import { extractPdfText, squash } from './helpers/pdf-text.js';

const DATE = new Date('2024-06-01T08:00:00Z');

function trailerId(buf: Buffer): string {
  const tail = buf.subarray(buf.length - 400).toString('latin1');
  const m = /\/ID \[<([0-9a-f]+)> <([0-9a-f]+)>\]/i.exec(tail);
  if (!m) throw new Error('no /ID in trailer');
  return m[1]!;
}

describe('fonts', () => {
  let fonts: FontSet;
  beforeAll(async () => {
    fonts = await loadFonts();
  });

  it('loads the bundled Noto Serif SC faces', () => {
    const paths = defaultFontPaths();
    expect(paths.regular).toMatch(/NotoSerifSC_400Regular\.ttf$/);
    expect(fonts.regular.postscriptName).toBe('NotoSerifSC-Regular');
    expect(fonts.bold.postscriptName).toBe('NotoSerifSC-Bold');
    expect(fonts.syntheticBold).toBe(false);
    expect(fonts.regular.emAscent).toBeCloseTo(0.88, 2);
  });

  it('coverage() reports characters without glyphs, once each, ignoring whitespace', () => {
    const missing = fonts.coverage('集群 𠀀\n☑集𠀀 ✓□\t');
    expect(missing).toEqual([
      { char: '𠀀', codePoint: 0x20000 },
      { char: '☑', codePoint: 0x2611 },
    ]);
    expect(fonts.coverage('中小企业特色产业集群申报表（2024年）“小巨人”①√')).toEqual([]);
  });

  it('parses collection specs and reports unreadable files', async () => {
    expect(parseFontSpec('C:/Windows/Fonts/simsun.ttc#SimSun')).toEqual({ path: 'C:/Windows/Fonts/simsun.ttc', postscriptName: 'SimSun' });
    expect(parseFontSpec('/fonts/a#b.ttf')).toEqual({ path: '/fonts/a#b.ttf' });
    await expect(loadFonts({ regular: '/nonexistent/font.ttf' })).rejects.toThrow(/无法读取字体文件/);
  });

  it('falls back to synthetic bold when only a regular face is given', async () => {
    const f = await loadFonts({ regular: defaultFontPaths().regular });
    expect(f.syntheticBold).toBe(true);
    const doc = createDocument({ fonts: f, date: DATE });
    doc.title('仿粗体标题');
    const pdf = await extractPdfText(await doc.finish());
    expect(squash(pdf.pages[0]!)).toContain('仿粗体标题');
  });
});

describe('LayoutDocument', () => {
  let fonts: FontSet;
  beforeAll(async () => {
    fonts = await loadFonts();
  });

  const build = (fontsIn: FontSet, variant = ''): LayoutDocument => {
    const doc = createDocument({
      fonts: fontsIn,
      date: DATE,
      title: '中小企业特色产业集群申报表',
      subject: '申报材料',
      author: '某某县经信局',
      keywords: ['中小企业', '特色产业集群'],
      header: '中小企业特色产业集群申报表',
    });
    doc.addPage({ numbered: false, header: false });
    doc.title('中小企业特色产业集群申报表', { size: FONT_SIZE.小初 });
    doc.fieldLine('集群名称：', '湖北省武汉市东西湖区智能制造装备产业集群' + variant);
    doc.fieldLine('申报时间：', '');
    doc.addPage({ numbered: true, header: true });
    doc.heading('填报说明');
    doc.paragraph('集群应如实填报所附各表。要求文字简洁，数据准确、详实，并提供必要的清单及佐证材料。\n各必填栏目不得空缺，无相关情况时应填写“无”；数据有小数时，保留小数点后 2 位。');
    drawTable(doc, {
      columns: [150, '*'],
      rows: [
        ['集群占地面积(平方公里)', '12.50'],
        ['是否已被认定为省级中小企业特色产业集群', { checkboxes: [{ label: '是', checked: true }, { label: '否', checked: false }], checkboxLayout: 'inline' }],
      ],
    });
    doc.addPage({ orientation: 'landscape' });
    doc.heading('附件1 推荐汇总表');
    return doc;
  };

  it('renders byte-identical output for the same input, with a content-derived ID', async () => {
    // finish() gives a Uint8Array (the core runs in the page too): compared as Buffers.
    const a = Buffer.from(await build(fonts).finish());
    const b = Buffer.from(await build(fonts).finish());
    expect(a.equals(b)).toBe(true);
    const c = Buffer.from(await build(fonts, '（变更）').finish());
    expect(c.equals(a)).toBe(false);
    expect(trailerId(c)).not.toBe(trailerId(a));
    expect(trailerId(a)).toMatch(/^[0-9a-f]{32}$/i);
    // Compressed content, fixed dates.
    expect(a.toString('latin1')).toContain('/FlateDecode');
    expect(a.toString('latin1')).toContain('(D:20240601080000Z)');
  });

  it('writes metadata, page sizes, page numbers and the running header', async () => {
    const pdf = await extractPdfText(await build(fonts).finish());
    expect(pdf.info.Title).toBe('中小企业特色产业集群申报表');
    expect(pdf.info.Author).toBe('某某县经信局');
    expect(pdf.info.Subject).toBe('申报材料');
    expect(pdf.info.Keywords).toBe('中小企业, 特色产业集群');
    expect(pdf.pageSizes).toEqual([
      { width: 595.28, height: 841.89 },
      { width: 595.28, height: 841.89 },
      { width: 841.89, height: 595.28 },
    ]);
    // The cover is not numbered and has no header; the others count 1..2.
    expect(pdf.pages[0]).not.toMatch(/第\s*\d+\s*页/);
    expect(pdf.pages[0]).not.toContain('中小企业特色产业集群申报表\n中小企业特色产业集群申报表');
    expect(pdf.pages[1]).toContain('第 1 页 共 2 页');
    expect(pdf.pages[2]).toContain('第 2 页 共 2 页');
    expect(pdf.pages[2]).toContain('中小企业特色产业集群申报表');
    const p2 = squash(pdf.pages[1]!);
    const order = ['填报说明', '集群应如实填报所附各表', '无相关情况时应填写“无”', '集群占地面积(平方公里)', '12.50', '√是', '□否'];
    let at = -1;
    for (const s of order) {
      const i = p2.indexOf(s, at + 1);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
    expect(squash(pdf.pages[0]!)).toContain('集群名称：湖北省武汉市东西湖区智能制造装备产业集群');
  });

  it('flows long paragraphs across pages with headings kept with their text', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: { format: 'dash' } });
    const para = '集群重视研发持续投入，近三年中小企业研发经费年均增长高于百分之十；统筹建立了多元创新平台，与大型企业、高校和科研院所创新合作紧密。';
    for (let i = 0; i < 12; i++) {
      doc.heading(`（${i + 1}）重点任务`);
      doc.paragraph(para.repeat(3));
    }
    const buf = await doc.finish();
    const pdf = await extractPdfText(buf);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    pdf.pages.forEach((p, i) => expect(p).toContain(`- ${i + 1} -`));
    const all = squash(pdf.pages.join('')).replace(/-\d+-/g, '');
    for (let i = 0; i < 12; i++) expect(all).toContain(`（${i + 1}）重点任务${para.repeat(3)}`);
    // A heading never ends a page.
    for (const p of pdf.pages) {
      const lines = p.split('\n').filter((l) => !/^- \d+ -$/.test(l));
      expect(lines.at(-1)).not.toMatch(/重点任务$/);
    }
    expect(doc.warnings).toEqual([]);
  });

  it('finish() creates a page for an empty document and refuses to run twice', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    const buf = await doc.finish();
    const pdf = await extractPdfText(buf);
    expect(pdf.pages).toEqual(['']);
    await expect(doc.finish()).rejects.toThrow(/already finished/);
  });
});
