import { escapeControls as esc } from '../escape.js';
import type { CommonOptions } from '../cli.js';
import { compare } from '../compare/model.js';
import { documentDate } from '../dates.js';
import { CliError } from '../errors.js';
import { refuseOverwrite, writeOutput } from '../io.js';
import { paintFor } from '../paint.js';
import { settingsFor } from '../project.js';
import { analyseFilings } from '../summary/filings.js';
import { prefetchDefaultFonts } from '../render/layout/fonts.js';
import { stdoutWrite } from '../stdout.js';

export interface CompareCliOptions extends CommonOptions {
  format: 'text' | 'csv' | 'pdf';
  output?: string;
  font?: string;
  fontBold?: string;
  force?: boolean;
}

export async function compareCommand(args: string[], opts: CompareCliOptions): Promise<number> {
  const zh = opts.lang === 'zh';
  if (!['text', 'csv', 'pdf'].includes(opts.format)) throw new CliError({ zh: `未知格式 ${opts.format}`, en: `unknown format ${opts.format}` });
  if (opts.format === 'pdf' && !opts.output) {
    throw new CliError({ zh: 'PDF 格式需要用 -o 指定输出文件', en: 'the pdf format needs an output file (-o)' });
  }
  await refuseOverwrite(opts.output, opts.force);
  // The PDF's fonts are read while the filings are validated.
  if (opts.format === 'pdf' && !opts.font && !opts.fontBold) prefetchDefaultFonts();
  const filings = await analyseFilings(args, (f) => settingsFor(f, opts).profile, opts.lang);
  // Review filings (all of one batch, as analyseFilings ensures) are compared under their review profile.
  const profile = filings[0]!.profile;
  const c = compare(
    filings.map((f) => ({ file: f.file, view: f.view, metrics: f.metrics, errors: f.result.summary.error, warnings: f.result.summary.warning })),
    profile,
    opts.lang,
  );
  const inputs = filings.map((f) => f.file);

  if (opts.format === 'pdf') {
    const render = await import('../render/index.js');
    const fonts = await render.getFonts({ ...(opts.font ? { regular: opts.font } : {}), ...(opts.fontBold ? { bold: opts.fontBold } : {}) });
    for (const w of fonts.warnings) process.stderr.write(`cluster: ${w}\n`);
    const { renderComparePdf } = await import('../compare/pdf.js');
    const out = await renderComparePdf(c, { fonts, date: documentDate(filings[0]!.loaded.data, profile), lang: opts.lang });
    await writeOutput(opts.output!, out.data, inputs);
    if (!opts.quiet) {
      stdoutWrite(zh ? `已生成 ${esc(opts.output!)}（${c.columns.length} 个申报，${out.pages} 页）\n` : `wrote ${esc(opts.output!)} (${c.columns.length} filings, ${out.pages} page${out.pages === 1 ? '' : 's'})\n`);
    }
    return 0;
  }
  let text: string;
  if (opts.format === 'csv') {
    const { formatCompareCsv } = await import('../compare/csv.js');
    text = formatCompareCsv(c, opts.lang);
  } else {
    const { formatCompareText } = await import('../compare/text.js');
    text = formatCompareText(c, opts.lang, await paintFor('stdout', opts.output !== undefined && opts.output !== '-'));
  }
  await writeOutput(opts.output, text, inputs);
  return 0;
}
