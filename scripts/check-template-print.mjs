#!/usr/bin/env node
// The template as LibreOffice prints it (run by .ci/run, which installs libreoffice-calc and the
// Calibri-metric font Carlito): the filled example template must open, print on A4 only, and no text
// on any page may be smaller than 9 pt; every form sheet prints on exactly the pages its manual breaks
// make (LibreOffice breaks nowhere else, so no column-header row ends a page there either). Font sizes
// and the footers' sheet names are read from the PDF with pdf.js.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cluster-print-'));
try {
  cpSync(join(ROOT, 'examples', 'jingmen-battery'), join(work, 'filing'), { recursive: true });
  const xlsx = join(work, 'filing', '示例.xlsx');
  const t = spawnSync(process.execPath, [join(ROOT, 'bin', 'cluster.js'), 'template', '--from', join(work, 'filing', 'cluster.yaml'), '-o', xlsx, '--quiet'], { encoding: 'utf8' });
  if (t.status !== 0) throw new Error(`template failed: ${t.stderr}`);
  const lo = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/lo`, '--convert-to', 'pdf', '--outdir', work, xlsx], { encoding: 'utf8', timeout: 300_000 });
  const pdf = join(work, '示例.pdf');
  let bytes;
  try {
    bytes = readFileSync(pdf);
  } catch {
    throw new Error(`LibreOffice could not open or convert the template: ${lo.stdout}${lo.stderr}`);
  }
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise;
  const problems = [];
  // Manual breaks per sheet, from the package (sheetN.xml is the N-th sheet of workbook.xml).
  // The zip reader reads through the host (src/host.ts): install the CLI's, as the CLI does.
  await import(join(ROOT, 'dist', 'host-node.js'));
  const { readZip, openEntryStream } = await import(join(ROOT, 'dist', 'pack', 'zip', 'index.js'));
  const part = async (e) => {
    const chunks = [];
    for await (const c of await openEntryStream(e)) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
  };
  const entries = await readZip(xlsx);
  const names = [...(await part(entries.find((e) => e.name === 'xl/workbook.xml'))).matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1]);
  const expected = new Map();
  for (const e of entries) {
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name);
    const breaks = m ? /<rowBreaks\b[^>]*count="(\d+)"/.exec(await part(e)) : null;
    if (m && breaks) expected.set(names[Number(m[1]) - 1], Number(breaks[1]) + 1);
  }
  const printed = new Map();
  let smallest = Infinity;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , w, h] = page.view;
    const a4 = (Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2) || (Math.abs(w - 841.9) < 2 && Math.abs(h - 595.3) < 2);
    if (!a4) problems.push(`page ${i}: ${w.toFixed(1)} × ${h.toFixed(1)} pt is not A4`);
    const items = (await page.getTextContent()).items.filter((x) => x.str && x.str.trim());
    const footer = /(\S+)\s*第\s*\d+\s*页\s*共\s*(\d+)\s*页/.exec(items.map((x) => x.str).join(' '));
    const sheet = footer && names.find((n) => n.endsWith(footer[1]) || footer[1].endsWith(n));
    // (LibreOffice numbers the pages through the whole document: pages are counted by the sheet named.)
    if (sheet) printed.set(sheet, (printed.get(sheet) ?? 0) + 1);
    for (const x of items) {
      const size = Math.hypot(x.transform[0], x.transform[1]);
      smallest = Math.min(smallest, size);
      if (size < 8.95) problems.push(`page ${i}: "${x.str.slice(0, 20)}" at ${size.toFixed(2)} pt`);
    }
  }
  for (const [sheet, pages] of expected) {
    if (printed.get(sheet) !== pages) problems.push(`${sheet}: ${printed.get(sheet) ?? '?'} pages in LibreOffice, ${pages} by the manual breaks (a break of LibreOffice's own can leave a header at a page end)`);
  }
  if (expected.size < 5) problems.push(`only ${expected.size} sheets with manual page breaks`);
  console.log(`template in LibreOffice: ${doc.numPages} pages, smallest text ${smallest.toFixed(2)} pt, ${expected.size} sheets paged by their manual breaks`);
  if (problems.length) {
    console.error(problems.slice(0, 20).join('\n'));
    process.exit(1);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
