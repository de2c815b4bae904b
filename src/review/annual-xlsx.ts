/**
 * The annual development report as an Excel workbook: the same three tables as the PDF (key figures
 * with the change on the previous year, the year against the plan, what falls behind), numbers as
 * numbers so an office can sum and chart them. Reproducible bytes (entries dated with the document date).
 */
import type ExcelJS from 'exceljs';
import type { Lang } from '../catalogue/index.js';
import { newWorkbook, restampZip } from '../summary/xlsx.js';
import type { AnnualReport } from './annual.js';

const FONT = '宋体';
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function sheet(wb: ExcelJS.Workbook, name: string, title: string, note: string, head: string[], widths: number[], rows: Array<Array<string | number | null>>, formats: Array<string | undefined>): void {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: '3:3' },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = widths.map((w) => ({ width: w }));
  const last = String.fromCharCode(64 + widths.length);
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { name: FONT, size: 14, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = note;
  ws.getCell('A2').font = { name: FONT, size: 9, color: { argb: 'FF444444' } };
  ws.getCell('A2').alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 30;
  const h = ws.getRow(3);
  head.forEach((t, i) => {
    const c = h.getCell(i + 1);
    c.value = t;
    c.font = { name: FONT, size: 11, bold: true };
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  rows.forEach((cells, r) => {
    const row = ws.getRow(4 + r);
    cells.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = v === null ? '—' : v;
      c.font = { name: FONT, size: 11 };
      c.border = BORDER;
      c.alignment = { horizontal: typeof v === 'number' ? 'right' : i === 0 || i === cells.length - 1 ? 'left' : 'center', vertical: 'middle', wrapText: true };
      // Counts (家, 件, 人…) print as integers, as on the form; other figures with the column's format.
      if (typeof v === 'number' && formats[i]) c.numFmt = formats[i] === '0.00##' && Number.isInteger(v) && cells.some((u) => typeof u === 'string' && COUNT_UNITS.has(u)) ? '0' : formats[i]!;
    });
  });
}

const COUNT_UNITS = new Set(['家', '件', '个', '项', '人', '次']);

/** A computed figure without float noise (42.30000000000001 → 42.3); the cell's format shows 2 decimals. */
function clean(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x * 1e6) / 1e6;
}

export async function annualXlsxBytes(r: AnnualReport, date: Date, lang: Lang): Promise<Buffer> {
  const zh = lang === 'zh';
  const t = (a: string, b: string) => (zh ? a : b);
  const wb = await newWorkbook(t(`${r.year}年度发展情况自评报告`, `Annual development report ${r.year}`), date);
  const own = t(`${r.clusterName}：本工具的自评报告（配置 ${r.profileId}），不是官方的年度报告模板。`, `${r.clusterName}: the tool's own self-assessment (profile ${r.profileId}), not the official template.`);
  sheet(
    wb,
    t('主要数据', 'Key figures'),
    t(`${r.year}年主要数据及与上年比较`, `Key figures of ${r.year} against ${r.previousYear}`),
    own + t(' 比率（%）的增减以百分点计。', ' Rates (%) change in percentage points.'),
    [t('指标', 'figure'), t('单位', 'unit'), t(`${r.previousYear}年`, String(r.previousYear)), t(`${r.year}年`, String(r.year)), t('增减', 'change'), t('增减率（%）', 'change (%)')],
    [30, 16, 14, 14, 14, 14],
    r.keyFigures.map((k) => [k.label, k.unit, k.previous ?? null, k.current ?? null, clean(k.change), clean(k.changePct)]),
    [undefined, undefined, '0.00##', '0.00##', '0.00##', '0.00'],
  );
  sheet(
    wb,
    t('目标完成情况', 'Plan'),
    t(`${r.year}年规划目标完成情况`, `${r.year} against the plan`),
    own + t(' 完成率 = 实际值 ÷ 目标值 × 100%；降低类指标为实际降低率 ÷ 规划降低率 × 100%。', ' Rate = actual ÷ goal × 100%; reductions: achieved ÷ planned reduction × 100%.'),
    [t('方向', 'area'), t('指标', 'indicator'), t('单位', 'unit'), t('基准值', 'baseline'), t('本年目标', 'goal'), t('实际值', 'actual'), t('完成率（%）', 'rate (%)'), t('结论', 'verdict'), t('计算公式', 'formula')],
    [10, 26, 14, 12, 12, 12, 12, 10, 60],
    r.plan.map((row) => {
      const a = row.indicator;
      return [a.direction, a.label, a.unit, a.baseline ?? null, row.goal ?? null, row.actual ?? null, clean(row.judgement?.rate), !row.judgement ? '—' : row.judgement.achieved ? t('完成', 'met') : t('未完成', 'behind'), row.judgement?.formula ?? ''];
    }),
    [undefined, undefined, undefined, '0.00##', '0.00##', '0.00##', '0.00'],
  );
  sheet(
    wb,
    t('落后于规划', 'Behind plan'),
    t(`${r.year}年落后于规划的指标`, `Where ${r.year} falls behind the plan`),
    own,
    [t('指标', 'indicator'), t('说明（含数字和公式）', 'figures and formula')],
    [26, 100],
    r.findings.length ? r.findings.map((f) => [f.indicator, f.text]) : [[t('无', 'none'), t(`${r.year}年各项给出数值目标的指标均达到规划。`, `Every indicator with a figure for ${r.year} is on plan.`)]],
    [],
  );
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return restampZip(raw, date);
}
