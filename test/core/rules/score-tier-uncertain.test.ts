import { ruleTester } from './tester.js';
import { project } from './forms.js';

// Row 4 is the satisfaction row: weight 10, the other rows give 90, so the total is 90 + score.
const network = (actual: string, score: number, reason: string | null = '全县网络故障及硬件故障') =>
  project({ 4: ['满意度指标', '服务对象满意度指标', '网络运行', '网络顺畅', actual, 10, score, reason] }, { total: 90 + score });

ruleTester('score-tier-uncertain', {
  valid: [
    // 正常运转 is a loose word: 达成 is guessed, 8 is inside 80%–100% → nothing to say.
    { name: 'guessed tier, score inside it', sheet: network('正常运转', 8) },
    // 部分完成 states the tier outright: 7 is inside 60%–80% → neither this warning nor an error.
    { name: 'status word states the tier, score inside', sheet: network('部分完成', 7) },
    // 未完成 states 未达成 outright: a score of 8 is an error of score-out-of-tier, not this warning.
    { name: 'status word states the tier, score outside: not a guess', sheet: network('未完成', 8) },
  ],
  invalid: [
    // Guessed 达成 (80%–100% = 8–10), declared 6 with an explanation: a warning, no expected value.
    { name: 'guessed tier, form explains the deduction', sheet: network('正常运转', 6), findings: [{ cell: 'G11', declared: '6', expected: null, suggestion: null }] },
    { name: 'guessed tier, no explanation', sheet: network('正常运转', 6, null), findings: [{ cell: 'G11', declared: '6', expected: null }] },
  ],
});
