import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('total-mismatch', {
  valid: [
    { name: 'the total is the sum', sheet: project() },
    { name: 'no total declared', sheet: project({}, { total: null }) },
  ],
  invalid: [
    { name: 'a total below the sum', sheet: project({}, { total: 95 }), findings: [{ cell: 'G12', declared: '95', expected: '100', suggestion: null, path: ['总分'] }] },
    {
      name: 'the sum counts the declared scores, right or wrong',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 18, '疫情'] }, { total: 100 }),
      findings: [{ cell: 'G12', expected: '98' }],
    },
  ],
});
