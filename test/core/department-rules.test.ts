import { describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check.js';
import type { Finding } from '../../src/core/report.js';
import { snap, type SnapCell } from '../support/snap.js';

const only = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);

/** A department form: funds block (预算数 1000, 执行数 900, 90%), then one rubric row per test. */
function deptForm(rows: SnapCell[][], total?: number) {
  return snap([
    ['部门整体支出绩效自评表'],
    [null, '预算数：', 1000, '执行数：', 900, '预算执行率'],
    [null, null, null, null, null, { v: 0.9, t: '90%', fmt: '0%' }],
    ['一级指标', '二级指标', '三级指标', '指标内容', '评价标准', '分值', '自评得分'],
    ...rows,
    ['合计', null, null, null, null, null, total ?? null],
  ]);
}

describe('department rubric texts (docs/rules.md §Department scoring) inside a form', () => {
  it.each<[string, string, number, number, boolean]>([
    // pattern, 评价标准, weight, declared, allowed?
    ['checklist', '全部符合得满分；一项不符合扣1.5分。', 2, 0.5, true],
    ['checklist', '全部符合得满分；一项不符合扣1.5分。', 2, 1, false],
    ['binary', '按时间要求得满分，否则得零分。', 2, 1, false],
    ['stepwise', '1. 结转结余率小于或等于5%的，得满分；2. 结转结余率大于或等于50%的，得0分；3. 结转结余率在5%-50%之间的，在满分和0之间计算确定；每五个百分点为档，每档扣分值的十分之一。', 2, 1.5, false],
    ['per-unit', '“三公经费”控制率≤100%得满分，大于100%每增加0.1个百分点扣0.1分，扣完为止。', 2, 1.7, true],
    ['band-table', '≥90%计5分；80%(含)-90%计4分；70%(含)-80%计3分；低于70%计0分', 5, 3.5, false],
    ['discretionary', '达标得满分，不达标按实际情况酌情扣分', 2, 1.37, true],
    ['completion-rate', '采用完成率法计分；得分=覆盖率*分值', 4, 3.33, true],
  ])('%s: %s — %d of %d', (_pattern, criteria, weight, declared, ok) => {
    const r = checkSheet(
      deptForm([['投入', '预算编制', '某指标', '1、第一项；2、第二项。', criteria, weight, declared]]),
    );
    expect(r.forms[0].kind).toBe('department');
    expect(only(r.findings, 'score-not-allowed-by-criteria').length).toBe(ok ? 0 : 1);
  });

  it('names the value it suggests: the nearest allowed one below', () => {
    const r = checkSheet(deptForm([['过程', '预算执行', '资金结余结转率', '', '每五个百分点为档，每档扣分值的十分之一；结转结余率小于或等于5%的，得满分；大于或等于50%的，得0分', 2, 1.5]]));
    const f = only(r.findings, 'score-not-allowed-by-criteria')[0];
    expect(f).toMatchObject({ cell: 'G5', declared: '1.5', expected: '1.4', severity: 'error' });
    // The message names the one value 采用建议值 writes (1.6 is as near, but a rubric deducts).
    expect(f.message).toContain('不高于填报值的最接近允许值 1.4');
    expect(f.message).not.toContain('1.6');
    expect(f.suggestion).toEqual({ cell: 'G5', value: '1.4' });
    expect(f.rule).toBe('national/criteria.stepwise');
  });

  it('a 预算执行率 indicator scored by completion rate uses the funds block’s rate', () => {
    // 900 / 1000 = 90% × 4 = 3.6; a full 4 is wrong.
    const r = checkSheet(deptForm([['过程', '预算执行', '预算执行率', '预算执行数/预算数', '以总分为上限，采用完成率法计分；得分=预算执行率*分值', 4, 4]]));
    expect(only(r.findings, 'score-mismatch').map((f) => [f.cell, f.expected])).toEqual([['G5', '3.6']]);
  });

  it('a discretionary deduction with nowhere to explain it is a warning on the score', () => {
    const r = checkSheet(deptForm([['效果', '履职效益', '部门整体效益', '', '按实际情况酌情扣分', 9, 8]]));
    expect(only(r.findings, 'missing-deviation-reason').map((f) => [f.cell, f.severity])).toEqual([['G5', 'warning']]);
  });

  it('weights written in labels must add up per level', () => {
    const r = checkSheet(
      deptForm([
        ['投入（20分）', '目标设定（5分）', '绩效目标合理性（2分）', '', '', 2, 2],
        [null, null, '绩效指标明确性（2分）', '', '', 2, 2],
        [null, '预算配置（15分）', '在职人员控制率（15分）', '', '', 15, 15],
      ]),
    );
    expect(only(r.findings, 'weight-subtotal-mismatch').map((f) => [f.cell, f.declared, f.expected])).toEqual([['B5', '5', '4']]);
  });

  it('a label weight that disagrees with the weight column', () => {
    const r = checkSheet(deptForm([['投入', '目标设定', '绩效目标合理性（3分）', '', '', 2, 2]]));
    expect(only(r.findings, 'weight-label-mismatch').map((f) => [f.cell, f.declared, f.expected])).toEqual([['C5', '3', '2']]);
  });
});
