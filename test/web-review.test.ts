/**
 * Review (复核) filings in the page's core, in Node through the page host: the review forms
 * (`cluster render`), the batch's review summary (`cluster summary … -o x.pdf`) and the annual report
 * (`cluster annual --year Y --pdf`) are the CLI's bytes. The browser runs the same in test/web-e2e.test.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annualPdf, annualYears, check, renderPdfs, setHost, summaryPdf, type Checked } from '../src/core.js';
import { CliError } from '../src/errors.js';
import { nodeHost } from '../src/host-node.js';
import type { SchemaValidator } from '../src/host.js';
import { createWebHost, FONT_FILES, INPUT_ROOT } from '../src/web/host.js';
import { cli, ROOT } from './helpers/cli.js';

const out = mkdtempSync(join(tmpdir(), 'cluster-webreview-'));
afterAll(() => {
  setHost(nodeHost);
  rmSync(out, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

async function pageChecked(...names: string[]): Promise<Checked[]> {
  const profiles: Record<string, string> = {};
  for (const f of readdirSync(join(ROOT, 'templates/profiles'))) if (f.endsWith('.yaml')) profiles[f.slice(0, -5)] = readFileSync(join(ROOT, 'templates/profiles', f), 'utf8');
  const validator = createRequire(import.meta.url)(join(ROOT, 'dist/schema/validator.cjs')) as SchemaValidator;
  const h = createWebHost({ profiles, validator, coverage: nodeHost.fontCoverage(), loadPdfKit: () => nodeHost.loadPdfKit(), yaml: await import('yaml') });
  const fonts = nodeHost.defaultFontFiles();
  h.put(FONT_FILES.regular, readFileSync(fonts.regular));
  h.put(FONT_FILES.bold, readFileSync(fonts.bold));
  h.put(FONT_FILES.heading, readFileSync(fonts.heading!));
  for (const n of names) for (const f of filesUnder(join(ROOT, 'examples', n))) h.put(`${INPUT_ROOT}/${n}/${f}`, readFileSync(join(ROOT, 'examples', n, f)));
  setHost(h);
  const got: Checked[] = [];
  for (const n of names) got.push(await check({ file: `${n}/cluster.yaml`, dir: `${INPUT_ROOT}/${n}`, bytes: readFileSync(join(ROOT, 'examples', n, 'cluster.yaml')), lang: 'zh' }));
  return got;
}

function same(page: Uint8Array, file: string): void {
  const want = readFileSync(file);
  expect(page.length, file).toBe(want.length);
  expect(Buffer.from(page).equals(want), file).toBe(true);
}

describe('review filings in the page', () => {
  it('the review forms, the review summary and the annual report: the CLI bytes', async () => {
    const env = { SOURCE_DATE_EPOCH: '' };
    const r = cli(['render', 'examples/review-2026/cluster.yaml', '-o', join(out, 'render'), '--quiet'], { env });
    expect(r.code, r.stderr).toBe(1); // the example has errors: drafts, as in the page
    const s = cli(['summary', 'examples/review-2026/cluster.yaml', '-o', join(out, 'summary.pdf'), '--quiet'], { env });
    expect(s.code, s.stderr).toBe(0);
    const a = cli(['annual', 'examples/review-2026/cluster.yaml', '--year', '2024', '--pdf', '-o', join(out, 'annual'), '--quiet'], { env });
    expect(a.code, a.stderr).toBe(0);

    const [c] = await pageChecked('review-2026');
    expect(c!.profile.kind).toBe('review');
    const { pdfs } = await renderPdfs(c!, 'zh');
    expect(pdfs.map((p) => p.name).sort()).toEqual(readdirSync(join(out, 'render')).sort());
    for (const p of pdfs) same(p.data, join(out, 'render', p.name));

    const sum = await summaryPdf([c!], {}, { lang: 'zh' });
    same(sum.data, join(out, 'summary.pdf'));

    expect(annualYears(c!)).toEqual(c!.profile.dataYears);
    const rep = await annualPdf(c!, 2024, 'zh');
    expect(readdirSync(join(out, 'annual'))).toContain(rep.name);
    same(rep.data, join(out, 'annual', rep.name));
  }, 120_000);

  it('two batches, or reviews mixed with applications: the CLI message', async () => {
    const both = cli(['summary', 'examples/review-2026/cluster.yaml', 'examples/review-2027/cluster.yaml', '-o', join(out, 'x.pdf')]);
    expect(both.code).toBe(2);
    const [a, b, app] = await pageChecked('review-2026', 'review-2027', 'jingmen-battery');
    const message = async (list: Checked[]) => {
      try {
        await summaryPdf(list, {}, { lang: 'zh' });
      } catch (e) {
        expect(e).toBeInstanceOf(CliError);
        return `cluster: ${(e as CliError).text('zh')}\n`;
      }
      throw new Error('no error');
    };
    expect(await message([a!, b!])).toBe(both.stderr);
    const mixed = cli(['summary', 'review-2026/cluster.yaml', 'jingmen-battery/cluster.yaml', '-o', join(out, 'y.pdf')], { cwd: join(ROOT, 'examples') });
    expect(mixed.code).toBe(2);
    expect(await message([a!, app!])).toBe(mixed.stderr);
    // An application has no annual report.
    expect(annualYears(app!)).toEqual([]);
    await expect(annualPdf(app!, 2024, 'zh')).rejects.toThrow(/cluster init --review/);
  }, 120_000);
});
