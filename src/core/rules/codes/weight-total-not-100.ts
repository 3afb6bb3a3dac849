/**
 * Weights (execution block included) that do not add to the pack's total, 100 (docs/rules.md
 * §Level-1 weights). This is the root cause when an execution block sits on top of 100: the
 * total row's weight then follows from it.
 */
import { show, str } from '../../decimal.js';
import { defineRule } from '../types.js';

export const weightTotalNot100 = defineRule({
  meta: {
    code: 'weight-total-not-100',
    severity: 'error',
    title: { zh: '分值合计不是 100', en: 'Weights do not add to 100' },
    fix: { zh: '调整各项分值，使指标分值与预算执行率分值合计为 100', en: 'Adjust the weights so indicators plus budget execution add to 100' },
    suggests: false,
    messages: {
      total: { zh: '各项分值合计为 {total}，应为 {target}', en: 'Weights add to {total}, not {target}' },
      totalWithExecution: {
        zh: '各项分值合计为 {total}（指标 {indicators} + 预算执行率 {execution}），应为 {target}',
        en: 'Weights add to {total}, not {target}',
      },
    },
  },
  check(ctx) {
    const { figures } = ctx;
    const { weight, weightTarget, weightTotalCell } = figures.totals;
    if (!figures.indicators.length || weight.eq(weightTarget) || !weightTotalCell || !figures.indicatorWeightSum.gt(0)) return;
    const execution = figures.execution.weight;
    ctx.report({
      messageId: execution ? 'totalWithExecution' : 'total',
      data: {
        total: show(weight),
        indicators: show(figures.indicatorWeightSum),
        execution: execution ? show(execution) : '',
        target: show(weightTarget),
      },
      cell: weightTotalCell,
      declared: str(weight),
      expected: str(weightTarget),
      path: ['总分'],
      rule: ctx.rule('totals.weight'),
    });
  },
});
