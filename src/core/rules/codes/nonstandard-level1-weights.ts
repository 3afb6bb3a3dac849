/**
 * Project level-1 weights other than the pack's standard (national: 产出 50, 效益 30, 满意度 10,
 * 预算执行率 10), and an execution block that is not scored separately (docs/rules.md §Level-1
 * weights). Indicator weights may be adjusted, so this is a warning.
 */
import { show, str } from '../../decimal.js';
import { defineRule } from '../types.js';
import type { RulePack } from '../packs/types.js';

/** “产出 50、效益 30、满意度 10、预算执行率 10”, with the pack's groups (“效益+满意度 40”). */
function standardSplit(pack: RulePack): string {
  const short = (name: string) => name.replace(/指标$/, '');
  const groups = pack.project.level1Combined ?? [];
  const inGroup = new Set(groups.flatMap((g) => g.levels));
  const parts = Object.entries(pack.project.level1Weights)
    .filter(([name]) => !inGroup.has(name))
    .map(([name, w]) => `${short(name)} ${w}`);
  for (const g of groups) parts.push(`${g.levels.map(short).join('+')} ${g.weight}`);
  return [...parts, `预算执行率 ${pack.project.executionWeight}`].join('、');
}

export const nonstandardLevel1Weights = defineRule({
  meta: {
    code: 'nonstandard-level1-weights',
    severity: 'warning',
    title: { zh: '一级指标分值非标准', en: 'Non-standard level-1 weights' },
    fix: { zh: '核实一级指标分值是否经批准调整；预算执行率分值不得调整', en: 'Check that the level-1 weights were changed with approval; the budget-execution weight may not change' },
    suggests: false,
    messages: {
      level1: {
        zh: '一级指标“{name}”分值合计 {weight}，标准为 {standard} 分（{split}）',
        en: 'Level-1 “{name}” carries {weight} points; the standard is {standard}',
      },
      executionFixed: {
        zh: '预算执行率分值 {weight}，{pack}规定为 {standard} 分，不得调整',
        en: 'Budget execution carries {weight} points; {pack} fixes it at {standard}',
      },
      execution: {
        zh: '预算执行率分值 {weight}，标准为 {standard} 分，且不得调整',
        en: 'Budget execution carries {weight} points; the standard is {standard} and may not be changed',
      },
      executionMissing: {
        zh: '预算执行率未单独计分，标准为 {standard} 分',
        en: 'Budget execution is not scored separately; the standard is {standard} points',
      },
    },
  },
  check(ctx) {
    const { form, pack, figures } = ctx;
    if (form.kind !== 'project') return;
    const split = standardSplit(pack);
    for (const l of figures.level1) {
      if (l.weight.eq(l.standard)) continue;
      ctx.report({
        messageId: 'level1',
        data: { name: l.name, weight: show(l.weight), standard: l.standard, split },
        cell: l.cell,
        declared: str(l.weight),
        expected: l.standard,
        path: [l.node.name],
        rule: ctx.rule('weights.level1'),
      });
    }
    const funds = form.funds;
    const { weight, standardWeight } = figures.execution;
    const standard = show(standardWeight);
    const common = { expected: str(standardWeight), path: ['预算执行率'], rule: ctx.rule('weights.execution') };
    if (weight && !weight.eq(standardWeight) && funds?.weight) {
      const fixed = pack.project.executionWeightFixed === true;
      ctx.report({
        ...common,
        messageId: fixed ? 'executionFixed' : 'execution',
        data: { weight: show(weight), standard, pack: pack.title.replace(/（.*$/, '') },
        cell: funds.weight.cell,
        declared: str(weight),
      });
    } else if (!weight && funds) {
      const cell = funds.weight?.cell ?? funds.rates[0]?.cell ?? funds.executed?.cell;
      // No weight was declared: the cell it points to holds none (or something else), so no figure.
      if (cell) ctx.report({ ...common, messageId: 'executionMissing', data: { standard }, cell, declared: null });
    }
  },
});
