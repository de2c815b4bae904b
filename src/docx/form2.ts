/**
 * 附件2《中小企业特色产业集群申报表》 as an editable Word document, A4 portrait: the cover, 填报说明, and
 * sections 一 to 九 as real Word tables in the seed's row order with the catalogue's labels — the same
 * walk as the PDF face (src/render/forms/form2.ts), with the same value formatting (src/render/values.ts,
 * src/render/cells.ts). Each of 一–九 starts on a new page (填报说明11: "一至七部分不得串页").
 */
import { DECLARATION_TEXT, sectionById, type FieldNode, type GroupNode, type Node, type SectionId } from '../catalogue/index.js';
import { planYears, type Profile } from '../profile.js';
import {
  baseYearNoteText,
  checklistItems,
  choiceItems,
  countText,
  intensityFormulaLines,
  intensityVal,
  namedCountText,
  reductionFormula,
  REGION_PARTS,
  regionBlanks,
  targetRows,
  val,
  yearVal,
} from '../render/cells.js';
import {
  BLANK_DATE,
  DECLARATION_ROW,
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
  PUBLIC_SERVICES_LEAD,
  PUBLIC_SERVICES_ROW,
  RECOMMENDATION_ROW,
  RECOMMENDATION_STAMP,
  REVIEW_FORM_FILE,
  REVIEW_FORM_SUBTITLE,
  REVIEW_FORM_TITLE,
  STANDARD_CATEGORY,
  TARGET_COLUMNS,
  YEAR_HEADER,
  annexLabel,
  form2File,
  instructions,
  planRemarks,
  roundYear,
  stageLabel,
} from '../render/fixed.js';
import { fieldNode, fmtDate, groupAt, show } from '../render/values.js';
import { B, type DocxContext, L, LH, T, V, checkParas, inlineChecks, note, tableText } from './cells.js';
import { DRAFT_HEADER_REL, buildDocx, draftHeaderXml, footerRelId, footerXml } from './package.js';
import { HAO, type PageSpec, type RowSpec, contentWidth, para, sectPr, spacer, table, text } from './wml.js';

/** "附件2 中小企业特色产业集群申报表.docx" (the annex number is the profile's, as for the PDF). */
export function form2DocxName(profile: Profile): string {
  return (profile.kind === 'review' ? REVIEW_FORM_FILE : form2File(profile)).replace(/\.pdf$/, '.docx');
}

/** A4 portrait; the content width (≈ 470 pt) is the PDF's, so the column widths carry over. */
const PAGE: PageSpec = { orientation: 'portrait', margins: { top: 25, bottom: 22, left: 22, right: 22 } };
const WIDTH = contentWidth(PAGE);
const LABEL_W = 172;
const yearLabel = (y: number) => `${y}年`;

class Body {
  readonly parts: string[] = [];
  add(...xml: string[]): void {
    this.parts.push(...xml);
  }
  table(columns: Array<number | '*'>, rows: RowSpec[], cellMargin?: number): void {
    this.parts.push(table({ columns, width: WIDTH, rows, ...(cellMargin !== undefined ? { cellMargin } : {}) }));
    // Consecutive tables would merge into one in Word: keep a thin paragraph between them.
    this.parts.push(spacer(6));
  }
}

type NoteItems = Parameters<typeof baseYearNoteText>[1];

/** The 注 under a table whose growth rates rest on the base year (the same text as the PDF's). */
function baseYearNote(ctx: DocxContext, body: Body, items: NoteItems): void {
  const t = baseYearNoteText(ctx, items);
  if (t) body.add(text(t, { style: 'Note', after: 6 }));
}

function section(body: Body, id: SectionId): void {
  body.add(text(sectionById(id).section.title, { style: 'SectionHeading', pageBreakBefore: true }));
}

function choiceCell(ctx: DocxContext, ptr: string, hint?: string, colSpan?: number) {
  return B([inlineChecks(choiceItems(ctx, ptr)), ...(hint ? [note(hint)] : [])], { ...(colSpan ? { colSpan } : {}) });
}

function checklistCell(ctx: DocxContext, ptr: string, lead?: string, colSpan?: number, inline = false) {
  const g = groupAt(ptr);
  const items = checklistItems(ctx, ptr, g);
  return B([...(lead ? [tableText(lead)] : []), ...(inline ? [inlineChecks(items)] : checkParas(items)), ...(g.hint ? [note(g.hint)] : [])], colSpan ? { colSpan } : {});
}

/** The draft header of a filing with errors. */
function draftRef(ctx: DocxContext): { header?: string } {
  return ctx.errors ? { header: DRAFT_HEADER_REL } : {};
}

// ------------------------------------------------------------------ cover and 填报说明

function cover(ctx: DocxContext, body: Body): void {
  const { view } = ctx;
  const size = HAO.四号;
  const right = [{ pos: WIDTH, align: 'right' as const }];
  /** "label：value____" with the blank running to the right margin (an underlined tab). */
  const line = (label: string, value: string, after = 14) =>
    para({ style: 'Body', firstLineChars: 0, tabs: right, after, line: 1.5, runs: [{ text: label, size }, { text: value ? ` ${value} ` : '', size, underline: true }, { text: '\t', size, underline: true }] });
  if (ctx.profile.kind === 'review') {
    // The tool's own review face: no annex number, a title that does not pass for the official form.
    body.add(text(REVIEW_FORM_TITLE, { style: 'FormTitle', size: HAO.一号, before: 110, after: 12 }));
    body.add(text(REVIEW_FORM_SUBTITLE, { style: 'Body', align: 'center', firstLineChars: 0, after: 96 }));
  } else {
    body.add(text(annexLabel(ctx.profile, 'form'), { style: 'SectionHeading' }));
    body.add(text(FORM2_TITLE, { style: 'FormTitle', size: HAO.一号, before: 96, after: 110 }));
  }
  const name = fieldNode('/cover/clusterName');
  body.add(line(`${name.label}：`, val(ctx, '/cover/clusterName'), 0));
  body.add(text(name.hint ?? '', { style: 'Note', align: 'center', after: 14 }));
  const blanks = regionBlanks(view);
  const runs: Array<{ text: string; size: number; underline?: boolean }> = [{ text: `${groupAt('/cover/region').label ?? ''}：`, size }];
  REGION_PARTS.forEach(([, suffix], i) => {
    const v = blanks[i]!;
    runs.push({ text: v ? `\u3000${v}\u3000` : '\u3000\u3000\u3000\u3000', size, underline: true }, { text: suffix, size });
  });
  body.add(para({ style: 'Body', firstLineChars: 0, after: 14, line: 1.5, runs }));
  body.add(line(`${fieldNode('/cover/authority').label}(盖章)：`, val(ctx, '/cover/authority')));
  body.add(line(`${fieldNode('/cover/operator').label}：`, val(ctx, '/cover/operator')));
  body.add(line(`${fieldNode('/cover/date').label}：`, val(ctx, '/cover/date')));
  const contact = [view.str('/cover/contact/name'), view.str('/cover/contact/phone')].filter(Boolean).join('\u3000');
  // The cover is a section of its own: no page number; 工业和信息化部 制 sits in its footer, at the foot of the page.
  body.add(
    para({
      style: 'Body',
      firstLineChars: 0,
      tabs: right,
      line: 1.5,
      runs: [{ text: `${groupAt('/cover/contact').label}：`, size }, { text: contact ? ` ${contact} ` : '', size, underline: true }, { text: '\t', size, underline: true }],
      sectPr: sectPr({ ...PAGE, footer: footerRelId(0), ...draftRef(ctx) }),
    }),
  );
}

function instructionsPage(ctx: DocxContext, body: Body): void {
  body.add(text(INSTRUCTIONS_TITLE, { style: 'FormTitle', size: HAO.小二, before: 0, after: 12 }));
  instructions(ctx.profile).forEach((t, i) => body.add(text(`${i + 1}. ${t}`, { style: 'Body', line: 1.6 })));
}

// ------------------------------------------------------------------ 一、基本情况

function basic(ctx: DocxContext, body: Body): void {
  section(body, 'basic');
  const name = fieldNode('/cover/clusterName');
  const contactRow = (ptr: string) => [
    L(fieldNode(`${ptr}/name`).label, { align: 'center' }),
    V(val(ctx, `${ptr}/name`)),
    L(fieldNode(`${ptr}/phone`).label, { align: 'center' }),
    V(val(ctx, `${ptr}/phone`)),
  ];
  const choiceRow = (ptr: string, hint?: string) => ({ cells: [L(fieldNode(ptr).label), choiceCell(ctx, ptr, hint, 3)] });
  body.table(
    [LABEL_W, '*', 62, '*'],
    [
      { cells: [L(`${name.label}：\n${name.hint ?? ''}`), V(val(ctx, '/cover/clusterName'), { colSpan: 3 })] },
      { cells: [L(fieldNode('/cover/authority').label), V(val(ctx, '/cover/authority'), { colSpan: 3 })] },
      { cells: contactRow('/basic/authorityContact') },
      { cells: [L(fieldNode('/cover/operator').label), V(val(ctx, '/cover/operator'), { colSpan: 3 })] },
      { cells: contactRow('/basic/operatorContact') },
      { cells: [L(fieldNode('/basic/area').label), V(val(ctx, '/basic/area'), { colSpan: 3 })] },
      choiceRow('/basic/industryType'),
      choiceRow('/basic/prohibitedIndustry'),
      choiceRow('/basic/majorIncident'),
      choiceRow('/basic/misconduct'),
      choiceRow('/basic/energyEfficiency'),
      choiceRow('/basic/waterEfficiency'),
      choiceRow('/basic/provincialCluster'),
    ],
  );
}

// ------------------------------------------------------------------ 二、主导产业情况

function yearHeader(years: readonly number[], span = 1): RowSpec {
  return { header: true, cells: [V(YEAR_HEADER, { bold: true }), ...years.map((y) => V(yearLabel(y), { bold: true, colSpan: span }))] };
}

function industry(ctx: DocxContext, body: Body): void {
  section(body, 'industry');
  const years = ctx.profile.dataYears;
  const sec = sectionById('industry');
  const perYear = sec.children.filter((n): n is FieldNode => n.kind === 'field' && n.years !== undefined && !n.toolOnly);
  body.table(
    [LABEL_W, '*', '*', '*'],
    [yearHeader(years), ...perYear.map((n) => ({ cells: [L(n.label), ...years.map((y) => V(yearVal(ctx, `/industry/${n.key}`, y)))] }))],
  );
  baseYearNote(ctx, body, [
    ['outputCagr', '/industry/output', '集群总产值', '亿元'],
    ['leadingIndustryOutputCagr', '/industry/leadingShare', '集群主导产业产值占比', '%'],
  ]);
  narrativeRows(ctx, body, '/industry', sec.children.filter((n) => !(n.kind === 'field' && n.years)));
}

/** Narrative fields and checklists of a section, in catalogue order, as two-column rows. */
function narrativeRows(ctx: DocxContext, body: Body, base: string, nodes: readonly Node[]): void {
  const rows: RowSpec[] = [];
  for (const n of nodes) {
    const ptr = `${base}/${n.key}`;
    if (n.kind === 'field' && n.type === 'text') rows.push({ cells: [LH(n.label, n.hint), T(val(ctx, ptr))] });
    else if (n.kind === 'group' && n.role === 'checklist') rows.push({ cells: [L(n.label ?? ''), checklistCell(ctx, ptr)] });
  }
  body.table([LABEL_W, '*'], rows);
}

// ------------------------------------------------------------------ 三、创新能力情况

function innovation(ctx: DocxContext, body: Body): void {
  section(body, 'innovation');
  const years = ctx.profile.dataYears;
  const sec = sectionById('innovation');
  const perYear = sec.children.filter((n): n is FieldNode => n.kind === 'field' && n.years !== undefined && !n.toolOnly);
  const std = groupAt('/innovation/standards');
  const cats = std.children.filter((c): c is GroupNode => c.kind === 'group');
  const leadNode = fieldNode('/innovation/standards/national/lead');
  const partNode = fieldNode('/innovation/standards/national/participate');
  const platforms = groupAt('/innovation/platforms');
  const pl = platforms.children.filter((c): c is GroupNode => c.kind === 'group');
  const rows: RowSpec[] = [
    yearHeader(years, 3),
    ...perYear.map((n) => ({ cells: [L(n.label), ...years.map((y) => V(yearVal(ctx, `/innovation/${n.key}`, y), { colSpan: 3 }))] })),
    {
      cells: [LH(std.label ?? '', std.hint, { rowSpan: cats.length + 1 }), ...years.flatMap(() => [V(STANDARD_CATEGORY), V(leadNode.label), V(partNode.label)])],
    },
    ...cats.map((c) => ({
      cells: years.flatMap((y) => [
        V(c.label ?? ''),
        V(yearVal(ctx, `/innovation/standards/${c.key}/lead`, y)),
        V(yearVal(ctx, `/innovation/standards/${c.key}/participate`, y)),
      ]),
    })),
  ];
  // The year header describes the per-year rows and the standards block only: Word repeats a header row
  // on every page a table runs onto, so the platform and patent rows (no year columns) are a table of
  // their own on the same grid, right below, and a page continuing them does not repeat "年度 | 2021年…".
  const rest: RowSpec[] = [
    ...pl.map((g, i) => ({
      cells: [
        ...(i === 0 ? [LH(platforms.label ?? '', platforms.hint, { rowSpan: pl.length })] : []),
        L(g.label ?? '', { colSpan: 3 }),
        L(namedCountText(ctx, `/innovation/platforms/${g.key}`), { colSpan: 6 }),
      ],
    })),
  ];
  for (const key of ['pctApplications', 'inventionPatentCagr', 'patentsPer10k']) {
    rest.push({ cells: [L(fieldNode(`/innovation/${key}`).label), V(val(ctx, `/innovation/${key}`), { colSpan: 9 })] });
  }
  const ip = groupAt('/innovation/inventionPatents');
  rest.push({ cells: [L(ip.label ?? ''), B([tableText(countText(ctx, '/innovation/inventionPatents'), 'center'), note(ip.hint ?? '', 'center')], { colSpan: 9 })] });
  // 主持数量/参与数量 on one line: 4 characters of 五号 in a column of ≈ 52 pt.
  const grid: Array<number | '*'> = [100, 28, '*', '*', 28, '*', '*', 28, '*', '*'];
  body.add(table({ columns: grid, width: WIDTH, rows, cellMargin: 1.5 }), spacer(1));
  body.table(grid, rest, 1.5);
  baseYearNote(ctx, body, [
    ['rdSpendingCagr', '/innovation/rdSpending', '集群中小企业研发经费总额', '亿元'],
    ['inventionPatentCagr', '/innovation/inventionPatentsByYear', '有效发明专利拥有量', '件'],
  ]);
}

// ------------------------------------------------------------------ 四、数字化升级情况

function digital(ctx: DocxContext, body: Body): void {
  section(body, 'digital');
  const years = ctx.profile.dataYears;
  const f = (k: string) => fieldNode(`/digital/${k}`);
  const rows: RowSpec[] = [];
  for (const k of ['cloudSmes', 'cloudRate', 'iipSmes', 'iipRate', 'rdToolRate']) rows.push({ cells: [L(f(k).label), V(val(ctx, `/digital/${k}`), { colSpan: 3 })] });
  rows.push({ cells: [L(f('softwareRising').label), choiceCell(ctx, '/digital/softwareRising', undefined, 3)] });
  rows.push({ cells: [L(f('softwareSpend').label, { rowSpan: 2 }), ...years.map((y) => V(yearLabel(y)))] });
  rows.push({ cells: years.map((y) => V(yearVal(ctx, '/digital/softwareSpend', y))) });
  rows.push({ cells: [LH(f('servicesText').label, f('servicesText').hint), T(val(ctx, '/digital/servicesText'), { colSpan: 3 })] });
  rows.push({ cells: [L(groupAt('/digital/servicesWork').label ?? ''), checklistCell(ctx, '/digital/servicesWork', undefined, 3)] });
  body.table([LABEL_W, '*', '*', '*'], rows);

  const nm = groupAt('/digital/newModels');
  const txt = fieldNode('/digital/newModels/text');
  const work = groupAt('/digital/newModels/work');
  const counts = nm.children.filter((c): c is GroupNode => c.kind === 'group' && c.role === 'namedCount');
  body.table(
    [90, 150, '*'],
    [
      { cells: [L(nm.label ?? '', { rowSpan: 2 + counts.length }), LH(txt.label, txt.hint), T(val(ctx, '/digital/newModels/text'))] },
      { cells: [checklistCell(ctx, '/digital/newModels/work', `${work.label ?? ''}：`, 2)] },
      ...counts.map((g) => ({ cells: [L(g.label ?? ''), L(namedCountText(ctx, `/digital/newModels/${g.key}`))] })),
    ],
  );
}

// ------------------------------------------------------------------ 五、绿色化转型情况

function green(ctx: DocxContext, body: Body): void {
  section(body, 'green');
  const years = ctx.profile.dataYears;
  const f = (k: string) => fieldNode(`/green/${k}`);
  const rows: RowSpec[] = [];
  rows.push({ cells: [L(f('carbonMonitoring').label), choiceCell(ctx, '/green/carbonMonitoring', f('carbonMonitoring').hint, 2)] });
  for (const key of ['co2Intensity', 'energyIntensity'] as const) {
    rows.push({ cells: [L(f(key).label, { rowSpan: years.length + 1 }), V(yearLabel(years[0]!)), V(intensityVal(ctx, key, years[0]!))] });
    for (const y of years.slice(1)) rows.push({ cells: [V(yearLabel(y)), V(intensityVal(ctx, key, y))] });
    const [general, ...computed] = intensityFormulaLines(ctx, key);
    rows.push({ cells: [B([tableText(f(key).hint ?? ''), note(general!), ...computed.map((l) => note(l))], { colSpan: 2 })] });
  }
  rows.push({
    cells: [L(f('energyIntensityReduction').label), B([tableText(val(ctx, '/green/energyIntensityReduction'), 'center'), note(reductionFormula(ctx))], { colSpan: 2 })],
  });
  rows.push({ cells: [L(f('solidWasteRate').label), V(val(ctx, '/green/solidWasteRate'), { colSpan: 2 })] });
  rows.push({ cells: [L(f('solidWasteAboveAverage').label), choiceCell(ctx, '/green/solidWasteAboveAverage', undefined, 2)] });
  rows.push({ cells: [L(f('waterReuseRate').label), V(val(ctx, '/green/waterReuseRate'), { colSpan: 2 })] });
  rows.push({ cells: [L(f('waterReuseAboveAverage').label), choiceCell(ctx, '/green/waterReuseAboveAverage', undefined, 2)] });
  rows.push({ cells: [LH(f('lowCarbonText').label, f('lowCarbonText').hint), T(val(ctx, '/green/lowCarbonText'), { colSpan: 2 })] });
  rows.push({ cells: [L(groupAt('/green/lowCarbonWork').label ?? ''), checklistCell(ctx, '/green/lowCarbonWork', undefined, 2)] });
  const gm = groupAt('/green/greenManufacturing');
  const gms = gm.children.filter((c): c is GroupNode => c.kind === 'group');
  gms.forEach((g, i) => {
    rows.push({
      cells: [...(i === 0 ? [LH(gm.label ?? '', gm.hint, { rowSpan: gms.length })] : []), L(g.label ?? ''), L(namedCountText(ctx, `/green/greenManufacturing/${g.key}`))],
    });
  });
  body.table([168, 100, '*'], rows);
}

// ------------------------------------------------------------------ 六、开放合作情况

function openness(ctx: DocxContext, body: Body): void {
  section(body, 'openness');
  const t = fieldNode('/openness/text');
  const ob = groupAt('/openness/overseasBranches');
  body.table(
    [LABEL_W, '*'],
    [
      { cells: [LH(t.label, t.hint), T(val(ctx, '/openness/text'))] },
      { cells: [L(groupAt('/openness/activities').label ?? ''), checklistCell(ctx, '/openness/activities')] },
      { cells: [L(ob.label ?? ''), B([tableText(countText(ctx, '/openness/overseasBranches'), 'center'), note(ob.hint ?? '', 'center')])] },
    ],
  );
}

// ------------------------------------------------------------------ 七、治理和服务水平

function governance(ctx: DocxContext, body: Body): void {
  section(body, 'governance');
  const al = groupAt('/governance/alliances');
  const env = fieldNode('/governance/environmentText');
  const sp = groupAt('/governance/servicePlatforms');
  const sps = sp.children.filter((c): c is GroupNode => c.kind === 'group');
  body.table(
    [150, 150, '*'],
    [
      { cells: [LH(al.label ?? '', al.hint), L(namedCountText(ctx, '/governance/alliances'), { colSpan: 2 })] },
      { cells: [LH(env.label, env.hint), T(val(ctx, '/governance/environmentText'), { colSpan: 2 })] },
      { cells: [L(groupAt('/governance/environmentWork').label ?? ''), checklistCell(ctx, '/governance/environmentWork', undefined, 2)] },
      ...sps.map((g, i) => ({
        cells: [...(i === 0 ? [LH(sp.label ?? '', sp.hint, { rowSpan: sps.length })] : []), L(g.label ?? ''), L(namedCountText(ctx, `/governance/servicePlatforms/${g.key}`))],
      })),
      { cells: [L(PUBLIC_SERVICES_ROW), checklistCell(ctx, '/governance/publicServices', PUBLIC_SERVICES_LEAD, 2, true)] },
    ],
  );
}

// ------------------------------------------------------------------ 八、发展规划

function plan(ctx: DocxContext, body: Body): void {
  section(body, 'plan');
  const { profile, view } = ctx;
  const chapter = (t: string) => body.add(text(t, { style: 'Chapter' }));
  const guide = (t: string) => body.add(text(t, { style: 'Note', firstLineChars: 2, after: 4 }));
  const narrative = (s: string) => {
    const paras = s.split('\n').map((l) => l.trim()).filter(Boolean);
    if (paras.length === 0) body.add(text('', { style: 'Body' }));
    for (const l of paras) body.add(text(l, { style: 'Body' }));
  };
  const label = (ptr: string) => fieldNode(ptr).label;

  body.add(text(PLAN_LIMIT, { style: 'TableText', align: 'center', after: 4 }));
  chapter(label('/plan/overview'));
  guide(PLAN_OVERVIEW_GUIDE);
  narrative(val(ctx, '/plan/overview'));
  chapter(label('/plan/achievements'));
  guide(PLAN_ACHIEVEMENTS_GUIDE);
  narrative(val(ctx, '/plan/achievements'));
  chapter(label('/plan/problems'));
  narrative(val(ctx, '/plan/problems'));
  chapter(PLAN_CHAPTER_4);
  chapter(label('/plan/approach'));
  narrative(val(ctx, '/plan/approach'));
  chapter(PLAN_GOALS);
  chapter(groupAt('/plan/targets').label ?? '');
  guide(PLAN_TARGETS_NOTE);
  targetsTable(ctx, body);
  baseYearNote(ctx, body, [['outputCagr', '/industry/output', '集群总产值', '亿元']]);
  const rem = planRemarks(profile);
  const remarks = [rem.head, ...rem.items.slice(0, -1), rem.items[rem.items.length - 1] + rem.tail];
  remarks.forEach((l, i) => body.add(text(l, { style: 'TableText', after: i === remarks.length - 1 ? 6 : 0 })));
  chapter(label('/plan/stageTargets'));
  planYears(profile).forEach((y, i) => {
    body.add(text(stageLabel(i, y), { style: 'Chapter', before: 4 }));
    narrative(show(view, `/plan/stageTargets/${y}`, fieldNode('/plan/stageTargets'), false));
  });
  chapter(label('/plan/tasks'));
  narrative(val(ctx, '/plan/tasks'));
  chapter(label('/plan/safeguards'));
  narrative(val(ctx, '/plan/safeguards'));
}

function targetsTable(ctx: DocxContext, body: Body): void {
  const rows: RowSpec[] = [{ header: true, cells: TARGET_COLUMNS(ctx.profile).map((c) => V(c, { bold: true })) }];
  for (const [dir, list] of targetRows(ctx)) {
    list.forEach((r, i) => {
      const valueCell = (s: string) => (r.text ? T(s) : V(s));
      const targetCell = r.targetNote ? B([tableText(r.target, 'center'), ...r.targetNote.split('\n').map((l) => note(l, 'center'))]) : valueCell(r.target);
      rows.push({ cells: [...(i === 0 ? [V(dir, { rowSpan: list.length })] : []), L(r.indicator), valueCell(r.baseline), targetCell] });
    });
  }
  body.parts.push(table({ columns: [72, 150, '*', '*'], width: WIDTH, rows }));
}

// ------------------------------------------------------------------ 九、真实性声明及推荐意见

function declaration(ctx: DocxContext, body: Body): void {
  section(body, 'declaration');
  const who = ctx.view.str('/declaration/signatory');
  const date = fmtDate(ctx.view.get('/declaration/date'));
  const size = HAO.小四;
  const p = (t: string, align: 'left' | 'right' | 'both' = 'left', firstLineChars = 0) => text(t, { style: 'TableText', size, align, firstLineChars, line: 1.5 });
  const blank = (n: number) => Array.from({ length: n }, () => p(''));
  body.table(
    [118, '*'],
    [
      {
        cells: [
          V(DECLARATION_ROW, { size }),
          B([p(DECLARATION_TEXT, 'both', 2), ...blank(2), p(DECLARATION_SIGN + (who ? `\u3000${who}` : '')), ...blank(2), p(DECLARATION_STAMP), ...blank(2), p(date ?? BLANK_DATE, 'right')]),
        ],
      },
      {
        cells: [V(RECOMMENDATION_ROW, { size }), B([...blank(7), p(RECOMMENDATION_STAMP), ...blank(2), p(BLANK_DATE, 'right')])],
      },
    ],
  );
}

// ------------------------------------------------------------------ 清单

function lists(ctx: DocxContext, body: Body): void {
  const items: Array<{ title: string; names: string[] }> = [
    { title: `近三年集群中小企业主持或参与制修订${fieldNode('/innovation/standards/list').label}`, names: ctx.view.list('/innovation/standards/list') },
    { title: `${groupAt('/innovation/inventionPatents').label?.replace(/\(.*$/, '')}清单`, names: ctx.view.list('/innovation/inventionPatents/names') },
    { title: `${groupAt('/openness/overseasBranches').label?.replace(/数量$/, '')}清单`, names: ctx.view.list('/openness/overseasBranches/names') },
  ].filter((l) => l.names.length > 0);
  if (items.length === 0) return;
  body.add(text('附：清单', { style: 'SectionHeading', pageBreakBefore: true }));
  items.forEach((l, k) => {
    body.add(text(`${k + 1}. ${l.title}`, { style: 'Chapter' }));
    body.table([40, '*'], [{ header: true, cells: ['序号', '名称'].map((c) => V(c, { bold: true })) }, ...l.names.map((n, i) => ({ cells: [V(String(i + 1)), L(n)] }))]);
  });
}

// ------------------------------------------------------------------ the document

export async function renderForm2Docx(ctx: DocxContext): Promise<{ data: Uint8Array; title: string; name: string }> {
  const body = new Body();
  cover(ctx, body);
  instructionsPage(ctx, body);
  basic(ctx, body);
  industry(ctx, body);
  innovation(ctx, body);
  digital(ctx, body);
  green(ctx, body);
  openness(ctx, body);
  governance(ctx, body);
  // A review holds the certified plan instead of 八 (its own document: 规划目标完成情况), and the official
  // review form's declaration is not known: neither is printed (as in the PDF).
  const review = ctx.profile.kind === 'review';
  if (!review) {
    plan(ctx, body);
    declaration(ctx, body);
  }
  lists(ctx, body);
  // The last section (填报说明 to the end): numbered from 1, "— 1 —" in the footer.
  body.add(sectPr({ ...PAGE, footer: footerRelId(1), restartNumbering: true, ...draftRef(ctx) }));
  const name = ctx.view.str('/cover/clusterName') ?? '';
  const title = review ? REVIEW_FORM_TITLE : FORM2_TITLE;
  const what = review ? `${ctx.profile.review!.batch}年度批次中小企业特色产业集群复核` : `${roundYear(ctx.profile)}年度中小企业特色产业集群申报`;
  const data = await buildDocx({
    body: body.parts.join(''),
    // "工业和信息化部 制" is the ministry's own form's imprint: not on the tool's review face.
    footers: [footerXml('text', review ? '' : MINISTRY), footerXml('dash')],
    ...(ctx.errors ? { header: draftHeaderXml(ctx.errors) } : {}),
    title,
    subject: name ? `${name} — ${what}` : what,
    keywords: ['中小企业特色产业集群', ...(review ? ['复核'] : ['申报表', annexLabel(ctx.profile, 'form')]), ...(name ? [name] : [])],
    date: ctx.date,
    ...(ctx.titleFont ? { titleFont: ctx.titleFont } : {}),
  });
  return { data, title, name: form2DocxName(ctx.profile) };
}
