/**
 * A qualitative score outside a tier that was only guessed from loose wording (docs/rules.md
 * §Qualitative tiers, certainty principle): an actual such as “正常运转” against the target “网络顺畅”
 * does not prove the tier, so the rule warns, says which word the tier was read from and — when
 * the explanation cell describes the deduction — that the form explains its own score.
 * Where a status word states the tier outright, score-out-of-tier reports an error instead.
 */
import { D, gt, gte, lt, lte, show, str } from '../../decimal.js';
import { shown } from '../../compare.js';
import { defineRule } from '../types.js';
import { explain } from '../../score/evaluate.js';
import { ruleRows } from './scored-cells.js';

export const scoreTierUncertain = defineRule({
  meta: {
    code: 'score-tier-uncertain',
    severity: 'warning',
    title: { zh: '定性档次系推断，得分可能不符', en: 'Qualitative tier guessed: score may differ' },
    fix: {
      zh: '核实实际完成值的措辞：写明“已完成”“部分完成”“未完成”等，或按实际档次调整得分',
      en: 'Make the actual say the tier (已完成 / 部分完成 / 未完成), or adjust the score to the real tier',
    },
    suggests: false,
    messages: {
      explained: {
        zh: '{reason}（{share}，即 {min}–{max} 分），填报 {declared} 分（分值 {weight}）；偏差原因写明“{why}”，表内已说明扣分，请核实实际完成值的措辞与扣分是否一致',
        en: '{reason} ({share}, {min}–{max}), declared {declared} of {weight}; the explanation (“{why}”) accounts for the deduction: check that the actual’s wording and the score agree',
      },
      unexplained: {
        zh: '{reason}（{share}，即 {min}–{max} 分），填报 {declared} 分（分值 {weight}）；请核实实际完成值与得分是否一致',
        en: '{reason} ({share}, {min}–{max}), declared {declared} of {weight}; check that the actual and the score agree',
      },
    },
  },
  check(ctx) {
    const dp = ctx.figures.scoreDecimals;
    // The indicators within [0, weight] that the rules give a band.
    for (const c of ruleRows(ctx.figures).withTier) {
      const e = c.indicator!.evaluation;
      if (e.certainty !== 'guessed') continue;
      const { tier, min: lo, max: hi } = e.tier!;
      const v = c.fig.value;
      const inside = (tier.minInclusive ? gte(v, lo) : gt(v, lo)) && (tier.maxInclusive ? lte(v, hi) : lt(v, hi));
      if (inside) continue;
      const why = c.indicator!.ind.explanation?.text.trim();
      ctx.report({
        messageId: why ? 'explained' : 'unexplained',
        data: {
          reason: explain(e.guessReason) ?? { zh: '档次由措辞推断', en: 'the tier was inferred from the wording' },
          share: `${show(new D(tier.min).mul(100), 0)}%–${show(new D(tier.max).mul(100), 0)}%`,
          min: show(lo, dp),
          max: show(hi, dp),
          declared: shown(c.fig),
          weight: show(c.weight, dp),
          why: why ?? '',
        },
        cell: c.fig.cell,
        declared: str(v),
        expected: null,
        path: c.path,
        inputs: { ...e.inputs, min: show(lo, dp), max: show(hi, dp) },
        rule: e.rule,
      });
    }
  },
});
