import { defineRule, type Out } from '../helpers.js';
import { values } from '../walk.js';

import type { Leaf } from '../../catalogue/index.js';

// Which leaves a pass reads: module constants, so the list is chosen once per process (walk.ts, #18).
const EVIDENCE_LEAVES = (l: Leaf): boolean => l.node.type === 'evidence';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"|?*\u0000-\u001f]/g;
/** Device names Windows reserves in every folder, with any extension (CON.pdf is CON). */
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\.[^.]*)*$/i;

/**
 * Whether any part could have a problem: a forbidden character anywhere, a dot or space before a
 * separator or at the end, a part starting like a device name. Most references have none, and
 * splitting each into parts was most of the rule's cost in batch validation (#18).
 */
const MAYBE_PROBLEM = /[<>:"|?*\u0000-\u001f]|[. ](?:[/\\]|$)|(?:^|[/\\])(?:con|prn|aux|nul|com|lpt)/i;

export type NameProblem = { messageId: 'chars'; part: string; chars: string } | { messageId: 'reserved' | 'trailing'; part: string };

function show(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : c;
}

/**
 * The first part of a relative evidence path (folders and file name, split at / or \) that Windows
 * cannot hold: characters it forbids, a reserved device name, a trailing dot or space. Absolute
 * paths and `..` are form/evidence-file's to report.
 */
export function windowsNameProblem(ref: string): NameProblem | undefined {
  if (!MAYBE_PROBLEM.test(ref)) return undefined;
  if (/^[a-zA-Z]:/.test(ref) || /^[/\\]/.test(ref)) return undefined;
  for (const part of ref.split(/[/\\]/)) {
    if (part === '' || part === '.' || part === '..') continue;
    const bad = part.match(FORBIDDEN);
    if (bad) return { messageId: 'chars', part, chars: [...new Set(bad)].map(show).join(' ') };
    if (RESERVED.test(part)) return { messageId: 'reserved', part };
    if (/[. ]$/.test(part)) return { messageId: 'trailing', part };
  }
  return undefined;
}

export default defineRule(
  {
    id: 'form/evidence-name',
    severity: 'warning',
    source: '—',
    description: {
      zh: '佐证材料的文件或文件夹名在 Windows 上无法使用：含 < > : " | ? * 或控制字符、是保留设备名（CON、NUL 等），或以点或空格结尾',
      en: 'an evidence file or folder name Windows cannot hold: it contains < > : " | ? * or control characters, is a reserved device name (CON, NUL…), or ends in a dot or space',
    },
    messages: {
      zh: {
        chars: '佐证材料名"{part}"含 Windows 不允许的字符「{chars}」：在 Windows 上无法复制或打开该文件（报送包中会替换为全角字符），建议重命名：{ref}',
        reserved: '佐证材料名"{part}"是 Windows 的保留设备名（CON、PRN、AUX、NUL、COM1—9、LPT1—9），在 Windows 上无法创建或打开，建议重命名：{ref}',
        trailing: '佐证材料名"{part}"以点或空格结尾，复制到 Windows 时会被去掉，此路径将找不到文件，建议重命名：{ref}',
      },
      en: {
        chars: 'evidence name "{part}" contains characters Windows forbids ({chars}): the file cannot be copied or opened on Windows (the package replaces them with full-width forms); rename it: {ref}',
        reserved: 'evidence name "{part}" is a device name Windows reserves (CON, PRN, AUX, NUL, COM1–9, LPT1–9): it cannot be created or opened on Windows; rename it: {ref}',
        trailing: 'evidence name "{part}" ends in a dot or space, which Windows drops when copying, so this path will not find the file there; rename it: {ref}',
      },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const v of values(ctx.view, EVIDENCE_LEAVES)) {
      if (!Array.isArray(v.value)) continue;
      v.value.forEach((ref, i) => {
        if (typeof ref !== 'string' || ref.trim() === '') return;
        const p = windowsNameProblem(ref);
        if (!p) return;
        const { messageId, ...data } = p;
        out.push({ messageId, path: `${v.pointer}/${i}`, data: { ...data, ref } });
      });
    }
    return out;
  },
);
