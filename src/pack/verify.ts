/**
 * `cluster pack --verify <zip>`: re-checks a received package on its own, without the sender.
 *
 * Exit 1 (a mismatch) when:
 * - the zip has no `<root>/manifest.json`, or it cannot be parsed, or its digest does not match
 *   its content (edited or damaged), or its fingerprint does not match its file list;
 * - a file listed is missing, has another size or SHA-256, or its data is corrupt (CRC-32);
 * - the zip holds a file the manifest does not list (folders aside);
 * - the filing data inside (数据/*.yaml) cites evidence the manifest does not account for, or the
 *   manifest cites references the data does not have;
 * - a split package: a part is not found beside the one given (parts are recognised by content,
 *   so renamed attachments are still found).
 * Exit 2 when the zip cannot be read at all. The filing data is also re-validated (evidence
 * paths aside) and the result shown for information; it does not change the exit code, since the
 * receiving office may run another version of the rules.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Lang } from '../catalogue/index.js';
import { CliError, type Msg } from '../errors.js';
import type { Severity } from '../findings.js';
import { parseYamlText } from '../load/yaml.js';
import { loadProfile } from '../profile.js';
import { values } from '../rules/walk.js';
import { validateLoaded } from '../validate/index.js';
import { FilingView } from '../validate/view.js';
import { zipErrorZh } from './zip/errors-zh.js';
import { hashEntry, openEntryStream, readZip, ZipFormatError, type ZipEntryInfo } from './zip/index.js';
import { MANIFEST_NAME } from './layout.js';
import { fingerprintOf, parseManifest, type Manifest, type ManifestFile } from './manifest.js';
import type { ProgressBar } from './progress.js';

export type VerifyProblemKind = 'manifest' | 'digest' | 'fingerprint' | 'missing' | 'extra' | 'size' | 'hash' | 'corrupt' | 'reference' | 'part';

export interface VerifyProblem {
  kind: VerifyProblemKind;
  /** Path inside the package (or the zip file for part problems). */
  path: string;
  detail?: Msg;
}

export interface VerifyReport {
  file: string;
  code: 0 | 1 | 2;
  manifest?: Manifest;
  /** The zip files checked, with their part numbers (split packages). */
  zips: Array<{ file: string; part?: number }>;
  checked: { files: number; bytes: number };
  problems: VerifyProblem[];
  /** Re-validation of the data inside (information only). */
  data?: { profile: string; asOf: string; summary: Record<Severity, number>; recorded: Record<Severity, number> };
  /** Why the zip could not be read (code 2). */
  error?: { zh: string; en: string };
}

const MAX_MANIFEST = 64 * 1024 * 1024;

async function readEntry(e: ZipEntryInfo, cap: number): Promise<Buffer> {
  if (e.size > cap) throw new ZipFormatError(`${e.name}: too large (${e.size} bytes)`);
  const chunks: Buffer[] = [];
  for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function findManifestEntry(entries: readonly ZipEntryInfo[]): ZipEntryInfo[] {
  return entries.filter((e) => !e.isDirectory && /^[^/]+\/manifest\.json$/.test(e.name));
}

interface OpenedZip {
  file: string;
  entries: ZipEntryInfo[];
  manifest?: Manifest;
  digestOk?: boolean;
  error?: string;
}

async function openPackage(file: string): Promise<OpenedZip> {
  const entries = await readZip(file);
  const found = findManifestEntry(entries);
  if (found.length !== 1) return { file, entries, error: found.length === 0 ? 'none' : 'several' };
  try {
    const text = (await readEntry(found[0]!, MAX_MANIFEST)).toString('utf8');
    const { manifest, digestOk } = parseManifest(text);
    if (`${manifest.root}/${MANIFEST_NAME}` !== found[0]!.name) return { file, entries, manifest, digestOk, error: 'root' };
    return { file, entries, manifest, digestOk };
  } catch (e) {
    return { file, entries, error: `unreadable: ${(e as Error).message}` };
  }
}

/** The part a zip holds: the part most of its listed (non-list) files belong to. */
function partOf(z: OpenedZip, m: Manifest): number | undefined {
  if (!m.parts) return undefined;
  const names = new Set(z.entries.map((e) => e.name));
  const votes = new Map<number, number>();
  for (const f of m.files) if (f.kind !== 'list' && f.part !== undefined && names.has(`${m.root}/${f.path}`)) votes.set(f.part, (votes.get(f.part) ?? 0) + 1);
  let best: number | undefined;
  for (const [p, n] of votes) if (best === undefined || n > votes.get(best)! || (n === votes.get(best)! && p < best)) best = p;
  return best;
}

export interface VerifyOptions {
  lang: Lang;
  progress?: ProgressBar;
}

export async function verifyPackage(file: string, opts: VerifyOptions): Promise<VerifyReport> {
  const report: VerifyReport = { file, code: 0, zips: [], checked: { files: 0, bytes: 0 }, problems: [] };
  let main: OpenedZip;
  try {
    main = await openPackage(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const msg = e instanceof ZipFormatError ? zipErrorZh(e.message) : code === 'ENOENT' ? '文件不存在' : code ? `无法读取（${code}）` : zipErrorZh(String((e as Error).message));
    const msgEn = e instanceof ZipFormatError ? e.message : code === 'ENOENT' ? 'no such file' : (e as Error).message;
    report.code = 2;
    report.error = { zh: `无法读取 zip：${msg}`, en: `cannot read the zip: ${msgEn}` };
    return report;
  }
  if (!main.manifest || main.error) {
    const why: Record<string, Msg> = {
      none: { zh: '没有 manifest.json：这不是 cluster pack 生成的报送包，或清单已被删除', en: 'no manifest.json: not a package made by cluster pack, or its manifest was removed' },
      several: { zh: '有多个 manifest.json', en: 'several manifest.json files' },
      root: { zh: 'manifest.json 不在它所记录的顶层文件夹中', en: 'manifest.json is not in the top folder it names' },
    };
    const reason = main.error?.replace(/^unreadable: /, '') ?? '';
    report.problems.push({
      kind: 'manifest',
      path: MANIFEST_NAME,
      detail: why[main.error ?? ''] ?? { zh: `manifest.json 无法解析（${reason}）`, en: `manifest.json cannot be parsed (${reason})` },
    });
    if (!main.manifest) {
      report.code = 1;
      return report;
    }
  }
  const m = main.manifest;
  report.manifest = m;
  if (!main.digestOk) report.problems.push({ kind: 'digest', path: MANIFEST_NAME, detail: { zh: 'manifest.json 的内容与其校验值（digest）不符：清单被修改或损坏', en: 'manifest.json does not match its digest: edited or damaged' } });
  if (fingerprintOf(m.files) !== m.fingerprint) report.problems.push({ kind: 'fingerprint', path: MANIFEST_NAME, detail: { zh: '文件列表与报送包指纹不符', en: 'the file list does not match the package fingerprint' } });

  // Split packages: find the other parts beside this one, by content.
  const zips: Array<{ z: OpenedZip; part?: number }> = [{ z: main, part: partOf(main, m) }];
  if (m.parts) {
    const dir = dirname(resolve(file));
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.zip')).sort();
    } catch {
      /* no siblings */
    }
    for (const n of names) {
      const p = join(dir, n);
      if (p === resolve(file)) continue;
      try {
        const z = await openPackage(p);
        if (z.manifest && z.manifest.fingerprint === m.fingerprint && z.manifest.root === m.root) zips.push({ z, part: partOf(z, m) });
      } catch {
        /* not a zip, or not ours */
      }
    }
    for (let k = 1; k <= m.parts.count; k++) {
      if (!zips.some((x) => x.part === k)) {
        report.problems.push({ kind: 'part', path: m.parts.names[k - 1] ?? `#${k}`, detail: { zh: `第 ${k} 部分（共 ${m.parts.count} 部分）未在同一文件夹中找到：请把所有部分放在一起核验`, en: `part ${k} of ${m.parts.count} not found in the same folder: put all parts together to verify` } });
      }
    }
  }
  zips.sort((a, b) => (a.part ?? 0) - (b.part ?? 0));

  const totalBytes = m.files.reduce((s, f) => s + f.size, 0);
  let bytesDone = 0;
  const seenPaths = new Set<string>();
  for (const { z, part } of zips) {
    report.zips.push({ file: z.file, ...(part !== undefined ? { part } : {}) });
    const expected = m.files.filter((f) => !m.parts || f.kind === 'list' || f.part === part);
    const byName = new Map(z.entries.map((e) => [e.name, e]));
    const expectedNames = new Set([`${m.root}/${MANIFEST_NAME}`, ...expected.map((f) => `${m.root}/${f.path}`)]);
    for (const f of expected) {
      const name = `${m.root}/${f.path}`;
      const e = byName.get(name);
      if (!e || e.isDirectory) {
        report.problems.push({ kind: 'missing', path: f.path, detail: { zh: '清单中有此文件，但报送包中没有', en: 'listed in the manifest but not in the package' } });
        continue;
      }
      if (e.size !== f.size) {
        report.problems.push({ kind: 'size', path: f.path, detail: { zh: `大小不符：清单 ${f.size} 字节，实际 ${e.size} 字节`, en: `size differs: manifest ${f.size} bytes, package ${e.size} bytes` } });
        continue;
      }
      try {
        const h = await hashEntry(e);
        if (h !== f.sha256) report.problems.push({ kind: 'hash', path: f.path, detail: { zh: `SHA-256 不符：清单 ${f.sha256.slice(0, 16)}…，实际 ${h.slice(0, 16)}…`, en: `SHA-256 differs: manifest ${f.sha256.slice(0, 16)}…, package ${h.slice(0, 16)}…` } });
      } catch (err) {
        report.problems.push({ kind: 'corrupt', path: f.path, detail: { zh: `数据损坏：${(err as Error).message}`, en: `corrupt data: ${(err as Error).message}` } });
      }
      if (!seenPaths.has(f.path)) {
        seenPaths.add(f.path);
        report.checked.files++;
        report.checked.bytes += f.size;
      }
      bytesDone += f.size;
      opts.progress?.update({ filesDone: report.checked.files, filesTotal: m.files.length, bytesDone, bytesTotal: totalBytes });
    }
    for (const e of z.entries) {
      if (e.isDirectory || expectedNames.has(e.name)) continue;
      const inOther = m.parts && e.name.startsWith(m.root + '/') && m.files.some((f) => `${m.root}/${f.path}` === e.name);
      report.problems.push({
        kind: 'extra',
        path: e.name.startsWith(m.root + '/') ? e.name.slice(m.root.length + 1) : e.name,
        detail: inOther
          ? { zh: `清单记录此文件属于另一部分（出现在 ${basename(z.file)}）`, en: `the manifest puts this file in another part (found in ${basename(z.file)})` }
          : { zh: '报送包中有清单未列出的文件', en: 'in the package but not listed in the manifest' },
      });
    }
  }
  opts.progress?.done();

  // The filing data inside: its evidence references against the manifest.
  const dataFile = m.files.find((f) => f.kind === 'data' && /\.ya?ml$/i.test(f.path));
  const dataZip = dataFile && zips.find(({ z }) => z.entries.some((e) => e.name === `${m.root}/${dataFile.path}`));
  if (dataFile && dataZip) {
    const entry = dataZip.z.entries.find((e) => e.name === `${m.root}/${dataFile.path}`)!;
    try {
      const text = (await readEntry(entry, 16 * 1024 * 1024)).toString('utf8');
      const parsed = parseYamlText(text, dataFile.path);
      checkReferences(parsed.data, m, report);
      try {
        const profile = loadProfile(m.profile);
        const r = await validateLoaded(
          { file: dataFile.path, dir: join(dirname(resolve(file)), '.cluster-verify-no-evidence'), format: 'yaml', data: parsed.data, sourceMap: parsed.sourceMap },
          { profile, lang: opts.lang, today: m.validation.asOf },
        );
        const kept = r.findings.filter((f) => f.ruleId !== 'form/evidence-file');
        const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
        for (const f of kept) summary[f.severity]++;
        const recorded: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
        for (const f of m.validation.findings) if (f.ruleId !== 'form/evidence-file') recorded[f.severity]++;
        report.data = { profile: profile.id, asOf: m.validation.asOf, summary, recorded };
      } catch {
        /* profile not available here: no re-validation */
      }
    } catch (e) {
      if (!(e instanceof ZipFormatError) && !(e instanceof CliError)) throw e;
      report.problems.push({ kind: 'reference', path: dataFile.path, detail: { zh: `无法读取申报数据：${e.message}`, en: `cannot read the filing data: ${e.message}` } });
    }
  }

  if (report.problems.length > 0) report.code = 1;
  return report;
}

/** Every evidence reference of the data must be a packed file or a recorded omission, and vice versa. */
function checkReferences(data: Record<string, unknown>, m: Manifest, report: VerifyReport): void {
  const inData = new Set<string>();
  for (const v of values(new FilingView(data), (l) => l.node.type === 'evidence')) {
    if (!Array.isArray(v.value)) continue;
    v.value.forEach((ref, i) => {
      if (typeof ref === 'string' && ref.trim() !== '') inData.add(`${v.pointer}/${i}\n${ref.trim()}`);
    });
  }
  const inManifest = new Map<string, ManifestFile | null>();
  for (const f of m.files) for (const it of f.items ?? []) inManifest.set(`${it.pointer}\n${it.source}`, f);
  for (const o of m.omitted) inManifest.set(`${o.pointer}\n${o.source}`, null);
  for (const k of inData) {
    if (!inManifest.has(k)) {
      const [pointer, ref] = k.split('\n');
      report.problems.push({ kind: 'reference', path: ref!, detail: { zh: `申报数据引用的佐证材料（${pointer}）不在报送包中`, en: `evidence cited by the data (${pointer}) is not in the package` } });
    }
  }
  for (const [k, f] of inManifest) {
    if (!inData.has(k)) {
      const [pointer, ref] = k.split('\n');
      report.problems.push({ kind: 'reference', path: f?.path ?? ref!, detail: { zh: `清单记录的引用（${pointer}：${ref}）在申报数据中不存在`, en: `the manifest records a reference (${pointer}: ${ref}) the data does not have` } });
    }
  }
}
