/**
 * `cluster validate` over a folder mixing a good filing, a failing one and unreadable ones (bad YAML,
 * a random .xlsx): every file is reported, the run goes on, the exit code is the worst; the JSON,
 * SARIF and JUnit documents cover every filing. Through the built CLI (npm test builds first).
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/cli.js';

const TODAY = ['--today', '2024-06-01'];

let dir: string;
let good: string;
let failing: string;
let badYaml: string;
let randomXlsx: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-batch-test-'));
  cpSync(join(ROOT, 'examples/jingmen-battery'), join(dir, 'a-good'), { recursive: true });
  cpSync(join(ROOT, 'examples/failing'), join(dir, 'b-failing'), { recursive: true });
  mkdirSync(join(dir, 'c-broken'));
  writeFileSync(join(dir, 'c-broken', 'cluster.yaml'), 'cover:\n  clusterName: [unclosed\n  region: x\n');
  writeFileSync(join(dir, 'd-random.xlsx'), randomBytes(4096));
  good = join(dir, 'a-good', 'cluster.yaml');
  failing = join(dir, 'b-failing', 'cluster.yaml');
  badYaml = join(dir, 'c-broken', 'cluster.yaml');
  randomXlsx = join(dir, 'd-random.xlsx');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonDoc {
  results: Array<{ file: string; valid: boolean; summary: { error: number; warning: number }; findings: Array<{ ruleId: string; severity: string; message: string; line?: number }> }>;
}

describe('validate a folder of mixed filings', () => {
  it('text: one row per filing (errors, warnings, worst rule; the reason for unreadable ones), exit 2', () => {
    const r = cli(['validate', dir, ...TODAY]);
    expect(r.code).toBe(2);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^申报文件\s+错误\s+警告\s+最主要的问题$/);
    const row = (file: string) => {
      const found = lines.filter((l) => l.startsWith(file + ' '));
      expect(found, file).toHaveLength(1);
      return found[0]!.split(/\s{2,}/);
    };
    expect(row(good)).toEqual([good, '0', '0', '—']);
    const f = row(failing);
    expect(Number(f[1])).toBeGreaterThan(1);
    expect(f[3]).toMatch(/^[a-z-]+\/[a-z0-9-]+$/); // the first error's rule id
    const b = row(badYaml);
    expect(b.slice(1, 3)).toEqual(['1', '0']);
    expect(b[3]).toMatch(/^input\/unreadable：YAML 语法错误（第 \d+ 行第 \d+ 列）/);
    const x = row(randomXlsx);
    expect(x[3]).toMatch(/^input\/unreadable：.*xlsx/);
    expect(r.stdout).toMatch(/4 个文件：通过 1，未通过 3/);
    expect(r.stderr).toBe('');
  });

  it('the worst rule is the first error of the filing (in source order)', () => {
    const json = JSON.parse(cli(['validate', failing, ...TODAY, '--format', 'json']).stdout) as JsonDoc;
    const first = json.results[0]!.findings.find((f) => f.severity === 'error')!;
    const line = cli(['validate', dir, ...TODAY]).stdout.split('\n').find((l) => l.startsWith(failing + ' '))!;
    expect(line.trimEnd().endsWith(first.ruleId)).toBe(true);
  });

  it('without the unreadable files the worst is an error: exit 1; the good one alone exits 0', () => {
    expect(cli(['validate', good, failing, ...TODAY]).code).toBe(1);
    expect(cli(['validate', join(dir, 'a-good'), ...TODAY]).code).toBe(0);
    expect(cli(['validate', good, badYaml, ...TODAY]).code).toBe(2);
  });

  it('JSON: one document, one result per file, unreadable ones as input/unreadable', () => {
    const r = cli(['validate', dir, ...TODAY, '--format', 'json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as JsonDoc;
    expect(doc.results.map((x) => x.file)).toEqual([good, failing, badYaml, randomXlsx]);
    const by = new Map(doc.results.map((x) => [x.file, x]));
    expect(by.get(good)!.valid).toBe(true);
    expect(by.get(failing)!.valid).toBe(false);
    for (const f of [badYaml, randomXlsx]) {
      expect(by.get(f)!.valid).toBe(false);
      expect(by.get(f)!.findings.map((x) => x.ruleId)).toEqual(['input/unreadable']);
    }
    expect(by.get(badYaml)!.findings[0]!.line).toBe(3);
  });

  it('SARIF: one run whose results and artifacts cover every filing', () => {
    const r = cli(['validate', dir, ...TODAY, '--format', 'sarif']);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>; artifacts: Array<{ location: { uri: string } }> }>;
    };
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    const uri = (f: string) => pathToFileURL(f).href;
    const inResults = new Set(run.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    for (const f of [failing, badYaml, randomXlsx]) expect(inResults.has(uri(f)), f).toBe(true);
    expect(run.artifacts.map((a) => a.location.uri)).toEqual([good, failing, badYaml, randomXlsx].map(uri));
    expect(run.results.filter((x) => x.ruleId === 'input/unreadable')).toHaveLength(2);
  });

  it('JUnit: one testsuite per filing', () => {
    const r = cli(['validate', dir, ...TODAY, '--format', 'junit']);
    expect(r.code).toBe(2);
    const suites = [...r.stdout.matchAll(/<testsuite name="([^"]+)"[^>]*failures="(\d+)" errors="(\d+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
    expect(suites.map((s) => s[0])).toEqual([good, failing, badYaml, randomXlsx]);
    expect(suites.map((s) => [s[1] === 0 ? 'pass' : 'fail', s[2]])).toEqual([
      ['pass', 0],
      ['fail', 0],
      ['pass', 1], // unreadable: an <error>, not a failure
      ['pass', 1],
    ]);
  });

  it('--details lists every finding of every filing instead of the table', () => {
    const r = cli(['validate', dir, ...TODAY, '--details']);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/^申报文件\s+错误/m);
    expect(r.stdout).toContain(`✔ ${good}：未发现问题`);
    expect(r.stdout).toContain('input/unreadable');
  });
});
