/**
 * The declared scores the score rules look at, each with its weight and what the rules give:
 * the execution-rate score first, then every indicator with a declared score and a weight.
 * The score rules are exclusive by design — negative, else above the weight, else compared with
 * the rules — so one wrong cell yields one finding.
 */
import type { Dec } from '../../decimal.js';
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

export function scoredCells(figures: FormFigures): ScoredCell[] {
  const out: ScoredCell[] = [];
  const { declared, weight, computed } = figures.execution;
  if (declared && weight) out.push({ fig: declared, weight, expected: computed, path: ['预算执行率'], indicator: null });
  for (const s of figures.scored) {
    if (s.ind.score && s.weight) {
      out.push({ fig: s.ind.score, weight: s.weight, expected: s.evaluation.expected, path: s.ind.path, indicator: s });
    }
  }
  return out;
}

/** Within [0, weight]: the cells the rules compare further. */
export function inRange(c: ScoredCell): boolean {
  return c.fig.value.gte(0) && c.fig.value.lte(c.weight);
}
