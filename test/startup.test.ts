/**
 * The start-up bundle (scripts/build-bundle.mjs, #18): bin/cluster.js loads dist/cli.bundle.cjs
 * through V8's code cache. It must give exactly what the modules of dist/ give, be skipped when it is
 * stale or missing, and never be used with --debug (whose traces name the TypeScript sources).
 */
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const BIN = join(ROOT, 'bin/cluster.js');
const TODAY = ['--today', '2024-06-01'];

function run(bin: string, args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete base.CLUSTER_LANG;
  delete base.CLUSTER_NO_BUNDLE;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the start-up bundle', () => {
  it('is built by npm run build, with its code cache', () => {
    expect(existsSync(join(ROOT, 'dist/cli.bundle.cjs'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/cli.bundle.cache'))).toBe(true);
    // the smaller cache recorded for rules and help (bin/cluster.js picks it by command)
    expect(existsSync(join(ROOT, 'dist/cli.bundle.rules.cache'))).toBe(true);
    // the PDF stack (pdfkit, fontkit & co., src/host-node.ts loads it) and its cache
    expect(existsSync(join(ROOT, 'dist/pdf.bundle.cjs'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/pdf.bundle.cache'))).toBe(true);
  });

  it('carries unicode-properties’ table inflated at build time, for the compressed data it holds', () => {
    const src = readFileSync(join(ROOT, 'dist/pdf.bundle.cjs'), 'latin1');
    // The stub's map: "length:hash" of the compressed data → [the inflated table as base64, highStart, errorValue].
    const m = /\{"(\d+):(\d+)":\["([A-Za-z0-9+/=]{1000,})",(\d+),(\d+)\]\}/.exec(src);
    expect(m).not.toBeNull();
    const compressed = /toByteArray\("([A-Za-z0-9+/=]+)"\)/.exec(readFileSync(createRequire(import.meta.url).resolve('unicode-properties'), 'utf8'))![1]!;
    expect(src).toContain(`"${compressed}"`);
    expect(Number(m![1])).toBe(Buffer.from(compressed, 'base64').length);
    expect(Buffer.from(m![3]!, 'base64').length).toBe(Buffer.from(compressed, 'base64').readUInt32LE(8));
  });

  it('gives the same findings, text and exit codes as the modules of dist/', () => {
    const cases: Array<[string[], number]> = [
      [['validate', 'examples/failing/cluster.yaml', ...TODAY, '--format', 'json'], 1],
      [['validate', 'examples/boundary', ...TODAY, '--format', 'sarif'], 1],
      [['validate', 'examples/jingmen-battery/cluster.yaml', ...TODAY, '--lang', 'en'], 0],
      [['rules', '--format', 'json'], 0],
      [['metrics', 'examples/jingmen-battery/cluster.yaml'], 0],
      [['validate', 'no-such-file.yaml'], 2],
      [['--version'], 0],
      [['--help'], 0],
    ];
    for (const [args, code] of cases) {
      const bundled = run(BIN, args);
      const modules = run(BIN, args, { CLUSTER_NO_BUNDLE: '1' });
      expect(bundled.code, `${args.join(' ')}: ${bundled.stderr}`).toBe(code);
      expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
      expect(bundled, args.join(' ')).toEqual(modules);
    }
  }, 120_000);

  it('renders the same PDF bytes as the modules (libraries outside the bundle are imported for it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-startup-render-'));
    try {
      const args = (o: string) => ['render', 'examples/jingmen-battery/cluster.yaml', '-o', join(dir, o), ...TODAY, '--quiet'];
      expect(run(BIN, args('b'), { SOURCE_DATE_EPOCH: '1718000000' }).code).toBe(0);
      expect(run(BIN, args('m'), { SOURCE_DATE_EPOCH: '1718000000', CLUSTER_NO_BUNDLE: '1' }).code).toBe(0);
      const name = '附件2 中小企业特色产业集群申报表.pdf';
      expect(readFileSync(join(dir, 'b', name)).equals(readFileSync(join(dir, 'm', name)))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('makes the same 汇总表 and comparison PDFs with the PDF bundle as with the modules of node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-startup-pdf-'));
    try {
      const filings = ['examples/jingmen-battery/cluster.yaml', 'examples/failing/cluster.yaml'];
      const commands = (o: string) => [
        ['summary', ...filings, '-o', join(dir, `${o}.pdf`), '--quiet'],
        ['compare', ...filings, '--format', 'pdf', '-o', join(dir, `${o}-compare.pdf`), '--quiet'],
      ];
      for (const [o, env] of [['b', {}], ['m', { CLUSTER_NO_BUNDLE: '1' }]] as const) {
        for (const args of commands(o)) expect(run(BIN, args, { SOURCE_DATE_EPOCH: '1718000000', ...env }).code, args.join(' ')).toBe(0);
      }
      for (const name of ['', '-compare']) {
        const b = readFileSync(join(dir, `b${name}.pdf`));
        expect(b.subarray(0, 5).toString()).toBe('%PDF-');
        expect(b.equals(readFileSync(join(dir, `m${name}.pdf`))), name).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  describe('in a copy of the build', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'cluster-startup-'));
      cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, preserveTimestamps: true });
      for (const d of ['templates', 'schemas', 'examples', 'node_modules']) symlinkSync(join(ROOT, d), join(dir, d));
      writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    // (In order: the PDF bundle's test needs the copy's start-up bundle current, as copied.)

    /** A bundle that says so when loaded: tells which build a run used. */
    function markBundle() {
      const file = join(dir, 'dist/cli.bundle.cjs');
      const src = readFileSync(join(ROOT, 'dist/cli.bundle.cjs'), 'utf8');
      writeFileSync(file, `process.stderr.write('[bundle]');\n${src}`);
      return file;
    }

    it('uses the PDF bundle when current; not with --debug, when built from other package versions, or when missing', () => {
      const file = join(dir, 'dist/pdf.bundle.cjs');
      const src = readFileSync(join(ROOT, 'dist/pdf.bundle.cjs'), 'latin1');
      const nl = src.indexOf('\n');
      // After the first line (the packages and versions it was built from), a bundle that says so when run.
      const write = (first: string) => writeFileSync(file, `${first}\nprocess.stderr.write('[pdf-bundle]');${src.slice(nl + 1)}`, 'latin1');
      const out = join(dir, 'summary.pdf');
      const args = ['summary', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), '-o', out, '--force', '--quiet'];
      write(src.slice(0, nl));
      const current = run(join(dir, 'bin/cluster.js'), args, { SOURCE_DATE_EPOCH: '1718000000' });
      expect(current.code, current.stderr).toBe(0);
      expect(current.stderr).toContain('[pdf-bundle]');
      const bytes = readFileSync(out);
      expect(run(join(dir, 'bin/cluster.js'), [...args, '--debug']).stderr).not.toContain('[pdf-bundle]');
      // The bundle lists fontkit at the version it was built from: another one in node_modules → the modules.
      const packages = JSON.parse(src.slice(2, nl)) as string[];
      const fontkit = packages.findIndex((p) => /node_modules\/fontkit@/.test(p));
      expect(fontkit).toBeGreaterThanOrEqual(0);
      packages[fontkit] = packages[fontkit]!.replace(/@[^@]+$/, '@0.0.1');
      write(`//${JSON.stringify(packages)}`);
      const stale = run(join(dir, 'bin/cluster.js'), args, { SOURCE_DATE_EPOCH: '1718000000' });
      expect(stale.code, stale.stderr).toBe(0);
      expect(stale.stderr).not.toContain('[pdf-bundle]');
      expect(readFileSync(out).equals(bytes)).toBe(true);
      const doctor = run(join(dir, 'bin/cluster.js'), ['doctor', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), ...TODAY]);
      expect(doctor.stdout).toMatch(/⚠ 构建：PDF 组件包（dist\/pdf\.bundle\.cjs）构建后依赖有变（fontkit [^ ]+ ≠ 0\.0\.1）/);
      rmSync(file);
      const missing = run(join(dir, 'bin/cluster.js'), args, { SOURCE_DATE_EPOCH: '1718000000' });
      expect(missing.code, missing.stderr).toBe(0);
      expect(readFileSync(out).equals(bytes)).toBe(true);
      expect(run(join(dir, 'bin/cluster.js'), ['doctor', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), ...TODAY]).stdout).toMatch(/⚠ 构建：PDF 组件包（dist\/pdf\.bundle\.cjs）缺失/);
    }, 90_000);

    it('is used when current, skipped when older than dist/cli.js (a stale build), and with --debug', () => {
      const file = markBundle();
      const args = ['validate', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), ...TODAY, '--quiet'];
      const current = run(join(dir, 'bin/cluster.js'), args);
      expect(current.stderr).toContain('[bundle]');
      expect(current.code, current.stderr).toBe(0);
      // --debug: the modules, so a trace names the sources.
      expect(run(join(dir, 'bin/cluster.js'), [...args, '--debug']).stderr).not.toContain('[bundle]');
      // A cache that does not match the changed bundle is rejected by V8: still correct.
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(file, old, old);
      const stale = run(join(dir, 'bin/cluster.js'), args);
      expect(stale.stderr).not.toContain('[bundle]');
      expect(stale.code).toBe(0);
      const doctor = run(join(dir, 'bin/cluster.js'), ['doctor', join(ROOT, 'examples/jingmen-battery/cluster.yaml'), ...TODAY]);
      expect(doctor.stdout).toMatch(/⚠ 构建：启动包（dist\/cli\.bundle\.cjs）缺失或早于 dist\/cli\.js/);
    }, 60_000);

    it('falls back to the modules when the bundle is missing', () => {
      rmSync(join(dir, 'dist/cli.bundle.cjs'));
      const r = run(join(dir, 'bin/cluster.js'), ['validate', join(ROOT, 'examples/failing/cluster.yaml'), ...TODAY, '--format', 'json']);
      expect(r.code, r.stderr).toBe(1);
      expect(JSON.parse(r.stdout).results[0].valid).toBe(false);
    }, 60_000);
  });
});

describe('standard output written to descriptor 1 (src/stdout.ts)', () => {
  it('stops quietly when the reader closes the pipe early (`cluster … | head`)', () => {
    for (const args of [['rules', '--format', 'md'], ['validate', 'examples', '--format', 'json', ...TODAY]]) {
      for (const env of [{}, { CLUSTER_NO_BUNDLE: '1' }]) {
        // 70 KB and more: more than a pipe holds, so the writer meets the closed pipe.
        const r = spawnSync('bash', ['-c', 'node "$0" "$@" | head -c 1 >/dev/null; echo "${PIPESTATUS[0]}"', BIN, ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, ...env, NO_COLOR: '1' },
        });
        expect(r.stderr, args.join(' ')).toBe('');
        expect(r.stdout.trim(), args.join(' ')).toBe('0');
      }
    }
  }, 60_000);

  it('gives the same bytes on a pipe as in the file -o writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-stdout-'));
    try {
      const piped = run(BIN, ['rules', '--format', 'md']);
      const written = run(BIN, ['rules', '--format', 'md', '-o', join(dir, 'rules.md')]);
      expect(piped.code).toBe(0);
      expect(written.code).toBe(0);
      expect(Buffer.byteLength(piped.stdout)).toBeGreaterThan(65_536); // more than a pipe holds at once
      expect(piped.stdout).toBe(readFileSync(join(dir, 'rules.md'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('only the command being run gets its options (src/cli.ts commandNamed)', () => {
  it('knows every command, and configures all of them when the command line names none for sure', async () => {
    const { buildProgram, commandNamed } = await import('../src/cli.js');
    const noop = () => undefined;
    const all = buildProgram('zh', noop);
    const names = all.commands.map((c) => c.name());
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) {
      expect(commandNamed(['node', 'cluster', n])).toBe(n);
      expect(commandNamed(['node', 'cluster', '--lang', 'en', n, 'x.yaml'])).toBe(n);
      expect(commandNamed(['node', 'cluster', '--lang=en', n])).toBe(n);
      // the named command is configured exactly as in the full program; the others are named only
      const one = buildProgram('zh', noop, ['node', 'cluster', n]);
      for (const c of one.commands) {
        const full = all.commands.find((x) => x.name() === c.name())!;
        expect(c.description()).toBe(full.description());
        if (c.name() === n) {
          expect(c.options.map((o) => o.flags)).toEqual(full.options.map((o) => o.flags));
          expect(c.registeredArguments.map((a) => a.name())).toEqual(full.registeredArguments.map((a) => a.name()));
        } else expect(c.options).toEqual([]);
      }
    }
    for (const argv of [[], ['help', 'validate'], ['--help'], ['-h', 'rules'], ['valdate'], ['--debug', 'rules']]) {
      expect(commandNamed(['node', 'cluster', ...argv]), argv.join(' ')).toBeUndefined();
    }
  });

  it('help and usage errors read as before', () => {
    expect(run(BIN, ['validate', '--help']).stdout).toBe(run(BIN, ['validate', '--help'], { CLUSTER_NO_BUNDLE: '1' }).stdout);
    const help = run(BIN, ['--help']);
    expect(help.stdout).toMatch(/validate \[options\] <files\.\.\.>/);
    expect(help.stdout).toMatch(/rules \[options\]/);
    const typo = run(BIN, ['rules', '--formt', 'json']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--formt');
    expect(run(BIN, ['valdate', 'x.yaml']).stderr).toContain('validate');
  });
});
