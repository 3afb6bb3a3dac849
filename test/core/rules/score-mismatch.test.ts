import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('score-mismatch', {
  valid: [
    { name: 'a correct partial score (80 of ≥100 × 20 = 16)', sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 16, '疫情'] }, { total: 96 }) },
    { name: 'agrees at the declared precision (13.33 for 13.333…)', sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥150人', '100人', 20, 13.33, '疫情'] }, { total: 93.33 }) },
    { name: 'the execution score follows the rate (90% × 10 = 9)', sheet: project({}, { executed: 90, execScore: 9, total: 99 }) },
  ],
  invalid: [
    {
      name: 'positive: actual/target × weight',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 20, '疫情'] }),
      findings: [{ cell: 'G7', declared: '20', expected: '16', suggestion: '16' }],
    },
    {
      name: 'negative (ratio): target/actual × weight',
      // ≤500 元, actual 625 → 500/625 × 10 = 8.
      sheet: project({ 2: [null, '成本指标', '人均成本', '≤500元', '625元', 10, 10, '物价'] }),
      findings: [{ cell: 'G9', expected: '8', suggestion: '8' }],
    },
    {
      name: 'negative (linear, platform pack)',
      // (1 − 125/500) × 10 = 7.5.
      sheet: project({ 2: [null, '成本指标', '人均成本', '≤500元', '625元', 10, 10, '物价'] }),
      rules: 'platform',
      findings: [{ cell: 'G9', expected: '7.5', suggestion: '7.5' }],
    },
    {
      name: 'yes/no: a miss scores 0',
      sheet: project({ 1: [null, '质量指标', '是否按期验收', '是', '否', 20, 20, '延期'] }),
      findings: [{ cell: 'G8', expected: '0', suggestion: '0' }],
    },
    {
      name: 'the execution score: min(rate, 1) × weight',
      sheet: project({}, { executed: 90, execScore: 10 }),
      findings: [{ cell: 'G4', declared: '10', expected: '9', suggestion: '9', path: ['预算执行率'] }],
    },
  ],
});
