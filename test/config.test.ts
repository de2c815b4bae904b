/**
 * cluster.config.yaml, inline suppressions and profile `extends`: table-driven cases for each,
 * then the whole chain through the built CLI in a temporary filings repository.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { configSchema } from '../src/config/schema.js';
import { CliError } from '../src/errors.js';
import type { Finding } from '../src/findings.js';
import { globToRegExp, matchesAny } from '../src/glob.js';
import { mergeRaw } from '../src/profile-extends.js';
import { loadProfile } from '../src/profile.js';
import { allMeta, metaById } from '../src/rules/registry.js';
import { applySuppressions, parseDirectives, type Directive } from '../src/suppress.js';
import { cli, ROOT } from './helpers/cli.js';

const RULE_IDS = allMeta().map((m) => m.id);

interface ConfigCase {
  name: string;
  yaml: string;
  /** Expected parse (subset), or the error: message part and 1-based line:column. */
  ok?: Record<string, unknown>;
  error?: { text: string; line: number; column?: number };
  /** Whether the JSON Schema agrees (false for checks only the parser can make). */
  schemaKnows?: boolean;
}

const CONFIG_CASES: ConfigCase[] = [
  { name: 'empty file', yaml: '', ok: { rules: {}, ignores: [] } },
  { name: 'built-in profile id', yaml: 'profile: national-2025\n', ok: { profile: 'national-2025' } },
  { name: 'profile path relative to the config', yaml: 'profile: profiles/hubei.yaml\n', ok: { profile: join('/repo', 'profiles/hubei.yaml') } },
  { name: 'lang and format', yaml: 'lang: en\nformat: sarif\n', ok: { lang: 'en', format: 'sarif' } },
  { name: 'rule levels', yaml: 'rules:\n  form/phone: off\n  governance/operator: warning\n  digital/services: error\n', ok: { rules: { 'form/phone': 'off', 'governance/operator': 'warning', 'digital/services': 'error' } } },
  { name: 'ignores', yaml: 'ignores:\n  - "archive/**"\n  - "**/草稿-*.yaml"\n', ok: { ignores: ['archive/**', '**/草稿-*.yaml'] } },
  { name: '$schema key for editors', yaml: '$schema: ./schemas/config.schema.json\n', ok: {} },
  { name: 'unknown top-level key, with a suggestion', yaml: 'profile: national-2024\nrulez:\n  form/phone: off\n', error: { text: '未知的键 rulez（是不是 rules？）', line: 2, column: 1 } },
  { name: 'unknown rule id, with a suggestion', yaml: 'rules:\n  form/phones: off\n', error: { text: '未知的规则 form/phones（是不是 form/phone？）', line: 2, column: 3 } },
  { name: 'level not one of the four', yaml: 'rules:\n  form/phone: silent\n', error: { text: 'off、info、warning 或 error', line: 2, column: 15 } },
  { name: 'input/unreadable cannot be changed', yaml: 'rules:\n  input/unreadable: off\n', error: { text: 'input/unreadable 不能调整', line: 2, column: 3 } },
  { name: 'ignores must be a list', yaml: 'ignores: archive/**\n', error: { text: 'ignores 应为 glob 列表', line: 1, column: 10 } },
  { name: 'ignores entries are strings', yaml: 'ignores:\n  - 3\n', error: { text: 'ignores 的每一项应为非空字符串', line: 2, column: 5 } },
  { name: 'lang zh or en', yaml: 'lang: fr\n', error: { text: 'lang 只能是 zh 或 en', line: 1, column: 7 } },
  { name: 'format from the list', yaml: 'format: xml\n', error: { text: 'format 只能是', line: 1, column: 9 } },
  { name: 'profile a non-empty string', yaml: 'profile: 2024\n', error: { text: 'profile 应为非空字符串', line: 1, column: 10 } },
  { name: 'rules a mapping', yaml: 'rules: [form/phone]\n', error: { text: 'rules 应为映射', line: 1, column: 8 } },
  { name: 'YAML syntax error, in Chinese', yaml: 'rules:\n  form/phone: [off\n', error: { text: '项目配置无效', line: 3 }, schemaKnows: false },
];

describe('cluster.config.yaml', () => {
  const schema = configSchema(RULE_IDS.filter((id) => id !== 'input/unreadable'));
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
  const jsyaml = import('js-yaml');

  for (const c of CONFIG_CASES) {
    it(c.name, async () => {
      let got: unknown;
      let err: unknown;
      try {
        got = parseConfig(c.yaml, '/repo/cluster.config.yaml', RULE_IDS);
      } catch (e) {
        err = e;
      }
      if (c.ok) {
        expect(err).toBeUndefined();
        expect(got).toMatchObject(c.ok);
      } else {
        expect(err).toBeInstanceOf(CliError);
        const e = err as CliError;
        expect(e.exitCode).toBe(2);
        expect(e.msg.zh).toContain(c.error!.text);
        expect(e.location?.line, 'line').toBe(c.error!.line);
        if (c.error!.column) expect(e.location?.column, 'column').toBe(c.error!.column);
      }
      // The schema editors use says the same (where it can: it knows no positions or YAML syntax).
      if (c.schemaKnows !== false) {
        const data = (await jsyaml).default.load(c.yaml, { schema: (await jsyaml).default.CORE_SCHEMA }) ?? {};
        expect(validate(data), JSON.stringify(validate.errors)).toBe(c.ok !== undefined);
      }
    });
  }

  it('the committed schemas/config.schema.json is the generated one (npm run schema)', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schemas/config.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    expect(committed.$id).toMatch(/^https:\/\/cdn\.jsdelivr\.net\/npm\/sme-cluster@[\d.]+\/schemas\/config\.schema\.json$/);
  });
});

describe('glob patterns', () => {
  const cases: Array<[string, string, boolean]> = [
    ['archive/**', 'archive/a/cluster.yaml', true],
    ['archive/', 'archive/cluster.yaml', true],
    ['archive/', 'old-archive/cluster.yaml', false],
    ['**/草稿-*.yaml', 'a/b/草稿-1.yaml', true],
    ['**/草稿-*.yaml', '草稿-1.yaml', true],
    ['*.json', 'deep/down/x.json', true], // no slash: any depth, as .gitignore
    ['/*.json', 'deep/x.json', false],
    ['filings/*/cluster.yaml', 'filings/wuhan/cluster.yaml', true],
    ['filings/*/cluster.yaml', 'filings/a/b/cluster.yaml', false],
    ['filings/{wuhan,jingmen}/*.yaml', 'filings/jingmen/x.yaml', true],
    ['filings/{wuhan,jingmen}/*.yaml', 'filings/xiangyang/x.yaml', false],
    ['file?.yaml', 'file1.yaml', true],
    ['file[0-9].yaml', 'filea.yaml', false],
    ['a.b', 'aXb', false],
  ];
  for (const [g, p, want] of cases) it(`${g} ${want ? 'matches' : 'does not match'} ${p}`, () => expect(matchesAny(p, [g])).toBe(want));
  it('compiles each pattern once', () => expect(globToRegExp('x/**')).toBe(globToRegExp('x/**')));
});

interface SuppressCase {
  name: string;
  yaml: string;
  findings: Array<Pick<Finding, 'ruleId' | 'line'> & Partial<Finding>>;
  kept: string[];
  suppressed: Array<[string, string]>;
  problems: Array<[string, number]>;
}

const SUPPRESS_CASES: SuppressCase[] = [
  {
    name: 'the line below, with its reason',
    yaml: 'cover:\n  # cluster-disable-next-line form/phone -- 座机无区号，已与申报单位核实\n  phone: "7241234"\n',
    findings: [{ ruleId: 'form/phone', line: 3 }],
    kept: [],
    suppressed: [['form/phone', '座机无区号，已与申报单位核实']],
    problems: [],
  },
  {
    name: 'skips blank lines and the label comment init writes',
    yaml: '# cluster-disable-next-line form/decimals -- 统计局数据\n\n# 集群总产值（亿元）\noutput: 1.234\n',
    findings: [{ ruleId: 'form/decimals', line: 4 }],
    kept: [],
    suppressed: [['form/decimals', '统计局数据']],
    problems: [],
  },
  {
    name: 'only the named rule, only that line',
    yaml: '# cluster-disable-next-line form/phone -- 理由\nphone: x\nother: y\n',
    findings: [
      { ruleId: 'form/required', line: 2 },
      { ruleId: 'form/phone', line: 3 },
    ],
    kept: ['form/required@2', 'form/phone@3'],
    suppressed: [],
    problems: [['suppression/unused', 1]],
  },
  {
    name: 'several ids, comma separated',
    yaml: '# cluster-disable-next-line form/phone, form/required -- 两项均已核实\nphone: x\n',
    findings: [
      { ruleId: 'form/phone', line: 2 },
      { ruleId: 'form/required', line: 2 },
    ],
    kept: [],
    suppressed: [
      ['form/phone', '两项均已核实'],
      ['form/required', '两项均已核实'],
    ],
    problems: [],
  },
  {
    name: 'no reason: reported, not applied',
    yaml: '# cluster-disable-next-line form/phone\nphone: x\n',
    findings: [{ ruleId: 'form/phone', line: 2 }],
    kept: ['form/phone@2'],
    suppressed: [],
    problems: [['suppression/invalid', 1]],
  },
  {
    name: 'unknown rule: reported, not applied',
    yaml: '# cluster-disable-next-line form/phones -- 拼错了\nphone: x\n',
    findings: [{ ruleId: 'form/phone', line: 2 }],
    kept: ['form/phone@2'],
    suppressed: [],
    problems: [['suppression/invalid', 1]],
  },
  {
    name: 'no rule at all',
    yaml: '# cluster-disable-next-line -- 理由\nphone: x\n',
    findings: [],
    kept: [],
    suppressed: [],
    problems: [['suppression/invalid', 1]],
  },
  {
    name: 'a directive that matches nothing is itself a warning',
    yaml: '# cluster-disable-next-line form/phone -- 已修正\nphone: "0724-1234567"\n',
    findings: [],
    kept: [],
    suppressed: [],
    problems: [['suppression/unused', 1]],
  },
  {
    name: 'a comment inside a value is not a directive',
    yaml: 'note: "# cluster-disable-next-line form/phone -- x"\nphone: x\n',
    findings: [{ ruleId: 'form/phone', line: 2 }],
    kept: ['form/phone@2'],
    suppressed: [],
    problems: [],
  },
];

describe('inline suppressions', () => {
  const opts = { lang: 'zh' as const, knownRule: (id: string) => metaById(id) !== undefined, meta: metaById };
  for (const c of SUPPRESS_CASES) {
    it(c.name, () => {
      const findings: Finding[] = c.findings.map((f) => ({ severity: 'error', message: 'm', path: `/${f.ruleId}`, ...f }) as Finding);
      const o = applySuppressions(findings, parseDirectives(c.yaml), opts);
      expect(o.kept.map((f) => `${f.ruleId}@${f.line}`)).toEqual(c.kept);
      expect(o.suppressed.map((f) => [f.ruleId, f.suppression.justification])).toEqual(c.suppressed);
      expect(o.problems.map((f) => [f.ruleId, f.line])).toEqual(c.problems);
      for (const p of o.problems) expect(p.severity).toBe('warning');
    });
  }

  it('a workbook exception matches its sheet and cell', () => {
    const d: Directive = { kind: 'workbook', sheet: '例外说明', cell: 'A2', targetSheet: '封面', targetCell: 'C9', ruleIds: ['form/phone'], reason: '已核实' };
    const f = (cell: string): Finding => ({ ruleId: 'form/phone', severity: 'warning', message: 'm', path: '/cover/phone', sheet: '封面', cell });
    const o = applySuppressions([f('C9'), f('C10')], [d], opts);
    expect(o.suppressed.map((x) => x.cell)).toEqual(['C9']);
    expect(o.kept.map((x) => x.cell)).toEqual(['C10']);
    const unused = applySuppressions([f('C10')], [d], opts);
    expect(unused.problems.map((p) => [p.ruleId, p.sheet, p.cell])).toEqual([['suppression/unused', '例外说明', 'A2']]);
    expect(unused.problems[0]!.message).toContain('封面!C9');
  });

  it('an unreadable file is never suppressed', () => {
    const d = parseDirectives('# cluster-disable-next-line input/unreadable -- x\na: 1\n');
    const o = applySuppressions([{ ruleId: 'input/unreadable', severity: 'error', message: 'm', path: '', line: 2 }], d, opts);
    expect(o.kept).toHaveLength(1);
  });
});

describe('profile extends (merged on the raw YAML, before parsing)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-profile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<{ name: string; files: Record<string, string>; check: (load: () => ReturnType<typeof loadProfile>) => void }> = [
    {
      name: 'a province overrides one threshold of a built-in profile',
      files: { 'hubei.yaml': 'extends: national-2024\nid: hubei-2024\nthresholds:\n  output: { min: 20, inclusive: true }\n' },
      check: (load) => {
        const p = load();
        const base = loadProfile('national-2024');
        expect(p.id).toBe('hubei-2024');
        expect(p.thresholds.output).toEqual({ min: 20, max: undefined, inclusive: true });
        expect(p.thresholds.outputCagr).toEqual(base.thresholds.outputCagr);
        expect(p.dataYears).toEqual(base.dataYears);
        expect(p.name).toBe(base.name);
      },
    },
    {
      name: 'a chain through a file relative to the extending one',
      files: { 'base/mid.yaml': 'extends: national-2025\nid: mid\nname: 中间层\n', 'leaf.yaml': 'extends: base/mid.yaml\nid: leaf\n' },
      check: (load) => {
        const p = load();
        expect(p.id).toBe('leaf');
        expect(p.name).toBe('中间层');
        expect(p.dataYears).toEqual(loadProfile('national-2025').dataYears);
      },
    },
    {
      name: 'a cycle is refused',
      files: { 'a.yaml': 'extends: b.yaml\nid: a\n', 'b.yaml': 'extends: a.yaml\nid: b\n' },
      check: (load) => expect(load).toThrow(/循环继承/),
    },
    {
      name: 'an unknown base is refused',
      files: { 'x.yaml': 'extends: national-1999\nid: x\n' },
      check: (load) => expect(load).toThrow(/未知的内置配置：national-1999/),
    },
    {
      name: 'the merged profile is still validated',
      files: { 'bad.yaml': 'extends: national-2024\nid: bad\ndataYears: [2021, 2023, 2024]\n' },
      check: (load) => expect(load).toThrow(/dataYears/),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const sub = mkdtempSync(join(dir, 'c-'));
      for (const [name, text] of Object.entries(c.files)) {
        mkdirSync(join(sub, name, '..'), { recursive: true });
        writeFileSync(join(sub, name), text);
      }
      const first = Object.keys(c.files).at(-1)!;
      c.check(() => loadProfile(join(sub, first)));
    });
  }

  it('mergeRaw: maps merge, lists and scalars replace, null removes', () => {
    expect(mergeRaw({ a: { x: 1, y: 2 }, l: [1, 2], s: 'a', gone: 1 }, { a: { y: 3 }, l: [3], s: 'b', gone: null })).toEqual({ a: { x: 1, y: 3 }, l: [3], s: 'b' });
  });
});

describe('a filings repository through the CLI', () => {
  let repo: string;
  const run = (args: string[], input?: string) => cli([...args, '--today', '2024-06-01'], { cwd: repo, input });
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'cluster-repo-'));
    for (const name of ['wuhan', 'archive/old']) {
      mkdirSync(join(repo, 'filings', name), { recursive: true });
      cpSync(join(ROOT, 'examples/failing'), join(repo, 'filings', name), { recursive: true });
    }
    writeFileSync(join(repo, 'package.json'), '{"name": "filings", "private": true}\n');
    writeFileSync(join(repo, 'filings/notes.yaml'), 'title: 会议纪要\n');
    writeFileSync(join(repo, 'cluster.config.yaml'), 'profile: national-2024\nignores:\n  - filings/archive/\nrules:\n  governance/operator: off\n  form/decimals: info\n');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  function json(args: string[], input?: string) {
    const r = run([...args, '--format', 'json'], input);
    return { r, out: JSON.parse(r.stdout) as { results: Array<{ file: string; summary: Record<string, number>; findings: Finding[]; suppressed?: Array<Finding & { suppression: { justification: string } }> }> } };
  }

  it('a folder walk skips ignores, package.json and YAML that is not a filing', () => {
    const { r, out } = json(['validate', '.']);
    expect(r.stderr).toBe('');
    expect(out.results.map((x) => x.file)).toEqual(['filings/wuhan/cluster.yaml']);
  });

  it('rule levels from the config: off drops, info demotes', () => {
    const { out } = json(['validate', 'filings/wuhan/cluster.yaml']);
    const ids = out.results[0]!.findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(ids.some((x) => x.startsWith('governance/operator'))).toBe(false);
    expect(ids).toContain('form/decimals:info');
  });

  it('a config nearer the filing wins, and an explicit --profile wins over both', () => {
    writeFileSync(join(repo, 'filings/wuhan/cluster.config.yaml'), 'profile: national-2025\n');
    try {
      expect(JSON.parse(run(['validate', 'filings/wuhan/cluster.yaml', '--format', 'json']).stdout).profile).toBe('national-2025');
      expect(JSON.parse(run(['validate', 'filings/wuhan/cluster.yaml', '--format', 'json', '--profile', 'national-2024']).stdout).profile).toBe('national-2024');
    } finally {
      rmSync(join(repo, 'filings/wuhan/cluster.config.yaml'));
    }
  });

  it('an explicitly named file is read even when ignored; globs are expanded by the tool', () => {
    expect(json(['validate', 'filings/archive/old/cluster.yaml']).out.results).toHaveLength(1);
    expect(json(['validate', 'filings/**/cluster.yaml']).out.results.map((x) => x.file)).toEqual(['filings/wuhan/cluster.yaml']);
    const none = run(['validate', 'nothing/**/*.yaml']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('没有与 nothing/**/*.yaml 匹配的申报文件');
  });

  it('a bad config is exit 2 with its line and column', () => {
    writeFileSync(join(repo, 'filings/wuhan/cluster.config.yaml'), 'rules:\n  form/phnoe: off\n');
    try {
      const r = run(['validate', 'filings/wuhan/cluster.yaml']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('cluster: filings/wuhan/cluster.config.yaml:2:3: 项目配置无效：未知的规则 form/phnoe（是不是 form/phone？）；全部规则见 cluster rules\n');
    } finally {
      rmSync(join(repo, 'filings/wuhan/cluster.config.yaml'));
    }
  });

  it('suppressed findings: not counted, reported with the reason in json and SARIF; --no-inline-config ignores them', () => {
    const file = join(repo, 'filings/wuhan/cluster.yaml');
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    const at = lines.findIndex((l) => l.includes('2021: 36.8'));
    lines.splice(at, 0, '    # cluster-disable-next-line competitiveness/output-min -- 2021年受疫情影响，经省厅同意按两年计');
    writeFileSync(file, lines.join('\n'));
    try {
      const before = json(['validate', file, '--no-inline-config']).out.results[0]!;
      const after = json(['validate', file]).out.results[0]!;
      expect(before.findings.some((f) => f.ruleId === 'competitiveness/output-min')).toBe(true);
      expect(after.findings.some((f) => f.ruleId === 'competitiveness/output-min')).toBe(false);
      expect(after.summary.error).toBe(before.summary.error - 1);
      expect(after.suppressed!.map((f) => [f.ruleId, f.suppression.justification])).toEqual([['competitiveness/output-min', '2021年受疫情影响，经省厅同意按两年计']]);
      const sarif = JSON.parse(run(['validate', file, '--format', 'sarif']).stdout);
      const sup = sarif.runs[0].results.filter((x: { suppressions?: unknown[] }) => x.suppressions);
      expect(sup).toHaveLength(1);
      expect(sup[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: '2021年受疫情影响，经省厅同意按两年计' }]);
      expect(run(['validate', file]).stdout).toContain('已按忽略指令略过 1 个');
    } finally {
      writeFileSync(file, original);
    }
  });

  it('lang and format defaults come from the config; the command line wins', () => {
    const cfg = join(repo, 'cluster.config.yaml');
    const original = readFileSync(cfg, 'utf8');
    writeFileSync(cfg, original + 'lang: en\nformat: github\n');
    try {
      const r = run(['validate', 'filings/wuhan/cluster.yaml']);
      expect(r.stdout).toMatch(/^::error file=filings\/wuhan\/cluster.yaml,line=\d+/m);
      expect(r.stdout).toMatch(/title=competitiveness\/output-min::[^\u4e00-\u9fff]+$/m);
      const zh = run(['validate', 'filings/wuhan/cluster.yaml', '--lang', 'zh', '--format', 'text']);
      expect(zh.stdout).toContain('未通过');
    } finally {
      writeFileSync(cfg, original);
    }
  });
});
