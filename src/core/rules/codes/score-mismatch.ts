/**
 * A score that differs from the one the rules give exactly (docs/rules.md §Project scoring:
 * positive, negative, equality, yes/no, compound targets; §Execution rate: its score). An
 * approximate target or actual makes it `approximate-value-mismatch` instead.
 */
import { constant, gt, roundTo, show, str } from '../../decimal.js';
import { pct, scoreAgrees, shown } from '../../compare.js';
import { defineRule } from '../types.js';
import { explain } from '../../score/evaluate.js';
import { gradeFollowsScore } from './consequences.js';
import { methodName } from './method-names.js';
import { ruleRows } from './scored-cells.js';

export const scoreMismatch = defineRule({
  meta: {
    code: 'score-mismatch',
    severity: 'error',
    title: { zh: '得分与计分规则不符', en: 'Score differs from the rules' },
    fix: { zh: '把得分改为按规则计算的值，或更正目标/实际完成值', en: 'Write the score the rules give, or correct the target or actual' },
    suggests: true,
    messages: {
      indicator: {
        zh: '按{method}应得 {expected} 分（{detail}），填报 {declared} 分',
        en: 'The rules give {expected} ({detail}), declared {declared}',
      },
      execution: {
        zh: '预算执行率得分应为 {expected}（执行率 {rate} × 分值 {weight}），填报 {declared}',
        en: 'Execution score should be {expected} (rate {rate} × weight {weight}), declared {declared}',
      },
      executionCapped: {
        zh: '预算执行率得分应为 {expected}（执行率 {rate} × 分值 {weight}，以满分为限），填报 {declared}',
        en: 'Execution score should be {expected} (rate {rate} × weight {weight}), declared {declared}',
      },
    },
    explains: [gradeFollowsScore],
  },
  check(ctx) {
    const { pack, figures } = ctx;
    const dp = figures.scoreDecimals;
    // Each report is one literal (no `{ ...common }` spread): a big form has a finding every few rows.
    // The cells within [0, weight] that the rules give one score.
    for (const c of ruleRows(figures).withExpected) {
      if (scoreAgrees(pack, c.fig, c.expected!)) continue;
      if (!c.indicator) {
        const expected = show(c.expected!, dp);
        const rate = figures.execution.rateForScore!;
        ctx.report({
          cell: c.fig.cell,
          declared: str(c.fig.value),
          expected,
          path: c.path,
          suggest: expected,
          messageId: gt(rate, constant(pack.execution.cap)) ? 'executionCapped' : 'execution',
          data: { expected, rate: pct(rate), weight: show(c.weight, dp), declared: shown(c.fig) },
          inputs: { rate: str(roundTo(rate, 6))!, weight: str(c.weight)! },
          rule: ctx.rule('execution.score'),
        });
        continue;
      }
      const e = c.indicator.evaluation;
      if (e.approximate) continue;
      const expected = show(c.expected!, dp);
      // What `shown` prints: a cell's number is never null.
      const declared = str(c.fig.value)!;
      ctx.report({
        cell: c.fig.cell,
        declared,
        expected,
        path: c.path,
        suggest: expected,
        messageId: 'indicator',
        data: { method: methodName(e), expected, detail: explain(e.detail) ?? '', declared },
        inputs: e.inputs,
        rule: e.rule,
      });
    }
  },
});
