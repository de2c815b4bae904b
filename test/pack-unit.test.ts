/**
 * The parts of `cluster pack` below the CLI: names, PDF page counting (classic and compressed
 * cross-references, incremental updates), part assignment, the progress bar, and pack() itself
 * in-process with stub documents (file-type findings, gate behaviour).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { pack } from '../src/pack/build.js';
import type { ArtifactProvider } from '../src/pack/artifacts.js';
import { magicOf } from '../src/pack/inspect.js';
import { fitFileName, safeSegment, truncate, uniqueName } from '../src/pack/names.js';
import { pdfPageCountOfBuffer } from '../src/pack/pdf-pages.js';
import { pdfPageCount } from '../src/pack/pdf-pages-node.js';
import { createProgressBar, progressEnabled } from '../src/pack/progress.js';
import { assignParts, partName } from '../src/pack/split.js';
import { loadProfile } from '../src/profile.js';
import { readZip } from '../src/pack/zip/index.js';
import { ROOT } from './helpers/cli.js';
import { stubArtifacts } from './helpers/stub-artifacts.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'cluster-pack-unit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('names inside the package', () => {
  it('safeSegment: Windows-forbidden characters become full-width, no trailing dot, no device names', () => {
    expect(safeSegment('报告: 第1版?')).toBe('报告： 第1版？');
    expect(safeSegment('a/b\\c|d*e<f>g"h')).toBe('a／b＼c｜d＊e＜f＞g＂h');
    expect(safeSegment('结尾. ')).toBe('结尾');
    expect(safeSegment('CON.pdf')).toBe('_CON.pdf');
    expect(safeSegment('tab\there\u202e')).toBe('tab here');
    expect(safeSegment('')).toBe('_');
  });
  it('truncate and fitFileName keep surrogate pairs and the extension', () => {
    expect(truncate('一二三四五六', 4)).toBe('一二三…');
    expect(truncate('ab𠀀cd', 4)).toBe('ab…');
    expect(fitFileName('很长的文件名'.repeat(10) + '.pdf', 20)).toMatch(/^.{15}…\.pdf$/);
    expect(uniqueName('a.pdf', new Set(['a.pdf']))).toBe('a (2).pdf');
  });
  it('split part names sit beside the target', () => {
    expect(partName('/x/包.zip', 2, 3)).toBe('/x/包-第2部分（共3部分）.zip');
  });
});

// ---------------------------------------------------------------------------------------------
// PDF page counting

function pad10(n: number): string {
  return String(n).padStart(10, '0');
}

/** A classic PDF with `pages` pages; `update` appends an incremental update changing the count. */
function classicPdf(pages: number, update?: number): Buffer {
  const objs: string[] = [];
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[2] = `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ')}] /Count ${pages} >>`;
  for (let i = 0; i < pages; i++) objs[3 + i] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objs.length; n++) {
    offsets[n] = Buffer.byteLength(body, 'latin1');
    body += `${n} 0 obj\n${objs[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objs.length}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${pad10(o)} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  if (update !== undefined) {
    const at = Buffer.byteLength(body, 'latin1');
    body += `2 0 obj\n<< /Type /Pages /Kids [] /Count ${update} >>\nendobj\n`;
    const x2 = Buffer.byteLength(body, 'latin1');
    body += `xref\n2 1\n${pad10(at)} 00000 n \ntrailer\n<< /Size ${objs.length} /Root 1 0 R /Prev ${xref} >>\nstartxref\n${x2}\n%%EOF\n`;
  }
  return Buffer.from(body, 'latin1');
}

/** A PDF 1.5 file: catalog and page tree inside a compressed object stream, xref stream with PNG Up predictor. */
function compressedPdf(count: number): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    pos += buf.length;
  };
  push('%PDF-1.5\n');
  const o2 = '<< /Type /Catalog /Pages 3 0 R >>';
  const o3 = `<< /Type /Pages /Kids [4 0 R] /Count ${count} >>`;
  const header = `2 0 3 ${o2.length + 1} `;
  const stmData = deflateSync(Buffer.from(header + o2 + ' ' + o3, 'latin1'));
  const off1 = pos;
  push(`1 0 obj\n<< /Type /ObjStm /N 2 /First ${header.length} /Filter /FlateDecode /Length ${stmData.length} >>\nstream\n`);
  push(stmData);
  push('\nendstream\nendobj\n');
  const off4 = pos;
  push('4 0 obj\n<< /Type /Page /Parent 3 0 R >>\nendobj\n');
  const off5 = pos;
  // xref rows: type(1) field2(4) field3(2)
  const rows: number[][] = [
    [0, 0, 0, 0, 0, 0xff, 0xff],
    [1, ...u32(off1), 0, 0],
    [2, 0, 0, 0, 1, 0, 0],
    [2, 0, 0, 0, 1, 0, 1],
    [1, ...u32(off4), 0, 0],
    [1, ...u32(off5), 0, 0],
  ];
  const raw: number[] = [];
  let prev = [0, 0, 0, 0, 0, 0, 0];
  for (const r of rows) {
    raw.push(2, ...r.map((v, i) => (v - prev[i]!) & 0xff));
    prev = r;
  }
  const xdata = deflateSync(Buffer.from(raw));
  push(`5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 2 0 R /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >> /Length ${xdata.length} >>\nstream\n`);
  push(xdata);
  push(`\nendstream\nendobj\nstartxref\n${off5}\n%%EOF\n`);
  return Buffer.concat(parts);
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

describe('PDF page count', () => {
  it('classic cross-reference table', async () => {
    expect(await pdfPageCountOfBuffer(classicPdf(3))).toBe(3);
    const f = join(tmp, 'c.pdf');
    writeFileSync(f, classicPdf(7));
    expect(await pdfPageCount(f)).toBe(7);
  });
  it('incremental update: the newest page tree wins', async () => {
    expect(await pdfPageCountOfBuffer(classicPdf(2, 5))).toBe(5);
  });
  it('cross-reference stream with PNG predictor and an object stream', async () => {
    expect(await pdfPageCountOfBuffer(compressedPdf(12))).toBe(12);
  });
  it('the example evidence and damaged files', async () => {
    expect(await pdfPageCount(join(ROOT, 'examples/jingmen-battery/evidence/二、主导产业情况/产业链图谱.pdf'))).toBe(1);
    expect(await pdfPageCountOfBuffer(Buffer.from('%PDF-1.4\nrandom bytes without structure'))).toBeNull();
    expect(await pdfPageCountOfBuffer(classicPdf(3).subarray(0, 200))).toBeNull();
    expect(await pdfPageCount(join(tmp, 'none.pdf'))).toBeNull();
  });
  it('file-type sniffing', () => {
    expect(magicOf(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(magicOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(magicOf(Buffer.from('PK\x03\x04', 'latin1'))).toBe('zip');
    expect(magicOf(Buffer.from('hello'))).toBe('unknown');
  });
});

describe('split parts', () => {
  const ev = (group: string, size: number, path = `${group}/${size}`) => ({ path, size, group });
  it('keeps evidence folders together in form order; a folder larger than a part is divided by file', () => {
    const a = assignParts({
      root: 'R',
      limit: 1000_000,
      reserve: 100_000,
      fixed: [{ path: 'form.pdf', size: 300_000 }],
      evidence: [ev('a', 200_000), ev('a', 200_000, 'a/2'), ev('b', 500_000), ev('c', 600_000), ev('c', 600_000, 'c/2'), ev('d', 10)],
    });
    expect(a.evidence).toEqual([1, 1, 2, 3, 4, 4]);
    expect(a.count).toBe(4);
    expect(a.oversize).toEqual([]);
  });
  it('a single file larger than a part gets a part of its own and is reported', () => {
    const a = assignParts({ root: 'R', limit: 1000_000, reserve: 100_000, fixed: [], evidence: [ev('a', 10), ev('b', 2_000_000), ev('c', 10)] });
    expect(a.evidence).toEqual([1, 2, 3]);
    expect(a.oversize).toHaveLength(1);
    expect(a.oversize[0]).toMatchObject({ part: 2, size: 2_000_000 });
  });
});

describe('progress bar', () => {
  function fakeStream(tty: boolean) {
    const writes: string[] = [];
    return { writes, stream: { isTTY: tty, columns: 100, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
  }
  it('only on a TTY, not in CI, not with --no-progress or --quiet', () => {
    const tty = fakeStream(true).stream;
    expect(progressEnabled({}, tty, {})).toBe(true);
    expect(progressEnabled({}, tty, { CI: 'true' })).toBe(false);
    expect(progressEnabled({ progress: false }, tty, {})).toBe(false);
    expect(progressEnabled({ quiet: true }, tty, {})).toBe(false);
    expect(progressEnabled({}, fakeStream(false).stream, {})).toBe(false);
  });
  it('waits before showing, redraws at most 10 times a second, shows files, bytes and rate', () => {
    const { writes, stream } = fakeStream(true);
    let now = 0;
    const bar = createProgressBar(true, 'zh', stream, { now: () => now });
    const s = (bytes: number) => ({ filesDone: Math.floor(bytes / 1e6), filesTotal: 64, bytesDone: bytes, bytesTotal: 64e6 });
    for (let t = 0; t <= 2000; t += 10) {
      now = t;
      bar.update(s(t * 32_000));
    }
    bar.done();
    // 0.4 s silent, then one redraw per 100 ms (17 over 0.4–2.0 s), plus the final one.
    expect(writes.length).toBeGreaterThanOrEqual(16);
    expect(writes.length).toBeLessThanOrEqual(19);
    expect(writes[0]).toMatch(/^\r打包 \[#*-*\]\s+\d+%  \d+\/64 个文件  [\d.]+\/64\.0 MB  [\d.]+ MB\/s\x1b\[K$/);
    expect(writes[writes.length - 1]).toBe('\n');
    const quick = fakeStream(true);
    const bar2 = createProgressBar(true, 'en', quick.stream, { now: () => 0 });
    bar2.update(s(1));
    bar2.done();
    expect(quick.writes).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// pack() in-process with stub documents

const STUB: ArtifactProvider = stubArtifacts(classicPdf(1));

describe('pack() file types', () => {
  it('reports types outside the allow-list and content that does not match the extension, and still packs', async () => {
    const dir = join(tmp, 'types');
    cpSync(join(ROOT, 'examples/jingmen-battery'), dir, { recursive: true });
    writeFileSync(join(dir, 'evidence/说明文字.txt'), '文字说明');
    writeFileSync(join(dir, 'evidence/假的.pdf'), 'this is not a pdf');
    writeFileSync(join(dir, 'evidence/协议.docx'), 'PK\x03\x04rest');
    const f = join(dir, 'cluster.yaml');
    const text = readFileSync(f, 'utf8').replace(
      '        - evidence/二、主导产业情况/产业链图谱.pdf',
      ['        - evidence/二、主导产业情况/产业链图谱.pdf', '        - evidence/说明文字.txt', '        - evidence/假的.pdf', '        - evidence/协议.docx'].join('\n'),
    );
    writeFileSync(f, text);
    const r = await pack({ file: f, output: join(tmp, 'types.zip'), emailLimitBytes: 50e6, profile: loadProfile('national-2024'), lang: 'zh', artifacts: STUB, fsync: false });
    expect(r.code).toBe(0);
    const types = r.result.findings.filter((x) => x.ruleId === 'pack/evidence-type');
    expect(types.map((x) => x.message)).toEqual([
      expect.stringContaining('evidence/说明文字.txt 的类型 .txt 不在常用格式之列'),
      expect.stringContaining('evidence/假的.pdf 的扩展名为 .pdf，但内容是 无法识别的格式'),
    ]);
    expect(types.every((x) => x.severity === 'warning' && x.line !== undefined && x.path.startsWith('/industry/chainWork/chainMap/evidence/'))).toBe(true);
    expect(r.manifest!.packFindings.map((x) => x.ruleId)).toEqual(['pack/evidence-type', 'pack/evidence-type']);
    const fake = r.manifest!.files.find((x) => x.path.endsWith('假的.pdf'))!;
    expect(fake.pages).toBeNull();
    const names = (await readZip(join(tmp, 'types.zip'))).map((e) => e.name);
    expect(names.some((n) => n.endsWith('/01-绘制产业链图谱，开展产业链培育/01-说明文字.txt'))).toBe(true);
  });
});

describe('pack() with GBK names', () => {
  it('a name GBK cannot hold falls back to UTF-8 and is reported (info)', async () => {
    const dir = join(tmp, 'gbk-fallback');
    cpSync(join(ROOT, 'examples/jingmen-battery'), dir, { recursive: true });
    writeFileSync(join(dir, 'evidence/图表•汇总.pdf'), readFileSync(join(dir, 'evidence/二、主导产业情况/产业链图谱.pdf')));
    const f = join(dir, 'cluster.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('        - evidence/二、主导产业情况/产业链图谱.pdf', '        - evidence/二、主导产业情况/产业链图谱.pdf\n        - evidence/图表•汇总.pdf'));
    const out = join(tmp, 'gbk-fallback.zip');
    const r = await pack({ file: f, output: out, filenameEncoding: 'gbk', emailLimitBytes: 50e6, profile: loadProfile('national-2024'), lang: 'zh', artifacts: STUB, fsync: false });
    expect(r.code).toBe(0);
    const info = r.result.findings.filter((x) => x.ruleId === 'pack/filename-encoding');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ severity: 'info' });
    expect(info[0]!.message).toContain('01-图表•汇总.pdf');
    const entries = await readZip(out);
    const odd = entries.find((e) => e.name.endsWith('01-图表•汇总.pdf'))!;
    expect(odd.flags & 0x800).toBe(0x800);
    expect(entries.filter((e) => e !== odd).every((e) => (e.flags & 0x800) === 0)).toBe(true);
  });
});
