/**
 * Where everything goes inside the package. Pure planning over the filing and the file system
 * checks of its evidence (no reading of file contents).
 *
 *   <集群名称>申报材料/
 *     00 盖章扫描件/<NN-扫描件原文件名>   (pack --stamped: the stamped and signed pages, first)
 *     00 材料清单.pdf · 00 材料清单.csv · 01 附件2….pdf · 02 附件1….pdf · 03 自评报告.pdf
 *     数据/cluster.yaml · 数据/申报表数据.xlsx
 *     佐证材料/<一、…>/<NN-证明事项（截短）>/<NN-原文件名>
 *     manifest.json
 *
 * Evidence slots are numbered within their form section by their place in the form (the field
 * catalogue), so "二-03" is always the same form item whatever the filing ticks. A file referenced
 * by several items is stored once, in the folder of the first item that cites it.
 */
import { host } from '../host.js';
import { leaves, type ArrayNode, type GroupNode, type Leaf, type SectionDef } from '../catalogue/index.js';
import { checkEvidence, type EvidenceCheck, type EvidenceProblem } from '../evidence.js';
import { pointersOf } from '../rules/walk.js';
import { FilingView } from '../validate/view.js';
import { fitFileName, MAX_PATH_CHARS, nn, safeSegment, truncate, uniqueName } from './names.js';

export const EVIDENCE_DIR = '佐证材料';
export const DATA_DIR = '数据';
export const MANIFEST_NAME = 'manifest.json';
export const LIST_PDF = '00 材料清单.pdf';
export const LIST_CSV = '00 材料清单.csv';
export const XLSX_NAME = '申报表数据.xlsx';
/** The scanned, stamped and signed pages (`pack --stamped`): first in the package. */
export const STAMPED_DIR = '00 盖章扫描件';
/** Longest item label in a folder name (characters, "…" included). */
const LABEL_CHARS = 20;

/** One evidence list of the form (a ticked item, a "名称及数量" row, a standards list…). */
export interface Slot {
  /** JSON Pointer of the evidence list. */
  pointer: string;
  section: SectionDef;
  /** 二, 三 … (the section's ordinal on the form). */
  sectionNo: string;
  /** 1-based place of the slot in its section. */
  itemNo: number;
  /** "二-03": section ordinal and item number, as the listing shows it. */
  code: string;
  /** The form item's full label. */
  label: string;
  /** Folder name: "03-联合集群上下游企业，组建创新联合体…". */
  folder: string;
}

/** One evidence reference of the filing. */
export interface Ref {
  /** Pointer of the list element (…/evidence/0). */
  pointer: string;
  /** As written in the filing. */
  ref: string;
  slot: Slot;
  check: EvidenceCheck;
  /** The stored file this reference resolves to (unset when the reference is unusable). */
  stored?: StoredEvidence;
}

export interface StoredEvidence {
  /** Real path on disk. */
  abs: string;
  size: number;
  /** Device and inode when checked: the file opened for packing must be the same one. */
  dev: number;
  ino: number;
  /** Path inside the package root ('/'-separated). */
  path: string;
  /** Every reference to this file, the first one (form order) is where it is stored. */
  refs: Ref[];
  /** Lower-case extension without the dot ('' when none). */
  ext: string;
}

export interface EvidencePlan {
  refs: Ref[];
  stored: StoredEvidence[];
  /** References that cannot be packed, with why. */
  problems: Ref[];
}

/** Problems that would put a file from outside the filing's folder into the package: never packed. */
export const UNSAFE: ReadonlySet<EvidenceProblem> = new Set(['absolute', 'outside', 'linkOutside']);

/** Why a reference is not in the package, as the 材料清单 says it. */
export const PROBLEM_TEXT: Record<EvidenceProblem, string> = {
  absolute: '绝对路径',
  outside: '位于申报文件夹之外',
  linkOutside: '符号链接指向申报文件夹之外',
  missing: '文件不存在',
  notFile: '不是文件',
  empty: '空文件',
  unreadable: '无法读取',
};

/** The package's top folder: the cluster's name followed by 申报材料. */
export function rootName(data: Record<string, unknown>): string {
  const cover = data.cover as Record<string, unknown> | undefined;
  const name = typeof cover?.clusterName === 'string' ? cover.clusterName.trim() : '';
  const base = name && name !== '无' ? truncate(safeSegment(name), 40) : '特色产业集群';
  return safeSegment(`${base}申报材料`);
}

function sectionOrdinal(s: SectionDef): string {
  const i = s.title.indexOf('、');
  return i > 0 ? s.title.slice(0, i) : s.title;
}

/** The label a reader looks for: the enclosing item/row, else the field itself. */
function itemLabel(leaf: Leaf): string {
  const groups = leaf.ancestors.filter((a): a is GroupNode | ArrayNode => !!a.label);
  const inner = groups[groups.length - 1];
  return (inner?.label ?? leaf.node.label).trim();
}

/** Every evidence slot of the form, numbered within its section; arrays expanded against the data. */
export function evidenceSlots(view: FilingView): Slot[] {
  const out: Slot[] = [];
  const counters = new Map<string, number>();
  for (const leaf of leaves()) {
    if (leaf.node.type !== 'evidence') continue;
    const n = (counters.get(leaf.section.id) ?? 0) + 1;
    counters.set(leaf.section.id, n);
    const sectionNo = sectionOrdinal(leaf.section);
    const label = itemLabel(leaf);
    const pointers = pointersOf(view, leaf);
    pointers.forEach((pointer, k) => {
      const suffix = leaf.segments.includes('*') ? `（${k + 1}）` : '';
      const shown = truncate(safeSegment(label), LABEL_CHARS - suffix.length) + suffix;
      const code = `${sectionNo}-${nn(n)}${suffix ? `.${k + 1}` : ''}`;
      out.push({
        pointer,
        section: leaf.section,
        sectionNo,
        itemNo: n,
        code,
        label: label + suffix,
        folder: safeSegment(`${nn(n)}${suffix ? `.${k + 1}` : ''}-${shown}`),
      });
    });
  }
  return out;
}

function extOf(name: string): string {
  const b = name.slice(name.lastIndexOf('/') + 1);
  const dot = b.lastIndexOf('.');
  return dot > 0 ? b.slice(dot + 1).toLowerCase() : '';
}

/**
 * Resolves every evidence reference (inside the filing's folder only), numbers and names the
 * files, and stores each distinct file once.
 */
export function planEvidence(data: Record<string, unknown>, dir: string, root: string): EvidencePlan {
  const view = new FilingView(data);
  const refs: Ref[] = [];
  const stored: StoredEvidence[] = [];
  const problems: Ref[] = [];
  const byReal = new Map<string, StoredEvidence>();
  const namesIn = new Map<string, Set<string>>();
  for (const slot of evidenceSlots(view)) {
    const list = view.get(slot.pointer);
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      if (typeof raw !== 'string' || raw.trim() === '') return;
      // The reference exactly as written, as validate checks it: a name with surrounding spaces is
      // either that very file (packed) or missing (an error), never silently another one or dropped.
      const ref = raw;
      const r: Ref = { pointer: `${slot.pointer}/${i}`, ref, slot, check: checkEvidence(dir, ref) };
      refs.push(r);
      if (r.check.problem || !r.check.abs) {
        problems.push(r);
        return;
      }
      const hit = byReal.get(r.check.abs);
      if (hit) {
        hit.refs.push(r);
        r.stored = hit;
        return;
      }
      const folder = `${EVIDENCE_DIR}/${safeSegment(slot.section.title)}/${slot.folder}`;
      const prefix = `${root}/${folder}/`;
      const original = safeSegment(host().path.basename(ref.replace(/\\/g, '/')), 'file');
      const max = Math.max(24, MAX_PATH_CHARS - prefix.length);
      let taken = namesIn.get(folder);
      if (!taken) namesIn.set(folder, (taken = new Set()));
      const name = uniqueName(fitFileName(`${nn(slot.itemNo)}-${original}`, max), taken);
      taken.add(name.toLowerCase());
      const s: StoredEvidence = { abs: r.check.abs, size: r.check.size ?? 0, dev: r.check.dev ?? -1, ino: r.check.ino ?? -1, path: `${folder}/${name}`, refs: [r], ext: extOf(name) };
      byReal.set(r.check.abs, s);
      stored.push(s);
      r.stored = s;
    });
  }
  return { refs, stored, problems };
}
