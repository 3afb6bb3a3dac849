/**
 * Layout variants of seed 002's form (test/fixtures/variants.ts): the same figures must come out
 * whatever the layout; cells move with the layout.
 */
import { describe, expect, it } from 'vitest';
import { variants } from './fixtures/variants.js';
import { checkWorkbook, tag } from './support/check-workbook.js';

const SEED002_CODES = [
  'missing-deviation-reason',
  'nonstandard-level1-weights',
  'over-achievement',
  'score-mismatch',
  'weight-total-not-100',
];

describe.each([
  // variant, total cell (the two-row header and the subtotal rows push the 总分 row down)
  ['twoRowHeader', 'G28'],
  ['blankHierarchy', 'G27'],
  ['subtotalRows', 'G30'],
  ['textNumbers', 'G27'],
  ['gradeRow', 'G27'],
] as const)('%s', (name, totalCell) => {
  it('gives seed 002’s figures and findings', async () => {
    const { forms, findings } = await checkWorkbook(variants[name]());
    expect(forms).toHaveLength(1);
    expect(forms[0].total).toEqual({ cell: totalCell, declared: '94.5', sum: '94.5', recomputed: '92.16' });
    expect(forms[0].weightTotal).toBe('97');
    expect(forms[0].indicators).toHaveLength(14);
    expect(forms[0].executionRate.score).toMatchObject({ cell: 'H5', computed: '4.66' });
    expect(findings.map((f) => f.code).sort()).toEqual(SEED002_CODES);
  });
});

describe('layout variants with their own figures', () => {
  it('a table at D5 with reordered and extra columns (指标性质, 计量单位, 备注)', async () => {
    const { forms, findings } = await checkWorkbook(variants.reorderedAtD5());
    expect(forms).toHaveLength(1);
    expect(forms[0].range.startsWith('D2:')).toBe(true);
    // No funds block: 分值 90, 得分 87.5; 偿还历史欠款 5/10 × 5 = 2.5 with its reason given.
    expect(forms[0].total).toEqual({ cell: 'K20', declared: '87.5', sum: '87.5', recomputed: '87.5' });
    expect(forms[0].weightTotal).toBe('90');
    expect(findings.map(tag).sort()).toEqual(['over-achievement@H8', 'weight-total-not-100@L20']);
  });

  it('explicit level subtotal rows are checked, not counted as indicators', async () => {
    const { forms, findings } = await checkWorkbook(variants.subtotalRows());
    expect(forms[0].aggregates.filter((a) => a.role === 'level-score').map((a) => a.expected)).toEqual(['47.5', '30', '10']);
    expect(findings.some((f) => f.code === 'subtotal-mismatch')).toBe(false);
  });

  it('two forms on one sheet are both found, each with its own findings', async () => {
    const { forms, findings } = await checkWorkbook(variants.twoForms());
    expect(forms.map((f) => f.range)).toEqual(['A1:H27', 'A34:H60']);
    expect(findings.filter((f) => f.code === 'score-mismatch').map((f) => f.cell)).toEqual(['H5', 'H38']);
  });

  it('a sheet with no form, and an empty sheet, give no form and no finding', async () => {
    const { sheets, forms, findings } = await checkWorkbook(variants.noForm());
    expect(sheets.map((s) => s.sheet)).toEqual(['项目清单', '空白']);
    expect(forms).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('a 自评等级 row is read and checked', async () => {
    const { forms } = await checkWorkbook(variants.gradeRow());
    expect(forms[0].grade).toMatchObject({ cell: 'F28', declared: '优', computed: '优' });
    expect(forms[0].aggregates.find((a) => a.role === 'grade')).toMatchObject({ cell: 'F28', expected: '优' });
  });
});
