/**
 * The one registry of finding codes, in display order: errors, then warnings, then info; within a
 * severity roughly from the form's arithmetic outwards (scores, sums, execution, grade, then review
 * items). The `FindingCode` type, SEVERITY, CODE_TITLES, the order every host lists findings in and
 * README's 问题代码 table (test/core/readme-registry.test.ts) all derive from this array.
 *
 * Adding a code: a module under codes/, one line here, a spec under test/core/rules/.
 */
import type { Severity } from '../report.js';
import type { FindingRule, RuleMeta, Text } from './types.js';
import { approximateValueMismatch } from './codes/approximate-value-mismatch.js';
import { executionRateMismatch } from './codes/execution-rate-mismatch.js';
import { gradeMismatch } from './codes/grade-mismatch.js';
import { missingDeviationReason } from './codes/missing-deviation-reason.js';
import { nonstandardLevel1Weights } from './codes/nonstandard-level1-weights.js';
import { numberNotReadable } from './codes/number-not-readable.js';
import { overAchievement } from './codes/over-achievement.js';
import { rulesPackSuggested } from './codes/rules-pack-suggested.js';
import { scoreExceedsWeight } from './codes/score-exceeds-weight.js';
import { scoreMismatch } from './codes/score-mismatch.js';
import { scoreNegative } from './codes/score-negative.js';
import { scoreNotAllowedByCriteria } from './codes/score-not-allowed-by-criteria.js';
import { scoreOutOfTier } from './codes/score-out-of-tier.js';
import { scoreTierUncertain } from './codes/score-tier-uncertain.js';
import { subtotalMismatch } from './codes/subtotal-mismatch.js';
import { totalMismatch } from './codes/total-mismatch.js';
import { valueNotScoreable } from './codes/value-not-scoreable.js';
import { weightLabelMismatch } from './codes/weight-label-mismatch.js';
import { weightSubtotalMismatch } from './codes/weight-subtotal-mismatch.js';
import { weightTotalNot100 } from './codes/weight-total-not-100.js';

export const FINDING_RULES = [
  scoreExceedsWeight,
  scoreNegative,
  scoreMismatch,
  scoreOutOfTier,
  scoreNotAllowedByCriteria,
  subtotalMismatch,
  weightSubtotalMismatch,
  weightLabelMismatch,
  totalMismatch,
  weightTotalNot100,
  executionRateMismatch,
  gradeMismatch,
  missingDeviationReason,
  nonstandardLevel1Weights,
  overAchievement,
  approximateValueMismatch,
  scoreTierUncertain,
  numberNotReadable,
  valueNotScoreable,
  rulesPackSuggested,
] as const;

export type FindingCode = (typeof FINDING_RULES)[number]['meta']['code'];

/** Every code, in display order. */
export const FINDING_CODES: readonly FindingCode[] = FINDING_RULES.map((r) => r.meta.code);

const byCode = new Map<string, FindingRule>(FINDING_RULES.map((r) => [r.meta.code, r as unknown as FindingRule]));

export function isFindingCode(code: string): code is FindingCode {
  return byCode.has(code);
}

/** The metadata of a code; throws for a string that is no code (a report from another version). */
export function findingMeta(code: FindingCode): RuleMeta<FindingCode> {
  const rule = byCode.get(code);
  if (!rule) throw new RangeError(`未知的问题代码：${code}`);
  return rule.meta as RuleMeta<FindingCode>;
}

function derive<T>(pick: (meta: RuleMeta) => T): Record<FindingCode, T> {
  return Object.fromEntries(FINDING_RULES.map((r) => [r.meta.code, pick(r.meta as RuleMeta)])) as Record<FindingCode, T>;
}

/** Each code has one severity, whatever produced it. */
export const SEVERITY: Record<FindingCode, Severity> = derive((m) => m.severity);

/** Short titles for grouping findings in reports and the task pane. */
export const CODE_TITLES: Record<FindingCode, Text> = derive((m) => m.title);

/** Position of a code in the display order (unknown codes last). */
export function codeRank(code: string): number {
  const i = (FINDING_CODES as readonly string[]).indexOf(code);
  return i < 0 ? FINDING_CODES.length : i;
}
