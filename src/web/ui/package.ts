/**
 * The page's package tools: the submission zip (`cluster pack`), the Word files (`render --docx`) of a
 * filing, and the check of a received package (`pack --verify`). The core does the work, through the
 * page's host (the zip is written into memory); this module only wires it to buttons, progress and
 * downloads. Its own words are here (zh/en), so the page's other files stay as they are.
 */
import { packFiling, renderWord, verifyText, verifyZip, type Checked, type VerifyReport } from '../../core.js';
import type { ProgressBar, ProgressState } from '../../pack/progress.js';
import { overallFraction } from '../../pack/progress.js';
import type { WebHost } from '../host.js';
import { INPUT_ROOT, MAX_PAGE_ZIP_BYTES } from '../host.js';
import type { Lang } from './i18n.js';

const W = {
  zh: {
    packTitle: '报送包与 Word 文件',
    makeZip: '生成报送包（zip）',
    zipAgain: '重新生成报送包',
    force: '校验有错误时仍然打包（--force，将在材料清单中注明）',
    packing: '正在生成报送包：{0}',
    packDone: '报送包已生成：{0}（{1}），与命令行 cluster pack 生成的字节相同。',
    refused: '未生成报送包：{0}',
    packFindings: '打包发现的问题（{0}）',
    fingerprint: '报送包指纹（SHA-256）',
    makeWord: '生成 Word 文件（.docx）',
    wordAgain: '重新生成 Word 文件',
    wordDone: '已生成 {0} 个 Word 文件。',
    wording: '正在生成 Word 文件…',
    verifyTitle: '第三步（收件方）：核验收到的报送包',
    verifyHelp: '选择收到的报送包 zip（分卷时一并选择全部分卷）：检查是否被改动、缺少或多出文件、各解压工具看到的内容是否相同、盖章扫描件是否在内，与命令行 cluster pack --verify 相同。',
    pickZip: '选择报送包 zip…',
    verifying: '正在核验 {0}…',
    verifyOk: '报送包完整，未被改动。',
    verifyBad: '报送包核验未通过：{0} 个问题。',
    verifyError: '无法读取该报送包。',
    verifyReport: '核验报告（与命令行输出相同）',
    tooBig: 'zip 过大（{0}，网页版上限 {1}）：请用命令行 cluster pack --verify 核验',
    notZip: '请选择 .zip 文件（收到的报送包）',
    phase_validate: '校验',
    phase_inspect: '检查佐证材料',
    phase_render: '生成 PDF 和 Word',
    phase_write: '写入 zip',
    phase_verify: '核对文件',
  },
  en: {
    packTitle: 'Package and Word files',
    makeZip: 'Make the submission zip',
    zipAgain: 'Make the zip again',
    force: 'Pack even with validation errors (--force; recorded in the 材料清单)',
    packing: 'Making the package: {0}',
    packDone: 'Package written: {0} ({1}), byte for byte what cluster pack writes.',
    refused: 'No package written: {0}',
    packFindings: 'Found while packing ({0})',
    fingerprint: 'Package fingerprint (SHA-256)',
    makeWord: 'Make the Word files (.docx)',
    wordAgain: 'Make the Word files again',
    wordDone: '{0} Word files made.',
    wording: 'Making the Word files…',
    verifyTitle: 'Step 3 (receiver): verify a package received',
    verifyHelp: 'Pick the package zip you received (all parts of a split package): checks that nothing was altered, missing or added, that every extractor sees the same, and that the stamped scans are in it — as cluster pack --verify does.',
    pickZip: 'Pick the package zip…',
    verifying: 'Verifying {0}…',
    verifyOk: 'The package is intact: not altered.',
    verifyBad: 'Package verification failed: {0} problems.',
    verifyError: 'The package cannot be read.',
    verifyReport: 'Verification report (as the command line prints it)',
    tooBig: 'zip too large ({0}; the page’s limit is {1}): verify it with cluster pack --verify',
    notZip: 'Pick .zip files (the package received)',
    phase_validate: 'validating',
    phase_inspect: 'inspecting evidence',
    phase_render: 'rendering PDFs and Word files',
    phase_write: 'writing the zip',
    phase_verify: 'checking files',
  },
};
type Key = keyof typeof W.zh;

export interface Link {
  name: string;
  url: string;
  size: number;
}

/** What this module needs of the page (main.ts). */
export interface Ui {
  host: WebHost;
  lang(): Lang;
  el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | boolean>, ...children: Array<Node | string | null | undefined>): HTMLElementTagNameMap[K];
  busy<T>(fn: () => Promise<T>): Promise<T | undefined>;
  say(msg: string, part?: number, whole?: number): void;
  paint(): Promise<void>;
  download(name: string, data: Uint8Array, type: string): Link;
  loadFonts(): Promise<void>;
  kb(n: number): string;
  safe(s: string): string;
  render(): void;
  /** The findings table of a list of findings (the page's own view). */
  errorBox(e: unknown): void;
}

/** The profile and rule levels a filing was judged with. */
export interface Settings {
  profile: string;
  ruleLevels?: Readonly<Record<string, 'off' | 'info' | 'warning' | 'error'>>;
}

/** Per filing: what was made. */
export interface PackState {
  zip?: Link & { fingerprint: string };
  refusal?: string;
  packFindings?: Array<{ severity: string; message: string; ruleId: string }>;
  docx?: Link[];
  force?: boolean;
}

export function w(lang: Lang, k: Key, ...args: Array<string | number>): string {
  let s: string = W[lang][k];
  args.forEach((a, i) => (s = s.replace(`{${i}}`, String(a))));
  return s;
}

/**
 * A progress bar for the core (pack and verify update it synchronously): the status line and the
 * <progress> element, at most every 100 ms.
 */
function bar(ui: Ui, label: (s: ProgressState) => string): ProgressBar {
  let last = 0;
  return {
    update(s) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      ui.say(label(s), Math.round(overallFraction(s) * 1000), 1000);
    },
    done() {},
  };
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The buttons and downloads of one filing's package and Word files. */
export function packView(ui: Ui, rel: string, c: Checked, st: PackState, idx: number, settings?: Settings): HTMLElement {
  const { el } = ui;
  const lang = ui.lang();
  const box = el('section', { class: 'package', 'aria-labelledby': `pkg-${idx}` }, el('h3', { id: `pkg-${idx}`, text: w(lang, 'packTitle') }));
  const zipBtn = el('button', { type: 'button', class: 'make-zip', text: st.zip ? w(lang, 'zipAgain') : w(lang, 'makeZip') });
  const wordBtn = el('button', { type: 'button', class: 'make-docx', text: st.docx ? w(lang, 'wordAgain') : w(lang, 'makeWord') });
  zipBtn.addEventListener('click', () => void makeZip(ui, rel, c, st, settings));
  wordBtn.addEventListener('click', () => void makeWord(ui, c, st));
  box.append(zipBtn, wordBtn);
  if (c.result.summary.error > 0) {
    const id = `force-${idx}`;
    const force = el('input', { type: 'checkbox', id, checked: !!st.force });
    force.addEventListener('change', () => (st.force = force.checked));
    box.append(el('div', { class: 'check' }, force, el('label', { for: id, text: w(lang, 'force') })));
  }
  if (st.refusal) box.append(el('p', { class: 'bad refusal', text: w(lang, 'refused', ui.safe(st.refusal)) }));
  const links = el('ul', { class: 'pkg-downloads' });
  if (st.zip) {
    links.append(el('li', {}, el('a', { href: st.zip.url, download: st.zip.name, class: 'zip', text: ui.safe(st.zip.name) }), ` (${ui.kb(st.zip.size)})`));
  }
  for (const d of st.docx ?? []) links.append(el('li', {}, el('a', { href: d.url, download: d.name, class: 'docx', text: ui.safe(d.name) }), ` (${ui.kb(d.size)})`));
  if (links.childElementCount) box.append(links);
  if (st.zip) box.append(el('p', { class: 'fingerprint' }, `${w(lang, 'fingerprint')}：`, el('code', { text: st.zip.fingerprint })));
  if (st.packFindings?.length) {
    const ul = el('ul', { class: 'pack-findings', 'aria-label': w(lang, 'packFindings', st.packFindings.length) });
    for (const f of st.packFindings) ul.append(el('li', { class: `sev-${f.severity}` }, el('code', { text: f.ruleId }), ' ', ui.safe(f.message)));
    box.append(el('p', { text: w(lang, 'packFindings', st.packFindings.length) }), ul);
  }
  return box;
}

async function makeZip(ui: Ui, rel: string, c: Checked, st: PackState, settings?: Settings): Promise<void> {
  await ui.busy(async () => {
    const lang = ui.lang();
    await ui.loadFonts();
    ui.say(w(lang, 'packing', w(lang, 'phase_validate')), 0, 1000);
    await ui.paint();
    const p = await packFiling({
      file: `${INPUT_ROOT}/${rel}`,
      // As `cluster pack` is run: the profile chosen or the config's, the config's rule levels.
      profile: settings?.profile ?? c.profile.id,
      ...(settings?.ruleLevels ? { ruleLevels: settings.ruleLevels } : {}),
      lang,
      force: !!st.force,
      progress: bar(ui, (s) => w(lang, 'packing', w(lang, `phase_${s.phase ?? 'write'}` as Key))),
    });
    if (st.zip) URL.revokeObjectURL(st.zip.url);
    st.zip = undefined;
    st.refusal = undefined;
    st.packFindings = p.result.result.findings.filter((f) => f.ruleId.startsWith('pack/')).map((f) => ({ severity: f.severity, message: f.message, ruleId: f.ruleId }));
    if (!p.result.packed) {
      st.refusal = p.result.refusal?.[lang] ?? '';
      ui.say(w(lang, 'refused', ui.safe(st.refusal)));
    } else {
      // The package is kept as a download only (not as a file of the picked folder).
      for (const o of p.result.outputs) ui.host.clear(o.path);
      const z = p.zips[0]!;
      st.zip = { ...ui.download(z.name, z.data, 'application/zip'), fingerprint: p.result.manifest!.fingerprint };
      ui.say(w(lang, 'packDone', ui.safe(z.name), ui.kb(z.data.length)));
    }
    ui.render();
    (document.querySelector('#results a.zip') as HTMLElement | null)?.focus();
  });
}

async function makeWord(ui: Ui, c: Checked, st: PackState): Promise<void> {
  await ui.busy(async () => {
    const lang = ui.lang();
    ui.say(w(lang, 'wording'));
    await ui.paint();
    const docs = await renderWord(c, lang);
    for (const d of st.docx ?? []) URL.revokeObjectURL(d.url);
    st.docx = docs.map((d) => ui.download(d.name, d.data, DOCX));
    ui.say(w(lang, 'wordDone', docs.length));
    ui.render();
    (document.querySelector('#results a.docx') as HTMLElement | null)?.focus();
  });
}

// ------------------------------------------------------------------ verify a received package

const VERIFY_ROOT = '/received';
/** The last report, shown again when the page is redrawn (the language switched). */
let lastReport: { report: VerifyReport; names: Map<string, string> } | undefined;

/** Step 3: pick a received package and see the CLI's report. */
export function verifyView(ui: Ui): HTMLElement {
  const { el } = ui;
  const lang = ui.lang();
  const input = el('input', { id: 'pick-package', type: 'file', accept: '.zip,application/zip', multiple: true, class: 'visually-hidden' });
  const out = el('div', { id: 'verify-result', 'aria-live': 'polite' });
  if (lastReport) out.append(reportView(ui, lastReport));
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    void ui.busy(async () => {
      out.replaceChildren();
      lastReport = undefined;
      const report = await verifyPicked(ui, files);
      if (report) {
        lastReport = report;
        out.replaceChildren(reportView(ui, report));
      }
    });
  });
  return el(
    'section',
    { class: 'step', 'aria-labelledby': 's3' },
    el('h2', { id: 's3', text: w(lang, 'verifyTitle') }),
    el('p', { id: 'verify-help', class: 'note', text: w(lang, 'verifyHelp') }),
    el('div', { class: 'pickers' }, el('label', { for: 'pick-package', class: 'button', text: w(lang, 'pickZip') }), input),
    out,
  );
}

async function verifyPicked(ui: Ui, files: File[]): Promise<{ report: VerifyReport; name: string; names: Map<string, string> } | undefined> {
  const lang = ui.lang();
  if (files.length === 0) return undefined;
  if (files.some((f) => !/\.zip$/i.test(f.name))) throw new PageError(w(lang, 'notZip'));
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_PAGE_ZIP_BYTES) throw new PageError(w(lang, 'tooBig', ui.kb(total), ui.kb(MAX_PAGE_ZIP_BYTES)));
  ui.host.clear(VERIFY_ROOT);
  const names = new Map<string, string>();
  const paths: string[] = [];
  for (const [i, f] of files.entries()) {
    ui.say(w(lang, 'verifying', ui.safe(f.name)), i, files.length * 10);
    await ui.paint();
    // Each zip under its own folder: two parts may carry the same name.
    const path = `${VERIFY_ROOT}/${i}/${f.name.replace(/[\\/]/g, '_')}`;
    ui.host.put(path, new Uint8Array(await f.arrayBuffer()));
    names.set(path, f.name);
    paths.push(path);
  }
  ui.say(w(lang, 'verifying', ui.safe(files[0]!.name)), 0, 1000);
  await ui.paint();
  const report = await verifyZip(paths[0]!, lang, {
    parts: paths.slice(1),
    progress: bar(ui, () => w(lang, 'verifying', ui.safe(files[0]!.name))),
  });
  ui.host.clear(VERIFY_ROOT);
  ui.say(report.code === 0 ? w(lang, 'verifyOk') : report.code === 1 ? w(lang, 'verifyBad', report.problems.length) : w(lang, 'verifyError'));
  return { report, name: files[0]!.name, names };
}

function reportView(ui: Ui, r: { report: VerifyReport; names: Map<string, string> }): HTMLElement {
  const { el } = ui;
  const lang = ui.lang();
  const report = r.report;
  const text = verifyText(report, { lang, shown: (f) => r.names.get(f) ?? f.slice(f.lastIndexOf('/') + 1) });
  const verdict =
    report.code === 0
      ? el('p', { class: 'ok verdict', text: w(lang, 'verifyOk') })
      : report.code === 1
        ? el('p', { class: 'bad verdict', text: w(lang, 'verifyBad', report.problems.length) })
        : el('p', { class: 'error verdict', role: 'alert', text: text.stderr ? text.stderr.replace(/^cluster: /, '').trim() : w(lang, 'verifyError') });
  const box = el('section', { class: 'verify-report', 'aria-labelledby': 'vr-h' }, el('h3', { id: 'vr-h', text: w(lang, 'verifyReport') }), verdict);
  if (text.stdout) box.append(el('pre', { class: 'report', tabindex: '0', 'aria-label': w(lang, 'verifyReport'), text: text.stdout }));
  return box;
}

/** A message for the page's alert box (a bad pick: the CLI would exit 2). */
export class PageError extends Error {}
