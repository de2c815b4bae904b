import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommonOptions } from '../cli.js';
import { documentDate } from '../dates.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { loadFiling } from '../load/index.js';
import { loadProfile } from '../profile.js';
import { annualReport } from '../review/annual.js';
import { profileForFiling } from '../review/kind.js';
import { FilingView } from '../validate/view.js';
import { stdoutWrite } from '../stdout.js';

export interface AnnualCliOptions extends CommonOptions {
  year: string;
  output: string;
  font?: string;
  fontBold?: string;
  pdf?: boolean;
  /** The report as an editable Word document too (alone: Word and the workbook, no PDF). */
  docx?: boolean;
  titleFont?: 'fzxbs' | 'song';
}

/** `cluster annual <file> --year Y`: the year's development report, PDF and XLSX, from the review data file. */
export async function annualCommand(file: string, opts: AnnualCliOptions): Promise<number> {
  const zh = opts.lang === 'zh';
  const loaded = await loadFiling(file, { years: loadProfile(opts.profile).dataYears });
  let profile;
  try {
    profile = profileForFiling(loaded.data, loadProfile(opts.profile), file);
  } catch (e) {
    if (e instanceof CliError && !('certification' in loaded.data)) {
      throw new CliError(
        {
          zh: '年度发展情况报告需要各年的数据和认定时的规划：先用 cluster init --review <申报文件> 生成数据文件，填入该年数据后再运行',
          en: 'the annual report needs the yearly figures and the certified plan: make the data file with cluster init --review <application>, fill in the year, then run this again',
        },
        file,
      );
    }
    throw e;
  }
  if (profile.kind !== 'review') {
    throw new CliError(
      {
        zh: '年度发展情况报告需要各年的数据和认定时的规划：先用 cluster init --review <申报文件> 生成数据文件，填入该年数据后再运行',
        en: 'the annual report needs the yearly figures and the certified plan: make the data file with cluster init --review <application>, fill in the year, then run this again',
      },
      file,
    );
  }
  const year = Number(opts.year);
  if (!/^\d{4}$/.test(opts.year) || !profile.dataYears.includes(year)) {
    throw new CliError({
      zh: `--year 应为规划年度之一：${profile.dataYears.join('、')}（配置 ${profile.id}；实际为 ${opts.year}）`,
      en: `--year must be one of the plan years ${profile.dataYears.join(', ')} (profile ${profile.id}; got ${opts.year})`,
    });
  }
  const view = new FilingView(loaded.data);
  const report = annualReport(view, profile, year, opts.lang);
  if (report.keyFigures.every((k) => k.current === undefined) && report.plan.every((p) => p.actual === undefined)) {
    throw new CliError({ zh: `数据文件中没有 ${year} 年的数据：请先填写该年各项数据和各指标实际值`, en: `the data file has no figures for ${year}: fill in the year's data and actuals first` }, file);
  }

  const date = documentDate(loaded.data, profile);
  const wantDocx = opts.docx === true;
  const wantPdf = opts.pdf === true || !wantDocx;
  const outputs: Array<{ name: string; data: Uint8Array; pages?: number }> = [];
  let warnings: string[] = [];
  if (wantPdf) {
    const render = await import('../render/index.js');
    const fonts = await render.getFonts({ ...(opts.font ? { regular: opts.font } : {}), ...(opts.fontBold ? { bold: opts.fontBold } : {}) });
    for (const w of fonts.warnings) process.stderr.write(`cluster: ${w}\n`);
    const { annualPdf } = await import('../render/forms/annual.js');
    const pdf = await annualPdf(report, { fonts, date, lang: opts.lang, file });
    outputs.push({ name: pdf.name, data: pdf.data, pages: pdf.pages });
    warnings = pdf.warnings;
  }
  if (wantDocx) {
    // The Word face names its fonts and embeds none: no font file is read, no PDF library loaded.
    const { renderAnnualDocx } = await import('../docx/review.js');
    const doc = await renderAnnualDocx(report, { date, lang: opts.lang, titleFont: opts.titleFont ?? 'fzxbs' });
    outputs.push({ name: doc.name, data: doc.data });
  }
  const { annualXlsxBytes } = await import('../review/annual-xlsx.js');
  const { annualFile } = await import('../render/review-cells.js');
  outputs.push({ name: annualFile(report).replace(/\.pdf$/, '.xlsx'), data: await annualXlsxBytes(report, date, opts.lang) });

  const dir = opts.output || '.';
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new CliError({ zh: `无法创建输出文件夹（${(e as NodeJS.ErrnoException).code}）`, en: `cannot create the output folder (${(e as NodeJS.ErrnoException).code})` }, dir);
  }
  if (!(await stat(dir)).isDirectory()) throw new CliError({ zh: '输出位置不是文件夹', en: 'the output is not a folder' }, dir);
  const paths: string[] = [];
  for (const o of outputs) {
    const target = join(dir, o.name);
    await writeFileAtomic(target, o.data, [file]);
    paths.push(o.pages !== undefined ? (zh ? `${target}（${o.pages} 页）` : `${target} (${o.pages} page${o.pages === 1 ? '' : 's'})`) : target);
  }
  if (opts.debug) for (const w of warnings) process.stderr.write(`cluster: ${zh ? '排版' : 'layout'}: ${w}\n`);
  if (!opts.quiet) {
    const behind = report.findings.length;
    const list = paths.join(zh ? '、' : ', ');
    stdoutWrite(
      zh
        ? `已生成 ${list}\n${year}年：${report.plan.filter((p) => p.judgement).length} 项指标有数值目标，${behind ? `${behind} 条落后于规划` : '均达到规划'}\n`
        : `wrote ${list}\n${year}: ${report.plan.filter((p) => p.judgement).length} indicators with a figure for the year; ${behind ? `${behind} behind the plan` : 'all on plan'}\n`,
    );
  }
  return 0;
}
