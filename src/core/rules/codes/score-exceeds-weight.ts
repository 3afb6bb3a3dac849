/** A score above its weight (docs/rules.md §Cap): the maximum is the weight. */
import { min, show, str } from '../../decimal.js';
import { shown } from '../../compare.js';
import { defineRule } from '../types.js';
import { gradeFollowsScore } from './consequences.js';
import { ruleRows } from './scored-cells.js';

export const scoreExceedsWeight = defineRule({
  meta: {
    code: 'score-exceeds-weight',
    severity: 'error',
    title: { zh: '得分超过分值', en: 'Score exceeds weight' },
    fix: { zh: '把得分改为不超过分值的数（按规则重算的值）', en: 'Lower the score to at most the weight (the value the rules give)' },
    suggests: true,
    messages: {
      exceeds: {
        zh: '得分 {declared} 超过分值 {weight}，最高只能得 {weight} 分',
        en: 'Score {declared} exceeds the weight {weight}',
      },
      exceedsWithExpected: {
        zh: '得分 {declared} 超过分值 {weight}，最高只能得 {weight} 分；按规则应为 {expected}',
        en: 'Score {declared} exceeds the weight {weight}; the rules give {expected}',
      },
    },
    explains: [gradeFollowsScore],
  },
  check(ctx) {
    const dp = ctx.figures.scoreDecimals;
    // The cells scored 0 or more and above their weight.
    for (const c of ruleRows(ctx.figures).aboveWeight) {
      const expected = show(c.expected ? min(c.expected, c.weight) : c.weight, dp);
      ctx.report({
        messageId: c.expected ? 'exceedsWithExpected' : 'exceeds',
        data: { declared: shown(c.fig), weight: show(c.weight, dp), expected },
        cell: c.fig.cell,
        declared: str(c.fig.value),
        expected,
        path: c.path,
        inputs: { weight: str(c.weight)! },
        rule: ctx.rule('cap'),
        suggest: expected,
      });
    }
  },
});
