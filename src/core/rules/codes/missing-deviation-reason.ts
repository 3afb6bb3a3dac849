/**
 * A score below its weight with no 偏差原因 filled in (docs/rules.md §Deviation reason). On a
 * department form without an explanation column only discretionary rubrics ask for one.
 */
import { D, constant, show, str } from '../../decimal.js';
import { pct, shown } from '../../compare.js';
import { toA1 } from '../../snapshot.js';
import { defineRule } from '../types.js';
import { ruleRows } from './scored-cells.js';

export const missingDeviationReason = defineRule({
  meta: {
    code: 'missing-deviation-reason',
    severity: 'warning',
    title: { zh: '缺少偏差原因', en: 'Missing deviation reason' },
    fix: { zh: '在偏差原因分析及改进措施栏写明扣分原因', en: 'Write the reason for the deduction in the deviation-reason column' },
    suggests: false,
    messages: {
      missing: {
        zh: '得分 {declared} 低于分值 {weight}，但未说明偏差原因',
        en: 'Score {declared} is below the weight {weight} but no reason is given',
      },
      over: {
        zh: '实际完成值“{actual}”达到目标“{target}”的 {share}（≥{threshold}），{pack}要求说明偏差原因，但未说明',
        en: 'The actual “{actual}” is {share} of the target “{target}” (≥{threshold}); {pack} asks for a reason, none is given',
      },
      execution: {
        zh: '预算执行率 {rate} 低于 {threshold}，{pack}要求说明原因：请核实表中已写明未执行原因',
        en: 'Budget execution {rate} is below {threshold}; {pack} asks for a reason: check that the form gives one',
      },
    },
  },
  check(ctx) {
    const explCol = ctx.form.columns.explanation;
    const rows = ruleRows(ctx.figures);
    // The indicators scored from 0 up to, not including, their weight.
    for (const { fig: declared, weight, indicator } of rows.belowWeight) {
      const { ind, evaluation } = indicator!;
      if (ind.explanation?.text.trim()) continue;
      const derivable = evaluation.method !== 'none' && evaluation.criteriaPattern !== 'discretionary';
      if (explCol === undefined && derivable) continue;
      ctx.report({
        messageId: 'missing',
        data: { declared: shown(declared), weight: show(weight) },
        cell: explCol !== undefined ? toA1(ind.row, explCol) : declared.cell,
        declared: str(declared.value),
        path: ind.path,
        inputs: { weight: str(weight)! },
        rule: ctx.rule('explanation'),
      });
    }
    const pack = ctx.pack.title.replace(/（.*$/, '');
    // A province that asks for a reason when the actual far exceeds the target (广西 130%).
    const at = ctx.pack.deviationReasonAt;
    if (at !== undefined) {
      const threshold = pct(constant(at), 0);
      for (const { ind, evaluation } of rows.overAchieving) {
        const share = evaluation.overAchievement!;
        if (share.lt(at) || !ind.actual || ind.explanation?.text.trim() || explCol === undefined) continue;
        ctx.report({
          messageId: 'over',
          data: { actual: ind.actual.text.trim(), target: ind.target?.text.trim() ?? '', share: pct(share, 0), threshold, pack },
          cell: toA1(ind.row, explCol),
          declared: ind.actual.text.trim(),
          path: ind.path,
          inputs: evaluation.inputs,
          rule: ctx.rule('deviationReasonAt'),
        });
      }
    }
    // A province that asks for a reason when execution falls short (四川 90%). The funds block has
    // no reason cell the recogniser reads, so this asks the user to check rather than asserting.
    const below = ctx.pack.execution.reasonBelow;
    const rate = ctx.figures.execution.rateForScore;
    const rateCell = ctx.form.funds?.rates[0]?.cell ?? ctx.form.funds?.executed?.cell;
    if (below !== undefined && rate && rate.lt(below) && rateCell) {
      ctx.report({
        messageId: 'execution',
        data: { rate: pct(rate), threshold: pct(new D(below), 0), pack },
        cell: rateCell,
        declared: str(rate),
        path: ['预算执行率'],
        inputs: { rate: str(rate)! },
        rule: ctx.rule('execution.reasonBelow'),
      });
    }
  },
});
