import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipDirectory, zipEntryData, zipParts, crc32 } from '../src/xlsx/zip.js';
import { nodeDeflate, nodeInflate, templateBytes } from '../src/xlsx/node.js';
import { readWorkbook } from '../src/xlsx/import.js';
import { readWorkbookBytes } from '../src/xlsx/read.js';
import { loadProfile } from '../src/profile.js';
import { layoutYears } from '../src/xlsx/layout.js';
import { xmlText } from '../src/xlsx/writer.js';
import { ROOT } from './helpers/cli.js';

const profile = loadProfile('national-2024');
const years = layoutYears(profile);

describe('the workbook core runs without Node (the browser page reads and writes workbooks too)', () => {
  it('no module the reader or the template writer reaches imports node:', () => {
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
        if (m[1]) continue; // type-only: erased
        const spec = m[2]!;
        if (spec.startsWith('node:')) offenders.push(`${file.slice(ROOT.length + 1)} → ${spec}`);
        else if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(ROOT, 'src/xlsx/read.ts'));
    visit(join(ROOT, 'src/xlsx/template.ts'));
    expect(offenders).toEqual([]);
    expect(seen.size).toBeGreaterThan(8);
  });
});

describe('zip in memory', () => {
  const parts = [
    { name: 'a.xml', data: '<a>' + 'x'.repeat(5000) + '</a>' },
    { name: 'dir/b.bin', data: new Uint8Array([1, 2, 3]) },
  ];

  it('round-trips parts, deterministically', async () => {
    const date = new Date('2024-06-10T00:00:00+08:00');
    const z = await zipParts(parts, date, nodeDeflate);
    expect(Buffer.from(z).equals(Buffer.from(await zipParts(parts, date, nodeDeflate)))).toBe(true);
    const dir = zipDirectory(z, { maxEntries: 10 });
    expect(dir.map((e) => e.name)).toEqual(['a.xml', 'dir/b.bin']);
    expect(new TextDecoder().decode(await zipEntryData(z, dir[0]!, nodeInflate))).toBe(parts[0]!.data);
    expect([...(await zipEntryData(z, dir[1]!, nodeInflate))]).toEqual([1, 2, 3]);
  });

  it('refuses data larger than declared (inflating stops there), a wrong CRC, a truncated archive, too many entries', async () => {
    const z = await zipParts(parts, new Date(0), nodeDeflate);
    const v = new DataView(z.buffer, z.byteOffset, z.byteLength);
    const cd = v.getUint32(z.length - 22 + 16, true);
    // Declared size 100 in the central directory: the 5,007 bytes inflated are refused.
    const lie = z.slice();
    new DataView(lie.buffer).setUint32(cd + 24, 100, true);
    const e = zipDirectory(lie, { maxEntries: 10 })[0]!;
    await expect(zipEntryData(lie, e, nodeInflate)).rejects.toThrow(/exceeds declared size/);
    const badCrc = z.slice();
    new DataView(badCrc.buffer).setUint32(cd + 16, 12345, true);
    await expect(zipEntryData(badCrc, zipDirectory(badCrc, { maxEntries: 10 })[0]!, nodeInflate)).rejects.toThrow(/CRC-32 mismatch/);
    expect(() => zipDirectory(z.subarray(0, z.length - 30), { maxEntries: 10 })).toThrow(/truncated|central directory/);
    expect(() => zipDirectory(z, { maxEntries: 1 })).toThrow(/exceeds the limit/);
  });

  it('refuses entries that share bytes (an overlapping-entry zip bomb)', async () => {
    const z = await zipParts(parts, new Date(0), nodeDeflate);
    const v = new DataView(z.buffer, z.byteOffset, z.byteLength);
    const cd = v.getUint32(z.length - 22 + 16, true);
    const second = cd + 46 + 'a.xml'.length;
    const overlap = z.slice();
    new DataView(overlap.buffer).setUint32(second + 42, 0, true); // the second entry starts where the first does
    expect(() => zipDirectory(overlap, { maxEntries: 10 })).toThrow(/overlaps|duplicate/);
  });

  it('an empty part marked deflated but holding no data reads as empty (not as a truncated zip)', async () => {
    const z = await zipParts([{ name: 'empty.xml', data: '' }], new Date(0), () => new Uint8Array(0));
    const [e] = zipDirectory(z, { maxEntries: 10 });
    expect(e!.method).toBe(8);
    expect((await zipEntryData(z, e!, nodeInflate)).length).toBe(0);
  });

  it('crc32 is the standard one', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(deflateRawSync(Buffer.from('x')).length).toBeGreaterThan(0);
  });
});

describe('reading from bytes', () => {
  it('the template read from its bytes equals the template read from its file; a hostile name is still refused by name', async () => {
    const bytes = await templateBytes({ years, profileId: profile.id, date: new Date(0) });
    const a = await readWorkbookBytes(bytes, 'mem.xlsx', nodeInflate);
    const b = await readWorkbook('given.xlsx', bytes);
    expect(a.data).toEqual(b.data);
    expect(a.findings).toEqual([]);
    await expect(readWorkbookBytes(bytes, 'old.xls', nodeInflate)).rejects.toThrow(/xls/i);
  });

  it('text XML cannot hold is written as _xHHHH_ and read back as it was', () => {
    expect(xmlText('a\u0001b_x0041_<&>')).toBe('a_x0001_b_x005F_x0041_&lt;&amp;&gt;');
  });
});

describe('YAML scalars written by import and init', () => {
  it('read back as the same value by both parsers the loader uses, for any text', async () => {
    const fc = (await import('fast-check')).default;
    const jsyaml = (await import('js-yaml')).default;
    const { parse } = await import('yaml');
    const { yamlScalar } = await import('../src/yaml-emit.js');
    const check = (v: unknown) => {
      const doc = `a:\n  b:${yamlScalar(v, '  ')}\n  c:\n    -${yamlScalar(v, '    ')}\n`;
      expect((jsyaml.load(doc) as { a: { b: unknown } }).a.b, doc).toEqual(v);
      expect(parse(doc).a.b, doc).toEqual(v);
      expect(parse(doc).a.c[0], doc).toEqual(v);
    };
    for (const v of ['2016', '2024-06-10', 'yes', 'No', 'null', '~', '', ' x', 'x ', 'a: b', 'a #b', '#c', '- x', '集群', '集群\n第二行', '\n', 'a\n', ' a\nb', 'a\n b', 'a\r\nb', '0x1F', '.inf', '1e3', 'true', '@x', '"q"', "'q'", 'a\u2028b', 'a\tb', '\ufeffa', 1.5, -0, 0, 42, true, false]) check(v);
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.double({ noNaN: true }), fc.integer()), check), { numRuns: 400 });
  });
});
