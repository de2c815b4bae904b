import { validDate } from '../../profile.js';
import { defineRule } from '../helpers.js';

export default defineRule(
  {
    id: 'form/late',
    severity: 'warning',
    source: '通知 四',
    description: { zh: '申报表的申报时间晚于本轮该报送环节的截止日期', en: 'the filing’s date of application is after the round’s deadline for its stage' },
    messages: {
      zh: { late: '申报时间 {date} 晚于本轮（{profile}）报送截止日期 {deadline}（{source}）' },
      en: { late: 'the date of application {date} is after the deadline of this round ({profile}), {deadline} ({source})' },
    },
  },
  (ctx) => {
    const d = ctx.profile.deadlines.find((x) => x.stage === ctx.profile.stage);
    const date = ctx.view.str('/cover/date');
    if (!d?.date || !date || !validDate(date, true)) return [];
    // A month (YYYY-MM) is late only when the whole month is after the deadline.
    const late = date.length === 7 ? date > d.date.slice(0, 7) : date > d.date;
    return late ? [{ messageId: 'late', path: '/cover/date', data: { date, deadline: d.date, profile: ctx.profile.id, source: d.source } }] : [];
  },
);
