/**
 * Every figure of one recognised form, computed once: the execution rate and its score, each
 * indicator's recomputed score, level sums, totals, the grade, the level-1 weights against the
 * standard. The rules (src/core/rules/codes/) only compare these; the report (form-report.ts)
 * only copies them. The recognised form is read, never changed.
 */
import { D, type Dec, ZERO, clamp, constant, gt, gte, isPositive, lt, min, roundTo, sum } from './decimal.js';
import type { Form, Indicator, LevelNode, NumFig } from './form.js';
import { walkIndicators } from './form.js';
import type { GradeScheme, RulePack } from './rules/packs.js';
import { evaluateCriteria, evaluatePair, type Evaluation } from './score/evaluate.js';
import { isAllowed, nearestAllowed } from './criteria.js';
import { canonicalLevel } from './recognise/table.js';
import { readValue } from './values.js';
import { detectPack } from './detect-pack.js';
import type { PackSuggestion } from './report.js';

export interface ScoredIndicator {
  ind: Indicator;
  weight: Dec | null;
  weightCell: string | null;
  evaluation: Evaluation;
  /** What the score would be if it followed the rules (the declared one when they leave room). */
  recomputed: Dec | null;
}

export interface LevelFigures {
  node: LevelNode;
  /** Names from level 1 down to this level. */
  path: string[];
  /** Sum of the children's weights (a child level counts with its declared or summed weight). */
  childWeightSum: Dec | null;
  /** The level's own weight as declared: subtotal row, else label. */
  declaredWeight: Dec | null;
  weightCell: string | null;
  /** Declared subtotal score, and the sum it should equal (child subtotals as declared). */
  declaredScore: NumFig | null;
  childScoreSum: Dec;
  /** What a written-back subtotal holds: the declared indicator scores below it. */
  expectedScore: Dec;
}

export interface Level1Figure {
  node: LevelNode;
  /** The level's name, or the group's (“效益指标+满意度指标”) when the pack fixes levels together. */
  name: string;
  weight: Dec;
  standard: string;
  /** The cell that states the weight, or the nearest cell a user would change. */
  cell: string;
}

export interface FormFigures {
  /** Decimal places scores are rounded to (the pack's precision). */
  scoreDecimals: number;
  indicators: Indicator[];
  indicatorWeightSum: Dec;
  /** The funds row's 分值/得分 hold the form total (seed 003), not the execution-rate score. */
  fundsHoldTotal: boolean;
  execution: {
    /** 执行数 ÷ 预算数, when both are there. */
    rate: Dec | null;
    /** The rate the score uses: computed, else the declared one. */
    rateForScore: Dec | null;
    weight: Dec | null;
    computed: Dec | null;
    declared: NumFig | null;
    standardWeight: Dec;
  };
  scored: ScoredIndicator[];
  /** Levels in sheet order, parents before children. */
  levels: LevelFigures[];
  level1: Level1Figure[];
  totals: {
    /** Declared indicator scores plus the declared execution score. */
    sum: Dec;
    /** Recomputed indicator scores plus the recomputed execution score. */
    recomputed: Dec;
    /** What a written-back total holds: declared indicator scores plus the execution score the rules give. */
    writeBack: Dec;
    weight: Dec;
    weightTarget: Dec;
    /** Cells declaring the total score (the 总分 row, and the funds row when it holds the total). */
    scoreCells: NumFig[];
    /** Cells declaring the total weight. */
    weightCells: NumFig[];
    /** Where a weight total that is not 100 is reported. */
    weightTotalCell: string | null;
  };
  grade: { scheme: GradeScheme; computed: string; declared: string | null };
  /** A province pack the layout points to, other than the one in use (detect-pack.ts). */
  suggestion: PackSuggestion | null;
}

function levelWeightCell(node: LevelNode): string | null {
  return node.subtotal?.weight?.cell ?? (node.labelWeight ? node.labelCell?.cell ?? null : null);
}

/** The band a total falls in. */
export function gradeOf(total: Dec, scheme: GradeScheme): string {
  for (const b of scheme.bands) if (gte(total, constant(b.min))) return b.name;
  return scheme.bands[scheme.bands.length - 1].name;
}

/** A rubric that scores a rate needs the rate: the actual column, or the funds block for 预算执行率. */
function rateFor(ind: Indicator, fundsRate: Dec | null): Dec | null {
  if (ind.actual) {
    const r = readValue(ind.actual.raw, ind.actual.text, ind.actual.format);
    if (r.kind === 'number' && r.q.percent) return r.q.value;
  }
  if (fundsRate && /^(部门)?预算执行率$/.test(ind.name)) return fundsRate;
  return null;
}

function scoreIndicator(ind: Indicator, pack: RulePack, fundsRate: Dec | null, dp: number): ScoredIndicator {
  // The weight column, else the weight written in the label.
  const weight = ind.weight ? ind.weight.value : ind.labelWeight;
  const weightCell = ind.weight ? ind.weight.cell : ind.labelWeight ? ind.nameCell?.cell ?? null : null;
  const declared = ind.score;
  const evaluation: Evaluation =
    ind.criteria?.text.trim() && weight
      ? evaluateCriteria(ind, weight, pack, rateFor(ind, fundsRate))
      : evaluatePair(ind, weight ?? ZERO, pack);
  let recomputed: Dec | null = null;
  if (weight) {
    const v = declared?.value ?? null;
    if (evaluation.expected) recomputed = roundTo(clamp(evaluation.expected, ZERO, weight), dp);
    else if (evaluation.tier && v && evaluation.certainty === 'certain') {
      const { min: lo, max: hi } = evaluation.tier;
      recomputed = lt(v, lo) ? lo : gt(v, hi) ? hi : v;
      if (evaluation.tier.tier.maxInclusive === false && gte(recomputed, hi)) recomputed = lo;
    } else if (evaluation.allowed && v) {
      const near = isAllowed(evaluation.allowed, v, Math.max(declared!.decimals, dp)) ? null : nearestAllowed(evaluation.allowed, v);
      recomputed = near ? near.below ?? near.above ?? v : v;
    } else if (v) recomputed = clamp(v, ZERO, weight);
  } else if (declared) recomputed = declared.value;
  return { ind, weight, weightCell, evaluation, recomputed };
}

/**
 * Whether every sum of some figures, added in any order and grouping, is exact. decimal.js rounds
 * a sum only when it has more significant digits than the precision (28), and a sum of n figures
 * each below 10^(e+1) with at most q decimal places has at most digits(n) + e + 1 + q of them —
 * about 10 for a form's scores and weights. Then a total added from the levels' sums is the same
 * Decimal as one added figure by figure, and the form need not add every row twice.
 */
class SumBound {
  private n = 0;
  private maxE = 0;
  private maxPlaces = 0;
  private finite = true;

  add(x: Dec): void {
    this.n++;
    if (!x.isFinite()) this.finite = false;
    else {
      if (x.e > this.maxE) this.maxE = x.e;
      const q = x.decimalPlaces();
      if (q > this.maxPlaces) this.maxPlaces = q;
    }
  }

  exact(): boolean {
    return this.finite && String(this.n).length + this.maxE + 1 + this.maxPlaces <= D.precision;
  }
}

interface LevelWalk {
  levels: LevelFigures[];
  weightOf: (n: LevelNode) => Dec | null;
  /** The indicators' scores added from the top levels' sums (missing scores count 0). */
  scoreTotal: Dec;
  /**
   * The indicators' weights added from the top levels' child-weight sums, or null where a level
   * below the top declares a weight of its own (its sum is then not its indicators').
   */
  weightTotal: Dec | null;
}

/**
 * The levels' figures, in one walk over the form's tree that also hands every indicator, in sheet
 * order (as `walkIndicators` lists them), to `onIndicator`: a big form's rows are read once.
 */
function levelFigures(form: Form, onIndicator: (ind: Indicator) => void): LevelWalk {
  const childWeights = new Map<LevelNode, Dec | null>();
  let weightsAreIndicators = true;
  const levelWeight = (node: LevelNode): Dec | null => node.subtotal?.weight?.value ?? node.labelWeight ?? childWeights.get(node) ?? null;
  const levels: LevelFigures[] = [];
  // One walk over each level's children adds its three sums (a big form's rows are read once):
  // the children's weights (a child level counts with its declared or summed weight); the child
  // subtotals as declared; and the indicator scores below. The last two add the same figures until
  // a child level declares a subtotal of its own, so one sum serves both until then. Children
  // are visited first, so that a level's sums take its child levels' sums as computed for them.
  const visit = (node: LevelNode, path: string[]): { declared: Dec; indicators: Dec } => {
    const p = [...path, node.name];
    // Pushed in sheet order, parents before children.
    const at = levels.length;
    levels.push(null as unknown as LevelFigures);
    let weights: Dec | null = null;
    let below = ZERO;
    let declared: Dec | null = null;
    for (const c of node.children) {
      let w: Dec | null;
      let d: Dec;
      let b: Dec;
      if (c.type === 'level') {
        const inner = visit(c, p);
        if (c.subtotal?.weight || c.labelWeight) weightsAreIndicators = false;
        w = levelWeight(c);
        b = inner.indicators;
        d = c.subtotal?.score?.value ?? inner.declared;
      } else {
        onIndicator(c);
        w = c.weight?.value ?? c.labelWeight;
        d = b = c.score?.value ?? ZERO;
      }
      if (w) weights = weights ? weights.plus(w) : w;
      // Up to here the declared sum is the indicator sum.
      if (declared === null && d !== b) declared = below;
      below = below.plus(b);
      if (declared !== null) declared = declared.plus(d);
    }
    childWeights.set(node, weights);
    const sums = { declared: declared ?? below, indicators: below };
    levels[at] = {
      node,
      path: p,
      childWeightSum: weights,
      declaredWeight: node.subtotal?.weight?.value ?? node.labelWeight,
      weightCell: levelWeightCell(node),
      declaredScore: node.subtotal?.score ?? null,
      childScoreSum: sums.declared,
      expectedScore: sums.indicators,
    };
    return sums;
  };
  let scoreTotal = ZERO;
  let weightTotal = ZERO;
  for (const l of form.levels) {
    let w: Dec | null;
    if (l.type === 'level') {
      scoreTotal = scoreTotal.plus(visit(l, []).indicators);
      w = childWeights.get(l) ?? null;
    } else {
      onIndicator(l);
      const v = l.score?.value;
      if (v) scoreTotal = scoreTotal.plus(v);
      w = l.weight?.value ?? l.labelWeight;
    }
    if (w) weightTotal = weightTotal.plus(w);
  }
  return { levels, weightOf: levelWeight, scoreTotal, weightTotal: weightsAreIndicators ? weightTotal : null };
}

function level1Figures(form: Form, pack: RulePack, levelWeight: (n: LevelNode) => Dec | null): Level1Figure[] {
  if (form.kind !== 'project') return [];
  const std = pack.project.level1Weights;
  const byCanon = new Map(Object.keys(std).map((k) => [canonicalLevel(k), k]));
  // Levels the pack fixes only as a group (湖北: 效益 + 满意度 40) are compared as one figure.
  const groups = pack.project.level1Combined ?? [];
  const groupOf = new Map(groups.flatMap((g) => g.levels.map((l) => [l, g] as const)));
  const grouped = new Map<(typeof groups)[number], Level1Figure>();
  const out: Level1Figure[] = [];
  for (const node of form.levels) {
    if (node.type !== 'level') continue;
    const key = byCanon.get(canonicalLevel(node.name));
    const weight = key ? levelWeight(node) : null;
    if (!key || !weight) continue;
    const cell =
      levelWeightCell(node) ??
      node.labelCell?.cell ??
      node.children.find((c): c is LevelNode => c.type === 'level')?.labelCell?.cell ??
      walkIndicators([node])[0]?.weight?.cell;
    if (!cell) continue;
    const group = groupOf.get(key);
    const seen = group && grouped.get(group);
    if (seen) seen.weight = seen.weight.plus(weight);
    else {
      // A group is one figure at its first level's cell, carrying the whole group's weight.
      const fig = { node, name: group ? group.levels.join('+') : node.name, weight, standard: group ? group.weight : std[key], cell };
      if (group) grouped.set(group, fig);
      out.push(fig);
    }
  }
  return out;
}

export function computeFigures(form: Form, pack: RulePack): FormFigures {
  const dp = pack.tolerance.scoreMinDecimals;
  const funds = form.funds;
  const rate = funds?.budget && funds.executed && isPositive(funds.budget.value) ? funds.executed.value.div(funds.budget.value) : null;
  // Each indicator is scored and added up where the walk over the levels meets it: a big form's
  // rows do not stay in the processor's cache from one pass to the next. Sums add in sheet order.
  const indicators: Indicator[] = [];
  const scored: ScoredIndicator[] = [];
  const weightBound = new SumBound();
  const scoreBound = new SumBound();
  let recomputedSum = ZERO;
  const walk = levelFigures(form, (ind) => {
    indicators.push(ind);
    const w = ind.weight?.value ?? ind.labelWeight;
    if (w) weightBound.add(w);
    const v = ind.score?.value;
    if (v) scoreBound.add(v);
    const s = scoreIndicator(ind, pack, rate, dp);
    scored.push(s);
    recomputedSum = recomputedSum.plus(s.recomputed ?? ZERO);
  });
  const { levels, weightOf: levelWeight } = walk;
  // The totals of the indicators' weights and declared scores, from the levels' sums when no sum
  // of them can round (SumBound), else added row by row in sheet order.
  const indicatorWeightSum =
    walk.weightTotal && weightBound.exact() ? walk.weightTotal : sum(indicators.map((i) => i.weight?.value ?? i.labelWeight ?? ZERO));
  const indicatorSum = scoreBound.exact() ? walk.scoreTotal : sum(indicators.map((i) => i.score?.value ?? ZERO));
  const fundsHoldTotal = Boolean(funds?.weight && isPositive(indicatorWeightSum) && funds.weight.value.gte(indicatorWeightSum));

  const rateForScore = rate ?? funds?.rates[0]?.value ?? null;
  const execWeight = funds && !fundsHoldTotal ? funds.weight?.value ?? null : null;
  const execComputed = execWeight && rateForScore ? min(rateForScore, constant(pack.execution.cap)).mul(execWeight) : null;
  const execDeclared = funds && !fundsHoldTotal ? funds.score : null;

  const totalSum = indicatorSum.plus(execDeclared?.value ?? ZERO);
  const recomputed = recomputedSum.plus(execComputed ?? execDeclared?.value ?? ZERO);
  const execForWriteBack = execComputed ? roundTo(execComputed, dp) : execDeclared?.value ?? null;
  const scheme = form.gradeScheme ?? pack.grades[form.kind];

  const execution = {
    rate,
    rateForScore,
    weight: execWeight,
    computed: execComputed,
    declared: execDeclared,
    standardWeight: constant(pack.project.executionWeight),
  };
  return {
    scoreDecimals: dp,
    indicators,
    indicatorWeightSum,
    fundsHoldTotal,
    execution,
    scored,
    levels,
    level1: level1Figures(form, pack, levelWeight),
    totals: {
      sum: totalSum,
      recomputed,
      writeBack: indicatorSum.plus(execForWriteBack ?? ZERO),
      weight: indicatorWeightSum.plus(execWeight ?? ZERO),
      weightTarget: constant(pack.project.totalWeight),
      scoreCells: [form.total?.score ?? null, fundsHoldTotal ? funds!.score : null].filter((x): x is NumFig => x !== null),
      weightCells: [form.total?.weight ?? null, fundsHoldTotal ? funds!.weight : null].filter((x): x is NumFig => x !== null),
      weightTotalCell:
        form.total?.weight?.cell ?? form.total?.weightCell ?? form.headerCells.weight?.cell ?? form.headerCells.score?.cell ?? null,
    },
    grade: {
      scheme,
      computed: gradeOf(roundTo(recomputed, dp), scheme),
      declared: form.grade?.fig?.text.trim() || null,
    },
    suggestion: detectPack(form, { execution, indicatorWeightSum }, pack),
  };
}
