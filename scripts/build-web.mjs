// Builds the offline page into dist/web/ (npm run build runs it after tsc): one classic script (app.js:
// a module script would not load from file://), index.html, style.css and the built-in data. The fonts
// and the Excel template are written by `cluster web` beside the page (src/commands/web.ts).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/web');
const validator = join(root, 'dist/schema/validator.cjs');
const coverage = join(root, 'dist/render/coverage.json');
for (const f of [validator, coverage]) if (!existsSync(f)) throw new Error(`build-web: ${f} is missing (run tsc, build-validator and build-coverage first)`);

const profiles = {};
const dir = join(root, 'templates/profiles');
for (const f of readdirSync(dir).sort()) if (f.endsWith('.yaml')) profiles[f.slice(0, -5)] = readFileSync(join(dir, f), 'utf8');

/** The built-in data the page's host needs, as a virtual module (src/web/ui/data.d.ts). */
const data = {
  name: 'cluster-web-data',
  setup(b) {
    b.onResolve({ filter: /^cluster-web-data$/ }, () => ({ path: 'cluster-web-data', namespace: 'cluster-web-data' }));
    b.onLoad({ filter: /.*/, namespace: 'cluster-web-data' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: [
        `import validator from ${JSON.stringify(validator)};`,
        `export { validator };`,
        `export const profiles = ${JSON.stringify(profiles)};`,
        `export const coverage = ${readFileSync(coverage, 'utf8')};`,
        `export const templateFile = ${JSON.stringify(TEMPLATE_FILE)};`,
      ].join('\n'),
    }));
  },
};
export const TEMPLATE_FILE = '申报表模板.xlsx';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const r = await build({
  entryPoints: [join(root, 'src/web/ui/main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'edge100'],
  minify: process.env.CLUSTER_WEB_DEBUG !== '1',
  legalComments: 'external',
  charset: 'utf8',
  plugins: [data],
  // pdfkit names its embedded sRGB profile by a URL relative to import.meta.url (a key, never fetched).
  define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '"file:///cluster-web/app.js"' },
  metafile: true,
  logLevel: 'warning',
});
copyFileSync(join(root, 'src/web/index.html'), join(out, 'index.html'));
copyFileSync(join(root, 'src/web/style.css'), join(out, 'style.css'));
// What each input weighs in app.js (for measuring the page), outside dist/ so it is not packed.
mkdirSync(join(root, 'bench/out'), { recursive: true });
writeFileSync(join(root, 'bench/out/web-meta.json'), JSON.stringify(r.metafile));
const size = (f) => statSync(join(out, f)).size;
console.log(`build-web: dist/web/app.js ${(size('app.js') / 1024).toFixed(0)} KB, index.html ${size('index.html')} B, style.css ${size('style.css')} B`);
