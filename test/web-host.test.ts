/**
 * The page's face in Node: the core driven through the browser host (src/web/host.ts: files in memory,
 * profiles and validator supplied, pdfkit's browser build) gives the same findings JSON and the same
 * PDF bytes as the CLI on the same filing. The browser itself is tested in test/web-e2e.test.ts.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, metricRows, renderPdfs, setHost } from '../src/core.js';
import { nodeHost } from '../src/host-node.js';
import type { SchemaValidator } from '../src/host.js';
import { createWebHost, FONT_FILES, INPUT_ROOT } from '../src/web/host.js';
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
});
