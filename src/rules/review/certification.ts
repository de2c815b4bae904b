import { defineRule, type Out } from '../helpers.js';

export default defineRule(
  {
    id: 'review/certification',
    severity: 'error',
    source: '暂行办法：认定有效期三年，期满复核',
    filings: ['review'],
    description: {
      zh: '认定批次、规划基准年或目标年与所选复核配置不符（有效期不符为警告）',
      en: 'the batch, plan base year or target year disagrees with the review profile (a different validity is a warning)',
    },
    messages: {
      zh: {
        batch: '认定批次为 {value} 年度，而配置 {profile} 复核的是 {expected} 年度批次：请选择 --profile review-{suggest}',
        planYear: '{what}为 {value}，而 {expected} 年度批次的规划{what}为 {expectedYear}',
        validity: '认定有效期 {value}，与 {expected} 年度批次的 {expectedRange} 不符（有效期为三年）',
      },
      en: {
        batch: 'the certification batch is {value}, but profile {profile} reviews the {expected} batch: use --profile review-{suggest}',
        planYear: '{whatEn} is {value}, but the {expected} batch’s plan has {expectedYear}',
        validity: 'validity {value} differs from the {expected} batch’s {expectedRange} (valid for three years)',
      },
    },
  },
  (ctx) => {
    const r = ctx.profile.review;
    if (!r) return [];
    const v = ctx.view;
    const out: Out = [];
    const batch = v.num('/certification/batch');
    if (batch !== undefined && batch !== r.batch) out.push({ messageId: 'batch', path: '/certification/batch', data: { value: batch, expected: r.batch, profile: ctx.profile.id, suggest: batch + 3 } });
    const years: Array<[string, string, string, number]> = [
      ['planBaseYear', '规划基准年', 'the plan’s base year', r.planBaseYear],
      ['planTargetYear', '规划目标年', 'the plan’s target year', r.planTargetYear],
    ];
    for (const [k, what, whatEn, expected] of years) {
      const x = v.num(`/review/${k}`);
      if (x !== undefined && x !== expected) out.push({ messageId: 'planYear', path: `/review/${k}`, data: { what, whatEn, value: x, expected: r.batch, expectedYear: expected } });
    }
    const from = v.num('/certification/validFrom');
    const to = v.num('/certification/validTo');
    if (from !== undefined && to !== undefined && (from !== r.validFrom || to !== r.validTo)) {
      out.push({ messageId: 'validity', severity: 'warning', path: '/certification/validFrom', data: { value: `${from}—${to}`, expected: r.batch, expectedRange: `${r.validFrom}—${r.validTo}` } });
    }
    return out;
  },
);
