/**
 * Every `validate --format` against a golden file, for a fixed report: the failing example
 * (today 2024-06-01) plus a file that could not be read. `UPDATE_GOLDEN=1 npx vitest run
 * test/formatters.test.ts` rewrites the goldens; review the diff before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import type { FileResult, Finding } from '../src/findings.js';
import { escapeData, escapeProperty, formatGithub, githubStepSummary } from '../src/format/github.js';
import { FORMATTERS, PLAIN, type FormatOptions, type Report } from '../src/format/index.js';
import { formatJunit } from '../src/format/junit.js';
import { formatText } from '../src/format/text.js';
import { allMeta } from '../src/rules/registry.js';
import { resultOf, unreadableResult } from '../src/validate/index.js';
import { ROOT } from './helpers/cli.js';
import { clone, example, FAILING_REL, validateData } from './helpers/filing.js';
import { parseXml, type XmlElement } from './helpers/xml.js';

const GOLDEN = join(ROOT, 'test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const UNREADABLE = 'examples/missing/cluster.yaml';

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `golden ${name} missing: run UPDATE_GOLDEN=1 npx vitest run test/formatters.test.ts`).toBe(true);
  expect(actual, `differs from test/golden/${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'));
}

let report: Report;
let failing: FileResult;
const opts: FormatOptions = { lang: 'zh', paint: PLAIN, rules: allMeta() };

beforeAll(async () => {
  const ex = example(FAILING_REL);
  failing = await validateData(clone(ex), {}, ex);
  const unreadable = unreadableResult(
    UNREADABLE,
    new InputError({ zh: 'YAML 语法错误（第 3 行第 3 列）：重复的键 a', en: 'YAML syntax error at line 3, column 3: duplicate key a' }, UNREADABLE, { line: 3, column: 3 }),
    'zh',
  );
  report = { tool: { name: 'cluster', version: '0.0.0-test' }, profile: 'national-2024', results: [failing, unreadable] };
});

describe('golden files', () => {
  it('text (details, PLAIN painter)', () => golden('text.txt', formatText(report, { ...opts, details: true })));
  it('text (compact table for several filings)', () => golden('text-batch.txt', formatText(report, opts)));
  it('text (--quiet: errors only)', () => golden('text-quiet.txt', formatText({ ...report, results: [failing] }, { ...opts, quiet: true })));
  it('json', () => golden('json.json', FORMATTERS.json(report, opts)));
  it('sarif', () => golden('sarif.json', FORMATTERS.sarif(report, opts)));
  it('junit', () => golden('junit.xml', FORMATTERS.junit(report, opts)));
  it('github', () => golden('github.txt', FORMATTERS.github(report, opts)));
  it('github step summary', () => golden('github-summary.md', githubStepSummary(report.results, opts)));

  it('are deterministic: no absolute path, no real version', () => {
    for (const f of ['text', 'json', 'sarif', 'junit', 'github'] as const) {
      const out = FORMATTERS[f](report, { ...opts, details: true });
      expect(out, f).toBe(FORMATTERS[f](report, { ...opts, details: true }));
      expect(out, f).not.toContain(ROOT);
      expect(out, f).not.toMatch(/[A-Za-z]:\\|\\\\/);
    }
  });
});

describe('text', () => {
  it('groups by form section and ends with the summary line', () => {
    const t = formatText({ ...report, results: [failing] }, opts);
    expect(t.startsWith(`${FAILING_REL}\n`)).toBe(true);
    expect(t).toContain('  二、主导产业情况');
    const last = t.trimEnd().split('\n').pop()!;
    expect(last).toBe(`✖ 1 个文件：通过 0，未通过 1；错误 ${failing.summary.error}，警告 ${failing.summary.warning}，提示 ${failing.summary.info}`);
  });

  it('a clean filing prints ✔', () => {
    const clean = resultOf('examples/ok/cluster.yaml', []);
    expect(formatText({ ...report, results: [clean] }, opts)).toBe('✔ examples/ok/cluster.yaml：未发现问题\n\n✔ 1 个文件：通过 1，未通过 0；错误 0，警告 0，提示 0\n');
  });

  it('the compact table has one row per filing', () => {
    const rows = formatText(report, opts).split('\n');
    expect(rows.filter((l) => l.startsWith(FAILING_REL))).toHaveLength(1);
    expect(rows.filter((l) => l.startsWith(UNREADABLE))).toHaveLength(1);
  });
});

describe('json: the shape of cli.md', () => {
  it('tool, profile, results with file/valid/summary/findings/metrics', () => {
    const j = JSON.parse(FORMATTERS.json(report, opts));
    expect(Object.keys(j)).toEqual(['tool', 'profile', 'results']);
    expect(j.tool).toEqual({ name: 'cluster', version: '0.0.0-test' });
    expect(j.profile).toBe('national-2024');
    expect(j.results).toHaveLength(2);
    const [r, u] = j.results;
    expect(Object.keys(r)).toEqual(['file', 'valid', 'summary', 'findings', 'metrics']);
    expect(r.file).toBe(FAILING_REL);
    expect(r.valid).toBe(false);
    expect(r.summary).toEqual({ error: failing.summary.error, warning: failing.summary.warning, info: failing.summary.info });
    expect(r.findings.length).toBe(failing.findings.length);
    for (const f of r.findings) {
      expect(Object.keys(f).slice(0, 3)).toEqual(['ruleId', 'severity', 'message']);
      for (const k of Object.keys(f)) expect(['ruleId', 'severity', 'message', 'label', 'path', 'line', 'column', 'sheet', 'cell', 'section']).toContain(k);
      expect(typeof f.path).toBe('string');
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
    }
    const min = r.findings.find((f: Finding) => f.ruleId === 'competitiveness/output-min');
    expect(min).toMatchObject({ severity: 'error', label: '集群总产值（亿元）', path: '/industry/output/2021' });
    for (const [id, m] of Object.entries(r.metrics) as Array<[string, Record<string, unknown>]>) {
      expect(m, id).toHaveProperty('value');
      expect(typeof m.unit, id).toBe('string');
      expect(typeof m.formula, id).toBe('string');
      expect(Array.isArray(m.years), id).toBe(true);
    }
    expect(r.metrics.outputCagr.years).toEqual([2021, 2023]);
    // (41.6 / 36.8)^(1/2) − 1 = 6.3219066142%
    expect(r.metrics.outputCagr.value).toBeCloseTo(6.321906614238992, 9);
    expect(u).toMatchObject({ file: UNREADABLE, valid: false, summary: { error: 1, warning: 0, info: 0 }, metrics: {} });
    expect(u.findings).toEqual([{ ruleId: 'input/unreadable', severity: 'error', message: 'YAML 语法错误（第 3 行第 3 列）：重复的键 a', path: '', line: 3, column: 3 }]);
  });
});

describe('junit', () => {
  let root: XmlElement;
  beforeAll(() => {
    root = parseXml(formatJunit(report, opts));
  });

  it('is well-formed XML: testsuites > one testsuite per filing', () => {
    expect(root.name).toBe('testsuites');
    expect(root.children.map((s) => [s.name, s.attrs.name])).toEqual([
      ['testsuite', FAILING_REL],
      ['testsuite', UNREADABLE],
    ]);
  });

  it('one testcase per rule; a failure for each rule with error findings', () => {
    const [suite, bad] = root.children as [XmlElement, XmlElement];
    const ids = allMeta()
      .map((m) => m.id)
      .filter((id) => id !== 'input/unreadable' && !id.startsWith('pack/')); // pack/* findings come from `pack`, not validate
    expect(suite.children.map((c) => c.name)).toEqual(ids.map(() => 'testcase'));
    expect(suite.children.map((c) => c.attrs.name)).toEqual(ids);
    for (const c of suite.children) expect(c.attrs.classname).toBe(FAILING_REL);
    const errorRules = new Set(failing.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId));
    const failed = suite.children.filter((c) => c.children.some((x) => x.name === 'failure')).map((c) => c.attrs.name);
    expect(new Set(failed)).toEqual(errorRules);
    expect(suite.attrs.tests).toBe(String(ids.length));
    expect(suite.attrs.failures).toBe(String(errorRules.size));
    // Warnings do not fail a testcase; they are reported in system-out.
    const phone = suite.children.find((c) => c.attrs.name === 'form/phone')!;
    expect(phone.children.map((x) => x.name)).toEqual(['system-out']);
    expect(phone.children[0]!.text).toContain('1383946612');
    const min = suite.children.find((c) => c.attrs.name === 'competitiveness/output-min')!;
    const failure = min.children.find((x) => x.name === 'failure')!;
    expect(failure.attrs.type).toBe('error');
    expect(failure.attrs.message).toContain('36.8');
    expect(failure.text).toContain(`${FAILING_REL}:`);
    // The unreadable file: one testcase, an <error> (it could not be tested), not a failure.
    expect(bad.children.map((c) => c.attrs.name)).toEqual(['input/unreadable']);
    expect(bad.attrs).toMatchObject({ tests: '1', failures: '0', errors: '1' });
    expect(bad.children[0]!.children.map((x) => x.name)).toEqual(['error']);
    expect(bad.children[0]!.children[0]!.attrs.message).toContain('重复的键');
    expect(root.attrs).toMatchObject({ tests: String(ids.length + 1), failures: String(errorRules.size), errors: '1' });
  });

  it('time, timestamp and hostname as test reporters expect them', () => {
    const xml = formatJunit(report, {
      ...opts,
      timing: { started: '2024-06-01T08:30:00.123Z', hostname: 'ci-runner-3', durations: { [FAILING_REL]: 1234, [UNREADABLE]: 5 } },
    });
    const r = parseXml(xml);
    const [suite, bad] = r.children as [XmlElement, XmlElement];
    expect(suite.attrs).toMatchObject({ time: '1.234', timestamp: '2024-06-01T08:30:00', hostname: 'ci-runner-3' });
    expect(bad.attrs).toMatchObject({ time: '0.005', hostname: 'ci-runner-3' });
    expect(r.attrs).toMatchObject({ time: '1.239', timestamp: '2024-06-01T08:30:00' });
    const cases = suite.children.map((c) => Number(c.attrs.time));
    expect(cases.every((t) => Number.isFinite(t) && t >= 0)).toBe(true);
    expect(cases.reduce((a, b) => a + b, 0)).toBeCloseTo(1.234, 1);
  });

  it('escapes markup in messages and file names', () => {
    const f: Finding = { ruleId: 'form/required', severity: 'error', message: 'a <b> & "c" \u0001', path: '/x', line: 2, column: 1 };
    const xml = formatJunit({ ...report, results: [resultOf('dir/<a&b>.yaml', [f])] }, opts);
    const r = parseXml(xml);
    const s = r.children[0]!;
    expect(s.attrs.name).toBe('dir/<a&b>.yaml');
    const tc = s.children.find((c) => c.attrs.name === 'form/required')!;
    // A control character (not allowed in XML 1.0) is shown escaped, as in every other format.
    expect(tc.children[0]!.attrs.message).toBe('2:1 a <b> & "c" \\u0001');
  });

  it('the checker itself rejects malformed XML', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a></a><b/>')).toThrow();
    expect(() => parseXml('<a x=1/>')).toThrow();
  });
});

describe('github workflow commands', () => {
  it('::error file=…,line=…,col=…,title=<ruleId>::message for each finding', () => {
    const lines = formatGithub({ ...report, results: [failing] }, opts).trimEnd().split('\n');
    expect(lines).toHaveLength(failing.findings.length);
    for (const [i, l] of lines.entries()) {
      const f = failing.findings[i]!;
      const cmd = f.severity === 'info' ? 'notice' : f.severity;
      expect(l.startsWith(`::${cmd} file=${FAILING_REL},line=${f.line},col=${f.column},title=${f.ruleId}::`), l).toBe(true);
    }
  });

  it('escapes % \\r \\n in the message and additionally : and , in properties', () => {
    const f: Finding = { ruleId: 'competitiveness/output-growth', severity: 'warning', message: '增速 50%\r\n低于 10%，见: 表二', path: '/industry/output', line: 12, column: 5 };
    const out = formatGithub({ ...report, results: [resultOf('filings/湖北,荆门:掇刀%.yaml', [f])] }, opts);
    expect(out).toBe(
      '::warning file=filings/湖北%2C荆门%3A掇刀%25.yaml,line=12,col=5,title=competitiveness/output-growth::增速 50%25%0D%0A低于 10%25，见: 表二\n',
    );
    expect(escapeData('a%b\nc\rd')).toBe('a%25b%0Ac%0Dd');
    expect(escapeProperty('a:b,c%d\n')).toBe('a%3Ab%2Cc%25d%0A');
  });

  it('info is a notice; no line means no line/col; a workbook cell goes into the message', () => {
    const a: Finding = { ruleId: 'form/deadline', severity: 'info', message: 'm', path: '' };
    const b: Finding = { ruleId: 'form/required', severity: 'error', message: '空', path: '/x', sheet: '二、主导产业情况', cell: 'C7' };
    const out = formatGithub({ ...report, results: [resultOf('a.xlsx', [a, b])] }, opts);
    expect(out.split('\n')).toContain('::notice file=a.xlsx,title=form/deadline::m');
    expect(out.split('\n')).toContain('::error file=a.xlsx,title=form/required::空 [二、主导产业情况!C7]');
  });

  it('nothing to report: empty output', () => {
    expect(formatGithub({ ...report, results: [resultOf('ok.yaml', [])] }, opts)).toBe('');
  });
});
