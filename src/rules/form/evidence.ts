import { walk, pointerOf } from '../../catalogue/index.js';
import type { GroupNode } from '../../catalogue/index.js';
import { defineRule, type Out } from '../helpers.js';
import type { FilingView } from '../../validate/view.js';

function needsEvidence(g: GroupNode, parent: GroupNode | undefined): boolean {
  return [g.hint, parent?.hint].some((h) => h?.includes('佐证材料'));
}

interface Shape {
  /** Checklist items ("勾选需提供佐证材料"), in form order. */
  items: Array<{ p: string; label: string }>;
  /** "数量：__个 名称：__" groups, and whether their hint (or their parent's) asks for 佐证材料. */
  counts: Array<{ p: string; evidenceRequired: boolean }>;
}
let shapeCache: Shape | undefined;

/** The form's item and count groups: the same for every filing, so walked once per process (#18). */
function shape(): Shape {
  if (shapeCache) return shapeCache;
  const parents = new Map<string, GroupNode>();
  const sh: Shape = { items: [], counts: [] };
  walk((node, segs) => {
    if (node.kind !== 'group') return;
    for (const c of node.children) if (c.kind === 'group') parents.set(pointerOf([...segs, c.key]), node);
    const p = pointerOf(segs);
    if (node.role === 'item') sh.items.push({ p, label: node.label ?? node.key });
    if (node.role === 'namedCount') sh.counts.push({ p, evidenceRequired: needsEvidence(node, parents.get(p)) });
  });
  return (shapeCache = sh);
}

/** v.num(`${p}/${key}`) without making that pointer (FilingView.getIn). */
function numIn(v: FilingView, p: string, key: string): number | undefined {
  const x = v.getIn(p, key);
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

export default defineRule(
  {
    id: 'form/evidence',
    severity: 'error',
    source: '表 注',
    description: {
      zh: '勾选项（"勾选需提供佐证材料"）没有佐证材料，或数量大于0的"需提供清单"栏目没有清单',
      en: 'a ticked item (“勾选需提供佐证材料”) without evidence, or a “需提供清单” list empty while its count is above 0',
    },
    messages: {
      zh: {
        ticked: '已勾选"{item}"，但没有佐证材料（勾选需提供佐证材料）',
        noList: '「{label}」数量为 {count}，但既没有列出名称，也没有附清单文件',
        noEvidence: '「{label}」数量为 {count}，但没有佐证材料（需提供清单及佐证材料）',
        monitoring: '已建立集群碳排放监测机制，但没有佐证材料（如涉及，需提供佐证材料）',
        standards: '近三年主持或参与制修订标准共 {count} 项，但没有标准清单（需提供清单）',
      },
      en: {
        ticked: '“{item}” is ticked but has no evidence (ticked items need evidence)',
        noList: '“{label}” counts {count} but neither lists names nor attaches a list',
        noEvidence: '“{label}” counts {count} but has no evidence (list and evidence required)',
        monitoring: 'a carbon monitoring mechanism is declared without evidence',
        standards: '{count} standards led or co-drafted, but no list of them (a list is required)',
      },
    },
  },
  (ctx) => {
    const v = ctx.view;
    const out: Out = [];
    const { items, counts } = shape();
    for (const { p, label } of items) {
      if (v.boolIn(p, 'checked') && !v.hasListIn(p, 'evidence')) out.push({ messageId: 'ticked', path: `${p}/evidence`, data: { item: label } });
    }
    for (const { p, evidenceRequired } of counts) {
      const count = numIn(v, p, 'count');
      if (!count || count <= 0) continue;
      const names = v.hasListIn(p, 'names');
      const evidence = v.hasListIn(p, 'evidence');
      // A 清单 is either the names listed here or an attached list file among the evidence.
      if (!names && !evidence) out.push({ messageId: 'noList', path: `${p}/names`, data: { count } });
      else if (evidenceRequired && !evidence) out.push({ messageId: 'noEvidence', path: `${p}/evidence`, data: { count } });
    }
    if (v.str('/green/carbonMonitoring') === '是' && v.list('/green/carbonMonitoringEvidence').length === 0) {
      out.push({ messageId: 'monitoring', path: '/green/carbonMonitoringEvidence' });
    }
    let standards = 0;
    for (const c of ['international', 'national', 'industry', 'group'])
      for (const r of ['lead', 'participate']) for (const [, n] of v.years(`/innovation/standards/${c}/${r}`)) standards += n;
    if (standards > 0 && v.list('/innovation/standards/list').length === 0 && v.list('/innovation/standards/evidence').length === 0) {
      out.push({ messageId: 'standards', path: '/innovation/standards/list', data: { count: standards } });
    }
    return out;
  },
);
