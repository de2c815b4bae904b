import { existsSync } from 'node:fs';
import { dirname, basename, join, relative, resolve } from 'node:path';
import type { CommonOptions } from '../cli.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { loadProfile } from '../profile.js';
import { readWorkbook } from '../xlsx/import.js';
import { rebaseEvidence } from './rebase-evidence.js';
import { emitFilingYaml } from '../yaml-emit.js';
import { materialize } from '../validate/index.js';
import { formatText } from '../format/text.js';
import { PLAIN } from '../format/types.js';
import { allMeta } from '../rules/registry.js';
import { resultOf } from '../validate/index.js';
import { schemaReference } from '../schema/travel.js';
import { VERSION } from '../version.js';
import { stdoutWrite } from '../stdout.js';

export interface ImportCliOptions extends CommonOptions {
  output?: string;
  force?: boolean;
}

export async function importCommand(file: string, opts: ImportCliOptions): Promise<number> {
  const out = opts.output ?? join(dirname(file), basename(file).replace(/\.xlsx$/i, '') + '.yaml');
  if (resolve(out) === resolve(file)) throw new CliError({ zh: '不能覆盖输入文件', en: 'refusing to overwrite the input' }, out);
  if (existsSync(out) && !opts.force) {
    throw new CliError({ zh: '输出文件已存在，不会覆盖（加 --force 覆盖）', en: 'the output file exists and will not be overwritten (use --force)' }, out);
  }
  const read = await readWorkbook(file);
  // The workbook says which round it was made for; --profile only matters when it names another.
  const profile = loadProfile(read.profileId && opts.profile === 'national-2024' ? read.profileId : opts.profile);
  const schemaPath = await schemaReference(dirname(resolve(out)));
  // Evidence paths in the workbook are relative to its folder; in the YAML, to the YAML's.
  const data = rebaseEvidence(read.data, dirname(resolve(file)), dirname(resolve(out)), read.years, {
    file,
    message: (shown) => {
      const there = relative(process.cwd(), join(dirname(resolve(file)), basename(out))) || basename(out);
      return {
        zh: `佐证材料（${shown.zh}）在输出文件 ${out} 所在的文件夹之外：申报文件中的佐证材料路径相对于它所在的文件夹，且不能用".."跳出。请把申报文件写到工作簿所在的文件夹或它的上级文件夹，例如 -o ${there}`,
        en: `evidence (${shown.en}) lies outside the folder of the output ${out}: evidence paths in a filing are relative to its folder and cannot leave it with "..". Write the filing into the workbook's folder or a folder above it, e.g. -o ${there}`,
      };
    },
  });
  const yaml = emitFilingYaml(data, { profile: { ...profile, dataYears: read.years.dataYears, targetYear: read.years.targetYear }, schemaPath });
  await writeFileAtomic(out, yaml, [file]);
  const problems = read.findings.filter((f) => f.ruleId !== 'input/cell-note' || !opts.quiet);
  if (problems.length && !opts.quiet) {
    const findings = problems.map((f) => materialize(f, opts.lang, read.sourceMap));
    process.stderr.write(formatText({ tool: { name: 'cluster', version: VERSION }, profile: profile.id, results: [resultOf(file, findings)] }, { lang: opts.lang, paint: PLAIN, rules: allMeta() }));
  }
  if (!opts.quiet) {
    stdoutWrite(opts.lang === 'zh' ? `已写入 ${out}\n` : `wrote ${out}\n`);
  }
  return read.findings.some((f) => f.ruleId === 'input/cell-value' || f.ruleId === 'input/merged-cells' || f.ruleId === 'input/missing-sheet') ? 1 : 0;
}
