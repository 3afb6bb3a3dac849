import { ruleTester } from './tester.js';
import { project } from './forms.js';

ruleTester('grade-mismatch', {
  valid: [
    { name: '100 is 优', sheet: project({}, { grade: '优' }) },
    { name: 'an alias of the band (优秀)', sheet: project({}, { grade: '优秀' }) },
  ],
  invalid: [
    { name: '良 for 100', sheet: project({}, { grade: '良' }), findings: [{ cell: 'B13', declared: '良', expected: '优', path: ['等级'] }] },
    {
      name: 'the grade follows the recomputed total, not the declared one',
      // 80 of ≥100 on 20 → 16: the recomputed total is 96, still 优; at 50 of 100 → 10: 90, 优; at 0 → 80: 良.
      sheet: project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '0人', 20, 20, '未开展'] }, { grade: '优' }),
      findings: [{ cell: 'B13', expected: '良' }],
    },
  ],
});
