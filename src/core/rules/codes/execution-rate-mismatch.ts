/**
 * A declared execution rate that differs from 执行数 ÷ 预算数 at the precision it is written in
 * (67% agrees with 66.55%) (docs/rules.md §Execution rate).
 */
import { show, str } from '../../decimal.js';
import { pct, rateAgrees, rateDecimals } from '../../compare.js';
import { defineRule } from '../types.js';
import { executionScoreFollowsRate } from './consequences.js';

export const executionRateMismatch = defineRule({
  meta: {
    code: 'execution-rate-mismatch',
    severity: 'error',
    title: { zh: '执行率计算有误', en: 'Execution rate miscalculated' },
    fix: { zh: '把执行率改为 执行数 ÷ 预算数（可用“写回合计”），或更正预算数/执行数', en: 'Set the rate to executed ÷ budget (写回合计 does it), or correct those figures' },
    suggests: false,
    messages: {
      rate: {
        zh: '执行率填报 {declared}，按 执行数 {executed} ÷ 预算数 {budget} 计算应为 {expected}',
        en: 'Execution rate declared {declared}; executed {executed} ÷ budget {budget} gives {expected}',
      },
    },
    explains: [executionScoreFollowsRate],
  },
  check(ctx) {
    const rate = ctx.figures.execution.rate;
    const funds = ctx.form.funds;
    if (!rate || !funds?.budget || !funds.executed) return;
    for (const r of funds.rates) {
      if (rateAgrees(ctx.pack, r, rate)) continue;
      const dp = rateDecimals(ctx.pack, r);
      ctx.report({
        messageId: 'rate',
        data: {
          declared: r.text.trim(),
          executed: show(funds.executed.value, 6),
          budget: show(funds.budget.value, 6),
          expected: pct(rate, Math.max(dp - 2, 0)),
        },
        cell: r.cell,
        declared: str(r.value),
        expected: show(rate, dp),
        path: ['预算执行率'],
        inputs: { budget: str(funds.budget.value)!, executed: str(funds.executed.value)! },
        rule: ctx.rule('execution.rate'),
      });
    }
  },
});
