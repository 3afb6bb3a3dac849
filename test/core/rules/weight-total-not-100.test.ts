import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('weight-total-not-100', {
  valid: [{ name: 'indicators 90 + execution 10', sheet: project({}, { totalWeight: 100 }) }],
  invalid: [
    {
      name: 'an indicator weight raised to 25: 105',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 25, 25] }, { total: 105, totalWeight: 105 }),
      findings: [{ cell: 'F12', declared: '105', expected: '100', path: ['总分'] }],
    },
  ],
});
