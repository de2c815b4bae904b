/**
 * The summary's header values: from a small YAML file (`--header`) and/or `--city` / `--contact`
 * (the options win). The YAML:
 *
 * ```yaml
 * city: 荆门市经济和信息化局          # or 市州经信部门:
 * contact: 王芳 13800000000          # or 联系人和手机:, or { name: 王芳, phone: "13800000000" }
 * ```
 */
import { readRegularFile } from '../read-file.js';
import jsyaml from 'js-yaml';
import { CliError } from '../errors.js';
import type { SummaryHeader } from './model.js';

const KEYS: Record<string, keyof SummaryHeader> = {
  city: 'city',
  市州经信部门: 'city',
  contact: 'contact',
  联系人和手机: 'contact',
};

function bad(file: string, zh: string, en: string): never {
  throw new CliError({ zh: `表头文件无效：${zh}`, en: `invalid header file: ${en}` }, file);
}

function text(v: unknown, key: string, file: string): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (key === 'contact' && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const name = o.name ?? o.联系人;
    const phone = o.phone ?? o.mobile ?? o.手机;
    const parts = [name, phone].filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => String(x).trim());
    return parts.filter(Boolean).join(' ') || undefined;
  }
  bad(file, `${key} 应为文字`, `${key} must be text`);
}

export function parseHeader(source: string, file: string): SummaryHeader {
  let raw: unknown;
  try {
    raw = jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA });
  } catch (e) {
    bad(file, `YAML 无法解析：${(e as Error).message.split('\n')[0]}`, `cannot parse YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) bad(file, '顶层应为映射（city、contact）', 'the top level must be a mapping (city, contact)');
  const out: SummaryHeader = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const key = KEYS[k];
    if (!key) bad(file, `未知的键 ${k}（可用：city 市州经信部门、contact 联系人和手机）`, `unknown key ${k} (known: city, contact)`);
    const t = text(v, key, file);
    if (t !== undefined) out[key] = t;
  }
  return out;
}

export async function resolveHeader(opts: { header?: string; city?: string; contact?: string }): Promise<SummaryHeader> {
  let h: SummaryHeader = {};
  if (opts.header) {
    let src: string;
    try {
      src = readRegularFile(opts.header, 1024 * 1024, { zh: '表头文件', en: 'header file' }).toString('utf8');
    } catch (e) {
      if (e instanceof CliError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(
        code === 'ENOENT' ? { zh: '表头文件不存在', en: 'no such header file' } : { zh: `无法读取表头文件（${code}）`, en: `cannot read the header file (${code})` },
        opts.header,
      );
    }
    h = parseHeader(src.replace(/^\uFEFF/, ''), opts.header);
  }
  if (opts.city !== undefined) h.city = opts.city;
  if (opts.contact !== undefined) h.contact = opts.contact;
  return h;
}
