/**
 * 附件2《中小企业特色产业集群申报表》, A4 portrait: the cover, 填报说明, sections 一 to 九 as ruled
 * tables in the seed's row order with the catalogue's labels, and the 清单 the form asks for.
 * Each of 一–九 starts on a new page (填报说明11: "一至七部分不得串页").
 */
import { DECLARATION_TEXT, sectionById, type FieldNode, type GroupNode, type Node } from '../../catalogue/index.js';
import { planYears } from '../../profile.js';
import type { MetricId } from '../../metrics/types.js';
import { type CellBlock, FONT_SIZE, type LayoutDocument, type Line, type TableRow, createDocument } from '../layout/index.js';
import {
  BLANK_DATE,
  DECLARATION_ROW,
  DECLARATION_SIGN,
  DECLARATION_STAMP,
  FORM2_TITLE,
  REVIEW_FORM_SUBTITLE,
  REVIEW_FORM_TITLE,
  INSTRUCTIONS_TITLE,
  MINISTRY,
  PLAN_ACHIEVEMENTS_GUIDE,
  PLAN_CHAPTER_4,
  PLAN_GOALS,
  PLAN_LIMIT,
  PLAN_OVERVIEW_GUIDE,
  PLAN_TARGETS_NOTE,
  PUBLIC_SERVICES_LEAD,
  PUBLIC_SERVICES_ROW,
  RECOMMENDATION_ROW,
  RECOMMENDATION_STAMP,
  STANDARD_CATEGORY,
  TARGET_COLUMNS,
  YEAR_HEADER,
  instructions,
  planRemarks,
  roundYear,
  stageLabel,
  annexLabel,
} from '../fixed.js';
import { fieldNode, fmtDate, groupAt, show } from '../values.js';
import { INTENSITY, baseYearNoteText, intensityFormulaLines, intensityVal, reductionFormula, targetRows } from '../cells.js';
import {
  B,
  GREY,
  L,
  LH,
  NOTE_SIZE,
  type RenderContext,
  T,
  TABLE_SIZE,
  V,
  checklistItems,
  choiceItems,
  countText,
  emptyLine,
  namedCountText,
  note,
  printable,
  table,
  plain,
  textSpan,
  val,
  yearVal,
} from './common.js';

const yearLabel = (y: number) => `${y}年`;

/** Width of the row-label column of the two-column tables. */
const LABEL_W = 172;

function section(doc: LayoutDocument, id: Parameters<typeof sectionById>[0]): void {
  doc.addPage();
  doc.heading(sectionById(id).section.title, { size: FONT_SIZE.三号, spaceAfter: 8, outline: 1 });
}


function checklistCell(ctx: RenderContext, ptr: string, lead?: string, columns?: number): CellBlock[] {
  const g = groupAt(ptr);
  const blocks: CellBlock[] = [];
  if (lead) blocks.push({ type: 'text', text: lead });
  blocks.push({ type: 'checkboxes', items: checklistItems(ctx, ptr, g), ...(columns ? { layout: columns } : {}) });
  if (g.hint) blocks.push(note(g.hint));
  return blocks;
}

function choiceCell(ctx: RenderContext, ptr: string, hint?: string): CellBlock[] {
  const blocks: CellBlock[] = [{ type: 'checkboxes', items: choiceItems(ctx, ptr), layout: 'inline' }];
  if (hint) blocks.push(note(hint));
  return blocks;
}

// ------------------------------------------------------------------ cover and 填报说明

function cover(ctx: RenderContext, doc: LayoutDocument): void {
  const { view, fonts } = ctx;
  doc.addPage({ numbered: false });
  doc.bookmark('封面');
  if (ctx.profile.kind === 'review') {
    // The tool's own review face: no annex number, a title that does not pass for the official form.
    doc.y = doc.top + 110;
    doc.title(REVIEW_FORM_TITLE, { size: FONT_SIZE.一号, spaceAfter: 12 });
    doc.paragraph(REVIEW_FORM_SUBTITLE, { size: FONT_SIZE.小四, align: 'center', indentChars: 0, spaceAfter: 96 });
  } else {
    doc.textBox(annexLabel(ctx.profile, 'form'), { x: doc.left, y: doc.top - 20, width: 120 }, { size: FONT_SIZE.三号, bold: true });
    doc.y = doc.top + 110;
    doc.title(FORM2_TITLE, { size: FONT_SIZE.一号, spaceAfter: 120 });
  }
  const size = FONT_SIZE.四号;
  const lh = 2.2;
  const x = 0;
  const opts = { size, lineHeight: lh, x, width: doc.contentWidth - 2 * x };
  const nameNode = fieldNode('/cover/clusterName');
  doc.fieldLine(`${nameNode.label}：`, plain(ctx, '/cover/clusterName'), opts);
  // The hint under the blank, as on the form.
  const hintW = doc.measure(nameNode.hint ?? '', { size: FONT_SIZE.五号 });
  const labelW = doc.measure(`${nameNode.label}：`, { size });
  const valueW = doc.contentWidth - 2 * x - labelW;
  doc.textBox(nameNode.hint ?? '', { x: doc.left + x + labelW + Math.max(0, (valueW - hintW) / 2), y: doc.y - 4, width: hintW + 2 }, { size: FONT_SIZE.五号, lineHeight: 1.3 });
  doc.y += FONT_SIZE.五号 * 1.3 + 4;

  regionLine(ctx, doc, size, lh, x);
  doc.fieldLine(`${fieldNode('/cover/authority').label}(盖章)：`, plain(ctx, '/cover/authority'), opts);
  doc.fieldLine(`${fieldNode('/cover/operator').label}：`, plain(ctx, '/cover/operator'), opts);
  doc.fieldLine(`${fieldNode('/cover/date').label}：`, plain(ctx, '/cover/date'), opts);
  const contact = [view.str('/cover/contact/name'), view.str('/cover/contact/phone')].filter(Boolean).join('\u3000');
  doc.fieldLine(`${groupAt('/cover/contact').label}：`, contact, opts);

  // "工业和信息化部 制" is the ministry's own form's imprint: not on the tool's review face.
  if (ctx.profile.kind !== 'review') doc.textBox(MINISTRY, { x: doc.left, y: doc.bottom - 60, width: doc.contentWidth }, { size: FONT_SIZE.三号, align: 'center' });
}

/** "所属地区：__湖北__省(区、市)__荆门__市(区)__掇刀__县(市、区)", blanks filled. */
function regionLine(ctx: RenderContext, doc: LayoutDocument, size0: number, lh: number, x: number): void {
  const { fonts, view } = ctx;
  const parts: Array<[string, string]> = [
    ['province', '省(区、市)'],
    ['city', '市(区)'],
    ['county', '县(市、区)'],
  ];
  // The blank holds the name without the level the label prints after it (湖北省 → 湖北 省(区、市)).
  const values = parts.map(([k, suffix]) => {
    const v = view.str(`/cover/region/${k}`) ?? '';
    const alts = suffix.replace(/[()、]/g, '');
    return v.length > 1 && alts.includes(v[v.length - 1]!) ? v.slice(0, -1) : v;
  });
  const label = `${sectionLabel('/cover/region')}：`;
  const avail = doc.contentWidth - 2 * x;
  let size = size0;
  const widthAt = (s: number) => {
    let w = fonts.regular.width(label, s);
    parts.forEach(([, suffix], i) => {
      w += Math.max(fonts.regular.width(values[i]!, s) + s, s * 3.5) + fonts.regular.width(suffix, s) + s * 0.2;
    });
    return w;
  };
  while (size > 9 && widthAt(size) > avail) size -= 0.5;
  const spans: Line['spans'] = [];
  let cx = 0;
  spans.push(textSpan(fonts, label, cx, size));
  cx += fonts.regular.width(label, size);
  parts.forEach(([, suffix], i) => {
    const v = values[i]!;
    const blank = Math.max(fonts.regular.width(v, size) + size, size * 3.5);
    spans.push({ kind: 'rule', x: cx, width: blank, color: '#000000' });
    if (v) spans.push(textSpan(fonts, v, cx + (blank - fonts.regular.width(v, size)) / 2, size));
    cx += blank + size * 0.1;
    spans.push(textSpan(fonts, suffix, cx, size));
    cx += fonts.regular.width(suffix, size) + size * 0.1;
  });
  const line: Line = { ...emptyLine(fonts, size0, lh), spans };
  line.baseline = emptyLine(fonts, size0, lh).baseline;
  doc.drawLines([line], doc.left + x, doc.y);
  doc.y += line.height;
}

function sectionLabel(ptr: string): string {
  return groupAt(ptr).label ?? '';
}

function instructionsPage(ctx: RenderContext, doc: LayoutDocument): void {
  // Page options carry over to the pages that follow: number from here on.
  doc.addPage({ numbered: true });
  doc.bookmark(INSTRUCTIONS_TITLE);
  doc.title(INSTRUCTIONS_TITLE, { size: FONT_SIZE.小二, spaceAfter: 14 });
  instructions(ctx.profile).forEach((text, i) => {
    doc.paragraph(`${i + 1}. ${text}`, { size: FONT_SIZE.小四, lineHeight: 1.75, spaceAfter: 2 });
  });
}

// ------------------------------------------------------------------ 一、基本情况

function basic(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'basic');
  const name = fieldNode('/cover/clusterName');
  const contactRow = (ptr: string): (string | ReturnType<typeof V>)[] => [
    L(fieldNode(`${ptr}/name`).label, { align: 'center' }),
    V(val(ctx, `${ptr}/name`)),
    L(fieldNode(`${ptr}/phone`).label, { align: 'center' }),
    V(val(ctx, `${ptr}/phone`)),
  ];
  const choiceRow = (ptr: string, hint?: string) => [L(fieldNode(ptr).label), B(choiceCell(ctx, ptr, hint), { colSpan: 3 })];
  table(ctx, doc, {
    columns: [LABEL_W, '*', 62, '*'],
    rows: [
      [L(`${name.label}：\n${name.hint ?? ''}`), V(val(ctx, '/cover/clusterName'), { colSpan: 3 })],
      [L(fieldNode('/cover/authority').label), V(val(ctx, '/cover/authority'), { colSpan: 3 })],
      contactRow('/basic/authorityContact'),
      [L(fieldNode('/cover/operator').label), V(val(ctx, '/cover/operator'), { colSpan: 3 })],
      contactRow('/basic/operatorContact'),
      [L(fieldNode('/basic/area').label), V(val(ctx, '/basic/area'), { colSpan: 3 })],
      choiceRow('/basic/industryType'),
      choiceRow('/basic/prohibitedIndustry'),
      choiceRow('/basic/majorIncident'),
      choiceRow('/basic/misconduct'),
      choiceRow('/basic/energyEfficiency'),
      choiceRow('/basic/waterEfficiency'),
      choiceRow('/basic/provincialCluster'),
    ],
  });
}

// ------------------------------------------------------------------ 二、主导产业情况

function industry(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'industry');
  const years = ctx.profile.dataYears;
  const sec = sectionById('industry');
  const perYear = sec.children.filter((n): n is FieldNode => n.kind === 'field' && n.years !== undefined && !n.toolOnly);
  table(ctx, doc, {
    columns: [LABEL_W, '*', '*', '*'],
    rows: [
      { header: true, cells: [V(YEAR_HEADER, { bold: true }), ...years.map((y) => V(yearLabel(y), { bold: true }))] },
      ...perYear.map((n) => [L(n.label), ...years.map((y) => V(yearVal(ctx, `/industry/${n.key}`, y)))]),
    ],
  });
  baseYearNote(ctx, doc, [
    ['outputCagr', '/industry/output', '集群总产值', '亿元'],
    ['leadingIndustryOutputCagr', '/industry/leadingShare', '集群主导产业产值占比', '%'],
  ]);
  narrativeRows(ctx, doc, '/industry', sec.children.filter((n) => !(n.kind === 'field' && n.years)), [LABEL_W, '*']);
}

export { baseYearNoteText } from '../cells.js';

function baseYearNote(ctx: RenderContext, doc: LayoutDocument, items: ReadonlyArray<readonly [MetricId, string, string, string]>): void {
  const text = baseYearNoteText(ctx, items);
  if (text) doc.paragraph(printable(ctx.fonts, text), { size: FONT_SIZE.小五, lineHeight: 1.4, indentChars: 0, align: 'left', spaceBefore: 2, spaceAfter: 4 });
}

/** Narrative fields and checklists of a section, in catalogue order, as two-column rows. */
function narrativeRows(ctx: RenderContext, doc: LayoutDocument, base: string, nodes: readonly Node[], columns: (number | '*')[]): void {
  const rows: TableRow[] = [];
  for (const n of nodes) {
    const ptr = `${base}/${n.key}`;
    if (n.kind === 'field' && n.type === 'text') rows.push({ cells: [LH(n.label, n.hint), T(val(ctx, ptr))] });
    else if (n.kind === 'group' && n.role === 'checklist') rows.push({ cells: [L(n.label ?? ''), B(checklistCell(ctx, ptr))] });
  }
  table(ctx, doc, { columns, rows });
}

// ------------------------------------------------------------------ 三、创新能力情况

function innovation(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'innovation');
  const years = ctx.profile.dataYears;
  const sec = sectionById('innovation');
  const perYear = sec.children.filter((n): n is FieldNode => n.kind === 'field' && n.years !== undefined && !n.toolOnly);
  const std = groupAt('/innovation/standards');
  const cats = std.children.filter((c): c is GroupNode => c.kind === 'group');
  const leadNode = fieldNode('/innovation/standards/national/lead');
  const partNode = fieldNode('/innovation/standards/national/participate');
  const sub = { padding: { left: 2, right: 2, top: 3, bottom: 3 } };
  const platforms = groupAt('/innovation/platforms');
  const pl = platforms.children.filter((c): c is GroupNode => c.kind === 'group');
  const rows: TableRow[] = [
    { header: true, cells: [V(YEAR_HEADER, { bold: true }), ...years.map((y) => V(yearLabel(y), { bold: true, colSpan: 3 }))] },
    ...perYear.map((n) => ({ cells: [L(n.label), ...years.map((y) => V(yearVal(ctx, `/innovation/${n.key}`, y), { colSpan: 3 }))] })),
    {
      cells: [
        LH(std.label ?? '', std.hint, { rowSpan: cats.length + 1 }),
        ...years.flatMap(() => [V(STANDARD_CATEGORY, sub), V(leadNode.label, sub), V(partNode.label, sub)]),
      ],
    },
    ...cats.map((c) => ({
      cells: years.flatMap((y) => [
        V(c.label ?? '', sub),
        V(yearVal(ctx, `/innovation/standards/${c.key}/lead`, y), sub),
        V(yearVal(ctx, `/innovation/standards/${c.key}/participate`, y), sub),
      ]),
    })),
    ...pl.map((g, i) => ({
      cells: [
        ...(i === 0 ? [LH(platforms.label ?? '', platforms.hint, { rowSpan: pl.length })] : []),
        L(g.label ?? '', { colSpan: 3 }),
        L(namedCountText(ctx, `/innovation/platforms/${g.key}`), { colSpan: 6 }),
      ],
    })),
  ];
  for (const key of ['pctApplications', 'inventionPatentCagr', 'patentsPer10k']) {
    rows.push({ cells: [L(fieldNode(`/innovation/${key}`).label), V(val(ctx, `/innovation/${key}`), { colSpan: 9 })] });
  }
  const ip = groupAt('/innovation/inventionPatents');
  rows.push({ cells: [L(ip.label ?? ''), B([{ type: 'text', text: countText(ctx, '/innovation/inventionPatents'), align: 'center' }, note(ip.hint ?? '', { align: 'center' })], { colSpan: 9 })] });
  // 主持数量/参与数量 must fit on one line: 4 × 10.5 pt + 2 × 2 pt padding ≤ (470.55 − 100 − 3 × 28) / 6.
  // The year header describes the per-year rows and the standards block only: the platform and patent
  // rows below have no year columns, so a page continuing them does not repeat "年度 | 2021年…".
  table(ctx, doc, { columns: [100, 28, '*', '*', 28, '*', '*', 28, '*', '*'], rows, headerScope: perYear.length + 1 + cats.length });
  baseYearNote(ctx, doc, [
    ['rdSpendingCagr', '/innovation/rdSpending', '集群中小企业研发经费总额', '亿元'],
    ['inventionPatentCagr', '/innovation/inventionPatentsByYear', '有效发明专利拥有量', '件'],
  ]);
}

// ------------------------------------------------------------------ 四、数字化升级情况

function digital(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'digital');
  const years = ctx.profile.dataYears;
  const f = (k: string) => fieldNode(`/digital/${k}`);
  const rows: TableRow[] = [];
  for (const k of ['cloudSmes', 'cloudRate', 'iipSmes', 'iipRate', 'rdToolRate']) rows.push({ cells: [L(f(k).label), V(val(ctx, `/digital/${k}`), { colSpan: 3 })] });
  rows.push({ cells: [L(f('softwareRising').label), B(choiceCell(ctx, '/digital/softwareRising'), { colSpan: 3 })] });
  rows.push({ cells: [L(f('softwareSpend').label, { rowSpan: 2 }), ...years.map((y) => V(yearLabel(y)))] });
  rows.push({ cells: years.map((y) => V(yearVal(ctx, '/digital/softwareSpend', y))) });
  rows.push({ cells: [LH(f('servicesText').label, f('servicesText').hint), T(val(ctx, '/digital/servicesText'), { colSpan: 3 })] });
  rows.push({ cells: [L(groupAt('/digital/servicesWork').label ?? ''), B(checklistCell(ctx, '/digital/servicesWork'), { colSpan: 3 })] });
  table(ctx, doc, { columns: [LABEL_W, '*', '*', '*'], rows });

  const nm = groupAt('/digital/newModels');
  const text = fieldNode('/digital/newModels/text');
  const work = groupAt('/digital/newModels/work');
  const counts = nm.children.filter((c): c is GroupNode => c.kind === 'group' && c.role === 'namedCount');
  table(ctx, doc, {
    columns: [90, 150, '*'],
    rows: [
      { cells: [L(nm.label ?? '', { rowSpan: 2 + counts.length }), LH(text.label, text.hint), T(val(ctx, '/digital/newModels/text'))] },
      { cells: [B(checklistCell(ctx, '/digital/newModels/work', `${work.label ?? ''}：`), { colSpan: 2 })] },
      ...counts.map((g) => ({ cells: [L(g.label ?? ''), L(namedCountText(ctx, `/digital/newModels/${g.key}`))] })),
    ],
  });
}

// ------------------------------------------------------------------ 五、绿色化转型情况

/** The note "（注：…需提供计算公式）" followed by the formula and, where computed, the numbers (../cells.ts). */
function formulaBlocks(ctx: RenderContext, key: keyof typeof INTENSITY): CellBlock[] {
  return [{ type: 'text', text: fieldNode(`/green/${key}`).hint ?? '', align: 'left' }, ...intensityFormulaLines(ctx, key).map((l) => note(printable(ctx.fonts, l), { color: GREY }))];
}

function green(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'green');
  const years = ctx.profile.dataYears;
  const f = (k: string) => fieldNode(`/green/${k}`);
  const rows: TableRow[] = [];
  rows.push({ cells: [L(f('carbonMonitoring').label), B(choiceCell(ctx, '/green/carbonMonitoring', f('carbonMonitoring').hint), { colSpan: 2 })] });
  for (const key of ['co2Intensity', 'energyIntensity'] as const) {
    rows.push({ cells: [L(f(key).label, { rowSpan: years.length + 1 }), V(yearLabel(years[0]!)), V(intensityVal(ctx, key, years[0]!))] });
    for (const y of years.slice(1)) rows.push({ cells: [V(yearLabel(y)), V(intensityVal(ctx, key, y))] });
    rows.push({ cells: [B(formulaBlocks(ctx, key), { colSpan: 2 })] });
  }
  rows.push({
    cells: [
      L(f('energyIntensityReduction').label),
      B(
        [
          { type: 'text', text: plain(ctx, '/green/energyIntensityReduction'), align: 'center' },
          note(printable(ctx.fonts, reductionFormula(ctx)), { color: GREY }),
        ],
        { colSpan: 2 },
      ),
    ],
  });
  rows.push({ cells: [L(f('solidWasteRate').label), V(val(ctx, '/green/solidWasteRate'), { colSpan: 2 })] });
  rows.push({ cells: [L(f('solidWasteAboveAverage').label), B(choiceCell(ctx, '/green/solidWasteAboveAverage'), { colSpan: 2 })] });
  rows.push({ cells: [L(f('waterReuseRate').label), V(val(ctx, '/green/waterReuseRate'), { colSpan: 2 })] });
  rows.push({ cells: [L(f('waterReuseAboveAverage').label), B(choiceCell(ctx, '/green/waterReuseAboveAverage'), { colSpan: 2 })] });
  rows.push({ cells: [LH(f('lowCarbonText').label, f('lowCarbonText').hint), T(val(ctx, '/green/lowCarbonText'), { colSpan: 2 })] });
  rows.push({ cells: [L(groupAt('/green/lowCarbonWork').label ?? ''), B(checklistCell(ctx, '/green/lowCarbonWork'), { colSpan: 2 })] });
  const gm = groupAt('/green/greenManufacturing');
  const gms = gm.children.filter((c): c is GroupNode => c.kind === 'group');
  gms.forEach((g, i) => {
    rows.push({
      cells: [...(i === 0 ? [LH(gm.label ?? '', gm.hint, { rowSpan: gms.length })] : []), L(g.label ?? ''), L(namedCountText(ctx, `/green/greenManufacturing/${g.key}`))],
    });
  });
  table(ctx, doc, { columns: [168, 100, '*'], rows });
}

// ------------------------------------------------------------------ 六、开放合作情况

function openness(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'openness');
  const t = fieldNode('/openness/text');
  const ob = groupAt('/openness/overseasBranches');
  table(ctx, doc, {
    columns: [LABEL_W, '*'],
    rows: [
      [LH(t.label, t.hint), T(val(ctx, '/openness/text'))],
      [L(groupAt('/openness/activities').label ?? ''), B(checklistCell(ctx, '/openness/activities'))],
      [L(ob.label ?? ''), B([{ type: 'text', text: countText(ctx, '/openness/overseasBranches'), align: 'center' }, note(ob.hint ?? '', { align: 'center' })])],
    ],
  });
}

// ------------------------------------------------------------------ 七、治理和服务水平

function governance(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'governance');
  const al = groupAt('/governance/alliances');
  const env = fieldNode('/governance/environmentText');
  const sp = groupAt('/governance/servicePlatforms');
  const sps = sp.children.filter((c): c is GroupNode => c.kind === 'group');
  const rows: TableRow[] = [
    { cells: [LH(al.label ?? '', al.hint), L(namedCountText(ctx, '/governance/alliances'), { colSpan: 2 })] },
    { cells: [LH(env.label, env.hint), T(val(ctx, '/governance/environmentText'), { colSpan: 2 })] },
    { cells: [L(groupAt('/governance/environmentWork').label ?? ''), B(checklistCell(ctx, '/governance/environmentWork'), { colSpan: 2 })] },
    ...sps.map((g, i) => ({
      cells: [...(i === 0 ? [LH(sp.label ?? '', sp.hint, { rowSpan: sps.length })] : []), L(g.label ?? ''), L(namedCountText(ctx, `/governance/servicePlatforms/${g.key}`))],
    })),
    { cells: [L(PUBLIC_SERVICES_ROW), B(checklistCell(ctx, '/governance/publicServices', PUBLIC_SERVICES_LEAD, 3), { colSpan: 2 })] },
  ];
  table(ctx, doc, { columns: [150, 150, '*'], rows });
}

// ------------------------------------------------------------------ 八、发展规划

function plan(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'plan');
  const { profile, view } = ctx;
  const body = { size: FONT_SIZE.小四, lineHeight: 1.6 };
  const chapter = (text: string) => doc.heading(text, { size: FONT_SIZE.小四, spaceBefore: 10, spaceAfter: 4, face: 'body' });
  const guide = (text: string) => doc.paragraph(text, { size: FONT_SIZE.五号, lineHeight: 1.5, color: GREY, indentChars: 2, spaceAfter: 4 });
  // A blank form leaves ruled lines to write on; a filled one prints the text.
  const writeLines = (n: number) => {
    for (let i = 0; i < n; i++) doc.fieldLine('', '', { size: FONT_SIZE.小四, lineHeight: 2, labelWidth: 0 });
  };
  const text = (ptr: string) => (ctx.blank ? writeLines(6) : doc.paragraph(plain(ctx, ptr) || ' ', { ...body, spaceAfter: 2 }));
  const label = (ptr: string) => fieldNode(ptr).label;

  doc.paragraph(PLAN_LIMIT, { size: FONT_SIZE.五号, indentChars: 0, align: 'center', spaceAfter: 4 });
  chapter(label('/plan/overview'));
  guide(PLAN_OVERVIEW_GUIDE);
  text('/plan/overview');
  chapter(label('/plan/achievements'));
  guide(PLAN_ACHIEVEMENTS_GUIDE);
  text('/plan/achievements');
  chapter(label('/plan/problems'));
  text('/plan/problems');
  chapter(PLAN_CHAPTER_4);
  chapter(label('/plan/approach'));
  text('/plan/approach');
  chapter(PLAN_GOALS);
  chapter(groupAt('/plan/targets').label ?? '');
  guide(PLAN_TARGETS_NOTE);
  targetsTable(ctx, doc);
  baseYearNote(ctx, doc, [['outputCagr', '/industry/output', '集群总产值', '亿元']]);
  const rem = planRemarks(profile);
  doc.paragraph([rem.head, ...rem.items.slice(0, -1), rem.items[rem.items.length - 1] + rem.tail].join('\n'), {
    size: FONT_SIZE.五号,
    lineHeight: 1.5,
    indentChars: 0,
    align: 'left',
    spaceBefore: 6,
    spaceAfter: 4,
  });
  chapter(label('/plan/stageTargets'));
  planYears(profile).forEach((y, i) => {
    doc.heading(stageLabel(i, y), { size: FONT_SIZE.小四, spaceBefore: 4, spaceAfter: 2, face: 'body' });
    if (ctx.blank) writeLines(3);
    else doc.paragraph(show(view, `/plan/stageTargets/${y}`, fieldNode('/plan/stageTargets'), false) || ' ', { ...body, spaceAfter: 2 });
  });
  chapter(label('/plan/tasks'));
  text('/plan/tasks');
  chapter(label('/plan/safeguards'));
  text('/plan/safeguards');
}

function targetsTable(ctx: RenderContext, doc: LayoutDocument): void {
  const { profile } = ctx;
  const byDir = targetRows(ctx);
  const rows: TableRow[] = [{ header: true, cells: TARGET_COLUMNS(profile).map((c) => V(c, { bold: true })) }];
  for (const [dir, list] of byDir) {
    list.forEach((r, i) => {
      const valueCell = (s: string) => (r.text ? T(s) : V(s));
      const targetCell = r.targetNote ? B([{ type: 'text', text: r.target, align: 'center' }, note(r.targetNote, { align: 'center', color: GREY })]) : valueCell(r.target);
      rows.push({ cells: [...(i === 0 ? [V(dir, { rowSpan: list.length })] : []), L(r.indicator), valueCell(r.baseline), targetCell] });
    });
  }
  table(ctx, doc, { columns: [72, 150, '*', '*'], rows, spaceAfter: 2 });
}

// ------------------------------------------------------------------ 九、真实性声明及推荐意见

function declaration(ctx: RenderContext, doc: LayoutDocument): void {
  section(doc, 'declaration');
  const who = ctx.view.str('/declaration/signatory');
  const date = fmtDate(ctx.view.get('/declaration/date'));
  table(ctx, doc, {
    columns: [118, '*'],
    size: FONT_SIZE.小四,
    lineHeight: 1.6,
    padding: { top: 10, bottom: 10, left: 8, right: 8 },
    rows: [
      {
        keepTogether: true,
        cells: [
          V(DECLARATION_ROW),
          B([
            { type: 'text', text: DECLARATION_TEXT, indentChars: 2, align: 'justify' },
            { type: 'space', height: 30 },
            { type: 'text', text: DECLARATION_SIGN + (who ? `\u3000${who}` : '') },
            { type: 'space', height: 36 },
            { type: 'text', text: DECLARATION_STAMP },
            { type: 'space', height: 36 },
            { type: 'text', text: date ?? BLANK_DATE, align: 'right' },
          ]),
        ],
      },
      {
        keepTogether: true,
        cells: [
          V(RECOMMENDATION_ROW),
          B([
            { type: 'space', height: 120 },
            { type: 'text', text: RECOMMENDATION_STAMP },
            { type: 'space', height: 36 },
            { type: 'text', text: BLANK_DATE, align: 'right' },
          ]),
        ],
      },
    ],
  });
}

// ------------------------------------------------------------------ 清单

function lists(ctx: RenderContext, doc: LayoutDocument): void {
  const items: Array<{ title: string; names: string[] }> = [
    { title: `近三年集群中小企业主持或参与制修订${fieldNode('/innovation/standards/list').label}`, names: ctx.view.list('/innovation/standards/list') },
    { title: `${groupAt('/innovation/inventionPatents').label?.replace(/\(.*$/, '')}清单`, names: ctx.view.list('/innovation/inventionPatents/names') },
    { title: `${groupAt('/openness/overseasBranches').label?.replace(/数量$/, '')}清单`, names: ctx.view.list('/openness/overseasBranches/names') },
  ].filter((l) => l.names.length > 0);
  if (items.length === 0) return;
  doc.addPage();
  doc.heading('附：清单', { size: FONT_SIZE.三号, spaceAfter: 8, outline: 1 });
  items.forEach((l, k) => {
    doc.heading(`${k + 1}. ${l.title}`, { size: FONT_SIZE.小四, spaceBefore: k ? 12 : 4, face: 'body' });
    const two = l.names.length > 16 && l.names.every((n) => n.length <= 24);
    const rows: TableRow[] = [];
    if (two) {
      rows.push({ header: true, cells: ['序号', '名称', '序号', '名称'].map((c) => V(c, { bold: true })) });
      for (let i = 0; i < l.names.length; i += 2) {
        rows.push({ cells: [V(String(i + 1)), L(l.names[i]!), V(l.names[i + 1] ? String(i + 2) : ''), L(l.names[i + 1] ?? '')] });
      }
    } else {
      rows.push({ header: true, cells: ['序号', '名称'].map((c) => V(c, { bold: true })) });
      l.names.forEach((n, i) => rows.push({ cells: [V(String(i + 1)), L(n)] }));
    }
    table(ctx, doc, { columns: two ? [32, '*', 32, '*'] : [40, '*'], rows, size: NOTE_SIZE + 0.5 });
  });
}

// ------------------------------------------------------------------ the document

export async function renderForm2(ctx: RenderContext): Promise<{ data: Uint8Array; pages: number; title: string }> {
  const name = ctx.view.str('/cover/clusterName') ?? '';
  const review = ctx.profile.kind === 'review';
  const title = review ? REVIEW_FORM_TITLE : FORM2_TITLE;
  const what = review ? `${ctx.profile.review!.batch}年度批次中小企业特色产业集群复核` : `${roundYear(ctx.profile)}年度中小企业特色产业集群申报`;
  const doc = createDocument({
    fonts: ctx.fonts,
    date: ctx.date,
    title,
    subject: name ? `${name} — ${what}` : what,
    author: 'cluster',
    keywords: ['中小企业特色产业集群', ...(review ? ['复核'] : ['申报表', annexLabel(ctx.profile, 'form')]), ...(name ? [name] : [])],
    fontSize: TABLE_SIZE,
    pageNumbers: { format: 'chinese' },
    ...(ctx.draft ? { draft: ctx.draft } : {}),
  });
  cover(ctx, doc);
  if (ctx.toc) doc.addTocPage('目录');
  instructionsPage(ctx, doc);
  basic(ctx, doc);
  industry(ctx, doc);
  innovation(ctx, doc);
  digital(ctx, doc);
  green(ctx, doc);
  openness(ctx, doc);
  governance(ctx, doc);
  // A review holds the certified plan instead of 表八 (its own face: 规划目标完成情况), and the official
  // review form's declaration is not known, so none is printed.
  if (review) {
    lists(ctx, doc);
  } else {
    plan(ctx, doc);
    declaration(ctx, doc);
    lists(ctx, doc);
  }
  const data = await doc.finish();
  ctx.warnings.push(...doc.warnings);
  return { data, pages: doc.pageCount, title };
}
