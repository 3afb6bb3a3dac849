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
    {
      // declared is the cell's content, not the sum (105, in the message).
      name: 'the same with the total row’s weight left empty: nothing declared there',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 25, 25] }, { total: 105 }),
      findings: [{ cell: 'F12', declared: null, expected: '100', path: ['总分'] }],
    },
    {
      name: 'the total row says 100: at the weight header, which declares no figure',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 17, 17] }, { total: 97, totalWeight: 100 }),
      findings: [{ cell: 'F6', declared: null, expected: '90', path: ['总分'] }],
    },
  ],
});
