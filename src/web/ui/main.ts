/**
 * The page: plain DOM over the core (src/core.ts) with the page's host (src/web/host.ts). Everything
 * happens in this browser tab: files come from the picker or a drop, results go to Blob downloads.
 */
import * as pdfkit from 'pdfkit';
import * as yaml from 'yaml';
import { profiles, coverage, validator, templateFile } from 'cluster-web-data';
import { annualPdf, annualYears, check, metricRows, renderPdfs, resetConfigs, sections, setHost, summaryPdf, builtinProfiles, DEFAULT_PROFILE, type Checked, type Finding } from '../../core.js';
import { forgetProfileFiles } from '../../profile.js';
import { selectFilings, settingsOf } from '../select.js';
import { CliError, formatLocation } from '../../errors.js';
import { escapeControls } from '../../escape.js';
import type { PdfKitModule } from '../../host.js';
import { VERSION } from '../../version.js';
import { createWebHost, FONT_FILES, INPUT_ROOT } from '../host.js';
import { collectDrop, collectInput, collectZip, type Picked, PickError } from './files.js';
import { T, type Lang } from './i18n.js';
import { packView, PageError, verifyView, type PackState, type Ui } from './package.js';

const host = createWebHost({ profiles, coverage, validator, loadPdfKit: async () => pdfkit as unknown as PdfKitModule, yaml });
setHost(host);

let lang: Lang = 'zh';
const t = (k: keyof typeof T.zh, ...args: Array<string | number>): string => {
  let s: string = T[lang][k];
  args.forEach((a, i) => (s = s.replace(`{${i}}`, String(a))));
  return s;
};

interface Filing {
  /** Path under the picked root, e.g. jingmen-battery/cluster.yaml */
  rel: string;
  checked?: Checked;
  pdfs?: Array<{ name: string; url: string; size: number; pages?: number }>;
  /** The findings as `cluster validate --format json` writes them. */
  json?: { name: string; url: string; size: number };
  /** The cluster.config.yaml it was judged with (as the user knows the path). */
  config?: string;
  /** The profile and rule levels it was judged with (pack uses the same, as the CLI does). */
  settings?: { profile: string; ruleLevels?: Readonly<Record<string, 'off' | 'info' | 'warning' | 'error'>> };
  /** The submission zip and Word files made from it. */
  pack?: PackState;
  /** Annual reports made (review filings): one per year asked for. */
  annual?: Array<{ name: string; url: string; size: number; pages?: number }>;
  annualYear?: number;
}

const state: { filings: Filing[]; picked: number; bytes: number; profile: string; busy: boolean; summary?: { name: string; url: string; size: number }; city: string; contact: string } = {
  city: '',
  contact: '',
  filings: [],
  picked: 0,
  bytes: 0,
  /** '' : as the CLI without --profile (the nearest cluster.config.yaml's, else the default). */
  profile: '',
  busy: false,
};

// ------------------------------------------------------------------ small DOM helpers

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean> = {}, ...children: Array<Node | string | null | undefined>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    if (k === 'class') e.className = String(v);
    else if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** Text from a filing or a file name: control characters shown escaped, never interpreted. */
const safe = (s: string) => escapeControls(s);

function kb(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function download(name: string, data: Uint8Array, type: string): { name: string; url: string; size: number } {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  return { name, url, size: data.length };
}

// ------------------------------------------------------------------ status and errors

const status = el('div', { id: 'status', role: 'status', 'aria-live': 'polite' });
const progress = el('progress', { id: 'progress', max: '100', value: '0', hidden: true, 'aria-label': '进度' });
const alertBox = el('div', { id: 'alert', role: 'alert' });

function say(msg: string, part?: number, whole?: number): void {
  status.textContent = msg;
  if (part !== undefined && whole) {
    progress.hidden = false;
    progress.max = whole;
    progress.value = part;
  } else progress.hidden = true;
}

/** Lets the browser paint the status before a long synchronous step. */
const paint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

function errorText(e: unknown): string {
  if (e instanceof PickError) return e.msg[lang];
  if (e instanceof PageError) return e.message;
  if (e instanceof CliError) {
    const where = formatLocation(e.file ? e.file.replace(`${INPUT_ROOT}/`, '') : undefined, e.location);
    return safe(`${where ? where + '：' : ''}${e.text(lang)}`);
  }
  return t('internal', safe(String((e as Error)?.message ?? e)));
}

function showError(e: unknown): void {
  alertBox.replaceChildren(el('p', { class: 'error', text: errorText(e) }));
  say('');
}

window.addEventListener('error', (ev) => showError(ev.error ?? ev.message));
window.addEventListener('unhandledrejection', (ev) => showError(ev.reason));

async function busy<T>(fn: () => Promise<T>): Promise<T | undefined> {
  if (state.busy) return undefined;
  state.busy = true;
  document.body.setAttribute('aria-busy', 'true');
  alertBox.replaceChildren();
  try {
    return await fn();
  } catch (e) {
    showError(e);
    return undefined;
  } finally {
    state.busy = false;
    document.body.removeAttribute('aria-busy');
    progress.hidden = true;
  }
}

// ------------------------------------------------------------------ fonts (loaded when the first PDF is made)

let fontsLoaded: Promise<void> | undefined;

/**
 * The fonts are scripts beside the page (fonts/*.js, each the font file in base64): a script loads from
 * file:// where fetch() is refused, and from any static server alike.
 */
function loadFonts(): Promise<void> {
  const entries = Object.entries(FONT_FILES) as Array<[keyof typeof FONT_FILES, string]>;
  fontsLoaded ??= (async () => {
    const w = window as unknown as { clusterFont?: (key: string, b64: string) => void };
    const waiting = new Map<string, (b64: string) => void>();
    w.clusterFont = (key, b64) => waiting.get(key)?.(b64);
    let done = 0;
    for (const [key] of entries) {
      say(t('loadingFont', done + 1, entries.length), done, entries.length);
      const b64 = await new Promise<string>((resolve, reject) => {
        waiting.set(key, resolve);
        const s = el('script', { src: `fonts/${key}.js` });
        s.onerror = () => reject(new PickError({ zh: `无法加载字体 fonts/${key}.js：请保持网页文件夹完整（cluster web 生成的全部文件）`, en: `cannot load the font fonts/${key}.js: keep the page's folder whole (every file cluster web wrote)` }));
        document.head.append(s);
      });
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      host.put(FONT_FILES[key], bytes);
      done++;
      await paint();
    }
  })().catch((e) => {
    fontsLoaded = undefined;
    throw e;
  });
  return fontsLoaded;
}

// ------------------------------------------------------------------ the Excel template

let templateUrl: string | undefined;

/**
 * The template downloads as a Blob, like every other file of the page: its bytes come from
 * template.js beside the page (a script loads from file://, where fetch() is refused). The link's own
 * href (the .xlsx beside the page) is what a browser without scripts would follow.
 */
function templateLink(): HTMLElement {
  const a = el('a', { href: templateFile, download: templateFile, class: 'button template', text: t('template') });
  a.addEventListener('click', (ev) => {
    if (a.href.startsWith('blob:')) return;
    ev.preventDefault();
    void busy(async () => {
      templateUrl ??= await new Promise<string>((resolve, reject) => {
        const w = window as unknown as { clusterTemplate?: (b64: string) => void };
        w.clusterTemplate = (b64) => {
          const bin = atob(b64);
          const bytes = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
          resolve(download(templateFile, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').url);
        };
        const s = el('script', { src: 'template.js' });
        s.onerror = () => reject(new PickError({ zh: '无法加载 template.js：请保持网页文件夹完整（cluster web 生成的全部文件）', en: 'cannot load template.js: keep the page’s folder whole (every file cluster web wrote)' }));
        document.head.append(s);
      });
      a.href = templateUrl;
      a.click();
    });
  });
  if (templateUrl) a.href = templateUrl;
  return a;
}

// ------------------------------------------------------------------ loading what the user picked

const MAX_FILINGS = 200;

async function take(picked: Picked[]): Promise<void> {
  host.clear(INPUT_ROOT);
  for (const f of state.filings) for (const p of [...(f.pdfs ?? []), ...(f.annual ?? []), ...(f.pack?.zip ? [f.pack.zip] : []), ...(f.pack?.docx ?? [])]) URL.revokeObjectURL(p.url);
  if (state.summary) URL.revokeObjectURL(state.summary.url);
  state.summary = undefined;
  state.filings = [];
  render();
  // A new folder: configs and profile files are read afresh, named as the user knows them.
  resetConfigs({ shown: (abs) => (abs.startsWith(`${INPUT_ROOT}/`) ? abs.slice(INPUT_ROOT.length + 1) : abs) });
  forgetProfileFiles();
  let bytes = 0;
  let i = 0;
  for (const p of picked) {
    if (++i % 20 === 0) {
      say(t('reading', i, picked.length), i, picked.length);
      await paint();
    }
    const data = p.bytes ?? new Uint8Array(await p.file!.arrayBuffer());
    bytes += data.length;
    host.put(`${INPUT_ROOT}/${p.path}`, data);
  }
  state.picked = picked.length;
  state.bytes = bytes;
  // As `cluster validate` walks a folder: evidence and dot folders skipped, non-filings left out,
  // cluster.config.yaml `ignores:` honoured (a broken config stops here with the CLI's message).
  const filings = selectFilings(INPUT_ROOT, picked.map((p) => p.path));
  if (filings.length === 0) throw new PickError({ zh: '没有找到申报文件（.yaml、.yml、.json 或 .xlsx）：请选择含 cluster.yaml 的文件夹，或直接选择申报文件', en: 'no filing found (.yaml, .yml, .json or .xlsx): pick the folder holding cluster.yaml, or the filing itself' });
  if (filings.length > MAX_FILINGS) throw new PickError({ zh: `申报文件过多（${filings.length} 个，上限 ${MAX_FILINGS}）`, en: `too many filings (${filings.length}, limit ${MAX_FILINGS})` });
  state.filings = filings.map((rel) => ({ rel }));
  await runChecks();
  // The results are below the pickers (at 1366×768, below the fold): keyboard and screen-reader users land on them.
  (resultsBox.querySelector('.filing h2') as HTMLElement | null)?.focus();
}

async function runChecks(): Promise<void> {
  let n = 0;
  for (const f of state.filings) {
    say(t('checking', safe(f.rel), ++n, state.filings.length), n - 1, state.filings.length);
    await paint();
    const file = `${INPUT_ROOT}/${f.rel}`;
    // Named as the user knows it (jingmen-battery/cluster.yaml); evidence is looked up beside it.
    const s = settingsOf(INPUT_ROOT, f.rel, state.profile, DEFAULT_PROFILE);
    f.config = s.config ? s.config.file.slice(INPUT_ROOT.length + 1) : undefined;
    const levels = s.config && Object.keys(s.config.rules).length ? { ruleLevels: s.config.rules } : {};
    f.settings = { profile: s.profile, ...levels };
    f.checked = await check({ file: f.rel, dir: host.path.dirname(file), bytes: host.readFile(file, 64 * 1048576), profile: s.profile, lang, ...levels });
    f.pdfs = undefined;
    if (f.json) URL.revokeObjectURL(f.json.url);
    f.json = download(`${f.rel.replace(/[\/]/g, '_').replace(/\.[^.]+$/, '')}.findings.json`, new TextEncoder().encode(f.checked.json), 'application/json');
  }
  say(t('checked', state.filings.length, state.picked, kb(state.bytes)));
  render();
}

// ------------------------------------------------------------------ rendering the results

const resultsBox = el('div', { id: 'results' });

function location(f: Finding, rel: string): string {
  if (f.sheet) return `${f.sheet}${f.cell ? '!' + f.cell : ''}`;
  if (f.line) return `${rel.split('/').pop()}:${f.line}${f.column ? ':' + f.column : ''}`;
  return '';
}

const SEV: Record<string, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

function findingsView(f: Filing, idx: number): HTMLElement {
  const r = f.checked!.result;
  const box = el('section', { class: 'findings', 'aria-labelledby': `find-${idx}` });
  box.append(el('h3', { id: `find-${idx}`, text: t('findings') }));
  if (r.findings.length === 0) {
    box.append(el('p', { class: 'ok', text: t('noFindings') }));
    return box;
  }
  const order = [...sections(lang), { id: 'other', title: t('otherSection') }];
  for (const sec of order) {
    const list = r.findings.filter((x) => (x.section ?? 'other') === sec.id);
    if (list.length === 0) continue;
    const table = el(
      'table',
      {},
      el('caption', { text: lang === 'zh' ? `${sec.title}（${list.length}）` : `${sec.title} (${list.length})` }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('severity') }), el('th', { scope: 'col', text: t('where') }), el('th', { scope: 'col', text: t('message') }), el('th', { scope: 'col', text: t('rule') }))),
    );
    const body = el('tbody');
    for (const x of list) {
      body.append(
        el(
          'tr',
          { class: `sev-${x.severity}` },
          el('td', {}, el('span', { class: `badge ${x.severity}`, text: SEV[x.severity]?.[lang] ?? x.severity })),
          el('td', { class: 'loc', text: safe(location(x, f.rel)) }),
          el('td', { text: safe(x.message) }),
          el('td', { class: 'rule', text: x.ruleId }),
        ),
      );
    }
    table.append(body);
    box.append(el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': sec.title }, table));
  }
  return box;
}

function fmt(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return '—';
  return unit === '%' ? `${v.toFixed(2)}%` : `${Number(v.toFixed(4))} ${unit}`;
}

function metricsView(f: Filing, idx: number): HTMLElement {
  const rows = metricRows(f.checked!, lang);
  const verdict = { pass: t('pass'), fail: t('fail'), 'n/a': '—' };
  const table = el(
    'table',
    {},
    el('caption', { text: t('metricsCaption') }),
    el('thead', {}, el('tr', {}, ...[t('metric'), t('value'), t('threshold'), t('verdict'), t('formula')].map((h) => el('th', { scope: 'col', text: h })))),
  );
  const body = el('tbody');
  for (const m of rows) {
    // A figure per year: one line each (at 200 % zoom a joined line would widen the column past the screen).
    const value = m.byYear && m.value === null ? Object.entries(m.byYear).map(([y, v], i, all) => el('span', { class: 'year', text: `${y}: ${fmt(v, m.unit)}${i < all.length - 1 ? '；' : ''}` })) : [fmt(m.value, m.unit)];
    body.append(
      el(
        'tr',
        {},
        el('th', { scope: 'row', text: m.label }),
        el('td', { class: 'num' }, ...value),
        el('td', { class: 'num', text: m.threshold ?? '' }),
        el('td', {}, m.verdict === 'n/a' ? '—' : el('span', { class: `badge ${m.verdict === 'pass' ? 'ok' : 'error'}`, text: verdict[m.verdict] })),
        el('td', { class: 'formula', text: safe(m.formula) }),
      ),
    );
  }
  table.append(body);
  return el('section', { class: 'metrics', 'aria-labelledby': `met-${idx}` }, el('h3', { id: `met-${idx}`, text: t('metrics') }), el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': t('metricsCaption') }, table));
}

function assessmentView(f: Filing, idx: number): HTMLElement {
  // The self-assessment against 附件3: each criterion with a threshold, met or not (the PDF report has the full text).
  const rows = metricRows(f.checked!, lang).filter((m) => m.verdict !== 'n/a');
  const met = rows.filter((m) => m.verdict === 'pass').length;
  const r = f.checked!.result.summary;
  const verdict = r.error === 0 ? t('assessPass') : t('assessFail', r.error);
  return el(
    'section',
    { class: 'assess', 'aria-labelledby': `ass-${idx}` },
    el('h3', { id: `ass-${idx}`, text: t('assessment') }),
    el('p', { class: r.error === 0 ? 'ok' : 'bad', text: verdict }),
    el('p', { text: t('assessCriteria', met, rows.length) }),
  );
}

function filingView(f: Filing, idx: number): HTMLElement {
  const c = f.checked!;
  const s = c.result.summary;
  const card = el('article', { class: 'filing', 'aria-labelledby': `filing-${idx}` });
  const name = (c.loaded?.data.cover as Record<string, unknown> | undefined)?.clusterName;
  card.append(el('h2', { id: `filing-${idx}`, tabindex: '-1', text: safe(`${typeof name === 'string' && name ? name + ' — ' : ''}${f.rel}`) }));
  card.append(el('p', { class: s.error ? 'bad' : 'ok', text: t('summaryLine', s.error, s.warning, s.info, c.profile.id) }));
  if (f.config) card.append(el('p', { class: 'note config', text: t('configUsed', safe(f.config)) }));
  card.append(findingsView(f, idx));
  if (f.json) card.append(el('p', {}, el('a', { href: f.json.url, download: f.json.name, class: 'json', text: t('json') }), ` (${kb(f.json.size)})`));
  if (c.loaded) {
    card.append(metricsView(f, idx), assessmentView(f, idx));
    const actions = el('div', { class: 'actions' });
    const review = c.profile.kind === 'review';
    const btn = el('button', { type: 'button', class: 'make-pdf', text: f.pdfs ? t('pdfAgain') : review ? t('makePdfReview') : t('makePdf') });
    btn.addEventListener('click', () => void makePdfs(f));
    actions.append(btn);
    const list = (docs: NonNullable<Filing['pdfs']>, cls: string) => {
      const ul = el('ul', { class: `downloads ${cls}`, 'aria-label': t('downloads') });
      for (const p of docs) ul.append(el('li', {}, el('a', { href: p.url, download: p.name, text: p.name }), ` (${p.pages ?? '?'} ${t('pages')}, ${kb(p.size)})`));
      return ul;
    };
    if (f.pdfs) actions.append(list(f.pdfs, 'forms'));
    // A review filing's annual development report (cluster annual --year Y --pdf), for any plan year.
    const years = annualYears(c);
    if (years.length) {
      const year = el('select', { id: `annual-year-${idx}` });
      for (const y of years) year.append(el('option', { value: String(y), text: String(y) }));
      year.value = String(f.annualYear ?? years.filter((y) => y < new Date().getFullYear()).pop() ?? years[0]);
      year.addEventListener('change', () => (f.annualYear = Number(year.value)));
      const make = el('button', { type: 'button', class: 'make-annual', text: t('makeAnnual') });
      make.addEventListener('click', () => void makeAnnual(f, Number(year.value)));
      actions.append(el('div', { class: 'field annual' }, el('label', { for: `annual-year-${idx}`, text: t('annualYear') }), year, make));
      if (f.annual) actions.append(list(f.annual, 'annual'));
    }
    if (s.error) actions.append(el('p', { class: 'note', text: t('draftNote') }));
    card.append(actions);
    card.append(packView(ui, f.rel, c, (f.pack ??= {}), idx, f.settings));
  }
  return card;
}

function summaryView(): HTMLElement | null {
  const usable = state.filings.filter((f) => f.checked?.loaded);
  if (usable.length === 0) return null;
  // Review filings of one batch get the review summary (no city header: as cluster summary).
  const review = usable.every((f) => f.checked!.profile.kind === 'review');
  const city = el('input', { id: 'city', type: 'text', autocomplete: 'organization' });
  const contact = el('input', { id: 'contact', type: 'text', autocomplete: 'name' });
  city.value = state.city;
  contact.value = state.contact;
  city.addEventListener('input', () => (state.city = city.value));
  contact.addEventListener('input', () => (state.contact = contact.value));
  const btn = el('button', { type: 'button', text: review ? t('makeReviewSummary', usable.length) : t('makeSummary', usable.length) });
  btn.addEventListener('click', () =>
    void busy(async () => {
      await loadFonts();
      say(t('rendering', review ? t('reviewSummaryTitle') : t('summaryTitle')));
      await paint();
      const d = await summaryPdf(
        usable.map((f) => f.checked!),
        { city: city.value.trim(), contact: contact.value.trim() },
        { lang },
      );
      if (state.summary) URL.revokeObjectURL(state.summary.url);
      state.summary = download(d.name, d.data, 'application/pdf');
      say(t('done'));
      render();
    }),
  );
  const box = el(
    'section',
    { class: 'summary', 'aria-labelledby': 'summary-h' },
    el('h2', { id: 'summary-h', text: review ? t('reviewSummaryTitle') : t('summaryTitle') }),
    el('p', { class: 'note', text: review ? t('reviewSummaryNote') : t('summaryNote') }),
    review ? null : el('div', { class: 'field' }, el('label', { for: 'city', text: t('city') }), city),
    review ? null : el('div', { class: 'field' }, el('label', { for: 'contact', text: t('contact') }), contact),
    btn,
  );
  if (state.summary) box.append(el('p', {}, el('a', { href: state.summary.url, download: state.summary.name, text: state.summary.name }), ` (${kb(state.summary.size)})`));
  return box;
}

function render(): void {
  resultsBox.replaceChildren(...state.filings.filter((f) => f.checked).map((f, i) => filingView(f, i)));
  const s = summaryView();
  if (s && state.filings.length > 0) resultsBox.append(s);
}

async function makeAnnual(f: Filing, year: number): Promise<void> {
  await busy(async () => {
    await loadFonts();
    say(t('rendering', `${safe(f.rel)} ${year}`));
    await paint();
    const d = await annualPdf(f.checked!, year, lang);
    const made = { ...download(d.name, d.data, 'application/pdf'), ...(d.pages !== undefined ? { pages: d.pages } : {}) };
    const old = f.annual?.find((a) => a.name === d.name);
    if (old) URL.revokeObjectURL(old.url);
    f.annual = [...(f.annual ?? []).filter((a) => a.name !== d.name), made].sort((a, b) => (a.name < b.name ? -1 : 1));
    say(t('done'));
    render();
    (document.querySelector(`#results .downloads.annual a`) as HTMLElement | null)?.focus();
  });
}

async function makePdfs(f: Filing): Promise<void> {
  await busy(async () => {
    await loadFonts();
    say(t('rendering', safe(f.rel)), 3, 4);
    await paint();
    const { pdfs, warnings } = await renderPdfs(f.checked!, lang);
    for (const p of f.pdfs ?? []) URL.revokeObjectURL(p.url);
    f.pdfs = pdfs.map((p) => ({ ...download(p.name, p.data, 'application/pdf'), ...(p.pages !== undefined ? { pages: p.pages } : {}) }));
    say(t('pdfDone', pdfs.length) + (warnings.length ? ` ${t('layoutWarnings', warnings.length)}` : ''));
    render();
    (document.querySelector(`#results .downloads a`) as HTMLElement | null)?.focus();
  });
}

// ------------------------------------------------------------------ the package tools (./package.ts)

const ui: Ui = { host, lang: () => lang, el, busy, say, paint, download, loadFonts, kb, safe, render: () => render(), errorBox: showError };

// ------------------------------------------------------------------ the page

function build(): void {
  const app = document.getElementById('app')!;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title') + (lang === 'zh' ? '（离线网页版）' : ' (offline page)');
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n]')) e.textContent = t(e.dataset.i18n as keyof typeof T.zh);
  const langBtn = document.getElementById('lang')!;
  langBtn.textContent = lang === 'zh' ? 'English' : '中文';
  langBtn.setAttribute('aria-label', lang === 'zh' ? 'Switch to English' : '切换到中文');
  langBtn.setAttribute('lang', lang === 'zh' ? 'en' : 'zh-CN');
  document.getElementById('version')!.textContent = `v${VERSION}`;
  progress.setAttribute('aria-label', t('progress'));

  const step1 = el(
    'section',
    { class: 'step', 'aria-labelledby': 's1' },
    el('h2', { id: 's1', text: t('step1') }),
    el('p', {}, templateLink()),
    el('p', { class: 'note', text: t('templateNote') }),
  );

  const folder = el('input', { id: 'pick-folder', type: 'file', webkitdirectory: true, multiple: true, class: 'visually-hidden' });
  const files = el('input', { id: 'pick-files', type: 'file', multiple: true, accept: '.yaml,.yml,.json,.xlsx,.zip', class: 'visually-hidden' });
  const profile = el('select', { id: 'profile' });
  profile.append(el('option', { value: '', text: t('profileAuto', DEFAULT_PROFILE), selected: state.profile === '' }));
  for (const id of builtinProfiles()) profile.append(el('option', { value: id, text: id, selected: id === state.profile }));
  profile.addEventListener('change', () => {
    state.profile = profile.value;
    if (state.filings.length) void busy(runChecks);
  });
  folder.addEventListener('change', () => void busy(async () => take(await collectInput(folder.files!))));
  files.addEventListener('change', () =>
    void busy(async () => {
      const list = [...files.files!];
      const zip = list.length === 1 && /\.zip$/i.test(list[0]!.name) ? list[0]! : undefined;
      await take(zip ? await collectZip(zip) : await collectInput(files.files!));
    }),
  );
  const drop = el('div', { id: 'drop', class: 'drop', tabindex: '0', role: 'button', 'aria-describedby': 'drop-help' }, el('span', { text: t('drop') }));
  drop.addEventListener('click', () => folder.click());
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      folder.click();
    }
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const dt = e.dataTransfer;
    if (!dt) return;
    const items = collectDrop(dt);
    void busy(async () => take(await items));
  });

  const step2 = el(
    'section',
    { class: 'step', 'aria-labelledby': 's2' },
    el('h2', { id: 's2', text: t('step2') }),
    el('p', { id: 'drop-help', class: 'note', text: t('pickHelp') }),
    // Each hidden input before its label: the focused one's label shows the focus ring (input:focus-visible + label).
    el('div', { class: 'pickers' }, folder, el('label', { for: 'pick-folder', class: 'button', text: t('pickFolder') }), files, el('label', { for: 'pick-files', class: 'button', text: t('pickFiles') })),
    drop,
    el('div', { class: 'field' }, el('label', { for: 'profile', text: t('profile') }), profile),
  );
  app.replaceChildren(step1, step2, verifyView(ui), el('div', { class: 'statusbar' }, status, progress), alertBox, resultsBox);
  render();
}

document.getElementById('lang')!.addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  build();
  if (state.filings.length) void busy(runChecks);
});

build();
