import { describe, expect, it } from 'vitest';
import {
  DEPARTMENT_FRAMEWORK,
  DEPARTMENT_HEADERS,
  FUNDS_HEADERS,
  PROJECT_HEADERS,
  buildTemplate,
  cellsWithRole,
  evaluateCalc,
  evaluateTemplate,
  formulaOf,
  splitEvenly,
  styleAreas,
  templateFormulas,
  uniqueSheetName,
  type Calc,
  type TemplateDescription,
} from '../../src/core/template.js';
import { parseA1, parseRangeA1, rangeToA1, toA1, type CellValue } from '../../src/core/snapshot.js';
import { templateToSnapshot } from '../support/template-helpers.js';
import { UnknownRulePackError } from '../../src/core/rules/packs.js';
import { checkSheet } from '../../src/core/check.js';
import type { Finding } from '../../src/core/report.js';
import { seed002Snapshot } from '../support/seed002-snap.js';
import { planWriteBack } from '../../src/core/writeback-plan.js';
import { SEED002_INDICATORS } from '../fixtures/seeds.js';

function at(t: TemplateDescription, a1: string) {
  const { row, col } = parseA1(a1);
  return t.rows[row].cells[col];
}
function value(t: TemplateDescription, a1: string, inputs: Record<string, CellValue> = {}): CellValue {
  const { row, col } = parseA1(a1);
  return evaluateTemplate(t, inputs).values[row][col];
}
function rowTexts(t: TemplateDescription, row: number): (string | number)[] {
  return templateFormulas(t)[row];
}
function mergeAt(t: TemplateDescription, a1: string): string | null {
  const { row, col } = parseA1(a1);
  const m = t.merges.find((r) => r.top === row && r.left === col);
  return m ? rangeToA1(m) : null;
}

describe('project template (national, 2 rows per level-2 group)', () => {
  const t = buildTemplate({ kind: 'project', rows: 2 });
  const L = t.layout;

  it('has the national title, the vocabulary of docs/rules.md §Forms and the 8 table columns', () => {
    expect(at(t, 'A1')?.value).toBe('项目支出绩效自评表');
    expect(rowTexts(t, L.headerRow)).toEqual(PROJECT_HEADERS);
    expect(PROJECT_HEADERS).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值（权重）', '指标得分', '偏差原因分析及改进措施']);
    const fundsHeader = L.funds!.row - 1;
    expect(rowTexts(t, fundsHeader).slice(2)).toEqual(FUNDS_HEADERS);
    expect(FUNDS_HEADERS).toEqual(['年初预算数（万元）', '全年预算数（万元）', '全年执行数（万元）', '执行率', '分值', '得分']);
    expect(templateFormulas(t).slice(L.funds!.row, L.funds!.row + 4).map((r) => r[1])).toEqual(['年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金']);
    const labels = templateFormulas(t).flat();
    for (const w of ['项目名称', '主管部门', '实施单位', '年度总体目标', '预期目标', '实际完成情况', '总分', '自评等级']) expect(labels).toContain(w);
  });

  it('lists the standard levels in order, each level-2 with 2 blank rows under a level row', () => {
    const level2 = L.subtotals.filter((s) => s.path.length === 2).map((s) => s.path.join('/'));
    expect(level2).toEqual([
      '产出指标/数量指标', '产出指标/质量指标', '产出指标/时效指标', '产出指标/成本指标',
      '效益指标/经济效益指标', '效益指标/社会效益指标', '效益指标/生态效益指标', '效益指标/可持续影响指标',
      '满意度指标/服务对象满意度指标',
    ]);
    expect(L.indicatorRows).toHaveLength(9 * 2);
    // 1 level-1 row per level-1, then per level-2 one level row and 2 blank rows: 3 + 9×3 rows.
    expect(L.total.row - L.headerRow - 1).toBe(3 + 9 * 3);
    // The level-1 label is merged down its whole block, the level-2 label down its level row and rows.
    const out = L.subtotals.find((s) => s.path.join() === '产出指标')!;
    expect(at(t, toA1(out.row, 0))?.value).toBe('产出指标');
    expect(mergeAt(t, toA1(out.row, 0))).toBe(`A${out.row + 1}:A${out.row + 1 + 4 * 3}`);
    const qty = L.subtotals.find((s) => s.path.join() === '产出指标,数量指标')!;
    expect(at(t, toA1(qty.row, 1))?.value).toBe('数量指标');
    expect(mergeAt(t, toA1(qty.row, 1))).toBe(`B${qty.row + 1}:B${qty.row + 3}`);
    // Level rows leave 二级 (level-1 row) and 三级 blank so they read as subtotals, not indicators.
    expect(templateFormulas(t)[out.row].slice(1, 5)).toEqual(['', '', '', '']);
    expect(templateFormulas(t)[qty.row].slice(2, 5)).toEqual(['', '', '']);
  });

  it('sums weights and scores with live formulas: level-2 over its rows, level-1 over its level-2 rows, total with the execution score', () => {
    const qty = L.subtotals.find((s) => s.path.join() === '产出指标,数量指标')!;
    const r = qty.row + 1;
    expect(formulaOf(at(t, qty.weightCell!)!.calc!)).toBe(`=ROUND(SUM(F${r + 1}:F${r + 2}),2)`);
    expect(formulaOf(at(t, qty.scoreCell)!.calc!)).toBe(`=IF(COUNT(G${r + 1}:G${r + 2})=0,"",ROUND(SUM(G${r + 1}:G${r + 2}),2))`);
    const out = L.subtotals.find((s) => s.path.join() === '产出指标')!;
    const l2 = L.subtotals.filter((s) => s.path[0] === '产出指标' && s.path.length === 2);
    expect(formulaOf(at(t, out.weightCell!)!.calc!)).toBe(`=ROUND(SUM(${l2.map((s) => s.weightCell).join(',')}),2)`);
    const l1 = L.subtotals.filter((s) => s.path.length === 1);
    const f = L.funds!;
    expect(formulaOf(at(t, L.total.scoreCell)!.calc!)).toBe(
      `=IF(COUNT(${[...l1.map((s) => s.scoreCell), f.score].join(',')})=0,"",ROUND(SUM(${[...l1.map((s) => s.scoreCell), f.score].join(',')}),2))`,
    );
    expect(formulaOf(at(t, L.total.weightCell!)!.calc!)).toBe(`=ROUND(SUM(${[...l1.map((s) => s.weightCell), f.weight].join(',')}),2)`);
  });

  it('computes the execution rate B/A and its score min(rate, 1) × 分值 from the funds row', () => {
    const f = L.funds!;
    expect(formulaOf(at(t, f.rate)!.calc!)).toBe(`=IFERROR(ROUND(${f.executed}/${f.budget},4),"")`);
    expect(formulaOf(at(t, f.score)!.calc!)).toBe(`=IFERROR(ROUND(MIN(${f.executed}/${f.budget},1)*${f.weight},2),"")`);
    expect(at(t, f.weight)?.value).toBe(10);
    expect(at(t, f.rate)?.numberFormat).toBe('0.00%');
    // seed 002: 51.91 / 78 = 0.665512…; × 10 = 6.655… → 6.66; × 7 = 4.658… → 4.66
    const inputs = { [f.initialBudget]: 78, [f.budget]: 78, [f.executed]: 51.91 };
    expect(value(t, f.rate, inputs)).toBe(0.6655);
    expect(value(t, f.score, inputs)).toBe(6.66);
    expect(value(t, f.score, { ...inputs, [f.weight]: 7 })).toBe(4.66);
    // over-spent: capped at the weight
    expect(value(t, f.score, { [f.budget]: 100, [f.executed]: 120 })).toBe(10);
    // a blank budget shows nothing rather than #DIV/0!
    expect(value(t, f.rate)).toBe('');
    expect(value(t, f.score)).toBe('');
  });

  it('grades the total with the pack’s bands, lower bounds inclusive', () => {
    const calc = at(t, L.grade.cell)!.calc!;
    expect(formulaOf(calc)).toBe(`=IF(${L.total.scoreCell}="","",IF(${L.total.scoreCell}>=90,"优",IF(${L.total.scoreCell}>=80,"良",IF(${L.total.scoreCell}>=60,"中","差"))))`);
    const g = (v: CellValue) => evaluateCalc(calc, () => v);
    expect([g(100), g(90), g(89.99), g(80), g(60), g(59.99), g(0), g(null)]).toEqual(['优', '优', '良', '良', '中', '差', '差', '']);
  });

  it('gives every blank row a placeholder weight: 50/30/10 split evenly, so the blank form adds up to 100', () => {
    const weights = cellsWithRole(t, 'indicator-weight').map((c) => at(t, c.cell)!.value);
    expect(weights).toEqual([...Array(8).fill(6.25), ...Array(8).fill(3.75), 5, 5]);
    const s = (path: string) => value(t, L.subtotals.find((x) => x.path.join() === path)!.weightCell!);
    expect([s('产出指标'), s('效益指标'), s('满意度指标')]).toEqual([50, 30, 10]);
    expect(value(t, L.total.weightCell!)).toBe(100);
    // scores, their subtotals, the total and the grade stay blank until scores are typed
    expect(value(t, L.total.scoreCell)).toBe('');
    expect(value(t, L.grade.cell)).toBe('');
  });

  it('without placeholders the blank rows carry no weight', () => {
    const bare = buildTemplate({ kind: 'project', rows: 2, placeholderWeights: false });
    expect(cellsWithRole(bare, 'indicator-weight').every((c) => at(bare, c.cell)!.value === '')).toBe(true);
    expect(value(bare, bare.layout.total.weightCell!)).toBe(10);
  });

  it('validates every score as a number between 0 and its own row’s weight, every weight between 0 and 100', () => {
    for (const row of L.indicatorRows) {
      const score = t.validations.find((v) => v.cell === toA1(row, 6));
      expect(score).toMatchObject({ min: 0, max: { ref: toA1(row, 5) } });
      expect(score!.message).toContain('0 到本行分值');
      expect(t.validations.find((v) => v.cell === toA1(row, 5))).toMatchObject({ min: 0, max: { value: 100 } });
    }
    expect(t.validations).toHaveLength(L.indicatorRows.length * 2);
    const en = buildTemplate({ kind: 'project', locale: 'en-US' });
    expect(en.validations[0].message).toMatch(/between 0 and/);
  });

  it('prints the official notes 1–3 under the table, with the pack’s numbers', () => {
    const notes = templateFormulas(t).slice(L.grade.row + 1).map((r) => r[0]);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toBe('注：1.其他资金包括中央补助、各级财政资金共同投入到同一项目的自有资金、社会资金等。');
    expect(notes[1]).toContain('产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分');
    expect(notes[2]).toContain('分别按照100%-80%（含）、80%-60%（含）、60%-0%合理填写完成比例');
    for (let r = L.grade.row + 1; r < t.rows.length; r++) expect(mergeAt(t, `A${r + 1}`)).toBe(`A${r + 1}:H${r + 1}`);
  });

  it('prints on A4 portrait, one page wide, the table header repeated', () => {
    expect(t.print).toMatchObject({ paperSize: 'A4', orientation: 'portrait', fitToWidth: 1, fitToHeight: 0, titleRows: { top: L.headerRow, bottom: L.headerRow } });
    expect(rangeToA1(t.print.area)).toBe(`A1:H${t.rows.length}`);
    expect(t.columns).toHaveLength(8);
  });

  it('covers every cell of the frame by exactly one style area', () => {
    const seen = new Map<string, number>();
    for (const { range } of styleAreas(t)) {
      for (let r = range.top; r <= range.bottom; r++) for (let c = range.left; c <= range.right; c++) seen.set(toA1(r, c), (seen.get(toA1(r, c)) ?? 0) + 1);
    }
    const cells = t.rows.flatMap((row, r) => row.cells.map((c, col) => (c ? toA1(r, col) : null)).filter(Boolean));
    expect([...seen.keys()].sort()).toEqual([...cells].sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // formula cells are shaded, inputs are not
    expect(at(t, L.total.scoreCell)?.style).toBe('computed');
    expect(at(t, toA1(L.indicatorRows[0], 6))?.style).toBe('input');
  });

  it('merges never overlap', () => {
    const owner = new Map<string, string>();
    for (const m of t.merges) {
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) {
          expect(owner.get(toA1(r, c))).toBeUndefined();
          owner.set(toA1(r, c), rangeToA1(m));
        }
    }
  });
});

describe('placeholder weights for other row counts and packs', () => {
  it.each([1, 3, 7, 50])('%i rows per group: each level-1 still adds to its weight, the form to 100', (rows) => {
    const t = buildTemplate({ kind: 'project', rows });
    expect(t.layout.indicatorRows).toHaveLength(9 * rows);
    const s = (path: string) => value(t, t.layout.subtotals.find((x) => x.path.join() === path)!.weightCell!);
    expect([s('产出指标'), s('效益指标'), s('满意度指标')]).toEqual([50, 30, 10]);
    expect(value(t, t.layout.total.weightCell!)).toBe(100);
  });

  it('splits into whole half points when equal shares are not exact at 2 decimals', () => {
    expect(splitEvenly(50, 12).map(String)).toEqual(['4.5', '4.5', '4.5', '4.5', '4', '4', '4', '4', '4', '4', '4', '4']);
    expect(splitEvenly(10, 3).map(String)).toEqual(['3.5', '3.5', '3']);
    expect(splitEvenly(30, 8).map(String)).toEqual(Array(8).fill('3.75'));
    const many = splitEvenly(10, 30);
    expect(many.reduce((a, b) => a.plus(b)).toString()).toBe('10');
    expect(many.every((x) => x.gt(0))).toBe(true);
  });

  it('follows the Hubei pack: execution 20 points, level-1 40/30/10, tiers 80/50 in the notes', () => {
    const t = buildTemplate({ kind: 'project', rules: 'hubei', rows: 2 });
    expect(t.rules).toBe('hubei');
    expect(at(t, t.layout.funds!.weight)?.value).toBe(20);
    const s = (path: string) => value(t, t.layout.subtotals.find((x) => x.path.join() === path)!.weightCell!);
    expect([s('产出指标'), s('效益指标'), s('满意度指标')]).toEqual([40, 30, 10]);
    expect(value(t, t.layout.total.weightCell!)).toBe(100);
    const notes = templateFormulas(t).slice(t.layout.grade.row + 1).map((r) => r[0]);
    expect(notes[1]).toContain('产出指标40分、效益指标30分、满意度指标10分、预算资金执行率20分');
    expect(notes[2]).toContain('100%-80%（含）、80%-50%（含）、50%-0%');
  });

  it('rejects row counts outside 1–50 and unknown packs', () => {
    expect(() => buildTemplate({ kind: 'project', rows: 0 })).toThrow(RangeError);
    expect(() => buildTemplate({ kind: 'project', rows: 51 })).toThrow(/1 到 50/);
    expect(() => buildTemplate({ kind: 'project', rows: 2.5 })).toThrow(RangeError);
    expect(() => buildTemplate({ kind: 'project', rules: 'beijing' as never })).toThrow(UnknownRulePackError);
  });
});

describe('department template (seed 004 framework)', () => {
  const t = buildTemplate({ kind: 'department' });
  const L = t.layout;
  const texts = templateFormulas(t);

  it('has the score-sheet columns and the 一级/二级/三级 labels with their weights', () => {
    expect(at(t, 'A1')?.value).toBe('部门整体支出绩效自评表');
    expect(texts[L.headerRow]).toEqual(DEPARTMENT_HEADERS);
    expect(DEPARTMENT_HEADERS).toEqual(['一级指标', '二级指标', '三级指标', '自评分', '指标解释', '指标说明']);
    const l1 = L.subtotals.filter((s) => s.path.length === 1).map((s) => texts[s.row][0]);
    expect(l1).toEqual(['投入（20分）', '过程（30分）', '产出（30分）', '效果（20分）']);
    const l2 = L.subtotals.filter((s) => s.path.length === 2).map((s) => texts[s.row][1]);
    expect(l2).toEqual(['目标设定（5分）', '预算配置（15分）', '预算执行（20分）', '预算管理（5分）', '资产管理（5分）', '职责履行（30分）', '履职效益（20分）']);
    expect(L.indicatorRows.map((r) => texts[r][2])).toContain('在职人员控制率（5分）');
    expect(L.indicatorRows).toHaveLength(28);
  });

  it('uses the standard weights: level-3 add up to their level-2, level-2 to their level-1, all to 100', () => {
    let total = 0;
    for (const l1 of DEPARTMENT_FRAMEWORK) {
      expect(l1.groups.reduce((s, g) => s + g.weight, 0)).toBe(l1.weight);
      for (const g of l1.groups) expect(g.indicators.reduce((s, i) => s + i.weight, 0)).toBe(g.weight);
      total += l1.weight;
    }
    expect(total).toBe(100);
  });

  it('carries the formula texts of seed 004 in 指标说明, the shared note merged over 经济/社会/生态效益', () => {
    const row = L.indicatorRows.find((r) => String(texts[r][2]).startsWith('在职人员控制率'))!;
    expect(texts[row][5]).toMatch(/^在职人员控制率=（在职人员数\/编制数）×100%。/);
    const eco = L.indicatorRows.find((r) => String(texts[r][2]).startsWith('经济效益'))!;
    expect(mergeAt(t, `F${eco + 1}`)).toBe(`F${eco + 1}:F${eco + 3}`);
    expect(texts[eco][5]).toMatch(/^此三项指标/);
  });

  it('validates each 自评分 between 0 and the indicator’s weight, sums subtotals and total, grades with the department bands', () => {
    const row = L.indicatorRows.find((r) => String(texts[r][2]).startsWith('重点工作办结率'))!;
    expect(t.validations.find((v) => v.cell === `D${row + 1}`)).toMatchObject({ min: 0, max: { value: 10 } });
    expect(t.validations).toHaveLength(28);
    const g = L.subtotals.find((s) => s.path.join() === '产出,职责履行')!;
    expect(formulaOf(at(t, g.scoreCell)!.calc!)).toBe(`=IF(COUNT(D${g.row + 2}:D${g.row + 5})=0,"",ROUND(SUM(D${g.row + 2}:D${g.row + 5}),2))`);
    // seed 004's own scores: 93 in all, 优
    const scores = [2, 3, 5, 5, 5, 4, 2, 2, 2, 2, 2, 2, 4, 2, 1, 1, 1, 2, 2, 1, 7, 3, 7, 9, 4, 4, 4, 5];
    const inputs = Object.fromEntries(L.indicatorRows.map((r, i) => [`D${r + 1}`, scores[i]]));
    expect(value(t, L.total.scoreCell, inputs)).toBe(93);
    expect(value(t, L.grade.cell, inputs)).toBe('优');
    expect(value(t, g.scoreCell, inputs)).toBe(26);
  });
});

describe('sheet names and snapshots', () => {
  it('picks the first free name of 自评表, 自评表 (2), … ignoring case', () => {
    expect(uniqueSheetName([])).toBe('自评表');
    expect(uniqueSheetName(['Sheet1'])).toBe('自评表');
    expect(uniqueSheetName(['自评表'])).toBe('自评表 (2)');
    expect(uniqueSheetName(['自评表', '自评表 (2)', '自评表 (4)'])).toBe('自评表 (3)');
    expect(uniqueSheetName(['Form'], 'form')).toBe('form (2)');
  });

  it('reads back like a host: computed values, formulas, merges, text in the number format', () => {
    const t = buildTemplate({ kind: 'project', rows: 2 });
    const f = t.layout.funds!;
    const s = templateToSnapshot(t, '自评表', { [f.budget]: 78, [f.executed]: 51.91 });
    const { row, col } = parseA1(f.rate);
    expect(s.values[row][col]).toBe(0.6655);
    expect(s.text![row][col]).toBe('66.55%');
    expect(s.formulas![row][col]).toBe(`=IFERROR(ROUND(${f.executed}/${f.budget},4),"")`);
    expect(s.merges).toContainEqual(parseRangeA1('A1:H1'));
    // typing over a formula replaces it, as in Excel
    const typed = templateToSnapshot(t, '自评表', { [f.score]: 7 });
    const sc = parseA1(f.score);
    expect(typed.values[sc.row][sc.col]).toBe(7);
    expect(typed.formulas![sc.row][sc.col]).toBeNull();
  });

  it('evaluates sums like Excel: text and blanks ignored, "" when nothing is a number', () => {
    const calc: Calc = { fn: 'sum', refs: ['A1:A3'], blankIfEmpty: true };
    const cells: Record<string, CellValue> = { A1: 1.1, A2: '说明', A3: 2.2 };
    expect(evaluateCalc(calc, (a) => cells[a] ?? null)).toBe(3.3);
    expect(evaluateCalc(calc, () => null)).toBe('');
    expect(evaluateCalc({ ...calc, blankIfEmpty: false }, () => null)).toBe(0);
    expect(evaluateCalc({ fn: 'rate', executed: 'A1', budget: 'A2' }, (a) => (a === 'A1' ? 5 : '万元'))).toBe('');
  });
});

// -----------------------------------------------------------------------------------------------
// Round trip through the recogniser. These need the engine (src/core/check.ts and recognise/) to
// read a blank template's level rows, blank rows and funds weight — engine changes E1–E3 of the
// template report. Until those land they FAIL; they are the acceptance tests for that work.

const errorsOf = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => `${f.code}@${f.cell}: ${f.message}`);

describe('[needs engine E1–E3] an inserted template is recognised by 检查得分', () => {
  it.each([
    ['national', 1],
    ['national', 2],
    ['national', 4],
    ['hubei', 2],
  ] as const)('blank project template (%s, %i rows): kind project, 100 points, no error', (rules, rows) => {
    const t = buildTemplate({ kind: 'project', rules, rows });
    const report = checkSheet(templateToSnapshot(t), { rules });
    expect(report.forms.map((f) => f.kind)).toEqual(['project']);
    expect(report.forms[0].weightTotal).toBe('100');
    expect(errorsOf(report.findings)).toEqual([]);
  });

  it('blank department template: kind department, no error', () => {
    const t = buildTemplate({ kind: 'department' });
    const report = checkSheet(templateToSnapshot(t));
    expect(report.forms.map((f) => f.kind)).toEqual(['department']);
    expect(report.forms[0].weightTotal).toBe('100');
    expect(errorsOf(report.findings)).toEqual([]);
  });
});

/** Seed 002's figures typed into a 4-row template (unused rows' placeholder weights cleared). */
function seed002Inputs(t: TemplateDescription): Record<string, CellValue> {
  const f = t.layout.funds!;
  const inputs: Record<string, CellValue> = { [f.initialBudget]: 78, [f.budget]: 78, [f.executed]: 51.91, [f.weight]: 7, [f.score]: 7 };
  const group = (l2: string) => (l2 === '满意度指标' ? '服务对象满意度指标' : l2);
  const used = new Map<string, number>();
  const rowsOf = new Map<string, number[]>();
  for (const row of t.layout.indicatorRows) {
    const path = t.rows[row].cells[2]!.path!;
    rowsOf.set(path[1], [...(rowsOf.get(path[1]) ?? []), row]);
    inputs[`F${row + 1}`] = null;
  }
  for (const [, l2, name, target, actual, weight, score, reason] of SEED002_INDICATORS) {
    const g = group(l2);
    const k = used.get(g) ?? 0;
    used.set(g, k + 1);
    const row = rowsOf.get(g)![k] + 1;
    Object.assign(inputs, { [`C${row}`]: name, [`D${row}`]: target, [`E${row}`]: actual, [`F${row}`]: weight, [`G${row}`]: score, [`H${row}`]: reason });
  }
  return inputs;
}

describe('[needs engine E1–E3] the template filled with seed 002 reproduces seed 002’s findings', () => {
  const t = buildTemplate({ kind: 'project', rows: 4 });
  const filled = checkSheet(templateToSnapshot(t, '自评表', seed002Inputs(t)));
  const seed = checkSheet(seed002Snapshot());
  const key = (f: Finding) => `${f.code} ${f.declared ?? ''}→${f.expected ?? ''} ${f.path.at(-1) ?? ''}`;

  it('finds execution score 7 vs 4.66, weights 97, the missing reason and the over-achievement', () => {
    const codes = filled.findings.map((f) => f.code);
    expect(filled.findings.find((f) => f.code === 'score-mismatch' && f.path[0] === '预算执行率')).toMatchObject({ declared: '7', expected: '4.66', cell: t.layout.funds!.score });
    expect(filled.findings.find((f) => f.code === 'weight-total-not-100')).toMatchObject({ declared: '97', expected: '100' });
    expect(codes).toContain('missing-deviation-reason');
    expect(codes).toContain('over-achievement');
    expect(codes).not.toContain('subtotal-mismatch');
    expect(codes).not.toContain('weight-subtotal-mismatch');
  });

  it('gives the same findings (code, declared, expected, indicator) as the seed form itself', () => {
    // Except what the total row's weight cell declares: the template's holds a formula showing 97,
    // seed 002's F27 is empty.
    const weightTotal = (fs: Finding[]) => fs.filter((f) => f.code === 'weight-total-not-100').map((f) => f.declared);
    expect(weightTotal(filled.findings)).toEqual(['97']);
    expect(weightTotal(seed.findings)).toEqual([null]);
    const rest = (fs: Finding[]) => fs.filter((f) => f.code !== 'weight-total-not-100').map(key).sort();
    expect(rest(filled.findings)).toEqual(rest(seed.findings));
    expect(filled.findings.filter((f) => f.code === 'weight-total-not-100').map((f) => `${f.expected} ${f.path.at(-1)}`)).toEqual(
      seed.findings.filter((f) => f.code === 'weight-total-not-100').map((f) => `${f.expected} ${f.path.at(-1)}`),
    );
  });
});

describe('写回合计 on templates', () => {
  it.each(['project', 'department'] as const)('a blank %s template has nothing to write back (no 0 or 差 into its empty total and grade)', (kind) => {
    const t = buildTemplate({ kind });
    expect(planWriteBack([checkSheet(templateToSnapshot(t))])).toEqual([]);
  });

  it('the template filled with seed 002: the typed execution score is ticked, the total’s formula listed unticked', () => {
    const t = buildTemplate({ kind: 'project', rows: 4 });
    const plan = planWriteBack([checkSheet(templateToSnapshot(t, '自评表', seed002Inputs(t)))]);
    // H6 was typed over (7): a constant, ticked. The total is a live formula showing 94.5 = 87.5 + 7,
    // which the rules put at 92.16 (87.5 + 4.66): listed, but unticked because it holds a formula.
    expect(plan.map((p) => `${p.cell} ${p.displayOld}→${p.display} ${p.overwrite ? '☑' : '☐'}`)).toEqual([
      `${t.layout.funds!.score} 7→4.66 ☑`,
      `${t.layout.total.scoreCell} 94.5→92.16 ☐`,
    ]);
  });
});

/** Width in Excel's character units as the templates size columns: a CJK or full-width character counts two. */
const units = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);

// Seen in LibreOffice: a closing ） wrapped onto a line of its own, and 其中：当年财政拨款 cut off.
describe('template labels are laid out to fit (defects seen in LibreOffice)', () => {
  it('project: 项目资金 breaks before （万元）; the fund rows are as high as their labels need', () => {
    const t = buildTemplate({ kind: 'project' });
    const funds = t.layout.funds!.row;
    expect(at(t, toA1(funds - 1, 0))?.value).toBe('项目资金\n（万元）');
    expect(units('（万元）')).toBeLessThanOrEqual(t.columns[0]);
    ['年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金'].forEach((label, i) => {
      const lines = Math.ceil(units(label) / t.columns[1]);
      expect(t.rows[funds + i].height, label).toBeGreaterThanOrEqual(lines > 1 ? 30 : 22);
    });
  });

  it('department: every 二级 label and the usual 三级 names fit their columns on one line', () => {
    const t = buildTemplate({ kind: 'department' });
    const texts = templateFormulas(t);
    for (const s of t.layout.subtotals.filter((x) => x.path.length === 2)) expect(units(String(texts[s.row][1])), String(texts[s.row][1])).toBeLessThanOrEqual(t.columns[1]);
    for (const name of ['绩效目标合理性（2分）', '管理制度健全性（2分）', '在职人员控制率（5分）']) expect(units(name), name).toBeLessThanOrEqual(t.columns[2]);
  });
});
