import { defineRule, type Out } from '../helpers.js';
import { baseYear } from '../../profile.js';

const CATEGORIES = ['provincialSrdi', 'littleGiants', 'singleChampions', 'highTech', 'innovativeSmes', 'listedSmes', 'preListingSmes'];

export default defineRule(
  {
    id: 'consistency/counts',
    severity: 'error',
    source: '—',
    description: {
      zh: '部分大于整体：中小企业数量大于企业数量、研发人员多于从业人员、上云或接入工业互联网的中小企业多于中小企业数量、某类企业多于中小企业数量',
      en: 'a part exceeds its whole: SMEs above enterprises, R&D staff above staff, cloud or platform SMEs above SMEs, a category above SMEs',
    },
    messages: {
      zh: { exceeds: '「{label}」{value} 大于{whole} {wholeValue}（{year}年）' },
      en: { exceeds: '“{label}” {value} exceeds {whole} {wholeValue} ({year})' },
    },
  },
  (ctx) => {
    const v = ctx.view;
    const out: Out = [];
    const check = (part: string, whole: string, wholeLabel: string, year: number, partPtr?: string) => {
      const a = partPtr === undefined ? v.yearNum(part, year) : v.num(partPtr);
      const b = v.yearNum(whole, year);
      if (a !== undefined && b !== undefined && a > b) out.push({ messageId: 'exceeds', path: partPtr ?? `${part}/${year}`, data: { value: a, whole: wholeLabel, wholeValue: b, year } });
    };
    for (const y of ctx.profile.dataYears) {
      check('/industry/smes', '/industry/enterprises', '集群企业数量', y);
      check('/innovation/rdStaff', '/innovation/staff', '集群中小企业从业人员数量', y);
      for (const c of CATEGORIES) check(`/industry/${c}`, '/industry/smes', '集群中小企业数量', y);
    }
    const y3 = baseYear(ctx.profile);
    check('', '/industry/smes', '集群中小企业数量', y3, '/digital/cloudSmes');
    check('', '/industry/smes', '集群中小企业数量', y3, '/digital/iipSmes');
    return out;
  },
);
