/**
 * Is a rule pack coherent? Every pack shipped is run through this in a test, and a pack built
 * elsewhere (a province added later) can be checked the same way before use. Returns the problems
 * in Chinese; an empty list means the pack is usable.
 */
import { D } from '../../decimal.js';
import type { GradeScheme, OptionalRuleKey, RulePack, PackRuleKey } from './types.js';

const RULE_KEYS: PackRuleKey[] = [
  'project.level1Weights',
  'project.executionWeight',
  'project.totalWeight',
  'execution.cap',
  'negativeFormula',
  'equalityAs',
  'qualitativeTiers',
  'overAchievement',
  'grades',
  'tolerance',
];

/**
 * Rules whose breach is an error: none of them may rest on an unconfirmed [?] source, so a [?]
 * rule only ever feeds warnings (RULES.md §6).
 */
const ERROR_KEYS: (PackRuleKey | OptionalRuleKey)[] = [
  'project.totalWeight',
  'project.checkWeightSum',
  'execution.cap',
  'negativeFormula',
  'equalityAs',
  'qualitativeTiers',
  'grades',
  'tolerance',
];

function optionalProblems(pack: RulePack): string[] {
  const out: string[] = [];
  const present: Record<OptionalRuleKey, boolean> = {
    'project.checkWeightSum': pack.project.checkWeightSum !== undefined,
    'project.level1Combined': pack.project.level1Combined !== undefined,
    'project.executionWeightFixed': pack.project.executionWeightFixed !== undefined,
    'execution.reasonBelow': pack.execution.reasonBelow !== undefined,
    deviationReasonAt: pack.deviationReasonAt !== undefined,
    signature: pack.signature !== undefined,
  };
  for (const [key, set] of Object.entries(present) as [OptionalRuleKey, boolean][]) {
    if (set && !pack.sources[key]?.ref) out.push(`规则“${key}”缺少出处`);
  }
  for (const g of pack.project.level1Combined ?? []) {
    const missing = g.levels.filter((l) => !(l in pack.project.level1Weights));
    if (missing.length) out.push(`合并分值的一级指标“${missing.join('、')}”不在一级指标分值中`);
    else if (!isDecimal(g.weight) || !g.levels.reduce((s, l) => s.plus(pack.project.level1Weights[l]), new D(0)).eq(g.weight)) {
      out.push(`“${g.levels.join('+')}”合计 ${g.weight} 与其一级指标分值之和不符`);
    }
  }
  const below = pack.execution.reasonBelow;
  if (below !== undefined && (!isDecimal(below) || new D(below).lte(0) || new D(below).gt(1))) out.push(`执行率说明阈值 ${below} 应在 (0, 1] 之内`);
  const at = pack.deviationReasonAt;
  if (at !== undefined && (!isDecimal(at) || new D(at).lt(pack.overAchievement))) out.push(`偏差说明阈值 ${at} 应不低于超额完成阈值 ${pack.overAchievement}`);
  const sig = pack.signature;
  if (sig && (!sig.reason.zh || !sig.reason.en || [sig.executionWeight, sig.indicatorWeight].some((w) => w !== undefined && !isDecimal(w)))) {
    out.push('表样特征的分值不是数字或缺少说明');
  }
  for (const key of Object.keys(pack.pending ?? {})) {
    const src = pack.sources[`pending.${key}`];
    if (!src?.ref) out.push(`未实施的规则“${key}”缺少出处`);
    else if (src.implemented !== false) out.push(`未实施的规则“${key}”应标明 implemented: false`);
  }
  for (const key of ERROR_KEYS) {
    if (pack.sources[key]?.ref && pack.sources[key]?.tag === '?') out.push(`规则“${key}”出处未经证实（[?]），只能提示警告，不能据以报错`);
  }
  return out;
}

function isDecimal(s: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(s);
}

function tierProblems(pack: RulePack): string[] {
  const tiers = pack.qualitativeTiers;
  const out: string[] = [];
  if (!tiers.length) return ['定性档次为空'];
  if (tiers.some((t) => !isDecimal(t.min) || !isDecimal(t.max))) return ['定性档次的上下限不是数字'];
  // Highest first; each tier starts where the one above ends, with exactly one side including the cut.
  const top = tiers[0];
  if (!new D(top.max).eq(1) || !top.maxInclusive) out.push('最高档次应以 100%（含）为上限');
  tiers.forEach((t, i) => {
    if (new D(t.min).gt(t.max)) out.push(`档次“${t.name}”的下限高于上限`);
    const below = tiers[i + 1];
    if (!below) return;
    if (!new D(below.max).eq(t.min)) out.push(`档次“${t.name}”与“${below.name}”之间有空隙或重叠`);
    else if (below.maxInclusive === t.minInclusive) out.push(`档次“${t.name}”与“${below.name}”的分界点 ${t.min} 应恰好属于其中一档`);
  });
  const last = tiers[tiers.length - 1];
  if (!new D(last.min).eq(0) || !last.minInclusive) out.push('最低档次应以 0（含）为下限');
  return out;
}

function gradeProblems(label: string, scheme: GradeScheme): string[] {
  const out: string[] = [];
  if (!scheme.bands.length) return [`${label}等级为空`];
  scheme.bands.forEach((b, i) => {
    if (!isDecimal(b.min)) out.push(`${label}等级“${b.name}”的下限不是数字`);
    else if (i > 0 && !new D(b.min).lt(scheme.bands[i - 1].min)) out.push(`${label}等级应按下限从高到低排列（“${b.name}”）`);
  });
  const last = scheme.bands[scheme.bands.length - 1];
  if (isDecimal(last.min) && !new D(last.min).eq(0)) out.push(`${label}最低等级应以 0 为下限`);
  return out;
}

export function validatePack(pack: RulePack): string[] {
  const out: string[] = [];
  const { level1Weights, executionWeight, totalWeight } = pack.project;
  const numbers = [...Object.values(level1Weights), executionWeight, totalWeight, pack.execution.cap, pack.overAchievement];
  if (numbers.some((n) => !isDecimal(n))) return ['规则包中有不是数字的分值或阈值'];
  const sum = Object.values(level1Weights).reduce((s, w) => s.plus(w), new D(executionWeight));
  if (!sum.eq(totalWeight)) out.push(`一级指标分值 + 预算执行率分值 = ${sum.toFixed()}，应为总分 ${totalWeight}`);
  const cap = new D(pack.execution.cap);
  if (cap.gt(1) || cap.lte(0)) out.push(`预算执行率得分上限 ${pack.execution.cap} 应在 (0, 1] 之内`);
  if (!new D(pack.overAchievement).gt(1)) out.push(`超额完成阈值 ${pack.overAchievement} 应大于 1`);
  out.push(...tierProblems(pack));
  out.push(...gradeProblems('项目表', pack.grades.project), ...gradeProblems('部门表', pack.grades.department));
  const { scoreMinDecimals, rateMinDecimals } = pack.tolerance;
  if (!Number.isInteger(scoreMinDecimals) || scoreMinDecimals < 0) out.push('得分精度应为非负整数');
  if (!Number.isInteger(rateMinDecimals) || rateMinDecimals < 0) out.push('执行率精度应为非负整数');
  for (const key of RULE_KEYS) if (!pack.sources?.[key]?.ref) out.push(`规则“${key}”缺少出处`);
  out.push(...optionalProblems(pack));
  return out;
}
