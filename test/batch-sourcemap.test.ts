/**
 * Batch validation speed depends on finding positions cheaply: the event-based source map (js-yaml
 * parse events) must give exactly the positions of the `yaml` parser's map on every value and key.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { MapSourceMap } from '../src/load/source-map.js';
import type { SourceLocation } from '../src/findings.js';
import { EventSourceMap, MISMATCH, fastTreeNodes, parseYamlListened, parseYamlStrict, parseYamlText, recorder, type Frame } from '../src/load/yaml.js';
import type { SourceMap } from '../src/load/source-map.js';
import { InputError } from '../src/errors.js';
import { ROOT } from './helpers/cli.js';

type Maps = { values: Map<string, unknown>; keys: Map<string, unknown> };
const inner = (m: MapSourceMap) => m as unknown as Maps;

function filings(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (e !== 'evidence') filings(p, out);
    } else if (/\.(ya?ml|json)$/.test(e)) out.push(p);
  }
  return out;
}

function events(text: string): EventSourceMap {
  const r = recorder();
  jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, listener: r.listener });
  return new EventSourceMap(text, r.root);
}

const pick = (l: unknown) => (l && typeof l === 'object' ? { line: (l as SourceLocation).line, column: (l as SourceLocation).column } : l);

/** Every value and key pointer of the `yaml` parser's map, and pointers that are not in the file, locate the same. */
function expectSame(text: string, name: string): void {
  const strictMap = parseYamlStrict(text, name).sourceMap as MapSourceMap;
  const fast = events(text);
  const loaded = parseYamlText(text, name).sourceMap;
  const ptrs = new Set([...inner(strictMap).values.keys(), ...inner(strictMap).keys.keys()]);
  for (const p of [...ptrs]) ptrs.add(`${p}/missing`).add(`${p}/0/deeper`);
  ptrs.add('/nowhere/at/all');
  for (const ptr of ptrs) {
    if (ptr === '') continue;
    const want = pick(strictMap.locate(ptr));
    const got = fast.locate(ptr);
    expect(got, `${name}: ${ptr} maps onto the events`).not.toBe(MISMATCH);
    expect(pick(got ?? undefined), `${name} locate ${ptr}`).toEqual(want);
    expect(pick(fast.locateKey(ptr) ?? undefined), `${name} locateKey ${ptr}`).toEqual(pick(strictMap.locateKey(ptr)));
    expect(pick(loaded.locate(ptr)), `${name} loaded ${ptr}`).toEqual(want);
  }
}

describe('event-based source map', () => {
  it('matches the yaml parser on every example filing (YAML, the same data as JSON, re-dumped)', () => {
    const files = filings(join(ROOT, 'examples'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expectSame(text, relative(ROOT, file));
      const data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
      expectSame(JSON.stringify(data, null, 2), relative(ROOT, file) + ' as JSON');
      expectSame(jsyaml.dump(data, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1 }), relative(ROOT, file) + ' re-dumped');
    }
  });

  it('matches on block scalars, comments, empty values, quoted keys, flow collections and sequences at the parent indent', () => {
    const cases = [
      'a: 1\nb:\nc: ~\nd: null\n',
      '# head\ncover:   # trailing\n  # inside\n  clusterName: "x"\n  region: { province: 湖北省, city: 荆门市 }\n',
      'summary:\n  intro: |\n    第一行\n    第二行\n  founded: 2016-09\nnext: >-\n  folded\n  text\n',
      'list:\n- a\n- b\n-   c\nmap:\n  - k: 1\n    j: 2\n  - k: 3\n',
      'industry:\n  output:\n    "2021": 1.5\n    \'2022\': 2\n    2023: 3\n',
      '{"a": {"b": [1, 2, {"c": "d"}]}, "e": "f"}',
      '---\na: [x, y]\nb: {}\nc: []\n',
      'x:\n  y:\n    z: "multi\n      line"\n  w: plain\n    continued\n',
      'a: "𠀀x"\r\nb: 值\r\n中文键: 1\r\nc:\r\n  - 𠀀\r\n  -  "q"\r\n',
      'a:\t1\nb:   # c\n  # d\n\n  e: [1,\n    2]\n',
    ];
    cases.forEach((t, i) => expectSame(t, `case ${i}`));
  });

  it('gives up (and the yaml parser is used) when events do not map onto the data', () => {
    const text = 'list:\n  -\n  - b\nother: 1\n';
    expect(events(text).locate('/list/1')).toBe(MISMATCH);
    expect(events(text).locate('/other')).toEqual({ line: 4, column: 8 });
    const strict = parseYamlStrict(text, 'x').sourceMap;
    expect(pick(parseYamlText(text, 'x').sourceMap.locate('/list/1'))).toEqual(pick(strict.locate('/list/1')));
  });
});

/** A deterministic stream of numbers (a linear congruential generator): the same mutations every run. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
}

/** Edits of the example: a special character inserted, a line dropped or doubled, a cut. */
function mutations(text: string, n: number): string[] {
  const next = lcg(18);
  const chars = [':', '-', ' ', '\t', '"', "'", '[', ']', '{', '}', '#', '&a ', '*a', '!', '|', '>', '\n', '? ', ',', '字', '\n  - ', ': x\n'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const lines = text.split('\n');
    const k = next() % lines.length;
    switch (next() % 4) {
      case 0: {
        const at = next() % (text.length + 1);
        out.push(text.slice(0, at) + chars[next() % chars.length] + text.slice(at));
        break;
      }
      case 1:
        lines.splice(k, 1);
        out.push(lines.join('\n'));
        break;
      case 2:
        lines.splice(k, 0, lines[k]!);
        out.push(lines.join('\n'));
        break;
      default:
        out.push(text.slice(0, next() % (text.length + 1)));
    }
  }
  return out;
}

/** Texts the loader meets: odd constructs by hand, the examples, and edits of the example. */
const ODD = [
  'a:\n  ? explicit\n  : value\n  ? lonely\n',
  'a: [x, [y, [z]], {p: q, r}]\nb: {s: [1, 2], t: {u: v}}\n',
  'a:\n- - - deep\n    - er\n  - x\n- {k: [1, {m: n}]}\n',
  'a: &x {b: 1}\nc: *x\n',
  'a: &x 1\nb: 2\n',
  'a: !!str 12\nb: !custom x\n',
  '---\na: 1\n---\nb: 2\n',
  'list:\n  -\n  - b\nother: 1\n',
  '{a: , b: [], c: {}}',
  '[1, 2]',
  '"just text"',
  '',
  'a: b: c\n',
  'a:\n  b: 1\n   c: 2\n',
  'k: "unterminated\n',
  'a: {b: [c, d}\n',
  `${'x:\n'.repeat(1)}${'  '.repeat(1)}y: ${'['.repeat(70)}${']'.repeat(70)}\n`,
  `${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`,
  `big:\n${Array.from({ length: 6000 }, (_, i) => `  k${i}: ${i}`).join('\n')}\n`,
  `seq: [${Array.from({ length: 12000 }, (_, i) => i).join(', ')}]\n`,
];

function corpus(): { name: string; text: string }[] {
  const out = ODD.map((text, i) => ({ name: `odd ${i}`, text }));
  for (const file of filings(join(ROOT, 'examples'))) {
    const text = readFileSync(file, 'utf8');
    out.push({ name: relative(ROOT, file), text });
    out.push({ name: relative(ROOT, file) + ' as JSON', text: JSON.stringify(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), null, 2) });
  }
  const ex = readFileSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml'), 'utf8');
  mutations(ex, 60).forEach((text, i) => out.push({ name: `mutation ${i}`, text }));
  return out;
}

type Outcome = { data: unknown; map: SourceMap } | { error: string };
function outcome(parse: () => { data: unknown; sourceMap: SourceMap }): Outcome {
  try {
    const r = parse();
    return { data: r.data, map: r.sourceMap };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { error: JSON.stringify([e.text('zh'), e.text('en'), e.location]) };
  }
}

describe('positions recorded when a finding needs them', () => {
  const texts = corpus();

  it('reading without the listener gives the data, refusals and positions of reading with it', () => {
    let fast = 0;
    for (const { name, text } of texts) {
      const a = outcome(() => parseYamlText(text, name));
      const b = outcome(() => parseYamlListened(text, name));
      if ('error' in b) {
        expect(a, name).toEqual(b);
        continue;
      }
      if ('error' in a) throw new Error(`${name}: refused without the listener only: ${a.error}`);
      expect(a.data, name).toEqual(b.data);
      // Every pointer the `yaml` parser knows (when it reads the file), and some it does not.
      let ptrs: string[] = ['/nowhere', '/cover/clusterName', '/industry/output/2023', '/a/0/b'];
      try {
        const strict = inner(parseYamlStrict(text, name).sourceMap as MapSourceMap);
        const all = [...strict.values.keys(), ...strict.keys.keys()];
        // Every pointer of the hand-written texts and the examples; a spread sample of each edit's.
        const step = name.startsWith('mutation') ? Math.ceil(all.length / 150) : 1;
        ptrs = [...ptrs, ...all.filter((_, i) => i % step === 0)];
      } catch {
        // js-yaml reads what `yaml` refuses: the pointers above only
      }
      for (const p of ptrs) {
        expect(pick(a.map.locate(p)), `${name} locate ${p}`).toEqual(pick(b.map.locate(p)));
        expect(pick(a.map.locateKey(p)), `${name} locateKey ${p}`).toEqual(pick(b.map.locateKey(p)));
      }
      fast++;
    }
    expect(fast).toBeGreaterThan(texts.length / 3);
  });

  it('js-yaml opens at most three events per node and nests its frames at most twice per level (the bound of reading without the listener)', () => {
    let checked = 0;
    for (const { name, text } of texts) {
      const r = recorder();
      let data: unknown;
      try {
        data = jsyaml.load(text.replace(/\r\n?/g, '\n'), { schema: jsyaml.CORE_SCHEMA, listener: r.listener });
      } catch {
        continue;
      }
      if (data === null || typeof data !== 'object') continue;
      let events = 0;
      let frameDepth = 0;
      const frames = (f: Frame, d: number): void => {
        events++;
        frameDepth = Math.max(frameDepth, d);
        for (const c of f.children) frames(c, d + 1);
      };
      r.root.children.forEach((c) => frames(c, 1));
      let dataDepth = 0;
      const depth = (v: unknown, d: number): void => {
        dataDepth = Math.max(dataDepth, d);
        if (v !== null && typeof v === 'object') for (const x of Object.values(v)) depth(x, d + 1);
      };
      depth(data, 0);
      const nodes = fastTreeNodes(data, false);
      if (nodes < 0) continue; // over the node count: read with the listener from the start
      expect(events, `${name}: events`).toBeLessThanOrEqual(3 * nodes);
      expect(frameDepth, `${name}: frame depth`).toBeLessThanOrEqual(2 * dataDepth + 2);
      checked++;
    }
    expect(checked).toBeGreaterThan(texts.length / 3);
  });
});
