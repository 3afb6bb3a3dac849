import { ruleTester } from './tester.js';
import { project } from './forms.js';

// The clean form: indicators 20 + 20 + 10 + 30 + 10 = 90, execution 10 (F4 分值, G4 得分).
ruleTester('rules-pack-suggested', {
  valid: [
    { name: 'a national layout', sheet: project() },
    // 20-point execution block, indicators 80 (产出 20 instead of 40 … any 80): the hubei pack in use expects it.
    {
      name: 'a 20-point execution block under the hubei pack itself',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 10, 10] }, { execWeight: 20, execScore: 20 }),
      rules: 'hubei',
    },
  ],
  invalid: [
    {
      // Indicators 10 + 20 + 10 + 30 + 10 = 80, execution 100/100 × 20 = 20: Hubei's 20-point block.
      name: 'a 20-point execution block under national suggests hubei',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 10, 10] }, { execWeight: 20, execScore: 20 }),
      findings: [{ cell: 'F4', declared: 'national', expected: 'hubei' }],
    },
    {
      name: 'the same form under platform suggests hubei too',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 10, 10] }, { execWeight: 20, execScore: 20 }),
      rules: 'platform',
      findings: [{ cell: 'F4', declared: 'platform', expected: 'hubei' }],
    },
  ],
});
