import { walk, pointerOf } from '../../catalogue/index.js';
import { defineRule, type Out } from '../helpers.js';

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
    walk((node, segs) => {
      if (node.kind !== 'group' || node.role !== 'namedCount') return;
      const p = pointerOf(segs);
      const count = ctx.view.count(`${p}/count`); // "无" is none: names listed against it differ
      const names = ctx.view.list(`${p}/names`);
      if (count !== undefined && names.length > 0 && names.length !== count) out.push({ messageId: 'differs', path: `${p}/count`, data: { count, names: names.length } });
    });
    return out;
  },
);
