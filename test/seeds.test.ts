/**
 * The four real forms, rebuilt as workbooks (test/fixtures/seeds.ts), checked end to end through the
 * .xlsx host. Every figure below was worked out by hand from docs/rules.md and the seed texts.
 */
import { describe, expect, it } from 'vitest';
import { seed001, seed002, seed003, seed004 } from './fixtures/seeds.js';
import { checkWorkbook, tag } from './support/check-workbook.js';

describe('seed 002 — project form, national layout (正宁县)', () => {
  it('is recognised with its totals, rate and grade', async () => {
    const { forms } = await checkWorkbook(seed002());
    expect(forms).toHaveLength(1);
    const f = forms[0];
    expect(f).toMatchObject({ sheet: 'Sheet1', kind: 'project', weightTotal: '97' });
    // Declared 94.5 = 87.5 of indicators + 7 of execution; recomputed 87.5 + 51.91/78 × 7 = 92.16.
    expect(f.total).toEqual({ cell: 'G27', declared: '94.5', sum: '94.5', recomputed: '92.16' });
    expect(f.executionRate).toMatchObject({ cell: 'F5', declared: '0.67', computed: '0.665513' });
    expect(f.executionRate.score).toEqual({ cell: 'H5', weight: '7', declared: '7', computed: '4.66' });
    expect(f.grade).toMatchObject({ cell: null, declared: null, computed: '优' });
    expect(f.indicators).toHaveLength(14);
    expect(f.indicators[1]).toMatchObject({ path: ['产出指标', '数量指标', '印刷页数'], weight: '5', declared: '5', recomputed: '5', cells: { score: 'G14' } });
    expect(f.indicators[3]).toMatchObject({ path: ['产出指标', '数量指标', '偿还历史欠款'], declared: '2.5', recomputed: '2.5', method: 'positive' });
  });

  it('finds every contradiction the rules can detect', async () => {
    const { findings } = await checkWorkbook(seed002());
    expect(findings.map(tag).sort()).toEqual(
      [
        'score-mismatch@H5', // full 7 points at 66.55% execution: 4.66
        'weight-total-not-100@F27', // 90 + 7 = 97
        'nonstandard-level1-weights@G5', // execution weighs 7, the standard (and fixed) 10
        'over-achievement@E15', // 10 repairs against 8次以上: 125%
        'missing-deviation-reason@H16', // 2.5 of 5 with no reason given
      ].sort(),
    );
    const exec = findings.find((f) => f.cell === 'H5')!;
    expect(exec).toMatchObject({ severity: 'error', declared: '7', expected: '4.66', path: ['预算执行率'] });
    expect(exec.message).toContain('4.66');
  });
});

describe('seed 003 — project form, weights in labels, funds row holding the total (子洲县)', () => {
  it('is recognised; the funds row’s 100/94 is the form total, not an execution score', async () => {
    const { forms } = await checkWorkbook(seed003());
    expect(forms).toHaveLength(1); // the 绩效完成表 on the second sheet has no scores: not a form
    const f = forms[0];
    expect(f.kind).toBe('project');
    expect(f.weightTotal).toBe('100');
    expect(f.total).toMatchObject({ cell: 'H28', declared: '94', sum: '94' });
    expect(f.executionRate).toMatchObject({ computed: '1', declared: '1' });
    expect(f.executionRate.score.weight).toBeNull();
    expect(f.indicators).toHaveLength(16);
    // 社会效益指标 sits under an implied 效益指标, not under 产出指标 (its 一级 cell is blank).
    expect(f.indicators.find((i) => i.path.includes('社会效益指标'))!.path[0]).toBe('效益指标');
    // The satisfaction row has no 三级 name: the level-2 names it.
    expect(f.indicators[15].path).toEqual(['满意度指标', '服务对象满意度指标']);
  });

  it('warns (does not err) on the qualitative score its own explanation accounts for; finds the non-standard weights', async () => {
    const { findings, errors } = await checkWorkbook(seed003());
    // 指标3: target 网络顺畅, actual 正常运转, 3 of 5 (60%), reason “全县网络故障及硬件故障”. 正常运转 does not
    // restate the target and no status word (未完成, 部分…, 已完成) states the tier: “达成” (80–100% of 5 =
    // 4–5) is only inferred from the loose word 正常. RULES.md §2.9 (certainty principle): a guessed tier is
    // no proof, and the explanation describes the shortfall, so this is a warning, not an error.
    expect(errors).toEqual([]);
    const h14 = findings.filter((f) => f.cell === 'H14');
    expect(h14.map((f) => [f.code, f.severity])).toEqual([['score-tier-uncertain', 'warning']]);
    expect(h14[0].message).toContain('正常');
    expect(h14[0].message).toContain('全县网络故障及硬件故障');
    // The execution block declares no weight of its own: that finding has no declared figure (null).
    expect(findings.filter((f) => f.code === 'nonstandard-level1-weights').map((f) => f.declared).sort()).toEqual(['10', '80', null]);
    // 成本指标 actuals (“办公成本”) and two others say nothing about meeting the target.
    expect(findings.filter((f) => f.code === 'value-not-scoreable')).toHaveLength(6);
    expect(findings.filter((f) => f.code === 'missing-deviation-reason')).toEqual([]);
  });
});

describe('seed 001 — department form with rubric texts (高邑县)', () => {
  it('is recognised with its funds block, weights from labels and the 合计 row', async () => {
    const { forms } = await checkWorkbook(seed001());
    expect(forms).toHaveLength(1); // 分项绩效项目清单 has 自评得分 but no indicator levels
    const f = forms[0];
    expect(f.kind).toBe('department');
    expect(f.weightTotal).toBe('100');
    expect(f.total).toMatchObject({ declared: '96.5', sum: '96.5', recomputed: '96.4' });
    // 906.09 / 1308.05 = 69.27%, declared 69%.
    expect(f.executionRate).toMatchObject({ declared: '0.69', computed: '0.692703' });
    expect(f.indicators).toHaveLength(33);
    expect(f.indicators.map((i) => i.method)).toContain('criteria:checklist');
  });

  it('finds the 资金结余结转率 score the stepwise rubric cannot produce', async () => {
    const { findings, errors } = await checkWorkbook(seed001());
    // Steps of 2/10 = 0.2: 1.5 is not one; nearest 1.4 or 1.6.
    expect(errors.map(tag)).toEqual([`score-not-allowed-by-criteria@${errors[0]?.cell}`]);
    expect(errors[0]).toMatchObject({ declared: '1.5', expected: '1.4', path: ['过程(执行)', '预算执行', '资金结余结转率'] });
    // 部门整体效益 8 of 9 under a rubric that states no rule, with no explanation anywhere.
    expect(findings.filter((f) => f.code === 'missing-deviation-reason').map((f) => f.path.at(-1))).toEqual(['部门整体效益']);
  });
});

describe('seed 004 — department score sheet, weights only in labels (赫山区)', () => {
  it('is recognised; the repeated 过程（30分） is one level, counted once', async () => {
    const { forms } = await checkWorkbook(seed004());
    const f = forms[0];
    expect(f.kind).toBe('department');
    expect(f.weightTotal).toBe('100');
    expect(f.total).toMatchObject({ declared: '93', sum: '93', recomputed: '93' });
    expect(f.indicators).toHaveLength(28);
    const process = f.indicators.filter((i) => i.path[0] === '过程');
    expect(process).toHaveLength(15);
    expect(f.indicators.filter((i) => i.weight === null)).toEqual([]);
  });

  it('has no error; the unexplained deductions under 履职效益 are warnings', async () => {
    const { findings, errors } = await checkWorkbook(seed004());
    expect(errors).toEqual([]);
    expect(findings.map((f) => `${f.code}:${f.path.at(-1)}`)).toEqual([
      'missing-deviation-reason:经济效益',
      'missing-deviation-reason:社会效益',
      'missing-deviation-reason:生态效益',
    ]);
  });
});
