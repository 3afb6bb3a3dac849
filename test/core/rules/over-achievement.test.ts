import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('over-achievement', {
  valid: [
    { name: '110% of the target', sheet: project() },
    { name: 'a ceiling (≤) is not over-achieved by staying below', sheet: project({ 2: [null, '成本指标', '人均成本', '≤500元', '300元', 10, 10] }) },
  ],
  invalid: [
    {
      name: '130% of a positive target: the actual cell',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '130人', 20, 20] }),
      findings: [{ cell: 'E7', declared: '130人', path: ['产出指标', '数量指标', '培训人数'] }],
    },
  ],
});
