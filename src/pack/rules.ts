/**
 * Findings `cluster pack` adds to those of `validate`. Same shape as the rule registry's metas
 * (id, severity, messages in zh and en) so they can be listed by `cluster rules`; they are not
 * registry rules because they need the file contents or the finished package.
 */
import { labelFor, sectionOf, type Lang } from '../catalogue/index.js';
import type { Finding } from '../findings.js';
import { fill } from '../i18n.js';
import type { SourceMap } from '../load/source-map.js';
import type { RuleMeta } from '../rules/types.js';

export const PACK_RULES = [
  {
    id: 'pack/evidence-type',
    severity: 'warning',
    source: '通知 四（电子版）',
    description: {
      zh: '佐证材料的文件类型不在常用格式之列（pdf、jpg、png、ofd、doc/docx、xls/xlsx），或内容与扩展名不符',
      en: 'an evidence file is not of a common type (pdf, jpg, png, ofd, doc/docx, xls/xlsx), or its content does not match its extension',
    },
    messages: {
      zh: {
        type: '佐证材料 {ref} 的类型 .{ext} 不在常用格式之列（pdf、jpg、png、ofd、doc/docx、xls/xlsx），受理单位可能无法打开：建议转换为 PDF',
        noExt: '佐证材料 {ref} 没有扩展名，受理单位可能无法打开：请使用 pdf、jpg、png、ofd、doc/docx、xls/xlsx 文件',
        content: '佐证材料 {ref} 的扩展名为 .{ext}，但内容是 {found}：文件可能已损坏或扩展名有误',
      },
      en: {
        type: 'evidence {ref} is a .{ext} file, not one of the common types (pdf, jpg, png, ofd, doc/docx, xls/xlsx) the office can open: convert it to PDF',
        noExt: 'evidence {ref} has no extension; the office may not be able to open it: use pdf, jpg, png, ofd, doc/docx or xls/xlsx',
        content: 'evidence {ref} is named .{ext} but its content is {foundEn}: the file may be damaged or misnamed',
      },
    },
  },
  {
    id: 'pack/evidence-outside',
    severity: 'error',
    source: '—',
    description: {
      zh: '佐证材料位于申报文件所在文件夹之外：即使使用 --force 也不会打包',
      en: 'evidence outside the filing’s folder is never packed, not even with --force',
    },
    messages: {
      zh: { refused: '佐证材料 {ref} 位于申报文件所在文件夹之外（{why}），即使使用 --force 也不会打包：请把文件复制到申报文件夹中并改用相对路径' },
      en: { refused: 'evidence {ref} lies outside the filing’s folder ({why}) and is never packed, not even with --force: copy it into the folder and use a relative path' },
    },
  },
  {
    id: 'pack/email-size',
    severity: 'warning',
    source: '通知 四（电子邮件报送）',
    description: { zh: '报送包超过邮件附件大小上限', en: 'the package exceeds the email attachment limit' },
    messages: {
      zh: {
        over: '报送包 {size} 超过邮件附件上限 {limit}（--email-limit）。最大的佐证材料：{largest}。可用 --split-size {suggest} 分成几个各自完整、可单独打开的 zip 分别发送；或压缩扫描件（如 150 dpi、灰度）后重新打包；光盘不受此限制',
        part: '第 {part} 部分 {size} 超过 {limit}：其中的 {file}（{fileSize}）本身就超过上限，无法再拆分：请压缩该文件，或通过光盘报送',
      },
      en: {
        over: 'the package ({size}) exceeds the email attachment limit of {limit} (--email-limit). Largest evidence: {largest}. Use --split-size {suggest} to make several self-contained zips that each open on their own, or compress scans (e.g. 150 dpi greyscale) and pack again; the CD has no such limit',
        part: 'part {part} ({size}) exceeds {limit}: {file} ({fileSize}) alone is over the limit and cannot be split: compress it, or submit it on the CD',
      },
    },
  },
  {
    id: 'pack/filename-encoding',
    severity: 'info',
    source: '—',
    description: {
      zh: '使用 --filename-encoding gbk 时，GBK 无法表示的文件名改用 UTF-8 编码',
      en: 'with --filename-encoding gbk, names GBK cannot hold are written in UTF-8',
    },
    messages: {
      zh: { fallback: '{count} 个文件名无法用 GBK 编码（含 GBK 之外的字符，或会被旧工具误认为路径分隔符的字），已改用 UTF-8：{names}。Windows 8 及以上的资源管理器可正常显示，更老的解压工具可能显示乱码' },
      en: { fallback: '{count} file names cannot be written in GBK (characters outside GBK, or ones old tools mistake for a folder separator) and were written in UTF-8: {names}. Explorer on Windows 8 and later shows them; older extractors may garble them' },
    },
  },
] as const satisfies readonly RuleMeta[];

export type PackRuleId = (typeof PACK_RULES)[number]['id'];

export function packFinding(
  ruleId: PackRuleId,
  messageId: string,
  data: Record<string, string | number>,
  path: string,
  lang: Lang,
  sourceMap?: SourceMap,
): Finding {
  const meta = PACK_RULES.find((r) => r.id === ruleId)! as RuleMeta;
  const template = meta.messages[lang][messageId];
  if (template === undefined) throw new Error(`${ruleId} has no ${lang} message ${messageId}`);
  const f: Finding = { ruleId, severity: meta.severity, message: fill(template, data), path };
  if (path) {
    f.label = labelFor(path, lang);
    const s = sectionOf(path);
    if (s) f.section = s.id;
    const loc = sourceMap?.locate(path);
    if (loc?.line) {
      f.line = loc.line;
      if (loc.column) f.column = loc.column;
    } else if (loc?.sheet) {
      f.sheet = loc.sheet;
      if (loc.cell) f.cell = loc.cell;
    }
  }
  return f;
}

/** Sizes as people read them: 1.2 MB, 830 KB (decimal units, as mail services state limits). */
export function fmtSize(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} KB`;
  return `${bytes} B`;
}
