/**
 * A score below its weight with no 偏差原因 filled in (docs/rules.md §Deviation reason). On a
 * department form without an explanation column only discretionary rubrics ask for one.
 */
import { show, str } from '../../decimal.js';
import { shown } from '../../compare.js';
import { toA1 } from '../../snapshot.js';
import { defineRule } from '../types.js';

export const missingDeviationReason = defineRule({
  meta: {
    code: 'missing-deviation-reason',
    severity: 'warning',
    title: { zh: '缺少偏差原因', en: 'Missing deviation reason' },
    fix: { zh: '在偏差原因分析及改进措施栏写明扣分原因', en: 'Write the reason for the deduction in the deviation-reason column' },
    suggests: false,
    messages: {
      missing: {
        zh: '得分 {declared} 低于分值 {weight}，但未说明偏差原因',
        en: 'Score {declared} is below the weight {weight} but no reason is given',
      },
    },
  },
  check(ctx) {
    const explCol = ctx.form.columns.explanation;
    for (const { ind, weight, evaluation } of ctx.figures.scored) {
      const declared = ind.score;
      if (!declared || !weight || !declared.value.lt(weight) || !declared.value.gte(0)) continue;
      if (ind.explanation?.text.trim()) continue;
      const derivable = evaluation.method !== 'none' && evaluation.criteriaPattern !== 'discretionary';
      if (explCol === undefined && derivable) continue;
      ctx.report({
        messageId: 'missing',
        data: { declared: shown(declared), weight: show(weight) },
        cell: explCol !== undefined ? toA1(ind.row, explCol) : declared.cell,
        declared: str(declared.value),
        path: ind.path,
        inputs: { weight: str(weight)! },
        rule: ctx.rule('explanation'),
      });
    }
  },
});
