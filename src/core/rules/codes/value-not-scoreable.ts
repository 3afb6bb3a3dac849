/**
 * A target and actual the rules cannot compare (a deadline target, text for a numeric target, a
 * status the actual does not state): not recomputed, said so (docs/rules.md §Reading values 8).
 */
import { str } from '../../decimal.js';
import { defineRule } from '../types.js';
import { ruleRows } from './scored-cells.js';

export const valueNotScoreable = defineRule({
  meta: {
    code: 'value-not-scoreable',
    severity: 'info',
    title: { zh: '无法核算', en: 'Not scoreable' },
    fix: { zh: '如需核算，把实际完成值写成可与目标比较的形式（数字或“已完成/未完成”）', en: 'To have it checked, write the actual so it compares with the target (a number, or done / not done)' },
    suggests: false,
    messages: {
      notScoreable: {
        zh: '无法核算本项得分：{reason}（目标“{target}”，实际“{actual}”）',
        en: 'Cannot recompute this score: {reason} (target “{target}”, actual “{actual}”)',
      },
    },
  },
  check(ctx) {
    for (const { ind, evaluation } of ruleRows(ctx.figures).notScoreable) {
      const declared = ind.score;
      if (!(declared || ind.target || ind.actual)) continue;
      const cell = ind.actual?.cell ?? ind.target?.cell ?? declared?.cell ?? ind.nameCell?.cell ?? null;
      if (!cell) continue;
      ctx.report({
        messageId: 'notScoreable',
        data: { reason: evaluation.notScoreable!, target: ind.target?.text.trim() ?? '', actual: ind.actual?.text.trim() ?? '' },
        cell,
        declared: declared ? str(declared.value) : null,
        path: ind.path,
        inputs: evaluation.inputs,
        rule: evaluation.rule,
      });
    }
  },
});
