import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORM } from '../catalogue/index.js';
import type { Node } from '../catalogue/index.js';
import type { CommonOptions } from '../cli.js';
import { CliError } from '../errors.js';
import { ensureOutputDir, writeFileAtomic } from '../io.js';
import { schemaReference } from '../schema/travel.js';
import { profileFor } from '../project.js';
import { baseYear, isBuiltinProfile, loadProfile, type Profile } from '../profile.js';
import { filingKindOf } from '../catalogue/index.js';
import { loadFiling } from '../load/index.js';
import { seedReview } from '../review/seed.js';
import { emitFilingYaml } from '../yaml-emit.js';
import { stdoutWrite } from '../stdout.js';

function hasEvidence(nodes: readonly Node[]): boolean {
  return nodes.some((n) => (n.kind === 'field' ? n.type === 'evidence' : n.kind === 'group' ? hasEvidence(n.children) : hasEvidence(n.item.children)));
}

/** The evidence folders of a new filing: one per form section that asks for evidence. */
export function evidenceFolders(): string[] {
  return FORM.filter((s) => hasEvidence(s.children)).map((s) => s.section.title);
}

export function schemaFile(): string {
  return fileURLToPath(new URL('../../schemas/filing.schema.json', import.meta.url));
}

const EVIDENCE_README = `佐证材料文件夹

按申报表各部分存放佐证材料（PDF、图片、OFD、Word、Excel）。
在 cluster.yaml 中以相对路径引用，例如：

  evidence:
    - evidence/二、主导产业情况/产业链图谱.pdf

cluster validate 会检查每个勾选项是否附有佐证材料、文件是否存在；
cluster pack 会按表中条目编号整理并打包。
`;

/** The application profile the original was filed under, and the review profile of its batch. */
function reviewProfiles(p: Profile): { app: Profile | undefined; review: Profile } {
  if (p.kind === 'review') return { app: undefined, review: p };
  const id = `review-${baseYear(p) + 4}`;
  if (!isBuiltinProfile(id)) {
    throw new CliError({
      zh: `没有 ${p.id} 批次的内置复核配置（${id}）：请用 --profile 给出复核配置（review-2025、review-2026、review-2027 或 YAML 文件）`,
      en: `no built-in review profile for the ${p.id} batch (${id}): give one with --profile (review-2025, review-2026, review-2027 or a YAML file)`,
    });
  }
  return { app: p, review: loadProfile(id) };
}

export interface InitCliOptions extends CommonOptions {
  review?: string;
}

export async function initCommand(dir: string, opts: InitCliOptions): Promise<number> {
  let profile = profileFor(join(resolve(dir), 'cluster.yaml'), opts);
  let seeded: { data: Record<string, unknown>; carried: string[] } | undefined;
  if (opts.review) {
    const { review } = reviewProfiles(profile);
    const base = review.review!.planBaseYear;
    const original = await loadFiling(opts.review, { years: [base - 2, base - 1, base] });
    if (filingKindOf(original.data) === 'review') {
      throw new CliError({ zh: '--review 应给出认定时的申报文件，而这已是复核文件', en: '--review takes the application the cluster was certified on; this is already a review filing' }, opts.review);
    }
    seeded = seedReview(original.data, review);
    profile = review;
  } else if (profile.kind === 'review') {
    throw new CliError({
      zh: `复核文件应从认定时的申报文件生成：cluster init --review <申报文件> --profile ${profile.id}`,
      en: `a review filing starts from the application it was certified on: cluster init --review <application> --profile ${profile.id}`,
    });
  }
  const target = resolve(dir);
  const file = join(target, 'cluster.yaml');
  if (existsSync(file)) {
    throw new CliError(
      { zh: '已存在 cluster.yaml，不会覆盖：请换一个文件夹，或先移走现有文件', en: 'cluster.yaml already exists and will not be overwritten: choose another folder or move it first' },
      file,
    );
  }
  await ensureOutputDir(target, target);
  const schemaPath = await schemaReference(target);
  const yaml = emitFilingYaml(seeded?.data ?? {}, { profile, schemaPath });
  for (const name of evidenceFolders()) await ensureOutputDir(join(target, 'evidence', name), target);
  const readme = join(target, 'evidence', '说明.txt');
  if (!existsSync(readme)) await writeFile(readme, EVIDENCE_README);
  await writeFileAtomic(file, yaml);
  if (!opts.quiet && seeded) {
    const rel = relative(process.cwd(), file) || file;
    const zh = opts.lang === 'zh';
    stdoutWrite(
      (zh
        ? `已创建复核文件 ${rel}（配置 ${profile.id}；复核年度 ${profile.dataYears.join('、')}），从 ${opts.review} 带入：\n`
        : `created the review filing ${rel} (profile ${profile.id}; review years ${profile.dataYears.join(', ')}), carried over from ${opts.review}:\n`) +
        seeded.carried.map((c) => `  · ${c}\n`).join('') +
        (zh
          ? `待填写：复核年度各项数据、各指标各年实际值、阶段性目标数值（表八只给出了优质中小企业的年度目标）。\n下一步：填写后运行 cluster validate ${rel}\n`
          : `to fill in: the review years' data, each indicator's actual per year, the stage targets as figures (the plan gave yearly figures only for quality SMEs).\nnext: fill it in, then run cluster validate ${rel}\n`),
    );
  } else if (!opts.quiet) {
    const rel = relative(process.cwd(), file) || file;
    stdoutWrite(
      opts.lang === 'zh'
        ? `已创建 ${rel} 和 evidence/ 佐证材料文件夹（${evidenceFolders().length} 个分部）。\n下一步：填写后运行 cluster validate ${rel}\n`
        : `created ${rel} and the evidence/ folders (${evidenceFolders().length} sections).\nnext: fill it in, then run cluster validate ${rel}\n`,
    );
  }
  return 0;
}
