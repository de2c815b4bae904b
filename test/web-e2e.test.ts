/**
 * The page in a real browser (Debian's Chromium through playwright-core; never a downloaded browser):
 * opened from file://, the example filing picked as a folder and as a zip, the findings compared with
 * the CLI's JSON, the PDFs downloaded and compared byte for byte with `cluster render`'s, a bad file
 * shown as the CLI's message, and no network request at all. Skipped (with a message) when no Chromium
 * is installed: `.ci/run` installs it (apt-get install chromium) and runs this file.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/cli.js';

const CHROMIUM = process.env.CLUSTER_CHROMIUM ?? '/usr/bin/chromium';
const have = existsSync(CHROMIUM);
if (!have) console.warn(`web-e2e: skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CLUSTER_CHROMIUM)`);

// .ci/run names the browser it installed: there a missing browser is a failure, not a skip.
describe.runIf(process.env.CLUSTER_CHROMIUM !== undefined && !have)('the browser CI installed', () => {
  it('exists', () => expect(existsSync(CHROMIUM), CHROMIUM).toBe(true));
});

type Browser = import('playwright-core').BrowserContext;
type Page = import('playwright-core').Page;

const work = mkdtempSync(join(tmpdir(), 'cluster-web-e2e-'));
const site = join(work, 'site');
let ctx: Browser;
const requests: string[] = [];

async function open(): Promise<Page> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(site, 'index.html')).href);
  await page.waitForSelector('#pick-folder', { state: 'attached' });
  expect(errors).toEqual([]);
  return page;
}

async function downloadBytes(page: Page, selector: string): Promise<{ name: string; data: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await d.path();
  return { name: d.suggestedFilename(), data: readFileSync(path) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

describe.skipIf(!have)('the offline page in Chromium', () => {
  beforeAll(async () => {
    const w = cli(['web', '-o', site]);
    expect(w.code, w.stderr).toBe(0);
    const { chromium } = await import('playwright-core');
    ctx = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
    });
    // Anything but the page's own files is a network request: recorded and refused.
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('from file://: the example folder gives the CLI findings JSON and the CLI PDF bytes', async () => {
    const page = await open();
    await page.setInputFiles('#pick-folder', join(ROOT, 'examples/jingmen-battery'));
    await page.waitForSelector('.filing a.json');
    const json = await downloadBytes(page, '.filing a.json');
    const expected = cli(['validate', 'examples/jingmen-battery/cluster.yaml', '--format', 'json']);
    const got = JSON.parse(json.data.toString('utf8'));
    const want = JSON.parse(expected.stdout);
    expect(got.results[0].file).toBe('jingmen-battery/cluster.yaml');
    got.results[0].file = want.results[0].file;
    expect(got).toEqual(want);
    // Findings grouped by form section, metrics with formulas and verdicts.
    expect(await page.locator('.metrics tbody tr').count()).toBeGreaterThan(5);
    expect(await page.locator('.metrics').innerText()).toContain('符合');

    const out = join(work, 'cli-pdf');
    const r = cli(['render', 'examples/jingmen-battery/cluster.yaml', '-o', out, '--quiet'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(r.code, r.stderr).toBe(0);
    await page.click('.filing .actions button');
    await page.waitForSelector('.downloads a', { timeout: 120_000 });
    const links = page.locator('.downloads a');
    const n = await links.count();
    expect(n).toBe(readdirSync(out).length);
    for (let i = 0; i < n; i++) {
      const d = await downloadBytes(page, `.downloads li:nth-child(${i + 1}) a`);
      const cliBytes = readFileSync(join(out, d.name));
      expect(d.data.length, d.name).toBe(cliBytes.length);
      expect(d.data.equals(cliBytes), d.name).toBe(true);
    }
    await page.close();
  }, 240_000);

  it('a filled Excel workbook in the folder: its findings JSON is the CLI’s too', async () => {
    const dir = join(work, 'jb');
    cpSync(join(ROOT, 'examples/jingmen-battery'), dir, { recursive: true });
    const w = cli(['template', '--from', join(dir, 'cluster.yaml'), '-o', join(dir, '示例.xlsx'), '--quiet']);
    expect(w.code, w.stderr).toBe(0);
    const page = await open();
    await page.setInputFiles('#pick-folder', dir);
    await page.waitForSelector('.filing:nth-of-type(2) a.json');
    const cards = page.locator('.filing');
    expect(await cards.count()).toBe(2);
    for (const [i, name] of [[1, 'cluster.yaml'], [2, '示例.xlsx']] as const) {
      const json = JSON.parse((await downloadBytes(page, `.filing:nth-of-type(${i}) a.json`)).data.toString('utf8'));
      expect(json.results[0].file).toBe(`jb/${name}`);
      const want = JSON.parse(cli(['validate', join(dir, name), '--format', 'json']).stdout);
      json.results[0].file = want.results[0].file;
      expect(json, name).toEqual(want);
    }
    await page.close();
  }, 240_000);

  it('a zip of the folder is read the same way; the 汇总表 PDF is made', async () => {
    const ex = join(ROOT, 'examples/jingmen-battery');
    const entries: Record<string, Uint8Array> = {};
    for (const f of filesUnder(ex)) entries[`jingmen-battery/${f}`] = readFileSync(join(ex, f));
    const zip = join(work, '申报材料.zip');
    writeFileSync(zip, zipSync(entries));
    const page = await open();
    await page.setInputFiles('#pick-files', zip);
    await page.waitForSelector('.filing a.json');
    expect(await page.locator('.filing p.ok').first().innerText()).toContain('错误 0 个');
    await page.fill('#city', '荆门市经济和信息化局');
    await page.click('.summary button');
    await page.waitForSelector('.summary a', { timeout: 120_000 });
    const d = await downloadBytes(page, '.summary a');
    expect(d.name).toMatch(/汇总表\.pdf$/);
    expect(d.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.close();
  }, 240_000);

  it('a malformed filing shows the CLI message with its line, never a blank page', async () => {
    const bad = join(work, 'bad');
    rmSync(bad, { recursive: true, force: true });
    const dir = join(bad, 'broken');
    (await import('node:fs')).mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cluster.yaml'), 'cover:\n  name: [\n');
    const expected = JSON.parse(cli(['validate', join(dir, 'cluster.yaml'), '--format', 'json']).stdout).results[0].findings[0];
    const page = await open();
    await page.setInputFiles('#pick-folder', dir);
    await page.waitForSelector('.filing .findings td');
    const text = await page.locator('.filing .findings').innerText();
    expect(text).toContain(expected.message);
    expect(text).toContain(`cluster.yaml:${expected.line}`);
    // A folder without any filing: a clear message.
    const empty = join(bad, 'nothing');
    (await import('node:fs')).mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'readme.txt'), 'x');
    await page.setInputFiles('#pick-folder', empty);
    await page.waitForSelector('#alert .error');
    expect(await page.locator('#alert').innerText()).toContain('没有找到申报文件');
    await page.close();
  }, 120_000);

  it('made no network request', () => {
    expect(requests).toEqual([]);
  });
});
