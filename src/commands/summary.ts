import { escapeControls as esc } from '../escape.js';
import { wordCount } from '../wordcount.js';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { CommonOptions } from '../cli.js';
import { documentDate } from '../dates.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { profileFor } from '../project.js';
import { analyseFilings, type Analysed } from '../summary/filings.js';
import { prefetchDefaultFonts } from '../render/layout/fonts.js';
import { resolveHeader } from '../summary/header.js';
import { buildSummaryTable, entryOf, type SortKey } from '../summary/model.js';
import { stdoutWrite } from '../stdout.js';

export interface SummaryCliOptions extends CommonOptions {
  output: string;
  sort?: SortKey;
  header?: string;
  city?: string;
  contact?: string;
  force?: boolean;
  font?: string;
  fontBold?: string;
}

/** A batch's review filings: pass/fail on the standard and the targets missed, per cluster. */
async function reviewSummary(filings: Analysed[], opts: SummaryCliOptions, ext: string): Promise<number> {
  const zh = opts.lang === 'zh';
  const { buildReviewSummary, renderReviewSummaryPdf } = await import('../summary/review.js');
  const s = buildReviewSummary(filings, opts.lang);
  const date = documentDate(filings[0]!.loaded.data, filings[0]!.profile);
  let bytes: Uint8Array;
  let pages: number | undefined;
  if (ext === '.pdf') {
    const render = await import('../render/index.js');
    const fonts = await render.getFonts({ ...(opts.font ? { regular: opts.font } : {}), ...(opts.fontBold ? { bold: opts.fontBold } : {}) });
    for (const w of fonts.warnings) process.stderr.write(`cluster: ${w}\n`);
    const out = await renderReviewSummaryPdf(s, { fonts, date });
    bytes = out.data;
    pages = out.pages;
  } else if (ext === '.docx') {
    const { reviewSummaryDocx } = await import('../docx/review.js');
    bytes = await reviewSummaryDocx(s, date);
  } else bytes = await (await import('../summary/review-xlsx.js')).reviewSummaryXlsxBytes(s, date);
  await writeFileAtomic(opts.output, bytes, filings.map((f) => f.file));
  if (!opts.quiet) {
    const pass = s.rows.filter((r) => r.errors === 0).length;
    const pg = pages !== undefined ? (zh ? `${pages} 页，` : `${pages} page${pages === 1 ? '' : 's'}, `) : '';
    stdoutWrite(
      zh
        ? `已生成 ${opts.output}（复核 ${s.rows.length} 个集群，符合认定标准 ${pass} 个；${pg}${(bytes.length / 1024).toFixed(0)} KB）\n`
        : `wrote ${opts.output} (${s.rows.length} reviewed, ${pass} meet the standard; ${pg}${(bytes.length / 1024).toFixed(0)} KB)\n`,
    );
  }
  return 0;
}

/** 字数 as the limit counts them: as Word/WPS do (form/text-length). */
const chars = wordCount;

export async function summaryCommand(args: string[], opts: SummaryCliOptions): Promise<number> {
  const zh = opts.lang === 'zh';
  const ext = extname(opts.output).toLowerCase();
  if (ext !== '.pdf' && ext !== '.xlsx' && ext !== '.docx') {
    throw new CliError({ zh: '输出文件应以 .pdf、.xlsx 或 .docx 结尾', en: 'the output file must end in .pdf, .xlsx or .docx' }, opts.output);
  }
  if (opts.sort !== undefined && opts.sort !== 'name' && opts.sort !== 'region') {
    throw new CliError({ zh: `--sort 应为 name 或 region（实际为 ${opts.sort}）`, en: `--sort must be name or region (got ${opts.sort})` });
  }
  if (existsSync(opts.output) && !opts.force) {
    throw new CliError({ zh: '输出文件已存在，不会覆盖（加 --force 覆盖）', en: 'the output file exists and will not be overwritten (use --force)' }, opts.output);
  }
  const header = await resolveHeader(opts);
  // The PDF's fonts are read while the filings are validated.
  if (ext === '.pdf' && !opts.font && !opts.fontBold) prefetchDefaultFonts();
  const filings = await analyseFilings(args, (f) => profileFor(f, opts), opts.lang, { exclude: [opts.output] });
  if (filings[0]!.profile.kind === 'review') return reviewSummary(filings, opts, ext);
  // (All of one round: analyseFilings refuses a mix.)
  const profile = filings[0]!.profile;
  const entries = filings.map((f) => entryOf(f.file, f.view, profile, f.metrics, { errors: f.result.summary.error, warnings: f.result.summary.warning }));
  const table = buildSummaryTable(entries, profile, header, opts.sort);
  // The first filing as given dates the document (or SOURCE_DATE_EPOCH): sorting does not change the bytes' date.
  const date = documentDate(filings[0]!.loaded.data, profile);

  let bytes: Uint8Array;
  let pages: number | undefined;
  if (ext === '.pdf') {
    const render = await import('../render/index.js');
    const fonts = await render.getFonts({ ...(opts.font ? { regular: opts.font } : {}), ...(opts.fontBold ? { bold: opts.fontBold } : {}) });
    for (const w of fonts.warnings) process.stderr.write(`cluster: ${w}\n`);
    const { renderSummaryPdf } = await import('../summary/pdf.js');
    const out = await renderSummaryPdf(table, { fonts, date });
    bytes = Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength);
    pages = out.pages;
    if (opts.debug) for (const w of out.warnings) process.stderr.write(`cluster: ${zh ? '排版' : 'layout'}: ${w}\n`);
  } else if (ext === '.docx') {
    const { summaryTableDocx } = await import('../docx/form1.js');
    bytes = await summaryTableDocx(table, date);
  } else {
    const { summaryXlsxBytes } = await import('../summary/xlsx.js');
    bytes = await summaryXlsxBytes(table, date);
  }
  await writeFileAtomic(opts.output, bytes, [...filings.map((f) => f.file), ...(opts.header ? [opts.header] : [])]);

  // Remarks for the reviewer (stderr): filings with errors, 简介 over the limit, the same cluster twice.
  const limit = profile.limits.intro;
  const byName = new Map<string, string[]>();
  for (const e of table.entries) {
    if (e.errors > 0) {
      process.stderr.write(
        zh
          ? `cluster: 注意：${esc(e.file)} 有 ${e.errors} 个错误，不符合认定标准或填报要求（运行 cluster validate ${esc(e.file)} 查看）\n`
          : `cluster: note: ${esc(e.file)} has ${e.errors} error${e.errors === 1 ? '' : 's'} (run cluster validate ${esc(e.file)})\n`,
      );
    }
    const n = chars(e.row.intro);
    if (n > limit) {
      process.stderr.write(zh ? `cluster: 注意：${esc(e.file)} 的集群简介 ${n} 字，超过 ${limit} 字\n` : `cluster: note: the 简介 of ${esc(e.file)} has ${n} characters, over ${limit}\n`);
    }
    if (e.row.clusterName) byName.set(e.row.clusterName, [...(byName.get(e.row.clusterName) ?? []), e.file]);
  }
  for (const [name, files] of byName) {
    if (files.length < 2) continue;
    process.stderr.write(
      zh
        ? `cluster: 注意：同一集群出现 ${files.length} 次（${esc(name)}）：${esc(files.join('、'))}\n`
        : `cluster: note: the same cluster appears ${files.length} times (${esc(name)}): ${esc(files.join(', '))}\n`,
    );
  }
  if (!opts.quiet) {
    const generated = table.entries.filter((e) => e.row.introGenerated).length;
    const kb = (bytes.length / 1024).toFixed(0);
    const gen = generated ? (zh ? `，其中 ${generated} 个的简介由申报数据生成` : `, ${generated} with the 简介 generated from the figures`) : '';
    const pg = pages !== undefined ? (zh ? `${pages} 页，` : `${pages} page${pages === 1 ? '' : 's'}, `) : '';
    stdoutWrite(
      zh
        ? `已生成 ${esc(opts.output)}（${table.rows.length} 个集群${gen}；${pg}${kb} KB）\n`
        : `wrote ${esc(opts.output)} (${table.rows.length} cluster${table.rows.length === 1 ? '' : 's'}${gen}; ${pg}${kb} KB)\n`,
    );
  }
  return 0;
}
