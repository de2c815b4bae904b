import { defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'form/deadline',
    severity: 'info',
    source: '通知 四',
    description: {
      zh: '今天已过本轮该报送环节的截止日期（仅提示：同一份申报表下个月的退出码不变）',
      en: 'today is after the round’s deadline for the filing’s stage (information only, so the exit code does not change with the calendar)',
    },
    messages: {
      zh: { late: '今天（{today}）已过本轮（{profile}）报送截止日期 {deadline}（{source}）：请确认是否仍可报送，或选择正确的配置（--profile）；--today 可指定核对日期' },
      en: { late: 'today ({today}) is after the deadline of this round ({profile}), {deadline} ({source}): check whether filings are still accepted, or choose the right --profile; --today sets the date checked against' },
    },
  },
  (ctx) => {
    const d = ctx.profile.deadlines.find((x) => x.stage === ctx.profile.stage);
    if (!d?.date || !(ctx.today > d.date)) return [];
    return [{ messageId: 'late', path: '', data: { today: ctx.today, deadline: d.date, profile: ctx.profile.id, source: d.source } }];
  },
);
