/**
 * Rule packs (RULES.md §6): every number the scoring uses lives here, not in code.
 * A pack is plain data; `getPack` resolves a name and fails with a typed error for unknown names.
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
  };
}

const MOF_GRADES: GradeScheme = {
  id: 'mof',
  title: '财政部：优 ≥90，良 ≥80，中 ≥60，差 <60',
  bands: [
    { name: '优', aliases: ['优秀'], min: '90' },
    { name: '良', aliases: ['良好'], min: '80' },
    { name: '中', aliases: ['中等', '合格'], min: '60' },
    { name: '差', aliases: ['较差', '不合格'], min: '0' },
  ],
};

const NATIONAL_TIERS: Tier[] = [
  { name: '达成', status: 'met', min: '0.8', max: '1', minInclusive: true, maxInclusive: true },
  { name: '部分达成', status: 'partial', min: '0.6', max: '0.8', minInclusive: true, maxInclusive: false },
  { name: '未达成', status: 'unmet', min: '0', max: '0.6', minInclusive: true, maxInclusive: false },
];

const national: RulePack = {
  name: 'national',
  title: '全国通用（财政部）',
  titleEn: 'National (Ministry of Finance)',
  project: {
    level1Weights: { 产出指标: '50', 效益指标: '30', 满意度指标: '10' },
    executionWeight: '10',
    totalWeight: '100',
  },
  execution: { cap: '1' },
  negativeFormula: 'ratio',
  equalityAs: 'positive',
  qualitativeTiers: NATIONAL_TIERS,
  overAchievement: '1.2',
  grades: { project: MOF_GRADES, department: MOF_GRADES },
  tolerance: { scoreMinDecimals: 2 },
};

const hubei: RulePack = {
  ...national,
  name: 'hubei',
  title: '湖北（预算执行率 20 分，定性 80/50）',
  titleEn: 'Hubei (execution 20 points, tiers 80/50)',
  project: {
    // Hubei moves 10 points to budget execution; the other level-1 weights shrink to 40/30/10.
    level1Weights: { 产出指标: '40', 效益指标: '30', 满意度指标: '10' },
    executionWeight: '20',
    totalWeight: '100',
  },
  qualitativeTiers: [
    { name: '达成', status: 'met', min: '0.8', max: '1', minInclusive: true, maxInclusive: true },
    { name: '部分达成', status: 'partial', min: '0.5', max: '0.8', minInclusive: true, maxInclusive: false },
    { name: '未达成', status: 'unmet', min: '0', max: '0.5', minInclusive: true, maxInclusive: false },
  ],
};

const platform: RulePack = {
  ...national,
  name: 'platform',
  title: '预算一体化平台（反向指标线性扣分）',
  titleEn: 'Budget platform (linear negative formula)',
  negativeFormula: 'linear',
};

export const RULE_PACKS: Record<RulePackName, RulePack> = { national, hubei, platform };

export const DEFAULT_PACK: RulePackName = 'national';

export class UnknownRulePackError extends Error {
  constructor(readonly requested: string) {
    super(`未知的规则包：${requested}（可用：${Object.keys(RULE_PACKS).join('、')}）`);
    this.name = 'UnknownRulePackError';
  }
}

export function isRulePackName(name: string): name is RulePackName {
  return Object.prototype.hasOwnProperty.call(RULE_PACKS, name);
}

export function getPack(name: string = DEFAULT_PACK): RulePack {
  if (!isRulePackName(name)) throw new UnknownRulePackError(name);
  return RULE_PACKS[name];
}

/** Seed 001's department bands, used when a sheet states them. */
export const SEED001_GRADES: GradeScheme = {
  id: 'seed001',
  title: '优秀 ≥85，良好 ≥75，一般 ≥60，较差 <60',
  bands: [
    { name: '优秀', aliases: ['优'], min: '85' },
    { name: '良好', aliases: ['良'], min: '75' },
    { name: '一般', aliases: ['中', '中等', '合格'], min: '60' },
    { name: '较差', aliases: ['差', '不合格'], min: '0' },
  ],
};
