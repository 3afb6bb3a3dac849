/**
 * A department score that none of the values its 评价标准 text allows matches (docs/rules.md
 * §Department scoring): checklist, binary, band table, stepwise, per-unit deduction, ….
 */
import { show, str } from '../../decimal.js';
import { shown } from '../../compare.js';
import { describeAllowed, isAllowed, nearestAllowed } from '../../criteria.js';
import { defineRule } from '../types.js';
import { gradeFollowsScore } from './consequences.js';
import { ruleRows } from './scored-cells.js';

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
      // {nearest} is the value the suggestion writes, said with which neighbour it is.
      notAllowedNearest: {
        zh: '评价标准（{criteria}）允许的得分为 {allowed}，填报 {declared} 分不在其中；应为{nearest}',
        en: 'The criteria ({criteria}) allow {allowed}; {declared} is not one of them; it should be {nearest}',
      },
    },
    explains: [gradeFollowsScore],
  },
  check(ctx) {
    const dp = ctx.figures.scoreDecimals;
    // The indicators within [0, weight] whose rubric allows some scores, with neither one score nor a band.
    for (const c of ruleRows(ctx.figures).withAllowed) {
      const e = c.indicator!.evaluation;
      const allowed = e.allowed!;
      const v = c.fig.value;
      if (isAllowed(allowed, v, Math.max(c.fig.decimals, dp))) continue;
      const near = nearestAllowed(allowed, v);
      // The nearest allowed score not above the declared one (a rubric deducts), else the nearest above.
      const suggestion = near.below ?? near.above;
      const expected = suggestion ? show(suggestion, dp) : null;
      const nearest =
        expected === null
          ? ''
          : near.below
            ? { zh: `不高于填报值的最接近允许值 ${expected}`, en: `the nearest allowed value not above it, ${expected}` }
            : { zh: `最接近的允许值 ${expected}`, en: `the nearest allowed value, ${expected}` };
      ctx.report({
        messageId: expected !== null ? 'notAllowedNearest' : 'notAllowed',
        data: {
          criteria: e.criteriaSummary ?? '',
          allowed: { zh: describeAllowed(allowed, 'zh'), en: describeAllowed(allowed, 'en') },
          declared: shown(c.fig),
          nearest,
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
