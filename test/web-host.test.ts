/**
 * The page's face in Node: the core driven through the browser host (src/web/host.ts: files in memory,
 * profiles and validator supplied, pdfkit's browser build) gives the same findings JSON and the same
 * PDF bytes as the CLI on the same filing. The browser itself is tested in test/web-e2e.test.ts.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, metricRows, packFiling, renderPdfs, renderWord, setHost, verifyText, verifyZip } from '../src/core.js';
import { nodeHost } from '../src/host-node.js';
import type { SchemaValidator } from '../src/host.js';
import { createWebHost, FONT_FILES, INPUT_ROOT } from '../src/web/host.js';
import { readZip } from '../src/pack/zip/index.js';
import { EVIDENCE_DIR } from '../src/pack/layout.js';
import { cli, ROOT } from './helpers/cli.js';

const TODAY = '2024-06-01';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

async function webHost() {
  const profiles: Record<string, string> = {};
  for (const f of readdirSync(join(ROOT, 'templates/profiles'))) if (f.endsWith('.yaml')) profiles[f.slice(0, -5)] = readFileSync(join(ROOT, 'templates/profiles', f), 'utf8');
  const validator = createRequire(import.meta.url)(join(ROOT, 'dist/schema/validator.cjs')) as SchemaValidator;
  const h = createWebHost({ profiles, validator, coverage: nodeHost.fontCoverage(), loadPdfKit: () => nodeHost.loadPdfKit(), yaml: await import('yaml') });
  const ex = join(ROOT, 'examples/jingmen-battery');
  for (const f of filesUnder(ex)) h.put(`${INPUT_ROOT}/jingmen-battery/${f}`, readFileSync(join(ex, f)));
  const fonts = nodeHost.defaultFontFiles();
  h.put(FONT_FILES.regular, readFileSync(fonts.regular));
  h.put(FONT_FILES.bold, readFileSync(fonts.bold));
  h.put(FONT_FILES.heading, readFileSync(fonts.heading!));
  return h;
}

const out = mkdtempSync(join(tmpdir(), 'cluster-webhost-'));
afterAll(() => {
  setHost(nodeHost);
  rmSync(out, { recursive: true, force: true });
});

describe('the core through the page host, in Node', () => {
  it('same findings JSON and the same PDF bytes as the CLI', async () => {
    const cliJson = cli(['validate', 'examples/jingmen-battery/cluster.yaml', '--format', 'json', '--today', TODAY]);
    expect(cliJson.code).toBe(0);
    const r = cli(['render', 'examples/jingmen-battery/cluster.yaml', '-o', out, '--quiet'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(r.stderr).toBe('');

    setHost(await webHost());
    const file = `${INPUT_ROOT}/jingmen-battery/cluster.yaml`;
    const bytes = readFileSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml'));
    const c = await check({ file, dir: `${INPUT_ROOT}/jingmen-battery`, bytes, lang: 'zh', today: TODAY });
    const page = JSON.parse(c.json) as { results: Array<{ file: string }> };
    const expected = JSON.parse(cliJson.stdout) as { results: Array<{ file: string }> };
    page.results[0]!.file = expected.results[0]!.file;
    expect(page).toEqual(expected);
    // An evidence file the filing cites is checked in the picked folder: remove one and it is reported.
    expect(c.result.findings.filter((f) => f.ruleId === 'form/evidence-file')).toEqual([]);
    expect(metricRows(c, 'zh').find((m) => m.id === 'outputCagr')).toMatchObject({ verdict: 'pass', threshold: '> 10%' });

    const { pdfs } = await renderPdfs(c, 'zh');
    const names = readdirSync(out).sort();
    expect(pdfs.map((p) => p.name).sort()).toEqual(names);
    for (const p of pdfs) {
      const cliBytes = readFileSync(join(out, p.name));
      expect(p.data.length, p.name).toBe(cliBytes.length);
      expect(Buffer.from(p.data).equals(cliBytes), p.name).toBe(true);
    }
  });

  it('a filled workbook: the same findings JSON as the CLI (the reader core with fflate inflating)', async () => {
    // The example as a workbook, written beside a copy of its evidence (template --from).
    const dir = join(out, 'jb');
    cpSync(join(ROOT, 'examples/jingmen-battery'), dir, { recursive: true });
    const book = join(dir, '示例.xlsx');
    const w = cli(['template', '--from', join(dir, 'cluster.yaml'), '-o', book, '--quiet']);
    expect(w.code, w.stderr).toBe(0);
    const cliJson = cli(['validate', book, '--format', 'json', '--today', TODAY]);
    expect(cliJson.code, cliJson.stderr).toBe(0);
    const h = await webHost();
    for (const f of filesUnder(dir)) h.put(`${INPUT_ROOT}/jb/${f}`, readFileSync(join(dir, f)));
    setHost(h);
    const c = await check({ file: 'jb/示例.xlsx', dir: `${INPUT_ROOT}/jb`, bytes: readFileSync(book), lang: 'zh', today: TODAY });
    const page = JSON.parse(c.json) as { results: Array<{ file: string; findings: Array<{ sheet?: string }> }> };
    const expected = JSON.parse(cliJson.stdout) as { results: Array<{ file: string }> };
    page.results[0]!.file = expected.results[0]!.file;
    expect(page).toEqual(expected);
    expect(c.loaded?.format).toBe('xlsx');
    // A workbook cell the reader refuses is named by sheet and cell, as in the CLI.
    const bad = await check({ file: 'jb/坏.xlsx', dir: `${INPUT_ROOT}/jb`, bytes: new TextEncoder().encode('not a zip'), lang: 'zh' });
    expect(bad.result.findings[0]).toMatchObject({ ruleId: 'input/unreadable' });
    expect(bad.result.findings[0]!.message).toContain('不是 .xlsx 工作簿');
  });

  it('a missing evidence file and a malformed YAML get the CLI messages', async () => {
    const h = await webHost();
    setHost(h);
    const dir = `${INPUT_ROOT}/jingmen-battery`;
    const cited = h.files().find((f) => f.startsWith(`${dir}/evidence/`) && !f.endsWith('说明.txt'))!;
    h.clear(`${dir}/evidence`);
    const bytes = readFileSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml'));
    const c = await check({ file: `${dir}/cluster.yaml`, dir, bytes, lang: 'zh', today: TODAY });
    const missing = c.result.findings.filter((f) => f.ruleId === 'form/evidence-file');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.some((f) => f.message.includes(relative(dir, cited).split('/').pop()!) || f.message.includes('不存在'))).toBe(true);

    const bad = await check({ file: `${dir}/cluster.yaml`, dir, bytes: new TextEncoder().encode('cover:\n  name: [\n'), lang: 'zh' });
    expect(bad.result.findings).toHaveLength(1);
    expect(bad.result.findings[0]).toMatchObject({ ruleId: 'input/unreadable', line: expect.any(Number) });
  });

  it('pack: the same zip bytes as `cluster pack` (the one deflate, the host\'s SHA-256, the same patched headers)', async () => {
    const zip = join(out, 'cli-package.zip');
    const r = cli(['pack', 'examples/jingmen-battery/cluster.yaml', '-o', zip, '--no-progress', '--quiet'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(r.code, r.stderr).toBe(0);
    const cliBytes = readFileSync(zip);

    setHost(await webHost());
    const p = await packFiling({ file: `${INPUT_ROOT}/jingmen-battery/cluster.yaml`, lang: 'zh' });
    expect(p.result.packed).toBe(true);
    expect(p.zips).toHaveLength(1);
    expect(p.zips[0]!.name).toBe(`${p.result.manifest!.root}.zip`);
    // Deflated entries are in it (the YAML, the CSV, the manifest): the deflate is compared too.
    const deflated = (await readZip({ name: 'cli.zip', data: cliBytes })).filter((e) => e.method === 'deflate').map((e) => e.name.slice(e.name.lastIndexOf('/') + 1));
    expect(deflated).toEqual(expect.arrayContaining(['cluster.yaml', '00 材料清单.csv', 'manifest.json']));
    expect(p.zips[0]!.data.length).toBe(cliBytes.length);
    expect(Buffer.from(p.zips[0]!.data).equals(cliBytes)).toBe(true);
  });

  it('pack refuses a filing with errors as the CLI does; --force packs it, the same bytes', async () => {
    const zip = join(out, 'failing.zip');
    const refused = cli(['pack', 'examples/failing/cluster.yaml', '-o', zip, '--no-progress', '--quiet']);
    expect(refused.code).toBe(1);
    const forced = cli(['pack', 'examples/failing/cluster.yaml', '-o', zip, '--no-progress', '--quiet', '--force'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(forced.code, forced.stderr).toBe(0);

    const h = await webHost();
    const ex = join(ROOT, 'examples/failing');
    for (const f of filesUnder(ex)) h.put(`${INPUT_ROOT}/failing/${f}`, readFileSync(join(ex, f)));
    setHost(h);
    const no = await packFiling({ file: `${INPUT_ROOT}/failing/cluster.yaml`, lang: 'zh' });
    expect(no.result.packed).toBe(false);
    expect(no.zips).toEqual([]);
    expect(no.result.refusal!.zh).toContain('校验发现错误');
    const yes = await packFiling({ file: `${INPUT_ROOT}/failing/cluster.yaml`, lang: 'zh', force: true });
    expect(Buffer.from(yes.zips[0]!.data).equals(readFileSync(zip))).toBe(true);
  });

  it('render --docx: the same Word bytes as the CLI', async () => {
    const dir = join(out, 'docx');
    const r = cli(['render', 'examples/jingmen-battery/cluster.yaml', '--docx', '-o', dir, '--quiet'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(r.code, r.stderr).toBe(0);
    const names = readdirSync(dir).sort();
    expect(names.length).toBe(2);

    setHost(await webHost());
    const file = `${INPUT_ROOT}/jingmen-battery/cluster.yaml`;
    const c = await check({ file, dir: `${INPUT_ROOT}/jingmen-battery`, bytes: readFileSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml')), lang: 'zh', today: TODAY });
    const docs = await renderWord(c, 'zh');
    expect(docs.map((d) => d.name).sort()).toEqual(names);
    for (const d of docs) expect(Buffer.from(d.data).equals(readFileSync(join(dir, d.name))), d.name).toBe(true);
  });

  it('pack --verify: the same report as the CLI for a good package and a tampered one', async () => {
    const zip = join(out, 'to-verify.zip');
    expect(cli(['pack', 'examples/jingmen-battery/cluster.yaml', '-o', zip, '--no-progress', '--quiet']).code).toBe(0);
    const good = readFileSync(zip);
    // Tampered: one byte of a stored PDF's data changed (its CRC and hash no longer match).
    const entries = await readZip({ name: 'z.zip', data: good });
    const pdf = entries.find((e) => e.method === 'store' && e.name.endsWith('.pdf') && e.name.includes(`/${EVIDENCE_DIR}/`))!;
    expect(pdf).toBeDefined();
    const bad = Buffer.from(good);
    const at = pdf.offset + 30 + bad.readUInt16LE(pdf.offset + 26) + bad.readUInt16LE(pdf.offset + 28) + Math.floor(pdf.compressedSize / 2);
    bad[at] = bad[at]! ^ 0xff;
    const badZip = join(out, 'tampered.zip');
    writeFileSync(badZip, bad);

    const cliGood = cli(['pack', '--verify', zip]);
    const cliBad = cli(['pack', '--verify', badZip]);
    expect(cliGood.code).toBe(0);
    expect(cliBad.code).toBe(1);

    const h = await webHost();
    h.put('/in/received/good.zip', good);
    h.put('/in/received/bad.zip', bad);
    setHost(h);
    const rGood = await verifyZip('/in/received/good.zip', 'zh');
    const rBad = await verifyZip('/in/received/bad.zip', 'zh');
    expect(rGood.code).toBe(0);
    expect(rBad.code).toBe(1);
    expect(rBad.problems.map((p) => p.path)).toContain(pdf.name.slice(pdf.name.indexOf('/') + 1));
    // The same lines as the CLI prints (the file name is shown as each face knows it).
    expect(verifyText(rGood, { lang: 'zh', shown: () => zip }).stdout).toBe(cliGood.stdout);
    expect(verifyText(rBad, { lang: 'zh', shown: () => badZip }).stdout).toBe(cliBad.stdout);
    // Not a zip: the CLI's message, code 2.
    h.put('/in/received/not.zip', new TextEncoder().encode('not a zip at all, just text'));
    const rNot = await verifyZip('/in/received/not.zip', 'zh');
    expect(rNot.code).toBe(2);
    expect(verifyText(rNot, { lang: 'zh' }).stderr).toContain('不是 zip');
  });
});
