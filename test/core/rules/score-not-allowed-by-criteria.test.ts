import { ruleTester } from './tester.js';
import { department } from './forms.js';

const row = (criteria: string, weight: number, score: number) => department([['投入', '预算编制', '某指标', '1、第一项；2、第二项。', criteria, weight, score]]);
const CHECKLIST = '全部符合得满分；一项不符合扣1.5分。';
const BINARY = '按时间要求得满分，否则得零分。';

ruleTester('score-not-allowed-by-criteria', {
  valid: [
    { name: 'checklist: weight − 1 × deduction', sheet: row(CHECKLIST, 2, 0.5) },
    { name: 'binary: full marks', sheet: row(BINARY, 2, 2) },
    { name: 'discretionary: anything within the weight', sheet: row('达标得满分，不达标按实际情况酌情扣分', 2, 1.37) },
  ],
  invalid: [
    // 2 − 1.5 = 0.5 or 0: 1 is neither; the nearest below is 0.5.
    { name: 'checklist: a value between the steps', sheet: row(CHECKLIST, 2, 1), findings: [{ cell: 'G5', declared: '1', expected: '0.5', suggestion: '0.5' }] },
    { name: 'binary: half marks', sheet: row(BINARY, 2, 1), findings: [{ cell: 'G5', expected: '0', suggestion: '0' }] },
  ],
});
