/**
 * `cluster pack --verify <zip> [<more parts>]`: re-checks a received package on its own, without
 * the sender, on a machine that holds other counties' filings. Every byte of the package is
 * hostile: verify never opens a path the package names (profiles by built-in id only, no sibling
 * zips it was not given), bounds its work before doing it, and escapes what it prints.
 *
 * What it proves: the files are exactly those packed (every extractor sees the same names and
 * bytes, each file's SHA-256 matches the manifest, nothing missing or extra), and the manifest's
 * fingerprint is the one printed in the package's own 材料清单 (PDF and CSV). It does NOT prove who
 * made the package: anyone can make a consistent one. The stamped paper 材料清单 is the anchor — the
 * reviewer compares the fingerprint verify prints with the one on the paper.
 *
 * Exit 1 (a problem) when:
 * - the zip is one that other extractors would read differently (see zip/audit.ts), names that
 *   extract outside the folder or onto each other (duplicates, case or NFC/NFD collisions) included;
 * - there is no `<root>/manifest.json`, or it cannot be parsed, or a field has the wrong type or is
 *   out of bounds, or its digest does not match its content, or its fingerprint does not match its
 *   files and validation record;
 * - the 材料清单 PDF or CSV does not print the manifest's fingerprint;
 * - a file listed is missing, has another size or SHA-256, or its data is corrupt (CRC-32);
 * - the zip holds a file the manifest does not list;
 * - the filing data inside (数据/*.yaml) cites evidence the manifest does not account for, or the
 *   manifest cites references the data does not have;
 * - the validation record contradicts itself, or re-validation with the same tool version and
 *   profile gives another result;
 * - a split package: a part was not given.
 * Exit 2 when the zip cannot be read at all (not a zip, not a regular file, truncated).
 */
import { concatBytes, fromUtf8, latin1 } from '../bytes.js';
import { host } from '../host.js';
import type { Lang } from '../catalogue/index.js';
import { CliError, type Msg } from '../errors.js';
import type { Severity } from '../findings.js';
import { MAX_FILING_BYTES } from '../load/index.js';
import { parseYamlText } from '../load/yaml.js';
import { builtInProfile } from '../profile.js';
import { values } from '../rules/walk.js';
import { validateLoaded } from '../validate/index.js';
import { FilingView } from '../validate/view.js';
import { VERSION } from '../version.js';
import { zipErrorZh } from './zip/errors-zh.js';
import { auditZip } from './zip/audit.js';
import { hashEntryQueued, openEntrySource, openEntryStream, readZipLayout, ZipFormatError, type ZipEntryInfo, type ZipNameProblem } from './zip/reader.js';
import { LIST_CSV, LIST_PDF, MANIFEST_NAME } from './layout.js';
import { fingerprintLine, manifestFingerprint, ManifestShapeError, MAX_MANIFEST_BYTES, parseManifest, sha256Hex, type Manifest, type ManifestFile } from './manifest.js';
import type { ProgressBar } from './progress.js';

export type VerifyProblemKind = 'structure' | 'manifest' | 'digest' | 'fingerprint' | 'list' | 'missing' | 'extra' | 'size' | 'hash' | 'corrupt' | 'reference' | 'validation' | 'part';

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
  /** Where the 材料清单 was checked to print the manifest's fingerprint. */
  listPrints?: { pdf: boolean | 'unchecked'; csv: boolean };
  /** Re-validation of the data inside. */
  data?: { profile: string; asOf: string; summary: Record<Severity, number>; recorded: Record<Severity, number>; sameTool: boolean };
  /** Why the data was not re-validated. */
  dataSkipped?: Msg;
  /** Why the zip could not be read (code 2). */
  error?: { zh: string; en: string };
  /** The stamped and signed scans the manifest lists (`pack --stamped`), with whether each is present intact. */
  stamped?: Array<{ path: string; pages?: number | null; intact: boolean }>;
}

/** Largest 材料清单 PDF/CSV read into memory to find the printed fingerprint. */
const MAX_LIST_BYTES = 32 * 1024 * 1024;

async function readEntry(e: ZipEntryInfo, cap: number): Promise<Uint8Array> {
  if (e.size > cap) throw new ZipFormatError(`${e.name}: too large (${e.size} bytes, limit ${cap})`);
  const chunks: Uint8Array[] = [];
  for await (const c of await openEntryStream(e)) chunks.push(c);
  return concatBytes(chunks);
}

const basename = (p: string): string => host().path.basename(p);

interface OpenedZip {
  file: string;
  entries: ZipEntryInfo[];
  byName: Map<string, ZipEntryInfo>;
  structure: VerifyProblem[];
  manifestEntry?: ZipEntryInfo;
  manifestText?: string;
  manifest?: Manifest;
  digestOk?: boolean;
  manifestProblem?: VerifyProblem;
}

async function openZip(file: string): Promise<OpenedZip> {
  // Names that extract elsewhere or onto each other are tampering (exit 1, listed with the rest of
  // the audit), not "cannot read": the zip reads; what it holds is not what every extractor sees.
  const nameProblems: ZipNameProblem[] = [];
  const { entries, layout } = await readZipLayout(file, { nameProblems });
  const audit = nameProblems.length ? [] : await auditZip(file, entries, layout);
  const structure: VerifyProblem[] = [...nameProblems, ...audit].map((p) => ({ kind: 'structure', path: p.name ?? basename(file), detail: { zh: p.zh, en: p.en } }));
  const byName = new Map(entries.map((e) => [e.name, e]));
  const z: OpenedZip = { file, entries, byName, structure };
  if (structure.length) return z;
  const found = entries.filter((e) => !e.isDirectory && /^[^/]+\/manifest\.json$/.test(e.name));
  if (found.length !== 1) {
    z.manifestProblem = {
      kind: 'manifest',
      path: MANIFEST_NAME,
      detail:
        found.length === 0
          ? { zh: '没有 manifest.json：这不是 cluster pack 生成的报送包，或清单已被删除', en: 'no manifest.json: not a package made by cluster pack, or its manifest was removed' }
          : { zh: '有多个 manifest.json', en: 'several manifest.json files' },
    };
    return z;
  }
  z.manifestEntry = found[0]!;
  try {
    z.manifestText = fromUtf8(await readEntry(found[0]!, MAX_MANIFEST_BYTES));
    const { manifest, digestOk } = parseManifest(z.manifestText);
    z.manifest = manifest;
    z.digestOk = digestOk;
    if (`${manifest.root}/${MANIFEST_NAME}` !== found[0]!.name) {
      z.manifestProblem = { kind: 'manifest', path: MANIFEST_NAME, detail: { zh: 'manifest.json 不在它所记录的顶层文件夹中', en: 'manifest.json is not in the top folder it names' } };
    }
  } catch (e) {
    const detail: Msg =
      e instanceof ManifestShapeError
        ? { zh: `manifest.json 的字段 ${e.field} ${e.expected.zh}`, en: `manifest.json field ${e.field} ${e.expected.en}` }
        : { zh: `manifest.json 无法读取（${(e as Error).message}）`, en: `manifest.json cannot be read (${(e as Error).message})` };
    if (!(e instanceof ManifestShapeError) && !(e instanceof ZipFormatError)) throw e;
    z.manifestProblem = { kind: 'manifest', path: MANIFEST_NAME, detail };
  }
  return z;
}

/** The part a zip holds: the part most of its listed (non-list) files belong to. */
function partOf(z: OpenedZip, m: Manifest): number | undefined {
  if (!m.parts) return undefined;
  const votes = new Map<number, number>();
  for (const f of m.files) if (f.kind !== 'list' && f.part !== undefined && z.byName.has(`${m.root}/${f.path}`)) votes.set(f.part, (votes.get(f.part) ?? 0) + 1);
  let best: number | undefined;
  for (const [p, n] of votes) if (best === undefined || n > votes.get(best)! || (n === votes.get(best)! && p < best)) best = p;
  return best;
}

/**
 * Whether a PDF's page content draws `text` in a simple (standard 14) font: the content streams
 * are inflated (bounded) and searched for the text as a PDF string, hex or literal.
 */
export function pdfDrawsText(pdf: Uint8Array, text: string, limits = { streams: 10_000, bytes: 64 * 1024 * 1024 }): boolean {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += (text.charCodeAt(i) & 0xff).toString(16).padStart(2, '0');
  // Latin-1: one character per byte, so string offsets are byte offsets.
  const whole = latin1(pdf);
  const literal = `(${text})`;
  let at = 0;
  let streams = 0;
  let inflated = 0;
  while (streams < limits.streams) {
    const k = whole.indexOf('stream', at);
    if (k < 0) break;
    let s = k + 6;
    if (pdf[s] === 0x0d) s++;
    if (pdf[s] !== 0x0a || whole.slice(Math.max(0, k - 3), k) === 'end') {
      at = k + 6;
      continue;
    }
    s++;
    const e = whole.indexOf('endstream', s);
    if (e < 0) break;
    streams++;
    let body = pdf.subarray(s, e);
    try {
      body = host().inflateZlib(body, Math.max(1, Math.min(16 * 1024 * 1024, limits.bytes - inflated)));
    } catch {
      /* not deflated (or over the bound): search as it is */
    }
    inflated += body.length;
    const t = latin1(body);
    if (t.toLowerCase().includes(hex) || t.includes(literal)) return true;
    if (inflated >= limits.bytes) break;
    at = e + 9;
  }
  return false;
}

/** The fingerprint row of the 材料清单 CSV ("报送包指纹（SHA-256）,<hex>"). */
export function csvFingerprint(csv: string): string | undefined {
  const m = /(?:^|\r?\n)报送包指纹（SHA-256）,([0-9a-f]{64})\r?(?:\n|$)/.exec(csv);
  return m?.[1];
}

export interface VerifyOptions {
  lang: Lang;
  progress?: ProgressBar;
  /** The other parts of a split package, given on the command line (never looked for). */
  parts?: readonly string[];
}

function unreadable(report: VerifyReport, file: string, e: unknown): VerifyReport {
  const code = (e as NodeJS.ErrnoException).code;
  // The reader's messages start with the path: say it once.
  const zmsg = e instanceof ZipFormatError ? e.message.split(`${file}: `).join('') : '';
  const msg = e instanceof ZipFormatError ? zipErrorZh(zmsg) : code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是文件夹' : (e as Error).message;
  const msgEn = e instanceof ZipFormatError ? zmsg : code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : (e as Error).message;
  if (!(e instanceof ZipFormatError) && !code) throw e;
  report.code = 2;
  // The CLI names the first zip already; another part is named here.
  const which = file === report.file ? '' : `（${basename(file)}）`;
  const whichEn = file === report.file ? '' : ` (${basename(file)})`;
  report.error = { zh: `无法读取 zip${which}：${msg}`, en: `cannot read the zip${whichEn}: ${msgEn}` };
  return report;
}

export async function verifyPackage(file: string, opts: VerifyOptions): Promise<VerifyReport> {
  const report: VerifyReport = { file, code: 0, zips: [], checked: { files: 0, bytes: 0 }, problems: [] };
  const given = [file, ...(opts.parts ?? [])];
  const opened: OpenedZip[] = [];
  for (const f of given) {
    try {
      opened.push(await openZip(f));
    } catch (e) {
      return unreadable(report, f, e);
    }
  }
  const done = (): VerifyReport => {
    if (report.problems.length > 0) report.code = 1;
    return report;
  };

  // 1. Structure: what every extractor extracts. Nothing else is worth checking if they disagree.
  for (const z of opened) report.problems.push(...z.structure);
  if (report.problems.length) {
    for (const z of opened) report.zips.push({ file: z.file });
    return done();
  }

  // 2. The manifest: the one of the first zip; every other part must carry the same.
  const main = opened[0]!;
  if (!main.manifest) {
    report.problems.push(main.manifestProblem!);
    return done();
  }
  if (main.manifestProblem) report.problems.push(main.manifestProblem);
  const m = main.manifest;
  report.manifest = m;
  if (!main.digestOk) report.problems.push({ kind: 'digest', path: MANIFEST_NAME, detail: { zh: 'manifest.json 的内容与其校验值（digest）不符：清单被修改或损坏', en: 'manifest.json does not match its digest: edited or damaged' } });
  if (manifestFingerprint(m) !== m.fingerprint) {
    report.problems.push({ kind: 'fingerprint', path: MANIFEST_NAME, detail: { zh: '文件列表或校验记录与报送包指纹不符', en: 'the file list or the validation record does not match the package fingerprint' } });
  }
  checkValidationRecord(m, report);

  const zips: Array<{ z: OpenedZip; part?: number }> = [];
  for (const z of opened) {
    if (z !== main && (z.manifestText === undefined || sha256Hex(z.manifestText) !== sha256Hex(main.manifestText!))) {
      report.problems.push({ kind: 'part', path: basename(z.file), detail: { zh: '该 zip 的 manifest.json 与第一个 zip 的不同：不是同一报送包的分卷', en: 'its manifest.json differs from the first zip’s: not a part of the same package' } });
      continue;
    }
    zips.push({ z, part: partOf(z, m) });
  }
  if (m.parts) {
    for (let k = 1; k <= m.parts.count; k++) {
      if (!zips.some((x) => x.part === k)) {
        report.problems.push({
          kind: 'part',
          path: m.parts.names[k - 1] ?? `#${k}`,
          detail: { zh: `未给出第 ${k} 部分（共 ${m.parts.count} 部分）：请在命令行上列出所有部分，如 cluster pack --verify 第1部分.zip 第2部分.zip`, en: `part ${k} of ${m.parts.count} was not given: list every part, e.g. cluster pack --verify part1.zip part2.zip` },
        });
      }
    }
  } else if (zips.length > 1) {
    report.problems.push({ kind: 'part', path: basename(zips[1]!.z.file), detail: { zh: '报送包没有分卷，却给出了多个 zip', en: 'the package has no parts, yet several zips were given' } });
  }
  zips.sort((a, b) => (a.part ?? 0) - (b.part ?? 0));

  // 3. Every file: present once, the right size and SHA-256; nothing unlisted.
  const listed = new Set(m.files.map((f) => `${m.root}/${f.path}`));
  const folders = new Set<string>([`${m.root}/`]);
  for (const f of m.files) {
    const segs = f.path.split('/');
    for (let i = 1; i < segs.length; i++) folders.add(`${m.root}/${segs.slice(0, i).join('/')}/`);
  }
  const totalBytes = m.files.reduce((s, f) => s + f.size, 0);
  let bytesDone = 0;
  const seenPaths = new Set<string>();
  const lists = new Map<string, ZipEntryInfo>();
  for (const { z, part } of zips) {
    report.zips.push({ file: z.file, ...(part !== undefined ? { part } : {}) });
    const expected = m.files.filter((f) => !m.parts || f.kind === 'list' || f.part === part);
    const expectedNames = new Set([`${m.root}/${MANIFEST_NAME}`, ...expected.map((f) => `${m.root}/${f.path}`)]);
    // One read-ahead source for the part's entries; SHA-256 on the host's digest queue (the CLI: another
    // thread) while the next entries are read. Outcomes are applied in manifest order, as they came before.
    const shared = await openEntrySource(z.file);
    const queue = host().digestQueue?.();
    const checkFile = async (f: ManifestFile): Promise<{ outcome: Promise<() => void> }> => {
      const now = (apply: () => void) => ({ outcome: Promise.resolve(apply) });
      const e = z.byName.get(`${m.root}/${f.path}`);
      if (!e || e.isDirectory) return now(() => report.problems.push({ kind: 'missing', path: f.path, detail: { zh: '清单中有此文件，但报送包中没有', en: 'listed in the manifest but not in the package' } }));
      if (e.size !== f.size) return now(() => report.problems.push({ kind: 'size', path: f.path, detail: { zh: `大小不符：清单 ${f.size} 字节，实际 ${e.size} 字节`, en: `size differs: manifest ${f.size} bytes, package ${e.size} bytes` } }));
      const counted = () => {
        if (!seenPaths.has(f.path)) {
          seenPaths.add(f.path);
          report.checked.files++;
          report.checked.bytes += f.size;
        }
        bytesDone += f.size;
        opts.progress?.update({ filesDone: report.checked.files, filesTotal: m.files.length, bytesDone, bytesTotal: totalBytes });
      };
      let digest: { sha256: Promise<string> };
      try {
        digest = await hashEntryQueued(e, shared, queue);
      } catch (err) {
        if (!(err instanceof ZipFormatError)) throw err;
        return now(() => {
          report.problems.push({ kind: 'corrupt', path: f.path, detail: { zh: `数据损坏：${err.message}`, en: `corrupt data: ${err.message}` } });
          counted();
        });
      }
      return {
        outcome: digest.sha256.then((h) => () => {
          if (h !== f.sha256) report.problems.push({ kind: 'hash', path: f.path, detail: { zh: `SHA-256 不符：清单 ${f.sha256.slice(0, 16)}…，实际 ${h.slice(0, 16)}…`, en: `SHA-256 differs: manifest ${f.sha256.slice(0, 16)}…, package ${h.slice(0, 16)}…` } });
          else if (f.kind === 'list' && !lists.has(f.path)) lists.set(f.path, e);
          counted();
        }),
      };
    };
    const pending: Array<Promise<() => void>> = [];
    const applyOldest = async () => (await pending.shift()!)();
    try {
      for (const f of expected) {
        const { outcome } = await checkFile(f);
        // (Handled when applied; the no-op keeps a digest rejected by an early exit from being "unhandled".)
        outcome.catch(() => undefined);
        pending.push(outcome);
        if (pending.length >= 256) await applyOldest();
      }
      while (pending.length) await applyOldest();
    } finally {
      queue?.close();
      await shared.close();
    }
    for (const e of z.entries) {
      if (expectedNames.has(e.name) || (e.isDirectory && folders.has(e.name))) continue;
      const inOther = !e.isDirectory && m.parts && listed.has(e.name);
      report.problems.push({
        kind: 'extra',
        path: e.name.startsWith(m.root + '/') ? e.name.slice(m.root.length + 1) : e.name,
        detail: inOther
          ? { zh: `清单记录此文件属于另一部分（出现在 ${basename(z.file)}）`, en: `the manifest puts this file in another part (found in ${basename(z.file)})` }
          : e.isDirectory
            ? { zh: '报送包中有清单未涉及的文件夹', en: 'a folder the manifest does not account for' }
            : { zh: '报送包中有清单未列出的文件', en: 'in the package but not listed in the manifest' },
      });
    }
  }
  opts.progress?.done();

  // 4. The paper anchor: the 材料清单 must print the manifest's fingerprint.
  await checkLists(m, lists, report);

  // The stamped and signed scans (pack --stamped): which the manifest lists, and whether each is here intact.
  const bad = new Set(report.problems.filter((p) => p.kind === 'missing' || p.kind === 'size' || p.kind === 'hash' || p.kind === 'corrupt').map((p) => p.path));
  report.stamped = m.files
    .filter((f) => f.kind === 'stamped')
    .map((f) => ({ path: f.path, ...(f.pages !== undefined ? { pages: f.pages } : {}), intact: !bad.has(f.path) && seenPaths.has(f.path) }));

  // 5. The filing data inside: its evidence references against the manifest, and re-validation.
  await checkData(file, m, zips, report, opts.lang);
  return done();
}

async function checkLists(m: Manifest, lists: Map<string, ZipEntryInfo>, report: VerifyReport): Promise<void> {
  const prints = { pdf: false as boolean | 'unchecked', csv: false };
  const csvEntry = lists.get(LIST_CSV);
  if (csvEntry) {
    try {
      prints.csv = csvFingerprint(fromUtf8(await readEntry(csvEntry, MAX_LIST_BYTES))) === m.fingerprint;
    } catch (e) {
      if (!(e instanceof ZipFormatError)) throw e;
    }
    if (!prints.csv) report.problems.push({ kind: 'list', path: LIST_CSV, detail: { zh: '材料清单 CSV 中的报送包指纹与 manifest.json 不一致', en: 'the 材料清单 CSV does not show the manifest’s fingerprint' } });
  }
  const pdfEntry = lists.get(LIST_PDF);
  if (pdfEntry) {
    if (m.formatVersion === 1) prints.pdf = 'unchecked';
    else {
      try {
        prints.pdf = pdfDrawsText(await readEntry(pdfEntry, MAX_LIST_BYTES), fingerprintLine(m.fingerprint));
      } catch (e) {
        if (!(e instanceof ZipFormatError)) throw e;
      }
      if (!prints.pdf) report.problems.push({ kind: 'list', path: LIST_PDF, detail: { zh: '材料清单 PDF 上印的报送包指纹与 manifest.json 不一致', en: 'the 材料清单 PDF does not print the manifest’s fingerprint' } });
    }
  }
  if (!m.files.some((f) => f.kind === 'list')) {
    report.problems.push({ kind: 'list', path: LIST_PDF, detail: { zh: '报送包中没有材料清单', en: 'the package has no 材料清单' } });
  }
  report.listPrints = prints;
}

/** The validation record must agree with itself: valid ⇔ no errors; forced ⇒ errors; counts = findings. */
function checkValidationRecord(m: Manifest, report: VerifyReport): void {
  const v = m.validation;
  const count: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of v.findings) count[f.severity]++;
  const bad: string[] = [];
  if (v.valid !== (v.summary.error === 0)) bad.push('valid');
  if (v.forced && v.summary.error === 0) bad.push('forced');
  if (count.error !== v.summary.error || count.warning !== v.summary.warning || count.info !== v.summary.info) bad.push('summary');
  if (bad.length) {
    report.problems.push({
      kind: 'validation',
      path: MANIFEST_NAME,
      detail: { zh: `校验记录自相矛盾（${bad.join('、')}）：例如标为“通过”却记有错误`, en: `the validation record contradicts itself (${bad.join(', ')}): e.g. marked valid with errors recorded` },
    });
  }
}

async function checkData(zipFile: string, m: Manifest, zips: Array<{ z: OpenedZip; part?: number }>, report: VerifyReport, lang: Lang): Promise<void> {
  const dataFile = m.files.find((f) => f.kind === 'data' && /\.ya?ml$/i.test(f.path));
  const entry = dataFile && zips.map(({ z }) => z.byName.get(`${m.root}/${dataFile.path}`)).find((e) => e && !e.isDirectory);
  if (!dataFile || !entry) {
    report.dataSkipped = { zh: '报送包中没有申报数据（YAML）', en: 'no filing data (YAML) in the package' };
    return;
  }
  let parsed;
  try {
    const text = fromUtf8(await readEntry(entry, MAX_FILING_BYTES));
    parsed = parseYamlText(text, dataFile.path);
  } catch (e) {
    if (!(e instanceof ZipFormatError) && !(e instanceof CliError)) throw e;
    report.problems.push({ kind: 'reference', path: dataFile.path, detail: { zh: `无法读取申报数据：${e.message}`, en: `cannot read the filing data: ${e.message}` } });
    return;
  }
  checkReferences(parsed.data, m, report);
  // A built-in profile by id only: the package never names a file this machine opens.
  const profile = builtInProfile(m.profile);
  if (!profile) {
    report.dataSkipped = { zh: `打包所用的配置 ${m.profile} 不是本工具内置的：未重新校验申报数据`, en: `the package’s profile ${m.profile} is not built into this tool: the data was not re-validated` };
    return;
  }
  const r = await validateLoaded(
    // Evidence paths are checked against the manifest above, never on this machine: the folder is
    // one below the zip file itself, which cannot exist (ENOTDIR), and references cannot leave it.
    { file: dataFile.path, dir: host().path.join(host().path.resolve(zipFile), 'no-evidence-here'), format: 'yaml', data: parsed.data, sourceMap: parsed.sourceMap },
    { profile, lang, today: m.validation.asOf },
  );
  const kept = r.findings.filter((f) => f.ruleId !== 'form/evidence-file');
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of kept) summary[f.severity]++;
  const recorded: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of m.validation.findings) if (f.ruleId !== 'form/evidence-file') recorded[f.severity]++;
  const sameTool = m.tool.name === 'cluster' && m.tool.version === VERSION;
  report.data = { profile: profile.id, asOf: m.validation.asOf, summary, recorded, sameTool };
  if (sameTool && (summary.error !== recorded.error || summary.warning !== recorded.warning)) {
    report.problems.push({
      kind: 'validation',
      path: dataFile.path,
      detail: {
        zh: `同一工具版本（${VERSION}）和配置（${profile.id}）重新校验的结果（错误 ${summary.error}，警告 ${summary.warning}）与报送包记录的（错误 ${recorded.error}，警告 ${recorded.warning}）不同：校验记录或申报数据被改动`,
        en: `re-validation with the same tool version (${VERSION}) and profile (${profile.id}) gives ${summary.error} errors, ${summary.warning} warnings; the package records ${recorded.error} errors, ${recorded.warning} warnings: the record or the data was altered`,
      },
    });
  }
}

/** Every evidence reference of the data must be a packed file or a recorded omission, and vice versa. */
function checkReferences(data: Record<string, unknown>, m: Manifest, report: VerifyReport): void {
  const inData = new Set<string>();
  for (const v of values(new FilingView(data), (l) => l.node.type === 'evidence')) {
    if (!Array.isArray(v.value)) continue;
    v.value.forEach((ref, i) => {
      if (typeof ref === 'string' && ref.trim() !== '') inData.add(`${v.pointer}/${i}\n${ref}`);
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
