/** A score below 0 (docs/rules.md §Cap): the minimum is 0. */
import { str } from '../../decimal.js';
import { shown } from '../../compare.js';
import { defineRule } from '../types.js';
import { gradeFollowsScore } from './consequences.js';
import { ruleRows } from './scored-cells.js';

export const scoreNegative = defineRule({
  meta: {
    code: 'score-negative',
    severity: 'error',
    title: { zh: '得分为负', en: 'Negative score' },
    fix: { zh: '把得分改为 0 或按规则重算的正数', en: 'Change the score to 0 or the positive value the rules give' },
    suggests: true,
    messages: {
      negative: { zh: '得分 {declared} 为负数，得分最低为 0', en: 'Score {declared} is negative; the minimum is 0' },
    },
    explains: [gradeFollowsScore],
  },
  check(ctx) {
    for (const c of ruleRows(ctx.figures).negative) {
      ctx.report({
        messageId: 'negative',
        data: { declared: shown(c.fig) },
        cell: c.fig.cell,
        declared: str(c.fig.value),
        expected: '0',
        path: c.path,
        rule: ctx.rule('cap'),
        suggest: '0',
      });
    }
  },
});
