/**
 * Workbooks as other programs write them (test/fixtures/xlsx/writers, made by
 * scripts/make-writer-fixtures.py with openpyxl; committed so this runs without Python): each must
 * read to the same filing as the example it was filled from, whatever the note parts, relationship
 * targets, string storage or sheet order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProfile } from '../src/profile.js';
import { readWorkbook } from '../src/xlsx/import.js';
import { layoutYears } from '../src/xlsx/layout.js';
import { completeFiling } from '../src/catalogue/empty.js';
import { readZip } from '../src/pack/zip/index.js';
import { ROOT } from './helpers/cli.js';

const years = layoutYears(loadProfile('national-2024'));
const dir = join(ROOT, 'test', 'fixtures', 'xlsx', 'writers');
const expected = completeFiling(parse(readFileSync(join(ROOT, 'examples/jingmen-battery/cluster.yaml'), 'utf8')), years);

describe('workbooks written by other programs', () => {
  const cases = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
  it('the fixtures cover each writer named in the script', () => {
    expect(cases.sort()).toEqual(['openpyxl-saved.xlsx', 'openpyxl-scratch.xlsx', 'threaded-comments.xlsx', 'wps-style-notes.xlsx']);
  });

  it.each(cases)('%s reads to the example filing, with no finding but notes', async (f) => {
    const r = await readWorkbook(join(dir, f));
    expect(r.findings.filter((x) => x.ruleId !== 'input/cell-note')).toEqual([]);
    expect(r.data).toEqual(expected);
  });

  it('the fixtures hold what they claim (absolute targets, notes elsewhere, threaded comments, no shared strings)', async () => {
    const names = async (f: string) => (await readZip(join(dir, f))).map((e) => e.name);
    const saved = await names('openpyxl-saved.xlsx');
    expect(saved).toContain('xl/comments/comment1.xml');
    expect(saved.some((n) => /sharedStrings/.test(n))).toBe(false);
    expect(await names('threaded-comments.xlsx')).toContain('xl/threadedComments/threadedComment1.xml');
    const wps = await names('wps-style-notes.xlsx');
    expect(wps.some((n) => /^xl\/comments\/comment\d+\.xml$/.test(n)) && wps.includes('xl/sharedStrings.xml')).toBe(true);
  });
});
