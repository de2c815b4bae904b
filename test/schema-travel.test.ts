/**
 * A schema that travels: init writes a copy of the schemas into the filings repository and
 * references it relatively, so a colleague's clone (without the tool's install path) still gets
 * completion; verified by driving yaml-language-server over stdio as an editor would.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_ID } from '../src/schema/generate.js';
import { PACKAGE_NAME, VERSION } from '../src/version.js';
import { cli, ROOT } from './helpers/cli.js';
import { startLsp, type Lsp } from './helpers/lsp.js';

let tmp: string;
let repo: string;
let clone: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cluster-schema-'));
  repo = join(tmp, 'repo');
  mkdirSync(repo);
  writeFileSync(join(repo, 'cluster.config.yaml'), 'profile: national-2024\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the schema reference', () => {
  it('has a real $id: the package’s own file on a public CDN, versioned', () => {
    expect(SCHEMA_ID).toBe(`https://cdn.jsdelivr.net/npm/${PACKAGE_NAME}@${VERSION}/schemas/filing.schema.json`);
    const committed = JSON.parse(readFileSync(join(ROOT, 'schemas/filing.schema.json'), 'utf8'));
    expect(committed.$id).toBe(SCHEMA_ID);
    expect(committed.$id).not.toMatch(/example|localhost|placeholder/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect([pkg.name, pkg.version]).toEqual([PACKAGE_NAME, VERSION]);
  });

  it('init writes a copy into the repository and references it relatively (not the tool’s install path)', () => {
    const r = cli(['init', join(repo, 'filings', '荆门')]);
    expect(r.code, r.stderr).toBe(0);
    const yaml = readFileSync(join(repo, 'filings', '荆门', 'cluster.yaml'), 'utf8');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/filing.schema.json');
    expect(readFileSync(join(repo, 'schemas/filing.schema.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'schemas/filing.schema.json'), 'utf8'));
    expect(existsSync(join(repo, 'schemas/config.schema.json'))).toBe(true);
    expect(yaml).not.toContain(ROOT);
  });

  it('cluster schema --write keeps the copy current', () => {
    writeFileSync(join(repo, 'schemas/filing.schema.json'), '{"$id": "old"}\n');
    const r = cli(['schema', '--write'], { cwd: join(repo, 'filings') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已写入');
    expect(JSON.parse(readFileSync(join(repo, 'schemas/filing.schema.json'), 'utf8')).$id).toBe(SCHEMA_ID);
    expect(cli(['schema', '--write'], { cwd: repo }).stdout).toMatch(/已是当前版本/);
    expect(cli(['doctor', join(repo, 'filings', '荆门', 'cluster.yaml'), '--today', '2024-06-01']).stdout).toMatch(/✔ 编辑器 schema 引用：\.\.\/\.\.\/schemas\/filing\.schema\.json（当前版本）/);
  });
});

describe('yaml-language-server over stdio, in a colleague’s clone', () => {
  let lsp: Lsp;
  const DOC = [
    '# yaml-language-server: $schema=../../schemas/filing.schema.json',
    'cover:',
    '  clusterName: 荆门市掇刀区新能源动力电池产业集群',
    '  clusterNam: 拼错的键',
    '  ',
    'basic:',
    '  industryType: ',
  ].join('\n');
  let uri: string;

  beforeAll(async () => {
    // The clone: the repository copied elsewhere, with no path back to the tool's installation.
    clone = join(tmp, 'clone');
    cpSync(repo, clone, { recursive: true });
    const file = join(clone, 'filings', '荆门', 'cluster.yaml');
    writeFileSync(file, DOC);
    uri = pathToFileURL(file).href;
    const server = join(dirname(createRequire(import.meta.url).resolve('yaml-language-server/package.json')), 'bin/yaml-language-server');
    lsp = startLsp(process.execPath, [server, '--stdio'], clone);
    await lsp.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(clone).href,
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { snippetSupport: false } } }, workspace: { configuration: true } },
      initializationOptions: {},
    });
    lsp.notify('initialized', {});
    lsp.notify('workspace/didChangeConfiguration', { settings: { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false } } } });
    lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DOC } });
  }, 60_000);
  afterAll(async () => {
    await lsp?.close();
  });

  it('flags a misspelt key', async () => {
    const diag = await lsp.waitFor<{ uri: string; diagnostics: Array<{ message: string; range: { start: { line: number } } }> }>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && p.diagnostics.length > 0,
      45_000,
    );
    const onLine3 = diag.diagnostics.filter((d) => d.range.start.line === 3);
    expect(onLine3.map((d) => d.message).join(' ')).toMatch(/clusterNam/);
  }, 60_000);

  it('hover shows the form’s Chinese label', async () => {
    const h = await lsp.request<{ contents: { value?: string } | string }>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } });
    const text = typeof h.contents === 'string' ? h.contents : (h.contents.value ?? JSON.stringify(h.contents));
    expect(text).toContain('集群名称');
  }, 30_000);

  it('completion offers the section’s keys and a field’s options', async () => {
    const keys = await lsp.request<{ items: Array<{ label: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 2 } });
    const labels = keys.items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['region', 'authority', 'operator', 'contact']));
    const values = await lsp.request<{ items: Array<{ label: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 16 } });
    expect(values.items.map((i) => i.label)).toEqual(expect.arrayContaining(['第一产业', '第二产业', '第三产业']));
  }, 30_000);
});
