/**
 * Consequences several rule modules declare (docs/rules.md §Root causes), kept in one place so
 * the score rules share them.
 */
import { D, roundTo } from '../../decimal.js';
import { gradeMatches } from '../../compare.js';
import { gradeOf } from '../../figures.js';
import type { Consequence } from '../types.js';

/**
 * A declared grade that is the band of the declared total: it is wrong only because a score is,
 * and the grade of the recomputed total is what fixing that score leads to.
 */
export const gradeFollowsScore: Consequence = {
  code: 'grade-mismatch',
  when: (_root, c, figures) => {
    const { declared, scheme } = figures.grade;
    if (!declared) return false;
    return gradeMatches(declared, gradeOf(roundTo(figures.totals.sum, figures.scoreDecimals), scheme), scheme) && c.declared === declared;
  },
  fix: 'keep',
};

/**
 * The execution score that is the declared rate × weight: it follows the wrong rate, and the score
 * it is asked for is the right rate's.
 */
export const executionScoreFollowsRate: Consequence = {
  code: 'score-mismatch',
  when: (root, c, figures) => {
    const { declared, weight } = figures.execution;
    if (c.path[0] !== '预算执行率' || !declared || !weight || root.declared === null) return false;
    const fromDeclaredRate = roundTo(new D(root.declared).mul(weight), Math.max(declared.decimals, figures.scoreDecimals));
    return fromDeclaredRate.eq(roundTo(declared.value, Math.max(declared.decimals, figures.scoreDecimals)));
  },
  fix: 'keep',
};
