/**
 * Issue 9, classes 1, 2, 3, 5, 6: forms laid out as provinces publish them (test/fixtures/provinces.ts),
 * checked end to end through the .xlsx round trip. Each correct form gives no error; each planted
 * contradiction is still found. Every figure is worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import {
  hubeiLabelWeight,
  qualitativeRows,
  qualitativeTiers,
  sichuanGradeInTotal,
  yunnanRows,
  yunnanSplitTarget,
  yunnanWithPlaceholders,
  type QualRow,
  type YunnanRow,
} from '../../fixtures/provinces.js';
import { checkWorkbook, tag } from '../../support/check-workbook.js';

/** Replace one row of a fixture's data (rows are tuples; a copy keeps the builders pure). */
function withRow<T extends unknown[]>(rows: T[], i: number, patch: Partial<Record<number, unknown>>): T[] {
  return rows.map((r, k) => (k === i ? (r.map((v, j) => (j in patch ? patch[j] : v)) as T) : r));
}

describe('class 1 — target split over 指标性质 | 指标值 | 度量单位 (Yunnan 公开表)', () => {
  // Rows 7–15, columns A–J: 一级 二级 三级 性质 指标值 度量单位 实际完成值 分值(H) 得分(I) 偏差原因.
  it('reads the unit column and every operator spelling: no error on the correct form', async () => {
    const { forms, findings } = await checkWorkbook(yunnanSplitTarget());
    const f = forms[0];
    // 培训人次 ≧ 500 人次, actual 520 → met, 10.
    // 培训合格率 ≥ 100 % = 1, actual “100%” = 1 → met, 10 (before: 100 vs 1 → 0.1).
    // 设备完好率 ═ (=) 100 %, actual “100%” → met, 10.
    // 按期完成率 ＝ 100 %, actual 100 without a unit takes the column's % → 1 → met, 10.
    // 人均培训费 ≦ 300 元, actual 280 → within the ceiling, 10.
    // 政策知晓率 正向 90 %, actual 72% → 0.72 / 0.9 × 10 = 8 (reason given).
    // 安全事故次数 反向 2 次, actual 1 → ≤ 2, 10 (反向 decides: the name has no cost word).
    // 培训效果 定性, “显著提升” restates the target → 达成, 10 within 8–10.
    // 学员满意度 ≥ 95 %, actual 98% → met, 10.
    // Indicators 10+10+10+10+10+8+10+10+10 = 88, execution 100/100 × 10 = 10: total 98 → 优.
    expect(findings).toEqual([]);
    expect(f.weightTotal).toBe('100');
    expect(f.total).toEqual({ cell: 'I16', declared: '98', sum: '98', recomputed: '98' });
    expect(f.grade.computed).toBe('优');
    expect(f.indicators.map((i) => i.recomputed)).toEqual(['10', '10', '10', '10', '10', '8', '10', '10', '10']);
    expect(f.indicators.map((i) => i.method)).toEqual([
      'positive', 'positive', 'equal', 'equal', 'negative', 'positive', 'negative', 'qualitative', 'positive',
    ]);
  });

  it('still finds the contradictions planted in it', async () => {
    let rows: YunnanRow[] = yunnanRows();
    rows = withRow(rows, 1, { 6: '95%' }); // 合格率 95% of 100%: 0.95 × 10 = 9.5, declared 10
    rows = withRow(rows, 2, { 6: '90%' }); // 完好率 “═ 100%”, actual 90%: = scores like ≥ → 9, declared 10
    rows = withRow(rows, 4, { 6: 400 }); // 人均培训费 ≦ 300, actual 400: 300 / 400 × 10 = 7.5, declared 10
    rows = withRow(rows, 6, { 6: 4 }); // 事故次数 反向 2, actual 4: 2 / 4 × 10 = 5, declared 10
    const { errors } = await checkWorkbook(yunnanSplitTarget(rows));
    expect(errors.map((e) => [tag(e), e.expected])).toEqual([
      ['score-mismatch@I8', '9.5'],
      ['score-mismatch@I9', '9'],
      ['score-mismatch@I11', '7.5'],
      ['score-mismatch@I13', '5'],
    ]);
    expect(errors[0].message).toContain('100%'); // the target is shown with its unit: “95% / 100% × 10”
  });

  it('a funds row right above the table header stays the funds row (not the top of a two-row header)', async () => {
    const { forms, findings } = await checkWorkbook(yunnanSplitTarget(yunnanRows(), 98, false));
    expect(forms[0].executionRate.score).toEqual({ cell: 'H3', weight: '10', declared: '10', computed: '10' });
    expect(forms[0].weightTotal).toBe('100'); // 90 + 10
    expect(findings).toEqual([]);
  });
});

describe('class 2 — a grade in the total row without its own label (Sichuan)', () => {
  // Rows 7–13; 总分 row 14: H14 100, I14 96, J14 the grade.
  it('reads “总分 | 100 | 96 | 优” as the declared grade', async () => {
    const { forms, findings } = await checkWorkbook(sichuanGradeInTotal());
    const f = forms[0];
    // 20 + 15 + 10 + 5 + 16.4 (16.4% / 20% × 20) + 10 + 10 = 86.4; execution 480 / 500 = 96% × 10 = 9.6;
    // total 96 → 优 (≥ 90). The only finding: the layout (10 + 90, 指标性质/度量单位, 完成值/权重/未完成原因分析)
    // suggests the sichuan pack (info; nothing switches).
    expect(findings.map((x) => [tag(x), x.severity, x.expected])).toEqual([['rules-pack-suggested@G3', 'info', 'sichuan']]);
    expect(f.total).toEqual({ cell: 'I14', declared: '96', sum: '96', recomputed: '96' });
    expect(f.grade).toMatchObject({ cell: 'J14', declared: '优', computed: '优' });
    expect(f.aggregates.find((a) => a.role === 'grade')).toMatchObject({ cell: 'J14', agrees: true });
  });

  it('a wrong grade there is an error', async () => {
    const { errors } = await checkWorkbook(sichuanGradeInTotal('良'));
    // 96 ≥ 90 → 优, declared 良.
    expect(errors.map((e) => [tag(e), e.declared, e.expected])).toEqual([['grade-mismatch@J14', '良', '优']]);
  });
});

describe('class 3 — rows that are not indicators (Yunnan 公开表 with its template rows)', () => {
  // Rows 7–11 indicators, 12 “……” row, 13–15 indicators, 16 “…” row, 17–18 blank, 19 indicator,
  // 20 a row of “……”, 21 其他需要说明事项 | 无, 22 说明 | 无, 23 总分.
  it('counts neither placeholders nor note rows as indicators or weights', async () => {
    const { forms, findings } = await checkWorkbook(yunnanWithPlaceholders());
    const f = forms[0];
    // The same nine indicators as class 1: 88 + 10 = 98; weights 90 + 10 = 100.
    expect(findings).toEqual([]);
    expect(f.indicators).toHaveLength(9);
    expect(f.indicators.flatMap((i) => i.path).filter((p) => /…|说明/.test(p))).toEqual([]);
    expect(f.weightTotal).toBe('100');
    expect(f.total).toEqual({ cell: 'I23', declared: '98', sum: '98', recomputed: '98' });
  });

  it('a wrong total below them is still found', async () => {
    const { errors } = await checkWorkbook(yunnanWithPlaceholders(99));
    expect(errors.map((e) => [tag(e), e.expected])).toEqual([['total-mismatch@I23', '98']]);
  });
});

describe('class 5 — qualitative tiers from status words; a guessed tier only warns', () => {
  // Rows 7–15, columns A–H: 目标 D, 实际 E, 分值 F, 得分 G, 偏差原因 H; 总分 row 16.
  it('reads status words by the tier they state; the loose 正常运转 is a warning', async () => {
    const { forms, findings } = await checkWorkbook(qualitativeTiers());
    const f = forms[0];
    // Tiers (national): 达成 80–100%, 部分达成 60–<80%, 未达成 0–<60% of the weight.
    // 7  年底前完成 / 已完成            → 达成 (deadline + status word), 10 in 8–10
    // 8  年底前完成 / 未完成            → 未达成 (before: “not scoreable”), 5 in 0–<6
    // 9  全部达标 / 基本达成            → 达成 (seed 002 note 3), 9 in 8–10
    // 10 及时 / 部分及时                → 部分达成 (before: 达成 because it contains 及时), 7 in 6–<8
    // 11 控制在预算内 / 控制在预算内    → restated: 达成, 10
    // 12 网络顺畅 / 正常运转, 3 of 5    → 达成 only guessed from 正常: warning, not error
    // 13 建立长效运维机制 / 基本完成但尚未印发 → 部分达成 (before: 未达成 from 未), 7 in 6–<8
    // 14 建立长效机制 / 未建立, 6 of 15 → 未达成, 6 in 0–<9
    // 15 满意 / 满意                    → 达成, 10
    // Scores 10+5+9+7+10+3+7+6+10 = 67, execution 10: total 77.
    expect(findings.map((x) => [tag(x), x.severity])).toEqual([['score-tier-uncertain@G12', 'warning']]);
    const w = findings[0];
    expect(w.message).toContain('正常运转');
    expect(w.message).toContain('推断');
    expect(w.message).toContain('全县网络故障及硬件故障');
    expect(f.indicators.map((i) => i.method)).toEqual(Array(9).fill('qualitative'));
    // A guessed tier does not move the recomputed score: 77 stays 77.
    expect(f.total).toEqual({ cell: 'G16', declared: '77', sum: '77', recomputed: '77' });
  });

  it('a score outside a tier that a status word states is an error', async () => {
    let rows: QualRow[] = qualitativeRows();
    rows = withRow(rows, 0, { 6: 5 }); // 已完成: 达成 8–10, declared 5
    rows = withRow(rows, 1, { 6: 10 }); // 未完成: 未达成 0–<6, declared 10
    rows = withRow(rows, 3, { 6: 10 }); // 部分及时: 部分达成 6–<8, declared 10
    rows = withRow(rows, 7, { 6: 15 }); // 未建立: 未达成 0–<9, declared 15
    const { errors, findings } = await checkWorkbook(qualitativeTiers(rows));
    expect(errors.map((e) => [tag(e), e.expected])).toEqual([
      ['score-out-of-tier@G7', '8'],
      ['score-out-of-tier@G8', '6'],
      ['score-out-of-tier@G10', '8'],
      ['score-out-of-tier@G14', '9'],
    ]);
    expect(findings.filter((x) => x.code === 'score-tier-uncertain').map(tag)).toEqual(['score-tier-uncertain@G12']);
  });

  it('without an explanation the guessed tier is still a warning, beside the missing reason', async () => {
    const rows = withRow(qualitativeRows(), 5, { 7: null }); // 网络顺畅 / 正常运转, 3 of 5, no reason
    const { errors, findings } = await checkWorkbook(qualitativeTiers(rows));
    expect(errors).toEqual([]);
    expect(findings.map(tag).sort()).toEqual(['missing-deviation-reason@H12', 'score-tier-uncertain@G12']);
  });

  it('a restated target is certain: full marks expected, a low score is an error', async () => {
    // 控制在预算内 / 控制在预算内 with 5 of 10: 达成 8–10.
    const rows = withRow(qualitativeRows(), 4, { 6: 5, 7: '个别支出超标' });
    const { errors } = await checkWorkbook(qualitativeTiers(rows));
    expect(errors.map(tag)).toEqual(['score-out-of-tier@G11']);
  });
});

describe('class 6 — execution weight stated only in a label (Hubei, 20 points)', () => {
  // Funds row 3: 200 / 200 / 190, 95%, 得分 G3 = 19; indicators rows 6–10 (产出 40, 效益 30, 满意度 10); 总分 row 11.
  it.each([
    ['block', '预算执行情况(万元)(20分)', 'A2'],
    ['score', '得分（20分*执行率）', 'G2'],
  ] as const)('the weight in the %s label (%s) is counted', async (where, _label, weightCell) => {
    const { forms, findings } = await checkWorkbook(hubeiLabelWeight(where), 'hubei');
    const f = forms[0];
    // Execution 190 / 200 = 95% × 20 = 19; indicators 80 of 80; weights 80 + 20 = 100 (before: 80);
    // total 80 + 19 = 99.
    expect(findings).toEqual([]);
    expect(f.weightTotal).toBe('100');
    expect(f.executionRate.score).toEqual({ cell: 'G3', weight: '20', declared: '19', computed: '19' });
    expect(f.total).toEqual({ cell: 'G11', declared: '99', sum: '99', recomputed: '99' });
    // Under the national pack the form has no error either, only the non-standard 20 / 40 weights.
    const national = await checkWorkbook(hubeiLabelWeight(where));
    expect(national.errors).toEqual([]);
    // …and the info that the 20-point execution block suggests the hubei pack.
    expect(national.findings.map(tag).sort()).toEqual(
      [`nonstandard-level1-weights@${weightCell}`, 'nonstandard-level1-weights@A6', `rules-pack-suggested@${weightCell}`].sort(),
    );
  });

  it('a full 20 at 95% execution is still an error', async () => {
    // 95% × 20 = 19, declared 20; total 80 + 20 = 100 adds up.
    const { errors } = await checkWorkbook(hubeiLabelWeight('block', 20, 100), 'hubei');
    expect(errors.map((e) => [tag(e), e.expected])).toEqual([['score-mismatch@G3', '19']]);
  });
});
