/**
 * Evidence paths are relative to the folder of the file that names them (a filing's or a workbook's).
 * When a command writes the same filing into another folder (`template --from … -o`, `import … -o`),
 * every relative path is rewritten for the new folder, or the command refuses (writing nothing) when a
 * path would have to leave that folder with "..", which validate does not allow.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { getAt, parsePointer } from '../catalogue/index.js';
import { CliError, type Msg } from '../errors.js';
import { workbookLayout, type LayoutYears } from '../xlsx/layout.js';

/** Where a path would break: the paths, and a message naming what to do instead. */
export type OutsideMessage = (shown: { zh: string; en: string }) => Msg;

export function rebaseEvidence(
  data: Record<string, unknown>,
  fromDir: string,
  toDir: string,
  years: LayoutYears,
  refuse: { file: string; message: OutsideMessage },
): Record<string, unknown> {
  if (resolve(fromDir) === resolve(toDir)) return data;
  const out = structuredClone(data);
  const outside: string[] = [];
  for (const sheet of workbookLayout(years)) {
    for (const row of sheet.rows) {
      for (const c of row.cells) {
        if (c.leaf.node.type !== 'evidence') continue;
        const segs = parsePointer(c.pointer);
        const list = getAt(out, segs);
        if (!Array.isArray(list)) continue;
        const rebased = list.map((p) => {
          if (typeof p !== 'string' || p.trim() === '' || isAbsolute(p) || /^[a-zA-Z]:|^[\\/]/.test(p)) return p; // validate reports these as they are
          const rel = relative(toDir, resolve(fromDir, p));
          if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
            outside.push(p);
            return p;
          }
          return rel.split(sep).join('/');
        });
        let holder = out as Record<string, unknown>;
        for (const k of segs.slice(0, -1)) holder = holder[k] as Record<string, unknown>;
        holder[segs[segs.length - 1]!] = rebased;
      }
    }
  }
  if (outside.length) {
    throw new CliError(
      refuse.message({
        zh: outside.slice(0, 3).join('、') + (outside.length > 3 ? ` 等 ${outside.length} 个` : ''),
        en: outside.slice(0, 3).join(', ') + (outside.length > 3 ? ` and ${outside.length - 3} more` : ''),
      }),
      refuse.file,
    );
  }
  return out;
}
