/**
 * The declared scores the score rules look at, each with its weight and what the rules give:
 * the execution-rate score first, then every indicator with a declared score and a weight.
 * The score rules are exclusive by design — negative, else above the weight, else compared with
 * the rules — so one wrong cell yields one finding.
 *
 * Every rule used to walk all the rows and keep the few it had something to say about. On a big
 * form the rows no longer fit in the processor's cache, so each walk paid for reading every row
 * from memory again (a rule that reports nothing took 30 times longer at 100,000 rows than at
 * 10,000). `ruleRows` walks them once per form's figures and sorts them by the comparison that
 * applies; each rule then reads only its own list and makes its full test there. The lists keep
 * sheet order, so findings come out in the same order as before.
 */
import { type Dec, gt, isNegative, isNonNegative, lt, lte } from '../../decimal.js';
import type { NumFig } from '../../form.js';
import type { FormFigures, ScoredIndicator } from '../../figures.js';

export interface ScoredCell {
  fig: NumFig;
  weight: Dec;
  /** The score the rules give, when they give exactly one. */
  expected: Dec | null;
  path: string[];
  /** The indicator, or null for the execution-rate score. */
  indicator: ScoredIndicator | null;
}

/**
 * The scored cells (the execution-rate score first, then the indicators in sheet order), by the
 * comparison that applies; a cell none of the rules looks at is in no list.
 */
export interface RuleRows {
  /** Score below 0. */
  negative: ScoredCell[];
  /** Score of 0 or more, above the weight. */
  aboveWeight: ScoredCell[];
  /** Within [0, weight] and the rules give one score (the execution score, or an indicator's). */
  withExpected: ScoredCell[];
  /** Indicators within [0, weight] that the rules give a band (qualitative tier), not one score. */
  withTier: ScoredCell[];
  /** Indicators within [0, weight] whose rubric allows some scores, with neither one score nor a band. */
  withAllowed: ScoredCell[];
  /** Indicators scored from 0 up to, not including, their weight. */
  belowWeight: ScoredCell[];
  /** Indicators whose actual reached the pack's over-achievement share of the target. */
  overAchieving: ScoredIndicator[];
  /** Indicators whose target and actual could not be compared. */
  notScoreable: ScoredIndicator[];
  /** Indicators whose label states a weight. */
  labelWeighted: ScoredIndicator[];
}

const rowsOf = new WeakMap<FormFigures, RuleRows>();

/** The rows the rules look at, sorted once per form's figures by what may be wrong with them. */
export function ruleRows(figures: FormFigures): RuleRows {
  let rows = rowsOf.get(figures);
  if (rows) return rows;
  rows = {
    negative: [],
    aboveWeight: [],
    withExpected: [],
    withTier: [],
    withAllowed: [],
    belowWeight: [],
    overAchieving: [],
    notScoreable: [],
    labelWeighted: [],
  };
  const { declared, weight, computed } = figures.execution;
  if (declared && weight) file(rows, declared, weight, computed, ['预算执行率'], null);
  for (const s of figures.scored) {
    const { ind, evaluation } = s;
    if (ind.score && s.weight) file(rows, ind.score, s.weight, evaluation.expected, ind.path, s);
    if (evaluation.overAchievement) rows.overAchieving.push(s);
    if (evaluation.notScoreable) rows.notScoreable.push(s);
    if (ind.labelWeight) rows.labelWeighted.push(s);
  }
  rowsOf.set(figures, rows);
  return rows;
}

function file(rows: RuleRows, fig: NumFig, weight: Dec, expected: Dec | null, path: string[], indicator: ScoredIndicator | null): void {
  const v = fig.value;
  const c: ScoredCell = { fig, weight, expected, path, indicator };
  if (isNegative(v)) {
    rows.negative.push(c);
    return;
  }
  // Only cells within [0, weight] are compared further (NaN is neither, and goes nowhere).
  if (!isNonNegative(v)) return;
  if (!lte(v, weight)) {
    if (gt(v, weight)) rows.aboveWeight.push(c);
    return;
  }
  if (expected) rows.withExpected.push(c);
  if (!indicator) return;
  const e = indicator.evaluation;
  if (!expected && e.tier) rows.withTier.push(c);
  else if (!expected && e.allowed) rows.withAllowed.push(c);
  if (lt(v, weight)) rows.belowWeight.push(c);
}
