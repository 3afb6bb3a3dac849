/**
 * Issue 9, class 4: one root cause, one error (RULES.md §3; docs/rules.md §Root causes). Fixtures in
 * test/fixtures/provinces-packs.ts (columns A–H: F 分值, G 得分; funds row 3; indicators from row 6).
 * “Before” is what main (2d9ebb5) reported for the same workbook.
 */
import { describe, expect, it } from 'vitest';
import { executionOnTop, wrongRate, wrongScoreGrade } from '../../fixtures/provinces-packs.js';
import { checkWorkbook, tag } from '../../support/check-workbook.js';
import type { Finding } from '../../../src/core/index.js';

const row = (f: Finding) => [tag(f), f.declared, f.expected, f.causedBy ? `${f.causedBy.code}@${f.causedBy.cell}` : null];

describe('class 4 — one root cause, one fix', () => {
  it('indicators of 100 plus a 10-point execution block (110): one root at the weight header, the rest point to it', async () => {
    // Indicators 20 + 20 + 10 + 40 + 10 = 100, execution 10: 110. The total row says 100 (right) and 总分 100
    // (the indicators only; with execution 110).
    // Before: weight-subtotal-mismatch@F11 100 → 110, weight-total-not-100@F11 110 → 100 (opposite fixes on one
    // cell), total-mismatch@G11 100 → 110 (raise the total above the maximum), nonstandard@A9 40 → 30.
    const { findings } = await checkWorkbook(executionOnTop());
    expect(findings.map(row)).toEqual([
      ['weight-subtotal-mismatch@F11', '100', null, 'weight-total-not-100@F5'],
      ['total-mismatch@G11', '100', null, 'weight-total-not-100@F5'],
      // The root: the weight column's header (no figure declared there); indicators must add to 100 − 10 = 90.
      ['weight-total-not-100@F5', null, '90', null],
      // 效益 40 against 30: the same surplus of 10, its fix part of the root's.
      ['nonstandard-level1-weights@A9', '40', '30', 'weight-total-not-100@F5'],
    ]);
    const root = findings.find((f) => f.code === 'weight-total-not-100')!;
    expect(root.message).toContain('90');
    expect(findings.find((f) => f.code === 'total-mismatch')!.message).toContain('由 F5');
    // No two findings on one cell propose different values.
    const byCell = new Map<string, Set<string>>();
    for (const f of findings) if (f.expected !== null) byCell.set(f.cell, (byCell.get(f.cell) ?? new Set()).add(f.expected));
    for (const v of byCell.values()) expect(v.size).toBe(1);
  });

  it('a wrong rate carried into the execution score and the grade points to the rate', async () => {
    // 执行数 85 ÷ 100 = 85%, declared 95%; execution score 95% × 10 = 9.5 (follows the declared rate), right 8.5;
    // indicators 20 + 20 + 10 + 21 (63% / 90% × 30) + 10 = 81; declared total 90.5 → 优 as declared;
    // recomputed 81 + 8.5 = 89.5 → 良.
    // Before: the same three findings, unlinked.
    const { findings } = await checkWorkbook(wrongRate());
    expect(findings.map(row)).toEqual([
      ['score-mismatch@G3', '9.5', '8.5', 'execution-rate-mismatch@E3'],
      ['execution-rate-mismatch@E3', '0.95', '0.85', null],
      ['grade-mismatch@B12', '优', '良', 'execution-rate-mismatch@E3'],
    ]);
    // The consequences keep their fixes: they are what fixing the rate gives.
    expect(findings[0].suggestion).toEqual({ cell: 'G3', value: '8.5' });
  });

  it('a wrong indicator score carried into the grade points to the score', async () => {
    // 政策知晓率 54% of ≥90%: 0.6 × 30 = 18, declared 30. Declared total 100 → 优; recomputed 88 → 良.
    // Before: score-mismatch@G9 and grade-mismatch@B12, unlinked. The subtotal/total compare with the declared
    // scores, so they do not fail.
    const { findings } = await checkWorkbook(wrongScoreGrade());
    expect(findings.map(row)).toEqual([
      ['score-mismatch@G9', '30', '18', null],
      ['grade-mismatch@B12', '优', '良', 'score-mismatch@G9'],
    ]);
  });

  it('every finding has causedBy (null when it stands alone)', async () => {
    const { findings } = await checkWorkbook(wrongScoreGrade());
    expect(findings.every((f) => f.causedBy === null || typeof f.causedBy?.cell === 'string')).toBe(true);
    expect(findings[0].causedBy).toBeNull();
  });
});
