import { ruleTester } from './tester.js';
import { project, projectForm, type Row } from './forms.js';

const withLevelWeight = (weight: number): Row[] => [
  ['产出指标', null, null, null, null, weight, 50],
  [null, '数量指标', '培训人数', '≥100人', '110人', 20, 20],
  [null, '质量指标', '合格率', '≥95%', '96%', 20, 20],
  [null, '成本指标', '人均成本', '≤500元', '480元', 10, 10],
  ['效益指标', '社会效益指标', '政策知晓率', '≥90%', '92%', 30, 30],
  ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '满意', 10, 10],
];

ruleTester('weight-subtotal-mismatch', {
  valid: [
    { name: 'the total row states the weights’ sum', sheet: project({}, { totalWeight: 100 }) },
    { name: 'a level weight equal to its rows', sheet: projectForm(withLevelWeight(50), { total: 100 }) },
  ],
  invalid: [
    { name: 'the total row’s weight', sheet: project({}, { totalWeight: 95 }), findings: [{ cell: 'F12', declared: '95', expected: '100', path: ['总分'] }] },
    {
      name: 'a level weight that is not the sum of its rows',
      sheet: projectForm(withLevelWeight(55), { total: 100 }),
      findings: [{ cell: 'F7', declared: '55', expected: '50', path: ['产出指标'] }],
    },
  ],
});
