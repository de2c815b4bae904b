import { meets, baseYear } from '../../profile.js';
import { fixed2 } from '../../i18n.js';
import { bound, boundData, defineRule, precisionData, valueText } from '../helpers.js';

/**
 * 表二's own row "近三年集群主导产业产值年均增速": the reviewer reads it beside 标准一's "产值年均增速高于10%".
 * 标准一 is judged on 集群总产值 (competitiveness/output-growth); this row, stated or computed, is a warning.
 */
export default defineRule(
  {
    id: 'competitiveness/leading-industry-growth',
    severity: 'warning',
    source: '标准一；表二',
    description: { zh: '表二"近三年集群主导产业产值年均增速"未高于标准一的产值增速要求（10%）', en: 'table 2’s leading-industry growth row is not above criterion 1’s growth bound (10%)' },
    messages: {
      zh: {
        stated: '{year}年"近三年集群主导产业产值年均增速"填报 {value}%{precision}，未高于标准一的{threshold}%（要求 {bound}%）',
        computed: '集群主导产业产值年均增速 {value}%{precision}，未高于标准一的{threshold}%（要求 {bound}%）。计算：{formula}',
      },
      en: {
        stated: 'the stated leading-industry growth for {year} is {value}%{precisionEn}, not above criterion 1’s {threshold}% ({bound}%)',
        computed: 'leading-industry output growth is {value}%{precisionEn}, not above criterion 1’s {threshold}% ({bound}%). Computed: {formula}',
      },
    },
  },
  (ctx) => {
    const b = bound(ctx.profile, 'outputCagr');
    if (!b) return [];
    const y3 = baseYear(ctx.profile);
    const stated = ctx.view.yearNum('/industry/leadingCagr', y3);
    if (stated !== undefined) {
      return meets(stated, b) ? [] : [{ messageId: 'stated', path: `/industry/leadingCagr/${y3}`, data: { year: y3, value: valueText(stated, b), ...precisionData(stated), ...boundData(b) } }];
    }
    const m = ctx.metrics.leadingIndustryOutputCagr;
    if (!m || m.value === null || meets(m.value, b)) return [];
    return [{ messageId: 'computed', path: '/industry/leadingShare', data: { value: fixed2(m.value), ...precisionData(m.value), ...boundData(b), formula: m.formula } }];
  },
);
