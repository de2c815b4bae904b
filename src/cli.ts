import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import './host-node.js'; // the file system, node:path and the fonts for the core (src/host.ts)
import type { Lang } from './catalogue/types.js';
import { CliError, formatLocation, visible } from './errors.js';

import { VERSION } from './version.js';
import { stdoutWrite } from './stdout.js';

/** Which language to speak, decided before commander parses (help text depends on it). */
export function detectLang(argv: readonly string[], env = process.env, cwd = process.cwd()): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? (env.CLUSTER_LANG ?? configLang(cwd)) : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return v === 'en' ? 'en' : 'zh';
}

/**
 * `lang:` of the project configuration above the working folder, read cheaply for help and usage
 * errors (decided before parsing); commands read the whole file through src/config.
 */
function configLang(cwd: string): string | undefined {
  let d = resolve(cwd);
  for (let n = 0; n < 64; n++) {
    const f = join(d, 'cluster.config.yaml');
    if (existsSync(f)) {
      try {
        return /^lang\s*:\s*["']?(zh|en)\b/m.exec(readFileSync(f, 'utf8').slice(0, 65536))?.[1];
      } catch {
        return undefined;
      }
    }
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

export interface CommonOptions {
  profile: string;
  lang: Lang;
  quiet?: boolean;
  debug?: boolean;
  /** Options given on the command line or by environment (not defaults): they win over cluster.config.yaml. */
  explicit?: string[];
}

type T = (zh: string, en: string) => string;

function addCommon(cmd: Command, t: T): Command {
  return cmd
    .addOption(new Option('--profile <id|file>', t('认定标准配置：内置 id 或 YAML 文件路径', 'profile: a built-in id or a YAML file')).default('national-2024'))
    .addOption(new Option('--lang <lang>', t('消息语言', 'message language')).choices(['zh', 'en']).default('zh').env('CLUSTER_LANG'))
    .option('--quiet', t('只输出错误（各种格式都不列出警告和提示）', 'report errors only (every format drops warnings and info)'))
    .option('--debug', t('出错时显示调用栈', 'show stack traces on failure'));
}

/** commander's "(Did you mean x?)", in Chinese. */
function suggestion(m: string): string {
  const s = /\(Did you mean (?:one of )?([^?]+)\?\)/.exec(m)?.[1];
  return s ? `（是不是 ${s.trim()}？）` : '';
}

const COMMANDER_ZH: Record<string, (m: string) => string> = {
  'commander.unknownOption': (m) => `未知选项 ${m.match(/'([^']+)'/)?.[1] ?? ''}${suggestion(m) || '（--help 查看全部选项）'}`,
  'commander.unknownCommand': (m) => `未知命令 ${m.match(/'([^']+)'/)?.[1] ?? ''}${suggestion(m) || '（cluster --help 查看全部命令）'}`,
  'commander.missingArgument': (m) => `缺少参数 ${m.match(/'([^']+)'/)?.[1] ?? ''}`,
  'commander.optionMissingArgument': (m) => `选项 ${m.match(/'([^']+)'/)?.[1] ?? ''} 缺少取值`,
  'commander.excessArguments': () => '参数过多',
  'commander.invalidArgument': (m) => `参数取值无效：${m.replace(/^error: /, '')}`,
  'commander.missingMandatoryOptionValue': (m) => `缺少必需的选项 ${m.match(/'([^']+)'/)?.[1] ?? ''}`,
};

const COMMANDS = new Set(['validate', 'init', 'metrics', 'rules', 'profiles', 'template', 'import', 'render', 'annual', 'pack', 'summary', 'compare', 'schema', 'doctor', 'web', 'serve']);

/**
 * The command a command line runs (`cluster [--lang x] <command> …`), or undefined when it names none
 * for sure: help, an option before the command, no command, a typo.
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') i++;
    else if (a.startsWith('--lang=')) continue;
    else return COMMANDS.has(a) ? a : undefined;
  }
  return undefined;
}

export function buildProgram(lang: Lang, run: (p: Promise<number>) => void, argv?: readonly string[]): Command {
  const t: T = (zh, en) => (lang === 'zh' ? zh : en);
  const program = new Command('cluster');
  program
    .description(t('中小企业特色产业集群申报：校验、核算、生成 PDF 与报送包', 'SME characteristic industrial cluster applications: validate, compute, render, pack'))
    .version(VERSION, '-V, --version', t('显示版本', 'show the version'))
    .helpOption('-h, --help', t('显示帮助', 'show help'))
    .helpCommand('help [command]', t('显示某个命令的帮助', 'show help for a command'))
    .showSuggestionAfterError(true)
    .addOption(new Option('--lang <lang>', t('消息语言（也可写在子命令之后）', 'message language (also after the command)')).choices(['zh', 'en']))
    .exitOverride()
    .configureOutput({
      writeOut: (str) => stdoutWrite(str),
      writeErr: (str) => process.stderr.write(str),
      outputError: () => {},
    });
  if (lang === 'zh') {
    program.configureHelp({
      styleTitle: (s) => ({ 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：' })[s] ?? s,
      // commander appends "(choices: …, default: …)" in English.
      optionDescription: (o) => {
        const extra: string[] = [];
        if (o.argChoices) extra.push(`可选：${o.argChoices.join('、')}`);
        if (o.defaultValue !== undefined && !o.negate && typeof o.defaultValue !== 'boolean') extra.push(`默认：${o.defaultValueDescription ?? String(o.defaultValue)}`);
        return extra.length ? `${o.description}（${extra.join('；')}）` : o.description;
      },
      argumentDescription: (a) => (a.defaultValue !== undefined ? `${a.description}（默认：${String(a.defaultValue)}）` : a.description),
    });
  }

  // Which options the user gave (command line or environment): those win over cluster.config.yaml.
  program.hook('preAction', async (_root, action) => {
    const o = action.opts() as CommonOptions;
    const explicit = action.options
      .map((opt) => opt.attributeName())
      .filter((k) => ['cli', 'env'].includes(action.getOptionValueSource(k) ?? ''));
    const top = program.opts().lang as Lang | undefined;
    if (!explicit.includes('lang') && 'lang' in o) {
      if (top) {
        o.lang = top;
        explicit.push('lang');
      } else {
        const { findConfig } = await import('./config/find.js');
        const c = findConfig(process.cwd());
        if (c?.lang) o.lang = c.lang;
      }
    }
    o.explicit = explicit;
  });

  // Only the command being run gets its options and arguments (commander builds ~200 Option objects
  // for all of them: a few ms of every start-up, #18); the others are named and described, which is
  // all that parsing, "did you mean" and the top-level help of another command need. Without a
  // known command (help, no command, a typo) every command is configured.
  const target = argv && commandNamed(argv);
  const sub = (name: string, zh: string, en: string, configure: (c: Command) => Command): void => {
    const c = new Command(name).description(t(zh, en));
    program.addCommand(c.copyInheritedSettings(program));
    if (target !== undefined && target !== name) return;
    addCommon(c, t);
    configure(c);
  };

  sub('validate', '按认定标准和填报说明校验申报文件', 'check filings against the certification standard and the filling rules', (c) => c
    .argument('<files...>', t('申报文件（.yaml/.yml/.json/.xlsx）、文件夹、glob（如 "filings/**/*.yaml"）或 -（标准输入）', 'filings (.yaml/.yml/.json/.xlsx), folders, globs ("filings/**/*.yaml") or - (stdin)'))
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['text', 'json', 'sarif', 'junit', 'github']).default('text'))
    .option('-o, --output <file>', t('写入文件而不是标准输出（- 为标准输出）', 'write to a file instead of stdout (- for stdout)'))
    .option('--max-warnings <n>', t('警告超过 n 个时以退出码 1 结束', 'exit 1 when there are more than n warnings'))
    .option('--details', t('多个文件时也逐条列出问题', 'list every finding even for many files'))
    .option('--stdin-filename <path>', t('从标准输入（-）读取时使用的文件名（用于消息、查找配置和解析佐证材料的相对路径）', 'the name of the filing read from stdin (-): messages, config lookup, relative evidence'))
    .option('--no-inline-config', t('不理会文件中的 cluster-disable-next-line 忽略指令', 'ignore cluster-disable-next-line directives in the files'))
    .option('--today <date>', t('核对截止日期所用的"今天"（YYYY-MM-DD；默认北京时间当天）', 'the date deadlines are checked against (YYYY-MM-DD; default: today in Beijing)'))
    .action((files: string[], opts) => run(import('./commands/validate.js').then((m) => m.validateCommand(files, opts)))));

  sub('init', '创建新的申报文件（cluster.yaml）和佐证材料文件夹', 'scaffold a new filing (cluster.yaml) and its evidence folders', (c) => c
    .argument('[dir]', t('目标文件夹', 'target folder'), '.')
    .option('--review <application>', t('生成复核文件：从认定时的申报文件带入名称和规划目标', 'make a review (复核) filing seeded from the application the cluster was certified on'))
    .action((dir: string, opts) => run(import('./commands/init.js').then((m) => m.initCommand(dir, opts)))));

  sub('metrics', '列出核算指标、计算公式及其对应的认定标准', 'print the derived metrics with formulas and the thresholds they are judged against', (c) => c
    .argument('<file>', t('申报文件', 'filing'))
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', t('写入文件而不是标准输出（- 为标准输出）', 'write to a file instead of stdout (- for stdout)'))
    .option('--force', t('覆盖已存在的输出文件', 'overwrite an existing output file'))
    .action((file: string, opts) => run(import('./commands/metrics.js').then((m) => m.metricsCommand(file, opts)))));

  sub('rules', '列出全部规则（id、级别、依据、说明）', 'list every rule (id, severity, source clause, description)', (c) => c
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['text', 'json', 'md']).default('text'))
    .option('-o, --output <file>', t('写入文件而不是标准输出', 'write to a file instead of stdout'))
    .action((opts) => run(import('./commands/rules.js').then((m) => m.rulesCommand(opts)))));

  sub('profiles', '列出内置的认定标准配置（年度、阈值、截止日期、出处）', 'list the built-in profiles (years, thresholds, deadlines, sources)', (c) => c
    .argument('[ids...]', t('只列出这些配置（内置 id 或 YAML 文件）', 'only these profiles (built-in ids or YAML files)'))
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', t('写入文件而不是标准输出', 'write to a file instead of stdout'))
    .action((ids: string[], opts) => run(import('./commands/profiles.js').then((m) => m.profilesCommand(ids, opts)))));

  sub('template', '生成 Excel 填报模板（可用 --from 填入已有申报数据）', 'write the Excel template (filled in from a filing with --from)', (c) => c
    .option('-o, --output <file>', t('输出文件', 'output file'), '中小企业特色产业集群申报表.xlsx')
    .option('--from <filing>', t('用该申报文件的数据填写模板', 'fill the template from this filing'))
    .option('--force', t('覆盖已存在的输出文件', 'overwrite an existing output file'))
    .action((opts) => run(import('./commands/template.js').then((m) => m.templateCommand(opts)))));

  sub('import', '把填好的 Excel 模板转换为 YAML 申报文件', 'convert a filled workbook to a YAML filing', (c) => c
    .argument('<file>', t('填好的 .xlsx', 'the filled .xlsx'))
    .option('-o, --output <file>', t('输出的 YAML 文件（默认与工作簿同名）', 'output YAML (default: beside the workbook)'))
    .option('--force', t('覆盖已存在的输出文件', 'overwrite an existing output file'))
    .action((file: string, opts) => run(import('./commands/import.js').then((m) => m.importCommand(file, opts)))));

  sub('render', '生成 PDF：附件2 申报表、附件1 汇总表（本集群一行）和自评报告；加 --docx 生成可编辑的 Word 版', 'render PDFs: Annex 2 form, Annex 1 row, self-assessment report; --docx for editable Word', (c) => c
    .argument('<file>', t('申报文件', 'filing'))
    .option('--pdf', t('生成 PDF（默认；与 --docx 同用则两者都生成）', 'render PDF (the default; with --docx both)'))
    .option('--docx', t('生成可编辑的 Word（.docx）：附件2 申报表和附件1（本集群一行）；复核文件为复核年度数据表和规划目标完成情况', 'render editable Word (.docx): Annex 2 form and Annex 1 row; for a review filing, its data in Annex 2 layout and the plan attainment'))
    .addOption(new Option('--title-font <face>', t('Word 标题字体：fzxbs 方正小标宋简体，song 宋体加粗', 'Word title face: fzxbs 方正小标宋简体, song 宋体 bold')).choices(['fzxbs', 'song']).default('fzxbs'))
    .option('-o, --output <dir>', t('输出文件夹', 'output folder'), '.')
    .option('--font <path>', t('正文字体（.ttf/.otf，.ttc 用 路径#PostScript名）', 'body font (.ttf/.otf; .ttc as path#PostScriptName)'))
    .option('--font-bold <path>', t('标题粗体字体', 'bold font for headings'))
    .option('--force', t('覆盖已存在的 PDF', 'overwrite existing PDFs'))
    .option('--toc', t('附件2 封面后加目录页（胶装成册用）', 'a 目录 (contents) page after the cover of Annex 2, for a bound copy'))
    .option('--today <date>', t('核对截止日期所用的"今天"（YYYY-MM-DD；默认北京时间当天）', 'the date deadlines are checked against (YYYY-MM-DD; default: today in Beijing)'))
    .action((file: string, opts) => run(import('./commands/render.js').then((m) => m.renderCommand(file, opts)))));

  sub('annual', '生成年度发展情况自评报告（PDF 和 XLSX；加 --docx 生成可编辑的 Word 版）：主要数据、与上年比较、阶段性目标完成情况', 'the annual development report (PDF and XLSX; --docx for editable Word): key figures, change on the previous year, stage targets', (c) => c
    .argument('<file>', t('复核数据文件（cluster init --review 生成）', 'review data file (made with cluster init --review)'))
    .requiredOption('--year <year>', t('报告年度（规划年度之一）', 'the year reported (one of the plan years)'))
    .option('-o, --output <dir>', t('输出文件夹', 'output folder'), '.')
    .option('--pdf', t('生成 PDF（默认；与 --docx 同用则两者都生成）', 'write the PDF (the default; with --docx both)'))
    .option('--docx', t('生成可编辑的 Word（.docx）报告', 'write the report as editable Word (.docx)'))
    .addOption(new Option('--title-font <face>', t('Word 标题字体：fzxbs 方正小标宋简体，song 宋体加粗', 'Word title face: fzxbs 方正小标宋简体, song 宋体 bold')).choices(['fzxbs', 'song']).default('fzxbs'))
    .option('--font <path>', t('正文字体', 'body font'))
    .option('--font-bold <path>', t('标题粗体字体', 'bold font'))
    .action((file: string, opts) => run(import('./commands/annual.js').then((m) => m.annualCommand(file, opts)))));

  sub('pack', '校验、生成 PDF 并打包报送材料（光盘和电子邮件）', 'validate, render and pack the submission zip (for the CD and the email)', (c) => c
    .argument('[files...]', t('申报文件；核验时为其余分卷', 'filing; with --verify, the other parts'))
    .option('-o, --output <file>', t('输出的 zip 文件', 'output zip'))
    .option('--force', t('有错误也打包（在清单中注明），并覆盖已存在的报送包', 'pack despite errors (recorded in the manifest), and replace an existing package'))
    .option('--verify <zip>', t('核验收到的报送包是否完整（分卷时在后面列出其余部分）', 'verify a received package is intact (list the other parts after it)'))
    .option(
      '--stamped <scan>',
      t('盖章、签字页的扫描件（封面、九；PDF/JPG/PNG，可重复），放在报送包最前并列入材料清单', 'a scan of the stamped and signed pages (封面, 九; PDF/JPG/PNG, repeatable), packed first and listed in the 材料清单'),
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addOption(new Option('--filename-encoding <enc>', t('zip 内文件名编码', 'file-name encoding in the zip')).choices(['utf8', 'gbk']).default('utf8'))
    .option('--email-limit <MB>', t('邮件附件大小上限（MB）', 'email attachment limit (MB)'), '50')
    .option('--split-size <MB>', t('按大小分卷', 'split into parts of this size'))
    .option('--no-progress', t('不显示进度条', 'no progress bar'))
    .option('--font <path>', t('正文字体', 'body font'))
    .option('--font-bold <path>', t('标题粗体字体', 'bold font'))
    .option('--today <date>', t('核对截止日期所用的"今天"（YYYY-MM-DD；默认北京时间当天）', 'the date deadlines are checked against (YYYY-MM-DD; default: today in Beijing)'))
    .action((files: string[], opts) => run(import('./commands/pack.js').then((m) => m.packCommand(files, opts)))));

  sub('summary', '生成推荐汇总表（附件1）：每个申报文件一行', 'the recommendation summary table (Annex 1): one row per filing', (c) => c
    .argument('<files...>', t('申报文件或文件夹', 'filings or folders'))
    .requiredOption('-o, --output <file>', t('输出文件（.pdf、.xlsx 或可编辑的 Word .docx）', 'output file (.pdf, .xlsx or editable Word .docx)'))
    .addOption(new Option('--sort <key>', t('排序方式（默认按给出的顺序）', 'sort order (default: as given)')).choices(['name', 'region']))
    .option('--header <file>', t('表头信息 YAML（city: 市州经信部门, contact: 联系人和手机）', 'header YAML (city, contact)'))
    .option('--city <name>', t('市州经信部门', 'city-level department'))
    .option('--contact <text>', t('联系人和手机', 'contact person and mobile'))
    .option('--force', t('覆盖已存在的输出文件', 'overwrite an existing output file'))
    .option('--font <path>', t('正文字体', 'body font'))
    .option('--font-bold <path>', t('标题粗体字体', 'bold font'))
    .action((files: string[], opts) => run(import('./commands/summary.js').then((m) => m.summaryCommand(files, opts)))));

  sub('compare', '并列比较多个申报文件的关键数据和指标', 'compare the key figures and metrics of several filings side by side', (c) => c
    .argument('<files...>', t('申报文件或文件夹', 'filings or folders'))
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['text', 'csv', 'pdf']).default('text'))
    .option('-o, --output <file>', t('写入文件（pdf 格式必需）', 'write to a file (required for pdf)'))
    .option('--font <path>', t('正文字体', 'body font'))
    .option('--font-bold <path>', t('标题粗体字体', 'bold font'))
    .option('--force', t('覆盖已存在的输出文件', 'overwrite an existing output file'))
    .action((files: string[], opts) => run(import('./commands/compare.js').then((m) => m.compareCommand(files, opts)))));

  sub('schema', '输出申报表的 JSON Schema；--write 把申报表和配置文件的 schema 复制到仓库的 schemas/ 下', 'print the filing JSON Schema; --write copies the filing and config schemas into the repository’s schemas/', (c) => c
    .option('--write [dir]', t('写入 <dir>/schemas/（默认：cluster.config.yaml 所在文件夹，或当前文件夹）', 'write <dir>/schemas/ (default: the folder of cluster.config.yaml, or the current one)'))
    .option('--config', t('输出 cluster.config.yaml 的 schema', 'print the schema of cluster.config.yaml'))
    .option('-o, --output <file>', t('写入文件而不是标准输出', 'write to a file instead of stdout'))
    .action((opts) => run(import('./commands/schema.js').then((m) => m.schemaCommand(opts)))));

  sub('doctor', '检查安装：Node 版本、构建、字体、编辑器 schema 引用、适用的认定标准配置及其截止日期', 'check the installation: Node, build, font, editor schema reference, the profile that applies and its deadline', (c) => c
    .argument('[file]', t('申报文件（默认：当前文件夹的 cluster.yaml）', 'a filing (default: cluster.yaml here)'))
    .option('--today <date>', t('判断截止日期所用的"今天"（YYYY-MM-DD）', 'the date deadlines are checked against (YYYY-MM-DD)'))
    .action((file: string | undefined, opts) => run(import('./commands/doctor.js').then((m) => m.doctorCommand(file, opts)))));

  sub('web', '生成离线网页（与命令行同一核心：检查、指标、PDF、汇总表），用浏览器直接打开，不联网', 'write the offline web page (the same core as the CLI: checks, metrics, PDFs, the summary table); open it in a browser, no network', (c) => c
    .option('-o, --output <dir>', t('输出文件夹（默认 cluster-web）', 'output folder (default cluster-web)'))
    .option('--force', t('覆盖文件夹中已有的网页', 'overwrite a page already in the folder'))
    .action((opts) => run(import('./commands/web.js').then((m) => m.webCommand(opts)))));

  sub('serve', '在本机（127.0.0.1）提供离线网页，按 Ctrl-C 停止', 'serve the offline web page on this machine (127.0.0.1); Ctrl-C stops it', (c) => c
    .option('--port <n>', t('端口（默认 8019；0 为任一空闲端口）', 'port (default 8019; 0 for any free port)'))
    .action((opts) => run(import('./commands/web.js').then((m) => m.serveCommand(opts)))));

  addExamples(program, lang);
  return program;
}

const EXAMPLES: Record<string, Array<[string, string, string]>> = {
  validate: [
    ['cluster validate cluster.yaml', '校验一个申报文件', 'validate one filing'],
    ['cluster validate filings/ --format sarif -o cluster.sarif', '校验文件夹下全部申报，输出 SARIF', 'every filing below a folder, as SARIF'],
    ['cluster validate "filings/**/*.xlsx" --max-warnings 0', 'glob 由工具展开（Windows 也可用）', 'globs expanded by the tool (Windows too)'],
    ['cat cluster.yaml | cluster validate - --stdin-filename filings/a/cluster.yaml', '从标准输入读取', 'read from stdin'],
  ],
  init: [['cluster init filings/荆门动力电池', '新建申报文件和佐证材料文件夹', 'a new filing and its evidence folders']],
  render: [['cluster render cluster.yaml -o out/', '生成附件2、附件1 和自评报告 PDF', 'Annex 2, Annex 1 and the self-assessment as PDF']],
  pack: [
    ['cluster pack cluster.yaml -o out/申报材料.zip', '校验、生成 PDF 并打包', 'validate, render and pack'],
    ['cluster pack cluster.yaml --stamped 盖章页扫描.pdf', '连同盖章、签字页的扫描件一起打包', 'pack with the scan of the stamped and signed pages'],
    ['cluster pack --verify 申报材料.zip', '核验收到的报送包', 'verify a received package'],
  ],
  schema: [['cluster schema --write', '把 schema 副本写入仓库（提交它，同事的编辑器也能补全）', 'copy the schemas into the repository (commit them)']],
  doctor: [['cluster doctor cluster.yaml', '检查安装和该申报文件适用的配置', 'check the installation and what applies to this filing']],
};

/** Examples, exit codes and the built-in profile ids in the help. */
function addExamples(program: Command, lang: Lang): void {
  const zh = lang === 'zh';
  const ex = (rows: Array<[string, string, string]>) => rows.map(([c, z, e]) => `  $ ${c}\n      ${zh ? z : e}`).join('\n');
  const profiles = (): string => {
    try {
      const dir = fileURLToPath(new URL('../templates/profiles/', import.meta.url));
      return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort().join(zh ? '、' : ', ');
    } catch {
      return 'national-2024';
    }
  };
  const exits = zh
    ? '退出码：\n  0  没有错误（有警告也通过，除非超过 --max-warnings）\n  1  至少一个错误（或警告超过 --max-warnings）\n  2  命令无法完成：用法错误、文件无法读取或解析、输出无法写入'
    : 'Exit codes:\n  0  no error (warnings pass unless over --max-warnings)\n  1  at least one error (or warnings over --max-warnings)\n  2  the command could not do its job: bad usage, unreadable input, unwritable output';
  program.addHelpText('after', () =>
    [
      '',
      zh ? '示例：' : 'Examples:',
      ex([...EXAMPLES.validate!.slice(0, 2), ...EXAMPLES.init!, ...EXAMPLES.pack!.slice(0, 1), ...EXAMPLES.doctor!]),
      '',
      exits,
      '',
      `${zh ? '内置认定标准配置（--profile）' : 'Built-in profiles (--profile)'}：${profiles()}`,
      zh
        ? '项目配置：cluster.config.yaml（从申报文件所在文件夹向上查找）；语言：--lang en 或环境变量 CLUSTER_LANG=en。详见 docs/cli.md'
        : 'Project configuration: cluster.config.yaml (found walking up from each filing); language: --lang en or CLUSTER_LANG=en. See docs/cli.md',
    ].join('\n'),
  );
  for (const c of program.commands) {
    const rows = EXAMPLES[c.name()];
    c.addHelpText('after', () => [...(rows ? ['', zh ? '示例：' : 'Examples:', ex(rows)] : []), '', exits].join('\n'));
  }
}

function report(err: unknown, lang: Lang, debug: boolean): number {
  if (err instanceof CliError) {
    const where = formatLocation(err.file, err.location);
    // Control characters (from a file name or a quoted value) shown, not sent to the terminal.
    process.stderr.write(`cluster: ${visible(`${where ? where + ': ' : ''}${err.text(lang)}`)}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err as Error;
  if (debug) process.stderr.write(`${e?.stack ?? String(e)}\n`);
  else
    process.stderr.write(
      lang === 'zh'
        ? `cluster: 内部错误：${visible(e?.message ?? String(e))}（加 --debug 查看详情，并请报告此问题）\n`
        : `cluster: internal error: ${visible(e?.message ?? String(e))} (run with --debug for details, and please report it)\n`,
    );
  return 2;
}

export async function main(argv: readonly string[]): Promise<number> {
  const lang = detectLang(argv);
  const debug = argv.includes('--debug');
  let pending: Promise<number> | undefined;
  const program = buildProgram(
    lang,
    (p) => {
      pending = p;
    },
    argv,
  );
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') return e.exitCode === 0 ? 0 : 2;
      const zh = COMMANDER_ZH[e.code];
      const msg = lang === 'zh' && zh ? zh(e.message) : e.message.replace(/^error: /, '').replace(/\n/g, ' ');
      process.stderr.write(`cluster: ${visible(msg)}\n`);
      return 2;
    }
    return report(e, lang, debug);
  }
  if (!pending) {
    program.outputHelp();
    return 2;
  }
  try {
    return await pending;
  } catch (e) {
    return report(e, lang, debug);
  }
}
