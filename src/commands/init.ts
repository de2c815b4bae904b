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
import { emitFilingYaml } from '../yaml-emit.js';

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

export async function initCommand(dir: string, opts: CommonOptions): Promise<number> {
  const profile = profileFor(join(resolve(dir), 'cluster.yaml'), opts);
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
  const yaml = emitFilingYaml({}, { profile, schemaPath });
  for (const name of evidenceFolders()) await ensureOutputDir(join(target, 'evidence', name), target);
  const readme = join(target, 'evidence', '说明.txt');
  if (!existsSync(readme)) await writeFile(readme, EVIDENCE_README);
  await writeFileAtomic(file, yaml);
  if (!opts.quiet) {
    const rel = relative(process.cwd(), file) || file;
    process.stdout.write(
      opts.lang === 'zh'
        ? `已创建 ${rel} 和 evidence/ 佐证材料文件夹（${evidenceFolders().length} 个分部）。\n下一步：填写后运行 cluster validate ${rel}\n`
        : `created ${rel} and the evidence/ folders (${evidenceFolders().length} sections).\nnext: fill it in, then run cluster validate ${rel}\n`,
    );
  }
  return 0;
}
