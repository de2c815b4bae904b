import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { CommonOptions } from '../cli.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { loadFiling } from '../load/index.js';
import { documentDate } from '../dates.js';
import { profileForFiling } from '../review/kind.js';
import { profileFor } from '../project.js';
import { layoutYears } from '../xlsx/layout.js';
import { rebaseEvidence } from './rebase-evidence.js';
import { templateBytes } from '../xlsx/node.js';
import { stdoutWrite } from '../stdout.js';

export interface TemplateCliOptions extends CommonOptions {
  output: string;
  from?: string;
  force?: boolean;
}

export async function templateCommand(opts: TemplateCliOptions): Promise<number> {
  let profile = profileFor(opts.from, opts);
  if (!opts.output.toLowerCase().endsWith('.xlsx')) {
    throw new CliError({ zh: '输出文件应以 .xlsx 结尾', en: 'the output file must end in .xlsx' }, opts.output);
  }
  if (existsSync(opts.output) && !opts.force) {
    throw new CliError({ zh: '输出文件已存在，不会覆盖（加 --force 覆盖）', en: 'the output file exists and will not be overwritten (use --force)' }, opts.output);
  }
  const loaded = opts.from ? await loadFiling(opts.from, { years: profile.dataYears }) : undefined;
  // A review filing fills a review workbook (its batch's review profile under the default profile).
  if (loaded) profile = profileForFiling(loaded.data, profile, opts.from);
  const data = loaded
    ? rebaseEvidence(loaded.data, loaded.dir, dirname(resolve(opts.output)), layoutYears(profile), {
        file: opts.from!,
        message: (shown) => {
          const there = relative(process.cwd(), resolve(loaded.dir, 'cluster.xlsx')) || 'cluster.xlsx';
          return {
            zh: `佐证材料（${shown.zh}）在输出工作簿 ${opts.output} 所在的文件夹之外：工作簿中的佐证材料路径相对于工作簿所在的文件夹，且不能用".."跳出。请把工作簿写到申报文件所在的文件夹或它的上级文件夹，例如 -o ${there}`,
            en: `evidence (${shown.en}) lies outside the folder of the output workbook ${opts.output}: evidence paths in a workbook are relative to its folder and cannot leave it with "..". Write the workbook into the filing's folder or a folder above it, e.g. -o ${there}`,
          };
        },
      })
    : undefined;
  const bytes = await templateBytes({ years: layoutYears(profile), profileId: profile.id, data, date: documentDate(data ?? {}, profile) });
  await writeFileAtomic(opts.output, bytes, opts.from ? [opts.from] : []);
  if (!opts.quiet) {
    const rel = relative(process.cwd(), opts.output) || opts.output;
    stdoutWrite(
      opts.lang === 'zh'
        ? `已生成 ${rel}${opts.from ? `（已填入 ${opts.from} 的数据）` : ''}。在浅黄色单元格中填写，然后运行 cluster validate ${rel}\n`
        : `wrote ${rel}${opts.from ? ` (filled from ${opts.from})` : ''}. Fill in the yellow cells, then run cluster validate ${rel}\n`,
    );
  }
  return 0;
}
