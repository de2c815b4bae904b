/**
 * One core for every face: from src/core.ts (what the web page bundles) no module reaches a `node:`
 * module or a Node built-in, directly or through anything it imports (static, dynamic or re-export).
 * The file system, fonts and the precompiled validator come from the host (src/host.ts). And the
 * core bundles for a browser with nothing stubbed: esbuild fails on any Node built-in a package needs.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const BUILTINS = new Set(builtinModules);

function importGraph(entry: string): { modules: Map<string, string | null>; offences: string[] } {
  const modules = new Map<string, string | null>();
  const offences: string[] = [];
  const chain = (f: string): string => {
    const out: string[] = [];
    for (let x: string | null | undefined = f; x; x = modules.get(x)) out.push(relative(ROOT, x));
    return out.join(' ← ');
  };
  const visit = (file: string, from: string | null) => {
    if (modules.has(file)) return;
    modules.set(file, from);
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: spec } of info.importedFiles) {
      if (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]!)) offences.push(`${spec} imported by ${chain(file)}`);
      else if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), file);
    }
  };
  visit(resolve(ROOT, entry), null);
  return { modules, offences };
}

describe('the core imports nothing from Node', () => {
  it('no module reachable from src/core.ts or the page host imports node: or a built-in', () => {
    for (const entry of ['src/core.ts', 'src/web/host.ts']) {
      const { modules, offences } = importGraph(entry);
      expect(modules.size).toBeGreaterThan(entry === 'src/core.ts' ? 80 : 3);
      expect(offences).toEqual([]);
    }
  });

  it('the walk sees what it must: loading, schema, rules, metrics, rendering, packing and Word are in the graph', () => {
    const { modules } = importGraph('src/core.ts');
    const files = [...modules.keys()].map((f) => relative(ROOT, f));
    for (const f of [
      'src/load/yaml.ts', 'src/validate/schema.ts', 'src/rules/registry.ts', 'src/metrics/index.ts', 'src/render/layout/document.ts', 'src/render/layout/fonts.ts', 'src/profile.ts', 'src/evidence.ts',
      // pack: build, layout, manifest, listing, PDF pages, the zip writer and its deflate; the Word package; the workbook writer
      'src/pack/build.ts', 'src/pack/layout.ts', 'src/pack/manifest.ts', 'src/pack/listing-pdf.ts', 'src/pack/pdf-pages.ts', 'src/pack/inspect.ts', 'src/pack/split.ts',
      'src/pack/artifacts.ts', 'src/pack/zip/writer.ts', 'src/pack/zip/names.ts', 'src/pack/zip/crc32.ts', 'src/deflate.ts', 'src/docx/package.ts', 'src/docx/index.ts', 'src/xlsx/template.ts',
      // verify: the reader, the audit, the checks
      'src/pack/verify.ts', 'src/pack/zip/reader.ts', 'src/pack/zip/audit.ts',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('no module of the core uses Buffer (the page has none: bytes cross the core as Uint8Array)', () => {
    const { modules } = importGraph('src/core.ts');
    const uses: string[] = [];
    for (const f of modules.keys()) {
      // Code only: comments and type positions (": Buffer") are not calls.
      const code = readFileSync(f, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      if (/\bBuffer\s*[.(]/.test(code)) uses.push(relative(ROOT, f));
    }
    expect(uses).toEqual([]);
  });

  it('the walk catches a node: import (the check can fail)', () => {
    const { offences } = importGraph('src/host-node.ts');
    expect(offences.some((o) => o.startsWith('node:fs'))).toBe(true);
  });

  it('bundles for a browser with no Node built-in stubbed', async () => {
    const esbuild = await import('esbuild');
    const r = await esbuild.build({ entryPoints: [resolve(ROOT, 'src/core.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', metafile: true });
    expect(r.errors).toEqual([]);
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs).toContain('src/render/layout/document.ts');
    expect(inputs.some((i) => i.includes('node_modules/fontkit/'))).toBe(true);
    expect(inputs.some((i) => /(^|\/)node:/.test(i))).toBe(false);
  });
});
