import { walk, pointerOf } from '../../catalogue/index.js';
import { defineRule, type Out } from '../helpers.js';

let named: string[] | undefined;

/** The pointers of the form's "数量：__个 名称：__" groups: the same for every filing, walked once per process (#18). */
function namedCounts(): string[] {
  if (!named) {
    const found: string[] = [];
    walk((node, segs) => {
      if (node.kind === 'group' && node.role === 'namedCount') found.push(pointerOf(segs));
    });
    named = found;
  }
  return named;
}

export default defineRule(
  {
    id: 'form/list-count',
    severity: 'error',
    source: '表三、四、五、七',
    description: { zh: '"数量：__个"与列出的名称个数不一致', en: 'a declared count (数量：__个) differs from the number of names listed' },
    messages: {
      zh: { differs: '「{label}」填写数量 {count} 个，但列出了 {names} 个名称' },
      en: { differs: '“{label}” declares {count} but lists {names} names' },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const p of namedCounts()) {
      const count = ctx.view.countIn(p, 'count'); // "无" is none: names listed against it differ
      const names = ctx.view.listIn(p, 'names');
      if (count !== undefined && names.length > 0 && names.length !== count) out.push({ messageId: 'differs', path: `${p}/count`, data: { count, names: names.length } });
    }
    return out;
  },
);
