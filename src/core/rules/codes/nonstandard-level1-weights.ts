/**
 * Project level-1 weights other than the pack's standard (national: 产出 50, 效益 30, 满意度 10,
 * 预算执行率 10), and an execution block that is not scored separately (docs/rules.md §Level-1
 * weights). Indicator weights may be adjusted, so this is a warning.
 */
import { show, str } from '../../decimal.js';
import { defineRule } from '../types.js';

export const nonstandardLevel1Weights = defineRule({
  meta: {
    code: 'nonstandard-level1-weights',
    severity: 'warning',
    title: { zh: '一级指标分值非标准', en: 'Non-standard level-1 weights' },
    fix: { zh: '核实一级指标分值是否经批准调整；预算执行率分值不得调整', en: 'Check that the level-1 weights were changed with approval; budget execution may not be' },
    suggests: false,
    messages: {
      level1: {
        zh: '一级指标“{name}”分值合计 {weight}，标准为 {standard} 分（产出 {output}、效益 {benefit}、满意度 {satisfaction}、预算执行率 {execution}）',
        en: 'Level-1 “{name}” carries {weight} points; the standard is {standard}',
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
    const std = pack.project.level1Weights;
    for (const l of figures.level1) {
      if (l.weight.eq(l.standard)) continue;
      ctx.report({
        messageId: 'level1',
        data: {
          name: l.node.name,
          weight: show(l.weight),
          standard: l.standard,
          output: std['产出指标'],
          benefit: std['效益指标'],
          satisfaction: std['满意度指标'],
          execution: pack.project.executionWeight,
        },
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
      ctx.report({ ...common, messageId: 'execution', data: { weight: show(weight), standard }, cell: funds.weight.cell, declared: str(weight) });
    } else if (!weight && funds) {
      const cell = funds.weight?.cell ?? funds.rates[0]?.cell ?? funds.executed?.cell;
      if (cell) ctx.report({ ...common, messageId: 'executionMissing', data: { standard }, cell, declared: '0' });
    }
  },
});
