import type { Metric } from '../../metrics/types.js';
import { fmtNum } from '../../i18n.js';
import { baseYear } from '../../profile.js';
import { defineRule, round2, type Out } from '../helpers.js';

const TOLERANCE = 0.01 + 1e-9;

export default defineRule(
  {
    id: 'consistency/stated-vs-computed',
    severity: 'warning',
    source: '—',
    description: {
      zh: '填报的比率（研发投入强度、上云比例、普及率、万人专利、能耗降低率、年均增速、增长率）与按本表数据核算的值相差超过0.01',
      en: 'a stated rate (R&D intensity, cloud share, adoption, patents per 10k, energy reduction, growth) differs from the value computed from the filing by more than 0.01',
    },
    messages: {
      zh: { differs: '「{label}」填报 {stated}，按本表数据核算为 {computed}：{formula}', stock: '「{label}」{year}年为 {stated}，与有效发明专利拥有量 {computed} 不一致' },
      en: { differs: '“{label}” states {stated}, the filing’s own figures give {computed}: {formula}', stock: '“{label}” for {year} is {stated}, but the valid invention patents held are {computed}' },
    },
  },
  (ctx) => {
    const v = ctx.view;
    const m = ctx.metrics;
    const out: Out = [];
    const y3 = baseYear(ctx.profile);
    const cmp = (path: string, stated: number | undefined, computed: number | null | undefined, formula: string) => {
      if (stated === undefined || computed === null || computed === undefined) return;
      if (Math.abs(round2(stated) - round2(computed)) > TOLERANCE)
        out.push({ messageId: 'differs', path, data: { stated: fmtNum(stated), computed: fmtNum(computed), formula } });
    };
    const yearFormula = (metric: Metric | undefined, y: number) => metric?.formulaByYear?.[String(y)] ?? '';
    for (const y of ctx.profile.dataYears) {
      cmp(`/innovation/rdIntensity/${y}`, v.yearNum('/innovation/rdIntensity', y), m.rdIntensity?.byYear?.[String(y)], yearFormula(m.rdIntensity, y));
      if (v.yearNum('/green/co2Emissions', y) !== undefined)
        cmp(`/green/co2Intensity/${y}`, v.yearNum('/green/co2Intensity', y), m.co2Intensity?.byYear?.[String(y)], yearFormula(m.co2Intensity, y));
      if (v.yearNum('/green/energyConsumption', y) !== undefined)
        cmp(`/green/energyIntensity/${y}`, v.yearNum('/green/energyIntensity', y), m.energyIntensity?.byYear?.[String(y)], yearFormula(m.energyIntensity, y));
    }
    cmp('/digital/cloudRate', v.num('/digital/cloudRate'), m.cloudRate?.value, m.cloudRate?.formula ?? '');
    cmp('/digital/iipRate', v.num('/digital/iipRate'), m.industrialInternetRate?.value, m.industrialInternetRate?.formula ?? '');
    cmp('/innovation/patentsPer10k', v.num('/innovation/patentsPer10k'), m.patentsPer10k?.value, m.patentsPer10k?.formula ?? '');
    cmp('/green/energyIntensityReduction', v.num('/green/energyIntensityReduction'), m.energyIntensityReduction?.value, m.energyIntensityReduction?.formula ?? '');
    cmp(`/industry/leadingCagr/${y3}`, v.yearNum('/industry/leadingCagr', y3), m.leadingIndustryOutputCagr?.value, m.leadingIndustryOutputCagr?.formula ?? '');
    if (v.years('/innovation/inventionPatentsByYear').size >= 2)
      cmp('/innovation/inventionPatentCagr', v.num('/innovation/inventionPatentCagr'), m.inventionPatentCagr?.value, m.inventionPatentCagr?.formula ?? '');
    // Year-on-year growth rates of 表二.
    for (const [rate, base, label] of [
      ['/industry/fdiGrowth', '/industry/fdi', '外商直接投资额'],
      ['/industry/exportGrowth', '/industry/exports', '出口贸易额'],
    ] as const) {
      const ys = ctx.profile.dataYears;
      for (let i = 1; i < ys.length; i++) {
        const a = v.yearNum(base, ys[i - 1]!);
        const b = v.yearNum(base, ys[i]!);
        if (a === undefined || b === undefined || a <= 0) continue;
        const g = (b / a - 1) * 100;
        cmp(`${rate}/${ys[i]}`, v.yearNum(rate, ys[i]!), g, `(${ys[i]}年${label} ${fmtNum(b)} ÷ ${ys[i - 1]}年 ${fmtNum(a)} − 1) × 100 = ${fmtNum(g)}%`);
      }
    }
    const stock = v.yearNum('/innovation/inventionPatentsByYear', y3);
    const held = v.num('/innovation/inventionPatents/count');
    if (stock !== undefined && held !== undefined && stock !== held)
      out.push({ messageId: 'stock', path: `/innovation/inventionPatentsByYear/${y3}`, data: { year: y3, stated: stock, computed: held } });
    return out;
  },
);
