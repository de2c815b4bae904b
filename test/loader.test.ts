import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiling } from '../src/load/index.js';
import { InputError } from '../src/errors.js';
import { validateFile } from '../src/validate/index.js';
import { loadProfile } from '../src/profile.js';
import { emitFilingYaml } from '../src/yaml-emit.js';

const dir = mkdtempSync(join(tmpdir(), 'cluster-loader-'));
const profile = loadProfile('national-2024');
let n = 0;
function file(content: string | Buffer, ext = '.yaml'): string {
  const p = join(dir, `f${n++}${ext}`);
  writeFileSync(p, content);
  return p;
}

async function inputError(content: string | Buffer, ext = '.yaml'): Promise<InputError> {
  try {
    await loadFiling(file(content, ext));
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected the loader to refuse the file');
}

/** A schema-valid skeleton, as `cluster init` writes it. */
const skeleton = emitFilingYaml({}, { profile });

describe('loader: input the tool refuses (exit code 2)', () => {
  it('bad YAML syntax: message with line and column', async () => {
    const e = await inputError('cover:\n  clusterName: [unclosed\nsummary: {}\n');
    expect(e.msg.zh).toMatch(/YAML 语法错误（第 \d+ 行第 \d+ 列）/);
    expect(e.location?.line).toBeGreaterThanOrEqual(2);
    expect(e.msg.en).toMatch(/YAML syntax error at line \d+, column \d+/);
  });

  it('duplicate key: reported at the second occurrence', async () => {
    const e = await inputError('cover:\n  clusterName: a\n  clusterName: b\n');
    expect(e.msg.zh).toContain('重复的键');
    expect(e.location).toEqual({ line: 3, column: 3 });
  });

  it('alias bomb (billion laughs): refused at the first alias, before expansion', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill('*' + prev).join(',')}]`);
    }
    const t = Date.now();
    const e = await inputError(lines.join('\n') + '\n');
    expect(Date.now() - t).toBeLessThan(2000);
    expect(e.msg.zh).toContain('不支持 YAML 别名（*a）');
    expect(e.location).toEqual({ line: 2, column: 8 });
  });

  it('self-referencing alias is refused (no circular object reaches the validator)', async () => {
    const e = await inputError('a: &x\n  b: *x\n');
    expect(e.msg.en).toContain('aliases');
    expect(e.location?.line).toBe(2);
  });

  it('custom tags are refused', async () => {
    const e = await inputError('cover: !!js/function "function(){}"\n');
    expect(e.msg.zh).toContain('自定义 YAML 标签');
  });

  it('NUL bytes: not a text file, with position', async () => {
    const e = await inputError(Buffer.from('cover:\n  x\u0000y\n'));
    expect(e.msg.zh).toContain('NUL');
    expect(e.location).toEqual({ line: 2, column: 4 });
  });

  it('GBK-encoded YAML: asks for UTF-8, with position of the first bad byte', async () => {
    // "集群" in GBK is BC AF C8 BA
    const e = await inputError(Buffer.concat([Buffer.from('cover:\n  clusterName: '), Buffer.from([0xbc, 0xaf, 0xc8, 0xba]), Buffer.from('\n')]));
    expect(e.msg.zh).toContain('不是 UTF-8 编码');
    expect(e.location).toEqual({ line: 2, column: 16 });
  });

  it('empty file and empty document', async () => {
    expect((await inputError('')).msg.zh).toBe('文件为空');
    expect((await inputError('# only a comment\n')).msg.zh).toContain('没有数据');
  });

  it('a top-level list is not a filing', async () => {
    expect((await inputError('- a\n- b\n')).msg.zh).toContain('顶层');
  });

  it('deep nesting is bounded', async () => {
    const deep = 'a: ' + '['.repeat(100) + ']'.repeat(100) + '\n';
    expect((await inputError(deep)).msg.zh).toContain('嵌套层级过深');
  });

  it('unsupported extension, missing file, folder', async () => {
    expect((await inputError('x', '.txt')).msg.zh).toContain('不支持的文件类型');
    await expect(loadFiling(join(dir, 'nope.yaml'))).rejects.toThrow('文件不存在');
    await expect(loadFiling(dir + '/')).rejects.toBeInstanceOf(InputError);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const p = file('');
    const { truncateSync } = await import('node:fs');
    truncateSync(p, 9 * 1024 * 1024);
    await expect(loadFiling(p)).rejects.toThrow(/文件过大/);
  });

  it('a UTF-8 BOM and CRLF line ends are accepted, positions unchanged', async () => {
    const text = '\ufeff' + skeleton.replace(/\n/g, '\r\n').replace('  area:', '  area: 十');
    const r = await validateFile(file(text), { profile, lang: 'zh', today: '2024-06-01' });
    const f = r.findings.find((x) => x.ruleId === 'schema/type');
    expect(f?.path).toBe('/basic/area');
    const line = skeleton.split('\n').findIndex((l) => l.startsWith('  area:')) + 1;
    expect(f?.line).toBe(line);
  });

  it('JSON is read with positions too', async () => {
    const p = file('{\n  "cover": {\n    "clusterName": 5\n  }\n}\n', '.json');
    const r = await validateFile(p, { profile, lang: 'zh', today: '2024-06-01' });
    const f = r.findings.find((x) => x.ruleId === 'schema/type' && x.path === '/cover/clusterName');
    expect(f).toMatchObject({ line: 3, column: 20 });
    expect(f?.message).toContain('「集群名称」应为文字，实际是数字 5');
  });
});

describe('schema findings: message, label and position', () => {
  const validate = async (text: string) => validateFile(file(text), { profile, lang: 'zh', today: '2024-06-01' });
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('wrong type', async () => {
    const text = skeleton.replace('  area:', '  area: 四十');
    const r = await validate(text);
    const f = r.findings.find((x) => x.ruleId === 'schema/type')!;
    expect(f).toMatchObject({ path: '/basic/area', line: lineOf(text, 'area: 四十'), column: 9, label: '集群占地面积(平方公里)' });
    expect(f.message).toBe('「集群占地面积(平方公里)」应为数字或"无"，实际是文字 "四十"');
  });

  it('unknown key, with a suggestion', async () => {
    const text = skeleton.replace('  area:', '  area:\n  araa: 3');
    const r = await validate(text);
    const f = r.findings.find((x) => x.ruleId === 'schema/unknown-key')!;
    expect(f).toMatchObject({ path: '/basic/araa', line: lineOf(text, 'araa: 3'), column: 3 });
    expect(f.message).toContain('是否想写 area（集群占地面积(平方公里)）');
  });

  it('missing required field: reported at its parent', async () => {
    const text = skeleton.replace(/\n  # 集群占地面积\(平方公里\)[^\n]*\n  area:/, '');
    const r = await validate(text);
    const f = r.findings.find((x) => x.ruleId === 'schema/required')!;
    expect(f.path).toBe('/basic/area');
    expect(f.label).toBe('集群占地面积(平方公里)');
    expect(f.line).toBe(lineOf(text, 'basic:'));
    expect(f.message).toContain('缺少必填项「集群占地面积(平方公里)」');
  });

  it('enum (a choice not on the form)', async () => {
    const text = skeleton.replace('  prohibitedIndustry:', '  prohibitedIndustry: 不是');
    const f = (await validate(text)).findings.find((x) => x.ruleId === 'schema/enum')!;
    expect(f.message).toBe('「集群主导产业是否属于国家规定的禁止、限制和淘汰类产业」只能填：是、否（实际为 文字 "不是"）');
    expect(f.line).toBe(lineOf(text, 'prohibitedIndustry: 不是'));
  });

  it('a year key that is not a year', async () => {
    const text = skeleton.replace('  output:\n    2021:', '  output:\n    二〇二一:');
    const f = (await validate(text)).findings.find((x) => x.path === '/industry/output/二〇二一')!;
    expect(f.ruleId).toBe('schema/unknown-key');
    expect(f.message).toContain('应为四位年份');
  });

  it('English messages with --lang en', async () => {
    const text = skeleton.replace('  area:', '  area: 四十');
    const r = await validateFile(file(text), { profile, lang: 'en', today: '2024-06-01' });
    const f = r.findings.find((x) => x.ruleId === 'schema/type')!;
    expect(f.message).toBe('“area of the cluster (km²)” must be a number or “无”, got text "四十"');
  });
});
