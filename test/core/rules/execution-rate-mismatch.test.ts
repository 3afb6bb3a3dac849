import { ruleTester } from './tester.js';
import { pct, project } from './forms.js';

ruleTester('execution-rate-mismatch', {
  valid: [
    { name: '90 of 100 is 90%', sheet: project({}, { executed: 90, rate: pct(0.9, '90%'), execScore: 9, total: 99 }) },
    { name: '67% agrees with 66.55% at the precision it is written in', sheet: project({}, { executed: 66.55, rate: pct(0.67, '67%'), execScore: 6.66, total: 96.66 }) },
  ],
  invalid: [
    {
      name: '80% declared for 90 of 100',
      sheet: project({}, { executed: 90, rate: pct(0.8, '80%'), execScore: 9, total: 99 }),
      findings: [{ cell: 'E4', declared: '0.8', expected: '0.9', suggestion: null, path: ['预算执行率'] }],
    },
  ],
});
