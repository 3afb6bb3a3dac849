/**
 * A department score that none of the values its 评价标准 text allows matches (docs/rules.md
 * §Department scoring): checklist, binary, band table, stepwise, per-unit deduction, ….
 */
import { type Dec, show, str } from '../../decimal.js';
import { shown } from '../../compare.js';
import { describeAllowed, isAllowed, nearestAllowed } from '../../criteria.js';
import { defineRule } from '../types.js';
import { gradeFollowsScore } from './consequences.js';
import { inRange, scoredCells } from './scored-cells.js';

export const scoreNotAllowedByCriteria = defineRule({
  meta: {
    code: 'score-not-allowed-by-criteria',
    severity: 'error',
    title: { zh: '评价标准不允许该得分', en: 'Score not allowed by the criteria' },
    fix: { zh: '把得分改为评价标准允许的值之一（通常是最接近的较低值）', en: 'Change the score to one the criteria allow (usually the nearest one below)' },
    suggests: true,
    messages: {
      notAllowed: {
        zh: '评价标准（{criteria}）允许的得分为 {allowed}，填报 {declared} 分不在其中',
        en: 'The criteria ({criteria}) allow {allowed}; {declared} is not one of them',
      },
      notAllowedNearest: {
        zh: '评价标准（{criteria}）允许的得分为 {allowed}，填报 {declared} 分不在其中；最接近的是 {nearest}',
        en: 'The criteria ({criteria}) allow {allowed}; {declared} is not one of them; nearest: {nearest}',
      },
    },
    explains: [gradeFollowsScore],
  },
  check(ctx) {
    const dp = ctx.figures.scoreDecimals;
    for (const c of scoredCells(ctx.figures)) {
      const e = c.indicator?.evaluation;
      if (!e?.allowed || e.expected || e.tier || !inRange(c)) continue;
      const v = c.fig.value;
      if (isAllowed(e.allowed, v, Math.max(c.fig.decimals, dp))) continue;
      const near = nearestAllowed(e.allowed, v);
      const suggestion = near.below ?? near.above;
      const nearest = [near.below, near.above].filter((x): x is Dec => x !== null).map((x) => show(x, dp));
      const expected = suggestion ? show(suggestion, dp) : null;
      ctx.report({
        messageId: nearest.length ? 'notAllowedNearest' : 'notAllowed',
        data: {
          criteria: e.criteriaSummary ?? '',
          allowed: { zh: describeAllowed(e.allowed, 'zh'), en: describeAllowed(e.allowed, 'en') },
          declared: shown(c.fig),
          nearest: { zh: nearest.join(' 或 '), en: nearest.join(' or ') },
        },
        cell: c.fig.cell,
        declared: str(v),
        expected,
        path: c.path,
        inputs: e.inputs,
        rule: e.rule,
        suggest: expected,
      });
    }
  },
});
