/**
 * The shape of a rule pack (docs/rules.md §Rule packs): every number the scoring uses, each with
 * where it comes from. A pack is plain data; `validatePack` says whether it is coherent.
 */
export type RulePackName = 'national' | 'hubei' | 'platform';

export interface Tier {
  /** 达成 / 部分达成 / 未达成 */
  name: string;
  status: 'met' | 'partial' | 'unmet';
  /** Share of the weight, as decimal strings. */
  min: string;
  max: string;
  minInclusive: boolean;
  maxInclusive: boolean;
}

export interface GradeBand {
  name: string;
  /** Words that mean the same grade on other forms (优秀 for 优). */
  aliases: string[];
  /** Lower bound, inclusive. */
  min: string;
}

export interface GradeScheme {
  id: string;
  title: string;
  /** Highest band first. */
  bands: GradeBand[];
}

/**
 * Where a rule comes from, as docs/rules.md tags it: a seed form, a published form or notice
 * (src), the budget-integration platform's behaviour, or widely quoted but unconfirmed (?).
 */
export interface RuleSource {
  tag: 'seed' | 'src' | 'platform' | '?';
  ref: string;
}

/** Every rule a pack holds; each must name its source. */
export type PackRuleKey =
  | 'project.level1Weights'
  | 'project.executionWeight'
  | 'project.totalWeight'
  | 'execution.cap'
  | 'negativeFormula'
  | 'equalityAs'
  | 'qualitativeTiers'
  | 'overAchievement'
  | 'grades'
  | 'tolerance';

export interface RulePack {
  name: RulePackName;
  title: string;
  titleEn: string;
  project: {
    /** Standard level-1 weights by canonical level-1 name. */
    level1Weights: Record<string, string>;
    executionWeight: string;
    /** The total every form's weights must add to. */
    totalWeight: string;
  };
  /** Execution-rate score = min(rate, cap) × weight. */
  execution: { cap: string };
  /** 'ratio': target/actual × weight; 'linear': (1 − (actual − target)/target) × weight, 0 at twice the target. */
  negativeFormula: 'ratio' | 'linear';
  /** Equality targets score like positive ones (platform behaviour). */
  equalityAs: 'positive';
  qualitativeTiers: Tier[];
  /** actual ≥ threshold × target on a positive indicator is flagged for review. */
  overAchievement: string;
  grades: { project: GradeScheme; department: GradeScheme };
  tolerance: {
    /** Scores and weights are compared at the declared precision but never at fewer decimals than this. */
    scoreMinDecimals: number;
    /** Execution rates (as fractions: 0.67 is 2 decimals) are compared at no fewer decimals than this. */
    rateMinDecimals: number;
  };
  sources: Record<PackRuleKey, RuleSource>;
}
