import { ruleTester } from './tester.js';
import { project } from './forms.js';

const satisfaction = (actual: string, score: number) =>
  project({ 4: ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', actual, 10, score, '个别意见'] }, { total: 90 + score });

ruleTester('score-out-of-tier', {
  valid: [
    { name: 'met: 80% of the weight is inside the tier', sheet: satisfaction('满意', 8) },
    { name: 'partly met: 60% to under 80%', sheet: satisfaction('基本满意', 7) },
    { name: 'hubei: partly met from 50%', sheet: satisfaction('基本满意', 5.5), rules: 'hubei' },
  ],
  invalid: [
    { name: 'met, below 80%', sheet: satisfaction('满意', 7.9), findings: [{ cell: 'G11', declared: '7.9', expected: '8', suggestion: '8' }] },
    { name: 'partly met, at 80% (excluded)', sheet: satisfaction('基本满意', 8), findings: [{ cell: 'G11', expected: '8' }] },
    { name: 'national: partly met below 60%', sheet: satisfaction('基本满意', 5.5), findings: [{ cell: 'G11', expected: '6', suggestion: '6' }] },
  ],
});
