/**
 * `cluster validate --format sarif` against the official SARIF 2.1.0 schema (OASIS, draft-04:
 * loaded into ajv's draft-07 validator after renaming `id` to `$id`) and the fields GitHub code
 * scanning requires.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings.js';
import { PLAIN } from '../src/format/index.js';
import { formatSarif, toUri } from '../src/format/sarif.js';
import { allMeta } from '../src/rules/registry.js';
import { resultOf } from '../src/validate/index.js';
import { cli, ROOT } from './helpers/cli.js';

function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS with `exports.default`: the default import is the module object under NodeNext.
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  return ajv.compile(schema);
}

let raw: string;
let log: Log;
let code: number;

beforeAll(() => {
  const r = cli(['validate', 'examples/failing/cluster.yaml', '--format', 'sarif', '--today', '2024-06-01']);
  code = r.code;
  raw = r.stdout;
  log = JSON.parse(raw) as Log;
});

describe('SARIF from the CLI (examples/failing)', () => {
  it('exits 1 and prints one JSON document', () => {
    expect(code).toBe(1);
    expect(raw.trimStart().startsWith('{')).toBe(true);
  });

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const ok = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check catches a broken log', () => {
    const validate = sarifValidator();
    const broken = structuredClone(log) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(validate({ version: '2.1.0' })).toBe(false);
    // formats are checked too ($schema is "format": "uri")
    expect(validate({ ...log, $schema: 'not a uri' })).toBe(false);
  });

  it('has what GitHub code scanning requires: $schema, version, one run, driver name and rules', () => {
    expect(log.$schema).toMatch(/sarif/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('cluster');
    expect(run.columnKind).toBe('utf16CodeUnits');
    const rules = run.tool.driver.rules as ReportingDescriptor[];
    expect(rules.map((r) => r.id)).toEqual(allMeta().map((m) => m.id));
    for (const r of rules) {
      expect(r.id, 'id').toBeTruthy();
      expect(r.shortDescription?.text, r.id).toBeTruthy();
      expect(r.fullDescription?.text, r.id).toBeTruthy();
      expect(r.help?.text, r.id).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration?.level);
    }
  });

  it('every result: ruleId in driver.rules, level, message, relative percent-encoded uri, 1-based region', () => {
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules as ReportingDescriptor[];
    const ids = rules.map((r) => r.id);
    const results = run.results as Result[];
    expect(results.length).toBeGreaterThanOrEqual(15);
    for (const res of results) {
      expect(ids).toContain(res.ruleId);
      expect(rules[res.ruleIndex!]!.id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text).toBeTruthy();
      const loc = res.locations![0]!.physicalLocation!;
      const uri = loc.artifactLocation!.uri!;
      expect(uri).toBe('examples/failing/cluster.yaml');
      expect(uri).not.toMatch(/^[a-z]+:|^\/|\\/i);
      expect(uri).toMatch(/^[\x21-\x7e]+$/);
      expect(loc.region!.startLine!).toBeGreaterThanOrEqual(1);
      if (loc.region!.startColumn !== undefined) expect(loc.region!.startColumn).toBeGreaterThanOrEqual(1);
    }
    const levels = new Set(results.map((r) => r.level));
    expect(levels).toEqual(new Set(['error', 'warning', 'note']));
    const min = results.find((r) => r.ruleId === 'competitiveness/output-min')!;
    expect(min.locations![0]!.physicalLocation!.region).toEqual({ startLine: 97, startColumn: 11 });
  });
});

describe('SARIF locations (in process)', () => {
  const opts = { lang: 'zh' as const, paint: PLAIN, rules: allMeta() };
  const f: Finding = { ruleId: 'form/required', severity: 'error', message: 'm', path: '/x', line: 2, column: 5 };

  it('percent-encodes non-ASCII and spaces, turns backslashes into slashes', () => {
    expect(toUri('申报/荆门 掇刀/cluster.yaml')).toBe('%E7%94%B3%E6%8A%A5/%E8%8D%86%E9%97%A8%20%E6%8E%87%E5%88%80/cluster.yaml');
    expect(toUri('filings\\a#1\\c%.yaml')).toBe('filings/a%231/c%25.yaml');
    expect(toUri('./a.yaml')).toBe('a.yaml');
  });

  it('an absolute path inside the working folder becomes relative; outside it, a file:// URI', () => {
    expect(toUri('/repo/filings/集群.yaml', '/repo')).toBe('filings/%E9%9B%86%E7%BE%A4.yaml');
    expect(toUri('/elsewhere/a b.yaml', '/repo')).toBe('file:///elsewhere/a%20b.yaml');
    const log = JSON.parse(formatSarif({ tool: { name: 'cluster', version: '0' }, profile: 'p', results: [resultOf(join(process.cwd(), 'x', 'a.yaml'), [f])] }, opts)) as Log;
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('x/a.yaml');
  });

  it('a workbook finding has line 1 and names its cell in the message; no column → no startColumn', () => {
    const x: Finding = { ruleId: 'form/required', severity: 'warning', message: '空', path: '/x', sheet: '二、主导产业情况', cell: 'C7' };
    const y: Finding = { ruleId: 'form/deadline', severity: 'info', message: 'late', path: '', line: 4 };
    const log = JSON.parse(formatSarif({ tool: { name: 'cluster', version: '0' }, profile: 'p', results: [resultOf('a.xlsx', [x, y])] }, opts)) as Log;
    const a = log.runs[0]!.results!.find((r) => r.ruleId === 'form/required')!;
    const b = log.runs[0]!.results!.find((r) => r.ruleId === 'form/deadline')!;
    expect(a.message.text).toBe('空 [二、主导产业情况!C7]');
    expect(a.locations![0]!.physicalLocation!.region).toEqual({ startLine: 1 });
    expect(b.locations![0]!.physicalLocation!.region).toEqual({ startLine: 4 });
    expect(b.level).toBe('note');
    expect(sarifValidator()(log)).toBe(true);
  });
});

describe('fingerprints and rule help', () => {
  it('partialFingerprints survive a line inserted above (and differ between findings)', () => {
    const f = (line: number, path: string, ruleId = 'form/phone'): Finding => ({ ruleId, severity: 'warning', message: `m${line}`, path, line, column: 3 });
    const fp = (fs: Finding[]) =>
      (JSON.parse(formatSarif({ tool: { name: 'cluster', version: '0' }, profile: 'national-2024', results: [resultOf('a.yaml', fs)] }, { lang: 'zh', paint: PLAIN, rules: allMeta() })) as Log).runs[0]!.results!.map(
        (r) => r.partialFingerprints!['clusterFinding/v1'],
      );
    const before = fp([f(10, '/cover/phone'), f(20, '/cover/mobile'), f(30, '/cover/phone', 'form/required')]);
    const after = fp([f(11, '/cover/phone'), f(21, '/cover/mobile'), f(31, '/cover/phone', 'form/required')]);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(3);
    for (const x of before) expect(x).toMatch(/^[0-9a-f]{32}$/);
  });

  it('every rule has help.markdown (clause, how to fix) and a helpUri into docs/rules.md whose anchor exists', () => {
    const doc = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');
    const anchors = new Set(
      [...doc.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\- ]/gu, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const r of log.runs[0]!.tool.driver.rules as ReportingDescriptor[]) {
      expect(r.help?.markdown, r.id).toContain('如何修改');
      expect(r.help?.markdown, r.id).toContain('依据');
      const anchor = r.helpUri!.split('#')[1]!;
      expect(r.helpUri, r.id).toMatch(/^https:\/\/cdn\.jsdelivr\.net\/npm\/sme-cluster@[\d.]+\/docs\/rules\.md#/);
      expect(anchors.has(anchor), `${r.id}: #${anchor} in docs/rules.md`).toBe(true);
    }
    const growth = (log.runs[0]!.tool.driver.rules as ReportingDescriptor[]).find((r) => r.id === 'competitiveness/output-growth')!;
    expect(growth.help!.markdown).toContain('`outputCagr` > 10');
  });
});
