import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('weight-label-mismatch', {
  valid: [{ name: 'label and column agree', sheet: project({ 0: ['产出指标', '数量指标', '培训人数（20分）', '≥100人', '110人', 20, 20] }) }],
  invalid: [
    {
      name: 'the label says 10, the column 20',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数（10分）', '≥100人', '110人', 20, 20] }),
      findings: [{ cell: 'C7', declared: '10', expected: '20' }],
    },
  ],
});
