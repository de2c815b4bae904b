import { defineRule, type Out } from '../helpers.js';
import { attainmentOf, fig } from './shared.js';

export default defineRule(
  {
    id: 'review/stage-missed',
    severity: 'warning',
    source: '表八 2.阶段性目标',
    filings: ['review'],
    description: { zh: '某一中间年度的实际值未达到该年的阶段性目标', en: 'an interim year’s actual falls short of that year’s stage target' },
    messages: {
      zh: { missed: '「{indicator}」{year}年未达到阶段性目标：实际值 {actual}，阶段性目标 {goal}。{formula}' },
      en: { missed: '“{indicator}” missed its {year} stage target: actual {actual}, stage target {goal}. {formula}' },
    },
  },
  (ctx) => {
    const out: Out = [];
    for (const a of attainmentOf(ctx).indicators) {
      for (const j of a.stageJudgements) {
        if (j.achieved) continue;
        out.push({ messageId: 'missed', path: `${a.pointer}/actual/${j.year}`, data: { indicator: a.label, year: j.year, actual: fig(j.actual, a.unit), goal: fig(j.goal, a.unit), formula: j.formula } });
      }
    }
    return out;
  },
);
