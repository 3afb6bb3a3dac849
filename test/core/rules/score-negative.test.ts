import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('score-negative', {
  valid: [
    { name: 'a zero score is not negative', sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '0人', 20, 0, '未开展'] }, { total: 80 }) },
  ],
  invalid: [
    {
      name: 'a negative indicator score',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 20, -1] }, { total: 79 }),
      findings: [{ cell: 'G7', declared: '-1', expected: '0', suggestion: '0' }],
    },
    {
      name: 'a negative execution score',
      sheet: project({}, { execScore: -2, total: 88 }),
      findings: [{ cell: 'G4', declared: '-2', expected: '0', path: ['预算执行率'] }],
    },
  ],
});
