import { ruleTester } from './tester.js';
import { department, project } from './forms.js';

ruleTester('missing-deviation-reason', {
  valid: [
    { name: 'a reason is given', sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 16, '疫情'] }, { total: 96 }) },
    { name: 'full marks need none', sheet: project() },
    {
      name: 'a department form without an explanation column: a derivable rubric needs none',
      sheet: department([['投入', '预算编制', '某指标', '', '全部符合得满分；一项不符合扣1.5分。', 2, 0.5]]),
    },
  ],
  invalid: [
    {
      name: 'below the weight, no reason: the reason cell',
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 16] }, { total: 96 }),
      findings: [{ cell: 'H7', declared: '16' }],
    },
  ],
});
