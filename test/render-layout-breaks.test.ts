/**
 * Page breaks a typesetter would accept (issue #15, point 2) and the typography rules (point 5):
 * a continued table repeats only the header its rows have, a short cell moves whole, a long narrative
 * splits between lines with "（续）" only in the label column, a heading never ends a page, no line starts
 * with closing punctuation (a narrow 序号 cell included), a sign is never parted from its number, a
 * running header that is too long ends with "…".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocument, fitWithEllipsis } from '../src/render/layout/document.js';
import { type FontSet, loadFonts } from '../src/render/layout/fonts.js';
import { NO_LINE_START, wrapText } from '../src/render/layout/linebreak.js';
import { layoutText } from '../src/render/layout/lines.js';
import { drawTable } from '../src/render/layout/table.js';
import { extractPdfText, squash } from './helpers/pdf-text.js';

const DATE = new Date('2024-06-01T08:00:00Z');
const measure = (s: string): number => {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f\u2000-\u206f\u2100-\u27bf]/u.test(ch) ? 10 : 5;
  return w;
};

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});

describe('a table that continues', () => {
  it('repeats the header over the rows it describes, and not over the rows below them', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    const body = (n: number, k: string) => Array.from({ length: n }, (_, i) => [`${k}${i + 1}`, '1', '2', '3']);
    drawTable(doc, {
      columns: [120, '*', '*', '*'],
      headerScope: 40,
      rows: [
        { header: true, cells: ['年度', '2021年', '2022年', '2023年'] },
        ...body(40, '年度行'),
        // Rows without year columns.
        ...Array.from({ length: 40 }, (_, i) => [`平台${i + 1}`, { text: `数量：${i}个`, colSpan: 3 }]),
      ],
    });
    const pdf = await extractPdfText(await doc.finish());
    const pages = pdf.pages.map(squash);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // Every page that holds a per-year row starts with the header; a page of 平台 rows only does not.
    for (const p of pages) {
      if (/年度行\d/.test(p)) expect(p.startsWith('年度2021年2022年2023年')).toBe(true);
      else expect(p).not.toContain('2021年');
    }
    expect(pages.some((p) => !/年度行\d/.test(p) && p.startsWith('平台'))).toBe(true);
  });

  it('without headerScope, repeats the header on every page (the official tables)', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    drawTable(doc, {
      columns: [120, '*'],
      rows: [{ header: true, cells: ['指标', '目标值'] }, ...Array.from({ length: 80 }, (_, i) => [`指标${i + 1}`, String(i)])],
    });
    const pages = (await extractPdfText(await doc.finish())).pages.map(squash);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(p.startsWith('指标目标值')).toBe(true);
  });
});

describe('a short cell at a page foot', () => {
  it('moves whole to the next page with its row instead of splitting mid-name', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.moveDown(doc.bottom - doc.top - 60); // room for about two lines
    const names = '数量：4个\n名称：湖北省动力电池安全技术重点实验室\n湖北省锂电池检测工程技术研究中心\n湖北省新能源电池材料创新中心';
    drawTable(doc, { splitRows: 'always', columns: [120, '*'], rows: [['省级创新平台', names]] });
    const pages = (await extractPdfText(await doc.finish())).pages.map(squash);
    expect(pages[0]).toBe('');
    expect(pages[1]).toBe(squash(`省级创新平台${names}`));
  });

  it('a long narrative splits between lines, with "（续）" only in the label column', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.moveDown(doc.bottom - doc.top - 150);
    const text = Array.from({ length: 160 }, (_, i) => `第${i + 1}句话，集群持续完善配套体系。`).join('');
    drawTable(doc, { columns: [120, '*', 80], rows: [[{ text: '集群产业链强链补链情况' }, { text, align: 'justify' }, '备注']] });
    const pages = (await extractPdfText(await doc.finish())).pages.map(squash);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]!.startsWith('集群产业链强链补链情况第1句话')).toBe(true);
    for (const p of pages.slice(1)) {
      expect(p.startsWith('集群产业链强链补链情况（续）')).toBe(true);
      expect(p).not.toContain('备注（续）');
    }
    expect(pages.join('').match(/（续）/g)!.length).toBe(pages.length - 1);
    expect(pages.join('').replace(/集群产业链强链补链情况(（续）)?/g, '').replace('备注', '')).toBe(squash(text));
  });
});

describe('a heading at a page foot', () => {
  it('moves to the next page with the first row of what it heads', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.paragraph('前文。');
    doc.moveDown(doc.bottom - doc.y - 40); // room for the heading only
    doc.heading('1. 三年总体目标', { face: 'body' });
    drawTable(doc, { columns: ['*', '*'], rows: [{ header: true, cells: ['指标', '目标值'] }, ['产值', '15.00%']] });
    const pages = (await extractPdfText(await doc.finish())).pages.map(squash);
    expect(pages[0]).toBe('前文。');
    expect(pages[1]).toBe('1.三年总体目标指标目标值产值15.00%');
  });

  it('四、… before a paragraph: never the last line of a page', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    doc.paragraph('前文。');
    doc.moveDown(doc.bottom - doc.y - 30);
    doc.heading('四、未来三年发展思路和发展目标');
    doc.paragraph('深入贯彻新发展理念，围绕建设全国一流的新能源动力电池产业基地目标。'.repeat(3));
    const pages = (await extractPdfText(await doc.finish())).pages.map(squash);
    expect(pages[0]).toBe('前文。');
    expect(pages[1]!.startsWith('四、未来三年发展思路和发展目标深入贯彻')).toBe(true);
  });
});

describe('no line starts with closing punctuation', () => {
  it('a 序号 cell narrower than its text: the mark hangs, the line does not start with it', () => {
    for (const text of ['1、', '12、', '（1）', '一、', '第1项。']) {
      const lines = wrapText(text, 12, measure);
      for (const l of lines.slice(1)) expect(NO_LINE_START.has([...l.text][0] ?? ''), `${text}: ${JSON.stringify(lines.map((x) => x.text))}`).toBe(false);
    }
    const l = wrapText('一、', 12, measure);
    expect(l.map((x) => x.text)).toEqual(['一、']);
    expect(l[0]!.hang).toBe(10);
    expect(l[0]!.forced).toBeUndefined();
  });

  it('in a real table with a narrow 序号 column', async () => {
    const doc = createDocument({ fonts, date: DATE, pageNumbers: false });
    const r = drawTable(doc, { columns: [22, '*'], rows: [['序号', '名称'], ['一、', '甲'], ['12、', '乙']] });
    expect(r.warnings).toEqual([]);
    const lines = layoutText(fonts, '一、', 12, { size: 10.5, lineHeight: 1.4 });
    expect(lines).toHaveLength(1);
  });

  it('property: over mixed text and widths, a non-forced line never starts with closing punctuation', () => {
    const pieces = ['集群', '，', '。', '、', '；', '：', '）', '」', '》', '（', '2023', '年', '≥', '\u00a0', '40', '亿元'];
    let seed = 3;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: 5 + rand(40) }, () => pieces[rand(pieces.length)]).join('');
      const width = 10 + rand(120);
      wrapText(text, width, measure).forEach((l, i) => {
        if (i > 0 && l.text && !l.forced) expect(NO_LINE_START.has([...l.text][0]!), `${text} @${width}: "${l.text}"`).toBe(false);
      });
    }
  });
});

describe('typography', () => {
  it('"≥"/">" stay with their number across a line break', () => {
    for (const w of [60, 70, 80, 90, 100, 110, 120]) {
      const wrapped = wrapText('近三年均\u00a0≥\u00a040\u00a0亿元，增速\u00a0>\u00a010%', w, measure);
      expect(wrapped.some((l) => l.forced)).toBe(false);
      const lines = wrapped.map((l) => l.text);
      for (const l of lines) {
        expect(l.endsWith('≥') || l.endsWith('>') || l.endsWith('\u00a0'), `${w}: ${JSON.stringify(lines)}`).toBe(false);
        expect(/^\u00a0|^40|^10%/.test(l), `${w}: ${JSON.stringify(lines)}`).toBe(false);
      }
    }
  });

  it('a running header too long for the line is cut with "…"', () => {
    const text = '自评报告 · 湖北省荆门市掇刀区新能源动力电池及储能电池材料与装备关键零部件产业集群';
    const cut = fitWithEllipsis(text, 200, measure);
    expect(cut.endsWith('…')).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(200);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(fitWithEllipsis('自评报告', 200, measure)).toBe('自评报告');
  });

  it('headings use the 黑体-style face when it is installed, the body stays serif', () => {
    expect(fonts.heading?.postscriptName).toMatch(/NotoSansSC/);
    const h = layoutText(fonts, '一、基本情况', 400, { size: 16, lineHeight: 1.5, bold: true, face: 'heading' });
    const b = layoutText(fonts, '一、基本情况', 400, { size: 16, lineHeight: 1.5, bold: true });
    const font = (l: typeof h) => (l[0]!.spans[0] as { font: { postscriptName: string } }).font.postscriptName;
    expect(font(h)).toMatch(/NotoSansSC/);
    expect(font(b)).toMatch(/NotoSerifSC-Bold/);
  });
});
