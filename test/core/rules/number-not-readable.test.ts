import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('number-not-readable', {
  valid: [{ name: 'a number with its unit (“20分”)', sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 20, '20分'] }) }],
  invalid: [
    {
      name: '“满分” in the score column',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 20, '满分'] }),
      findings: [{ cell: 'G7', declared: '满分', expected: null }],
    },
  ],
});
