import { escapeControls as esc, stringifySafe } from '../escape.js';
import type { CommonOptions } from '../cli.js';
import { CliError } from '../errors.js';
import { fixed2, fmtNum } from '../i18n.js';
import { refuseOverwrite, requireFile, writeOutput } from '../io.js';
import { loadFiling } from '../load/index.js';
import { computeMetrics, METRIC_IDS } from '../metrics/index.js';
import { judge, METRIC_META, type Verdict } from '../metrics/meta.js';
import { paintFor } from '../paint.js';
import { profileFor } from '../project.js';
import { pad, width } from '../format/text.js';
import { FilingView } from '../validate/view.js';
import { figure, planAttainment, type PlanAttainment } from '../review/attainment.js';
import { profileForFiling } from '../review/kind.js';
import type { Paint } from '../format/types.js';
import { VERSION } from '../version.js';

export interface MetricsCliOptions extends CommonOptions {
  format: 'text' | 'json';
  output?: string;
  force?: boolean;
}

/** 规划目标完成情况 as text: each indicator's figures, its attainment and the formula. */
function attainmentLines(a: PlanAttainment, zh: boolean, p: Paint): string[] {
  const out = [p.bold(zh ? `规划目标完成情况（${a.baseYear}年基准值 → ${a.targetYear}年目标值；达到 ${a.met}/${a.judged} 项）` : `attainment of the plan (${a.baseYear} baseline → ${a.targetYear} target; ${a.met} of ${a.judged} met)`)];
  const v = (x: number | undefined, unit: string) => (x === undefined ? '—' : `${figure(x, unit)}${unit === '%' ? '%' : ''}`);
  for (const i of a.indicators) {
    const head = `${i.direction ? i.direction + '：' : ''}${i.label}`;
    if (i.qualitative) {
      out.push(`${head}  ${p.dim(zh ? '（定性，不计算完成率）' : '(qualitative: no rate)')}`);
      if (i.text?.actual) out.push(p.dim(`    ${i.text.actual}`));
      continue;
    }
    const actual = a.years.map((y) => `${y}: ${v(i.actual[y], i.unit)}`).join(zh ? '，' : ', ');
    const verdict = !i.final ? p.dim('—') : i.final.achieved ? p.green(zh ? '✔ 完成' : '✔ met') : p.yellow(zh ? '✖ 未完成' : '✖ missed');
    const rate = i.final?.rate === null || !i.final ? '' : `  ${zh ? '完成率' : 'rate'} ${fixed2(i.final.rate)}%`;
    out.push(`${head}  ${v(i.baseline, i.unit)} → ${v(i.target, i.unit)}${i.unit && i.unit !== '%' ? ' ' + i.unit : ''}  [${actual}]${rate}  ${verdict}`);
    if (i.final) out.push(p.dim(`    ${i.final.formula}`));
    for (const s of i.stageJudgements) out.push(p.dim(`    ${zh ? `${s.year}年阶段性目标` : `${s.year} stage`} ${s.achieved ? (zh ? '完成' : 'met') : zh ? '未完成' : 'missed'}：${s.formula}`));
  }
  return out;
}

export async function metricsCommand(file: string, opts: MetricsCliOptions): Promise<number> {
  await requireFile(file);
  await refuseOverwrite(opts.output, opts.force);
  const loaded = await loadFiling(file, { years: profileFor(file, opts).dataYears });
  // A review filing under the default profile: its batch's review profile.
  const profile = profileForFiling(loaded.data, profileFor(file, opts), file);
  const view = new FilingView(loaded.data);
  const metrics = computeMetrics(view, profile, opts.lang);
  const attainment = profile.kind === 'review' ? planAttainment(view, profile, opts.lang) : undefined;
  const zh = opts.lang === 'zh';
  // From a workbook: the cells each figure rests on that were converted or could not be read.
  const { cellsOfMetric, cellLine } = await import('../xlsx/cells-used.js');
  const cells = new Map(METRIC_IDS.map((id) => [id, loaded.format === 'xlsx' ? cellsOfMetric(loaded, id, opts.lang, metrics[id]) : []]));
  const unread = [...cells.values()].some((l) => l.some((c) => c.kind === 'unreadable'));
  let text: string;
  if (opts.format === 'json') {
    const out: Record<string, unknown> = {};
    for (const id of METRIC_IDS) {
      const m = metrics[id];
      if (!m) continue;
      const j = judge(id, m, profile);
      const used = cells.get(id)!;
      const altVerdict = m.alt ? judge(id, { ...m, value: m.alt.value }, profile).verdict : undefined;
      out[id] = {
        ...m,
        ...(m.alt ? { alt: { ...m.alt, verdict: altVerdict } } : {}),
        label: METRIC_META[id].label[opts.lang],
        ...(j.threshold ? { threshold: j.threshold } : {}),
        verdict: j.verdict,
        ...(METRIC_META[id].rule ? { rule: METRIC_META[id].rule } : {}),
        ...(used.length ? { cells: used } : {}),
      };
    }
    text = stringifySafe({ tool: { name: 'cluster', version: VERSION }, profile: profile.id, file, metrics: out, ...(attainment ? { attainment } : {}) }, 2) + '\n';
  } else if (opts.format === 'text') {
    const p = await paintFor('stdout', opts.output !== undefined && opts.output !== '-');
    const verdictText: Record<Verdict, string> = zh ? { pass: p.green('✔ 符合'), fail: p.red('✖ 不符合'), 'n/a': p.dim('—') } : { pass: p.green('✔ pass'), fail: p.red('✖ fail'), 'n/a': p.dim('—') };
    const rows = METRIC_IDS.map((id) => {
      const m = metrics[id]!;
      const j = judge(id, m, profile);
      const value =
        m.byYear && id !== 'co2Intensity' && id !== 'energyIntensity' && id !== 'rdIntensity'
          ? m.value === null ? '—' : fixed2(m.value)
          : m.byYear
            ? profile.dataYears.map((y) => (m.byYear![String(y)] === null || m.byYear![String(y)] === undefined ? '—' : fmtNum(m.byYear![String(y)]!, id === 'rdIntensity' ? 2 : 4))).join(' / ')
            : m.value === null ? '—' : m.unit === '%' ? fixed2(m.value) : fmtNum(m.value);
      const unit = m.unit === '%' ? '%' : ` ${m.unit}`;
      const th = id === 'co2Intensity' ? (zh ? '逐年下降' : 'falls yearly') : j.threshold ? `${j.threshold.text}${m.unit === '%' ? '%' : ''}` : '';
      // A growth rate on the other basis (基期 Y1 − 1 with 3 intervals, or Y1 with 2), and a warning when the verdicts differ.
      let other = '';
      if (m.alt) {
        const aj = judge(id, { ...m, value: m.alt.value }, profile);
        const [a0] = m.alt.years;
        const span = m.alt.years[1]! - a0!;
        other = zh ? `另一口径（${a0}年基期，${span}个间隔）：${fixed2(m.alt.value)}%${aj.verdict !== 'n/a' ? ` ${verdictText[aj.verdict]}` : ''}` : `other basis (${a0} base, ${span} intervals): ${fixed2(m.alt.value)}%${aj.verdict !== 'n/a' ? ` ${verdictText[aj.verdict]}` : ''}`;
        if (aj.verdict !== 'n/a' && j.verdict !== 'n/a' && aj.verdict !== j.verdict) other += p.yellow(zh ? '  ⚠ 两种口径结论不同（consistency/growth-basis）' : '  ⚠ the two bases disagree (consistency/growth-basis)');
      }
      return { id, label: METRIC_META[id].label[opts.lang], value: value === '—' ? value : value + unit, th, verdict: verdictText[j.verdict], formula: m.value === null && !m.byYear ? (m.note ?? '') : m.formula || m.note || '', other };
    });
    const head = zh ? ['指标', '数值', '标准', '结论'] : ['metric', 'value', 'threshold', 'verdict'];
    const w = [0, 1, 2].map((i) => Math.max(width(head[i]!), ...rows.map((r) => width([r.label, r.value, r.th][i]!))));
    const lines = [
      p.bold(`${esc(file)}  (${profile.id}${zh ? '；数据年度 ' : '; data years '}${profile.dataYears.join('、')})`),
      '',
      p.bold([pad(head[0]!, w[0]!), pad(head[1]!, w[1]!), pad(head[2]!, w[2]!), head[3]].join('  ')),
    ];
    for (const r of rows) {
      lines.push([pad(r.label, w[0]!), pad(r.value, w[1]!), pad(r.th, w[2]!), r.verdict].join('  '));
      if (r.formula) lines.push(p.dim(`    ${r.formula}`));
      if (r.other) lines.push(`    ${r.other}`);
      for (const c of cells.get(r.id)!) lines.push(`    ${c.kind === 'converted' ? p.yellow('⚠') : p.red('✖')} ${cellLine(c, opts.lang)}`);
    }
    if (unread) {
      lines.push('', p.red(zh ? '✖ 有的指标依据的单元格未能读取，上面的数值不完整：请按提示修改工作簿后重新运行' : '✖ some metrics rest on cells that could not be read; the figures above are incomplete: fix the workbook and run again'));
    }
    if (attainment) lines.push('', ...attainmentLines(attainment, zh, p));
    text = lines.join('\n') + '\n';
  } else throw new CliError({ zh: `未知格式 ${opts.format}`, en: `unknown format ${opts.format}` });
  await writeOutput(opts.output, text, [file]);
  // A figure printed from a cell that could not be read is not the filing's figure.
  return unread ? 1 : 0;
}
