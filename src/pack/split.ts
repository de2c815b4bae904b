/**
 * Splitting a package for email. Split zip archives (.z01, .z02 … .zip, or .zip.001) do not open
 * in Windows Explorer's built-in "compressed folders" (only in 7-Zip, WinRAR, WinZip), and a
 * receiving office cannot be assumed to have those. So `--split-size` makes self-contained
 * parts instead: each part is an ordinary zip that opens on its own, holds whole evidence
 * folders (in form order; a folder is divided only when it alone exceeds the size, a file never),
 * the complete 材料清单 and the manifest. All parts share the top folder: extracting them into
 * one place gives the complete package. Part 1 also holds the forms and the data.
 */
import { utf8Length } from '../bytes.js';
import { host } from '../host.js';

export interface PartInput {
  root: string;
  /** Maximum part size in bytes. */
  limit: number;
  /** Bytes reserved in every part for the 材料清单 and manifest. */
  reserve: number;
  fixed: Array<{ path: string; size: number }>;
  /** In package order; `group` = the evidence folder (kept together when possible). */
  evidence: Array<{ path: string; size: number; group: string }>;
}

export interface PartAssignment {
  count: number;
  /** Part (1-based) of each evidence file, same order as the input. */
  evidence: number[];
  /** Files larger than a part can hold (their part exceeds the limit). */
  oversize: Array<{ part: number; path: string; size: number; estimate: number }>;
}

/** Upper bound of the bytes an entry takes in the zip (headers twice, extras, deflate growth). */
export function entryCost(root: string, path: string, size: number): number {
  const nameBytes = utf8Length(`${root}/${path}`);
  const headers = 2 * (46 + nameBytes * 2 + 9 + 4 + 5) + 24;
  const data = size + Math.ceil(size / 4096) + Math.ceil(size / 16384) + 64;
  return headers + data;
}

export function assignParts(input: PartInput): PartAssignment {
  const { limit, reserve, root } = input;
  const capacity = Math.max(1, limit - reserve - 22 - 1024);
  const cost = (p: { path: string; size: number }) => entryCost(root, p.path, p.size);
  const out: number[] = new Array<number>(input.evidence.length).fill(1);
  const oversize: PartAssignment['oversize'] = [];
  let part = 1;
  let used = input.fixed.reduce((s, f) => s + cost(f), 0) + 4096; // + folder entries
  // Groups in order.
  const groups: Array<{ indices: number[]; cost: number }> = [];
  input.evidence.forEach((e, i) => {
    const last = groups[groups.length - 1];
    const c = cost(e) + 256;
    if (last && input.evidence[last.indices[0]!]!.group === e.group) {
      last.indices.push(i);
      last.cost += c;
    } else groups.push({ indices: [i], cost: c });
  });
  const place = (i: number, c: number): void => {
    if (used + c > capacity && used > 0) {
      part++;
      used = 0;
    }
    out[i] = part;
    used += c;
    if (c > capacity) {
      const e = input.evidence[i]!;
      oversize.push({ part, path: e.path, size: e.size, estimate: reserve + c });
      // Nothing else joins an oversize part.
      part++;
      used = 0;
    }
  };
  for (const g of groups) {
    if (used + g.cost <= capacity) {
      for (const i of g.indices) out[i] = part;
      used += g.cost;
    } else if (g.cost <= capacity) {
      part++;
      used = 0;
      for (const i of g.indices) out[i] = part;
      used += g.cost;
    } else {
      for (const i of g.indices) place(i, cost(input.evidence[i]!) + 256);
    }
  }
  // A trailing empty part (after an oversize file) is not a part.
  const count = Math.max(1, ...out);
  return { count, evidence: out, oversize };
}

/** "<name>-第1部分（共3部分）.zip" beside the target. */
export function partName(target: string, k: number, count: number): string {
  const ext = host().path.extname(target);
  const base = target.slice(0, target.length - ext.length);
  return `${base}-第${k}部分（共${count}部分）${ext || '.zip'}`;
}
