import { planYears } from '../../profile.js';
import { labelFor } from '../../catalogue/index.js';
import { defineRule, type Out } from '../helpers.js';

const CORE_TARGETS = ['outputCagr', 'qualitySmes', 'rdSpending', 'inventionPatents', 'iipRate', 'co2Intensity', 'energyIntensity'];

export default defineRule(
  {
    id: 'governance/plan-complete',
    filings: ['application'],
    severity: 'error',
    source: '标准八；表八',
    description: {
      zh: '发展规划缺少总体思路、三年总体目标表、各年度阶段性目标、重点任务或保障措施',
      en: 'the plan lacks the general approach, the three-year target table, a yearly stage target, the key tasks or the safeguards',
    },
    messages: {
      zh: {
        approach: '发展规划缺少"(一) 总体思路"',
        targets: '三年总体目标表缺少"{indicator}"的基准值或目标值',
        stage: '阶段性目标缺少{year}年度',
        tasks: '发展规划缺少"(三) 重点任务"',
        safeguards: '发展规划缺少"(四) 保障措施"',
      },
      en: {
        approach: 'the plan lacks “(1) general approach”',
        targets: 'the three-year target table lacks the baseline or target of “{indicator}”',
        stage: 'the stage targets lack {year}',
        tasks: 'the plan lacks “(3) key tasks”',
        safeguards: 'the plan lacks “(4) safeguards”',
      },
    },
  },
  (ctx) => {
    const v = ctx.view;
    const out: Out = [];
    // A blank is form/required's to report; this rule reports a part declared "无" or absent.
    const filled = (p: string) => {
      const raw = v.get(p);
      if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return true;
      const s = v.str(p);
      return s !== undefined && s !== '无';
    };
    if (!filled('/plan/approach')) out.push({ messageId: 'approach', path: '/plan/approach' });
    for (const k of CORE_TARGETS) {
      if (v.get(`/plan/targets/${k}/baseline`) === undefined || v.get(`/plan/targets/${k}/target`) === undefined)
        out.push({ messageId: 'targets', path: `/plan/targets/${k}`, data: { indicator: labelFor(`/plan/targets/${k}/target`).split(' — ')[0]! } });
    }
    for (const y of planYears(ctx.profile)) if (!filled(`/plan/stageTargets/${y}`)) out.push({ messageId: 'stage', path: `/plan/stageTargets/${y}`, data: { year: y } });
    if (!filled('/plan/tasks')) out.push({ messageId: 'tasks', path: '/plan/tasks' });
    if (!filled('/plan/safeguards')) out.push({ messageId: 'safeguards', path: '/plan/safeguards' });
    return out;
  },
);
