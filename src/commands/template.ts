import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { getAt, parsePointer } from '../catalogue/index.js';
import type { CommonOptions } from '../cli.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { loadFiling } from '../load/index.js';
import { documentDate } from '../dates.js';
import { profileForFiling } from '../review/kind.js';
import { profileFor } from '../project.js';
import { layoutYears, workbookLayout, type LayoutYears } from '../xlsx/layout.js';
import { templateBytes } from '../xlsx/template.js';

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
  const data = loaded ? rebaseEvidence(loaded.data, loaded.dir, dirname(resolve(opts.output)), layoutYears(profile), opts.from!, opts.output) : undefined;
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

/**
 * Evidence paths are relative to the filing's folder; in the workbook they must be relative to the
 * workbook's. Rewrites each one for where the workbook is written, or refuses (writing nothing) when
 * one would have to leave that folder, which validate does not allow.
 */
function rebaseEvidence(data: Record<string, unknown>, fromDir: string, toDir: string, years: LayoutYears, filing: string, output: string): Record<string, unknown> {
  if (fromDir === toDir) return data;
  const out = structuredClone(data);
  const outside: string[] = [];
  for (const sheet of workbookLayout(years)) {
    for (const row of sheet.rows) {
      for (const c of row.cells) {
        if (c.leaf.node.type !== 'evidence') continue;
        const segs = parsePointer(c.pointer);
        const list = getAt(out, segs);
        if (!Array.isArray(list)) continue;
        const rebased = list.map((p) => {
          if (typeof p !== 'string' || p.trim() === '' || isAbsolute(p) || /^[a-zA-Z]:|^[\\/]/.test(p)) return p; // validate reports these as they are
          const rel = relative(toDir, resolve(fromDir, p));
          if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
            outside.push(p);
            return p;
          }
          return rel.split(sep).join('/');
        });
        let holder = out as Record<string, unknown>;
        for (const k of segs.slice(0, -1)) holder = holder[k] as Record<string, unknown>;
        holder[segs[segs.length - 1]!] = rebased;
      }
    }
  }
  if (outside.length) {
    const shown = outside.slice(0, 3).join('、') + (outside.length > 3 ? ` 等 ${outside.length} 个` : '');
    const shownEn = outside.slice(0, 3).join(', ') + (outside.length > 3 ? ` and ${outside.length - 3} more` : '');
    throw new CliError(
      {
        zh: `佐证材料（${shown}）在输出工作簿 ${output} 所在的文件夹之外：工作簿中的佐证材料路径相对于工作簿所在的文件夹，且不能用".."跳出。请把工作簿写到申报文件所在的文件夹或它的上级文件夹，例如 -o ${relative(process.cwd(), resolve(fromDir, 'cluster.xlsx')) || 'cluster.xlsx'}`,
        en: `evidence (${shownEn}) lies outside the folder of the output workbook ${output}: evidence paths in a workbook are relative to its folder and cannot leave it with "..". Write the workbook into the filing's folder or a folder above it, e.g. -o ${relative(process.cwd(), resolve(fromDir, 'cluster.xlsx')) || 'cluster.xlsx'}`,
      },
      filing,
    );
  }
  return out;
}
