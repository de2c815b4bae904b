/**
 * The report of `pack --verify` as text: what the CLI prints, and what the page shows (the same lines).
 * Pure: paint and the way file names are shown are the face's.
 */
import type { Lang } from '../catalogue/index.js';
import { escapeControls as esc } from '../escape.js';
import { PLAIN, type Paint } from '../format/types.js';
import { fingerprintLine } from './manifest.js';
import { fmtSize } from './rules.js';
import type { VerifyReport } from './verify.js';

export const KIND_TEXT: Record<string, { zh: string; en: string }> = {
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
export const MAX_PRINTED = 200;

/**
 * Everything a package carries (names, cluster, dates, messages quoting entry names) is escaped
 * before it reaches the terminal, whatever NO_COLOR says.
 */
export function verifyText(r: VerifyReport, opts: { lang: Lang; paint?: Paint; quiet?: boolean; shown?: (file: string) => string }): { stdout: string; stderr?: string } {
  const lang = opts.lang;
  const paint = opts.paint ?? PLAIN;
  const shown = opts.shown ?? ((f: string) => f);
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  if (r.code === 2) {
    return { stdout: '', stderr: `cluster: ${esc(shown(r.file))}: ${esc(r.error ? r.error[lang] : t('无法读取', 'cannot read'))}\n` };
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
  return { stdout: out.join('\n') + '\n' };
}
