/**
 * A declared weight that differs from the sum of the weights below it: a level's (label or
 * subtotal row) and the total row's (docs/rules.md §Totals).
 */
import { show, str } from '../../decimal.js';
import { defineRule } from '../types.js';

export const weightSubtotalMismatch = defineRule({
  meta: {
    code: 'weight-subtotal-mismatch',
    severity: 'error',
    title: { zh: '分值与下级分值之和不符', en: 'Level weight differs from its rows' },
    fix: { zh: '把该分值改为下级分值之和，或调整下级分值', en: 'Set this weight to the sum of the weights below, or adjust those' },
    suggests: false,
    messages: {
      level: {
        zh: '“{name}”的分值 {declared} 与下级分值之和 {sum} 不符',
        en: '“{name}” weight {declared} differs from the sum of its rows {sum}',
      },
      total: {
        zh: '总分值填报 {declared}，各项分值之和为 {sum}',
        en: 'Total weight declared {declared}, the rows add to {sum}',
      },
    },
  },
  check(ctx) {
    const { figures } = ctx;
    for (const l of figures.levels) {
      const declared = l.declaredWeight;
      const children = l.childWeightSum;
      if (!declared || !children || declared.eq(children) || !l.weightCell) continue;
      ctx.report({
        messageId: 'level',
        data: { name: l.node.name, declared: show(declared), sum: show(children) },
        cell: l.weightCell,
        declared: str(declared),
        expected: str(children),
        path: l.path,
        rule: ctx.rule('totals.level-weight'),
      });
    }
    const total = figures.totals.weight;
    for (const w of figures.totals.weightCells) {
      if (w.value.eq(total) || !total.gt(0)) continue;
      ctx.report({
        messageId: 'total',
        data: { declared: show(w.value), sum: show(total) },
        cell: w.cell,
        declared: str(w.value),
        expected: str(total),
        path: ['总分'],
        rule: ctx.rule('totals.weight'),
      });
    }
  },
});
