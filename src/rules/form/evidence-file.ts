import { checkEvidence, type EvidenceProblem, type RealDirCache } from '../../evidence.js';
import { defineRule, type Out } from '../helpers.js';
import { values } from '../walk.js';

import type { Leaf } from '../../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const EVIDENCE_LEAVES = (l: Leaf): boolean => l.node.type === 'evidence';

export default defineRule(
  {
    id: 'form/evidence-file',
    severity: 'error',
    source: '—',
    description: {
      zh: '佐证材料路径指向不存在、为空或无法读取的文件，或位于申报文件所在文件夹之外',
      en: 'an evidence path names a missing, empty or unreadable file, or one outside the filing’s folder',
    },
    messages: {
      zh: {
        missing: '佐证材料不存在：{ref}',
        absolute: '佐证材料应使用相对于申报文件所在文件夹的路径，而不是绝对路径：{ref}',
        outside: '佐证材料位于申报文件所在文件夹之外（不允许 ..）：{ref}',
        linkOutside: '佐证材料是指向申报文件夹之外的符号链接：{ref}',
        notFile: '佐证材料路径指向的不是文件：{ref}',
        empty: '佐证材料是空文件（0 字节）：{ref}',
        unreadable: '佐证材料无法读取（权限不足）：{ref}',
      },
      en: {
        missing: 'evidence file not found: {ref}',
        absolute: 'evidence paths must be relative to the filing’s folder, not absolute: {ref}',
        outside: 'evidence lies outside the filing’s folder (no ..): {ref}',
        linkOutside: 'evidence is a symbolic link leading outside the filing’s folder: {ref}',
        notFile: 'evidence path is not a file: {ref}',
        empty: 'evidence file is empty (0 bytes): {ref}',
        unreadable: 'evidence file cannot be read (permission denied): {ref}',
      },
    },
  },
  (ctx) => {
    const out: Out = [];
    const cache: RealDirCache = new Map();
    // A file named twice in one filing (one document proving two items: ~1 reference in 10) is looked
    // at once: the second reference of the same text gets the first one's answer ('' = no problem), and
    // each reference still has its own finding (#18).
    const checked = new Map<string, EvidenceProblem | ''>();
    for (const v of values(ctx.view, EVIDENCE_LEAVES)) {
      const refs = v.value;
      if (!Array.isArray(refs)) continue;
      for (let i = 0; i < refs.length; i++) {
        const ref: unknown = refs[i];
        if (typeof ref !== 'string' || ref.trim() === '') continue;
        let problem = checked.get(ref);
        if (problem === undefined) checked.set(ref, (problem = checkEvidence(ctx.dir, ref, cache).problem ?? ''));
        if (problem) out.push({ messageId: problem, path: `${v.pointer}/${i}`, data: { ref } });
      }
    }
    return out;
  },
);
