import { relative } from 'node:path';
import type { CommonOptions } from '../cli.js';
import { CliError } from '../errors.js';
import type { FileResult } from '../findings.js';
import { formatText } from '../format/text.js';
import { PLAIN, type Paint } from '../format/types.js';
import { paintFor } from '../paint.js';
import { createProgressBar, fmtSize, pack, progressEnabled, verifyPackage, type PackResult, type VerifyReport } from '../pack/index.js';
import { checkTodayOption } from '../profile.js';
import { settingsFor } from '../project.js';
import { requireFile } from '../io.js';
import { VERSION } from '../version.js';
import { escapeControls as esc } from '../escape.js';
import { fingerprintLine } from '../pack/manifest.js';
import { STAMPED_DIR } from '../pack/layout.js';
import { boundHeapGrowth } from '../heap.js';
import { stdoutWrite } from '../stdout.js';

export interface PackCliOptions extends CommonOptions {
  output?: string;
  force?: boolean;
  verify?: string;
  filenameEncoding?: 'utf8' | 'gbk';
  emailLimit?: string;
  splitSize?: string;
  progress?: boolean;
  font?: string;
  fontBold?: string;
  today?: string;
  /** Scanned stamped/signed pages (repeatable). */
  stamped?: string[];
}

function megabytes(v: string, option: string, min: number): number {
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || !Number.isFinite(n) || n < min) {
    throw new CliError({ zh: `${option} 应为不小于 ${min} 的数（单位 MB），实际为 ${v}`, en: `${option} must be a number of MB, at least ${min} (got ${v})` });
  }
  return Math.round(n * 1e6);
}

function shown(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

function printFindings(result: FileResult, opts: PackCliOptions, paint: Paint): void {
  if (result.findings.length === 0) return;
  if (opts.quiet && result.summary.error === 0) return;
  const text = formatText({ tool: { name: 'cluster', version: VERSION }, profile: opts.profile, results: [result] }, { lang: opts.lang, paint, rules: [], quiet: opts.quiet });
  stdoutWrite(text + '\n');
}

export async function packCommand(files: string[] | string | undefined, opts: PackCliOptions): Promise<number> {
  boundHeapGrowth();
  const lang = opts.lang;
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const paint = await paintFor('stdout', false);
  const bar = createProgressBar(progressEnabled(opts), lang);
  const args = files === undefined ? [] : Array.isArray(files) ? files : [files];

  if (opts.verify !== undefined && opts.stamped?.length) {
    throw new CliError({ zh: '--stamped 用于打包（把盖章扫描件放进报送包），不能与 --verify 同用', en: '--stamped is for packing (it puts the stamped scans into the package), not with --verify' });
  }
  if (opts.verify !== undefined) {
    // Further arguments are the other parts of a split package: only zips given here are read.
    const notZip = args.find((a) => !/\.zip$/i.test(a));
    if (notZip) throw new CliError({ zh: `--verify 之后只能列出同一报送包的其余分卷（.zip），不需要申报文件：${notZip}`, en: `after --verify list only the other parts (.zip) of the same package, no filing: ${notZip}` });
    const report = await verifyPackage(opts.verify, { lang, progress: bar, parts: args });
    printVerify(report, opts, paint);
    return report.code;
  }
  if (args.length > 1) throw new CliError({ zh: `pack 一次只打包一个申报文件（收到 ${args.length} 个）`, en: `pack packs one filing at a time (got ${args.length})` });
  const file = args[0];

  if (!file) throw new CliError({ zh: '缺少参数：申报文件（或用 --verify <zip> 核验报送包）', en: 'missing argument: the filing (or --verify <zip> to check a package)' });
  checkTodayOption(opts.today);const emailLimitBytes = megabytes(opts.emailLimit ?? '50', '--email-limit', 0);
  const splitBytes = opts.splitSize !== undefined ? megabytes(opts.splitSize, '--split-size', 1) : undefined;
  await requireFile(file);
  const { profile, config } = settingsFor(file, opts);
  const fonts = opts.font || opts.fontBold ? { ...(opts.font ? { regular: opts.font } : {}), ...(opts.fontBold ? { bold: opts.fontBold } : {}) } : undefined;

  let r: PackResult;
  try {
    r = await pack({
      file,
      ...(opts.output ? { output: opts.output } : {}),
      force: !!opts.force,
      overwrite: !!opts.force,
      ...(config?.rules ? { ruleLevels: config.rules } : {}),
      filenameEncoding: opts.filenameEncoding ?? 'utf8',
      emailLimitBytes,
      ...(splitBytes !== undefined ? { splitBytes } : {}),
      profile,
      lang,
      ...(opts.today ? { today: opts.today } : {}),
      ...(fonts ? { fonts } : {}),
      ...(opts.stamped?.length ? { stamped: opts.stamped } : {}),
      progress: bar,
      ...(opts.debug ? { onTiming: (phase: string, ms: number) => process.stderr.write(`cluster: pack ${phase} ${ms.toFixed(0)} ms\n`) } : {}),
    });
  } catch (e) {
    bar.done();
    // Characters the PDF font cannot draw: findings like validate's (exit 1), nothing written.
    const fc = e as { name?: string; findings?: FileResult['findings'] };
    if (fc?.name === 'FontCoverageError' && Array.isArray(fc.findings)) {
      const findings = fc.findings;
      const summary = { error: findings.filter((f) => f.severity === 'error').length, warning: 0, info: 0 };
      printFindings({ file, valid: false, summary, findings }, opts, paint);
      process.stderr.write(`cluster: ${esc((e as CliError).text(lang))}${t('，未生成报送包', '; no package written')}\n`);
      return 1;
    }
    throw e;
  }

  printFindings(r.result, opts, paint);
  if (!r.packed) {
    process.stderr.write(`cluster: ${r.refusal ? r.refusal[lang] : t('未生成报送包', 'no package written')}\n`);
    return r.code;
  }
  if (!opts.quiet) {
    const m = r.manifest!;
    const lines: string[] = [];
    for (const o of r.outputs) lines.push(`${paint.green('✔')} ${t('已生成', 'written')} ${esc(shown(o.path))}  ${fmtSize(o.bytes)}`);
    if (r.outputs.length > 1) {
      lines.push(
        t(
          `  共 ${r.outputs.length} 个 zip，每个都可单独打开，解压到同一文件夹即得完整材料；可分别作为邮件附件发送`,
          `  ${r.outputs.length} zips; each opens on its own, extracting all into one folder gives the whole package; send them as separate attachments`,
        ),
      );
    }
    lines.push(
      t(
        `  ${m.totals.files} 个文件（佐证材料 ${m.totals.evidenceFiles} 个，引用 ${m.totals.evidenceReferences} 处），报送包指纹 ${m.fingerprint.slice(0, 16)}…（完整值见材料清单）`,
        `  ${m.totals.files} files (${m.totals.evidenceFiles} evidence files, ${m.totals.evidenceReferences} references), fingerprint ${m.fingerprint.slice(0, 16)}… (in full on the 材料清单)`,
      ),
    );
    if (r.forced) {
      lines.push(
        paint.yellow(
          t(
            `  ⚠ 强制打包（--force）：校验有 ${m.validation.summary.error} 个错误，已记录在 manifest.json 和材料清单中`,
            `  ⚠ forced (--force): ${m.validation.summary.error} validation errors, recorded in manifest.json and the 材料清单`,
          ),
        ),
      );
    }
    if (m.omitted.length) lines.push(paint.yellow(t(`  ⚠ ${m.omitted.length} 处佐证材料未包含（见材料清单）`, `  ⚠ ${m.omitted.length} evidence references not included (see the 材料清单)`)));
    const scans = m.files.filter((f) => f.kind === 'stamped').length;
    if (scans) lines.push(t(`  盖章扫描件 ${scans} 个，放在报送包最前（${STAMPED_DIR}/）`, `  ${scans} stamped scan${scans === 1 ? '' : 's'}, first in the package (${STAMPED_DIR}/)`));
    stdoutWrite(lines.join('\n') + '\n');
  }
  return 0;
}

const KIND_TEXT: Record<string, { zh: string; en: string }> = {
  structure: { zh: '结构异常', en: 'structure' },
  manifest: { zh: '清单', en: 'manifest' },
  digest: { zh: '清单校验值', en: 'manifest digest' },
  fingerprint: { zh: '指纹', en: 'fingerprint' },
  list: { zh: '材料清单', en: '材料清单' },
  missing: { zh: '缺少文件', en: 'missing' },
  extra: { zh: '多余文件', en: 'extra file' },
  size: { zh: '大小不符', en: 'size' },
  hash: { zh: '内容不符', en: 'content' },
  corrupt: { zh: '数据损坏', en: 'corrupt' },
  reference: { zh: '引用不符', en: 'reference' },
  validation: { zh: '校验记录', en: 'validation record' },
  part: { zh: '分卷', en: 'part' },
};

/** Problems printed at most (a hostile package may have 100,000 unlisted entries). */
const MAX_PRINTED = 200;

/**
 * Everything a package carries (names, cluster, dates, messages quoting entry names) is escaped
 * before it reaches the terminal, whatever NO_COLOR says.
 */
function printVerify(r: VerifyReport, opts: PackCliOptions, paint: Paint = PLAIN): void {
  const lang = opts.lang;
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  if (r.code === 2) {
    process.stderr.write(`cluster: ${esc(shown(r.file))}: ${esc(r.error ? r.error[lang] : t('无法读取', 'cannot read'))}\n`);
    return;
  }
  const out: string[] = [];
  const m = r.manifest;
  out.push(paint.bold(t(`核验 ${esc(shown(r.file))}`, `verifying ${esc(shown(r.file))}`)));
  if (m) {
    out.push(`  ${t('集群', 'cluster')}：${esc(m.cluster)}　${t('打包日期', 'date')}：${esc(m.date.slice(0, 10))}　${t('工具', 'tool')}：${esc(m.tool.name)} ${esc(m.tool.version)}　${t('配置', 'profile')}：${esc(m.profile)}`);
    if (r.zips.length > 1 || m.parts) out.push(`  ${t('分卷', 'parts')}：${r.zips.map((z) => `${esc(shown(z.file))}${z.part !== undefined ? ` (${z.part})` : ''}`).join('、')}`);
    if (m.validation.forced) {
      out.push(paint.yellow(t(`  ⚠ 该报送包是在校验有 ${m.validation.summary.error} 个错误时强制打包的（--force）`, `  ⚠ this package was forced (--force) with ${m.validation.summary.error} validation errors`)));
    } else {
      out.push(t(`  打包时校验：${m.validation.valid ? '通过' : '未通过'}（错误 ${m.validation.summary.error}，警告 ${m.validation.summary.warning}）`, `  validation when packed: ${m.validation.valid ? 'passed' : 'failed'} (${m.validation.summary.error} errors, ${m.validation.summary.warning} warnings)`));
    }
    if (m.omitted.length) out.push(paint.yellow(t(`  ⚠ 打包时未包含 ${m.omitted.length} 处佐证材料（见材料清单）`, `  ⚠ ${m.omitted.length} evidence references were left out when packing (see the 材料清单)`)));
    const scans = r.stamped ?? [];
    if (scans.length === 0) {
      out.push(paint.yellow(t('  ⚠ 报送包中没有盖章扫描件（封面、九的盖章签字页；打包时用 --stamped 加入）：盖章页须以纸质材料为准', '  ⚠ the package holds no stamped scan (the stamped and signed 封面 and 九; pack --stamped adds them): check the seal on paper')));
    } else {
      const shownScans = scans.map((x) => `${esc(x.path.slice(x.path.lastIndexOf('/') + 1))}${typeof x.pages === 'number' ? t(`（${x.pages} 页）`, ` (${x.pages} page${x.pages === 1 ? '' : 's'})`) : ''}${x.intact ? '' : t('（缺失或损坏）', ' (missing or damaged)')}`);
      const ok = scans.every((x) => x.intact);
      out.push((ok ? '' : paint.red('  ✖')) + t(`${ok ? '  ' : ' '}盖章扫描件：${scans.length} 个，${ok ? '均在包内且完整' : '有缺失或损坏'}：${shownScans.join('、')}`, `${ok ? '  ' : ' '}stamped scans: ${scans.length}, ${ok ? 'all present and intact' : 'some missing or damaged'}: ${shownScans.join(', ')}`));
    }
  }
  for (const p of r.problems.slice(0, MAX_PRINTED)) {
    const kind = KIND_TEXT[p.kind]?.[lang] ?? p.kind;
    out.push(`  ${paint.red('✖')} ${kind}  ${esc(p.path)}${p.detail ? `：${esc(p.detail[lang])}` : ''}`);
  }
  if (r.problems.length > MAX_PRINTED) out.push(t(`  …… 另有 ${r.problems.length - MAX_PRINTED} 个问题未列出`, `  … and ${r.problems.length - MAX_PRINTED} more problems`));
  if (r.data && !opts.quiet) {
    const d = r.data;
    const same = d.summary.error === d.recorded.error && d.summary.warning === d.recorded.warning;
    out.push(
      t(
        `  申报数据复核（${esc(d.profile)}，截至 ${esc(d.asOf)}，不含佐证材料路径检查）：错误 ${d.summary.error}，警告 ${d.summary.warning}${same ? '，与打包时一致' : `；打包时为错误 ${d.recorded.error}，警告 ${d.recorded.warning}${d.sameTool ? '' : '（打包用的工具版本不同，规则可能不同）'}`}`,
        `  filing data re-checked (${esc(d.profile)}, as of ${esc(d.asOf)}, evidence paths aside): ${d.summary.error} errors, ${d.summary.warning} warnings${same ? ', as when packed' : `; when packed: ${d.recorded.error} errors, ${d.recorded.warning} warnings${d.sameTool ? '' : ' (packed by another tool version: rules may differ)'}`}`,
      ),
    );
  } else if (r.dataSkipped && !opts.quiet) out.push(`  ${esc(r.dataSkipped[lang])}`);
  if (r.code === 0) {
    const pdfUnchecked = r.listPrints?.pdf === 'unchecked';
    out.push(
      `${paint.green('✔')} ${t(
        `报送包完整：${r.checked.files} 个文件（${fmtSize(r.checked.bytes)}）SHA-256 全部一致，无多余或缺少的文件，各解压工具看到的内容相同${pdfUnchecked ? '' : '，材料清单（PDF 和 CSV）印有同一指纹'}`,
        `package intact: ${r.checked.files} files (${fmtSize(r.checked.bytes)}) match their SHA-256, nothing missing or extra, every extractor sees the same${pdfUnchecked ? '' : '; the 材料清单 (PDF and CSV) prints the same fingerprint'}`,
      )}`,
    );
    out.push('');
    out.push(paint.bold(`  ${t('报送包指纹', 'fingerprint')}：${fingerprintLine(m!.fingerprint)}`));
    out.push('');
    out.push(
      t(
        '  这只证明报送包与打包时一致（未被改动或损坏），不证明是谁制作的：任何人都能做出自洽的报送包。\n  请将上面的指纹与加盖公章的纸质材料清单上印的指纹逐位核对；一致，才说明这就是对方盖章报送的那一份。',
        '  This proves the package is as it was packed (not altered or damaged), not who made it: anyone can make a consistent package.\n  Compare the fingerprint above with the one printed on the stamped paper 材料清单: only if they match is this the package that was stamped and sent.',
      ),
    );
    if (pdfUnchecked) out.push(paint.yellow(t('  ⚠ 该报送包由旧版本生成：材料清单 PDF 上的指纹无法自动核对，请人工核对', '  ⚠ made by an older version: the fingerprint on the 材料清单 PDF cannot be checked automatically; compare it by eye')));
  } else {
    out.push(`${paint.red('✖')} ${t(`报送包核验未通过：${r.problems.length} 个问题`, `package verification failed: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`)}`);
  }
  stdoutWrite(out.join('\n') + '\n');
}
