/**
 * `cluster doctor`: is this installation able to do its job, and what applies here? Node, the
 * build, the bundled font, the editor schema reference of a filing, the profile in force and its
 * deadline. Exit 0 when nothing fails (warnings allowed), 1 otherwise.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommonOptions } from '../cli.js';
import { FORM } from '../catalogue/index.js';
import type { Node } from '../catalogue/index.js';
import { findConfig } from '../config/find.js';
import { paintFor } from '../paint.js';
import { settingsFor } from '../project.js';
import { SCHEMA_ID } from '../schema/generate.js';
import { beijingToday } from '../validate/index.js';
import { VERSION } from '../version.js';
import { stdoutWrite } from '../stdout.js';

type Level = 'ok' | 'warn' | 'fail';
interface Check {
  level: Level;
  name: { zh: string; en: string };
  text: { zh: string; en: string };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function nodeCheck(version = process.versions.node, range = '>=20.11'): Check {
  const [maj, min] = version.split('.').map(Number) as [number, number];
  const [rmaj, rmin] = (/(\d+)\.(\d+)/.exec(range) ?? ['', '20', '11']).slice(1).map(Number) as [number, number];
  const ok = maj > rmaj || (maj === rmaj && min >= rmin);
  return {
    level: ok ? 'ok' : 'fail',
    name: { zh: 'Node.js', en: 'Node.js' },
    text: ok ? { zh: `${version}（要求 ${range}）`, en: `${version} (needs ${range})` } : { zh: `${version} 过旧：需要 ${range}，请升级到维护中的 LTS 版本`, en: `${version} is too old: needs ${range}; upgrade to a maintained LTS` },
  };
}

async function buildCheck(): Promise<Check> {
  const name = { zh: '构建', en: 'build' };
  const cli = join(ROOT, 'dist/cli.js');
  if (!existsSync(join(ROOT, 'dist/schema/validator.cjs'))) {
    return { level: 'warn', name, text: { zh: '缺少预编译的校验器（dist/schema/validator.cjs），启动较慢：请运行 npm run build', en: 'the precompiled validator is missing (dist/schema/validator.cjs): run npm run build' } };
  }
  // The start-up bundle (scripts/build-bundle.mjs): bin/cluster.js skips a missing or stale one and
  // loads the modules of dist/ instead, correct but ~45 ms slower at every start.
  const bundle = join(ROOT, 'dist/cli.bundle.cjs');
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < statSync(cli).mtimeMs) {
    return { level: 'warn', name, text: { zh: '启动包（dist/cli.bundle.cjs）缺失或早于 dist/cli.js，启动较慢：请运行 npm run build', en: 'the start-up bundle (dist/cli.bundle.cjs) is missing or older than dist/cli.js (slower start-up): run npm run build' } };
  }
  for (const cache of ['dist/cli.bundle.cache', 'dist/cli.bundle.rules.cache']) {
    if (!existsSync(join(ROOT, cache))) {
      return { level: 'warn', name, text: { zh: `缺少启动代码缓存（${cache}），启动较慢：请运行 npm run build`, en: `the start-up code cache (${cache}) is missing: run npm run build` } };
    }
  }
  // The PDF stack's bundle (summary, compare, render): skipped when missing or built from other
  // versions of pdfkit/fontkit & co. than node_modules holds (~130 ms slower to the first page).
  const { readPdfBundle, pdfBundleFile } = await import('../host-node.js');
  const pdf = readPdfBundle(pdfBundleFile());
  if (pdf.source === undefined) {
    const why = pdf.stale ? { zh: `构建后依赖有变（${pdf.stale}）`, en: `built from other dependencies (${pdf.stale})` } : { zh: '缺失', en: 'missing' };
    return { level: 'warn', name, text: { zh: `PDF 组件包（dist/pdf.bundle.cjs）${why.zh}，生成 PDF 较慢：请运行 npm run build`, en: `the PDF bundle (dist/pdf.bundle.cjs) is ${why.en}: PDFs start slower; run npm run build` } };
  }
  if (!existsSync(join(ROOT, 'dist/pdf.bundle.cache'))) {
    return { level: 'warn', name, text: { zh: '缺少 PDF 组件包的代码缓存（dist/pdf.bundle.cache）：请运行 npm run build', en: 'the PDF bundle\'s code cache (dist/pdf.bundle.cache) is missing: run npm run build' } };
  }
  if (existsSync(join(ROOT, 'src'))) {
    const stale = newestMtime(join(ROOT, 'src')) > statSync(cli).mtimeMs;
    if (stale) return { level: 'warn', name, text: { zh: 'src/ 比 dist/ 新：构建已过期，请运行 npm run build', en: 'src/ is newer than dist/: the build is stale; run npm run build' } };
    return { level: 'ok', name, text: { zh: `dist/ 与 src/ 一致（${VERSION}）`, en: `dist/ is current with src/ (${VERSION})` } };
  }
  return { level: 'ok', name, text: { zh: `已安装的包 ${VERSION}`, en: `installed package ${VERSION}` } };
}

function labels(nodes: readonly Node[], out: string[]): void {
  for (const n of nodes) {
    if (n.label) out.push(n.label);
    if (n.kind === 'group') labels(n.children, out);
    else if (n.kind === 'array') labels(n.item.children, out);
  }
}

async function fontCheck(): Promise<Check> {
  const name = { zh: '字体', en: 'font' };
  try {
    const { defaultFontPaths } = await import('../render/layout/fonts.js');
    const paths = defaultFontPaths();
    const specifier: string = 'fontkit';
    const fontkit = (await import(specifier)) as { openSync(p: string): { hasGlyphForCodePoint(cp: number): boolean; familyName: string } };
    const text: string[] = [];
    for (const s of FORM) {
      text.push(s.section.title);
      labels(s.children, text);
    }
    const chars = [...new Set([...text.join('')])].filter((c) => c.trim() && !'☐☑'.includes(c));
    for (const [face, p] of Object.entries(paths)) {
      const size = statSync(p).size;
      const font = fontkit.openSync(p);
      const missing = chars.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
      if (missing.length) {
        return { level: 'fail', name, text: { zh: `${face} 缺少申报表用到的字符：${missing.slice(0, 10).join('')}`, en: `${face} lacks characters the form uses: ${missing.slice(0, 10).join('')}` } };
      }
      if (size < 1_000_000) return { level: 'fail', name, text: { zh: `${p} 不完整（${size} 字节）：请重新运行 npm ci`, en: `${p} is incomplete (${size} bytes): run npm ci again` } };
    }
    return {
      level: 'ok',
      name,
      text: { zh: `Noto Serif SC 常规体和粗体齐全，覆盖申报表的全部 ${chars.length} 个字符`, en: `Noto Serif SC regular and bold present, covering all ${chars.length} characters of the form` },
    };
  } catch (e) {
    return { level: 'fail', name, text: { zh: `找不到内置字体（${(e as NodeJS.ErrnoException).code ?? '未知错误'}）：请运行 npm ci`, en: `the bundled font is missing (${(e as Error).message}): run npm ci` } };
  }
}

/** The `# yaml-language-server: $schema=` reference of a filing, and whether it resolves to the current schema. */
export function schemaCheck(file: string | undefined): Check {
  const name = { zh: '编辑器 schema 引用', en: 'editor schema reference' };
  if (!file) {
    return { level: 'ok', name, text: { zh: '未指定申报文件（cluster doctor <文件> 检查其 schema 引用）', en: 'no filing given (cluster doctor <file> checks its reference)' } };
  }
  if (!existsSync(file)) return { level: 'fail', name, text: { zh: `文件不存在：${file}`, en: `no such file: ${file}` } };
  if (!/\.ya?ml$/i.test(file)) return { level: 'ok', name, text: { zh: '不是 YAML 文件，无需引用', en: 'not a YAML file: no reference needed' } };
  const head = readFileSync(file, 'utf8').slice(0, 4096);
  const m = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m.exec(head);
  if (!m) return { level: 'warn', name, text: { zh: '文件开头没有 # yaml-language-server: $schema=… 行：编辑器不会补全和提示', en: 'no # yaml-language-server: $schema=… line: editors will not complete or check' } };
  const ref = m[1]!;
  if (/^https?:\/\//.test(ref)) {
    return ref === SCHEMA_ID
      ? { level: 'ok', name, text: { zh: `${ref}（当前版本；离线时编辑器无法获取，可运行 cluster schema --write 使用本地副本）`, en: `${ref} (current; offline editors cannot fetch it: cluster schema --write makes a local copy)` } }
      : { level: 'warn', name, text: { zh: `${ref} 不是当前版本的 schema（${SCHEMA_ID}）`, en: `${ref} is not the current schema (${SCHEMA_ID})` } };
  }
  const target = resolve(dirname(file), ref);
  if (!existsSync(target)) {
    return { level: 'fail', name, text: { zh: `${ref} 不存在（相对于 ${file}）：请运行 cluster schema --write`, en: `${ref} does not exist (relative to ${file}): run cluster schema --write` } };
  }
  if (relative(ROOT, target).split(/[\\/]/)[0] !== '..' || /node_modules/.test(target)) {
    return { level: 'warn', name, text: { zh: `${ref} 指向工具的安装目录：同事的克隆中不存在，请运行 cluster schema --write 并提交副本`, en: `${ref} points into the tool's installation, absent in a colleague's clone: run cluster schema --write and commit the copy` } };
  }
  let id: unknown;
  try {
    id = (JSON.parse(readFileSync(target, 'utf8')) as { $id?: unknown }).$id;
  } catch {
    return { level: 'fail', name, text: { zh: `${ref} 不是有效的 JSON`, en: `${ref} is not valid JSON` } };
  }
  return id === SCHEMA_ID
    ? { level: 'ok', name, text: { zh: `${ref}（当前版本）`, en: `${ref} (current)` } }
    : { level: 'warn', name, text: { zh: `${ref} 已过期（${String(id)}）：请运行 cluster schema --write`, en: `${ref} is outdated (${String(id)}): run cluster schema --write` } };
}

function profileCheck(file: string | undefined, opts: CommonOptions, today: string): Check {
  const name = { zh: '认定标准配置', en: 'profile' };
  const s = settingsFor(file, opts);
  const from = opts.explicit?.includes('profile')
    ? { zh: '命令行 --profile', en: 'the command line' }
    : s.config?.profile
      ? { zh: relative(process.cwd(), s.config.file) || s.config.file, en: relative(process.cwd(), s.config.file) || s.config.file }
      : { zh: '默认', en: 'the default' };
  const p = s.profile;
  const base = { zh: `${p.id}（${p.name}；来自${from.zh}）`, en: `${p.id} (${p.name}; from ${from.en})` };
  if (!p.deadline) return { level: 'warn', name, text: { zh: `${base.zh}；截止日期未知，请以当年通知为准`, en: `${base.en}; deadline unknown: see the year's notice` } };
  if (p.deadline < today) {
    return { level: 'warn', name, text: { zh: `${base.zh}；截止日期 ${p.deadline} 已过（今天 ${today}）：是否应换用下一轮的配置？`, en: `${base.en}; deadline ${p.deadline} has passed (today ${today}): should the next round's profile apply?` } };
  }
  return { level: 'ok', name, text: { zh: `${base.zh}；截止日期 ${p.deadline}`, en: `${base.en}; deadline ${p.deadline}` } };
}

export interface DoctorCliOptions extends CommonOptions {
  today?: string;
}

export async function doctorCommand(file: string | undefined, opts: DoctorCliOptions): Promise<number> {
  const lang = opts.lang;
  const filing = file ?? (existsSync('cluster.yaml') ? 'cluster.yaml' : undefined);
  const checks: Check[] = [nodeCheck(), await buildCheck(), await fontCheck(), schemaCheck(filing)];
  try {
    checks.push(profileCheck(filing, opts, opts.today ?? beijingToday()));
  } catch (e) {
    const msg = (e as { msg?: { zh: string; en: string } }).msg ?? { zh: String(e), en: String(e) };
    checks.push({ level: 'fail', name: { zh: '认定标准配置', en: 'profile' }, text: msg });
  }
  const cfg = findConfig(filing ? dirname(resolve(filing)) : process.cwd());
  checks.push({
    level: 'ok',
    name: { zh: '项目配置', en: 'project configuration' },
    text: cfg ? { zh: relative(process.cwd(), cfg.file) || cfg.file, en: relative(process.cwd(), cfg.file) || cfg.file } : { zh: '无 cluster.config.yaml（使用默认设置）', en: 'no cluster.config.yaml (defaults apply)' },
  });
  const p = await paintFor('stdout');
  const mark: Record<Level, string> = { ok: p.green('✔'), warn: p.yellow('⚠'), fail: p.red('✖') };
  const lines = checks.map((c) => `${mark[c.level]} ${p.bold(c.name[lang])}：${c.text[lang]}`.replace('：', lang === 'zh' ? '：' : ': '));
  stdoutWrite(lines.join('\n') + '\n');
  return checks.some((c) => c.level === 'fail') ? 1 : 0;
}
