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
import { verifyText } from '../pack/verify-text.js';
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

/**
 * Everything a package carries (names, cluster, dates, messages quoting entry names) is escaped
 * before it reaches the terminal, whatever NO_COLOR says (src/pack/verify-text.ts).
 */
function printVerify(r: VerifyReport, opts: PackCliOptions, paint: Paint = PLAIN): void {
  const text = verifyText(r, { lang: opts.lang, paint, quiet: !!opts.quiet, shown });
  if (text.stderr) process.stderr.write(text.stderr);
  else stdoutWrite(text.stdout);
}
