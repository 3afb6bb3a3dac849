/**
 * The shape of a rule pack (docs/rules.md §Rule packs): every number the scoring uses, each with
 * where it comes from. A pack is plain data; `validatePack` says whether it is coherent.
 */
export type RulePackName = 'national' | 'hubei' | 'platform' | 'sichuan' | 'guangxi' | 'hebei' | 'zhejiang' | 'gansu' | 'anhui' | 'shanxi';

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
  /** false: the rule's data is in the pack (`pending`) but the engine does not apply it yet. */
  implemented?: false;
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

/** Rules only some packs hold; a pack that sets one must name its source too. */
export type OptionalRuleKey =
  | 'project.checkWeightSum'
  | 'project.level1Combined'
  | 'project.executionWeightFixed'
  | 'execution.reasonBelow'
  | 'deviationReasonAt'
  | 'signature';

/**
 * What a province's layout looks like (pack detection, src/core/detect-pack.ts): every part given
 * must hold for the pack to be suggested.
 */
export interface PackSignature {
  /** The execution block's weight. */
  executionWeight?: string;
  /** The indicators' weight sum. */
  indicatorWeight?: string;
  /** Column roles the indicator table must have (指标性质, 度量单位). */
  columns?: string[];
  /** Header words of which at least `minWords` must be the table's headers (完成值, 权重, …). */
  words?: string[];
  minWords?: number;
  /** Why, for the report. */
  reason: { zh: string; en: string };
}

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
    /** false: the weights' sum is not checked (浙江 scores against 设定权重). Default true. */
    checkWeightSum?: boolean;
    /**
     * Level-1 weights fixed only as a group (湖北: 效益 + 满意度 40): their sum is compared with
     * `weight`, not each level with `level1Weights` (which still gives templates their split).
     */
    level1Combined?: { levels: string[]; weight: string }[];
    /** The execution weight may not be adjusted (甘肃, seed 002 note 2): the warning says so. */
    executionWeightFixed?: boolean;
  };
  /**
   * Execution-rate score = min(rate, cap) × weight. `reasonBelow`: a rate under it needs a stated
   * reason (四川: 0.9).
   */
  execution: { cap: string; reasonBelow?: string };
  /** An actual at or above this share of its target needs a deviation reason (广西: 1.3). */
  deviationReasonAt?: string;
  /** The layout that suggests this pack (pack detection). */
  signature?: PackSignature;
  /**
   * Province rules the engine does not apply yet, as data; each has a source under
   * `pending.<key>` marked `implemented: false`.
   */
  pending?: Record<string, string>;
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
  sources: Record<PackRuleKey, RuleSource> & Partial<Record<OptionalRuleKey, RuleSource>> & { [pending: `pending.${string}`]: RuleSource };
}
