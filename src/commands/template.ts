import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { CommonOptions } from '../cli.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { loadFiling } from '../load/index.js';
import { documentDate } from '../dates.js';
import { profileFor } from '../project.js';
import { layoutYears } from '../xlsx/layout.js';
import { templateBytes } from '../xlsx/template.js';

export interface TemplateCliOptions extends CommonOptions {
  output: string;
  from?: string;
  force?: boolean;
}

export async function templateCommand(opts: TemplateCliOptions): Promise<number> {
  const profile = profileFor(opts.from, opts);
  if (!opts.output.toLowerCase().endsWith('.xlsx')) {
    throw new CliError({ zh: '输出文件应以 .xlsx 结尾', en: 'the output file must end in .xlsx' }, opts.output);
  }
  if (existsSync(opts.output) && !opts.force) {
    throw new CliError({ zh: '输出文件已存在，不会覆盖（加 --force 覆盖）', en: 'the output file exists and will not be overwritten (use --force)' }, opts.output);
  }
  const loaded = opts.from ? await loadFiling(opts.from, { years: profile.dataYears }) : undefined;
  const data = loaded?.data;
  const bytes = await templateBytes({ years: layoutYears(profile), profileId: profile.id, data, date: documentDate(data ?? {}, profile) });
  await writeFileAtomic(opts.output, bytes, opts.from ? [opts.from] : []);
  if (!opts.quiet) {
    const rel = relative(process.cwd(), opts.output) || opts.output;
    process.stdout.write(
      opts.lang === 'zh'
        ? `已生成 ${rel}${opts.from ? `（已填入 ${opts.from} 的数据）` : ''}。在浅黄色单元格中填写，然后运行 cluster validate ${rel}\n`
        : `wrote ${rel}${opts.from ? ` (filled from ${opts.from})` : ''}. Fill in the yellow cells, then run cluster validate ${rel}\n`,
    );
  }
  return 0;
}
