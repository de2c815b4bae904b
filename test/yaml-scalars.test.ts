/**
 * The loader resolves plain scalars (null, bool, decimal int, decimal float) with one implicit type
 * that looks at the first character first (src/load/yaml.ts, plainScalar; #18). It must read every
 * scalar exactly as the four types it replaced, tried in turn: checked here against those four,
 * written out as they were, over generated scalars in every position, explicit tags, and every
 * YAML/JSON file of the repository.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../src/load/yaml.js';
import { ROOT } from './helpers/cli.js';

// The schema as it was: js-yaml's null and bool, then the two decimal types, each asked in turn.
const DECIMAL_INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const DECIMAL_FLOAT = /^[-+]?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/;
const types = (jsyaml as unknown as { types: Record<'null' | 'bool', InstanceType<typeof jsyaml.Type>> }).types;
const REFERENCE = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    types.null,
    types.bool,
    new jsyaml.Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: (s: string | null) => s !== null && DECIMAL_INT.test(s), construct: (s: string) => Number(s) }),
    new jsyaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (s: string | null) => s !== null && /[0-9]/.test(s) && !DECIMAL_INT.test(s) && DECIMAL_FLOAT.test(s) && Number.isFinite(Number(s)),
      construct: (s: string) => Number(s),
    }),
  ],
});

type Outcome = { ok: true; data: unknown } | { ok: false };
function reference(text: string): Outcome {
  try {
    return { ok: true, data: jsyaml.load(text, { schema: REFERENCE, json: false }) };
  } catch {
    return { ok: false };
  }
}
function loader(text: string): Outcome {
  try {
    return { ok: true, data: parseYamlText(text, 'x.yaml').data };
  } catch {
    return { ok: false };
  }
}

/** Scalars near every edge of the four types: signs, points, exponents, other bases, words, case. */
const EDGES = [
  '', '~', '~~', 'null', 'Null', 'NULL', 'nULL', 'nul', 'nulls', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'fALSE',
  'yes', 'no', 'on', 'off', 'y', 'n', '0', '-0', '+0', '00', '01', '-01', '1', '-1', '+1', '12', '1_000', '0x1f', '0o17', '0b101',
  '1.', '.1', '-.1', '+.1', '.', '-.', '+.', '-', '+', '1.5', '-1.5', '1.5e3', '1.5E3', '1.5e+3', '1.5e-3', '1e3', '1e', 'e3', 'E3',
  '.e3', '-e3', '1.e3', '.5e-2', '1e400', '-1e400', '1e-400', '.inf', '-.inf', '.nan', '.NaN', 'Infinity', 'NaN', '0.0', '-0.0',
  '123456789012345678901234567890', '9007199254740993', '1,5', '1 5', '１２', '٣', '12元', '无', '有', '是', '否', '2023', '2023-01-01',
  '08', '09', '-08', '0.', '-0.', '1..2', '1.2.3', '++1', '--1', '+-1', '1e+', '1e-', '1.5e3.0',
  // long decimals: finite up to ~308 digits, Infinity (so text) beyond, with and without a point
  '9'.repeat(297) + '.5', '9'.repeat(298) + '.5', '-' + '9'.repeat(298) + '.5', '9'.repeat(310) + '.5', '9'.repeat(308) + '.', '9'.repeat(309) + '.',
  '9'.repeat(400), '.' + '9'.repeat(400), '0.' + '0'.repeat(400) + '1',
];
const ALPHABET = ['0', '1', '9', '.', '-', '+', 'e', 'E', 'x', '_', 'n', 'u', 'l', 'L', 't', 'T', 'r', 'f', 'a', 's', '~', '无'];

function* generated(): Generator<string> {
  yield* EDGES;
  // Every string of up to three characters over the alphabet, and a seeded sample of longer ones.
  for (const a of ALPHABET) {
    yield a;
    for (const b of ALPHABET) {
      yield a + b;
      for (const c of ALPHABET) yield a + b + c;
    }
  }
  let seed = 18;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const n = 4 + Math.floor(rnd() * 8);
    for (let k = 0; k < n; k++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
    yield s;
  }
  // Number-like strings: digits, signs, points and exponents only.
  const NUMERIC = ['0', '1', '5', '9', '.', '-', '+', 'e', 'E'];
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const n = 1 + Math.floor(rnd() * 7);
    for (let k = 0; k < n; k++) s += NUMERIC[Math.floor(rnd() * NUMERIC.length)];
    yield s;
  }
}

/** Values in a tree that are not text (numbers, booleans, nulls). */
function typed(v: unknown): number {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return 1;
  if (typeof v !== 'object') return 0;
  return (Array.isArray(v) ? v : Object.values(v as object)).reduce((n: number, x) => n + typed(x), 0);
}

describe('plain scalars read as by the four types they replaced', () => {
  it('as values, keys, sequence items and flow items', () => {
    let compared = 0;
    let numbers = 0; // non-text values met
    for (const s of generated()) {
      for (const text of [`k: ${s}\n`, `${s}: v\n`, `k:\n  - ${s}\n`, `k: [${s}, x]\n`, `k: {a: ${s}}\n`]) {
        const want = reference(text);
        const got = loader(text);
        // The loader refuses more than js-yaml (a top-level non-mapping, for one): compare where it reads.
        if (!got.ok) continue;
        expect(want.ok, text).toBe(true);
        if (!isDeepStrictEqual(got.data, (want as { data: unknown }).data)) expect({ text, got: got.data }).toEqual({ text, got: (want as { data: unknown }).data });
        compared++;
        numbers += typed(got.data);
      }
    }
    // The comparison covered many scalars, and many that are not text among them (not only refusals).
    expect(compared).toBeGreaterThan(40_000);
    expect(numbers).toBeGreaterThan(3_000);
  });

  it('explicit tags still name the type they named', () => {
    const cases: Array<[string, unknown]> = [
      ['k: !!int 12\n', 12],
      ['k: !!float 1.5\n', 1.5],
      ['k: !!float 2\n', undefined],
      ['k: !!int 1.5\n', undefined],
      ['k: !!bool true\n', true],
      ['k: !!bool False\n', false],
      ['k: !!null ~\n', null],
      ['k: !!null x\n', undefined],
      ['k: !!str 12\n', '12'],
      ['k: !<tag:yaml.org,2002:int> 7\n', 7],
    ];
    for (const [text, value] of cases) {
      const want = reference(text);
      const got = loader(text);
      expect(got.ok, text).toBe(want.ok);
      if (want.ok) {
        expect(want.data, text).toEqual({ k: value });
        expect(isDeepStrictEqual(got.ok && got.data, want.data), text).toBe(true);
      } else expect(value, text).toBeUndefined();
    }
  });

  it('every YAML and JSON file of the repository reads the same', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'dist') continue;
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ya?ml|json)$/i.test(e.name)) files.push(p);
      }
    };
    walk(ROOT);
    let read = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const got = loader(text);
      if (!got.ok) continue;
      const want = reference(text);
      expect(want.ok, f).toBe(true);
      expect(isDeepStrictEqual(got.data, (want as { data: unknown }).data), f).toBe(true);
      read++;
    }
    expect(read).toBeGreaterThan(10);
  });
});
