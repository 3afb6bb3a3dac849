/**
 * The declared scores the score rules look at, each with its weight and what the rules give:
 * the execution-rate score first, then every indicator with a declared score and a weight.
 * The score rules are exclusive by design — negative, else above the weight, else compared with
 * the rules — so one wrong cell yields one finding.
 */
import { type Dec, isNonNegative, lte } from '../../decimal.js';
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
  /** `inRange`, once known (several rules ask). */
  within: boolean | null;
}

const cellsOf = new WeakMap<FormFigures, ScoredCell[]>();

/** The list is built once per form's figures: every score rule walks it. */
export function scoredCells(figures: FormFigures): ScoredCell[] {
  let out = cellsOf.get(figures);
  if (out) return out;
  out = [];
  const { declared, weight, computed } = figures.execution;
  if (declared && weight) out.push(scoredCell(declared, weight, computed, ['预算执行率'], null));
  for (const s of figures.scored) {
    if (s.ind.score && s.weight) out.push(scoredCell(s.ind.score, s.weight, s.evaluation.expected, s.ind.path, s));
  }
  cellsOf.set(figures, out);
  return out;
}

function scoredCell(fig: NumFig, weight: Dec, expected: Dec | null, path: string[], indicator: ScoredIndicator | null): ScoredCell {
  return { fig, weight, expected, path, indicator, within: null };
}

/** Within [0, weight]: the cells the rules compare further. */
export function inRange(c: ScoredCell): boolean {
  if (c.within === null) c.within = isNonNegative(c.fig.value) && lte(c.fig.value, c.weight);
  return c.within;
}
