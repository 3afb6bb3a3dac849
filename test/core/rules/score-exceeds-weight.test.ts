import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('score-exceeds-weight', {
  valid: [
    { name: 'scores at their weights', sheet: project() },
    { name: 'a score equal to its weight', sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '100人', 20, 20] }) },
  ],
  invalid: [
    {
      name: 'an indicator above its weight: the rules give the full weight',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 20, 25] }, { total: 105 }),
      findings: [{ cell: 'G7', declared: '25', expected: '20', suggestion: '20', path: ['产出指标', '数量指标', '培训人数'] }],
    },
    {
      name: 'above the weight and short of the target: the rules give less than the weight',
      // 80 of ≥100 on weight 20 → 16.
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 21, '疫情'] }, { total: 101 }),
      findings: [{ cell: 'G7', expected: '16', suggestion: '16' }],
    },
    {
      name: 'the execution-rate score above its weight',
      sheet: project({}, { execScore: 12, total: 102 }),
      findings: [{ cell: 'G4', declared: '12', expected: '10', suggestion: '10', path: ['预算执行率'] }],
    },
  ],
});
