import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('nonstandard-level1-weights', {
  valid: [
    { name: '50 / 30 / 10 / 10', sheet: project() },
    { name: 'hubei: 40 / 30 / 10 / 20', sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 10, 10] }, { execWeight: 20, execScore: 20 }), rules: 'hubei' },
  ],
  invalid: [
    {
      name: '产出 60 and 效益 20',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 30, 30], 3: ['效益指标', '社会效益指标', '政策知晓率', '≥90%', '92%', 20, 20] }),
      findings: [
        { cell: 'A7', declared: '60', expected: '50', path: ['产出指标'] },
        { cell: 'A10', declared: '20', expected: '30', path: ['效益指标'] },
      ],
    },
    {
      name: 'budget execution weighted 20 under the national pack',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 10, 10] }, { execWeight: 20, execScore: 20 }),
      // 产出 falls to 40 as well.
      findings: [
        { cell: 'F4', declared: '20', expected: '10', path: ['预算执行率'] },
        { cell: 'A7', declared: '40', expected: '50' },
      ],
    },
    {
      name: 'budget execution without a weight: at the funds row, nothing declared',
      sheet: project({}, { execWeight: '', execScore: '' }),
      findings: [{ cell: 'D4', declared: null, expected: '10', path: ['预算执行率'] }],
    },
  ],
});
