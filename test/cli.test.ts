import { existsSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'cluster-cli-'));

describe('cluster init', () => {
  it('writes cluster.yaml with every field and its label, and the evidence folders', () => {
    const dir = join(tmp, 'new');
    const r = cli(['init', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已创建');
    const yaml = readFileSync(join(dir, 'cluster.yaml'), 'utf8');
    expect(yaml.startsWith('# yaml-language-server: $schema=')).toBe(true);
    expect(yaml).toContain('# 集群总产值（亿元）');
    expect(yaml).toContain('# 绘制产业链图谱，开展产业链培育');
    expect(yaml).toContain('# 近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元） （注：单位产值二氧化碳排放量需提供计算公式）');
    expect(readdirSync(join(dir, 'evidence')).sort()).toEqual(
      ['七、治理和服务水平', '三、创新能力情况', '二、主导产业情况', '五、绿色化转型情况', '六、开放合作情况', '四、数字化升级情况', '说明.txt'].sort(),
    );
    // The skeleton is structurally valid: only "empty field" findings, no schema errors.
    const v = cli(['validate', join(dir, 'cluster.yaml'), '--format', 'json', '--today', '2024-06-01']);
    expect(v.code).toBe(1);
    const ids = new Set(JSON.parse(v.stdout).results[0].findings.map((f: { ruleId: string }) => f.ruleId));
    expect([...ids].filter((id) => String(id).startsWith('schema/'))).toEqual([]);
    expect(ids.has('form/required')).toBe(true);
  });

  it('refuses to overwrite an existing cluster.yaml (exit 2, file untouched)', () => {
    const dir = join(tmp, 'exists');
    cli(['init', dir]);
    writeFileSync(join(dir, 'cluster.yaml'), 'mine\n');
    const r = cli(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不会覆盖');
    expect(readFileSync(join(dir, 'cluster.yaml'), 'utf8')).toBe('mine\n');
  });
});

describe('cluster validate: exit codes and errors', () => {
  it('exit 2 for a malformed file, with file:line:col, no stack trace', () => {
    const f = join(tmp, 'bad.yaml');
    writeFileSync(f, 'cover:\n  a: b\n  a: c\n');
    const r = cli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('3:3');
    expect(r.stdout).toContain('input/unreadable');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 for a missing file; the JSON result carries input/unreadable', () => {
    const r = cli(['validate', join(tmp, 'none.yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.results[0]).toMatchObject({ valid: false, findings: [{ ruleId: 'input/unreadable', severity: 'error' }] });
  });

  it('exit 2 for bad usage, in Chinese, and English with --lang en', () => {
    const a = cli(['validate']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('缺少参数');
    const b = cli(['validate', 'x.yaml', '--format', 'xml', '--lang', 'en']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/invalid|Allowed choices/i);
    const c = cli(['frobnicate']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('未知命令');
    const d = cli(['validate', 'x.yaml', '--max-warnings', 'many']);
    expect(d.code).toBe(2);
  });

  it('exit 1 for findings (schema errors), and the text output groups them by form section', () => {
    const dir = join(tmp, 'typed');
    cli(['init', dir]);
    const f = join(dir, 'cluster.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('  area:', '  area: 四十'));
    const r = cli(['validate', f, '--today', '2024-06-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('一、基本情况');
    expect(r.stdout).toMatch(/✖ 1 个文件：通过 0，未通过 1；错误 \d+，警告 \d+，提示 0/);
  });

  it('writes output atomically with -o and never overwrites an input', () => {
    const dir = join(tmp, 'out');
    cli(['init', dir]);
    const f = join(dir, 'cluster.yaml');
    const before = readFileSync(f, 'utf8');
    const r = cli(['validate', f, '-o', f]);
    expect(r.code).toBe(2);
    expect(readFileSync(f, 'utf8')).toBe(before);
    const out = join(dir, 'report.json');
    expect(cli(['validate', f, '--format', 'json', '-o', out]).code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).profile).toBe('national-2024');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('--profile takes an id or a path; an unknown one is exit 2', () => {
    expect(cli(['validate', 'x.yaml', '--profile', 'national-1999']).code).toBe(2);
    const dir = join(tmp, 'p25');
    cli(['init', dir, '--profile', 'national-2025']);
    const yaml = readFileSync(join(dir, 'cluster.yaml'), 'utf8');
    expect(yaml).toContain('    2024:');
    expect(yaml).not.toContain('    2021:');
    expect(existsSync(join(dir, 'cluster.yaml'))).toBe(true);
  });

  it('--version and --help exit 0', () => {
    expect(cli(['--version']).code).toBe(0);
    const h = cli(['validate', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('用法');
  });
});
