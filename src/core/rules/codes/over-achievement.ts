/**
 * A positive indicator whose actual reaches the pack's threshold (national: 120%) of its target:
 * the target may have been set too low (docs/rules.md §Over-achievement). A warning to review.
 */
import { constant } from '../../decimal.js';
import { pct } from '../../compare.js';
import { defineRule } from '../types.js';
import { ruleRows } from './scored-cells.js';

export const overAchievement = defineRule({
  meta: {
    code: 'over-achievement',
    severity: 'warning',
    title: { zh: '超额完成，目标可能偏低', en: 'Over-achievement: target may be too low' },
    fix: { zh: '核实年度指标值是否设置偏低，并在偏差原因栏说明', en: 'Check whether the target was set too low and explain it in the deviation column' },
    suggests: false,
    messages: {
      over: {
        zh: '实际完成值“{actual}”达到目标“{target}”的 {share}（≥{threshold}），请核实目标是否设置偏低',
        en: 'The actual “{actual}” is {share} of the target “{target}”; check whether the target was set too low',
      },
    },
  },
  check(ctx) {
    // The pack's threshold, printed once for all its findings.
    const threshold = pct(constant(ctx.pack.overAchievement), 0);
    for (const { ind, evaluation } of ruleRows(ctx.figures).overAchieving) {
      if (!ind.actual) continue;
      ctx.report({
        messageId: 'over',
        data: {
          actual: ind.actual.text.trim(),
          target: ind.target?.text.trim() ?? '',
          share: pct(evaluation.overAchievement!, 0),
          threshold,
        },
        cell: ind.actual.cell,
        declared: ind.actual.text.trim(),
        path: ind.path,
        inputs: evaluation.inputs,
        rule: ctx.rule('project.over-achievement'),
      });
    }
  },
});
