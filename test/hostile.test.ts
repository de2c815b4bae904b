/**
 * Hostile-input corpus: one table of inputs a user (or an attacker) can hand the tool, each made at
 * test time in a temporary folder and run through the BUILT CLI with a 256 MB heap, as
 * `validate`, and as `render`, `import`, `template --from` and `pack` where they read it.
 *
 * Every run must end within TIME_LIMIT_MS with the expected exit code (2: the input cannot be read;
 * 1: a finding, such as an evidence path leaving the folder; 0: accepted), say why in Chinese naming
 * the file (and line:column or the sheet where known), print no stack trace, and leave no output
 * file — not the target, not a `*.tmp` beside it. A heap blow-up (the 1,000,000-row workbook, the
 * 200 MB YAML) kills node and fails the exit-code check.
 *
 * Single refusals are unit-tested in loader.test.ts and xlsx.test.ts; this is the end-to-end sweep.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../src/profile.js';
import { readZip, openEntryStream, writeZipAtomic, type ZipEntryInfo, type ZipEntryInput } from '../src/pack/zip/index.js';
import { templateBytes } from '../src/xlsx/node.js';
import { layoutYears } from '../src/xlsx/layout.js';
import { BIN, ROOT } from './helpers/cli.js';

const HEAP_MB = 256;
/**
 * A hang bound, not a speed assertion (speed is measured by `npm run bench`): pack of the example takes
 * 2.5 s of CPU but 7–16 s of wall time on 2 busy cores, so 10 s flaked under load.
 */
const TIME_LIMIT_MS = 30_000;
const TODAY = '2024-06-01';

type Cmd = 'validate' | 'render' | 'import' | 'template' | 'pack';

interface Run {
  code: number;
  out: string;
  ms: number;
}

/** The built CLI in a 256 MB heap: a blow-up kills node (exit code ≠ the expected one). */
function run(args: string[]): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined as unknown as string, CLUSTER_LANG: undefined as unknown as string },
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, ms: Math.round(performance.now() - t) };
}

/** Commands still stubbed by a colleague ("尚未实现") are skipped, not failed. */
const PENDING: Record<Cmd, boolean> = Object.fromEntries(
  (['validate', 'render', 'import', 'template', 'pack'] as const).map((c) => {
    const args = c === 'template' ? ['template', '--from', 'nope.yaml', '-o', join(tmpdir(), 'cluster-probe-nope.xlsx')] : [c, 'nope.yaml'];
    return [c, /尚未实现|not implemented yet/.test(run(args).out)];
  }),
) as Record<Cmd, boolean>;

// ── building blocks ──────────────────────────────────────────────────────────────────────────

const tmp = mkdtempSync(join(tmpdir(), 'cluster-hostile-'));
const EXAMPLE_DIR = join(ROOT, 'examples/jingmen-battery');
const EX = readFileSync(join(EXAMPLE_DIR, 'cluster.yaml'), 'utf8');
const EX_LINES = EX.split('\n');
/** A folder holding a copy of the example's evidence: filings written here pass as they are. */
const FILING_DIR = join(tmp, 'filing');
const QM = '        - evidence/二、主导产业情况/质量管理模式推广活动通知.pdf';
const QM_LINE = EX_LINES.indexOf(QM) + 1;
const A_PDF = join(EXAMPLE_DIR, 'evidence/二、主导产业情况/质量管理模式推广活动通知.pdf');
const profile = loadProfile('national-2024');

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

function write(name: string, content: string | Uint8Array, dir = tmp): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The example with the first evidence list of 表二 质量品牌 replaced by `refs`. */
function withEvidence(name: string, refs: string[]): string {
  return write(name, EX.replace(QM, refs.map((r) => `        - ${JSON.stringify(r)}`).join('\n')), FILING_DIR);
}

/** Deterministic bytes (a linear congruential generator), NUL included. */
function junk(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

async function entryBytes(e: ZipEntryInfo): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

let templatePath = '';
async function blankTemplate(): Promise<string> {
  if (!templatePath) templatePath = write('template.xlsx', await templateBytes({ years: layoutYears(profile), profileId: profile.id, date: new Date(0) }));
  return templatePath;
}

/** The sheet name of a worksheet part, read from the template's workbook.xml and its relationships. */
async function sheetNameOf(part: string): Promise<string> {
  const entries = await readZip(await blankTemplate());
  const rels = (await entryBytes(entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels')!)).toString();
  const wb = (await entryBytes(entries.find((e) => e.name === 'xl/workbook.xml')!)).toString();
  const id = new RegExp(`Id="([^"]+)"[^>]*Target="/?(?:xl/)?${part.replace(/^xl\//, '')}"|Target="/?(?:xl/)?${part.replace(/^xl\//, '')}"[^>]*Id="([^"]+)"`).exec(rels);
  const rid = id?.[1] ?? id?.[2];
  return new RegExp(`<sheet [^>]*name="([^"]+)"[^>]*r:id="${rid}"`).exec(wb)![1]!;
}

const SHEET = 'xl/worksheets/sheet5.xml';

/** A named pipe with no writer, or '' where mkfifo is not available. */
const FIFO = ((p: string) => (process.platform !== 'win32' && spawnSync('mkfifo', [p]).status === 0 && existsSync(p) ? p : ''))(join(tmp, 'pipe.yaml'));

/**
 * The blank template with `part` replaced: its content up to `</sheetData>` (or `</sst>`), then
 * `extra` streamed (never held in memory), then the rest. Deflated, so the file stays small.
 */
async function templateWith(name: string, part: string, closing: string, extra: () => AsyncIterable<Buffer>): Promise<string> {
  const entries = await readZip(await blankTemplate());
  const inputs: ZipEntryInput[] = [];
  for (const e of entries) {
    const data = await entryBytes(e);
    if (e.name !== part) {
      inputs.push({ name: e.name, data, method: 'deflate' });
      continue;
    }
    const xml = data.toString('utf8');
    const cut = xml.indexOf(closing);
    inputs.push({
      name: e.name,
      method: 'deflate',
      stream: async function* () {
        yield Buffer.from(xml.slice(0, cut));
        yield* extra();
        yield Buffer.from(xml.slice(cut));
      },
    });
  }
  const p = join(tmp, name);
  await writeZipAtomic(p, inputs, { date: new Date(0), fsync: false });
  return p;
}

/** `n` rows below the template's, each with `cells` cells (or empty `<row/>`s), in 10,000-row chunks. */
function rows(n: number, cells: number): () => AsyncIterable<Buffer> {
  return async function* () {
    let chunk: string[] = [];
    for (let r = 1000; r < 1000 + n; r++) {
      let row = `<row r="${r}">`;
      for (let c = 0; c < cells; c++) row += `<c r="${String.fromCharCode(66 + c)}${r}" t="inlineStr"><is><t>x</t></is></c>`;
      chunk.push(cells === 0 ? `<row r="${r}"/>` : row + '</row>');
      if (chunk.length === 10_000) {
        yield Buffer.from(chunk.join(''));
        chunk = [];
      }
    }
    if (chunk.length) yield Buffer.from(chunk.join(''));
  };
}

/** Rewrites the declared uncompressed size of `part` (local header and central directory): a lying zip bomb. */
function lieAboutSize(file: string, part: string, size: number): void {
  const b = readFileSync(file);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = b.readUInt32LE(eocd + 16);
  for (let i = 0; i < b.readUInt16LE(eocd + 10); i++) {
    const nameLen = b.readUInt16LE(p + 28);
    const name = b.subarray(p + 46, p + 46 + nameLen).toString();
    if (name === part) {
      b.writeUInt32LE(size, p + 24);
      b.writeUInt32LE(size, b.readUInt32LE(p + 42) + 22);
    }
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  writeFileSync(file, b);
}

/** A file of `mb` MiB of YAML lines, streamed to disk (never in memory). */
async function bigYaml(name: string, mb: number): Promise<string> {
  const p = join(tmp, name);
  const ws = createWriteStream(p);
  const line = 'key: "a line of text that repeats until the file is big, 一行又一行"\n';
  const block = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(line))).slice(0, 1024 * 1024));
  for (let i = 0; i < mb; i++) if (!ws.write(block)) await once(ws, 'drain');
  ws.end();
  await once(ws, 'close');
  return p;
}

// ── the table ────────────────────────────────────────────────────────────────────────────────

interface Expect {
  code: number;
  /** What the message must say (zh). */
  says: RegExp;
  /** Where it points: "line:col" or a sheet name, as printed. */
  at?: string;
  /** validate only: the result is one input/unreadable finding (false: the command itself refuses, as for a folder). */
  result?: false;
  /** More checks of a written output. */
  check?: (target: string) => void | Promise<void>;
  /** More checks of what the command printed. */
  inspect?: (out: string) => void;
}

/** Entry names of a zip. */
async function zipNames(file: string): Promise<string[]> {
  return (await readZip(file)).map((e) => e.name);
}

interface Case {
  name: string;
  /** Makes the input; returns its path. */
  make: () => string | Promise<string>;
  /** Commands to run, each with its expectation (validate's default: input/unreadable when code 2). */
  runs: Partial<Record<Cmd, Expect>>;
  /** Delete the input after its runs (big files). */
  big?: boolean;
  /** Skip (with the reason) when the platform cannot make the input. */
  skip?: string | false;
}

/** The same refusal from every command that reads the input. */
const all = (cmds: Cmd[], e: Expect): Partial<Record<Cmd, Expect>> => Object.fromEntries(cmds.map((c) => [c, e]));
const READS_FILING: Cmd[] = ['validate', 'render', 'template', 'pack'];
const READS_XLSX: Cmd[] = ['validate', 'import'];
const UNREADABLE = 'input/unreadable';
const PACK_REFUSED = /校验发现错误，未生成报送包/;

// Billion laughs: 9 levels of 9 references each (10^9 "lol" if expanded).
const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]`))
  .join('\n');

const CASES: Case[] = [
  // ── text that is not a filing ──
  { name: 'empty .yaml', make: () => write('empty.yaml', ''), runs: all(READS_FILING, { code: 2, says: /文件为空/ }) },
  { name: 'empty .json', make: () => write('empty.json', ''), runs: all(['validate'], { code: 2, says: /文件为空/ }) },
  { name: 'only comments and blank lines', make: () => write('comments.yaml', '# 申报数据\n\n   \n# 待填写\n'), runs: all(['validate'], { code: 2, says: /没有数据（空文档）/ }) },
  { name: 'whitespace and line breaks only (CRLF)', make: () => write('blank.yaml', '\r\n  \r\n\t\r\n'), runs: all(['validate'], { code: 2, says: /YAML 语法错误|没有数据/ }) },
  {
    name: 'truncated YAML, cut mid-line inside a quoted value',
    make: () => write('trunc-quote.yaml', EX.slice(0, EX.indexOf('phone: "13872905316"') + 'phone: "1387'.length)),
    runs: all(['validate', 'render'], { code: 2, says: /YAML 语法错误（第 \d+ 行第 \d+ 列）：引号没有闭合/, at: `${lineOf(EX, 'phone: "13872905316"')}:${EX_LINES[lineOf(EX, 'phone: "13872905316"') - 1]!.indexOf('"1387') + '"1387'.length + 1}` }), // the end of the text
  },
  {
    name: 'truncated YAML, cut inside a multi-byte character',
    make: () => {
      const bytes = Buffer.from(EX);
      const at = bytes.indexOf(Buffer.from('湖北省荆门市掇刀区新能源动力电池产业集群')) + 4; // 湖 (3 bytes) and 1 byte of 北
      return write('trunc-char.yaml', bytes.subarray(0, at));
    },
    runs: all(['validate', 'template'], { code: 2, says: /文件末尾不完整.*被截断/, at: `${lineOf(EX, 'clusterName: 湖北省')}:17` }),
  },
  {
    name: 'truncated YAML, cut mid-line at a plain value: what is left is a (very) incomplete filing',
    make: () => write('trunc-plain.yaml', EX.slice(0, EX.indexOf('  area: 18.6') + '  area: 1'.length)),
    runs: { validate: { code: 1, says: /缺少必填项「二、主导产业情况」/ } },
  },
  {
    name: 'binary junk (random bytes with NUL)',
    make: () => write('junk.yaml', junk(4096)),
    runs: all(READS_FILING, { code: 2, says: /不是文本文件：第 \d+ 行第 \d+ 列含 NUL 字节/ }),
  },
  {
    name: 'a NUL byte inside a value',
    make: () => write('nul.yaml', 'cover:\n  clusterName: ab\u0000c\n'),
    runs: all(['validate', 'pack'], { code: 2, says: /含 NUL 字节/, at: '2:18' }),
  },
  {
    name: 'invalid UTF-8 (a stray 0xFF byte)',
    make: () => write('ff.yaml', Buffer.concat([Buffer.from('cover:\n  clusterName: '), Buffer.from([0xff]), Buffer.from('x\n')])),
    runs: all(['validate'], { code: 2, says: /不是 UTF-8 编码/, at: '2:16' }),
  },
  {
    name: 'GBK-encoded YAML',
    make: () => write('gbk.yaml', iconv.encode('cover:\n  clusterName: 湖北省荆门市掇刀区新能源动力电池产业集群\n', 'gbk')),
    runs: all(['validate', 'render'], { code: 2, says: /不是 UTF-8 编码.*GBK.*另存为 UTF-8/, at: '2:16' }),
  },
  {
    name: 'a 200 MB YAML (refused by size before it is read)',
    make: () => bigYaml('big.yaml', 200),
    big: true,
    runs: all(READS_FILING, { code: 2, says: /文件过大（200\.0 MB，上限 8 MB）/ }),
  },
  {
    name: 'YAML alias bomb (billion laughs)',
    make: () => write('bomb.yaml', aliasBomb + '\n'),
    runs: all(READS_FILING, { code: 2, says: /不支持 YAML 别名（\*a）/, at: '2:8' }),
  },
  { name: 'self-referential alias', make: () => write('self.yaml', 'a: &x\n  b: *x\n'), runs: all(['validate'], { code: 2, says: /不支持 YAML 别名（\*x）/, at: '2:6' }) },
  {
    name: '10,000-deep nesting of [',
    make: () => write('deep-seq.yaml', 'cover: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'),
    runs: all(['validate', 'render'], { code: 2, says: /嵌套层级过深：超过 64 层/ }),
  },
  { name: '10,000 unclosed [', make: () => write('open-seq.yaml', '['.repeat(10_000)), runs: all(['validate'], { code: 2, says: /嵌套层级过深/ }) },
  {
    name: '2,000-deep block mappings',
    make: () => write('deep-map.yaml', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n'),
    runs: all(['validate'], { code: 2, says: /嵌套层级过深/ }),
  },
  {
    name: '60,000 keys (too many items for a filing, refused while parsing)',
    make: () => write('many-keys.yaml', Array.from({ length: 60_000 }, (_, i) => `k${i}: 1`).join('\n') + '\n'),
    runs: all(['validate', 'pack'], { code: 2, says: /数据项过多.*超过 100000 项/ }),
  },
  {
    name: 'a 1,000,000-item flow list on one line',
    make: () => write('flow.yaml', 'cover: [' + '1,'.repeat(1_000_000) + '1]\n'),
    runs: all(['validate'], { code: 2, says: /数据项过多/ }),
  },
  {
    name: '20,000 unknown keys (each a finding, still quick)',
    make: () => write('unknown-keys.yaml', EX.replace('cover:\n', 'cover:\n' + Array.from({ length: 20_000 }, (_, i) => `  clusterNam${i}: 1\n`).join(''))),
    runs: { validate: { code: 1, says: /未知字段 clusterNam19999/ } },
  },
  {
    name: 'terminal escape sequences and NUL in an evidence path (shown as \\u001b, never sent to the terminal)',
    make: () => withEvidence('ev-escape.yaml', ['evidence/\u001b[2J\u001b[31mred\u0000.pdf']),
    runs: {
      validate: {
        code: 1,
        says: /佐证材料不存在：evidence\/\\u001b\[2J\\u001b\[31mred\\u0000\.pdf/,
        at: `${QM_LINE}:11`,
        inspect: (out) => expect(out).not.toMatch(/[\u0000\u001b]/),
      },
      pack: { code: 1, says: PACK_REFUSED, inspect: (out) => expect(out).not.toMatch(/[\u0000\u001b]/) },
    },
  },
  { name: 'duplicate keys', make: () => write('dup.yaml', 'cover:\n  clusterName: a\n  clusterName: b\n'), runs: all(['validate'], { code: 2, says: /重复的键/, at: '3:3' }) },
  { name: 'a custom tag (!!js/function)', make: () => write('tag.yaml', 'cover: !!js/function "function(){}"\n'), runs: all(['validate'], { code: 2, says: /自定义 YAML 标签/ }) },
  { name: 'several YAML documents', make: () => write('docs.yaml', 'cover: {}\n---\ncover: {}\n'), runs: all(['validate'], { code: 2, says: /只能包含一份申报数据/ }) },
  {
    name: 'a UTF-8 BOM (accepted)',
    make: () => write('bom.yaml', '\ufeff' + EX, FILING_DIR),
    // The workbook goes to another folder than the filing's evidence: refused, nothing written (template --from).
    runs: { validate: { code: 0, says: /未发现问题/ }, template: { code: 2, says: /所在的文件夹之外/ } },
  },
  {
    name: 'CRLF line ends and a BOM (accepted, positions right)',
    make: () => write('crlf.yaml', ('\ufeff' + EX.replace('  area: 18.6', '  area: 十八点六')).replace(/\n/g, '\r\n'), FILING_DIR),
    runs: { validate: { code: 1, says: /「集群占地面积\(平方公里\)」应为数字或"无"，实际是文字 "十八点六"/, at: `${lineOf(EX, '  area: 18.6')}:9` } },
  },
  {
    name: 'CR-only line ends (old Mac editors): positions right',
    make: () => write('cr.yaml', EX.replace('  area: 18.6', '  area: 十八点六').replace(/\n/g, '\r'), FILING_DIR),
    runs: { validate: { code: 1, says: /应为数字(或"无")?，实际是文字 "十八点六"/, at: `${lineOf(EX, '  area: 18.6')}:9` } },
  },
  {
    name: 'mixed CR, LF and CRLF line ends: positions right',
    make: () => write('mixed.yaml', EX.replace('  area: 18.6', '  area: 十八点六').split('\n').map((l, i) => l + ['\n', '\r', '\r\n'][i % 3]).join(''), FILING_DIR),
    runs: { validate: { code: 1, says: /应为数字(或"无")?，实际是文字 "十八点六"/, at: `${lineOf(EX, '  area: 18.6')}:9` } },
  },
  {
    name: 'UTF-16 (Notepad "Unicode", with BOM) named as UTF-16',
    make: () => write('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EX, 'utf16le')])),
    runs: all(['validate', 'render', 'pack'], { code: 2, says: /文件是 UTF-16 编码（UTF-16LE/ }),
  },
  {
    name: 'UTF-16BE without a BOM named as UTF-16',
    make: () => write('utf16be.yaml', Buffer.from(EX, 'utf16le').swap16()),
    runs: all(['validate'], { code: 2, says: /文件是 UTF-16 编码（UTF-16BE/ }),
  },
  {
    name: 'numbers written 0x12, 0o17, 1_8.6 are findings, not figures',
    make: () => write('radix.yaml', EX.replace('  area: 18.6', '  area: 0x12'), FILING_DIR),
    runs: { validate: { code: 1, says: /应为数字(或"无")?，实际是文字 "0x12"/, at: `${lineOf(EX, '  area: 18.6')}:9` } },
  },
  {
    name: 'a number written 1_8.6 (YAML 1.1 digit grouping) is a finding',
    make: () => write('grouped.yaml', EX.replace('  area: 18.6', '  area: 1_8.6'), FILING_DIR),
    runs: { validate: { code: 1, says: /应为数字(或"无")?，实际是文字 "1_8\.6"/ } },
  },
  {
    name: 'a number written 0o17 is a finding',
    make: () => write('octal.yaml', EX.replace('  area: 18.6', '  area: 0o17'), FILING_DIR),
    runs: { validate: { code: 1, says: /应为数字(或"无")?，实际是文字 "0o17"/ } },
  },
  {
    name: 'one 2-million-character unknown key in a 256 MB heap: no did-you-mean blow-up',
    make: () => write('longkey.yaml', EX.replace('cover:\n', `cover:\n  ${'k'.repeat(2_000_000)}: 1\n`), FILING_DIR),
    runs: { validate: { code: 1, says: /未知字段 k{60}…（2000000 字）/ } },
  },
  {
    name: 'JSON with a trailing comma (read as YAML, which allows it: accepted)',
    make: () => write('trailing.json', JSON.stringify(parse(EX), null, 2).replace(/\n}$/, ',\n}'), FILING_DIR),
    runs: { validate: { code: 0, says: /未发现问题/ } },
  },
  {
    name: 'JSON missing a comma',
    make: () => write('comma.json', '{\n  "cover": {\n    "clusterName": "x"\n    "operator": "y"\n  }\n}\n'),
    runs: all(['validate', 'render'], { code: 2, says: /JSON 语法错误（第 4 行第 5 列）/, at: '4:5' }),
  },
  {
    name: 'a top-level list',
    make: () => write('list.yaml', '- cover\n- basic\n'),
    runs: all(['validate'], { code: 2, says: /顶层应为"键: 值"映射/ }),
  },
  { name: 'a missing file', make: () => join(tmp, '不存在.yaml'), runs: all(READS_FILING, { code: 2, says: /文件不存在/ }) },
  { name: 'an unsupported extension (.txt)', make: () => write('filing.txt', EX), runs: all(['validate', 'render'], { code: 2, says: /不支持的文件类型/ }) },
  {
    name: 'a filing path that is a folder',
    make: () => {
      mkdirSync(join(tmp, 'folder.yaml'), { recursive: true });
      return join(tmp, 'folder.yaml');
    },
    runs: {
      validate: { code: 2, says: /文件夹中没有申报文件/, result: false },
      render: { code: 2, says: /这是一个文件夹，不是申报文件/ },
      template: { code: 2, says: /这是一个文件夹，不是申报文件/ },
      pack: { code: 2, says: /这是一个文件夹，不是申报文件/ },
    },
  },
  {
    name: 'a named pipe (FIFO) named like a filing: refused, not waited on',
    skip: !FIFO && 'mkfifo is not available (Windows?)',
    make: () => FIFO,
    runs: all(['validate', 'render'], { code: 2, says: /不是普通文件（是管道或设备）/ }),
  },

  // ── workbooks ──
  { name: 'empty .xlsx', make: () => write('empty.xlsx', ''), runs: all(READS_XLSX, { code: 2, says: /文件为空/ }) },
  {
    name: 'not a zip (text renamed .xlsx)',
    make: () => write('text.xlsx', '集群名称,总产值\n荆门,289.3\n'),
    runs: all(['validate', 'import', 'template', 'render', 'pack'], { code: 2, says: /不是 \.xlsx 工作簿.*可能只是改了扩展名/ }),
  },
  {
    name: 'an OLE compound file (.xls or a password-protected workbook) named .xlsx',
    make: () => write('ole.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)])),
    runs: all(READS_XLSX, { code: 2, says: /旧版 Excel 97-2003（\.xls）或 WPS（\.et）.*另存为.*WPS.*LibreOffice/ }),
  },
  { name: 'an old .xls', make: () => write('old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(1024)])), runs: all(['validate'], { code: 2, says: /Excel 97-2003 工作簿（\.xls）.*另存为.*WPS.*LibreOffice/ }) },
  {
    name: 'a truncated .xlsx (the template cut in half)',
    make: async () => {
      const b = readFileSync(await blankTemplate());
      return write('cut.xlsx', b.subarray(0, b.length >> 1));
    },
    runs: all(READS_XLSX, { code: 2, says: /工作簿已损坏：文件不完整（被截断/ }),
  },
  {
    name: 'an .xlsx with corrupted bytes in the middle',
    make: async () => {
      const b = Buffer.from(readFileSync(await blankTemplate()));
      for (let i = b.length >> 2; i < (b.length >> 2) + 400; i++) b[i]! ^= 0x5a;
      return write('flipped.xlsx', b);
    },
    runs: all(READS_XLSX, { code: 2, says: /工作簿.*已损坏/ }),
  },
  {
    name: 'a zip bomb (80 MB of zeros in a 100 KB .xlsx)',
    make: async () => {
      const p = join(tmp, 'bomb.xlsx');
      const zeros = async function* () {
        const mb = Buffer.alloc(1024 * 1024);
        for (let i = 0; i < 80; i++) yield mb;
      };
      await writeZipAtomic(p, [{ name: 'xl/workbook.xml', data: '<workbook/>' }, { name: SHEET, stream: zeros, method: 'deflate' }], { date: new Date(0), fsync: false });
      return p;
    },
    runs: all(['validate', 'import', 'template', 'pack'], { code: 2, says: /工作簿解压后达 80 MB（上限 64 MB），疑似压缩炸弹/ }),
  },
  {
    name: 'a zip bomb that lies about its sizes (400 MB declared as 20 KB)',
    make: async () => {
      const p = await templateWith('liar.xlsx', SHEET, '</sheetData>', async function* () {
        const spaces = Buffer.alloc(1024 * 1024, 0x20);
        for (let i = 0; i < 400; i++) yield spaces;
      });
      lieAboutSize(p, SHEET, 20_000);
      return p;
    },
    runs: all(READS_XLSX, { code: 2, says: /比其声明的大小更大，疑似压缩炸弹/ }),
  },
  {
    name: 'an .xlsx with 1,000,000 rows (69 MB of sheet XML in 5 MB)',
    make: () => templateWith('rows-1m.xlsx', SHEET, '</sheetData>', rows(1_000_000, 1)),
    big: true,
    runs: all(['validate', 'import', 'render'], { code: 2, says: /工作簿解压后达 6\d MB（上限 64 MB），疑似压缩炸弹或超大表格/ }),
  },
  {
    name: 'an .xlsx with 1,000,000 empty rows (17 MB of sheet XML)',
    make: () => templateWith('rows-1m-empty.xlsx', SHEET, '</sheetData>', rows(1_000_000, 0)),
    big: true,
    runs: all(READS_XLSX, { code: 2, says: /表格数据解压后达 16\.\d MB（上限 16 MB/ }),
  },
  {
    name: 'an .xlsx with 100,000 rows (within the size limits; exceljs would need > 256 MB)',
    make: () => templateWith('rows-100k.xlsx', SHEET, '</sheetData>', rows(100_000, 1)),
    runs: all(READS_XLSX, { code: 2, says: /工作表"二、主导产业情况"的行或单元格过多/, at: '二、主导产业情况' }),
  },
  {
    name: 'an .xlsx with a 60 MB shared string',
    make: () =>
      templateWith('sst.xlsx', 'xl/sharedStrings.xml', '</sst>', async function* () {
        yield Buffer.from('<si><t>');
        const a = Buffer.alloc(1024 * 1024, 0x61);
        for (let i = 0; i < 60; i++) yield a;
        yield Buffer.from('</t></si>');
      }),
    runs: all(READS_XLSX, { code: 2, says: /表格数据解压后达 60\.\d MB/ }),
  },
  {
    name: 'an .xlsx path that is a folder',
    make: () => {
      mkdirSync(join(tmp, 'folder.xlsx'), { recursive: true });
      return join(tmp, 'folder.xlsx');
    },
    runs: { validate: { code: 2, says: /文件夹中没有申报文件/, result: false }, import: { code: 2, says: /这是一个文件夹，不是工作簿/ } },
  },

  // ── evidence paths (findings: exit 1 from validate; pack refuses and writes nothing) ──
  {
    name: 'evidence path with ../',
    make: () => {
      write('outside.pdf', readFileSync(A_PDF));
      return withEvidence('ev-dotdot.yaml', ['../outside.pdf']);
    },
    runs: { validate: { code: 1, says: /佐证材料位于申报文件所在文件夹之外（不允许 \.\.）：\.\.\/outside\.pdf/, at: `${QM_LINE}:11` }, pack: { code: 1, says: PACK_REFUSED } },
  },
  {
    name: 'evidence path that is absolute (/etc/passwd)',
    make: () => withEvidence('ev-abs.yaml', ['/etc/passwd']),
    runs: { validate: { code: 1, says: /不是绝对路径：\/etc\/passwd/, at: `${QM_LINE}:11` }, pack: { code: 1, says: PACK_REFUSED } },
  },
  {
    name: 'evidence path that is a Windows absolute path (C:\\Windows\\win.ini)',
    make: () => withEvidence('ev-win.yaml', ['C:\\Windows\\win.ini']),
    runs: { validate: { code: 1, says: /不是绝对路径：C:\\Windows\\win\.ini/, at: `${QM_LINE}:11` } },
  },
  {
    name: 'evidence that is a symlink to a file outside the folder',
    skip: process.platform === 'win32' && 'symlinks need privileges on Windows',
    make: () => {
      write('secret.pdf', readFileSync(A_PDF));
      const link = join(FILING_DIR, 'evidence/link-out.pdf');
      if (!existsSync(link)) symlinkSync(join(tmp, 'secret.pdf'), link);
      return withEvidence('ev-link-out.yaml', ['evidence/link-out.pdf']);
    },
    runs: { validate: { code: 1, says: /指向申报文件夹之外的符号链接：evidence\/link-out\.pdf/, at: `${QM_LINE}:11` }, pack: { code: 1, says: PACK_REFUSED } },
  },
  {
    name: 'evidence under a symlinked folder that leads outside',
    skip: process.platform === 'win32' && 'symlinks need privileges on Windows',
    make: () => {
      mkdirSync(join(tmp, 'elsewhere'), { recursive: true });
      write('elsewhere/a.pdf', readFileSync(A_PDF));
      const link = join(FILING_DIR, 'evidence/elsewhere');
      if (!existsSync(link)) symlinkSync(join(tmp, 'elsewhere'), link);
      return withEvidence('ev-dir-link-out.yaml', ['evidence/elsewhere/a.pdf']);
    },
    runs: { validate: { code: 1, says: /指向申报文件夹之外的符号链接/, at: `${QM_LINE}:11` } },
  },
  {
    name: 'evidence that is a symlink to a file inside the folder (allowed, packed)',
    skip: process.platform === 'win32' && 'symlinks need privileges on Windows',
    make: () => {
      const link = join(FILING_DIR, 'evidence/link-in.pdf');
      if (!existsSync(link)) symlinkSync(join(FILING_DIR, 'evidence/二、主导产业情况/质量管理模式推广活动通知.pdf'), link);
      return withEvidence('ev-link-in.yaml', ['evidence/link-in.pdf']);
    },
    runs: {
      validate: { code: 0, says: /未发现问题/ },
      pack: { code: 0, says: /已生成 .*\.zip/, check: async (zip) => expect((await zipNames(zip)).some((n) => n.endsWith('-link-in.pdf'))).toBe(true) },
    },
  },
  {
    name: 'evidence path that names a folder',
    make: () => withEvidence('ev-dir.yaml', ['evidence/二、主导产业情况']),
    runs: { validate: { code: 1, says: /佐证材料路径指向的不是文件：evidence\/二、主导产业情况/, at: `${QM_LINE}:11` }, pack: { code: 1, says: PACK_REFUSED } },
  },
  {
    name: 'evidence that is a zero-byte file',
    make: () => {
      write('evidence/zero.pdf', '', FILING_DIR);
      return withEvidence('ev-zero.yaml', ['evidence/zero.pdf']);
    },
    runs: { validate: { code: 1, says: /佐证材料是空文件（0 字节）：evidence\/zero\.pdf/, at: `${QM_LINE}:11` }, pack: { code: 1, says: PACK_REFUSED } },
  },
  {
    name: 'evidence that does not exist',
    make: () => withEvidence('ev-missing.yaml', ['evidence/没有这个文件.pdf']),
    runs: { validate: { code: 1, says: /佐证材料不存在：evidence\/没有这个文件\.pdf/, at: `${QM_LINE}:11` } },
  },
  {
    name: 'evidence names Windows forbids (a:b.pdf, x?.pdf, CON.pdf, trailing dot): warned, and renamed in the package',
    skip: process.platform === 'win32' && 'such names cannot be created on Windows',
    make: () => {
      const names = ['名单:2023.pdf', 'x?.pdf', 'CON.pdf', 'trail.pdf.'];
      for (const n of names) write(`evidence/${n}`, readFileSync(A_PDF), FILING_DIR);
      return withEvidence('ev-names.yaml', names.map((n) => `evidence/${n}`));
    },
    runs: {
      validate: { code: 0, says: /佐证材料名"名单:2023\.pdf"含 Windows 不允许的字符「:」[\s\S]*"x\?\.pdf"[\s\S]*"CON\.pdf"是 Windows 的保留设备名[\s\S]*"trail\.pdf\."以点或空格结尾/, at: `${QM_LINE}:11` },
      pack: {
        code: 0,
        says: /已生成 .*\.zip/,
        check: async (zip) => {
          const names = await zipNames(zip);
          expect(names.some((n) => n.endsWith('名单：2023.pdf'))).toBe(true);
          expect(names.some((n) => n.endsWith('x？.pdf'))).toBe(true);
          for (const n of names) for (const seg of n.split('/').filter(Boolean)) {
            expect(seg, n).not.toMatch(/[<>:"|?*\\]|[. ]$|^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
          }
        },
      },
    },
  },

  // ── names with spaces and Chinese characters (work) ──
  {
    name: 'a filing named with spaces and Chinese characters',
    make: () => write('我的 申报 文件 (2024).yaml', EX, FILING_DIR),
    runs: {
      validate: { code: 0, says: /未发现问题/ },
      render: { code: 0, says: /已生成 .*附件2 中小企业特色产业集群申报表\.pdf/, check: (dir) => expect(readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toHaveLength(3) },
      // Written beside the evidence it would lose: refused with where to write instead (template --from).
      template: { code: 2, says: /所在的文件夹之外/ },
      pack: { code: 0, says: /已生成 .*\.zip/, check: async (zip) => expect((await zipNames(zip)).some((n) => n.endsWith('manifest.json'))).toBe(true) },
    },
  },
];

// ── running the table ────────────────────────────────────────────────────────────────────────

interface Row {
  case: string;
  cmd: Cmd;
  code: number;
  excerpt: string;
  ms: number;
}
const rowsRun: Row[] = [];

/** The command line, with an output target in a fresh folder when the command writes one. */
function commandFor(cmd: Cmd, input: string, out: string): { args: string[]; target?: string } {
  switch (cmd) {
    case 'validate':
      return { args: ['validate', input, '--today', TODAY] };
    case 'render':
      return { args: ['render', input, '--pdf', '-o', join(out, 'PDF 输出'), '--today', TODAY], target: join(out, 'PDF 输出') };
    case 'import':
      return { args: ['import', input, '-o', join(out, 'imported.yaml')], target: join(out, 'imported.yaml') };
    case 'template':
      return { args: ['template', '--from', input, '-o', join(out, '模板 输出.xlsx')], target: join(out, '模板 输出.xlsx') };
    case 'pack':
      return { args: ['pack', input, '-o', join(out, '报送 包.zip'), '--today', TODAY, '--no-progress'], target: join(out, '报送 包.zip') };
  }
}

function leftovers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String);
}

function excerpt(out: string, says: RegExp): string {
  const lines = out.split('\n');
  const line = lines.find((l) => says.test(l)) ?? lines.find((l) => /错误|警告|已生成/.test(l)) ?? lines.find((l) => l.trim()) ?? '';
  const t = line.trim().replace(/\s+/g, ' ');
  return t.length > 110 ? t.slice(0, 109) + '…' : t;
}

beforeAll(() => {
  mkdirSync(FILING_DIR, { recursive: true });
  cpSync(join(EXAMPLE_DIR, 'evidence'), join(FILING_DIR, 'evidence'), { recursive: true });
});

afterAll(() => {
  const table = ['| case | command | exit | message (excerpt) | ms |', '|---|---|---|---|---|', ...rowsRun.map((r) => `| ${r.case} | ${r.cmd} | ${r.code} | ${r.excerpt.replace(/\|/g, '\\|')} | ${r.ms} |`)];
  if (process.env.HOSTILE_TABLE) writeFileSync(process.env.HOSTILE_TABLE, table.join('\n') + '\n');
  rmSync(tmp, { recursive: true, force: true });
});

describe.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_, c, i) => {
  let input = '';
  beforeAll(async () => {
    if (!c.skip) input = await c.make();
  }, 60_000);
  afterAll(() => {
    if (c.big && input) rmSync(input, { force: true });
  });

  for (const [cmd, e] of Object.entries(c.runs) as Array<[Cmd, Expect]>) {
    it.skipIf(Boolean(c.skip) || PENDING[cmd])(`${cmd} → exit ${e.code}`, async () => {
      const out = join(tmp, 'out', `${i}-${cmd}`);
      mkdirSync(out, { recursive: true });
      const { args, target } = commandFor(cmd, input, out);
      const r = run(args);
      rowsRun.push({ case: c.name, cmd, code: r.code, excerpt: excerpt(r.out, e.says), ms: r.ms });

      expect(r.code, r.out.slice(0, 2000)).toBe(e.code);
      expect(r.out).toMatch(e.says);
      // Names the file (validate heads its report with it; the others prefix their message).
      if (cmd === 'validate' || e.code !== 0) expect(r.out).toContain(input);
      if (e.at) expect(r.out).toContain(e.at);
      if (cmd === 'validate' && e.code === 2 && e.result !== false) expect(r.out).toContain(UNREADABLE);
      // No stack trace, no internal error, no English fallback.
      expect(r.out).not.toMatch(/\n\s+at \S+ \(|\n\s+at file:|内部错误|internal error|FATAL ERROR/);
      expect(r.ms).toBeLessThan(TIME_LIMIT_MS);
      // Nothing left behind on failure; on success the target is complete and no temporary file remains.
      const left = leftovers(out);
      expect(left.filter((f) => /\.tmp$/.test(f))).toEqual([]);
      if (e.code !== 0 && target) expect(left).toEqual([]);
      if (e.code === 0 && target) expect(existsSync(target)).toBe(true);
      if (e.check && target) await e.check(target);
      e.inspect?.(r.out);
    });
  }
});

describe('the corpus', () => {
  it('covers the cases the issue lists', () => {
    const names = CASES.map((c) => c.name).join('\n');
    for (const k of ['empty', 'truncated', 'binary', '200 MB', 'alias bomb', 'self-referential', '10,000-deep', 'NUL', 'invalid UTF-8', 'GBK', 'BOM', 'CRLF', 'trailing comma', 'zip bomb', 'not a zip', 'OLE', 'truncated .xlsx', '1,000,000 rows', '../', '/etc/passwd', 'C:\\Windows', 'symlink to a file outside', 'symlink to a file inside', 'names a folder', 'zero-byte', 'Windows forbids', 'is a folder', 'spaces and Chinese', 'CR-only', 'mixed CR', 'UTF-16', '0x12', '2-million-character'])
      expect(names, k).toContain(k);
  });

  it('English messages with --lang en (a sample)', () => {
    const p = write('en-empty.yaml', '');
    const r = run(['validate', p, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('the file is empty');
    const d = write('en-deep.yaml', '['.repeat(10_000));
    expect(run(['validate', d, '--lang', 'en']).out).toMatch(/nesting deeper than 64 levels \(line 1, column \d+\)/);
  });

  it('--format json reports an unreadable file as input/unreadable with its position', () => {
    const p = write('json-nul.yaml', 'cover:\n  clusterName: ab\u0000c\n');
    const r = run(['validate', p, '--format', 'json']);
    expect(r.code).toBe(2);
    const res = JSON.parse(r.out.slice(0, r.out.lastIndexOf('}') + 1)).results[0];
    expect(res).toMatchObject({ valid: false, findings: [{ ruleId: 'input/unreadable', line: 2, column: 18 }] });
  });
});
