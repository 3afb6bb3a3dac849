/**
 * A declared total that differs from the sum of the declared scores, execution score included —
 * also when the funds row's 得分 holds the total (seed 003) (docs/rules.md §Totals).
 */
import { show, str } from '../../decimal.js';
import { scoreAgrees, shown } from '../../compare.js';
import { defineRule } from '../types.js';

export const totalMismatch = defineRule({
  meta: {
    code: 'total-mismatch',
    severity: 'error',
    title: { zh: '总分与各项得分之和不符', en: 'Total differs from the sum of scores' },
    fix: { zh: '把总分改为各项得分之和（可用“写回合计”）', en: 'Set the total to the sum of the scores (写回合计 does it)' },
    suggests: false,
    messages: {
      total: { zh: '总分 {declared} 与各项得分之和 {sum} 不符', en: 'Total {declared} differs from the sum of the scores {sum}' },
    },
  },
  check(ctx) {
    const { sum, scoreCells } = ctx.figures.totals;
    const expected = show(sum, ctx.figures.scoreDecimals);
    for (const t of scoreCells) {
      if (scoreAgrees(ctx.pack, t, sum)) continue;
      ctx.report({
        messageId: 'total',
        data: { declared: shown(t), sum: expected },
        cell: t.cell,
        declared: str(t.value),
        expected,
        path: ['总分'],
        rule: ctx.rule('totals.total'),
      });
    }
  },
});
