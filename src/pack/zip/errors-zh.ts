/**
 * The zip reader's (and exceljs's) English error messages, said in Chinese: no English library
 * text inside a Chinese message. The entry name, when the message has one, is kept.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/not a regular file \(a folder\)/, '这是文件夹，不是 zip 文件'],
  [/not a regular file/, '不是普通文件（是管道或设备），不能作为 zip 读取'],
  [/exceeds declared size|zip bomb/i, '压缩数据比声明的大小更大（疑似压缩炸弹或文件已损坏）'],
  [/CRC-32 mismatch/i, '数据校验（CRC-32）不符：文件已损坏'],
  [/got \d+ bytes, declared/i, '解压后的大小与声明不符：文件已损坏'],
  [/truncated|unexpected end of file/i, 'zip 文件不完整（可能下载或复制时中断）'],
  [/not a zip file|end of central directory/i, '不是 zip 文件'],
  [/multi-disk/i, '不支持分卷 zip'],
  [/exceeds the limit/i, '条目数量或解压后的总大小超过上限，已拒绝读取'],
  [/duplicate entry name/i, 'zip 中有重名的文件（Windows 不区分大小写）'],
  [/unsafe entry name/i, 'zip 中有不安全的文件名（如 ../、绝对路径或反斜杠）'],
  [/overlaps/i, 'zip 条目相互重叠（文件损坏或被刻意构造）'],
  [/encrypt/i, '含有加密的条目'],
  [/is a directory/i, '这是 zip 中的文件夹，不是文件'],
  [/central directory|end record|ZIP64|extra field|entry counts/i, 'zip 目录结构损坏'],
];

export function zipErrorZh(message: string): string {
  const hit = PATTERNS.find(([re]) => re.test(message));
  const name = /"([^"]{1,200})"/.exec(message)?.[1];
  const text = hit ? hit[1] : 'zip 结构无法读取';
  return name ? `${text}（${name}）` : text;
}
