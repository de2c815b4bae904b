/**
 * `cluster pack --stamped` (#15 point 8): the scanned, stamped and signed pages (封面, 九) go first in the
 * package, are listed in the 材料清单 (PDF and CSV) and the manifest as their own kind, `--verify` says
 * whether they are present, and a scan that is not a bounded regular PDF/JPG/PNG is refused (exit 2,
 * nothing written).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEntryStream, readZip, writeZipAtomic, type ZipEntryInfo, type ZipEntryInput } from '../src/pack/zip/index.js';
import { parseManifest, type Manifest } from '../src/pack/manifest.js';
import { cli, ROOT } from './helpers/cli.js';
import { extractPdfText, squash } from './helpers/pdf-text.js';

const ROOT_DIR = '湖北省荆门市掇刀区新能源动力电池产业集群申报材料';
const tmp = mkdtempSync(join(tmpdir(), 'cluster-stamped-'));
const filingDir = join(tmp, 'jingmen');
const yaml = join(filingDir, 'cluster.yaml');
const scans = join(tmp, 'scans');
const zipPath = join(tmp, 'out', 'with-scans.zip');
const TODAY = ['--today', '2024-06-01'];

async function entryBytes(e: ZipEntryInfo): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

let run: ReturnType<typeof cli>;
let entries: ZipEntryInfo[];
let manifest: Manifest;
const cover = join(scans, '封面（盖章）.pdf');
const nine = join(scans, '九 申报单位意见.jpg');

beforeAll(async () => {
  cpSync(join(ROOT, 'examples/jingmen-battery'), filingDir, { recursive: true });
  mkdirSync(scans, { recursive: true });
  // A real two-page PDF as the scanned cover (any PDF will do: pack counts its pages), and a JPEG.
  writeFileSync(cover, readFileSync(join(filingDir, 'evidence/二、主导产业情况/产业链图谱.pdf')));
  writeFileSync(nine, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]));
  run = cli(['pack', yaml, '-o', zipPath, '--no-progress', ...TODAY, '--stamped', cover, '--stamped', nine]);
  entries = await readZip(zipPath);
  manifest = parseManifest((await entryBytes(entries.find((e) => e.name === `${ROOT_DIR}/manifest.json`)!)).toString('utf8')).manifest;
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('pack --stamped', () => {
  it('packs the scans first, under 00 盖章扫描件/, byte for byte, and says so', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('盖章扫描件 2 个，放在报送包最前（00 盖章扫描件/）');
    const files = entries.filter((e) => !e.isDirectory);
    // The first two files of the zip, in the order given.
    expect(files.slice(0, 2).map((e) => e.name.slice(ROOT_DIR.length + 1))).toEqual(['00 盖章扫描件/01-封面（盖章）.pdf', '00 盖章扫描件/02-九 申报单位意见.jpg']);
    expect((await entryBytes(files[0]!)).equals(readFileSync(cover))).toBe(true);
    expect((await entryBytes(files[1]!)).equals(readFileSync(nine))).toBe(true);
  });

  it('lists them in the manifest (kind stamped, pages of the PDF) and first in the 材料清单 CSV and PDF', async () => {
    const stamped = manifest.files.filter((f) => f.kind === 'stamped');
    expect(stamped.map((f) => f.path)).toEqual(['00 盖章扫描件/01-封面（盖章）.pdf', '00 盖章扫描件/02-九 申报单位意见.jpg']);
    expect(stamped[0]!.pages).toBeGreaterThan(0);
    expect(stamped[0]!.section).toBe('封面和“九、真实性声明及推荐意见”的盖章、签字页扫描件');
    // The first listed files (after the 材料清单 itself, which cannot list its own hash).
    expect(manifest.files.filter((f) => f.kind !== 'list').slice(0, 2)).toEqual(stamped);
    const csv = (await entryBytes(entries.find((e) => e.name === `${ROOT_DIR}/00 材料清单.csv`)!)).toString('utf8').split('\r\n');
    expect(csv[1]).toMatch(/^1,盖章扫描件,封面和“九、真实性声明及推荐意见”的盖章、签字页扫描件,,00 盖章扫描件\/01-封面（盖章）\.pdf,/);
    expect(csv[2]).toMatch(/^2,盖章扫描件,.*,00 盖章扫描件\/02-九 申报单位意见\.jpg,/);
    const pdf = await extractPdfText(await entryBytes(entries.find((e) => e.name === `${ROOT_DIR}/00 材料清单.pdf`)!));
    const flat = squash(pdf.pages.join('\n'));
    expect(flat).toContain('盖章、签字页扫描件');
    expect(flat.indexOf('01-封面（盖章）.pdf')).toBeGreaterThan(-1);
    expect(flat.indexOf('01-封面（盖章）.pdf')).toBeLessThan(flat.indexOf('01附件2中小企业特色产业集群申报表.pdf'));
  });

  it('--verify reports the scans present and intact; a package without them is said to have none', async () => {
    const v = cli(['pack', '--verify', zipPath, ...TODAY]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/盖章扫描件：2 个，均在包内且完整：01-封面（盖章）\.pdf（\d+ 页）、02-九 申报单位意见\.jpg/);
    const plain = join(tmp, 'out', 'plain.zip');
    expect(cli(['pack', yaml, '-o', plain, '--no-progress', ...TODAY]).code).toBe(0);
    const p = cli(['pack', '--verify', plain, ...TODAY]);
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('报送包中没有盖章扫描件');
    // English too.
    expect(cli(['pack', '--verify', zipPath, '--lang', 'en']).stdout).toContain('stamped scans: 2, all present and intact');
  });

  it('--verify: a scan removed from the package is reported missing (exit 1)', async () => {
    const broken = join(tmp, 'out', 'broken.zip');
    const inputs: ZipEntryInput[] = [];
    for (const e of entries) {
      if (e.name.endsWith('02-九 申报单位意见.jpg')) continue;
      inputs.push(e.isDirectory ? { name: e.name } : { name: e.name, data: await entryBytes(e) });
    }
    await writeZipAtomic(broken, inputs, { date: new Date('2024-06-12T00:00:00+08:00'), fsync: false });
    const v = cli(['pack', '--verify', broken]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('盖章扫描件：2 个，有缺失或损坏');
    expect(v.stdout).toContain('02-九 申报单位意见.jpg（缺失或损坏）');
  });

  it('is deterministic with scans', () => {
    const again = join(tmp, 'out', 'again.zip');
    expect(cli(['pack', yaml, '-o', again, '--no-progress', ...TODAY, '--stamped', cover, '--stamped', nine]).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(zipPath))).toBe(true);
  });
});

describe('pack --stamped: refusals (exit 2, no zip written)', () => {
  const attempt = (scan: string, name: string) => {
    const target = join(tmp, 'refused', `${name}.zip`);
    const r = cli(['pack', yaml, '-o', target, '--no-progress', ...TODAY, '--stamped', scan]);
    return { ...r, written: existsSync(target) };
  };

  it('a missing file, a folder, a FIFO', () => {
    const missing = attempt(join(scans, 'nope.pdf'), 'missing');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('盖章扫描件不存在');
    expect(missing.written).toBe(false);
    const dir = join(scans, 'folder.pdf');
    mkdirSync(dir, { recursive: true });
    const folder = attempt(dir, 'folder');
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/不是普通盖章扫描件/);
    const fifo = join(scans, 'pipe.pdf');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const r = attempt(fifo, 'fifo');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('管道');
      expect(r.written).toBe(false);
    }
  });

  it('a file that is not a PDF/JPG/PNG, or whose content is not what its extension says', () => {
    const word = join(scans, '封面.docx');
    writeFileSync(word, 'PK\u0003\u0004');
    const a = attempt(word, 'docx');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('盖章扫描件应为 PDF、JPG 或 PNG 文件');
    const fake = join(scans, 'fake.pdf');
    writeFileSync(fake, 'not a pdf at all');
    const b = attempt(fake, 'fake');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('文件内容不是 PDF');
    expect(b.written).toBe(false);
  });

  it('the same scan twice, and --stamped with --verify', () => {
    const twice = cli(['pack', yaml, '-o', join(tmp, 'refused', 'twice.zip'), '--no-progress', '--stamped', cover, '--stamped', cover]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('同一个盖章扫描件给了两次');
    const v = cli(['pack', '--verify', zipPath, '--stamped', cover]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('不能与 --verify 同用');
  });
});
