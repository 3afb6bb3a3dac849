/**
 * What the rules say one indicator's score should be (RULES.md §3 for target/actual pairs, §4 for
 * rubric texts). Pure: takes the indicator's figures and the pack, returns an Evaluation.
 */
import { D, type Dec, ONE, ZERO, clamp, constant, eq, gt, gte, isNonPositive, isPositive, lt, lte, min, show } from '../decimal.js';
import type { Indicator } from '../form.js';
import type { RulePack, Tier } from '../rules/packs.js';
import { normalizeLabel } from '../text.js';
import {
  comparable,
  inheritUnit,
  readNature,
  readValue,
  withUnit,
  type Operator,
  type Quantity,
  type Reading,
  type Status,
} from '../values.js';
import { NEGATIVE_WORDS } from '../vocabulary.js';
import { parseCriteria, type Allowed } from '../criteria.js';

export type Method =
  | 'positive'
  | 'negative'
  | 'equal'
  | 'boolean'
  | 'qualitative'
  | 'compound'
  | 'criteria'
  | 'none';

export interface Evaluation {
  method: Method;
  /** The score the rules give, when they give exactly one. */
  expected: Dec | null;
  /** Qualitative: the band the declared score must fall in. */
  tier: { tier: Tier; min: Dec; max: Dec } | null;
  /** Rubric texts: the scores the text allows. */
  allowed: Allowed | null;
  criteriaPattern: string | null;
  criteriaSummary: { zh: string; en: string } | null;
  approximate: boolean;
  /** Why the pair could not be compared (info finding), zh/en. */
  notScoreable: { zh: string; en: string } | null;
  /** actual / target on a positive indicator, when ≥ the pack's threshold. */
  overAchievement: Dec | null;
  /**
   * How the expected score was worked out, for messages: "5万 / 10万 × 5" (read it with `explain`).
   * Most rows need no message, so a text that takes printing numbers is a function run only when
   * a finding asks; fixed texts are kept as they are, so a row that agrees keeps no closure alive.
   */
  detail: Detail | null;
  inputs: Record<string, string>;
  rule: string;
  /**
   * RULES.md §2.9 certainty principle: 'certain' when the rules prove the tier (the actual restates the
   * target, a status word says it, an ordinal scale ranks it); 'guessed' when it was inferred from loose
   * wording — then a score outside the tier is at most a warning.
   */
  certainty: 'certain' | 'guessed';
  /** What was guessed and why, when `certainty` is 'guessed' (read it with `explain`: made when a finding asks). */
  guessReason: Detail | null;
}

type Text = { zh: string; en: string };
type Detail = Text | (() => Text);

/** An evaluation's `detail` or `guessReason` as text, for a finding's message. */
export function explain(d: Detail | null): Text | null {
  return typeof d === 'function' ? d() : d;
}

const weightTexts = new WeakMap<Dec, string>();

/** A weight as messages show it. Weights repeat (one Decimal per distinct cell number), so each is printed once. */
function weightText(weight: Dec): string {
  let t = weightTexts.get(weight);
  if (t === undefined) weightTexts.set(weight, (t = show(weight, 4)));
  return t;
}

function base(rule: string, inputs: Record<string, string>): Evaluation {
  return {
    method: 'none',
    expected: null,
    tier: null,
    allowed: null,
    criteriaPattern: null,
    criteriaSummary: null,
    approximate: false,
    notScoreable: null,
    overAchievement: null,
    detail: null,
    inputs,
    rule,
    certainty: 'certain',
    guessReason: null,
  };
}

function directionOf(ind: Indicator, target: Quantity): Operator {
  const nature = ind.nature ? readNature(ind.nature.text) : null;
  if (nature && 'op' in nature) return nature.op;
  if (target.op) return target.op;
  // No negative word contains a space, so testing the three texts one by one is testing them joined.
  const { name } = ind;
  const level2 = ind.level2 ?? '';
  const target2 = ind.target?.text ?? '';
  return NEGATIVE_WORDS.some((w) => name.includes(w) || level2.includes(w) || target2.includes(w)) ? '<=' : '>=';
}

/** The target as the user reads it: “100” with 度量单位 “%” shows as “100%”. */
function targetText(ind: Indicator): string | undefined {
  const t = ind.target?.text.trim();
  const u = ind.unit?.text.trim();
  if (!t) return undefined;
  return u && !t.endsWith(u) ? `${t}${u}` : t;
}

function fmtQ(q: Quantity | null, text?: string): string {
  if (text || !q) return (text ?? '').trim();
  if (q.percent) return `${show(q.value.mul(100), 4)}%`;
  return `${show(q.value, 4)}${q.unit}`;
}

interface Share {
  share: Dec;
  met: boolean;
  formula: { zh: string; en: string };
}

const FORMULAS = {
  withinTarget: { zh: '实际未超过目标，得满分', en: 'actual within target: full score' },
  negativeLinear: { zh: '(1 − (实际 − 目标) / 目标) × 分值', en: '(1 − (actual − target) / target) × weight' },
  negativeRatio: { zh: '目标 / 实际 × 分值', en: 'target / actual × weight' },
  reached: { zh: '实际达到目标，得满分', en: 'target reached: full score' },
  positive: { zh: '实际 / 目标 × 分值', en: 'actual / target × weight' },
};

// A met target earns the whole weight: one answer for every such indicator.
const WITHIN_TARGET: Share = { share: ONE, met: true, formula: FORMULAS.withinTarget };
const REACHED: Share = { share: ONE, met: true, formula: FORMULAS.reached };

/** Score for one numeric pair; the share of the weight earned (0..1). */
function share(pack: RulePack, op: Operator, actual: Dec, target: Dec): Share {
  if (op === '<=' || op === '<') {
    const met = op === '<=' ? lte(actual, target) : lt(actual, target);
    if (met || isNonPositive(actual)) return WITHIN_TARGET;
    if (pack.negativeFormula === 'linear') {
      const s = target.isZero() ? ZERO : clamp(ONE.minus(actual.minus(target).div(target)), ZERO, ONE);
      return { share: s, met: false, formula: FORMULAS.negativeLinear };
    }
    return { share: target.div(actual), met: false, formula: FORMULAS.negativeRatio };
  }
  const met = op === '>' ? gt(actual, target) : gte(actual, target);
  if (met || isNonPositive(target)) return REACHED;
  return { share: clamp(actual.div(target), ZERO, ONE), met: false, formula: FORMULAS.positive };
}

/**
 * `share × weight`. A whole share is the weight itself — as `mul` gives it whenever the weight has
 * no more significant digits than the precision (every weight a person writes).
 */
function ofWeight(s: Dec, weight: Dec): Dec {
  return s === ONE && weight.precision() <= D.precision ? weight : s.mul(weight);
}

/** An over-achievement threshold above 1 cannot be reached by an actual that missed its target. */
const thresholdAboveOne = new WeakMap<RulePack, boolean>();

function mayOverAchieve(pack: RulePack, met: boolean): boolean {
  if (met) return true;
  let above = thresholdAboveOne.get(pack);
  if (above === undefined) thresholdAboveOne.set(pack, (above = constant(pack.overAchievement).gt(ONE)));
  return !above;
}

/** The pack's rule names (“national/project.positive”): a few strings, shared by every indicator. */
const ruleNames = new WeakMap<RulePack, Map<string, string>>();

function ruleName(pack: RulePack, rule: string): string {
  let names = ruleNames.get(pack);
  if (!names) ruleNames.set(pack, (names = new Map()));
  let name = names.get(rule);
  if (name === undefined) names.set(rule, (name = `${pack.name}/${rule}`));
  return name;
}

interface PairRuleNames {
  project: string;
  boolean: string;
  positive: string;
  negative: string;
  equal: string;
  compound: string;
  qualitative: string;
}

const pairNames = new WeakMap<RulePack, PairRuleNames>();

/** The names a target/actual pair can be scored by, looked up once per row rather than by key. */
function pairRuleNames(pack: RulePack): PairRuleNames {
  let n = pairNames.get(pack);
  if (!n) {
    n = {
      project: ruleName(pack, 'project'),
      boolean: ruleName(pack, 'project.boolean'),
      positive: ruleName(pack, 'project.positive'),
      negative: ruleName(pack, `project.negative.${pack.negativeFormula}`),
      equal: ruleName(pack, 'project.equal'),
      compound: ruleName(pack, 'project.compound'),
      qualitative: ruleName(pack, 'project.qualitative'),
    };
    pairNames.set(pack, n);
  }
  return n;
}

const overThresholds = new WeakMap<RulePack, WeakMap<Dec, Dec>>();

/**
 * The actual that counts as over-achieving a target: target × the pack's share (120%). Targets
 * repeat — one Decimal per distinct cell text or number — so each is multiplied once.
 */
function overAchievedAt(pack: RulePack, target: Dec): Dec {
  let byTarget = overThresholds.get(pack);
  if (!byTarget) overThresholds.set(pack, (byTarget = new WeakMap()));
  let at = byTarget.get(target);
  if (at === undefined) byTarget.set(target, (at = target.mul(constant(pack.overAchievement))));
  return at;
}

const bands = new WeakMap<Dec, Map<Tier, NonNullable<Evaluation['tier']>>>();

/** A tier's band of scores for one weight; weights repeat, so each band is worked out once. */
function tierBand(tier: Tier, weight: Dec): NonNullable<Evaluation['tier']> {
  let byTier = bands.get(weight);
  if (!byTier) bands.set(weight, (byTier = new Map()));
  let band = byTier.get(tier);
  if (!band) byTier.set(tier, (band = { tier, min: constant(tier.min).mul(weight), max: constant(tier.max).mul(weight) }));
  return band;
}

function tierFor(pack: RulePack, status: Status): Tier | null {
  return pack.qualitativeTiers.find((t) => t.status === status) ?? null;
}

interface TierReading {
  status: Status;
  certain: boolean;
  /** The word the tier was read from, for a guess's message. */
  word: string | null;
}

/** RULES.md §2.9: a status word first, then a restated target, then ordinal ranks, then loose words. */
function qualitativeStatus(target: Reading, actual: Reading): TierReading {
  if (target.kind === 'ordinal' && actual.kind === 'ordinal' && target.scale === actual.scale) {
    const gap = target.rank - actual.rank;
    return { status: gap <= 0 ? 'met' : gap === 1 ? 'partial' : 'unmet', certain: true, word: actual.word };
  }
  if (actual.kind === 'text' && actual.certain) return { status: actual.status, certain: true, word: actual.statusWord };
  const tText = 'text' in target ? normalizeLabel(target.text) : '';
  const aText = 'text' in actual ? normalizeLabel(actual.text) : '';
  // The actual restates the target: proof — also when it repeats the target's closing criterion
  // (“资金拨付及时” / “及时”, “确保网站高效运转” / “高效运转”). One that only ends like the target without
  // saying anything about meeting it (“降低办公成本” / “办公成本”) may just name the measure: a guess.
  if (tText && aText && tText === aText) return { status: 'met', certain: true, word: aText };
  if (tText && aText && (tText.endsWith(aText) || aText.endsWith(tText))) {
    const says = actual.kind === 'text' && actual.status === 'met';
    return { status: 'met', certain: says, word: aText };
  }
  if (actual.kind === 'ordinal') {
    const words = actual.scale === 'satisfaction' ? ['满意', '非常满意'] : ['优秀', '良好', '合格'];
    const status: Status = words.includes(actual.word) ? 'met' : actual.rank === 0 ? 'unmet' : 'partial';
    return { status, certain: false, word: actual.word };
  }
  if (actual.kind === 'text') return { status: actual.status, certain: false, word: actual.statusWord };
  return { status: 'unknown', certain: false, word: null };
}

const BOOLEAN_MET: Text = { zh: '是/否指标已达成，得满分', en: 'yes/no indicator met: full score' };
const BOOLEAN_UNMET: Text = { zh: '是/否指标未达成，得 0 分', en: 'yes/no indicator not met: 0' };
const COMPOUND_MET: Text = { zh: '复合目标各项均已达成，得满分', en: 'every part of the compound target met: full score' };

// The lazy texts are made in functions of their own, so each closure holds only what its text
// needs, and a row that needs none allocates no closure scope.
function pairDetail(formula: Text, actual: Quantity, target: Quantity, ind: Indicator, weight: Dec): () => Text {
  // fmtQ prints the quantity only for a cell without text: otherwise the closure need not keep it.
  const a = ind.actual?.text ? null : actual;
  const t = ind.target?.text.trim() ? null : target;
  return () => {
    // Each figure is printed once for both languages.
    const at = fmtQ(a, ind.actual?.text);
    const tt = fmtQ(t, targetText(ind));
    const wt = weightText(weight);
    return {
      zh: formula.zh.replace('实际', at).replace('目标', tt).replace('分值', wt),
      en: formula.en.replace('actual', at).replace('target', tt).replace('weight', wt),
    };
  };
}

function compoundDetail(worst: Dec): () => Text {
  return () => ({
    zh: `复合目标须各项均达成；完成最差一项为 ${show(worst.mul(100), 2)}%`,
    en: `every part must be met; the weakest part reached ${show(worst.mul(100), 2)}%`,
  });
}

function criteriaDetail(summary: string, summaryEn: string, rate: string): () => Text {
  return () => ({ zh: `${summary}；完成率 ${rate}`, en: `${summaryEn}; rate ${rate}` });
}

function guessDetail(ind: Indicator, word: string, tier: string): () => Text {
  return () => {
    const a = ind.actual?.text.trim() ?? '';
    const t = targetText(ind) ?? '';
    return {
      zh: `实际完成值“${a}”与目标“${t}”措辞不同，也没有写明是否达成，只能从“${word}”推断为“${tier}”档`,
      en: `the actual “${a}” does not restate the target “${t}” nor say whether it was met; “${word}” only suggests the “${tier}” tier`,
    };
  };
}

function notScoreable(e: Evaluation, zh: string, en: string): Evaluation {
  e.notScoreable = { zh, en };
  return e;
}

/**
 * The figures a pair's findings cite. A row with both a target and an actual (nearly every row)
 * gets them in one literal, so they sit inside the object rather than in a separate property store.
 */
function pairInputs(ind: Indicator, weight: Dec): Record<string, string> {
  const w = weightText(weight);
  if (ind.target && ind.actual) return { weight: w, target: ind.target.text.trim(), actual: ind.actual.text.trim() };
  const inputs: Record<string, string> = { weight: w };
  if (ind.target) inputs.target = ind.target.text.trim();
  if (ind.actual) inputs.actual = ind.actual.text.trim();
  return inputs;
}

/** Project-style: a target and an actual. */
export function evaluatePair(ind: Indicator, weight: Dec, pack: RulePack): Evaluation {
  const target = ind.target ? readValue(ind.target.raw, ind.target.text, ind.target.format) : ({ kind: 'empty' } as Reading);
  const actual = ind.actual ? readValue(ind.actual.raw, ind.actual.text, ind.actual.format) : ({ kind: 'empty' } as Reading);
  const inputs = pairInputs(ind, weight);
  const names = pairRuleNames(pack);
  const e = base(names.project, inputs);
  if (target.kind === 'empty' && actual.kind === 'empty') return e;
  if (target.kind === 'empty') return notScoreable(e, '年度指标值为空', 'the target is empty');
  if (actual.kind === 'empty') return notScoreable(e, '实际完成值为空', 'the actual is empty');
  if (target.kind === 'deadline') {
    // “年底前完成” / “未完成”: a status word says the tier outright (RULES.md §2.9); anything else is not
    // compared (§2.8), never guessed.
    if (actual.kind !== 'text' || !actual.certain) {
      return notScoreable(e, '目标是时限，无法与实际值定量比较', 'the target is a deadline and cannot be compared');
    }
  }
  if (target.kind === 'boolean' && actual.kind === 'boolean') {
    e.method = 'boolean';
    e.rule = names.boolean;
    const met = target.value === actual.value;
    e.expected = met ? weight : ZERO;
    e.detail = met ? BOOLEAN_MET : BOOLEAN_UNMET;
    return e;
  }
  if (target.kind === 'number') {
    if (actual.kind !== 'number') {
      return notScoreable(e, '目标是数值，实际完成值不是数值', 'the target is numeric but the actual is not');
    }
    const t = withUnit(target.q, ind.unit?.text);
    const a = inheritUnit(actual.q, t);
    const op = directionOf(ind, t);
    const [av, tv] = comparable(a, t);
    const s = share(pack, op, av, tv);
    const method = op === '<=' || op === '<' ? 'negative' : op === '=' ? 'equal' : 'positive';
    e.method = method;
    e.rule = names[method];
    e.expected = ofWeight(s.share, weight);
    e.approximate = t.approximate || a.approximate;
    e.detail = s.met ? s.formula : pairDetail(s.formula, a, t, ind, weight);
    if (method !== 'negative' && mayOverAchieve(pack, s.met) && isPositive(tv) && gte(av, overAchievedAt(pack, tv))) {
      e.overAchievement = av.div(tv);
    }
    return e;
  }
  if (target.kind === 'compound') {
    if (actual.kind !== 'compound' || actual.parts.length !== target.parts.length) {
      return notScoreable(e, '复合目标的各项无法与实际值逐项对应', 'the parts of the compound target cannot be matched to the actual');
    }
    let worst = ONE;
    target.parts.forEach((part, i) => {
      const tp = withUnit(part, ind.unit?.text);
      const ap = inheritUnit(actual.parts[i], tp);
      const [av, tv] = comparable(ap, tp);
      worst = min(worst, share(pack, directionOf(ind, tp), av, tv).share);
    });
    e.method = 'compound';
    e.rule = names.compound;
    e.expected = ofWeight(worst, weight);
    e.approximate = target.parts.some((p) => p.approximate) || actual.parts.some((p) => p.approximate);
    e.detail = eq(worst, ONE) ? COMPOUND_MET : compoundDetail(worst);
    return e;
  }
  // Qualitative target.
  if (actual.kind === 'number' || actual.kind === 'compound') {
    return notScoreable(e, '目标是定性描述，实际完成值是数值', 'the target is qualitative but the actual is numeric');
  }
  const reading = qualitativeStatus(target, actual);
  const status = reading.status;
  if (status === 'unknown') {
    return notScoreable(e, '实际完成值未说明是否达成目标', 'the actual does not say whether the target was met');
  }
  const tier = tierFor(pack, status);
  if (!tier) return e;
  e.method = 'qualitative';
  e.rule = names.qualitative;
  e.tier = tierBand(tier, weight);
  inputs.tier = tier.name;
  if (!reading.certain) {
    e.certainty = 'guessed';
    const w = reading.word ?? ind.actual?.text.trim() ?? '';
    e.guessReason = guessDetail(ind, w, tier.name);
    inputs.guessedFrom = w;
  }
  return e;
}

/** Department rubric texts (RULES.md §4); `rate` is a known completion rate for the indicator, if any. */
export function evaluateCriteria(ind: Indicator, weight: Dec, pack: RulePack, rate: Dec | null): Evaluation {
  const text = ind.criteria?.text ?? '';
  const rule = parseCriteria(text, weight, { content: ind.content?.text ?? '' });
  const inputs: Record<string, string> = { weight: weightText(weight), criteria: text.trim() };
  const e = base(ruleName(pack, `criteria.${rule.pattern}`), inputs);
  e.method = 'criteria';
  e.criteriaPattern = rule.pattern;
  e.criteriaSummary = { zh: rule.summary, en: rule.summaryEn };
  e.allowed = rule.allowed;
  if (rate && rule.scoreForRate) {
    inputs.rate = `${show(rate.mul(100), 2)}%`;
    e.expected = clamp(rule.scoreForRate(rate), ZERO, weight);
    e.detail = criteriaDetail(rule.summary, rule.summaryEn, inputs.rate);
  }
  return e;
}
