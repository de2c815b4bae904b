/**
 * cluster.config.yaml in the page (src/web/select.ts over the page host, in Node): a picked folder with
 * configs is walked and judged as `cluster validate folder/` judges it — the same filings (ignores,
 * evidence and non-filings left out), each with its nearest config's profile and rule levels, the same
 * findings JSON; a broken config stops with the CLI's message. The browser runs the same in
 * test/web-e2e.test.ts.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, DEFAULT_PROFILE, host, resetConfigs, setHost, summaryPdf } from '../src/core.js';
import { CliError, formatLocation } from '../src/errors.js';
import { nodeHost } from '../src/host-node.js';
import type { SchemaValidator } from '../src/host.js';
import { forgetProfileFiles } from '../src/profile.js';
import { createWebHost, FONT_FILES, INPUT_ROOT } from '../src/web/host.js';
import { selectFilings, settingsOf } from '../src/web/select.js';
import { cli, ROOT } from './helpers/cli.js';

const TODAY = '2024-06-01';
const work = mkdtempSync(join(tmpdir(), 'cluster-webconfig-'));
afterAll(() => {
  setHost(nodeHost);
  resetConfigs({ shown: (abs) => abs });
  rmSync(work, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

/** The page's state after picking `dir`: its files under /in/<name>/, configs read afresh. */
async function pick(dir: string, name: string): Promise<string[]> {
  const profiles: Record<string, string> = {};
  for (const f of readdirSync(join(ROOT, 'templates/profiles'))) if (f.endsWith('.yaml')) profiles[f.slice(0, -5)] = readFileSync(join(ROOT, 'templates/profiles', f), 'utf8');
  const validator = createRequire(import.meta.url)(join(ROOT, 'dist/schema/validator.cjs')) as SchemaValidator;
  const h = createWebHost({ profiles, validator, coverage: nodeHost.fontCoverage(), loadPdfKit: () => nodeHost.loadPdfKit(), yaml: await import('yaml') });
  const paths = filesUnder(dir).map((f) => `${name}/${f.split('\\').join('/')}`);
  for (const p of paths) h.put(`${INPUT_ROOT}/${p}`, readFileSync(join(dir, p.slice(name.length + 1))));
  setHost(h);
  resetConfigs({ shown: (abs) => abs.slice(INPUT_ROOT.length + 1) });
  forgetProfileFiles();
  return paths;
}

/** What the page shows for each filing: its findings JSON, judged with its settings. */
async function pageResults(paths: string[], chosen = ''): Promise<Array<Record<string, unknown>>> {
  const out = [];
  for (const rel of selectFilings(INPUT_ROOT, paths)) {
    const s = settingsOf(INPUT_ROOT, rel, chosen, DEFAULT_PROFILE);
    const file = `${INPUT_ROOT}/${rel}`;
    const c = await check({ file: rel, dir: file.slice(0, file.lastIndexOf('/')), bytes: nodeHost.readFile(join(work, rel), 1 << 26), profile: s.profile, lang: 'zh', today: TODAY, ...(s.config ? { ruleLevels: s.config.rules } : {}) });
    const j = JSON.parse(c.json) as { profile: string; results: Array<Record<string, unknown>> };
    out.push({ ...j.results[0]!, profile: j.profile });
  }
  return out;
}

/** `cluster validate <folder> --format json`, run in the folder's parent: each result with its profile. */
function cliResults(name: string, extra: string[] = []): Array<Record<string, unknown>> {
  const r = cli(['validate', name, '--format', 'json', '--today', TODAY, ...extra], { cwd: work });
  expect(r.code, r.stderr).toBe(1);
  const j = JSON.parse(r.stdout) as { profile: string; results: Array<Record<string, unknown>> };
  return j.results.map((x) => ({ ...x, profile: (x.profile as string | undefined) ?? j.profile }));
}

describe('cluster.config.yaml in the page', () => {
  // proj/                      profile national-2025; form/phone off, form/decimals error,
  //   cluster.config.yaml      governance/operator warning; archive/** ignored
  //   failing/                 judged by proj's config
  //   archive/old/cluster.yaml ignored
  //   notes.yaml, package.json not filings
  //   jb/cluster.config.yaml   nearer: a profile file beside it, form/growth-basis off
  //   jb/…                     the passing example
  const proj = join(work, 'proj');
  mkdirSync(proj, { recursive: true });
  cpSync(join(ROOT, 'examples/failing'), join(proj, 'failing'), { recursive: true });
  cpSync(join(ROOT, 'examples/failing'), join(proj, 'archive/old'), { recursive: true });
  cpSync(join(ROOT, 'examples/jingmen-battery'), join(proj, 'jb'), { recursive: true });
  writeFileSync(join(proj, 'cluster.config.yaml'), 'profile: national-2025\nrules:\n  form/phone: off\n  form/decimals: error\n  governance/operator: warning\nignores:\n  - "archive/**"\n');
  writeFileSync(join(proj, 'notes.yaml'), 'todo:\n  - ask the city\n');
  writeFileSync(join(proj, 'package.json'), '{"name":"x"}\n');
  mkdirSync(join(proj, 'jb/profiles'), { recursive: true });
  writeFileSync(join(proj, 'jb/profiles/local.yaml'), readFileSync(join(ROOT, 'templates/profiles/national-2024.yaml')));
  writeFileSync(join(proj, 'jb/cluster.config.yaml'), 'profile: profiles/local.yaml\nrules:\n  form/growth-basis: "off"\n');

  it('the same filings, profiles, rule levels and findings JSON as `cluster validate folder/`', async () => {
    const want = cliResults('proj');
    // The CLI's own view of the setup (so the comparison below compares something).
    expect(want.map((r) => r.file)).toEqual(['proj/failing/cluster.yaml', 'proj/jb/cluster.yaml']);
    const failing = want[0]!.findings as Array<{ ruleId: string; severity: string }>;
    expect(failing.some((f) => f.ruleId === 'form/phone')).toBe(false);
    expect(failing.find((f) => f.ruleId === 'form/decimals')?.severity).toBe('error');
    expect(failing.find((f) => f.ruleId === 'governance/operator')?.severity).toBe('warning');
    expect(want[0]!.profile).toBe('national-2025');

    const got = await pageResults(await pick(proj, 'proj'));
    expect(got).toEqual(want);
  });

  it('a profile chosen in the page wins over the config, as --profile does', async () => {
    const want = cliResults('proj', ['--profile', 'national-2026']);
    const got = await pageResults(await pick(proj, 'proj'), 'national-2026');
    expect(got.map((r) => r.profile)).toEqual(['national-2026', 'national-2026']);
    expect(got).toEqual(want);
  });

  it('the 汇总表 of a folder: the CLI bytes, its ignores and rule levels applied alike', async () => {
    // One config for the folder (a 汇总表 is one round): failing/ and jb/ summarised, archive/ ignored,
    // form/required made a warning (the failing example's error count, printed in the table, changes).
    const dir = join(work, 'city');
    cpSync(join(ROOT, 'examples/failing'), join(dir, 'failing'), { recursive: true });
    cpSync(join(ROOT, 'examples/failing'), join(dir, 'archive/old'), { recursive: true });
    cpSync(join(ROOT, 'examples/jingmen-battery'), join(dir, 'jb'), { recursive: true });
    writeFileSync(join(dir, 'cluster.config.yaml'), 'rules:\n  form/required: warning\nignores:\n  - "archive/**"\n');
    const r = cli(['summary', 'city', '-o', join(work, 'city.pdf'), '--quiet'], { cwd: work, env: { SOURCE_DATE_EPOCH: '' } });
    expect(r.code, r.stderr).toBe(0);
    const paths = await pick(dir, 'city');
    const fonts = nodeHost.defaultFontFiles();
    const h = host() as ReturnType<typeof createWebHost>;
    h.put(FONT_FILES.regular, readFileSync(fonts.regular));
    h.put(FONT_FILES.bold, readFileSync(fonts.bold));
    h.put(FONT_FILES.heading, readFileSync(fonts.heading!));
    const checked = [];
    for (const rel of selectFilings(INPUT_ROOT, paths)) {
      const s = settingsOf(INPUT_ROOT, rel, '', DEFAULT_PROFILE);
      checked.push(await check({ file: rel, dir: `${INPUT_ROOT}/${rel.slice(0, rel.lastIndexOf('/'))}`, bytes: readFileSync(join(work, rel)), profile: s.profile, lang: 'zh', ...(s.config ? { ruleLevels: s.config.rules } : {}) }));
    }
    expect(checked.map((c) => c.result.file)).toEqual(['city/failing/cluster.yaml', 'city/jb/cluster.yaml']);
    const page = await summaryPdf(checked, {}, { lang: 'zh' });
    const want = readFileSync(join(work, 'city.pdf'));
    expect(page.data.length).toBe(want.length);
    expect(Buffer.from(page.data).equals(want)).toBe(true);
  }, 120_000);

  it('a broken config stops with the CLI message, file, line and column', async () => {
    const bad = join(work, 'bad');
    cpSync(join(ROOT, 'examples/failing'), join(bad, 'a'), { recursive: true });
    writeFileSync(join(bad, 'cluster.config.yaml'), 'rules:\n  form/phon: off\n');
    const r = cli(['validate', 'bad', '--format', 'json'], { cwd: work });
    expect(r.code).toBe(2);
    const paths = await pick(bad, 'bad');
    let err: unknown;
    try {
      await pageResults(paths);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    const e = err as CliError;
    expect(`cluster: ${formatLocation(e.file, e.location)}: ${e.text('zh')}\n`).toBe(r.stderr);
    expect(r.stderr).toContain('bad/cluster.config.yaml:2:3');
    // A profile the config names that does not exist: the CLI's message too.
    writeFileSync(join(bad, 'cluster.config.yaml'), 'profile: national-1999\n');
    const r2 = cli(['validate', 'bad', '--format', 'json'], { cwd: work });
    expect(r2.code).toBe(2);
    try {
      await pageResults(await pick(bad, 'bad'));
      err = undefined;
    } catch (e2) {
      err = e2;
    }
    expect(`cluster: ${(err as CliError).text('zh')}\n`).toBe(r2.stderr);
  });
});
