/**
 * What 附件2 must show, from the catalogue and the fixed texts (not from either face's code): every label
 * in the seed's order, and the example's values as printed. Shared by the Word tests; the PDF tests
 * (render.test.ts) hold the same lists.
 */
import { FORM, DECLARATION_TEXT, type GroupNode, type Node, leaves, getAt } from '../../src/catalogue/index.js';
import { planYears } from '../../src/profile.js';
import {
  BLANK_DATE,
  DECLARATION_SIGN,
  DECLARATION_STAMP,
  FORM2_TITLE,
  INSTRUCTIONS_TITLE,
  MINISTRY,
  PLAN_ACHIEVEMENTS_GUIDE,
  PLAN_CHAPTER_4,
  PLAN_GOALS,
  PLAN_LIMIT,
  PLAN_OVERVIEW_GUIDE,
  PLAN_TARGETS_NOTE,
  PUBLIC_SERVICES_ROW,
  RECOMMENDATION_ROW,
  RECOMMENDATION_STAMP,
  TARGET_COLUMNS,
  instructions,
  planRemarks,
  stageLabel,
} from '../../src/render/fixed.js';
import { fmtDate, fmtValue } from '../../src/render/values.js';
import { FilingView } from '../../src/validate/view.js';
import { type Data, profile } from './filing.js';
import { squash } from './pdf-text.js';

/** Asserts that `needles` occur in `hay` in this order; returns the first one that does not. */
export function firstOutOfOrder(hay: string, needles: readonly string[]): string | undefined {
  let at = 0;
  for (const n of needles) {
    const s = squash(n);
    if (!s) continue;
    const i = hay.indexOf(s, at);
    if (i < 0) return `${n}  (searching from …${hay.slice(Math.max(0, at - 20), at + 20)}…; anywhere: ${hay.includes(s)})`;
    at = i + s.length;
  }
  return undefined;
}

/** Every label of 附件2 in the seed's order, from the catalogue and the fixed texts. */
export function expectedForm2Labels(): string[] {
  const p = profile();
  const out: string[] = [];
  const cover = FORM.find((s) => s.key === 'cover')!;
  const name = cover.children.find((n) => n.key === 'clusterName') as Extract<Node, { kind: 'field' }>;
  out.push('附件2', FORM2_TITLE, name.label, name.hint!, '所属地区', '省(区、市)', '市(区)', '县(市、区)');
  out.push('县级行政区划中小企业主管部门(盖章)', '集群运营管理机构', '申报时间', '联系人及联系电话', MINISTRY);
  out.push(INSTRUCTIONS_TITLE, ...instructions(p).map((t, i) => `${i + 1}. ${t}`));

  let lastDirection: string | undefined;
  const walk = (nodes: readonly Node[], sectionKey: string): void => {
    for (const n of nodes) {
      if (n.kind === 'field') {
        if (n.toolOnly || n.type === 'evidence' || n.type === 'names') continue;
        if (sectionKey === 'plan' && n.key === 'approach') out.push(PLAN_CHAPTER_4);
        out.push(n.label);
        if (sectionKey === 'plan' && n.key === 'overview') out.push(PLAN_OVERVIEW_GUIDE);
        if (sectionKey === 'plan' && n.key === 'achievements') out.push(PLAN_ACHIEVEMENTS_GUIDE);
        if (sectionKey === 'plan' && n.key === 'stageTargets') planYears(p).forEach((y, i) => out.push(stageLabel(i, y)));
        if (n.type === 'choice') out.push(...(n.options ?? []));
        if (n.hint) out.push(n.hint);
        continue;
      }
      if (n.kind === 'array') continue; // extra plan rows: their cells are values
      const g = n as GroupNode;
      switch (g.role) {
        case 'checklist':
          if (g.key === 'publicServices') out.push(PUBLIC_SERVICES_ROW);
          out.push(g.label!, ...g.children.map((c) => (c as GroupNode).label!), g.hint!);
          break;
        case 'namedCount':
          out.push(g.label!);
          if (g.hint && !['inventionPatents', 'overseasBranches'].includes(g.key)) out.push(g.hint);
          if (['inventionPatents', 'overseasBranches'].includes(g.key)) out.push('个', g.hint!);
          else out.push('数量', '个', '名称');
          break;
        case 'target':
          // The 方向 cell spans the rows of its direction.
          if (g.direction !== lastDirection) out.push(g.direction!);
          lastDirection = g.direction;
          out.push(g.label!);
          break;
        default:
          if (g.key === 'standards') {
            out.push(g.label!, g.hint!, '类别', '主持数量', '参与数量', '国际', '国家', '行业', '团体');
          } else if (g.key === 'targets') {
            out.push(PLAN_GOALS, g.label!, PLAN_TARGETS_NOTE, ...TARGET_COLUMNS(p));
            walk(g.children, sectionKey);
            const r = planRemarks(p);
            out.push('其它', r.head, ...r.items);
          } else if (g.key === 'authorityContact') {
            out.push('联系人', '联系方式'); // the row label is the authority's, pushed above
          } else if (g.key === 'operatorContact') {
            out.push('集群运营管理机构', '联系人', '联系方式');
          } else {
            if (g.label) out.push(g.label);
            if (g.hint) out.push(g.hint);
            walk(g.children, sectionKey);
          }
      }
    }
  };
  for (const s of FORM) {
    if (s.key === 'cover' || s.key === 'summary' || s.key === 'declaration') continue;
    if (s.filing === 'review') continue; // the review's own sections are not on the application form
    out.push(s.section.title);
    if (s.key === 'basic') out.push(name.label, name.hint!, '县级行政区划中小企业主管部门');
    if (s.key === 'plan') out.push(PLAN_LIMIT);
    walk(s.children, s.key);
  }
  out.push('九、真实性声明及推荐意见', '真实性声明', DECLARATION_TEXT, DECLARATION_SIGN, DECLARATION_STAMP, RECOMMENDATION_ROW, RECOMMENDATION_STAMP, BLANK_DATE);
  return out;
}

/** The example's values as 附件2 prints them. */
export function expectedForm2Values(data: Data): string[] {
  const p = profile();
  const out: string[] = [];
  const view = new FilingView(data);
  for (const leaf of leaves()) {
    const n = leaf.node;
    const sec = leaf.segments[0];
    if (n.toolOnly || n.type === 'evidence' || sec === 'summary' || leaf.segments.includes('*')) continue;
    if (leaf.segments.join('/') === 'cover/region/province' || leaf.segments[1] === 'region') continue; // printed without the level
    const v = getAt(data, leaf.segments);
    if (v === undefined || v === null) continue;
    if (n.years) {
      for (const y of [...p.dataYears, ...planYears(p)]) {
        const s = fmtValue(n, (v as Record<string, unknown>)[String(y)]);
        if (s) out.push(s);
      }
    } else if (n.type === 'names') {
      for (const name of view.list(`/${leaf.segments.join('/')}`)) out.push(name);
    } else if (n.type === 'choice') {
      continue; // shown as ticked boxes
    } else {
      const s = n.type === 'date' ? fmtDate(v) : fmtValue(n, v);
      if (s) out.push(...s.split('\n'));
    }
  }
  for (const e of (view.get('/plan/targets/extra') as Array<Record<string, string>>) ?? []) out.push(e.indicator!, e.baseline!, e.target!);
  return out;
}

