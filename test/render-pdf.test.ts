/**
 * What an office checks before it stamps: drafts are marked (and only drafts), the report is the same
 * bytes whichever command made it, and every PDF is PDF/A-2b in structure (XMP, sRGB OutputIntent,
 * embedded fonts with content-derived subset tags, bookmarks).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentDate } from '../src/dates.js';
import type { LoadedFiling } from '../src/load/index.js';
import { openEntryStream, readZip } from '../src/pack/zip/index.js';
import { type RenderedPdf, renderDocuments } from '../src/render/index.js';
import { cli } from './helpers/cli.js';
import { BASE_REL, FAILING_REL, type Data, clone, example, profile, validateData } from './helpers/filing.js';
import { checkPdfa, inflatedStreams } from './helpers/pdfa.js';
import { extractPdfText, squash } from './helpers/pdf-text.js';

const MARK = '草稿—校验未通过';

async function render(data: Data, rel: string): Promise<{ pdfs: RenderedPdf[]; errors: number }> {
  const ex = example(rel);
  const result = await validateData(data, {}, ex);
  const loaded = { data, file: rel, dir: ex.dir, format: 'yaml', sourceMap: ex.parsed.sourceMap } as unknown as LoadedFiling;
  const out = await renderDocuments({ loaded, profile: profile(), lang: 'zh', result, date: documentDate(data, profile(), {}) });
  return { pdfs: out.pdfs, errors: result.summary.error };
}

describe('draft mark', () => {
  let clean: RenderedPdf[];
  let failing: { pdfs: RenderedPdf[]; errors: number };
  beforeAll(async () => {
    clean = (await render(clone(example(BASE_REL)), BASE_REL)).pdfs;
    failing = await render(clone(example(FAILING_REL)), FAILING_REL);
  });

  it('is on every page of 附件2, 附件1 and the report of a filing with errors, with the count in the footer', async () => {
    expect(failing.errors).toBeGreaterThan(0);
    for (const pdf of failing.pdfs) {
      const pages = (await extractPdfText(pdf.data)).pages.map(squash);
      expect(pages.length).toBe(pdf.pages);
      pages.forEach((p, i) => {
        expect(p, `${pdf.name} page ${i + 1}`).toContain(MARK);
        expect(p, `${pdf.name} page ${i + 1}`).toContain(`草稿：校验发现${failing.errors}个错误`);
      });
    }
  });

  it('a draft report has no place to sign or stamp; a clean one has', async () => {
    const draft = squash((await extractPdfText(failing.pdfs[2]!.data)).pages.join(''));
    const final = squash((await extractPdfText(clean[2]!.data)).pages.join(''));
    expect(draft).not.toContain('审阅人（签字）');
    expect(draft).not.toContain('（盖章）');
    expect(final).toContain('审阅人（签字）');
    expect(final).toContain('县级中小企业主管部门（盖章）');
  });

  it('is nowhere on a clean filing', async () => {
    for (const pdf of clean) {
      const text = squash((await extractPdfText(pdf.data)).pages.join(''));
      expect(text).not.toContain('草稿');
    }
  });

  it('leaves a required cell blank and highlighted on a draft (never "无")', async () => {
    const f2 = failing.pdfs[0]!;
    const text = squash((await extractPdfText(f2.data)).pages.join(''));
    // 集群质量品牌建设情况 is required and empty in the failing example: its cell prints nothing.
    expect(text).toMatch(/集群质量品牌建设情况\(200字以内\)集群已开展的质量品牌建设工作/);
    // The highlight is a filled rectangle in the page's colour (#fff2a8 → 1 0.949 0.659).
    const fill = /^1 0\.949\d* 0\.658\d* scn$/m;
    expect(inflatedStreams(f2.data).some((s) => fill.test(s))).toBe(true);
    expect(inflatedStreams(clean[0]!.data).some((s) => fill.test(s))).toBe(false);
  });
});

describe('PDF/A-2b structure', () => {
  let clean: RenderedPdf[];
  let failing: RenderedPdf[];
  beforeAll(async () => {
    clean = (await render(clone(example(BASE_REL)), BASE_REL)).pdfs;
    failing = (await render(clone(example(FAILING_REL)), FAILING_REL)).pdfs;
  });

  it('every PDF: version, XMP mirroring the info, sRGB OutputIntent, embedded subset fonts', () => {
    for (const pdf of [...clean, ...failing]) {
      const r = checkPdfa(pdf.data);
      expect(r.problems, pdf.name).toEqual([]);
      expect(r.fonts.length, pdf.name).toBeGreaterThan(0);
    }
  });

  it('subset tags come from the content: two different files never share a tag for a font', () => {
    const tags = [...clean, ...failing].map((p) => checkPdfa(p.data).fonts);
    const byName = new Map<string, Set<string>>();
    for (const list of tags) for (const f of list) {
      const [tag, name] = f.split('+');
      if (!byName.has(name!)) byName.set(name!, new Set());
      byName.get(name!)!.add(tag!);
    }
    const regular = byName.get('NotoSerifSC-Regular')!;
    expect(regular.size).toBe(6);
    expect([...regular].some((t) => t === 'BAAAAA' || t === 'CZZZZZ')).toBe(false);
  });

  it('bookmarks: the cover, 填报说明 and each section of 附件2; the report’s chapters', () => {
    const f2 = checkPdfa(clean[0]!.data).bookmarks;
    for (const b of ['封面', '填报说明', '一、基本情况', '二、主导产业情况', '八、未来三年中小企业特色产业集群发展规划', '九、真实性声明及推荐意见']) {
      expect(f2.some((t) => t.replace(/\s/g, '').startsWith(b.replace(/\s/g, ''))), b).toBe(true);
    }
    const rep = checkPdfa(clean[2]!.data).bookmarks;
    expect(rep).toContain('一、总体结论');
    expect(rep).toContain('（一）具有较强核心竞争力');
  });
});

describe('the report is one document', () => {
  it('render and pack write the same report bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-report-'));
    const out = join(dir, 'pdf');
    const r = cli(['render', BASE_REL, '-o', out, '--today', '2024-06-10', '--quiet']);
    expect(r.code).toBe(0);
    const zip = join(dir, 'p.zip');
    const p = cli(['pack', BASE_REL, '-o', zip, '--today', '2024-06-10', '--quiet']);
    expect(p.code).toBe(0);
    const entry = (await readZip(zip)).find((e) => e.name.endsWith('/03 自评报告.pdf'));
    expect(entry).toBeDefined();
    const chunks: Buffer[] = [];
    for await (const c of await openEntryStream(entry!)) chunks.push(c as Buffer);
    const packed = Buffer.concat(chunks);
    const rendered = readFileSync(join(out, '自评报告.pdf'));
    expect(packed.length).toBeGreaterThan(10_000);
    expect(packed.equals(rendered)).toBe(true);
  });
});

describe('the blank form (init → render)', () => {
  it('is a form to fill in by hand: no draft mark, no "无", blanks to write on', async () => {
    const { emptyFiling, isBlankFiling } = await import('../src/catalogue/empty.js');
    const data = emptyFiling(profile()) as Data;
    expect(isBlankFiling(data)).toBe(true);
    expect(isBlankFiling(clone(example(BASE_REL)))).toBe(false);
    const ex = example(BASE_REL);
    const result = await validateData(data, {}, ex);
    expect(result.summary.error).toBeGreaterThan(0);
    const loaded = { data, file: 'cluster.yaml', dir: ex.dir, format: 'yaml' } as unknown as LoadedFiling;
    const out = await renderDocuments({ loaded, profile: profile(), lang: 'zh', result, date: documentDate(data, profile(), {}) });
    expect(out.blank).toBe(true);
    for (const pdf of out.pdfs.slice(0, 2)) {
      const pages = (await extractPdfText(pdf.data)).pages.map(squash);
      const text = pages.join('');
      expect(text, pdf.name).not.toContain('草稿');
      // "无" only where the form's own instructions say it.
      expect(text.replaceAll('无相关情况时应填写“无”', '').replaceAll('无相关情况', ''), pdf.name).not.toMatch(/无(?!锡)/);
    }
    const f2 = squash((await extractPdfText(out.pdfs[0]!.data)).pages.join(''));
    expect(f2).toContain('数量：______个名称：__________________');
    // Room to write: the plan chapters get ruled lines, so 八 spans more than one page.
    expect(out.pdfs[0]!.pages).toBeGreaterThan(15);
    // The highlight of a draft's empty required cells is not on a blank form.
    expect(inflatedStreams(out.pdfs[0]!.data).some((s) => /^1 0\.949\d* 0\.658\d* scn$/m.test(s))).toBe(false);
  });
});

describe('the 目录 page (render --toc)', () => {
  it('lists 填报说明 and every section of 附件2 with the page it starts on; off by default', async () => {
    const data = clone(example(BASE_REL));
    const ex = example(BASE_REL);
    const result = await validateData(data, {}, ex);
    const loaded = { data, file: BASE_REL, dir: ex.dir, format: 'yaml', sourceMap: ex.parsed.sourceMap } as unknown as LoadedFiling;
    const out = await renderDocuments({ loaded, profile: profile(), lang: 'zh', result, date: documentDate(data, profile(), {}), toc: true });
    const pages = (await extractPdfText(out.pdfs[0]!.data)).pages.map((p) => p.replace(/\s+/g, ''));
    expect(pages[1]!.startsWith('目录')).toBe(true);
    // Each entry's number is the "第 N 页" printed on the page where the section starts.
    for (const title of ['填报说明', '一、基本情况', '五、绿色化转型情况', '九、真实性声明及推荐意见']) {
      const m = new RegExp(`${title}·+(\\d+)`).exec(pages[1]!);
      expect(m, title).not.toBeNull();
      const n = Number(m![1]);
      const page = pages.findIndex((p, i) => i > 1 && p.includes(`第${n}页`));
      expect(pages[page]!.includes(title), `${title} on 第${n}页`).toBe(true);
    }
    const plain = (await render(clone(example(BASE_REL)), BASE_REL)).pdfs[0]!;
    expect((await extractPdfText(plain.data)).pages[1]!.replace(/\s+/g, '').startsWith('目录')).toBe(false);
  });
});
