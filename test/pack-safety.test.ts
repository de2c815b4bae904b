/**
 * Pack packs what it checked, and interrupted runs clean up:
 * - the race: evidence swapped for a symbolic link (or another file) after the check and before the
 *   read is refused, nothing written (the swap is made deterministic by doing it from the artifact
 *   provider, which pack calls between planning and writing);
 * - a reference whose name ends in a space is packed as that very file (never dropped with exit 0);
 * - nothing about the local machine enters the package: the same filing packed from two working
 *   folders, named by different relative paths, gives the same bytes;
 * - SIGINT, SIGTERM and SIGHUP during pack remove the temporary zip (and pack's scratch folder),
 *   and a later run removes temporaries left by a killed one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { pack } from '../src/pack/index.js';
import type { ArtifactProvider } from '../src/pack/artifacts.js';
import { readZip } from '../src/pack/zip/index.js';
import { loadProfile } from '../src/profile.js';
import { BIN, ROOT } from './helpers/cli.js';
import { stubArtifacts } from './helpers/stub-artifacts.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'cluster-pack-safety-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const profile = loadProfile('national-2024');
const EVIDENCE = 'evidence/二、主导产业情况/产业链图谱.pdf';

function filingCopy(name: string): string {
  const dir = join(tmp, name);
  cpSync(join(ROOT, 'examples/jingmen-battery'), dir, { recursive: true });
  return dir;
}

const STUB: ArtifactProvider = stubArtifacts();

/** Artifacts that first do `swap` (after pack checked the evidence, before it reads it). */
const swapping = (swap: () => void): ArtifactProvider => ({
  async pdfs(input) {
    swap();
    return STUB.pdfs(input);
  },
  xlsx: STUB.xlsx,
});

describe('pack packs what it checked (the swapped-link race)', () => {
  for (const [what, swap] of [
    [
      'a symbolic link to a file outside the folder',
      (dir: string, secret: string) => {
        renameSync(join(dir, EVIDENCE), join(dir, 'evidence/moved.pdf'));
        symlinkSync(secret, join(dir, EVIDENCE));
      },
    ],
    [
      'another regular file renamed over it',
      (dir: string, secret: string) => {
        writeFileSync(join(dir, 'evidence/other.pdf'), readFileSync(secret));
        renameSync(join(dir, 'evidence/other.pdf'), join(dir, EVIDENCE));
      },
    ],
  ] as const) {
    it(`evidence swapped for ${what} after the check: refused, nothing written`, async () => {
      const dir = filingCopy(`race-${what.length}`);
      const secret = join(tmp, `secret-${what.length}.pdf`);
      writeFileSync(secret, `%PDF-1.4 SECRET ${'x'.repeat(readFileSync(join(dir, EVIDENCE)).length)}`.slice(0, readFileSync(join(dir, EVIDENCE)).length));
      const out = join(tmp, `race-out-${what.length}`);
      mkdirSync(out);
      const target = join(out, 'pkg.zip');
      const err = await pack({ file: join(dir, 'cluster.yaml'), output: target, emailLimitBytes: 50e6, profile, lang: 'zh', artifacts: swapping(() => swap(dir, secret)), fsync: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).msg.zh).toMatch(/evidence changed after it was checked/);
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('control: without a swap the same package is written', async () => {
    const dir = filingCopy('race-control');
    const target = join(tmp, 'race-control.zip');
    const r = await pack({ file: join(dir, 'cluster.yaml'), output: target, emailLimitBytes: 50e6, profile, lang: 'zh', artifacts: swapping(() => undefined), fsync: false });
    expect(r.code).toBe(0);
    expect(existsSync(target)).toBe(true);
  });
});

describe('the filing is read once (a workbook too)', () => {
  it('a workbook replaced on disk after it was read: the bytes read are the ones validated, recorded and hashed', async () => {
    const dir = filingCopy('workbook-once');
    const xlsx = join(dir, 'cluster.xlsx');
    const t = spawnSync(process.execPath, [BIN, 'template', '--from', join(dir, 'cluster.yaml'), '-o', xlsx], { encoding: 'utf8' });
    expect(t.status, t.stderr).toBe(0);
    rmSync(join(dir, 'cluster.yaml'));
    const original = readFileSync(xlsx);
    const target = join(tmp, 'workbook-once.zip');
    // Between the read and the write, the workbook becomes something else (not even a zip).
    const r = await pack({ file: xlsx, output: target, emailLimitBytes: 50e6, profile, lang: 'zh', artifacts: swapping(() => writeFileSync(xlsx, 'not a workbook any more')), fsync: false });
    expect(r.code, JSON.stringify(r.result.findings.slice(0, 3))).toBe(0);
    expect(r.manifest!.source).toEqual({ file: 'cluster.xlsx', format: 'xlsx', sha256: createHash('sha256').update(original).digest('hex') });
  });
});

describe('references and reproducibility', () => {
  it('a reference whose name ends in a space is packed as that file (validate and pack agree)', async () => {
    const dir = filingCopy('space');
    writeFileSync(join(dir, 'evidence/图谱 .pdf'), readFileSync(join(dir, EVIDENCE)));
    const f = join(dir, 'cluster.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(`        - ${EVIDENCE}`, `        - ${EVIDENCE}\n        - "evidence/图谱 .pdf"`));
    const target = join(tmp, 'space.zip');
    const r = await pack({ file: f, output: target, emailLimitBytes: 50e6, profile, lang: 'zh', artifacts: STUB, fsync: false });
    expect(r.code).toBe(0);
    expect(r.manifest!.omitted).toEqual([]);
    const item = r.manifest!.files.flatMap((x) => x.items ?? []).find((it) => it.source === 'evidence/图谱 .pdf');
    expect(item).toBeDefined();
    // And a name with a space that does not exist is an error (refused), not silently dropped.
    writeFileSync(f, readFileSync(f, 'utf8').replace('"evidence/图谱 .pdf"', `"${EVIDENCE} "`));
    const r2 = await pack({ file: f, output: join(tmp, 'space2.zip'), emailLimitBytes: 50e6, profile, lang: 'zh', artifacts: STUB, fsync: false });
    expect(r2.code).toBe(1);
    expect(r2.packed).toBe(false);
    expect(r2.result.findings.some((x) => x.ruleId === 'form/evidence-file')).toBe(true);
  });

  it('the same filing packed from two working folders gives the same bytes (no local path inside)', () => {
    const dir = filingCopy('repro');
    const a = join(tmp, 'repro-a');
    const b = join(tmp, 'repro-b', 'deeper');
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
    const env = { ...process.env, NO_COLOR: '1' };
    for (const cwd of [a, b]) {
      const r = spawnSync(process.execPath, [BIN, 'pack', relative(cwd, join(dir, 'cluster.yaml')), '-o', 'pkg.zip', '--no-progress', '--today', '2024-06-01'], { cwd, env, encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
    const za = readFileSync(join(a, 'pkg.zip'));
    expect(za.equals(readFileSync(join(b, 'pkg.zip')))).toBe(true);
    expect(za.includes(Buffer.from(tmp))).toBe(false);
  }, 120_000);
});

describe('interrupted runs clean up', () => {
  // A big evidence file keeps pack writing long enough to be interrupted mid-way.
  const dir = filingCopy('signals');
  const big = join(dir, EVIDENCE);
  const fd = openSync(big, 'w');
  writeSync(fd, '%PDF-1.4\n');
  const block = Buffer.alloc(8 * 1024 * 1024, 0x20);
  for (let i = 0; i < 32; i++) writeSync(fd, block); // 256 MB, stored (a PDF is not deflated)
  writeSync(fd, '\n%%EOF\n');
  closeSync(fd);

  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it.skipIf(process.platform === 'win32')(`${sig} during pack removes the temporary zip and scratch folder`, async () => {
      const out = join(tmp, `sig-${sig}`);
      const scratch = join(tmp, `scratch-${sig}`);
      mkdirSync(out);
      mkdirSync(scratch);
      const child = spawn(process.execPath, [BIN, 'pack', join(dir, 'cluster.yaml'), '-o', join(out, 'pkg.zip'), '--no-progress', '--today', '2024-06-01'], {
        env: { ...process.env, NO_COLOR: '1', TMPDIR: scratch },
        stdio: 'ignore',
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
      // Wait for the temporary zip to appear, then interrupt.
      let seen = false;
      const t0 = Date.now();
      while (Date.now() - t0 < 60_000) {
        if (readdirSync(out).some((f) => f.endsWith('.tmp'))) {
          seen = true;
          break;
        }
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(seen, 'the temporary zip appeared').toBe(true);
      child.kill(sig);
      const r = await exited;
      // Re-raised: the process ends by the signal itself, as a shell expects (exit status 128+n).
      expect(r.signal).toBe(sig);
      expect(readdirSync(out)).toEqual([]);
      expect(readdirSync(scratch)).toEqual([]);
    }, 90_000);
  }

  it('a later run removes temporaries of a killed run (never those of a live process)', () => {
    const out = join(tmp, 'stale');
    mkdirSync(out);
    let dead = 999_999;
    for (;;) {
      try {
        process.kill(dead, 0);
        dead--;
      } catch {
        break;
      }
    }
    const stale = `.pkg.zip.${dead}.deadbeef.tmp`;
    const live = `.pkg.zip.${process.pid}.cafe0000.tmp`;
    const other = `.other.zip.${dead}.deadbeef.tmp`;
    for (const n of [stale, live, other]) writeFileSync(join(out, n), 'partial');
    const small = filingCopy('stale-filing');
    const r = spawnSync(process.execPath, [BIN, 'pack', join(small, 'cluster.yaml'), '-o', join(out, 'pkg.zip'), '--no-progress', '--today', '2024-06-01'], { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([live, other, 'pkg.zip'].sort());
  }, 120_000);
});
