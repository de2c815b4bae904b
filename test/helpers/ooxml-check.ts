/**
 * Checks an .xlsx package against the OOXML/OPC rules that can be checked without Excel: every
 * part well-formed and typed ([Content_Types].xml), every relationship id unique and every internal
 * target present, every r:id a part uses defined, sheet names and ids unique, one VML shape-id
 * block per note drawing part with its shapes inside it, merged ranges and data-validation ranges
 * that do not overlap, inline dropdown lists within Excel's 255 characters.
 * Returns the problems found (empty when the package passes).
 */
import { parseXml } from './xml.js';

function resolve(source: string, target: string): string {
  const base = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
  ref: string;
}

function rect(ref: string): Rect {
  const [a, b = a] = ref.split(':') as [string, string?];
  const p = (x: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(x)!;
    let c = 0;
    for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
    return [Number(m[2]), c] as const;
  };
  const [r1, c1] = p(a);
  const [r2, c2] = p(b!);
  return { top: r1, left: c1, bottom: r2, right: c2, ref };
}

const overlap = (a: Rect, b: Rect) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

function overlaps(rects: Rect[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) if (overlap(rects[i]!, rects[j]!)) out.push(`${rects[i]!.ref} / ${rects[j]!.ref}`);
  return out;
}

export function checkPackage(parts: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  const text = (n: string) => parts.get(n)?.toString('utf8');
  const ct = text('[Content_Types].xml');
  if (ct === undefined) return ['no [Content_Types].xml'];
  const defaults = new Set([...ct.matchAll(/<Default\b[^>]*Extension="([^"]*)"/g)].map((m) => m[1]!.toLowerCase()));
  const overrides = new Set([...ct.matchAll(/<Override\b[^>]*PartName="([^"]*)"/g)].map((m) => m[1]!.slice(1)));
  for (const o of overrides) if (!parts.has(o)) problems.push(`content type for a missing part: /${o}`);
  for (const name of parts.keys()) {
    if (name === '[Content_Types].xml') continue;
    const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    if (!overrides.has(name) && !defaults.has(ext)) problems.push(`no content type: ${name}`);
    if (/\.(xml|rels|vml)$/.test(name)) {
      try {
        parseXml(text(name)!);
      } catch (e) {
        problems.push(`${name}: ${(e as Error).message}`);
      }
    }
  }
  // Relationships: unique ids, internal targets present; every r:id used by a part defined.
  const relIds = new Map<string, Set<string>>();
  for (const [name] of parts) {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(name);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    const ids = new Set<string>();
    for (const r of text(name)!.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /\bId="([^"]*)"/.exec(r[0])?.[1] ?? '';
      const target = /\bTarget="([^"]*)"/.exec(r[0])?.[1] ?? '';
      if (ids.has(id)) problems.push(`${name}: relationship id ${id} twice`);
      ids.add(id);
      if (/TargetMode="External"/.test(r[0])) continue;
      if (!parts.has(resolve(source, target))) problems.push(`${name}: ${id} → missing part ${target}`);
    }
    relIds.set(source, ids);
  }
  for (const [name] of parts) {
    if (!/\.xml$/.test(name)) continue;
    for (const m of text(name)!.matchAll(/\br:(?:id|embed|link|pict)="([^"]*)"/g)) {
      if (!relIds.get(name)?.has(m[1]!)) problems.push(`${name}: r:id ${m[1]} has no relationship`);
    }
  }
  // Sheets: unique ids and names.
  const wb = text('xl/workbook.xml') ?? '';
  const sheetIds = [...wb.matchAll(/<sheet\b[^>]*sheetId="(\d+)"/g)].map((m) => m[1]);
  if (new Set(sheetIds).size !== sheetIds.length) problems.push('duplicate sheetId');
  const names = [...wb.matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1]!.toLowerCase());
  if (new Set(names).size !== names.length) problems.push('duplicate sheet name');
  for (const n of names) if (n.length > 31 || /[[\]:*?/\\]/.test(n)) problems.push(`sheet name not allowed by Excel: ${n}`);
  // VML: one shape-id block per part, shapes inside their part's blocks, no id twice.
  const blocks = new Map<number, string>();
  const shapeIds = new Set<number>();
  for (const [name] of [...parts].filter(([n]) => /\.vml$/.test(n))) {
    const xml = text(name)!;
    const data = /<o:idmap\b[^>]*data="([^"]*)"/.exec(xml)?.[1];
    if (!data) {
      problems.push(`${name}: no o:idmap`);
      continue;
    }
    const mine = data.split(',').map(Number);
    for (const b of mine) {
      if (blocks.has(b)) problems.push(`${name}: shape-id block ${b} also used by ${blocks.get(b)}`);
      blocks.set(b, name);
    }
    for (const m of xml.matchAll(/<v:shape\s[^>]*\bid="_x0000_s(\d+)"/g)) {
      const id = Number(m[1]);
      if (shapeIds.has(id)) problems.push(`${name}: shape id ${id} twice`);
      shapeIds.add(id);
      if (!mine.includes(Math.floor(id / 1024))) problems.push(`${name}: shape id ${id} outside its blocks ${data}`);
    }
  }
  // Merged cells and data validations: no overlaps within a sheet; inline lists ≤ 255 characters.
  for (const [name] of [...parts].filter(([n]) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = text(name)!;
    const merges = [...xml.matchAll(/<mergeCell\b[^>]*ref="([^"]*)"/g)].map((m) => rect(m[1]!));
    for (const o of overlaps(merges)) problems.push(`${name}: merged ranges overlap: ${o}`);
    const dv = [...xml.matchAll(/<dataValidation\b[^>]*sqref="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/).map(rect));
    for (const o of overlaps(dv)) problems.push(`${name}: data-validation ranges overlap: ${o}`);
    const count = /<dataValidations\b[^>]*count="(\d+)"/.exec(xml)?.[1];
    const n = (xml.match(/<dataValidation\b/g) ?? []).length;
    if (count !== undefined && Number(count) !== n) problems.push(`${name}: dataValidations count ${count} ≠ ${n}`);
    for (const m of xml.matchAll(/<formula1>"([^<]*)"<\/formula1>/g)) if (m[1]!.length > 255) problems.push(`${name}: inline list over 255 characters`);
  }
  return problems;
}

export interface PrintInfo {
  sheet: string;
  paper: string | undefined;
  orientation: string | undefined;
  /** The fit-to-width scale Excel applies (whole percent, ≤ 100). */
  scale: number;
  /** Smallest font size of a cell that holds text, in points, before and after scaling. */
  minFont: number;
  printedMin: number;
  frozenRows: number;
  printTitles?: string;
  /** Fitted one page wide, or printed at the fixed `scale`. */
  fit: boolean;
  /** Width of the printed columns and of the page between the margins, in points (at 100%). */
  widthPt: number;
  printable: number;
  /** Height of the page between the top and bottom margins, in points. */
  printableHeight: number;
  /** Row heights as written (ht), by 1-based row. */
  heights: Map<number, number>;
  /** Manual page breaks: a page ends after each of these rows. */
  breaks: number[];
}

/**
 * How each sheet prints: the fit-to-width scale from its column widths (Excel's character width of
 * 7 px at 96 dpi for the default 11-pt font), A4's 841.9 × 595.3 pt, the page margins; and the
 * smallest font of a non-empty cell at that scale.
 */
export function printInfo(parts: Map<string, Buffer>): PrintInfo[] {
  const text = (n: string) => parts.get(n)?.toString('utf8') ?? '';
  const styles = text('xl/styles.xml');
  const fonts = [...(/<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font\b[^>]*?(?:\/>|>([\s\S]*?)<\/font>)/g)].map((m) => Number(/<sz val="([\d.]+)"/.exec(m[1] ?? '')?.[1] ?? 11));
  const xfs = [...(/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)].map((m) => Number(/fontId="(\d+)"/.exec(m[0])?.[1] ?? 0));
  const rels = text('xl/_rels/workbook.xml.rels');
  const out: PrintInfo[] = [];
  let index = -1;
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    index++;
    const name = /name="([^"]*)"/.exec(m[0])![1]!;
    if (/state="(hidden|veryHidden)"/.test(m[0])) continue;
    const rid = /r:id="([^"]*)"/.exec(m[0])![1]!;
    const target = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*>`).exec(rels)![0];
    const part = resolve('xl/workbook.xml', /Target="([^"]*)"/.exec(target)![1]!);
    const xml = text(part);
    const setup = /<pageSetup\b[^>]*>/.exec(xml)?.[0] ?? '';
    const fit = /<pageSetUpPr\b[^>]*fitToPage="(1|true)"/.test(xml);
    const margins = /<pageMargins\b[^>]*>/.exec(xml)?.[0] ?? '';
    const inch = (k: string) => Number(new RegExp(`\\b${k}="([\\d.]+)"`).exec(margins)?.[1] ?? 0.7);
    const landscape = /orientation="landscape"/.test(setup);
    const printable = (landscape ? 841.9 : 595.3) - 72 * (inch('left') + inch('right'));
    const printableHeight = (landscape ? 595.3 : 841.9) - 72 * (inch('top') + inch('bottom'));
    const heights = new Map<number, number>();
    for (const r of xml.matchAll(/<row\b[^>]*>/g)) {
      const ht = /\bht="([\d.]+)"/.exec(r[0])?.[1];
      heights.set(Number(/\br="(\d+)"/.exec(r[0])![1]), ht === undefined ? 15 : Number(ht));
    }
    const breaks = [...(/<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? '').matchAll(/<brk\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1]));
    let lastCol = 0;
    let minFont = Infinity;
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      if (!c[2] || !/<(v|is)>/.test(c[2])) continue;
      const ref = /r="([A-Z]+)\d+"/.exec(c[1]!)![1]!;
      let col = 0;
      for (const ch of ref) col = col * 26 + ch.charCodeAt(0) - 64;
      const hidden = [...xml.matchAll(/<col\b[^>]*>/g)].some((x) => /hidden="(1|true)"/.test(x[0]) && Number(/min="(\d+)"/.exec(x[0])![1]) <= col && Number(/max="(\d+)"/.exec(x[0])![1]) >= col);
      if (hidden) continue;
      lastCol = Math.max(lastCol, col);
      minFont = Math.min(minFont, fonts[xfs[Number(/\bs="(\d+)"/.exec(c[1]!)?.[1] ?? 0)] ?? 0] ?? 11);
    }
    let widthPt = 0;
    for (let col = 1; col <= lastCol; col++) {
      const def = [...xml.matchAll(/<col\b[^>]*>/g)].find((x) => Number(/min="(\d+)"/.exec(x[0])![1]) <= col && Number(/max="(\d+)"/.exec(x[0])![1]) >= col)?.[0];
      if (def && /hidden="(1|true)"/.test(def)) continue;
      const w = def ? Number(/width="([\d.]+)"/.exec(def)?.[1] ?? 9.14) : 9.14;
      widthPt += Math.trunc(w * 7) * 0.75;
    }
    const scale = fit ? Math.min(100, Math.floor((100 * printable) / widthPt)) : Number(/scale="(\d+)"/.exec(setup)?.[1] ?? 100);
    const pane = /<pane\b[^>]*>/.exec(xml)?.[0] ?? '';
    const titles = [...text('xl/workbook.xml').matchAll(/<definedName\b([^>]*)>([^<]*)</g)].find((d) => /name="_xlnm.Print_Titles"/.test(d[1]!) && new RegExp(`localSheetId="${index}"`).test(d[1]!));
    out.push({
      sheet: name,
      paper: /paperSize="(\d+)"/.exec(setup)?.[1],
      orientation: /orientation="(\w+)"/.exec(setup)?.[1],
      scale,
      minFont,
      printedMin: (minFont * scale) / 100,
      frozenRows: /state="frozen"/.test(pane) ? Number(/ySplit="(\d+)"/.exec(pane)?.[1] ?? 0) : 0,
      printTitles: titles ? titles[2]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&') : undefined,
      fit,
      widthPt,
      printable,
      printableHeight,
      heights,
      breaks,
    });
  }
  return out;
}

/**
 * The pages a sheet prints on, as Excel paginates at a fixed scale: rows fill the page height between
 * the margins (less the repeated title rows), a manual break ends a page, a row that does not fit
 * starts the next. Returns each page's first and last row.
 */
export function pagesOf(info: PrintInfo, lastRow: number, titleRows = 1): { first: number; last: number }[] {
  const scale = info.scale / 100;
  const h = (r: number) => (info.heights.get(r) ?? 15) * scale;
  let title = 0;
  for (let r = 1; r <= titleRows; r++) title += h(r);
  const pages: { first: number; last: number }[] = [];
  let first = 1;
  let used = 0;
  for (let r = 1; r <= lastRow; r++) {
    if (r > first && used + h(r) > info.printableHeight) {
      pages.push({ first, last: r - 1 });
      first = r;
      used = title;
    }
    used += h(r);
    if (info.breaks.includes(r) && r < lastRow) {
      pages.push({ first, last: r });
      first = r + 1;
      used = title;
    }
  }
  pages.push({ first, last: lastRow });
  return pages;
}
