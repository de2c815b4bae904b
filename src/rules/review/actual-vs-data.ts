import { fmtNum } from '../../i18n.js';
import { defineRule, round2, type Out } from '../helpers.js';

/**
 * The plan's actuals are the same figures the review years' 附件2 data declare: where one can be
 * computed from the other, they must agree (after rounding to the form's 2 decimals).
 */
export default defineRule(
  {
    id: 'review/actual-vs-data',
    severity: 'warning',
    source: '表八 备注（基准值与表二至五一致）',
    filings: ['review'],
    description: {
      zh: '规划目标的实际值与复核年度申报数据中的同一数字不一致',
      en: 'a plan actual disagrees with the same figure in the review years’ data',
    },
    messages: {
      zh: { differs: '「{indicator}」{year}年实际值 {actual}，而申报数据得出 {fromData}（{how}）' },
      en: { differs: '“{indicator}” {year}: actual {actual}, but the data give {fromData} ({how})' },
    },
  },
  (ctx) => {
    const v = ctx.view;
    const zh = (ctx.lang ?? 'zh') === 'zh';
    const years = ctx.profile.dataYears;
    const last = years[years.length - 1]!;
    const out: Out = [];
    const check = (key: string, label: string, year: number, fromData: number | null | undefined, how: string, digits = 2): void => {
      const actual = v.yearNum(`/review/targets/${key}/actual`, year);
      if (actual === undefined || fromData === undefined || fromData === null) return;
      if (Math.abs(round2(actual) - round2(fromData)) <= 0.0100001) return;
      out.push({ messageId: 'differs', path: `/review/targets/${key}/actual/${year}`, data: { indicator: label, year, actual: fmtNum(actual, digits), fromData: fmtNum(fromData, digits), how } });
    };
    for (const y of years) {
      check('rdSpending', zh ? '研发经费投入' : 'R&D spending', y, v.yearNum('/innovation/rdSpending', y), zh ? '表三 研发经费总额' : 'table 3 R&D spending');
      check('co2Intensity', zh ? '二氧化碳排放量' : 'CO₂ intensity', y, ctx.metrics.co2Intensity?.byYear?.[String(y)], zh ? '表五 单位产值二氧化碳排放量' : 'table 5 CO₂ intensity', 4);
      check('energyIntensity', zh ? '单位工业产值能耗' : 'energy intensity', y, ctx.metrics.energyIntensity?.byYear?.[String(y)], zh ? '表五 单位产值能耗' : 'table 5 energy intensity', 4);
      check('inventionPatents', zh ? '有效发明专利数量' : 'valid invention patents', y, v.yearNum('/innovation/inventionPatentsByYear', y), zh ? '各年有效发明专利拥有量' : 'yearly patent stock', 0);
      // 优质中小企业: the plan may count the three 梯度培育 tiers or all five categories; differing from both is the slip.
      const part = (k: string) => v.yearNum(`/industry/${k}`, y);
      const tiers = [part('innovativeSmes'), part('provincialSrdi'), part('littleGiants')];
      const five = [...tiers, part('singleChampions'), part('highTech')];
      const actual = v.yearNum('/review/targets/qualitySmes/actual', y);
      if (actual !== undefined && five.every((x) => x !== undefined)) {
        const t3 = tiers.reduce((s, x) => s! + x!, 0)!;
        const t5 = five.reduce((s, x) => s! + x!, 0)!;
        if (actual !== t3 && actual !== t5) {
          out.push({
            messageId: 'differs',
            path: `/review/targets/qualitySmes/actual/${y}`,
            data: { indicator: zh ? '优质中小企业数量' : 'quality SMEs', year: y, actual: String(actual), fromData: zh ? `${t3}（创新型+专精特新+小巨人）或 ${t5}（表二五类合计）` : `${t3} (three tiers) or ${t5} (five categories)`, how: zh ? '表二' : 'table 2' },
          });
        }
      }
    }
    check('inventionPatents', zh ? '有效发明专利数量' : 'valid invention patents', last, v.yearNum('/innovation/inventionPatentsByYear', last) === undefined ? v.num('/innovation/inventionPatents/count') : undefined, zh ? '表三 有效发明专利拥有量' : 'table 3 valid invention patents', 0);
    check('iipRate', zh ? '工业互联网普及率' : 'industrial internet adoption', last, ctx.metrics.industrialInternetRate?.value, zh ? '表四 接入工业互联网平台的中小企业数量 ÷ 中小企业数量' : 'table 4 connected SMEs ÷ SMEs');
    const g = ctx.metrics.outputCagr;
    if (g && g.value !== null && g.years[0] === years[0]! - 1) check('outputCagr', zh ? '近三年集群产值年均增速' : 'output growth', last, g.value, g.formula);
    return out;
  },
);
