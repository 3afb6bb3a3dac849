import { ruleTester } from './tester.js';
import { projectForm, type Row } from './forms.js';

const withSubtotal = (score: number): Row[] => [
  ['产出指标', null, null, null, null, 50, score],
  [null, '数量指标', '培训人数', '≥100人', '110人', 20, 20],
  [null, '质量指标', '合格率', '≥95%', '96%', 20, 20],
  [null, '成本指标', '人均成本', '≤500元', '480元', 10, 10],
  ['效益指标', '社会效益指标', '政策知晓率', '≥90%', '92%', 30, 30],
  ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '满意', 10, 10],
];

ruleTester('subtotal-mismatch', {
  valid: [{ name: 'a subtotal equal to its rows', sheet: projectForm(withSubtotal(50), { total: 100 }) }],
  invalid: [
    {
      name: 'a level-1 subtotal short of its rows',
      sheet: projectForm(withSubtotal(48), { total: 100 }),
      findings: [{ cell: 'G7', declared: '48', expected: '50', suggestion: null, path: ['产出指标'] }],
    },
  ],
});
