/**
 * Property-based tests (fast-check) over the loaders, the metrics and the renderer:
 *
 * (a) arbitrary text, bytes and JSON, and mutations of the example YAML, never crash the loader or the
 *     validator: they give a result or an InputError (exit code 2), nothing else;
 * (b) random filings (the example with its figures redrawn) validate without throwing, and every
 *     metric agrees with a straightforward reference computation written here from the spec;
 * (c) rendering random variations of the example (Chinese names and narratives drawn from the CJK
 *     basic range, numbers with 2 decimals) and extracting the PDFs' text finds every value again.
 *
 * Runs are kept modest (the whole file < 30 s); a failure prints its seed and shrunk counterexample.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import type { FileResult } from '../src/findings.js';
import { loadFiling, type LoadedFiling } from '../src/load/index.js';
import { parseYamlText } from '../src/load/yaml.js';
import type { Metric } from '../src/metrics/index.js';
import { validateLoaded } from '../src/validate/index.js';
import { BASE_REL, DELETE, TODAY, applyPatch, clone, example, profile, validateData, type Data, type Patch } from './helpers/filing.js';
import { extractPdfText, squash } from './helpers/pdf-text.js';

const ex = example(BASE_REL);
const EX_TEXT = (await import('node:fs')).readFileSync(join(ex.dir, 'cluster.yaml'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'cluster-property-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Parses and validates text as a filing: a result, or an InputError; anything else fails the property. */
async function loadAndValidate(text: string, name = 'p.yaml'): Promise<FileResult | InputError> {
  let parsed;
  try {
    parsed = parseYamlText(text, name);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  const loaded: LoadedFiling = { file: name, dir: ex.dir, format: 'yaml', data: parsed.data, sourceMap: parsed.sourceMap };
  const r = await validateLoaded(loaded, { profile: profile(), lang: 'zh', today: TODAY });
  // A template placeholder left unfilled; unless the text itself has "{x}", which messages may quote.
  const echo = /\{\w+\}/.test(text);
  for (const f of r.findings) {
    if (!echo) expect(f.message, f.ruleId).not.toMatch(/\{\w+\}/);
    // Positions come from the source map: reading them must not throw either.
    if (f.line !== undefined) expect(f.line).toBeGreaterThan(0);
  }
  return r;
}

// ── (a) the loaders never crash ─────────────────────────────────────────────────────────────

/** Edits of the example a hand (or a broken editor) makes. */
const LINES = EX_TEXT.split('\n');
const mutation: fc.Arbitrary<(s: string) => string> = fc.oneof(
  fc.nat().map((i) => (s: string) => {
    const l = s.split('\n');
    l.splice(i % l.length, 1);
    return l.join('\n');
  }),
  fc.nat().map((i) => (s: string) => {
    const l = s.split('\n');
    const k = i % l.length;
    l.splice(k, 0, l[k]!);
    return l.join('\n');
  }),
  fc.nat().map((i) => (s: string) => {
    const k = i % Math.max(1, s.length - 1);
    return s.slice(0, k) + s[k + 1] + s[k] + s.slice(k + 2);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(':', '-', ' ', '\t', '"', "'", '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\n', '@', '`', '%', '字', '\u0000')).map(([i, c]) => (s: string) => {
    const k = i % (s.length + 1);
    return s.slice(0, k) + c + s.slice(k);
  }),
  fc.nat().map((i) => (s: string) => s.slice(0, i % (s.length + 1))),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (s: string) => {
    const l = s.split('\n');
    const a = i % l.length;
    const b = j % l.length;
    [l[a], l[b]] = [l[b]!, l[a]!];
    return l.join('\n');
  }),
  fc.nat().map((i) => (s: string) => {
    const l = s.split('\n');
    const k = i % l.length;
    l[k] = l[k]!.replace(/^(\s*)/, '$1  ');
    return l.join('\n');
  }),
);

describe('(a) arbitrary input never crashes the loader or the validator', () => {
  it('arbitrary strings (any code point, lone surrogates included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (s) => {
        await loadAndValidate(s);
      }),
      { numRuns: 300 },
    );
  });

  it('strings made of YAML punctuation, keys of the form and line breaks', async () => {
    const unit = fc.constantFrom('cover', 'industry', 'output', '2021', ':', ' ', '  ', '\n', '- ', '[', ']', '{', '}', ',', '"', "'", '&a', '*a', '!!str', '#', '---', '...', '? ', '|', '>', '1', '-1.5', 'null', '~', '无', '\t', '\r\n');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 60 }), async (s) => {
        await loadAndValidate(s);
      }),
      // Found by this property: js-yaml reads "&a{cover}", the `yaml` parser (positions) refuses it.
      { numRuns: 300, examples: [['&a{cover}'], ['&a[cover]\n'], ['!!str{cover: 1}']] },
    );
  });

  it('arbitrary JSON documents (read as YAML)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.json({ maxDepth: 4 }), async (s) => {
        const r = await loadAndValidate(s, 'p.json');
        // JSON that is an object is always readable as a filing.
        if (typeof JSON.parse(s) === 'object' && JSON.parse(s) !== null && !Array.isArray(JSON.parse(s))) expect(r).not.toBeInstanceOf(InputError);
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary JSON values in the example’s sections', async () => {
    const section = fc.constantFrom('cover', 'summary', 'basic', 'industry', 'innovation', 'digital', 'green', 'openness', 'governance', 'plan', 'declaration');
    await fc.assert(
      fc.asyncProperty(section, fc.jsonValue({ maxDepth: 3 }), async (key, value) => {
        const data = clone();
        data[key] = value;
        const r = await validateData(data);
        // Unfilled placeholders, unless the value has "{x}" itself (a key is quoted as written).
        const placeholder = /\{\w+\}/.test(JSON.stringify(value)) ? /undefined|NaN/ : /\{\w+\}|undefined|NaN/;
        for (const f of r.findings) expect(f.message, f.ruleId).not.toMatch(placeholder);
      }),
      { numRuns: 100 },
    );
  });

  it('mutations of the example YAML (deleted, duplicated, swapped lines; swapped and inserted characters; truncation)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
        const text = edits.reduce((s, f) => f(s), EX_TEXT);
        await loadAndValidate(text);
      }),
      { numRuns: 120 },
    );
    expect(LINES.length).toBeGreaterThan(100);
  });

  it('arbitrary bytes through loadFiling (UTF-8 decoding, BOM, NUL, other encodings)', async () => {
    let n = 0;
    const prefix = fc.constantFrom(new Uint8Array(), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe]), Buffer.from('cover:\n  clusterName: '));
    await fc.assert(
      fc.asyncProperty(prefix, fc.uint8Array({ maxLength: 300 }), async (head, body) => {
        const p = join(tmp, `b${n++}.yaml`);
        writeFileSync(p, Buffer.concat([head, body]));
        try {
          const loaded = await loadFiling(p);
          await validateLoaded(loaded, { profile: profile(), lang: 'en', today: TODAY });
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InputError).msg.zh.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ── (b) metrics agree with a reference computation ──────────────────────────────────────────

const Y = [2021, 2022, 2023] as const;
const PRIOR = 2020;

/** A figure: mostly ordinary, sometimes zero, negative or missing (the metric is then null). */
function figure(min: number, max: number, opts: { integer?: boolean } = {}): fc.Arbitrary<number | typeof DELETE> {
  const ordinary = opts.integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 12, arbitrary: ordinary }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.constant(DELETE) });
}

function perYear(ptr: string, years: readonly number[], arb: fc.Arbitrary<number | typeof DELETE>): fc.Arbitrary<Patch> {
  return fc.tuple(...years.map(() => arb)).map((vs) => Object.fromEntries(years.map((y, i) => [`${ptr}/${y}`, vs[i]])));
}

const patchArb: fc.Arbitrary<Patch> = fc
  .tuple(
    perYear('/industry/output', [PRIOR, ...Y], figure(1, 2000)),
    perYear('/industry/leadingShare', [PRIOR, ...Y], figure(1, 100)),
    perYear('/industry/smeOutputShare', Y, figure(1, 100)),
    perYear('/innovation/rdSpending', [PRIOR, ...Y], figure(0.01, 100)),
    perYear('/innovation/staff', Y, figure(1, 200_000, { integer: true })),
    perYear('/industry/smes', Y, figure(1, 5000, { integer: true })),
    perYear('/innovation/inventionPatentsByYear', [PRIOR, ...Y], figure(1, 5000, { integer: true })),
    perYear('/green/co2Emissions', Y, figure(1, 5e6)),
    perYear('/green/energyConsumption', Y, figure(1, 5e6)),
    perYear('/green/co2Intensity', Y, figure(0.001, 5)),
    perYear('/green/energyIntensity', Y, figure(0.001, 5)),
    fc.record({
      '/innovation/inventionPatents/count': figure(0, 10_000, { integer: true }),
      '/innovation/inventionPatentCagr': figure(-50, 200),
      '/digital/cloudSmes': figure(0, 5000, { integer: true }),
      '/digital/iipSmes': figure(0, 5000, { integer: true }),
      '/industry/provincialSrdi/2023': figure(0, 500, { integer: true }),
      '/industry/littleGiants/2023': figure(0, 50, { integer: true }),
      '/industry/singleChampions/2023': figure(0, 20, { integer: true }),
      '/industry/highTech/2023': figure(0, 500, { integer: true }),
      '/industry/innovativeSmes/2023': figure(0, 500, { integer: true }),
      '/plan/targets/outputCagr/target': figure(-20, 100),
      '/plan/targets/rdSpending/baseline': figure(0.01, 100),
      '/plan/targets/rdSpending/target': figure(0.01, 200),
      '/plan/targets/inventionPatents/baseline': figure(1, 5000, { integer: true }),
      '/plan/targets/inventionPatents/target': figure(1, 10_000, { integer: true }),
      '/plan/targets/co2Intensity/baseline': figure(0.001, 5),
      '/plan/targets/co2Intensity/target': figure(0.001, 5),
      '/plan/targets/energyIntensity/baseline': figure(0.001, 5),
      '/plan/targets/energyIntensity/target': figure(0.001, 5),
    }),
    // Drop the per-year patent stock now and then (the stated CAGR is used instead).
    fc.boolean(),
  )
  .map((parts) => {
    const [dropStock] = parts.slice(-1) as [boolean];
    const patch: Patch = Object.assign({}, ...(parts.slice(0, -1) as Patch[]));
    if (dropStock) for (const y of [PRIOR, ...Y]) patch[`/innovation/inventionPatentsByYear/${y}`] = DELETE;
    // The prior year exists only for output, leading share, R&D and the patent stock.
    return patch;
  });

/** Numbers of a per-year map (the way the spec reads it: finite numbers only). */
function yearsOf(data: Data, path: string[]): Map<number, number> {
  let v: unknown = data;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  const out = new Map<number, number>();
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (/^\d{4}$/.test(k) && typeof x === 'number' && Number.isFinite(x)) out.set(Number(k), x);
  return out;
}

function numOf(data: Data, path: string[]): number | undefined {
  let v: unknown = data;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The reference: the formulas of ../shared/spec/rules.md, written out plainly. */
function reference(d: Data): Record<string, number | null> {
  const ref: Record<string, number | null> = {};
  const growth = (m: Map<number, number>): number | null => {
    const first = (m.get(PRIOR) ?? 0) > 0 ? PRIOR : 2021;
    const start = m.get(first);
    const end = m.get(2023);
    if (start === undefined || end === undefined || start <= 0 || end < 0) return null;
    return (Math.pow(end / start, 1 / (2023 - first)) - 1) * 100;
  };
  const output = yearsOf(d, ['industry', 'output']);
  const leadingShare = yearsOf(d, ['industry', 'leadingShare']);
  const smeShare = yearsOf(d, ['industry', 'smeOutputShare']);
  const rd = yearsOf(d, ['innovation', 'rdSpending']);
  ref.outputCagr = growth(output);
  const leading = new Map<number, number>();
  for (const [y, o] of output) if (leadingShare.has(y)) leading.set(y, (o * leadingShare.get(y)!) / 100);
  ref.leadingIndustryOutputCagr = growth(leading);
  ref.rdSpendingCagr = growth(rd);
  const intensity = (y: number): number | null => {
    const o = output.get(y);
    const s = smeShare.get(y);
    const r = rd.get(y);
    if (o === undefined || s === undefined || r === undefined || o * s <= 0) return null;
    return (r / ((o * s) / 100)) * 100;
  };
  ref.rdIntensity = intensity(2023);
  for (const y of Y) ref[`rdIntensity/${y}`] = intensity(y);
  const patents = numOf(d, ['innovation', 'inventionPatents', 'count']);
  const staff = yearsOf(d, ['innovation', 'staff']).get(2023);
  ref.patentsPer10k = patents === undefined || staff === undefined || staff <= 0 ? null : (patents / staff) * 10000;
  const stock = yearsOf(d, ['innovation', 'inventionPatentsByYear']);
  ref.inventionPatentCagr = stock.size >= 2 && stock.has(2023) ? growth(stock) : (numOf(d, ['innovation', 'inventionPatentCagr']) ?? null);
  const smes = yearsOf(d, ['industry', 'smes']).get(2023);
  const rate = (n: number | undefined) => (n === undefined || smes === undefined || smes <= 0 ? null : (n / smes) * 100);
  ref.cloudRate = rate(numOf(d, ['digital', 'cloudSmes']));
  ref.industrialInternetRate = rate(numOf(d, ['digital', 'iipSmes']));
  const perOutput = (total: string, stated: string) => (y: number): number | null => {
    const t = yearsOf(d, ['green', total]).get(y);
    const o = output.get(y);
    if (t !== undefined && o !== undefined && o > 0) return t / (o * 10000);
    return yearsOf(d, ['green', stated]).get(y) ?? null;
  };
  const co2 = perOutput('co2Emissions', 'co2Intensity');
  const energy = perOutput('energyConsumption', 'energyIntensity');
  ref.co2Intensity = co2(2023);
  ref.energyIntensity = energy(2023);
  for (const y of Y) {
    ref[`co2Intensity/${y}`] = co2(y);
    ref[`energyIntensity/${y}`] = energy(y);
  }
  const e1 = energy(2021);
  const e3 = energy(2023);
  ref.energyIntensityReduction = e1 === null || e3 === null || e1 <= 0 ? null : ((e1 - e3) / e1) * 100;
  // 优质中小企业 on the default composition: the 梯度培育 tiers 创新型 + 专精特新 + 小巨人.
  const counts = ['innovativeSmes', 'provincialSrdi', 'littleGiants'].map((k) => yearsOf(d, ['industry', k]).get(2023));
  ref.qualitySmeCount = counts.some((c) => c === undefined) ? null : counts.reduce((a, b) => a! + b!, 0)!;
  const target = (k: string, f: 'baseline' | 'target') => numOf(d, ['plan', 'targets', k, f]);
  ref.planOutputCagr = target('outputCagr', 'target') ?? null;
  const planGrowth = (k: string) => {
    const b = target(k, 'baseline');
    const t = target(k, 'target');
    return b === undefined || t === undefined || b <= 0 || t < 0 ? null : (Math.pow(t / b, 1 / 3) - 1) * 100;
  };
  const planCut = (k: string) => {
    const b = target(k, 'baseline');
    const t = target(k, 'target');
    return b === undefined || t === undefined || b <= 0 ? null : ((b - t) / b) * 100;
  };
  ref.planRdCagr = planGrowth('rdSpending');
  ref.planPatentCagr = planGrowth('inventionPatents');
  ref.planCo2Reduction = planCut('co2Intensity');
  ref.planEnergyIntensityReduction = planCut('energyIntensity');
  return ref;
}

function close(actual: number | null | undefined, expected: number | null): boolean {
  if (expected === null) return actual === null;
  if (typeof actual !== 'number') return false;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
}

describe('(b) random filings: validation never throws, metrics match the reference', () => {
  it('every metric agrees with the reference to 1e-9 (relative)', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(patchArb, async (patch) => {
        const data = applyPatch(clone(), patch);
        const r = await validateData(data);
        const m = r.metrics as Record<string, Metric>;
        const ref = reference(data);
        for (const [id, want] of Object.entries(ref)) {
          const [metric, year] = id.split('/');
          const got = year ? (m[metric!]?.byYear?.[year] ?? null) : (m[metric!]?.value ?? null);
          expect(close(got, want), `${id}: got ${got}, reference ${want}`).toBe(true);
          if (want !== null) compared++;
        }
        for (const f of r.findings) expect(f.message, f.ruleId).not.toMatch(/\{\w+\}|NaN|undefined|Infinity/);
      }),
      { numRuns: 150 },
    );
    // Most draws are ordinary figures: the comparisons are mostly of numbers, not of nulls.
    expect(compared).toBeGreaterThan(150 * 15);
  });

  it('the reference agrees with the example’s own stated figures (a check on the reference itself)', () => {
    const ref = reference(clone());
    expect(ref.outputCagr!.toFixed(2)).toBe('24.04');
    expect(ref.patentsPer10k!.toFixed(2)).toBe('38.62');
    expect(ref.cloudRate!.toFixed(2)).toBe('81.40');
    expect(ref.industrialInternetRate!.toFixed(2)).toBe('33.96');
    expect(ref.energyIntensityReduction!.toFixed(2)).toBe('18.75');
    expect(ref.inventionPatentCagr!.toFixed(2)).toBe('18.29');
    expect(ref.qualitySmeCount).toBe(116);
  });
});

// ── (c) render, extract, find every value ───────────────────────────────────────────────────

const render = await import('../src/render/index.js').catch(() => undefined);
const { documentDate } = await import('../src/dates.js');

/** Characters of the CJK basic range (U+4E00–U+9FA5), all in Noto Serif SC. */
const cjk = (min: number, max: number) => fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: min, maxLength: max });
/** A number with exactly 2 decimals, as the form prints a decimal field. */
const dec2 = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((x) => x / 100);

const NAME_FIELDS = ['/cover/contact/name', '/basic/authorityContact/name', '/basic/operatorContact/name', '/declaration/signatory'];
const LONG_NAME_FIELDS = ['/cover/authority', '/cover/operator'];
const TEXT_FIELDS = ['/industry/chainText', '/industry/sharingText', '/industry/brandText', '/digital/servicesText', '/green/lowCarbonText', '/openness/text', '/governance/environmentText'];
const DECIMALS = ['/basic/area', '/industry/output/2021', '/industry/output/2022', '/industry/countyShare/2022', '/digital/rdToolRate', '/green/solidWasteRate'];
const COUNTS = ['/innovation/pctApplications', '/innovation/staff/2022', '/industry/enterprises/2021'];

const variation = fc.record({
  names: fc.tuple(...NAME_FIELDS.map(() => cjk(2, 4))),
  longNames: fc.tuple(...LONG_NAME_FIELDS.map(() => cjk(6, 14))),
  texts: fc.tuple(...TEXT_FIELDS.map(() => cjk(10, 60))),
  decimals: fc.tuple(dec2(1, 99), dec2(100, 999), dec2(100, 999), dec2(1, 99), dec2(1, 99), dec2(1, 99)),
  counts: fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 10_000, max: 99_999 }), fc.integer({ min: 100, max: 999 })),
});

describe('(c) rendering random filings preserves every value', () => {
  it.skipIf(!render?.renderAll)('names, narratives and numbers are all in the extracted text of the PDFs', async () => {
    await fc.assert(
      fc.asyncProperty(variation, async (v) => {
        const patch: Patch = {};
        const expected: Array<[string, string]> = [];
        NAME_FIELDS.forEach((p, i) => ((patch[p] = v.names[i]), expected.push([p, v.names[i]!])));
        LONG_NAME_FIELDS.forEach((p, i) => ((patch[p] = v.longNames[i]), expected.push([p, v.longNames[i]!])));
        TEXT_FIELDS.forEach((p, i) => ((patch[p] = v.texts[i]), expected.push([p, v.texts[i]!])));
        DECIMALS.forEach((p, i) => ((patch[p] = v.decimals[i]), expected.push([p, v.decimals[i]!.toFixed(2)])));
        COUNTS.forEach((p, i) => ((patch[p] = v.counts[i]), expected.push([p, String(v.counts[i])])));
        const data = applyPatch(clone(), patch);
        const result = await validateData(data);
        const loaded: LoadedFiling = { file: ex.file, dir: ex.dir, format: 'yaml', data, sourceMap: ex.parsed.sourceMap };
        const pdfs = await render!.renderAll({ loaded, profile: profile(), lang: 'zh', result, date: documentDate(data, profile(), {}) });
        let text = '';
        for (const pdf of pdfs) text += squash((await extractPdfText(pdf.data)).pages.join('\n')).replace(/第\d+页共\d+页/g, '');
        for (const [p, want] of expected) expect(text.includes(want), `${p} = ${want} not found in the PDFs`).toBe(true);
      }),
      // A failure is reported unshrunk: each run renders three PDFs (~0.4 s).
      { numRuns: 6, endOnFailure: true },
    );
  }, 60_000);
});
