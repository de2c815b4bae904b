/**
 * `cluster serve`: the page's files on 127.0.0.1 only, nothing else (no path outside the site, no method
 * but GET/HEAD), and `cluster web` refusing to overwrite a page without --force.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cli, ROOT } from './helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'cluster-serve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('cluster serve and cluster web', () => {
  it('serves the site on 127.0.0.1, refuses other paths and methods, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
        setTimeout(() => reject(new Error('serve did not start')), 30_000);
      });
      const index = await fetch(url);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await index.text()).toBe(readFileSync(join(ROOT, 'dist/web/index.html'), 'utf8'));
      expect((await fetch(url + 'app.js')).status).toBe(200);
      const font = await fetch(url + 'fonts/regular.js', { method: 'HEAD' });
      expect(font.status).toBe(200);
      expect(Number(font.headers.get('content-length'))).toBeGreaterThan(10_000_000);
      for (const p of ['package.json', '..%2Fpackage.json', '%2e%2e/%2e%2e/etc/passwd', 'meta.json', 'fonts/']) expect((await fetch(url + p)).status, p).toBe(404);
      expect((await fetch(url, { method: 'POST', body: 'x' })).status).toBe(405);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(child.exitCode ?? 0).toBe(0);
  }, 60_000);

  it('web writes the site once; again only with --force', () => {
    const dir = join(work, 'site');
    const a = cli(['web', '-o', dir]);
    expect(a.code, a.stderr).toBe(0);
    for (const f of ['index.html', 'app.js', 'style.css', 'fonts/regular.js', 'fonts/bold.js', 'fonts/heading.js', 'fonts/OFL.txt', '申报表模板.xlsx', 'template.js']) expect(existsSync(join(dir, f)), f).toBe(true);
    const b = cli(['web', '-o', dir]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('不会覆盖');
    expect(cli(['web', '-o', dir, '--force']).code).toBe(0);
  }, 120_000);
});
