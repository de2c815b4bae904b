/**
 * Inputs and outputs as Unix tools have them: stdin, `-o -`, --quiet in every format, the
 * --max-warnings message, colour, folders given to single-file commands, outputs that can never be
 * created, no overwrite without --force, the pack progress bar, and the workbook's 例外说明 sheet.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgressBar, overallFraction, type ProgressState } from '../src/pack/progress.js';
import { cli, ROOT } from './helpers/cli.js';

const TODAY = ['--today', '2024-06-01'];
const PASSING = 'examples/jingmen-battery/cluster.yaml';
const FAILING = 'examples/failing/cluster.yaml';
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cluster-io-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('stdin and stdout', () => {
  const text = () => readFileSync(join(ROOT, FAILING), 'utf8');

  it('- reads the filing from stdin; --stdin-filename names it and resolves its evidence', () => {
    const bare = cli(['validate', '-', ...TODAY, '--format', 'json'], { input: text() });
    const named = cli(['validate', '-', ...TODAY, '--format', 'json', '--stdin-filename', FAILING], { input: text() });
    const direct = cli(['validate', FAILING, ...TODAY, '--format', 'json']);
    const b = JSON.parse(bare.stdout).results[0];
    const n = JSON.parse(named.stdout).results[0];
    const d = JSON.parse(direct.stdout).results[0];
    expect(b.file).toBe('<stdin>');
    expect(n.file).toBe(FAILING);
    // Named beside its evidence, stdin gives exactly what the file gives; bare, evidence is not found.
    expect(n.findings).toEqual(d.findings);
    const missing = (r: { findings: Array<{ ruleId: string }> }) => r.findings.filter((f) => f.ruleId === 'form/evidence-file').length;
    expect(missing(b)).toBeGreaterThan(missing(d));
    expect(named.code).toBe(1);
  });

  it('an unreadable stdin is exit 2 with its name', () => {
    const r = cli(['validate', '-', '--stdin-filename', 'x.yaml'], { input: 'a: [1\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('x.yaml');
    expect(r.stdout).toContain('input/unreadable');
  });

  it('-o - writes to stdout (validate, metrics)', () => {
    expect(JSON.parse(cli(['validate', PASSING, ...TODAY, '-f', 'json', '-o', '-']).stdout).results).toHaveLength(1);
    expect(cli(['metrics', PASSING, '-o', '-']).stdout).toContain('outputCagr'.length ? '集群总产值' : '');
    expect(existsSync(join(ROOT, '-'))).toBe(false);
  });
});

describe('--quiet, --max-warnings, colour', () => {
  it('--quiet drops warnings and info from every format; counts and exit code stay', () => {
    for (const format of ['json', 'sarif', 'junit', 'github', 'text']) {
      const r = cli(['validate', FAILING, ...TODAY, '--quiet', '-f', format]);
      expect(r.code, format).toBe(1);
      const out = format === 'sarif' ? JSON.stringify(JSON.parse(r.stdout).runs[0].results, null, 2) : r.stdout;
      expect(out, format).not.toMatch(/"severity": "warning"|"level": "warning"|"level": "note"|^::warning|^::notice|system-out|  警告  /m);
      expect(r.stdout, format).toMatch(/error|错误/);
    }
    const json = JSON.parse(cli(['validate', FAILING, ...TODAY, '--quiet', '-f', 'json']).stdout).results[0];
    expect(json.summary.warning).toBeGreaterThan(0);
  });

  it('too many warnings: exit 1 and says so', () => {
    // The passing example plus a directive that matches nothing: one warning, no error.
    const input = readFileSync(join(ROOT, PASSING), 'utf8').replace(/^cover:/m, '# cluster-disable-next-line form/phone -- 已核实\ncover:');
    const args = ['validate', '-', '--stdin-filename', PASSING, ...TODAY];
    const json = JSON.parse(cli([...args, '-f', 'json'], { input }).stdout).results[0];
    expect(json.summary).toEqual({ error: 0, warning: 1, info: json.summary.info });
    expect(cli(args, { input }).code).toBe(0);
    const r = cli([...args, '--max-warnings', '0'], { input });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cluster: 警告 1 个，超过 --max-warnings 0\n');
    expect(cli([...args, '--max-warnings', '0', '--lang', 'en'], { input }).stderr).toBe('cluster: 1 warning, more than --max-warnings 0\n');
    expect(cli([...args, '--max-warnings', '1'], { input }).code).toBe(0);
  });

  it("colour follows chalk's detection: FORCE_COLOR=0 none, FORCE_COLOR=1 colour, NO_COLOR none", () => {
    const esc = /\u001b\[/;
    expect(cli(['validate', FAILING, ...TODAY], { env: { NO_COLOR: '', FORCE_COLOR: '0' } }).stdout).not.toMatch(esc);
    expect(cli(['validate', FAILING, ...TODAY], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toMatch(esc);
    expect(cli(['validate', FAILING, ...TODAY], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toMatch(esc);
    // Machine formats never.
    expect(cli(['validate', FAILING, ...TODAY, '-f', 'json'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toMatch(esc);
  });
});

describe('paths', () => {
  it('a folder given to a single-file command says it is a folder', () => {
    for (const cmd of [['metrics'], ['render'], ['pack', '--no-progress']]) {
      const r = cli([cmd[0]!, 'examples/jingmen-battery', ...cmd.slice(1)]);
      expect(r.code, cmd[0]).toBe(2);
      expect(r.stderr, cmd[0]).toContain('examples/jingmen-battery: 这是一个文件夹');
    }
  });

  it('an output that can never be created (/proc/…) fails with exit 2, quickly', () => {
    const cases = [
      ['validate', PASSING, ...TODAY, '-o', '/proc/cluster-test/out.json'],
      ['metrics', PASSING, '-o', '/proc/cluster-test/m.txt'],
      ['compare', PASSING, FAILING, '-f', 'csv', '-o', '/proc/cluster-test/c.csv'],
      ['pack', PASSING, ...TODAY, '-o', '/proc/cluster-test/a.zip', '--no-progress'],
    ];
    for (const args of cases) {
      const t = Date.now();
      const r = cli(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/无法创建输出文件夹 \/proc\/cluster-test（E[A-Z]+）/);
      expect(Date.now() - t, args[0]).toBeLessThan(30_000);
    }
  });

  it('render, pack, compare and metrics refuse to overwrite without --force', () => {
    const dir = join(tmp, 'out');
    const m = join(tmp, 'm.txt');
    expect(cli(['metrics', PASSING, '-o', m]).code).toBe(0);
    const again = cli(['metrics', PASSING, '-o', m]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('输出文件已存在，不会覆盖');
    expect(cli(['metrics', PASSING, '-o', m, '--force']).code).toBe(0);

    const c = join(tmp, 'c.csv');
    expect(cli(['compare', PASSING, FAILING, '-f', 'csv', '-o', c]).code).toBe(0);
    expect(cli(['compare', PASSING, FAILING, '-f', 'csv', '-o', c]).code).toBe(2);
    expect(cli(['compare', PASSING, FAILING, '-f', 'csv', '-o', c, '--force']).code).toBe(0);

    const z = join(tmp, 'a.zip');
    expect(cli(['pack', PASSING, ...TODAY, '-o', z, '--no-progress']).code).toBe(0);
    const before = readFileSync(z);
    const p2 = cli(['pack', PASSING, ...TODAY, '-o', z, '--no-progress']);
    expect(p2.code).toBe(2);
    expect(p2.stderr).toContain('报送包已存在，不会覆盖');
    expect(readFileSync(z).equals(before)).toBe(true);

    expect(cli(['render', PASSING, ...TODAY, '-o', dir]).code).toBe(0);
    const r2 = cli(['render', PASSING, ...TODAY, '-o', dir]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('输出文件已存在，不会覆盖');
    expect(cli(['render', PASSING, ...TODAY, '-o', dir, '--force']).code).toBe(0);
  }, 120_000);
});

describe('pack progress bar', () => {
  function stream() {
    const writes: string[] = [];
    return { writes, s: { isTTY: true, columns: 120, write: (x: string) => writes.push(x) } as unknown as NodeJS.WriteStream };
  }

  it('covers validating, inspecting and rendering before writing, and only rises', () => {
    const seq: ProgressState[] = [
      { phase: 'validate', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 },
      { phase: 'inspect', filesDone: 1, filesTotal: 4, bytesDone: 0, bytesTotal: 0 },
      { phase: 'render', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 },
      { phase: 'write', filesDone: 10, filesTotal: 65, bytesDone: 1e5, bytesTotal: 7e5 },
      { phase: 'write', filesDone: 62, filesTotal: 65, bytesDone: 8e5, bytesTotal: 7e5 },
    ];
    const f = seq.map(overallFraction);
    for (let i = 1; i < f.length; i++) expect(f[i]!).toBeGreaterThanOrEqual(f[i - 1]!);
    // Bytes past the estimate but files not all written: not 100%.
    expect(f[4]!).toBeLessThan(1);
  });

  it('bytes and files never pass their totals (the "0.8/0.7 MB" and "100% at 62/65" bugs)', () => {
    const { writes, s } = stream();
    let now = 0;
    const bar = createProgressBar(true, 'zh', s, { now: () => now, delayMs: 0, intervalMs: 0 });
    bar.update({ phase: 'render', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 });
    now = 1000;
    bar.update({ phase: 'write', filesDone: 62, filesTotal: 65, bytesDone: 8e5, bytesTotal: 7e5 });
    bar.update({ phase: 'write', filesDone: 65, filesTotal: 65, bytesDone: 8.4e5, bytesTotal: 7e5 });
    bar.done();
    expect(writes[0]).toMatch(/^\r生成 PDF \[/);
    for (const w of writes.filter((x) => x.includes('MB'))) {
      const [, done, total] = /([\d.]+)\/([\d.]+) MB/.exec(w)!;
      expect(Number(done)).toBeLessThanOrEqual(Number(total));
      const [, fd, ft] = /(\d+)\/(\d+) 个文件/.exec(w)!;
      expect(Number(fd)).toBeLessThanOrEqual(Number(ft));
      if (/ 100%/.test(w)) expect(fd).toBe(ft);
    }
    expect(writes.at(-2)).toMatch(/100%  65\/65 个文件  0\.8\/0\.8 MB/);
  });
});

describe('the workbook 例外说明 sheet', () => {
  it('the template offers it; a row with rule, cell and reason suppresses that finding, reported with the reason', async () => {
    // The workbook beside the filing's evidence (template --from refuses to write where evidence paths would break).
    const dir = join(tmp, 'wb-exceptions');
    cpSync(join(ROOT, 'examples', 'failing'), dir, { recursive: true });
    const xlsx = join(dir, 'f.xlsx');
    expect(cli(['template', '--from', join(dir, 'cluster.yaml'), '-o', xlsx]).code).toBe(0);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('例外说明')!;
    expect(String(ws.getCell('A1').value)).toContain('规则 id');
    const before = JSON.parse(cli(['validate', xlsx, ...TODAY, '-f', 'json']).stdout).results[0];
    const phone = before.findings.find((f: { ruleId: string }) => f.ruleId === 'form/phone');
    expect(phone).toBeDefined();
    ws.getCell('A2').value = 'form/phone';
    ws.getCell('B2').value = `${phone.sheet}!${phone.cell}`;
    ws.getCell('C2').value = '座机无区号，已与申报单位核实';
    ws.getCell('A3').value = 'form/phone';
    ws.getCell('B3').value = `${phone.sheet}!A1`;
    ws.getCell('C3').value = '位置写错';
    ws.getCell('A4').value = 'form/decimals';
    ws.getCell('B4').value = `${phone.sheet}!B2`;
    const edited = join(dir, 'g.xlsx');
    await wb.xlsx.writeFile(edited);
    const after = JSON.parse(cli(['validate', edited, ...TODAY, '-f', 'json']).stdout).results[0];
    expect(after.findings.some((f: { ruleId: string }) => f.ruleId === 'form/phone')).toBe(false);
    expect(after.suppressed.map((f: { ruleId: string; suppression: { justification: string } }) => [f.ruleId, f.suppression.justification])).toEqual([['form/phone', '座机无区号，已与申报单位核实']]);
    const unused = after.findings.filter((f: { ruleId: string }) => f.ruleId === 'suppression/unused');
    expect(unused.map((f: { sheet: string; cell: string }) => `${f.sheet}!${f.cell}`)).toEqual(['例外说明!A3']);
    const invalid = after.findings.filter((f: { ruleId: string }) => f.ruleId === 'suppression/invalid');
    expect(invalid.map((f: { cell: string; message: string }) => [f.cell, f.message])).toEqual([['A4', '例外说明的这一行缺少理由（C 列），不生效：忽略 form/decimals 必须写明理由']]);
  }, 60_000);
});

describe('language', () => {
  it('--lang en works before the command too', () => {
    const r = cli(['--lang', 'en', 'validate', FAILING, ...TODAY]);
    expect(r.stdout).toMatch(/\d+ errors?, \d+ warnings?/);
    expect(r.stdout).not.toMatch(/错误 \d+/);
  });
  it('CLUSTER_LANG=en applies to messages, not only to help', () => {
    const r = cli(['validate', FAILING, ...TODAY], { env: { CLUSTER_LANG: 'en' } });
    expect(r.stdout).toMatch(/\d+ errors?, \d+ warnings?/);
  });
});

describe('messages in Chinese, help', () => {
  it('commander’s "did you mean" survives in Chinese', () => {
    const r = cli(['valdate', FAILING]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cluster: 未知命令 valdate（是不是 validate？）\n');
    const o = cli(['validate', FAILING, '--formt', 'json']);
    expect(o.code).toBe(2);
    expect(o.stderr).toBe('cluster: 未知选项 --formt（是不是 --format？）\n');
    expect(cli(['valdate', FAILING, '--lang', 'en']).stderr).toMatch(/unknown command 'valdate' \(Did you mean validate\?\)/);
  });

  it('YAML syntax errors and broken zips are said in Chinese, with no English library text', () => {
    const cases: Array<[string, string]> = [
      ['a: [1\n', '方括号'],
      ['a: 1\n\tb: 2\n', 'Tab'],
      ['a: "x\n', '引号'],
      ['a:\n  b: 1\n c: 2\n', '缩进'],
    ];
    for (const [text, says] of cases) {
      const r = cli(['validate', '-', '--stdin-filename', 'x.yaml'], { input: text });
      expect(r.code, text).toBe(2);
      const line = r.stdout.split('\n').find((l) => l.includes('input/unreadable'))!;
      expect(line, text).toContain(says);
      expect(line.replace('input/unreadable', '').replace('YAML', ''), text).not.toMatch(/[A-Za-z]{4,}/);
    }
    const zip = join(tmp, 'broken.zip');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]));
    const v = cli(['pack', '--verify', zip]);
    expect(v.code).toBe(2);
    expect(v.stdout + v.stderr).toMatch(/无法读取 zip(（[^）]*）)?：(zip 文件不完整|不是 zip 文件)/);
    expect((v.stdout + v.stderr).split('\n').find((l) => l.includes('无法读取 zip'))!.replace(zip, '').replace('broken.zip', '').replace('cluster:', '')).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('help shows examples, the exit codes and the profile ids', () => {
    const h = cli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('示例：');
    expect(h.stdout).toContain('$ cluster validate cluster.yaml');
    expect(h.stdout).toMatch(/退出码：[\s\S]*0 {2}没有错误[\s\S]*2 {2}命令无法完成/);
    expect(h.stdout).toMatch(/内置认定标准配置（--profile）：.*national-2024.*national-2025/);
    const v = cli(['help', 'validate']);
    expect(v.stdout).toContain('--stdin-filename');
    expect(v.stdout).toContain('$ cluster validate "filings/**/*.xlsx" --max-warnings 0');
    expect(cli(['--help', '--lang', 'en']).stdout).toMatch(/Exit codes:[\s\S]*Built-in profiles \(--profile\)/);
  });
});

describe('doctor and the entry point', () => {
  it('cluster doctor reports Node, build, font, schema reference, profile and deadline', () => {
    const r = cli(['doctor', PASSING, '--today', '2024-06-01']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✔ Node\.js：\d+\.\d+/);
    expect(r.stdout).toMatch(/[✔⚠] 构建：/);
    expect(r.stdout).toMatch(/✔ 字体：Noto Serif SC 常规体和粗体齐全，覆盖申报表的全部 \d+ 个字符/);
    expect(r.stdout).toMatch(/编辑器 schema 引用：/);
    expect(r.stdout).toMatch(/✔ 认定标准配置：national-2024（.*；来自默认）；截止日期 2024-/);
    const late = cli(['doctor', PASSING, '--today', '2031-01-01']);
    expect(late.stdout).toMatch(/⚠ 认定标准配置：.*已过（今天 2031-01-01）/);
  }, 60_000);

  it('a clone without a build says "run npm ci", not a stack trace', () => {
    const fake = mkdtempSync(join(tmpdir(), 'cluster-nobuild-'));
    try {
      const binDir = join(fake, 'bin');
      mkdirSync(binDir);
      writeFileSync(join(binDir, 'cluster.js'), readFileSync(join(ROOT, 'bin/cluster.js')));
      writeFileSync(join(binDir, 'package.json'), readFileSync(join(ROOT, 'bin/package.json')));
      writeFileSync(join(fake, 'package.json'), '{"type": "module"}\n');
      const r = spawnSync(process.execPath, [join(binDir, 'cluster.js'), 'validate', 'x.yaml'], { encoding: 'utf8', env: { ...process.env, CLUSTER_LANG: '' } });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`cluster: 尚未构建：请在 ${fake}/ 运行 npm ci（它会安装依赖并构建）\n`);
      expect(r.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });
});

describe('github format paths', () => {
  it('normalises backslashes and makes workspace paths relative', async () => {
    const { githubPath, formatGithub } = await import('../src/format/github.js');
    expect(githubPath('filings\\wuhan\\cluster.yaml', '/ws')).toBe('filings/wuhan/cluster.yaml');
    expect(githubPath('/ws/filings/a/cluster.yaml', '/ws')).toBe('filings/a/cluster.yaml');
    expect(githubPath('./filings/a.yaml', '/ws')).toBe('filings/a.yaml');
    expect(githubPath('/elsewhere/a.yaml', '/ws')).toBe('/elsewhere/a.yaml');
    const out = formatGithub(
      { tool: { name: 'cluster', version: '0' }, profile: 'p', results: [{ file: 'filings\\a\\cluster.yaml', valid: false, summary: { error: 1, warning: 0, info: 0 }, findings: [{ ruleId: 'form/phone', severity: 'error', message: 'm', path: '/x', line: 2, column: 3 }] }] },
      { lang: 'zh', paint: { red: (s) => s, yellow: (s) => s, blue: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s }, rules: [] },
    );
    expect(out).toBe('::error file=filings/a/cluster.yaml,line=2,col=3,title=form/phone::m\n');
  });
});
