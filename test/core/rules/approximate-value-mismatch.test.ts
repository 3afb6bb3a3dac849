import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('approximate-value-mismatch', {
  valid: [
    { name: 'approximate values that give the declared score', sheet: project({ 0: ['产出指标', '数量指标', '接收公文', '10000余件', '12000余件', 20, 20] }) },
  ],
  invalid: [
    {
      name: '9000余件 of 10000余件: 18 by the letter, a warning not an error',
      sheet: project({ 0: ['产出指标', '数量指标', '接收公文', '10000余件', '9000余件', 20, 20, '减少'] }),
      findings: [{ cell: 'G7', declared: '20', expected: '18', suggestion: '18' }],
    },
  ],
});
