import { defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'form/deadline',
    severity: 'warning',
    source: '通知 四',
    description: { zh: '今天已过本轮申报截止日期', en: 'today is after the round’s submission deadline' },
    messages: {
      zh: { late: '今天（{today}）已过本轮（{profile}）报送截止日期 {deadline}：请确认是否仍可报送，或选择正确的配置（--profile）' },
      en: { late: 'today ({today}) is after the deadline of this round ({profile}), {deadline}: check whether filings are still accepted, or choose the right --profile' },
    },
  },
  (ctx) => (ctx.profile.deadline !== undefined && ctx.today > ctx.profile.deadline ? [{ messageId: 'late', path: '', data: { today: ctx.today, deadline: ctx.profile.deadline, profile: ctx.profile.id } }] : []),
);
