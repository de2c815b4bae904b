import { firefox } from 'playwright-core';
const browser = await firefox.launch({ channel: 'moz-firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
const ctx = await browser.newContext({ acceptDownloads: true });
const page = await ctx.newPage();
await page.goto('file:///tmp/19b-site/index.html');
await page.setInputFiles('#pick-files', '/work/wt-19b/examples/jingmen-battery/cluster.yaml');
await page.waitForSelector('.filing a.json');
// try synthetic folder
const r = await page.evaluate(() => { const f = new File(['abc'], 'x.yaml'); Object.defineProperty(f, 'webkitRelativePath', { value: 'dir/x.yaml' }); const dt = new DataTransfer(); dt.items.add(f); const i = document.createElement('input'); i.type='file'; i.multiple = true; i.files = dt.files; return [i.files[0] === f, i.files[0].webkitRelativePath]; });
console.log('synthetic', r);
const p = page.waitForEvent('download', { timeout: 15000 }).then(async d => console.log('download', d.suggestedFilename(), await d.path())).catch(e => console.log('no download', e.message.split('\n')[0]));
await page.click('.filing a.json');
await p;
await browser.close();
