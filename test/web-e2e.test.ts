/**
 * The page in real browsers, driven by playwright-core (never a downloaded browser): Debian's Chromium
 * over CDP and Debian's firefox-esr over WebDriver BiDi (playwright's `moz-firefox` channel). In each:
 * opened from file://, the example filing picked as a folder and as a zip, the findings compared with
 * the CLI's JSON, the PDFs downloaded and compared byte for byte with `cluster render`'s, a bad file
 * shown as the CLI's message, and no network request at all. A browser that is not installed is skipped
 * (with a message); `.ci/run` installs both and names them (CLUSTER_CHROMIUM, CLUSTER_FIREFOX), and a
 * browser named there that is missing or does not start is a failure.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/cli.js';

type Context = import('playwright-core').BrowserContext;
type Page = import('playwright-core').Page;

interface BrowserUnderTest {
  name: string;
  /** The environment variable that names (and so requires) this browser. */
  env: string;
  path: string;
  launch(dir: string): Promise<{ ctx: Context; close(): Promise<void> }>;
  /** Gives the page's folder input a folder, as the user's folder dialog would. */
  pickFolder(page: Page, dir: string): Promise<void>;
  /** Clicks a download link and returns the file the browser saved. */
  download(page: Page, selector: string): Promise<{ name: string; data: Buffer }>;
}

const VIEWPORT = { width: 1366, height: 768 };
let firefoxDownloads: string | undefined;

const BROWSERS: BrowserUnderTest[] = [
  {
    name: 'Chromium',
    env: 'CLUSTER_CHROMIUM',
    path: process.env.CLUSTER_CHROMIUM ?? '/usr/bin/chromium',
    async launch(dir) {
      const { chromium } = await import('playwright-core');
      const ctx = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
        executablePath: this.path,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: VIEWPORT,
        acceptDownloads: true,
      });
      return { ctx, close: () => ctx.close() };
    },
    pickFolder: (page, dir) => page.setInputFiles('#pick-folder', dir),
    async download(page, selector) {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      return { name: d.suggestedFilename(), data: readFileSync(await d.path()) };
    },
  },
  {
    name: 'Firefox',
    env: 'CLUSTER_FIREFOX',
    path: process.env.CLUSTER_FIREFOX ?? '/usr/bin/firefox-esr',
    async launch(dir) {
      // Stock Firefox speaks WebDriver BiDi; playwright-core drives it through the moz-firefox channel
      // (its persistent-context launch hangs with Firefox 153: a fresh browser and a new context instead).
      const { firefox } = await import('playwright-core');
      const browser = await firefox.launch({
        channel: 'moz-firefox',
        executablePath: this.path,
        headless: true,
        timeout: 90_000,
        // Downloads go where the test reads them (by default Firefox saves to ~/Downloads).
        firefoxUserPrefs: { ...FIREFOX_QUIET, 'browser.download.folderList': 2, 'browser.download.dir': (firefoxDownloads = mkdtempSync(join(dir, 'downloads-'))) },
      });
      const ctx = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
      return { ctx, close: () => browser.close() };
    },
    async pickFolder(page, dir) {
      // Firefox's WebDriver BiDi cannot fill a webkitdirectory input: input.setFiles builds each file with
      // File.createFromFileName, which refuses a directory ("unsupported operation", Firefox 153). So the
      // test stands in for the native folder dialog only: the folder's files, each with the
      // webkitRelativePath Firefox's dialog gives it (folder/sub/file), set on the input and its change
      // event fired. Everything after the dialog is the page's own code in Firefox.
      const root = basename(dir);
      const files = filesUnder(dir).map((f) => ({ path: `${root}/${f.split(sep).join('/')}`, b64: readFileSync(join(dir, f)).toString('base64') }));
      await page.locator('#pick-folder').evaluate((input: HTMLInputElement, list) => {
        const dt = new DataTransfer();
        for (const { path, b64 } of list) {
          const bin = atob(b64);
          const bytes = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
          const f = new File([bytes], path.split('/').pop()!);
          Object.defineProperty(f, 'webkitRelativePath', { value: path });
          dt.items.add(f);
        }
        input.files = dt.files;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, files);
    },
    async download(page, selector) {
      // Firefox 153 reports a download from <a download href=blob:…> with no navigation id, which
      // playwright's BiDi client drops: no download event. The file Firefox saved is read instead.
      const name = await page.locator(selector).getAttribute('download');
      expect(name, selector).toBeTruthy();
      const dir = firefoxDownloads!;
      const before = new Set(readdirSync(dir));
      await page.click(selector);
      // Firefox creates an empty NAME as a placeholder, writes NAME.part, then moves it over NAME; a
      // name taken already becomes NAME(1).ext. Read once no .part is left and the file is non-empty
      // and the same size on two looks 100 ms apart (no download here is empty: an empty read was a
      // placeholder caught before the .part appeared).
      const deadline = Date.now() + 60_000;
      let seen = -1;
      for (;;) {
        const all = readdirSync(dir);
        const fresh = all.filter((f) => !before.has(f) && !f.endsWith('.part'));
        if (fresh.length === 1 && !all.some((f) => f.endsWith('.part'))) {
          const ext = extname(name!);
          expect(fresh[0]!.startsWith(name!.slice(0, name!.length - ext.length)) && fresh[0]!.endsWith(ext), `${fresh[0]} for ${name}`).toBe(true);
          const size = statSync(join(dir, fresh[0]!)).size;
          if (size > 0 && size === seen) return { name: name!, data: readFileSync(join(dir, fresh[0]!)) };
          seen = size;
        } else seen = -1;
        expect(fresh.length, fresh.join(', ')).toBeLessThanOrEqual(1);
        if (Date.now() > deadline) throw new Error(`Firefox saved no ${name} in ${dir}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  },
];

/** Firefox's own background traffic off: the test is about the page, and the machine may be offline. */
const FIREFOX_QUIET: Record<string, string | number | boolean> = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'services.settings.server': 'data:,',
  'extensions.update.enabled': false,
  'browser.download.useDownloadDir': true,
};

for (const b of BROWSERS) {
  const have = existsSync(b.path);
  const named = process.env[b.env] !== undefined;
  if (!have && !named) console.warn(`web-e2e: ${b.name} skipped: nothing at ${b.path} (apt-get install ${b.name === 'Firefox' ? 'firefox-esr' : 'chromium'}, or set ${b.env})`);
  // .ci/run names the browsers it installed: there a missing browser is a failure, not a skip.
  describe.runIf(named && !have)(`the browser CI installed: ${b.name}`, () => {
    it('exists', () => expect(existsSync(b.path), b.path).toBe(true));
  });
  describe.skipIf(!have)(`the offline page in ${b.name}`, () => scenarios(b));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

function scenarios(b: BrowserUnderTest): void {
  const work = mkdtempSync(join(tmpdir(), `cluster-web-e2e-${b.name.toLowerCase()}-`));
  const site = join(work, 'site');
  let ctx: Context;
  let close: (() => Promise<void>) | undefined;
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

  const downloadBytes = (page: Page, selector: string) => b.download(page, selector);

  beforeAll(async () => {
    const w = cli(['web', '-o', site]);
    expect(w.code, w.stderr).toBe(0);
    ({ ctx, close } = await b.launch(work));
    // Anything but the page's own files is a network request: recorded and refused.
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
  }, 120_000);

  afterAll(async () => {
    await close?.();
    rmSync(work, { recursive: true, force: true });
  });

  it('from file://: the example folder gives the CLI findings JSON and the CLI PDF bytes', async () => {
    const page = await open();
    await b.pickFolder(page, join(ROOT, 'examples/jingmen-battery'));
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

  it('the Excel template downloads: the bytes `cluster web` wrote beside the page', async () => {
    const page = await open();
    const d = await downloadBytes(page, 'a.template');
    expect(d.name).toBe('申报表模板.xlsx');
    expect(d.data.equals(readFileSync(join(site, '申报表模板.xlsx')))).toBe(true);
    await page.close();
  });

  it('a filled Excel workbook in the folder: its findings JSON is the CLI’s too', async () => {
    const dir = join(work, 'jb');
    cpSync(join(ROOT, 'examples/jingmen-battery'), dir, { recursive: true });
    const w = cli(['template', '--from', join(dir, 'cluster.yaml'), '-o', join(dir, '示例.xlsx'), '--quiet']);
    expect(w.code, w.stderr).toBe(0);
    const page = await open();
    await b.pickFolder(page, dir);
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
    // Picked through the browser's own file input (a real file, in every browser): the CLI's findings.
    const got = JSON.parse((await downloadBytes(page, '.filing a.json')).data.toString('utf8'));
    const want = JSON.parse(cli(['validate', 'examples/jingmen-battery/cluster.yaml', '--format', 'json']).stdout);
    expect(got.results[0].file).toBe('jingmen-battery/cluster.yaml');
    got.results[0].file = want.results[0].file;
    expect(got).toEqual(want);
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
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cluster.yaml'), 'cover:\n  name: [\n');
    const expected = JSON.parse(cli(['validate', join(dir, 'cluster.yaml'), '--format', 'json']).stdout).results[0].findings[0];
    const page = await open();
    await b.pickFolder(page, dir);
    await page.waitForSelector('.filing .findings td');
    const text = await page.locator('.filing .findings').innerText();
    expect(text).toContain(expected.message);
    expect(text).toContain(`cluster.yaml:${expected.line}`);
    // A folder without any filing: a clear message.
    const empty = join(bad, 'nothing');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'readme.txt'), 'x');
    await b.pickFolder(page, empty);
    await page.waitForSelector('#alert .error');
    expect(await page.locator('#alert').innerText()).toContain('没有找到申报文件');
    await page.close();
  }, 120_000);

  it('a cluster.config.yaml in the folder judges as the CLI does; a broken one gets the CLI message', async () => {
    const proj = join(work, 'proj');
    rmSync(proj, { recursive: true, force: true });
    cpSync(join(ROOT, 'examples/failing'), join(proj, 'failing'), { recursive: true });
    cpSync(join(ROOT, 'examples/failing'), join(proj, 'archive/old'), { recursive: true });
    writeFileSync(join(proj, 'cluster.config.yaml'), 'profile: national-2025\nrules:\n  form/phone: "off"\n  form/decimals: error\nignores:\n  - "archive/**"\n');
    const r = cli(['validate', 'proj', '--format', 'json'], { cwd: work });
    expect(r.code, r.stderr).toBe(1);
    const want = JSON.parse(r.stdout);
    expect(want.profile).toBe('national-2025');
    const page = await open();
    await b.pickFolder(page, proj);
    await page.waitForSelector('.filing a.json');
    expect(await page.locator('.filing').count()).toBe(1);
    expect(await page.locator('.filing .config').innerText()).toContain('proj/cluster.config.yaml');
    const got = JSON.parse((await downloadBytes(page, '.filing a.json')).data.toString('utf8'));
    expect(got).toEqual(want);

    writeFileSync(join(proj, 'cluster.config.yaml'), 'rules:\n  form/phon: "off"\n');
    const bad = cli(['validate', 'proj', '--format', 'json'], { cwd: work });
    expect(bad.code).toBe(2);
    const [where, ...rest] = bad.stderr.replace(/^cluster: /, '').trim().split(': ');
    await b.pickFolder(page, proj);
    await page.waitForSelector('#alert .error');
    expect(await page.locator('#alert').innerText()).toBe(`${where}：${rest.join(': ')}`);
    expect(await page.locator('.filing').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('the submission zip and the Word files are the CLI’s bytes; a received package is verified, a tampered one reported', async () => {
    // The CLI's package and Word files of the same folder.
    const cliDir = join(work, 'cli-pack');
    mkdirSync(cliDir, { recursive: true });
    const p = cli(['pack', 'examples/jingmen-battery/cluster.yaml', '-o', join(cliDir, 'package.zip'), '--no-progress', '--quiet'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(p.code, p.stderr).toBe(0);
    const cliZip = readFileSync(join(cliDir, 'package.zip'));
    const docxDir = join(work, 'cli-docx');
    const r = cli(['render', 'examples/jingmen-battery/cluster.yaml', '--docx', '-o', docxDir, '--quiet'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(r.code, r.stderr).toBe(0);

    const page = await open();
    await b.pickFolder(page, join(ROOT, 'examples/jingmen-battery'));
    await page.waitForSelector('.filing a.json');
    await page.click('.filing .make-zip');
    await page.waitForSelector('.filing a.zip', { timeout: 240_000 });
    const zip = await downloadBytes(page, '.filing a.zip');
    expect(zip.name).toMatch(/\.zip$/);
    expect(zip.data.length).toBe(cliZip.length);
    expect(zip.data.equals(cliZip)).toBe(true);

    await page.click('.filing .make-docx');
    await page.waitForSelector('.filing a.docx', { timeout: 120_000 });
    const docs = page.locator('.filing a.docx');
    expect(await docs.count()).toBe(readdirSync(docxDir).length);
    for (let i = 0; i < (await docs.count()); i++) {
      const d = await downloadBytes(page, `.filing .pkg-downloads li:has(a.docx) >> nth=${i} >> a`);
      expect(d.data.equals(readFileSync(join(docxDir, d.name))), d.name).toBe(true);
    }

    // Verify: the page's report is the CLI's, line for line (the zip named as the user picked it).
    const recv = join(work, 'received');
    mkdirSync(recv, { recursive: true });
    writeFileSync(join(recv, '收到的报送包.zip'), zip.data);
    const bad = Buffer.from(zip.data);
    const { readZip } = await import('../src/pack/zip/index.js');
    const entry = (await readZip({ name: 'z', data: bad })).find((e) => e.method === 'store' && e.name.endsWith('.pdf') && e.name.includes('/佐证材料/'))!;
    const at = entry.offset + 30 + bad.readUInt16LE(entry.offset + 26) + bad.readUInt16LE(entry.offset + 28) + Math.floor(entry.compressedSize / 2);
    bad[at] = bad[at]! ^ 0xff;
    writeFileSync(join(recv, '被改动的报送包.zip'), bad);
    for (const [name, code] of [['收到的报送包.zip', 0], ['被改动的报送包.zip', 1]] as const) {
      const want = cli(['pack', '--verify', name], { cwd: recv });
      expect(want.code, want.stderr).toBe(code);
      await page.setInputFiles('#pick-package', join(recv, name));
      await page.waitForSelector(`.verify-report .verdict.${code === 0 ? 'ok' : 'bad'}`, { timeout: 120_000 });
      expect(await page.locator('.verify-report pre.report').textContent()).toBe(want.stdout);
    }
    // A file that is not a zip: the CLI's message in the page, code 2's words.
    writeFileSync(join(recv, '不是zip.zip'), 'just text');
    const notZip = cli(['pack', '--verify', '不是zip.zip'], { cwd: recv });
    expect(notZip.code).toBe(2);
    await page.setInputFiles('#pick-package', join(recv, '不是zip.zip'));
    await page.waitForSelector('.verify-report .verdict.error');
    expect(await page.locator('.verify-report .verdict').innerText()).toBe(notZip.stderr.replace(/^cluster: /, '').trim());
    await page.close();
  }, 480_000);

  it('a review (复核) filing: its PDFs, the annual report and the review summary are the CLI bytes', async () => {
    const env = { SOURCE_DATE_EPOCH: '' };
    const cliOut = join(work, 'review-cli');
    rmSync(cliOut, { recursive: true, force: true });
    expect(cli(['render', 'examples/review-2026/cluster.yaml', '-o', join(cliOut, 'forms'), '--quiet'], { env }).code).toBe(1);
    expect(cli(['annual', 'examples/review-2026/cluster.yaml', '--year', '2024', '--pdf', '-o', join(cliOut, 'annual'), '--quiet'], { env }).code).toBe(0);
    expect(cli(['summary', 'examples/review-2026/cluster.yaml', '-o', join(cliOut, 'summary.pdf'), '--quiet'], { env }).code).toBe(0);
    const same = (d: { name: string; data: Buffer }, file: string) => {
      const want = readFileSync(file);
      expect(d.data.length, d.name).toBe(want.length);
      expect(d.data.equals(want), d.name).toBe(true);
    };
    const page = await open();
    await b.pickFolder(page, join(ROOT, 'examples/review-2026'));
    await page.waitForSelector('.filing button.make-annual');
    await page.click('.filing button.make-pdf');
    await page.waitForSelector('.downloads.forms a', { timeout: 120_000 });
    const forms = readdirSync(join(cliOut, 'forms'));
    expect(await page.locator('.downloads.forms a').count()).toBe(forms.length);
    for (let i = 0; i < forms.length; i++) {
      const d = await downloadBytes(page, `.downloads.forms li:nth-child(${i + 1}) a`);
      same(d, join(cliOut, 'forms', d.name));
    }
    await page.selectOption('.filing .annual select', '2024');
    await page.click('.filing button.make-annual');
    await page.waitForSelector('.downloads.annual a', { timeout: 120_000 });
    const annual = await downloadBytes(page, '.downloads.annual a');
    same(annual, join(cliOut, 'annual', annual.name));
    await page.click('.summary button');
    await page.waitForSelector('.summary a', { timeout: 120_000 });
    same(await downloadBytes(page, '.summary a'), join(cliOut, 'summary.pdf'));
    await page.close();
  }, 300_000);

  it('made no network request (and the recorder does see one when it is made)', async () => {
    expect(requests).toEqual([]);
    const page = await ctx.newPage();
    await page.goto('http://cluster.invalid/probe').catch(() => undefined);
    expect(requests).toEqual(['http://cluster.invalid/probe']);
    await page.close();
  });
}
