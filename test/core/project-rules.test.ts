import { describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check.js';
import type { Finding } from '../../src/core/report.js';
import { cleanRows, projectForm, type Row } from '../support/forms.js';
import { snap } from '../support/snap.js';

const codes = (fs: Finding[]) => fs.map((f) => `${f.code}@${f.cell}`);
const only = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);

/** Replace one row of the clean form (indicator rows start at sheet row 7). */
function withRow(index: number, row: Row): Row[] {
  const rows = cleanRows();
  rows[index] = row;
  return rows;
}

describe('a form without contradictions', () => {
  it('yields no finding at all', () => {
    const r = checkSheet(projectForm(cleanRows(), { total: 100, totalWeight: 100, grade: '优' }));
    expect(r.forms).toHaveLength(1);
    expect(r.forms[0].kind).toBe('project');
    expect(r.forms[0].total).toEqual({ cell: 'G12', declared: '100', sum: '100', recomputed: '100' });
    expect(r.findings).toEqual([]);
  });
});

describe('quantitative indicators (docs/rules.md §Project scoring)', () => {
  it('positive: actual/target × weight below the target', () => {
    // 80 of ≥100 people on weight 20 → 16.
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 20, '疫情']), { total: 100 }));
    const f = only(r.findings, 'score-mismatch');
    expect(f.map((x) => [x.cell, x.declared, x.expected])).toEqual([['G7', '20', '16']]);
    expect(f[0].rule).toBe('national/project.positive');
    expect(f[0].message).toContain('16');
    expect(r.forms[0].total.recomputed).toBe('96');
  });

  it('positive: a correct partial score is accepted', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 16, '疫情']), { total: 96 }));
    expect(codes(r.findings)).toEqual([]);
  });

  it('negative (ratio, national): target/actual × weight above the ceiling', () => {
    // 人均成本 ≤500 元, actual 625 → 500/625 × 10 = 8.
    const r = checkSheet(projectForm(withRow(2, [null, '成本指标', '人均成本', '≤500元', '625元', 10, 10, '物价']), { total: 100 }));
    expect(only(r.findings, 'score-mismatch').map((x) => x.expected)).toEqual(['8']);
  });

  it('negative (linear, platform pack): (1 − (actual − target)/target) × weight', () => {
    // (1 − 125/500) × 10 = 7.5.
    const r = checkSheet(projectForm(withRow(2, [null, '成本指标', '人均成本', '≤500元', '625元', 10, 10, '物价']), { total: 100 }), { rules: 'platform' });
    const f = only(r.findings, 'score-mismatch');
    expect(f.map((x) => x.expected)).toEqual(['7.5']);
    expect(f[0].rule).toBe('platform/project.negative.linear');
  });

  it('a cost indicator without an operator is a ceiling (≤)', () => {
    // 成本指标 “500元”, actual 400 → full.
    const r = checkSheet(projectForm(withRow(2, [null, '成本指标', '人均成本', '500元', '400元', 10, 10]), { total: 100 }));
    expect(r.findings).toEqual([]);
  });

  it('the 指标性质 column overrides the direction', () => {
    const rows: (string | number | null)[][] = [
      ['一级指标', '二级指标', '三级指标', '指标性质', '年度指标值', '实际完成值', '分值', '得分', '备注'],
      ['产出指标', '质量指标', '差错率', '≤', '2%', '4%', 10, 10],
    ];
    const r = checkSheet(snap(rows));
    // 2%/4% × 10 = 5.
    expect(only(r.findings, 'score-mismatch').map((x) => x.expected)).toEqual(['5']);
  });

  it('equality targets score like positive ones', () => {
    const r = checkSheet(projectForm(withRow(1, [null, '质量指标', '验收通过率', '=100%', '90%', 20, 20, '返工']), { total: 100 }));
    expect(only(r.findings, 'score-mismatch').map((x) => x.expected)).toEqual(['18']);
  });

  it('an actual without a unit inherits the target’s 万 (seed 002)', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '偿还历史欠款', '10万', 5, 20, 20, '资金未到位']), { total: 100 }));
    expect(only(r.findings, 'score-mismatch').map((x) => x.expected)).toEqual(['10']);
  });

  it('compares at the declared precision, never looser than 0.01', () => {
    // 2 of 3 on weight 10 = 6.666…: 6.67 agrees, 6.7 does not.
    const ok = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训班次', '3次', '2次', 20, { v: 13.33, t: '13.33' }, '延期']), { total: 93.33 }));
    expect(only(ok.findings, 'score-mismatch')).toEqual([]);
    const off = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训班次', '3次', '2次', 20, { v: 13.3, t: '13.3' }, '延期']), { total: 93.3 }));
    expect(only(off.findings, 'score-mismatch').map((x) => x.expected)).toEqual(['13.33']);
  });

  it('approximate values give a warning, not an error', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '接收公文', '10000余件', '9000余件', 20, 20, '减少']), { total: 100 }));
    expect(only(r.findings, 'score-mismatch')).toEqual([]);
    const w = only(r.findings, 'approximate-value-mismatch');
    expect(w.map((x) => [x.severity, x.expected])).toEqual([['warning', '18']]);
  });

  it('a compound target is met only if every part is', () => {
    const r = checkSheet(
      projectForm(
        withRow(0, ['产出指标', '数量指标', '公文与热线', '接收公文10000件，下派工单10000件', '接收公文12000件，下派工单8000件', 20, 20, '工单减少']),
        { total: 100 },
      ),
    );
    // The weaker part reaches 80% → 16.
    expect(only(r.findings, 'score-mismatch').map((x) => x.expected)).toEqual(['16']);
  });

  it('over-achievement: actual ≥ 120% of a positive target is flagged on the actual cell', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '130人', 20, 20]), { total: 100 }));
    expect(only(r.findings, 'over-achievement').map((x) => [x.cell, x.severity])).toEqual([['E7', 'warning']]);
  });
});

describe('booleans and qualitative indicators', () => {
  it('yes/no: 否 meets a target of 否; a miss scores 0', () => {
    const met = checkSheet(projectForm(withRow(1, [null, '质量指标', '是否发生安全事故', '否', '否', 20, 20]), { total: 100 }));
    expect(met.findings).toEqual([]);
    const miss = checkSheet(projectForm(withRow(1, [null, '质量指标', '是否按期验收', '是', '否', 20, 20, '延期']), { total: 100 }));
    expect(only(miss.findings, 'score-mismatch').map((x) => [x.cell, x.expected])).toEqual([['G8', '0']]);
  });

  it('met (达成) allows 80%–100% of the weight, 80% included', () => {
    const at80 = checkSheet(projectForm(withRow(4, ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '满意', 10, 8, '个别意见']), { total: 98 }));
    expect(only(at80.findings, 'score-out-of-tier')).toEqual([]);
    const below = checkSheet(projectForm(withRow(4, ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '满意', 10, 7.9, '个别意见']), { total: 97.9 }));
    const f = only(below.findings, 'score-out-of-tier');
    expect(f.map((x) => [x.cell, x.expected])).toEqual([['G11', '8']]);
    expect(f[0].message).toContain('达成');
  });

  it('partly met (one step below the target) allows 60% to under 80%', () => {
    // target 满意, actual 基本满意 → 部分达成: [6, 8).
    const ok = checkSheet(projectForm(withRow(4, ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '基本满意', 10, 7, '意见']), { total: 97 }));
    expect(only(ok.findings, 'score-out-of-tier')).toEqual([]);
    const full = checkSheet(projectForm(withRow(4, ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '基本满意', 10, 8, '意见']), { total: 98 }));
    expect(only(full.findings, 'score-out-of-tier').map((x) => x.cell)).toEqual(['G11']);
  });

  it('the hubei pack puts the partial tier at 50%–80%', () => {
    const rows = withRow(4, ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '基本满意', 10, 5.5, '意见']);
    const national = checkSheet(projectForm(rows, { total: 95.5 }));
    expect(only(national.findings, 'score-out-of-tier')).toHaveLength(1);
    const hubei = checkSheet(projectForm(rows, { total: 95.5, execWeight: 20, execScore: 20 }), { rules: 'hubei' });
    expect(only(hubei.findings, 'score-out-of-tier')).toHaveLength(0);
  });

  it('a numeric target with a non-numeric actual is not scoreable (info)', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '督查次数', '≥36次', '按时完成', 20, 20]), { total: 100 }));
    const f = only(r.findings, 'value-not-scoreable');
    expect(f.map((x) => [x.cell, x.severity])).toEqual([['E7', 'info']]);
    expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('a deadline target is not scoreable (info)', () => {
    const r = checkSheet(projectForm(withRow(1, [null, '时效指标', '完成时限', '12月份', '按时完成', 20, 20]), { total: 100 }));
    expect(only(r.findings, 'value-not-scoreable')).toHaveLength(1);
  });
});

describe('caps and explanations', () => {
  it('a score above its weight is an error with the weight as ceiling', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 20, 22]), { total: 102 }));
    expect(only(r.findings, 'score-exceeds-weight').map((x) => [x.cell, x.expected])).toEqual([['G7', '20']]);
  });

  it('a negative score is an error', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '0人', 20, -1, '停办']), { total: 79 }));
    expect(only(r.findings, 'score-negative').map((x) => x.cell)).toEqual(['G7']);
  });

  it('a score below its weight needs a deviation reason (warning at the reason cell)', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 16]), { total: 96 }));
    expect(only(r.findings, 'missing-deviation-reason').map((x) => [x.cell, x.severity])).toEqual([['H7', 'warning']]);
  });

  it('text where a number belongs is reported, not a crash', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 20, '满分']), { total: 80 }));
    expect(only(r.findings, 'number-not-readable').map((x) => [x.cell, x.declared])).toEqual([['G7', '满分']]);
  });
});

describe('execution rate (docs/rules.md §Project scoring)', () => {
  it('rate = executed / budget, compared at the declared precision', () => {
    const ok = checkSheet(projectForm(cleanRows(), { budget: 78, executed: 51.91, rate: { v: 0.67, t: '67%', fmt: '0%' }, execScore: 6.66, total: 96.66 }));
    expect(only(ok.findings, 'execution-rate-mismatch')).toEqual([]);
    const bad = checkSheet(projectForm(cleanRows(), { budget: 78, executed: 51.91, rate: { v: 0.7, t: '70%', fmt: '0%' }, execScore: 6.66, total: 96.66 }));
    expect(only(bad.findings, 'execution-rate-mismatch').map((x) => [x.cell, x.expected])).toEqual([['E4', '0.67']]);
  });

  it('score = min(rate, 1) × weight', () => {
    // 51.91/78 = 0.665513 × 10 = 6.66; a full 10 is wrong.
    const r = checkSheet(projectForm(cleanRows(), { budget: 78, executed: 51.91, execScore: 10, total: 100 }));
    expect(only(r.findings, 'score-mismatch').map((x) => [x.cell, x.expected])).toEqual([['G4', '6.66']]);
    expect(r.forms[0].executionRate.computed).toBe('0.665513');
    // Over-spending is capped at the full weight.
    const over = checkSheet(projectForm(cleanRows(), { budget: 100, executed: 120, execScore: 10, total: 100 }));
    expect(only(over.findings, 'score-mismatch')).toEqual([]);
  });

  it('hubei weighs execution 20', () => {
    const rows: Row[] = [
      ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 40, 40],
      ['效益指标', '社会效益指标', '知晓率', '≥90%', '92%', 30, 30],
      ['满意度指标', '服务对象满意度指标', '满意度', '满意', '满意', 10, 10],
    ];
    const r = checkSheet(projectForm(rows, { budget: 100, executed: 90, execWeight: 20, execScore: 18, total: 98 }), { rules: 'hubei' });
    expect(r.findings).toEqual([]);
    const national = checkSheet(projectForm(rows, { budget: 100, executed: 90, execWeight: 20, execScore: 18, total: 98 }));
    expect(only(national.findings, 'nonstandard-level1-weights').length).toBeGreaterThan(0);
  });
});

describe('totals, weights and grades', () => {
  it('total-mismatch when the declared total is not the sum of the scores', () => {
    const r = checkSheet(projectForm(cleanRows(), { total: 98 }));
    expect(only(r.findings, 'total-mismatch').map((x) => [x.cell, x.declared, x.expected])).toEqual([['G12', '98', '100']]);
  });

  it('weight-total-not-100 at the weight header when the total row already says 100; the total row points to it', () => {
    // Indicators 17 + 20 + 10 + 30 + 10 = 87, execution 10: 97. The total row's 100 is right, the rows are not:
    // the root asks for indicators adding to 100 − 10 = 90; the total row's mismatch keeps no fix of its own.
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 17, 17]), { total: 97, totalWeight: 100 }));
    // The header holds no figure: nothing declared there (the sums are in the message).
    expect(only(r.findings, 'weight-total-not-100').map((x) => [x.cell, x.declared, x.expected])).toEqual([['F6', null, '90']]);
    expect(only(r.findings, 'weight-total-not-100')[0].message).toContain('87');
    expect(only(r.findings, 'weight-subtotal-mismatch').map((x) => [x.cell, x.expected, x.causedBy])).toEqual([
      ['F12', null, { cell: 'F6', code: 'weight-total-not-100' }],
    ]);
  });

  it('weight-total-not-100 on the total row’s weight cell when that cell declares the wrong sum', () => {
    const r = checkSheet(projectForm(withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 17, 17]), { total: 97, totalWeight: 97 }));
    expect(only(r.findings, 'weight-total-not-100').map((x) => [x.cell, x.declared])).toEqual([['F12', '97']]);
  });

  it('nonstandard level-1 weights are a warning on the level', () => {
    const rows = withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 25, 25]);
    rows[3] = ['效益指标', '社会效益指标', '政策知晓率', '≥90%', '92%', 25, 25];
    const r = checkSheet(projectForm(rows, { total: 100 }));
    expect(only(r.findings, 'nonstandard-level1-weights').map((x) => [x.severity, x.declared, x.expected])).toEqual([
      ['warning', '55', '50'],
      ['warning', '25', '30'],
    ]);
  });

  it('grade-mismatch: the grade follows the recomputed total (MoF bands)', () => {
    // Execution 60/100 on weight 10 → 6; recomputed 96 → 优; declared 良.
    const r = checkSheet(projectForm(cleanRows(), { budget: 100, executed: 60, execScore: 6, total: 96, grade: '良' }));
    expect(only(r.findings, 'grade-mismatch').map((x) => [x.cell, x.declared, x.expected])).toEqual([['B13', '良', '优']]);
    expect(checkSheet(projectForm(cleanRows(), { total: 100, grade: '优秀' })).findings).toEqual([]);
  });

  it('a sheet that states its own bands overrides the pack', () => {
    // 86 is 良 under MoF (≥80) but 优秀 under “≥85 为优秀”.
    const rows = withRow(0, ['产出指标', '数量指标', '培训人数', '≥100人', '30人', 20, 6, '停办']);
    const notes = ['注：得分≥85分为优秀；75≤得分<85分为良好；60≤得分<75分为一般；得分<60分为较差。'];
    const r = checkSheet(projectForm(rows, { total: 86, grade: '优秀', notes }));
    expect(r.forms[0].grade.computed).toBe('优秀');
    expect(only(r.findings, 'grade-mismatch')).toEqual([]);
    const mof = checkSheet(projectForm(rows, { total: 86, grade: '优秀' }));
    expect(only(mof.findings, 'grade-mismatch').map((x) => x.expected)).toEqual(['良']);
  });

  it('level subtotal rows are checked against their children', () => {
    const rows: Row[] = [
      ['产出指标', null, null, null, null, 50, 48],
      [null, '数量指标', '培训人数', '≥100人', '110人', 20, 20],
      [null, '质量指标', '合格率', '≥95%', '96%', 20, 20],
      [null, '成本指标', '人均成本', '≤500元', '480元', 10, 10],
      ['效益指标', '社会效益指标', '政策知晓率', '≥90%', '92%', 30, 30],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '满意', 10, 10],
    ];
    const r = checkSheet(projectForm(rows, { total: 100 }));
    expect(only(r.findings, 'subtotal-mismatch').map((x) => [x.cell, x.declared, x.expected])).toEqual([['G7', '48', '50']]);
    expect(r.forms[0].indicators).toHaveLength(5);
    expect(r.forms[0].aggregates.find((a) => a.role === 'level-score')).toMatchObject({ cell: 'G7', expected: '50' });
  });
});
