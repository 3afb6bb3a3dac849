import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('value-not-scoreable', {
  valid: [{ name: 'numbers on both sides', sheet: project() }],
  invalid: [
    {
      name: 'a numeric target with a non-numeric actual: the actual cell',
      sheet: project({ 0: ['产出指标', '数量指标', '督查次数', '≥36次', '按时完成', 20, 20] }),
      findings: [{ cell: 'E7', declared: '20' }],
    },
    {
      name: 'a deadline target',
      sheet: project({ 1: [null, '时效指标', '完成时限', '12月份', '按时完成', 20, 20] }),
      findings: [{ cell: 'E8' }],
    },
  ],
});
