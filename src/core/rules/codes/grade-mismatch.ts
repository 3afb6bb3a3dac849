/**
 * A declared grade that is not the band of the recomputed total (docs/rules.md §Grades): the
 * bands the sheet states, else the pack's.
 */
import { show } from '../../decimal.js';
import { gradeMatches } from '../../compare.js';
import { defineRule } from '../types.js';

export const gradeMismatch = defineRule({
  meta: {
    code: 'grade-mismatch',
    severity: 'error',
    title: { zh: '等级与总分不符', en: 'Grade does not match the total' },
    fix: { zh: '把等级改为重算总分对应的等级（可用“写回合计”）', en: 'Set the grade to the band of the recomputed total (写回合计 does it)' },
    suggests: false,
    messages: {
      grade: {
        zh: '按重新计算的总分 {total}，等级应为“{expected}”（{scheme}），填报“{declared}”',
        en: 'With the recomputed total {total} the grade is “{expected}” ({scheme}), declared “{declared}”',
      },
    },
  },
  check(ctx) {
    const { scheme, computed, declared } = ctx.figures.grade;
    const cell = ctx.form.grade?.cell;
    if (!cell || !declared || gradeMatches(declared, computed, scheme)) return;
    const total = show(ctx.figures.totals.recomputed, ctx.figures.scoreDecimals);
    ctx.report({
      messageId: 'grade',
      data: { total, expected: computed, scheme: scheme.title, declared },
      cell,
      declared,
      expected: computed,
      path: ['等级'],
      inputs: { total },
      rule: ctx.rule(`grade.${scheme.id}`),
    });
  },
});
