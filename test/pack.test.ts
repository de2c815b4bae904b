/**
 * `cluster pack` end to end (the built CLI): the example package's listing and manifest, --verify
 * on intact, tampered, extended and unreadable zips, determinism, GBK names, every refusal, the
 * validation gate with and without --force, the email-size warning, split parts, and that inputs
 * are left untouched.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEntry, openEntryStream, readZip, writeZipAtomic, type ZipEntryInfo, type ZipEntryInput } from '../src/pack/zip/index.js';
import type { Manifest } from '../src/pack/manifest.js';
import { parseManifest, fingerprintOf, fingerprintLine, manifestFingerprint } from '../src/pack/manifest.js';
import { pdfPageCountOfBuffer } from '../src/pack/pdf-pages.js';
import { cli, ROOT } from './helpers/cli.js';

const ROOT_DIR = '湖北省荆门市掇刀区新能源动力电池产业集群申报材料';
const tmp = mkdtempSync(join(tmpdir(), 'cluster-pack-'));
const filingDir = join(tmp, 'jingmen');
const yaml = join(filingDir, 'cluster.yaml');
const out = join(tmp, 'out');
const zipPath = join(out, 'package.zip');

function tree(dir: string): Map<string, { sha: string; mtimeMs: number }> {
  const m = new Map<string, { sha: string; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) m.set(relative(dir, p), { sha: createHash('sha256').update(readFileSync(p)).digest('hex'), mtimeMs: statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return m;
}

async function entryText(e: ZipEntryInfo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function manifestOf(zip: string): Promise<{ manifest: Manifest; digestOk: boolean; entries: ZipEntryInfo[] }> {
  const entries = await readZip(zip);
  const me = entries.find((e) => e.name === `${ROOT_DIR}/manifest.json`)!;
  return { ...parseManifest(await entryText(me)), entries };
}

/** Copies the example into a fresh folder with `edit` applied to its YAML text. */
function variant(name: string, edit: (text: string) => string = (t) => t, src = 'examples/jingmen-battery'): string {
  const dir = join(tmp, name);
  cpSync(join(ROOT, src), dir, { recursive: true });
  const f = join(dir, 'cluster.yaml');
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return f;
}

/** Rewrites a zip entry by entry, replacing or adding entries (our writer: valid CRCs). */
async function rewrite(src: string, dst: string, change: { replace?: Record<string, Buffer>; add?: Record<string, Buffer>; remove?: string[] }): Promise<void> {
  const entries = await readZip(src);
  const inputs: ZipEntryInput[] = [];
  for (const e of entries) {
    if (change.remove?.includes(e.name)) continue;
    if (e.isDirectory) inputs.push({ name: e.name });
    else if (change.replace?.[e.name]) inputs.push({ name: e.name, data: change.replace[e.name] });
    else {
      const chunks: Buffer[] = [];
      for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
      inputs.push({ name: e.name, data: Buffer.concat(chunks) });
    }
  }
  for (const [name, data] of Object.entries(change.add ?? {})) inputs.push({ name, data });
  await writeZipAtomic(dst, inputs, { date: new Date('2024-06-12T00:00:00+08:00'), fsync: false });
}

const noTmpLeft = (dir: string) => existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.tmp')) : [];

let before: Map<string, { sha: string; mtimeMs: number }>;
let run: ReturnType<typeof cli>;
let manifest: Manifest;
let entries: ZipEntryInfo[];

beforeAll(async () => {
  cpSync(join(ROOT, 'examples/jingmen-battery'), filingDir, { recursive: true });
  mkdirSync(out, { recursive: true });
  before = tree(filingDir);
  run = cli(['pack', yaml, '-o', zipPath, '--no-progress']);
  ({ manifest, entries } = await manifestOf(zipPath));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('cluster pack: the example package', () => {
  it('packs the passing example (exit 0) and says what it wrote', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已生成');
    expect(run.stdout).toContain('佐证材料 57 个，引用 63 处');
    expect(noTmpLeft(out)).toEqual([]);
  });

  it('lays the package out for a reader, with Chinese names under one top folder', () => {
    const files = entries.filter((e) => !e.isDirectory).map((e) => e.name.slice(ROOT_DIR.length + 1));
    expect(entries.every((e) => e.name.startsWith(`${ROOT_DIR}/`))).toBe(true);
    expect(files.filter((f) => !f.includes('/')).sort()).toEqual([
      '00 材料清单.csv',
      '00 材料清单.pdf',
      '01 附件2 中小企业特色产业集群申报表.docx',
      '01 附件2 中小企业特色产业集群申报表.pdf',
      '02 附件1 2024年度中小企业特色产业集群推荐汇总表.docx',
      '02 附件1 2024年度中小企业特色产业集群推荐汇总表.pdf',
      '03 自评报告.pdf',
      'manifest.json',
    ]);
    expect(files.filter((f) => f.startsWith('数据/')).sort()).toEqual(['数据/cluster.yaml', '数据/申报表数据.xlsx']);
    const evidence = files.filter((f) => f.startsWith('佐证材料/'));
    expect(evidence).toHaveLength(57);
    expect(evidence).toContain('佐证材料/二、主导产业情况/01-绘制产业链图谱，开展产业链培育/01-产业链图谱.pdf');
    expect(evidence).toContain('佐证材料/二、主导产业情况/02-形成产业链技术难点清单或创新项目库，建…/02-产业链技术难点清单及揭榜挂帅项目库.pdf');
    expect(evidence).toContain('佐证材料/七、治理和服务水平/17-管理咨询/17-管理咨询服务记录.pdf');
    // Every evidence file: section / NN-item / NN-original name.
    for (const f of evidence) expect(f).toMatch(/^佐证材料\/[一二三四五六七八九]、[^/]+\/\d{2}-[^/]+\/\d{2}-[^/]+\.(pdf|jpg|png)$/);
    for (const e of entries) expect(e.name.length).toBeLessThanOrEqual(150);
    // The data as given.
    const y = entries.find((e) => e.name === `${ROOT_DIR}/数据/cluster.yaml`)!;
    expect(y.size).toBe(statSync(yaml).size);
  });

  it('stores an evidence file referenced twice once, listing both items', () => {
    const shared = manifest.files.filter((f) => f.path.endsWith('动力电池创新联合体协议.pdf'));
    expect(shared).toHaveLength(1);
    expect(shared[0]!.path).toBe('佐证材料/二、主导产业情况/03-联合集群上下游企业，组建创新联合体，开…/03-动力电池创新联合体协议.pdf');
    expect(shared[0]!.items!.map((i) => i.code)).toEqual(['二-03', '二-04']);
    expect(shared[0]!.items!.map((i) => i.pointer)).toEqual(['/industry/chainWork/jointResearch/evidence/0', '/industry/chainWork/academia/evidence/1']);
    expect(manifest.totals).toMatchObject({ evidenceFiles: 57, evidenceReferences: 63, files: 66 });
  });

  it('manifest: every file with section, item, size, pages for PDFs and SHA-256 matching the zip', async () => {
    expect(manifest.format).toBe('cluster-package');
    expect(manifest.cluster).toBe('湖北省荆门市掇刀区新能源动力电池产业集群');
    expect(manifest.date).toBe('2024-06-12T00:00:00+08:00');
    expect(manifest.validation).toMatchObject({ valid: true, forced: false, asOf: '2024-06-12' });
    expect(manifest.formatVersion).toBe(2);
    expect(manifest.fingerprint).toBe(manifestFingerprint(manifest));
    // It covers the validation record, not only the files: a relabelled record has another fingerprint.
    expect(manifest.fingerprint).not.toBe(fingerprintOf(manifest.files));
    const relabelled = { ...manifest, validation: { ...manifest.validation, valid: !manifest.validation.valid } };
    expect(manifestFingerprint(relabelled)).not.toBe(manifest.fingerprint);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const listed = new Set(manifest.files.map((f) => `${ROOT_DIR}/${f.path}`));
    // Nothing unlisted but the manifest itself and folders.
    expect(entries.filter((e) => !e.isDirectory && !listed.has(e.name)).map((e) => e.name)).toEqual([`${ROOT_DIR}/manifest.json`]);
    for (const f of manifest.files) {
      const e = byName.get(`${ROOT_DIR}/${f.path}`)!;
      expect(e, f.path).toBeDefined();
      expect(f.size).toBe(e.size);
      expect(await hashEntry(e)).toBe(f.sha256);
      expect(f.section).toBeTruthy();
      if (f.path.endsWith('.pdf')) expect(f.pages, f.path).toBeGreaterThan(0);
      else expect(f.pages).toBeUndefined();
      if (f.kind === 'evidence') {
        expect(f.items!.length).toBeGreaterThan(0);
        for (const it of f.items!) {
          expect(it.code).toMatch(/^[一二三四五六七八九]-\d{2}$/);
          expect(it.source.startsWith('evidence/')).toBe(true);
          expect(it.label.length).toBeGreaterThan(1);
        }
        // The original file, byte for byte.
        const src = readFileSync(join(filingDir, f.items![0]!.source));
        expect(createHash('sha256').update(src).digest('hex')).toBe(f.sha256);
      }
    }
    const form = manifest.files.find((f) => f.kind === 'form')!;
    expect(form.pages).toBeGreaterThan(5);
    // The page counter agrees with the renderer on the generated PDFs.
    for (const f of manifest.files.filter((x) => x.kind !== 'evidence' && x.path.endsWith('.pdf'))) {
      const chunks: Buffer[] = [];
      for await (const c of await openEntryStream(byName.get(`${ROOT_DIR}/${f.path}`)!)) chunks.push(c as Buffer);
      expect(await pdfPageCountOfBuffer(Buffer.concat(chunks)), f.path).toBe(f.pages);
    }
    const chain = manifest.files.find((f) => f.path.endsWith('01-产业链图谱.pdf'))!;
    expect(chain).toMatchObject({ section: '二、主导产业情况', pages: 1, items: [{ code: '二-01', label: '绘制产业链图谱，开展产业链培育' }] });
  });

  it('材料清单.csv opens in Excel: UTF-8 BOM, CRLF, one row per file, the fingerprint', async () => {
    const e = entries.find((x) => x.name === `${ROOT_DIR}/00 材料清单.csv`)!;
    const text = await entryText(e);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('序号,类别,部分,证明事项,文件（包内路径）,原文件,大小（字节）,页数,SHA-256');
    expect(lines.filter((l) => /^\d+,/.test(l))).toHaveLength(64);
    // The Word versions are listed beside their PDFs, as editable copies of the same forms.
    expect(text).toContain(',申报表,中小企业特色产业集群申报表（可编辑 Word 版）,,01 附件2 中小企业特色产业集群申报表.docx,');
    expect(text).toContain('佐证材料/二、主导产业情况/01-绘制产业链图谱，开展产业链培育/01-产业链图谱.pdf,evidence/二、主导产业情况/产业链图谱.pdf,');
    expect(text).toContain(manifest.fingerprint);
  });

  it('entry times are the package date in Beijing time, stored PDFs/images, deflated text', () => {
    for (const e of entries) expect(e.lastModified.toISOString()).toBe('2024-06-11T16:00:00.000Z');
    for (const e of entries.filter((x) => !x.isDirectory && x.size > 0)) {
      expect(e.method, e.name).toBe(/\.(pdf|jpg|png|xlsx|docx)$/.test(e.name) ? 'store' : 'deflate');
      expect(e.flags & 0x800).toBe(0x800);
    }
  });

  it('--verify accepts the intact package (exit 0)', () => {
    const v = cli(['pack', '--verify', zipPath]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('报送包完整：66 个文件');
    expect(v.stdout).toContain(fingerprintLine(manifest.fingerprint));
    // Says what it proves, and what it does not.
    expect(v.stdout).toContain('不证明是谁制作的');
    expect(v.stdout).toContain('纸质材料清单');
    expect(v.stdout).toContain('材料清单（PDF 和 CSV）印有同一指纹');
  });

  it('is deterministic: packing again gives byte-identical zips, whatever TZ; warns over --email-limit', () => {
    const again = join(out, 'again.zip');
    // The email-size warning is about the finished zip and is not recorded inside it.
    const r = cli(['pack', yaml, '-o', again, '--no-progress', '--email-limit', '0.001'], { env: { TZ: 'America/Los_Angeles' } });
    expect(r.code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(zipPath))).toBe(true);
    expect(r.stdout).toContain('pack/email-size');
    expect(r.stdout).toContain('超过邮件附件上限 1 KB');
    expect(r.stdout).toMatch(/最大的佐证材料：[^（]+（\d+ (KB|B)）/);
    expect(r.stdout).toContain('--split-size');
  });

  it('leaves the inputs untouched', () => {
    const after = tree(filingDir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of before) expect(after.get(k), k).toEqual(v);
  });
});

describe('cluster pack --verify: tampered packages', () => {
  it('a flipped byte inside a stored evidence entry → exit 1 naming the file', () => {
    const bad = join(out, 'flipped.zip');
    const buf = Buffer.from(readFileSync(zipPath));
    const e = entries.find((x) => x.name.endsWith('01-产业链图谱.pdf'))!;
    const nameLen = buf.readUInt16LE(e.offset + 26);
    const extraLen = buf.readUInt16LE(e.offset + 28);
    const at = e.offset + 30 + nameLen + extraLen + 100;
    buf[at] = buf[at]! ^ 0xff;
    writeFileSync(bad, buf);
    const v = cli(['pack', '--verify', bad]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('01-产业链图谱.pdf');
    expect(v.stdout).toContain('数据损坏');
  });

  it('an entry replaced by other content (valid zip) → exit 1, SHA-256 mismatch named', async () => {
    const bad = join(out, 'replaced.zip');
    const name = `${ROOT_DIR}/佐证材料/六、开放合作情况/04-参加中国国际中小企业博览会等展会类活动/04-中博会参展照片.jpg`;
    await rewrite(zipPath, bad, { replace: { [name]: Buffer.from('not the photo') } });
    const v = cli(['pack', '--verify', bad, '--lang', 'en']);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('04-中博会参展照片.jpg');
    expect(v.stdout).toMatch(/size differs|SHA-256 differs/);
    const same = join(out, 'replaced-same-size.zip');
    const orig = readFileSync(join(filingDir, 'evidence/六、开放合作情况/中博会参展照片.jpg'));
    const altered = Buffer.from(orig);
    altered[altered.length - 1] = altered[altered.length - 1]! ^ 1;
    await rewrite(zipPath, same, { replace: { [name]: altered } });
    const v2 = cli(['pack', '--verify', same]);
    expect(v2.code).toBe(1);
    expect(v2.stdout).toContain('SHA-256 不符');
    expect(v2.stdout).toContain('04-中博会参展照片.jpg');
  });

  it('an extra file → exit 1', async () => {
    const bad = join(out, 'extra.zip');
    await rewrite(zipPath, bad, { add: { [`${ROOT_DIR}/佐证材料/补充.pdf`]: Buffer.from('%PDF-1.4 extra') } });
    const v = cli(['pack', '--verify', bad]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('多余文件');
    expect(v.stdout).toContain('佐证材料/补充.pdf');
  });

  it('a missing file, and an edited manifest → exit 1', async () => {
    const bad = join(out, 'missing.zip');
    const entriesNow = await readZip(zipPath);
    const me = entriesNow.find((e) => e.name.endsWith('manifest.json'))!;
    const m = JSON.parse(await entryText(me)) as Manifest;
    m.files[10]!.sha256 = '0'.repeat(64);
    await rewrite(zipPath, bad, { replace: { [me.name]: Buffer.from(JSON.stringify(m, null, 2)) } });
    const v = cli(['pack', '--verify', bad]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('digest');
    expect(v.stdout).toContain(m.files[10]!.path);
    const gone = join(out, 'gone.zip');
    const photo = '佐证材料/六、开放合作情况/04-参加中国国际中小企业博览会等展会类活动/04-中博会参展照片.jpg';
    await rewrite(zipPath, gone, { remove: [`${ROOT_DIR}/${photo}`] });
    const v2 = cli(['pack', '--verify', gone]);
    expect(v2.code).toBe(1);
    expect(v2.stdout).toContain(`缺少文件  ${photo}`);
  });

  it('not a zip → exit 2; a zip without manifest → exit 1', async () => {
    const junk = join(out, 'junk.zip');
    writeFileSync(junk, 'hello');
    const v = cli(['pack', '--verify', junk]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('无法读取 zip');
    const plain = join(out, 'plain.zip');
    await writeZipAtomic(plain, [{ name: 'a.txt', data: 'a' }], { date: new Date(0), fsync: false });
    const v2 = cli(['pack', '--verify', plain]);
    expect(v2.code).toBe(1);
    expect(v2.stdout).toContain('没有 manifest.json');
    expect(cli(['pack', '--verify', join(out, 'none.zip')]).code).toBe(2);
  });
});

describe('cluster pack --filename-encoding gbk', () => {
  it('writes GBK names (no UTF-8 flag) with the 0x7075 Unicode Path field; verify passes', async () => {
    const dir = join(tmp, 'gbk');
    mkdirSync(dir);
    const g = join(dir, 'gbk.zip');
    // The example (~0.9 MB) fits in a 5 MB part: --split-size leaves it one ordinary zip.
    const r = cli(['pack', yaml, '-o', g, '--filename-encoding', 'gbk', '--split-size', '5', '--no-progress']);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['gbk.zip']);
    const es = await readZip(g);
    expect(es).toHaveLength(entries.length);
    for (const e of es) {
      expect(e.flags & 0x800, e.name).toBe(0);
      expect(iconv.decode(e.rawName, 'gbk')).toBe(e.name);
      expect(e.nameEncoding).toBe('gbk+unicode-path');
    }
    // 0x7075 present in the raw central directory record of a Chinese name.
    const raw = readFileSync(g);
    const name = iconv.encode(`${ROOT_DIR}/数据/cluster.yaml`, 'gbk');
    const at = raw.lastIndexOf(name); // the central directory record comes last
    expect(raw.readUInt32LE(at - 46)).toBe(0x02014b50);
    const extraLen = raw.readUInt16LE(at - 46 + 30);
    const extra = raw.subarray(at + name.length, at + name.length + extraLen);
    const tags: number[] = [];
    for (let i = 0; i + 4 <= extra.length; i += 4 + extra.readUInt16LE(i + 2)) tags.push(extra.readUInt16LE(i));
    expect(tags).toContain(0x7075);
    expect(cli(['pack', '--verify', g]).code).toBe(0);
    // Same content as the UTF-8 package.
    const { manifest: gm } = await manifestOf(g);
    expect(gm.fingerprint).toBe(manifest.fingerprint);
    expect(gm.filenameEncoding).toBe('gbk');
  });
});

describe('cluster pack: refusals (exit 1, no zip, nothing left behind)', () => {
  const outside = join(tmp, 'outside-secret.pdf');
  beforeAll(() => writeFileSync(outside, '%PDF-1.4 secret'));
  const CHAIN = 'evidence/二、主导产业情况/产业链图谱.pdf';

  const cases: Array<[string, (dir: string) => string, string]> = [
    ['a path with ../ leaving the folder', () => '../outside-secret.pdf', '不允许 ..'],
    ['an absolute path', () => outside, '绝对路径'],
    [
      'a symlink leading outside the folder',
      (dir) => {
        symlinkSync(outside, join(dir, 'evidence', 'link.pdf'));
        return 'evidence/link.pdf';
      },
      '符号链接',
    ],
    ['a missing file', () => 'evidence/二、主导产业情况/没有这个文件.pdf', '佐证材料不存在'],
  ];

  for (const [title, makeRef, message] of cases) {
    it(title, () => {
      const name = `refuse-${cases.findIndex((c) => c[0] === title)}`;
      const dir = join(tmp, name);
      const f = variant(name);
      const ref = makeRef(dir);
      writeFileSync(f, readFileSync(f, 'utf8').replace(CHAIN, ref));
      const target = join(tmp, `${name}-out`, 'x.zip');
      const r = cli(['pack', f, '-o', target, '--no-progress']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('form/evidence-file');
      expect(r.stdout).toContain(message);
      expect(r.stderr).toContain('未生成报送包');
      expect(existsSync(target)).toBe(false);
      expect(noTmpLeft(join(tmp, `${name}-out`))).toEqual([]);
      if (title !== 'a missing file') {
        // Not even with --force.
        const forced = cli(['pack', f, '-o', target, '--force', '--no-progress']);
        expect(forced.code).toBe(1);
        expect(forced.stdout).toContain('pack/evidence-outside');
        expect(existsSync(target)).toBe(false);
      }
    });
  }
});

describe('cluster pack: the validation gate', () => {
  it('the failing example: exit 1, findings shown, no zip; --force writes it and records why', async () => {
    const f = variant('failing', (t) => t, 'examples/failing');
    const target = join(tmp, 'failing-out.zip');
    const r = cli(['pack', f, '-o', target, '--no-progress']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('competitiveness/output-growth');
    expect(r.stdout).toContain('错误 12');
    expect(existsSync(target)).toBe(false);

    const forced = cli(['pack', f, '-o', target, '--force', '--no-progress']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('强制打包');
    const entriesF = await readZip(target);
    const me = entriesF.find((e) => e.name.endsWith('/manifest.json'))!;
    const { manifest: m, digestOk } = parseManifest(await entryText(me));
    expect(digestOk).toBe(true);
    expect(m.validation.forced).toBe(true);
    expect(m.validation.valid).toBe(false);
    expect(m.validation.summary.error).toBe(12);
    expect(m.validation.findings.map((x) => x.ruleId)).toContain('competitiveness/output-growth');
    expect(m.omitted).toEqual([{ pointer: '/industry/brandWork/qualityModels/evidence/0', source: 'evidence/二、主导产业情况/质量管理培训记录.pdf', problem: 'missing' }]);
    expect(cli(['pack', '--verify', target]).code).toBe(0);
  });
});

describe('cluster pack --split-size', () => {
  it('--split-size makes self-contained parts that verify together and fail when one is missing', async () => {
    // Make the evidence bigger than one part: 3 × 300 KB PDFs (stored, not compressed).
    const big = variant('big');
    const bigDir = join(tmp, 'big');
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = `evidence/二、主导产业情况/大文件${i}.pdf`;
      writeFileSync(join(bigDir, p), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, i + 1)]));
      refs.push(p);
    }
    writeFileSync(big, readFileSync(big, 'utf8').replace('        - evidence/二、主导产业情况/产业链图谱.pdf', ['        - evidence/二、主导产业情况/产业链图谱.pdf', ...refs.map((p) => `        - ${p}`)].join('\n')));
    const pdir = join(tmp, 'parts2');
    const t2 = join(pdir, 'pkg.zip');
    const r2 = cli(['pack', big, '-o', t2, '--split-size', '1', '--no-progress']);
    expect(r2.code).toBe(0);
    const parts = readdirSync(pdir).sort();
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts[0]).toMatch(/^pkg-第1部分（共\d部分）\.zip$/);
    const all = new Set<string>();
    for (const p of parts) {
      expect(statSync(join(pdir, p)).size).toBeLessThanOrEqual(1_000_000);
      const es = await readZip(join(pdir, p));
      expect(es.some((e) => e.name.endsWith('/manifest.json'))).toBe(true);
      expect(es.some((e) => e.name.endsWith('/00 材料清单.pdf'))).toBe(true);
      for (const e of es) if (!e.isDirectory && !/\/(manifest\.json|00 材料清单\.(pdf|csv))$/.test(e.name)) {
        expect(all.has(e.name)).toBe(false);
        all.add(e.name);
      }
    }
    const { manifest: pm } = await manifestOf(join(pdir, parts[0]!));
    expect(pm.parts?.count).toBe(parts.length);
    expect(all.size).toBe(pm.files.filter((f) => f.kind !== 'list').length);
    // Every part given on the command line, in any order.
    const v = cli(['pack', '--verify', join(pdir, parts[1]!), ...parts.filter((_, i) => i !== 1).map((p) => join(pdir, p))]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    // Parts not given are never looked for beside the one given (a package never chooses what is read).
    const v2 = cli(['pack', '--verify', join(pdir, parts[0]!)]);
    expect(v2.code).toBe(1);
    expect(v2.stdout).toContain('未给出第 2 部分');
  });
});
