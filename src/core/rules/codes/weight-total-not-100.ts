/**
 * Weights (execution block included) that do not add to the pack's total, 100 (docs/rules.md
 * §Level-1 weights). The root cause of the total row's weight mismatch and, when the 总分 leaves the
 * execution block out, of the total mismatch (§Root causes): an execution block on top of
 * indicators that already add to 100 is said once, here.
 *
 * Where: when the total row already declares the pack's total, that cell is right and the rows
 * are not — the finding goes to the weight column's header and asks for the indicators' sum the
 * total leaves them; otherwise to the total row's weight.
 */
import { D, roundTo, show, str } from '../../decimal.js';
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
      rows: {
        zh: '指标分值合计 {indicators}，应为 {expected}：总分值 {target} 无误，请调整指标分值',
        en: 'Indicator weights add to {indicators}, not {expected}: the total weight {target} is right, adjust the indicators',
      },
      rowsWithExecution: {
        zh: '指标分值合计 {indicators}，加预算执行率 {execution} 分共 {total}，超出总分值 {target}：预算执行率分值不得调整，请把指标分值调整为合计 {expected}',
        en: 'Indicator weights add to {indicators}, plus {execution} for budget execution {total}, over the total {target}: adjust the indicators to add to {expected}',
      },
    },
    explains: [
      // The total row's weight against the rows' sum: its “set it to the sum” would undo this fix.
      { code: 'weight-subtotal-mismatch', when: (_root, c) => c.path[0] === '总分', fix: 'withdraw' },
      // A 总分 that counts only the indicators (execution block on top): raising it to the sum
      // would exceed the total weight.
      {
        code: 'total-mismatch',
        when: (_root, c, figures) => {
          const exec = figures.execution.declared;
          if (!exec || c.declared === null || !exec.value.gt(0)) return false;
          return new D(c.declared).eq(roundTo(figures.totals.sum.minus(exec.value), figures.scoreDecimals));
        },
        fix: 'withdraw',
      },
      // A level-1 weight above (below) its standard when the weights add to more (less) than the
      // total: the same surplus, and its fix (back to the standard) is part of this one.
      {
        code: 'nonstandard-level1-weights',
        when: (_root, c, figures) =>
          c.path[0] !== '预算执行率' && c.declared !== null && c.expected !== null &&
          new D(c.declared).cmp(c.expected) === figures.totals.weight.cmp(figures.totals.weightTarget),
        fix: 'keep',
      },
    ],
  },
  check(ctx) {
    const { figures, form, pack } = ctx;
    const { weight, weightTarget, weightTotalCell, weightCells } = figures.totals;
    if (pack.project.checkWeightSum === false) return;
    if (!figures.indicators.length || weight.eq(weightTarget) || !weightTotalCell || !figures.indicatorWeightSum.gt(0)) return;
    const execution = figures.execution.weight;
    const totalIsRight = weightCells.length > 0 && weightCells.every((w) => w.value.eq(weightTarget));
    const header = form.headerCells.weight?.cell ?? null;
    // `declared` is what the flagged cell declares: a total weight cell's value; null for an empty
    // total cell and for the column header (the sums are in the message).
    const declaredAt = (cell: string) => str(weightCells.find((w) => w.cell === cell)?.value ?? null);
    const data = {
      total: show(weight),
      indicators: show(figures.indicatorWeightSum),
      execution: execution ? show(execution) : '',
      target: show(weightTarget),
    };
    if (totalIsRight && header) {
      const expected = weightTarget.minus(execution ?? 0);
      ctx.report({
        messageId: execution ? 'rowsWithExecution' : 'rows',
        data: { ...data, expected: show(expected) },
        cell: header,
        declared: declaredAt(header),
        expected: str(expected),
        path: ['总分'],
        rule: ctx.rule('totals.weight'),
      });
      return;
    }
    ctx.report({
      messageId: execution ? 'totalWithExecution' : 'total',
      data,
      cell: weightTotalCell,
      declared: declaredAt(weightTotalCell),
      expected: str(weightTarget),
      path: ['总分'],
      rule: ctx.rule('totals.weight'),
    });
  },
});
