import { escapeControls as esc } from '../escape.js';
import { resolve, join, isAbsolute } from 'node:path';
import { mkdir, stat } from 'node:fs/promises';
import { boundHeapGrowth } from '../heap.js';
import type { CommonOptions } from '../cli.js';
import { isBlankFiling } from '../catalogue/empty.js';
import { asOfDate, documentDate } from '../dates.js';
import { CliError } from '../errors.js';
import type { FileResult } from '../findings.js';
import { formatText } from '../format/text.js';
import { PLAIN } from '../format/types.js';
import { ensureOutputDir, requireFile, writeFileAtomic } from '../io.js';
import { loadFiling } from '../load/index.js';
import { paintFor } from '../paint.js';
import { checkTodayOption } from '../profile.js';
import { settingsFor } from '../project.js';
import { allMeta } from '../rules/registry.js';
import { validateLoaded } from '../validate/index.js';
import { profileForFiling } from '../review/kind.js';
import { VERSION } from '../version.js';
import { stdoutWrite } from '../stdout.js';

export interface RenderCliOptions extends CommonOptions {
  pdf?: boolean;
  docx?: boolean;
  titleFont?: 'fzxbs' | 'song';
  output: string;
  font?: string;
  fontBold?: string;
  today?: string;
  force?: boolean;
  /** A 目录 page after the cover of 附件2. */
  toc?: boolean;
}

/** Evidence files the filing names (resolved): outputs must never replace one of them. */
function evidencePaths(data: unknown, dir: string, out: string[] = []): string[] {
  if (Array.isArray(data)) for (const x of data) evidencePaths(x, dir, out);
  else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      if ((k === 'evidence' || k === 'carbonMonitoringEvidence') && Array.isArray(v)) {
        for (const p of v) if (typeof p === 'string' && p.trim() && !isAbsolute(p)) out.push(resolve(dir, p));
      } else evidencePaths(v, dir, out);
    }
  }
  return out;
}

export async function renderCommand(file: string, opts: RenderCliOptions): Promise<number> {
  const zh = opts.lang === 'zh';
  boundHeapGrowth();
  checkTodayOption(opts.today);
  await requireFile(file);
  const settings = settingsFor(file, opts);
  const config = settings.config;
  const loaded = await loadFiling(file, { years: settings.profile.dataYears });
  // A review filing under the default profile: its batch's review profile.
  const profile = profileForFiling(loaded.data, settings.profile, file);
  // One date for everything: the report states it and validate judges deadlines by it, so the same filing
  // renders the same bytes whatever day it is (and the same as the report pack puts in the zip).
  const date = documentDate(loaded.data, profile);
  const asOf = asOfDate(date, opts.today);
  const result = await validateLoaded(loaded, { profile, lang: opts.lang, today: asOf, ruleLevels: config?.rules });

  const wantDocx = opts.docx === true;
  const wantPdf = opts.pdf === true || !wantDocx;
  const files: Array<{ name: string; data: Uint8Array; pages?: number }> = [];
  let layoutWarnings: string[] = [];
  if (wantPdf) {
    const render = await import('../render/index.js');
    const fonts = { ...(opts.font ? { regular: opts.font } : {}), ...(opts.fontBold ? { bold: opts.fontBold } : {}) };
    const fontSet = await render.getFonts(fonts);
    for (const w of fontSet.warnings) process.stderr.write(`cluster: ${w}\n`);

    // Characters the actual font cannot draw: no PDF, the findings as validate prints them, exit 1.
    const printCoverage = async (findings: FileResult['findings']) => {
      const r: FileResult = { file, valid: false, summary: { error: findings.length, warning: 0, info: 0 }, findings };
      const paint = await paintFor('stdout', false);
      stdoutWrite(formatText({ tool: { name: 'cluster', version: VERSION }, profile: profile.id, results: [r] }, { lang: opts.lang, paint: paint ?? PLAIN, rules: allMeta() }));
      process.stderr.write(zh ? 'cluster: 字体无法显示上述字符，未生成 PDF\n' : 'cluster: the font cannot draw the characters above; no PDF written\n');
      return 1;
    };
    const missing = render.fontCoverageFindings(loaded.data, (t) => fontSet.coverage(t), opts.lang, loaded.sourceMap);
    if (missing.length) return printCoverage(missing);

    let out;
    try {
      out = await render.renderDocuments({ loaded, profile, lang: opts.lang, result, date, asOf, fonts, ...(opts.toc ? { toc: true } : {}) });
    } catch (e) {
      if (e instanceof render.FontCoverageError) return printCoverage(e.findings);
      throw e;
    }
    files.push(...out.pdfs.map((p) => ({ ...p, data: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength) })));
    layoutWarnings = out.warnings;
  }
  if (wantDocx) {
    // The Word face names its fonts and embeds none: no font file is read, no PDF library loaded.
    const docx = await import('../docx/index.js');
    files.push(...(await docx.renderDocx({ data: loaded.data, profile, date, errors: result.summary.error, titleFont: opts.titleFont ?? 'fzxbs', lang: opts.lang })));
  }

  const dir = opts.output || '.';
  const st = await stat(dir).catch(() => undefined);
  if (st && !st.isDirectory()) throw new CliError({ zh: '输出位置不是文件夹（render 的 -o 是文件夹）', en: 'the output is not a folder (render -o names a folder)' }, dir);
  await ensureOutputDir(dir, dir);
  if (!opts.force) {
    const existing = [];
    for (const f of files) if ((await stat(join(dir, f.name)).catch(() => undefined))?.isFile()) existing.push(f.name);
    if (existing.length) {
      throw new CliError(
        { zh: `输出文件已存在，不会覆盖：${existing.join('、')}；加 --force 覆盖，或换一个输出文件夹`, en: `output files exist and will not be overwritten: ${existing.join(', ')}; add --force, or choose another folder` },
        dir,
      );
    }
  }
  const protect = [file, ...evidencePaths(loaded.data, loaded.dir)];
  const written: Array<{ path: string; pages?: number; bytes: number }> = [];
  for (const f of files) {
    const target = join(dir, f.name);
    await writeFileAtomic(target, f.data, protect);
    written.push({ path: target, ...(f.pages !== undefined ? { pages: f.pages } : {}), bytes: f.data.length });
  }

  // An empty filing (as init writes it) renders as a blank form to fill in by hand: not a failed draft.
  const blank = isBlankFiling(loaded.data);
  const errors = blank ? 0 : result.summary.error;
  if (blank) {
    process.stderr.write(zh ? 'cluster: 申报数据为空：附件2、附件1 为供手工填写的空白表\n' : 'cluster: the filing is empty: 附件2 and 附件1 are blank forms to fill in by hand\n');
  }
  if (errors > 0) {
    process.stderr.write(
      zh
        ? `cluster: 申报数据有 ${errors} 个错误（运行 cluster validate ${esc(file)} 查看）：生成的${wantPdf && wantDocx ? ' PDF 和 Word 文件' : wantPdf ? ' PDF ' : ' Word 文件'}每页标注“草稿”，不得盖章报送\n`
        : `cluster: the filing has ${errors} error${errors === 1 ? '' : 's'} (run cluster validate ${esc(file)}): every page of the ${wantPdf && wantDocx ? 'PDFs and Word documents' : wantPdf ? 'PDFs' : 'Word documents'} is marked as a draft\n`,
    );
  }
  if (loaded.format === 'xlsx') {
    // The PDFs print what was read: say which cells were converted, and which were left blank because unreadable.
    const { cellsNotAsTyped, cellLine } = await import('../xlsx/cells-used.js');
    const cells = cellsNotAsTyped(loaded, opts.lang);
    if (cells.length) {
      process.stderr.write(zh ? `cluster: 生成的文件中以下栏目的数值不是按单元格原样读取的：\n` : `cluster: the documents print these fields other than as typed in the workbook:\n`);
      for (const c of cells) process.stderr.write(`  ${cellLine(c, opts.lang)}\n`);
    }
  }
  if (opts.debug) for (const w of layoutWarnings) process.stderr.write(`cluster: ${zh ? '排版' : 'layout'}: ${w}\n`);
  if (!opts.quiet) {
    for (const w of written) {
      const kb = (w.bytes / 1024).toFixed(0);
      if (w.pages === undefined) stdoutWrite(zh ? `已生成 ${esc(w.path)}（${kb} KB）\n` : `wrote ${esc(w.path)} (${kb} KB)\n`);
      else stdoutWrite(zh ? `已生成 ${esc(w.path)}（${w.pages} 页，${kb} KB）\n` : `wrote ${esc(w.path)} (${w.pages} page${w.pages === 1 ? '' : 's'}, ${kb} KB)\n`);
    }
  }
  // Like validate: errors exit 1 (the PDFs are written, marked as drafts).
  return errors > 0 ? 1 : 0;
}
