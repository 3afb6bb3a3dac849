/**
 * The warning for a qualitative score outside a tier that was only guessed from loose wording
 * (RULES.md §2.9, certainty principle): it says which word the tier was read from, and when the
 * explanation describes the deduction, that the form explains its own score.
 */
import { D, type Dec, show, str } from '../decimal.js';
import type { Indicator, NumFig } from '../form.js';
import type { Finding } from '../report.js';
import { makeFinding } from '../findings.js';
import type { Evaluation } from './evaluate.js';

export function tierGuessFinding(
  sheet: string,
  declared: NumFig,
  weight: Dec,
  ind: Indicator,
  e: Evaluation,
  path: string[],
): Finding {
  const { tier, min: lo, max: hi } = e.tier!;
  const reason = e.guessReason ?? { zh: '档次由措辞推断', en: 'the tier was inferred from the wording' };
  const share = `${show(new D(tier.min).mul(100), 0)}%–${show(new D(tier.max).mul(100), 0)}%`;
  const score = str(declared.value) ?? declared.text.trim();
  const why = ind.explanation?.text.trim();
  const zhWhy = why ? `；偏差原因写明“${why}”，表内已说明扣分，请核实实际完成值的措辞与扣分是否一致` : '；请核实实际完成值与得分是否一致';
  const enWhy = why ? `; the explanation (“${why}”) accounts for the deduction: check that the actual's wording and the score agree` : '; check that the actual and the score agree';
  return makeFinding('score-tier-uncertain', sheet, declared.cell, {
    zh: `${reason.zh}（${share}，即 ${show(lo)}–${show(hi)} 分），填报 ${score} 分（分值 ${show(weight)}）${zhWhy}`,
    en: `${reason.en} (${share}, ${show(lo)}–${show(hi)}), declared ${score} of ${show(weight)}${enWhy}`,
  }, {
    declared: str(declared.value),
    path,
    inputs: { ...e.inputs, min: show(lo), max: show(hi) },
    rule: e.rule,
  });
}
