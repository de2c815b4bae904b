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
import { EventSourceMap, MISMATCH, parseYamlStrict, parseYamlText, recorder } from '../src/load/yaml.js';
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
