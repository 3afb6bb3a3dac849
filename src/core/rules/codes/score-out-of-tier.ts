/**
 * A qualitative score outside the tier its actual implies (docs/rules.md §Qualitative tiers):
 * 达成 80%–100%, 部分达成 60%–80%, 未达成 below 60% of the weight in the national pack.
 */
import { D, gt, gte, lt, lte, show, str } from '../../decimal.js';
import { pct, shown } from '../../compare.js';
import { defineRule } from '../types.js';
import { gradeFollowsScore } from './consequences.js';
import { ruleRows } from './scored-cells.js';

export const scoreOutOfTier = defineRule({
  meta: {
    code: 'score-out-of-tier',
    severity: 'error',
    title: { zh: '定性得分超出档次', en: 'Qualitative score outside its tier' },
    fix: { zh: '把得分改到实际完成情况对应档次的区间内，或更正实际完成值', en: 'Move the score into the tier the actual implies, or correct the actual' },
    suggests: true,
    messages: {
      outOfTier: {
        zh: '实际完成值“{actual}”属于“{tier}”档，得分应在 {range} 之间（分值 {weight} 的 {low}–{high}），填报 {declared} 分',
        en: 'The actual “{actual}” puts it in the “{tier}” tier: the score should be {min}–{max}, declared {declared}',
      },
    },
    explains: [gradeFollowsScore],
  },
  check(ctx) {
    const dp = ctx.figures.scoreDecimals;
    // The indicators within [0, weight] that the rules give a band.
    for (const c of ruleRows(ctx.figures).withTier) {
      const e = c.indicator!.evaluation;
      if (e.certainty === 'guessed') continue;
      const { tier, min: lo, max: hi } = e.tier!;
      const v = c.fig.value;
      const inside = (tier.minInclusive ? gte(v, lo) : gt(v, lo)) && (tier.maxInclusive ? lte(v, hi) : lt(v, hi));
      if (inside) continue;
      const range = `${show(lo, dp)}${tier.minInclusive ? '（含）' : ''}–${show(hi, dp)}${tier.maxInclusive ? '（含）' : '（不含）'}`;
      const expected = show(lt(v, lo) ? lo : hi, dp);
      ctx.report({
        messageId: 'outOfTier',
        data: {
          actual: c.indicator!.ind.actual?.text.trim() ?? '',
          tier: tier.name,
          range,
          weight: show(c.weight, dp),
          low: pct(new D(tier.min), 0),
          high: pct(new D(tier.max), 0),
          min: show(lo, dp),
          max: show(hi, dp),
          declared: shown(c.fig),
        },
        cell: c.fig.cell,
        declared: str(v),
        expected,
        path: c.path,
        inputs: { ...e.inputs, min: show(lo, dp), max: show(hi, dp) },
        rule: e.rule,
        suggest: expected,
      });
    }
  },
});
