/**
 * ruleRows (codes/scored-cells.ts) sorts a form's rows once by the comparison that applies, and
 * each rule reads only its list. Every list must hold exactly the rows the rule's own test picked
 * when it walked all of them, in sheet order — for clean forms, forms with every kind of wrong
 * score, department rubrics and a big form.
 */
import { describe, expect, it } from 'vitest';
import { computeFigures, type FormFigures } from '../../../src/core/figures.js';
import { recognise } from '../../../src/core/recognise/recognise.js';
import { getPack } from '../../../src/core/rules/packs.js';
import { ruleRows, type ScoredCell } from '../../../src/core/rules/codes/scored-cells.js';
import type { SheetSnapshot } from '../../../src/core/snapshot.js';
import { department, project } from './forms.js';
import { bigSnapshot } from '../../../bench/big-form.js';

/** The cells as the score rules listed them before: execution score first, then each indicator with a score and a weight. */
function allCells(f: FormFigures) {
  const out: { fig: NonNullable<FormFigures['execution']['declared']>; weight: NonNullable<FormFigures['execution']['weight']>; expected: FormFigures['execution']['computed']; indicator: FormFigures['scored'][number] | null }[] = [];
  const { declared, weight, computed } = f.execution;
  if (declared && weight) out.push({ fig: declared, weight, expected: computed, indicator: null });
  for (const s of f.scored) if (s.ind.score && s.weight) out.push({ fig: s.ind.score, weight: s.weight, expected: s.evaluation.expected, indicator: s });
  return out;
}

const key = (c: { fig: { cell: string } }) => c.fig.cell;

/** How many rows each list held over all the forms checked: none may be left untested. */
const seen: Record<string, number> = {};

function check(snapshot: SheetSnapshot, rules: 'national' | 'sichuan' = 'national') {
  for (const form of recognise(snapshot)) {
    const f = computeFigures(form, getPack(rules));
    const rows = ruleRows(f);
    for (const [k, v] of Object.entries(rows)) seen[k] = (seen[k] ?? 0) + v.length;
    const cells = allCells(f);
    const inRange = (c: (typeof cells)[number]) => c.fig.value.gte(0) && c.fig.value.lte(c.weight);
    // Every cell is in at most one of the lists the score rules share.
    const filed = [...rows.negative, ...rows.aboveWeight, ...rows.withExpected, ...rows.withTier, ...rows.withAllowed];
    expect(new Set(filed.map((c: ScoredCell) => c.fig)).size).toBe(filed.length);
    expect(rows.negative.map(key)).toEqual(cells.filter((c) => c.fig.value.lt(0)).map(key));
    expect(rows.aboveWeight.map(key)).toEqual(cells.filter((c) => c.fig.value.gte(0) && c.fig.value.gt(c.weight)).map(key));
    expect(rows.withExpected.map(key)).toEqual(cells.filter((c) => inRange(c) && c.expected).map(key));
    const e = (c: (typeof cells)[number]) => c.indicator?.evaluation;
    expect(rows.withTier.map(key)).toEqual(cells.filter((c) => e(c)?.tier && !e(c)!.expected && inRange(c)).map(key));
    expect(rows.withAllowed.map(key)).toEqual(cells.filter((c) => e(c)?.allowed && !e(c)!.expected && !e(c)!.tier && inRange(c)).map(key));
    expect(rows.belowWeight.map(key)).toEqual(cells.filter((c) => c.indicator && c.fig.value.gte(0) && c.fig.value.lt(c.weight)).map(key));
    expect(rows.overAchieving).toEqual(f.scored.filter((s) => s.evaluation.overAchievement));
    expect(rows.notScoreable).toEqual(f.scored.filter((s) => s.evaluation.notScoreable));
    expect(rows.labelWeighted).toEqual(f.scored.filter((s) => s.ind.labelWeight));
    // Built once per form's figures.
    expect(ruleRows(f)).toBe(rows);
  }
}

describe('ruleRows', () => {
  it('holds the rows each rule picked, in sheet order', () => {
    check(project());
    check(
      project({
        0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 21],
        1: [null, '质量指标', '合格率', '≥95%', '96%', 20, -1],
        2: [null, '成本指标', '人均成本', '≤500元', '约480元', 10, 9],
        3: ['效益指标', '社会效益指标', '政策知晓率（30分）', '≥90%', '200%', 30, 25],
        4: ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '基本满意', 10, 10],
      }, { execScore: 20, total: 99 }),
    );
    check(project({ 4: ['满意度指标', '服务对象满意度指标', '学员满意度', '群众满意', '反映较好', 10, 3] }), 'sichuan');
    check(project({ 3: ['效益指标', '社会效益指标', '政策知晓率', '年底前完成', '已完成', 30, 0] }));
    check(
      department([
        ['履职效能', '目标完成', '重点工作', '完成年度重点工作', '全部完成得满分，每少一项扣1分', 10, 8.5],
        ['管理效率', '预算执行', '预算执行率', '预算执行率', '执行率×分值', 10, 9],
        ['管理效率', '资产管理', '资产管理规范性', '规范', '视情况酌情扣分', 5, 6],
      ]),
    );
    check(bigSnapshot(400));
    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
  });
});
