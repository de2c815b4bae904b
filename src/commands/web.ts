/**
 * `cluster web [-o dir]`: the offline page as a static folder (index.html, app.js, style.css, the fonts
 * as scripts loaded only when a PDF is made, the Excel template), built from the same core as the CLI.
 * `cluster serve`: the same files from memory on localhost, nothing else.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommonOptions } from '../cli.js';
import { documentDate } from '../dates.js';
import { CliError } from '../errors.js';
import { escapeControls as esc } from '../escape.js';
import { ensureOutputDir, writeFileAtomic } from '../io.js';
import { loadProfile } from '../profile.js';
import { nodeHost } from '../host-node.js';

export interface WebCliOptions extends CommonOptions {
  output?: string;
  force?: boolean;
}

export interface ServeCliOptions extends CommonOptions {
  port?: string;
}

const TEMPLATE_FILE = '申报表模板.xlsx';
const SITE = fileURLToPath(new URL('../web/', import.meta.url));

/** Every file of the site: name → bytes. */
export async function siteFiles(): Promise<Map<string, Uint8Array>> {
  if (!existsSync(join(SITE, 'app.js'))) {
    throw new CliError({ zh: '网页尚未构建：请在本仓库中运行 npm run build', en: 'the page is not built: run npm run build in this repository' }, SITE);
  }
  const files = new Map<string, Uint8Array>();
  for (const f of readdirSync(SITE)) files.set(f, readFileSync(join(SITE, f)));
  // The fonts as scripts (a <script> loads from file://, where fetch() is refused): loaded only when a PDF is made.
  const fonts = nodeHost.defaultFontFiles();
  for (const [key, path] of Object.entries(fonts)) {
    const b64 = readFileSync(path).toString('base64');
    files.set(`fonts/${key}.js`, Buffer.from(`clusterFont(${JSON.stringify(key)},"${b64}");\n`, 'utf8'));
  }
  const require_ = createRequire(import.meta.url);
  files.set('fonts/OFL.txt', readFileSync(require_.resolve('@expo-google-fonts/noto-serif-sc/LICENSE_FONT')));
  const profile = loadProfile();
  const { templateBytes } = await import('../xlsx/node.js');
  const { layoutYears } = await import('../xlsx/layout.js');
  const template = await templateBytes({ years: layoutYears(profile), profileId: profile.id, date: documentDate({}, profile) });
  files.set(TEMPLATE_FILE, template);
  // The same bytes as a script, for the page's download button: Firefox ignores `download` on a file://
  // link (each file is its own origin) and opens its "what to do with this file" dialog instead.
  files.set('template.js', Buffer.from(`clusterTemplate("${Buffer.from(template).toString('base64')}");\n`, 'utf8'));
  return files;
}

export async function webCommand(opts: WebCliOptions): Promise<number> {
  const zh = opts.lang === 'zh';
  const dir = opts.output ?? 'cluster-web';
  if (existsSync(join(dir, 'index.html')) && !opts.force) {
    throw new CliError({ zh: '输出文件夹中已有网页（index.html），不会覆盖：加 --force 覆盖，或换一个文件夹', en: 'the folder already holds a page (index.html) and will not be overwritten: add --force, or choose another folder' }, dir);
  }
  const files = await siteFiles();
  await ensureOutputDir(dir, dir);
  let total = 0;
  for (const [name, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(dir, name);
    await ensureOutputDir(join(target, '..'), target);
    await writeFileAtomic(target, data);
    total += data.length;
  }
  if (!opts.quiet) {
    const page = ['index.html', 'app.js', 'style.css'].reduce((n, f) => n + (files.get(f)?.length ?? 0), 0);
    const rel = relative(process.cwd(), join(dir, 'index.html')) || 'index.html';
    process.stdout.write(
      zh
        ? `已生成离线网页 ${esc(rel)}（${files.size} 个文件，共 ${(total / 1048576).toFixed(1)} MB；打开网页加载 ${(page / 1024).toFixed(0)} KB，字体仅在生成 PDF 时加载）。用浏览器直接打开即可，不联网。\n`
        : `wrote the offline page ${esc(rel)} (${files.size} files, ${(total / 1048576).toFixed(1)} MB; opening it loads ${(page / 1024).toFixed(0)} KB, the fonts only when a PDF is made). Open it in a browser; no network needed.\n`,
    );
  }
  return 0;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A request for one of the site's files: GET/HEAD only, names from the site's own list only. */
export function handler(files: Map<string, Uint8Array>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname).replace(/^\/+/, '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (name === '') name = 'index.html';
    const body = files.get(name);
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404\n');
      return;
    }
    const ext = name.slice(name.lastIndexOf('.'));
    res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

export async function serveCommand(opts: ServeCliOptions): Promise<number> {
  const zh = opts.lang === 'zh';
  const port = opts.port === undefined ? 8019 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError({ zh: `--port 应为 0–65535 的整数（实际为 ${opts.port}）`, en: `--port must be an integer 0–65535 (got ${opts.port})` });
  // This machine only: the page is for the person at it, never an intranet server (copy `cluster web` there).
  const host = '127.0.0.1';
  const files = await siteFiles();
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, maxHeaderSize: 16 * 1024 }, handler(files));
  server.maxConnections = 64;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new CliError(e.code === 'EADDRINUSE' ? { zh: `端口 ${port} 已被占用：用 --port 换一个`, en: `port ${port} is in use: choose another with --port` } : { zh: `无法监听 ${host}:${port}（${e.code}）`, en: `cannot listen on ${host}:${port} (${e.code})` })),
    );
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  const url = `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}/`;
  process.stdout.write(zh ? `离线网页：${url}（只在本机提供；按 Ctrl-C 停止）\n` : `the offline page: ${url} (this machine only; Ctrl-C stops it)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
