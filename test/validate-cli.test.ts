/**
 * `cluster validate`, `cluster metrics` and `cluster rules` through the built CLI (npm test builds
 * first): exit codes, --max-warnings, folders, several files in one JSON document, the examples.
 */
import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../src/metrics/index.js';
import { allMeta } from '../src/rules/registry.js';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from './helpers/cli.js';

const TODAY = ['--today', '2024-06-01'];
const PASSING = 'examples/jingmen-battery/cluster.yaml';
const FAILING = 'examples/failing/cluster.yaml';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  path: string;
  line?: number;
  column?: number;
}
interface JsonResult {
  file: string;
  valid: boolean;
  summary: { error: number; warning: number; info: number };
  findings: JsonFinding[];
  metrics: Record<string, { value: number | null; unit: string; formula: string; years: number[] }>;
}

describe('exit codes', () => {
  it('the passing example exits 0 with no finding', () => {
    const r = cli(['validate', PASSING, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('未发现问题');
    expect(r.stderr).toBe('');
  });

  it('the failing example exits 1 and fires each of its deliberate faults', () => {
    const r = cli(['validate', FAILING, ...TODAY, '--format', 'json']);
    expect(r.code).toBe(1);
    const res = (JSON.parse(r.stdout) as { results: JsonResult[] }).results[0]!;
    const ids = new Set(res.findings.map((f) => f.ruleId));
    for (const id of [
      'competitiveness/output-min',
      'competitiveness/leading-industry-share',
      'competitiveness/output-growth',
      'innovation/patents-per-10k',
      'green/co2-intensity-falling',
      'form/evidence',
      'form/evidence-file',
      'form/list-count',
      'consistency/stated-vs-computed',
      'form/text-length',
      'plan/output-growth',
      'form/required',
      'form/decimals',
      'governance/operator',
      'form/phone',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(res.valid).toBe(false);
    for (const f of res.findings) {
      expect(f.line, f.ruleId).toBeGreaterThanOrEqual(1);
      expect(f.column, f.ruleId).toBeGreaterThanOrEqual(1);
    }
  });

  it('--max-warnings: warnings alone exit 0, over the limit exit 1; a passed deadline is info and changes nothing', () => {
    // After the deadline the passing example has one info finding (form/deadline): the same exit code as before it.
    const late = ['validate', PASSING, '--today', '2024-06-21'];
    const plain = cli(late);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('form/deadline');
    expect(cli([...late, '--max-warnings', '0']).code).toBe(0);
    // One warning (governance/operator-type on a filing whose operator reads like a 城投 and declares no type).
    const dir = mkdtempSync(join(tmpdir(), 'cluster-warn-'));
    cpSync(join(ROOT, 'examples/jingmen-battery'), dir, { recursive: true });
    const yaml = readFileSync(join(dir, 'cluster.yaml'), 'utf8')
      .replace('operator: 荆门市掇刀区新能源动力电池产业园管理委员会', 'operator: 荆门市掇刀区城市建设投资开发有限公司')
      .replace(/^  operatorType: .*\n/m, '');
    writeFileSync(join(dir, 'cluster.yaml'), yaml);
    const warned = ['validate', join(dir, 'cluster.yaml'), ...TODAY];
    const w = cli(warned);
    expect(w.code, w.stdout + w.stderr).toBe(0);
    expect(w.stdout).toContain('governance/operator-type');
    expect(cli([...warned, '--max-warnings', '0']).code).toBe(1);
    expect(cli([...warned, '--max-warnings', '1']).code).toBe(0);
    expect(cli([...warned, '--max-warnings', '1000']).code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--today must be a date that exists (form/date for options): exit 2 naming the option', () => {
    for (const bad of ['2024-02-30', '2024-13-01', '2024-6-1']) {
      const r = cli(['validate', PASSING, '--today', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toContain('--today');
    }
    expect(cli(['validate', PASSING, '--today', '2024-02-29']).code).toBe(0);
  });
});

describe('several filings', () => {
  it('a folder gives a compact table with one row per filing, and exit 1 (leading-share-70 fails)', () => {
    const r = cli(['validate', 'examples/boundary', ...TODAY]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const names = ['leading-share-70', 'output-40', 'output-growth-10', 'patents-per-10k-15', 'sme-share-70'];
    for (const n of names) expect(lines.filter((l) => l.startsWith(`examples/boundary/${n}/cluster.yaml `)), n).toHaveLength(1);
    const row = lines.find((l) => l.startsWith('examples/boundary/leading-share-70/'))!;
    expect(row).toContain('competitiveness/leading-industry-share');
    expect(r.stdout).toContain('5 个文件');
    // compact: the messages themselves are not printed
    expect(r.stdout).not.toContain('未高于标准一');
  });

  it('--format json over several inputs is one document with one result per filing; boundaries fire as named', () => {
    const r = cli(['validate', 'examples/boundary', PASSING, FAILING, ...TODAY, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { tool: { name: string }; profile: string; results: JsonResult[] };
    expect(doc.tool.name).toBe('cluster');
    expect(doc.profile).toBe('national-2024');
    expect(doc.results).toHaveLength(7);
    const by = new Map(doc.results.map((x) => [x.file, x]));
    expect([...by.keys()].sort()).toEqual(
      [
        'examples/boundary/leading-share-70/cluster.yaml',
        'examples/boundary/output-40/cluster.yaml',
        'examples/boundary/output-growth-10/cluster.yaml',
        'examples/boundary/patents-per-10k-15/cluster.yaml',
        'examples/boundary/sme-share-70/cluster.yaml',
        PASSING,
        FAILING,
      ].sort(),
    );
    const fired = (file: string, rule: string) => by.get(file)!.findings.some((f) => f.ruleId === rule);
    // name → [rule, fires?]: "70" and "10" are excluded by 高于; "40", "15" and the SME "70" are included.
    const boundary: Array<[string, string, boolean]> = [
      ['leading-share-70', 'competitiveness/leading-industry-share', true],
      ['output-40', 'competitiveness/output-min', false],
      ['output-growth-10', 'competitiveness/output-growth', true],
      ['patents-per-10k-15', 'innovation/patents-per-10k', false],
      ['sme-share-70', 'competitiveness/sme-output-share', false],
    ];
    for (const [name, rule, fires] of boundary) {
      const file = `examples/boundary/${name}/cluster.yaml`;
      expect(fired(file, rule), `${name}: ${rule}`).toBe(fires);
      // Each boundary example differs from the passing one only at its boundary.
      expect(by.get(file)!.valid, name).toBe(!fires);
      if (fires) expect(by.get(file)!.findings.map((f) => f.ruleId), name).toEqual([rule]);
    }
    expect(by.get(PASSING)!.findings).toEqual([]);
    expect(by.get(FAILING)!.valid).toBe(false);
    const growth = by.get('examples/boundary/output-growth-10/cluster.yaml')!;
    expect(growth.metrics.outputCagr!.years).toEqual([2020, 2023]);
    expect(growth.metrics.outputCagr!.value!).toBeCloseTo(9.99963, 4);
    expect(growth.metrics.outputCagr!.alt!.value).toBeCloseTo(10, 9);
  });
});

describe('cluster metrics and cluster rules', () => {
  it('metrics --format json: every metric id with value, unit, formula and years', () => {
    const r = cli(['metrics', PASSING, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { profile: string; file: string; metrics: JsonResult['metrics'] };
    expect(doc.profile).toBe('national-2024');
    expect(doc.file).toBe(PASSING);
    expect(Object.keys(doc.metrics).sort()).toEqual([...METRIC_IDS].sort());
    for (const [id, m] of Object.entries(doc.metrics)) {
      expect(typeof m.value, id).toBe('number');
      expect(typeof m.unit, id).toBe('string');
      expect(m.formula.length, id).toBeGreaterThan(0);
      expect(Array.isArray(m.years) && m.years.length > 0, id).toBe(true);
    }
    // 3-year span from the 2020 figure: (289.3 / 151.6)^(1/3) − 1
    expect(doc.metrics.outputCagr!.value!).toBeCloseTo(24.036568854685946, 9);
    expect(doc.metrics.outputCagr!.years).toEqual([2020, 2023]);
  });

  it('rules --format json lists every registered rule and schema/input id', () => {
    const r = cli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; severity: string; source: string; description: string }>;
    const meta = allMeta();
    // 57 catalogue rules plus the schema and input ids (7 when rules.md was written; the Excel importer adds more).
    expect(list.length).toBe(meta.length);
    expect(list.length).toBeGreaterThanOrEqual(58);
    expect(list.map((x) => x.id)).toEqual(meta.map((m) => m.id));
    // …and form/evidence-name, added beyond the spec (see BEYOND_SPEC in rules.test.ts).
    expect(list.filter((x) => !/^(schema|input|pack|suppression|review)\//.test(x.id))).toHaveLength(58);
    // …and the review (复核) rules, defined with the review profiles.
    expect(list.filter((x) => x.id.startsWith('review/')).length).toBe(5);
    // …and the two about suppression directives themselves.
    expect(list.filter((x) => x.id.startsWith('suppression/')).map((x) => x.id)).toEqual(['suppression/invalid', 'suppression/unused']);
    expect(list.filter((x) => x.id.startsWith('pack/')).length).toBeGreaterThanOrEqual(4);
    for (const x of list) {
      expect(['error', 'warning', 'info']).toContain(x.severity);
      expect(x.description.length, x.id).toBeGreaterThan(0);
      expect(x.source.length, x.id).toBeGreaterThan(0);
    }
  });
});
