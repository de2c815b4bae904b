/**
 * Reading a .docx in tests without external tools: the project's own zip reader, a strict XML parser
 * (./xml.ts), and an OOXML package check — every part well-formed with its namespace prefixes declared,
 * every part typed by [Content_Types].xml (and every override naming a real part), every relationship
 * target present, every r:id of a part defined in its relationships.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { openEntryStream, readZip, type ZipEntryInfo } from '../../src/pack/zip/index.js';
import { parseXml, type XmlElement } from './xml.js';

export interface Unzipped {
  entries: ZipEntryInfo[];
  parts: Map<string, string>;
}

export async function unzipDocx(data: Uint8Array): Promise<Unzipped> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-docx-'));
  try {
    const file = join(dir, 'x.docx');
    writeFileSync(file, data);
    const entries = await readZip(file);
    const parts = new Map<string, string>();
    for (const e of entries) {
      const chunks: Buffer[] = [];
      for await (const c of await openEntryStream(e)) chunks.push(c as Buffer);
      parts.set(e.name, Buffer.concat(chunks).toString('utf8'));
    }
    return { entries, parts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function walk(el: XmlElement, visit: (e: XmlElement) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

export function find(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  walk(el, (e) => e.name === name && out.push(e));
  return out;
}

/** Problems of the package; empty when it is a valid OOXML package as far as these checks go. */
export function checkPackage(parts: Map<string, string>): string[] {
  const problems: string[] = [];
  const trees = new Map<string, XmlElement>();
  for (const [name, src] of parts) {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
    // Characters XML 1.0 does not allow at all (not even as references): Word refuses such a part.
    const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|&#(x0*([0-8bBcCeEfF]|1[0-9a-fA-F])|0*([0-8]|1[124-9]|2[0-9]|3[01]));/.exec(src);
    if (bad) problems.push(`${name}: character not allowed in XML (${JSON.stringify(bad[0])})`);
    try {
      const root = parseXml(src);
      trees.set(name, root);
      const declared = new Set(['xml', ...Object.keys(root.attrs).filter((a) => a.startsWith('xmlns:')).map((a) => a.slice(6))]);
      walk(root, (e) => {
        for (const n of [e.name, ...Object.keys(e.attrs)]) {
          const i = n.indexOf(':');
          if (i > 0 && n.slice(0, i) !== 'xmlns' && !declared.has(n.slice(0, i))) problems.push(`${name}: prefix ${n.slice(0, i)} of <${n}> not declared`);
        }
      });
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
    }
  }
  const types = trees.get('[Content_Types].xml');
  if (!types) return [...problems, 'no [Content_Types].xml'];
  const defaults = new Map(find(types, 'Default').map((d) => [d.attrs.Extension!.toLowerCase(), d.attrs.ContentType!]));
  const overrides = new Map(find(types, 'Override').map((o) => [o.attrs.PartName!, o.attrs.ContentType!]));
  for (const p of overrides.keys()) if (!parts.has(p.slice(1))) problems.push(`[Content_Types].xml: override for a missing part ${p}`);
  for (const name of parts.keys()) {
    if (name === '[Content_Types].xml' || name.endsWith('/')) continue;
    const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    if (!overrides.has(`/${name}`) && !defaults.has(ext)) problems.push(`${name}: no content type`);
  }
  if (overrides.get('/word/document.xml') !== 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml') problems.push('word/document.xml: not typed as the main document');
  const rootRels = trees.get('_rels/.rels');
  if (!rootRels) problems.push('no _rels/.rels');
  for (const [name, tree] of trees) {
    if (!name.endsWith('.rels')) continue;
    const source = name.replace(/_rels\/([^/]+)\.rels$/, '$1');
    const base = posix.dirname(name.replace(/_rels\/[^/]+$/, 'x'));
    const ids = new Set<string>();
    for (const r of find(tree, 'Relationship')) {
      if (ids.has(r.attrs.Id!)) problems.push(`${name}: duplicate Id ${r.attrs.Id}`);
      ids.add(r.attrs.Id!);
      if (r.attrs.TargetMode === 'External') continue;
      const target = r.attrs.Target!.startsWith('/') ? r.attrs.Target!.slice(1) : posix.normalize(posix.join(base === '.' ? '' : base, r.attrs.Target!));
      if (!parts.has(target)) problems.push(`${name}: relationship ${r.attrs.Id} targets a missing part ${target}`);
    }
    const src = trees.get(source);
    if (src) {
      walk(src, (e) => {
        for (const [k, v] of Object.entries(e.attrs)) if (k.startsWith('r:') && !ids.has(v)) problems.push(`${source}: ${k}="${v}" has no relationship`);
      });
    }
  }
  if (rootRels && !find(rootRels, 'Relationship').some((r) => r.attrs.Type?.endsWith('/officeDocument') && r.attrs.Target === 'word/document.xml')) {
    problems.push('_rels/.rels: no officeDocument relationship to word/document.xml');
  }
  // A part referencing r:ids without its own .rels.
  for (const [name, tree] of trees) {
    if (name.endsWith('.rels')) continue;
    const rels = name.replace(/([^/]+)$/, '_rels/$1.rels');
    if (trees.has(rels)) continue;
    walk(tree, (e) => {
      for (const k of Object.keys(e.attrs)) if (k.startsWith('r:')) problems.push(`${name}: ${k} but no ${rels}`);
    });
  }
  return problems;
}

/** The text of a WordprocessingML part: w:t contents in document order, paragraphs separated by "\n". */
export function wordText(xml: string): string {
  const root = parseXml(xml);
  let out = '';
  walk(root, (e) => {
    if (e.name === 'w:t' || e.name === 'w:instrText') out += e.name === 'w:t' ? e.text : '';
    else if (e.name === 'w:p') out += '\n';
    else if (e.name === 'w:tab') out += '\t';
  });
  return out;
}

/** The tables of a document: rows of cells with their text, span and merge state. */
export interface WCell {
  text: string;
  gridSpan: number;
  vMerge?: 'restart' | 'continue';
  el: XmlElement;
}
export interface WTable {
  grid: number[];
  rows: Array<{ header: boolean; cantSplit: boolean; cells: WCell[] }>;
}

export function wordTables(xml: string): WTable[] {
  const root = parseXml(xml);
  return find(root, 'w:tbl').map((t) => ({
    grid: find(t, 'w:gridCol').map((g) => Number(g.attrs['w:w'])),
    rows: t.children
      .filter((r) => r.name === 'w:tr')
      .map((r) => {
        const trPr = r.children.find((c) => c.name === 'w:trPr');
        return {
          header: !!trPr?.children.some((c) => c.name === 'w:tblHeader'),
          cantSplit: !!trPr?.children.some((c) => c.name === 'w:cantSplit'),
          cells: r.children
            .filter((c) => c.name === 'w:tc')
            .map((c) => {
              const tcPr = c.children.find((x) => x.name === 'w:tcPr');
              const span = tcPr?.children.find((x) => x.name === 'w:gridSpan');
              const vm = tcPr?.children.find((x) => x.name === 'w:vMerge');
              let text = '';
              walk(c, (e) => {
                if (e.name === 'w:t') text += e.text;
              });
              return { text, gridSpan: span ? Number(span.attrs['w:val']) : 1, ...(vm ? { vMerge: vm.attrs['w:val'] === 'restart' ? ('restart' as const) : ('continue' as const) } : {}), el: c };
            }),
        };
      }),
  }));
}
