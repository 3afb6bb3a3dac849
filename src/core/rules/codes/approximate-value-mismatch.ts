/**
 * A score that differs from the literal reading of an approximate target or actual (“10000余件”,
 * “近300期”): the rules leave room, so a warning to review (docs/rules.md §Reading values 6).
 */
import { show, str } from '../../decimal.js';
import { scoreAgrees, shown } from '../../compare.js';
import { defineRule } from '../types.js';
import { explain } from '../../score/evaluate.js';
import { methodName } from './method-names.js';
import { ruleRows } from './scored-cells.js';

export const approximateValueMismatch = defineRule({
  meta: {
    code: 'approximate-value-mismatch',
    severity: 'warning',
    title: { zh: '约数下得分可能不符', en: 'Score may differ (approximate values)' },
    fix: { zh: '核实目标与实际的确切数值，再按规则确认得分', en: 'Check the exact target and actual, then confirm the score' },
    suggests: true,
    messages: {
      approximate: {
        zh: '按{method}应得 {expected} 分（{detail}），填报 {declared} 分；目标或实际为约数，请人工复核',
        en: 'The rules give {expected} ({detail}), declared {declared}; approximate values, please review',
      },
    },
  },
  check(ctx) {
    const dp = ctx.figures.scoreDecimals;
    // The cells within [0, weight] that the rules give one score.
    for (const c of ruleRows(ctx.figures).withExpected) {
      const e = c.indicator?.evaluation;
      if (!e?.approximate || scoreAgrees(ctx.pack, c.fig, c.expected!)) continue;
      const expected = show(c.expected!, dp);
      ctx.report({
        messageId: 'approximate',
        data: { method: methodName(e), expected, detail: explain(e.detail) ?? '', declared: shown(c.fig) },
        cell: c.fig.cell,
        declared: str(c.fig.value),
        expected,
        path: c.path,
        inputs: e.inputs,
        rule: e.rule,
        suggest: expected,
      });
    }
  },
});
