/** A declared level subtotal that differs from the sum of its rows (docs/rules.md §Totals). */
import { show, str } from '../../decimal.js';
import { scoreAgrees, shown } from '../../compare.js';
import { defineRule } from '../types.js';

export const subtotalMismatch = defineRule({
  meta: {
    code: 'subtotal-mismatch',
    severity: 'error',
    title: { zh: '小计与下级得分之和不符', en: 'Subtotal differs from its rows' },
    fix: { zh: '把小计改为下级得分之和（可用“写回合计”）', en: 'Set the subtotal to the sum of its rows (写回合计 does it)' },
    suggests: false,
    messages: {
      subtotal: {
        zh: '“{name}”小计 {declared} 与下级得分之和 {sum} 不符',
        en: '“{name}” subtotal {declared} differs from the sum of its rows {sum}',
      },
    },
  },
  check(ctx) {
    const dp = ctx.figures.scoreDecimals;
    for (const l of ctx.figures.levels) {
      const fig = l.declaredScore;
      if (!fig || scoreAgrees(ctx.pack, fig, l.childScoreSum)) continue;
      const sum = show(l.childScoreSum, dp);
      ctx.report({
        messageId: 'subtotal',
        data: { name: l.node.name, declared: shown(fig), sum },
        cell: fig.cell,
        declared: str(fig.value),
        expected: sum,
        path: l.path,
        rule: ctx.rule('totals.level-score'),
      });
    }
  },
});
