import { meets } from '../../profile.js';
import { baseYear } from '../../profile.js';
import { bound, defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'cultivation/quality-smes',
    severity: 'error',
    source: '标准二',
    description: {
      zh: '基准年拥有不少于1家单项冠军或"小巨人"企业，或不少于10家专精特新、创新型中小企业和高新技术企业',
      en: 'in the base year at least 1 single champion or “little giant”, or at least 10 SRDI, innovative and high-tech enterprises',
    },
    messages: {
      zh: {
        short: '{year}年单项冠军与"小巨人"共 {giants} 家（要求不少于{gMin}家），专精特新、创新型与高新技术企业共 {others} 家（要求不少于{oMin}家），两项均未达到标准二',
        shortGiants: '{year}年单项冠军与"小巨人"共 {giants} 家，未达到标准二"不少于{gMin}家"',
        shortOthers: '{year}年专精特新、创新型与高新技术企业共 {others} 家，未达到标准二"不少于{oMin}家"',
      },
      en: {
        short: 'in {year}: {giants} single champions and little giants (need {gMin}), {others} SRDI, innovative and high-tech enterprises (need {oMin}); criterion 2 is met by neither',
        shortGiants: 'in {year}: {giants} single champions and little giants, short of criterion 2’s {gMin}',
        shortOthers: 'in {year}: {others} SRDI, innovative and high-tech enterprises, short of criterion 2’s {oMin}',
      },
    },
  },
  (ctx) => {
    const y = baseYear(ctx.profile);
    const v = (k: string) => ctx.view.yearCount(`/industry/${k}`, y); // "无" is none
    const parts = ['singleChampions', 'littleGiants', 'provincialSrdi', 'innovativeSmes', 'highTech'].map(v);
    if (parts.every((p) => p === undefined)) return [];
    const [sc, lg, srdi, inn, ht] = parts.map((p) => p ?? 0) as [number, number, number, number, number];
    const g = bound(ctx.profile, 'championsOrGiants');
    const o = bound(ctx.profile, 'otherQualitySmes');
    // Either route meets 标准二; a route the profile switches off meets nothing.
    if (!g && !o) return [];
    if ((g && meets(sc + lg, g)) || (o && meets(srdi + inn + ht, o))) return [];
    const messageId = g && o ? 'short' : g ? 'shortGiants' : 'shortOthers';
    return [{ messageId, path: `/industry/littleGiants/${y}`, data: { year: y, giants: sc + lg, others: srdi + inn + ht, gMin: g?.min ?? 0, oMin: o?.min ?? 0 } }];
  },
);
