/**
 * The core's public surface, and the only door hosts use: a SheetSnapshot in, a SheetReport out,
 * plus the finding registry, rule packs, write-back plans, templates and number formatting hosts
 * render with. Nothing here imports Office.js, the DOM or Node.
 */
export type { SheetSnapshot, CellValue, CellRange } from './snapshot.js';
export { toA1, parseA1, rangeToA1, parseRangeA1, columnName, Grid } from './snapshot.js';
export type * from './report.js';
export { RULE_PACKS, DEFAULT_PACK, getPack, isRulePackName, UnknownRulePackError } from './rules/packs.js';
export type { RulePack, RulePackName } from './rules/packs.js';
export { checkSheet } from './check.js';
export type { CheckOptions } from './check.js';
export { suggestPack } from './detect.js';

// The finding registry and the one order findings are listed in.
export {
  FINDING_RULES,
  FINDING_CODES,
  SEVERITY,
  CODE_TITLES,
  SEVERITY_ORDER,
  findingMeta,
  isFindingCode,
  codeRank,
  sortFindings,
  compareFindings,
  findingComparator,
} from './findings.js';
export type { FindingRule, RuleMeta, RuleContext, Report as RuleReport, Text as RuleText } from './rules/types.js';
export { interpolate } from './rules/interpolate.js';
export type { MessageData, MessageValue, Lang } from './rules/interpolate.js';

// Rule packs as validated data.
export { validatePack, MOF_GRADES, SEED001_GRADES } from './rules/packs.js';
export type { GradeBand, GradeScheme, Tier, RuleSource, PackRuleKey, OptionalRuleKey, PackSignature } from './rules/packs.js';

// Write-back plans, suggestions and undo records (decided here, applied by hosts).
export {
  planWriteBack,
  planTickedWriteBack,
  changedSince,
  valueToWrite,
  displayValue,
  suggestionFor,
  SUGGESTION_CODES,
  RATE_DECIMALS,
  RATE_FORMAT,
  UNDO_DEPTH,
  unchangedBy,
  undoCell,
  stillAsWritten,
  parseUndoStack,
  pushUndo,
} from './writeback-plan.js';
export type { AggregateRole, ChangedCell, PlannedWrite, Suggestion, CellState, UndoCell, UndoRecord } from './writeback-plan.js';

// Blank templates: model, builders, the formula mini-language and rendering helpers.
export * from './template.js';

// Number formats and decimals hosts display with.
export { formatNumber, formatGeneral, isPercentFormat, isDateFormat } from './numfmt.js';
export { D, show, str, roundTo } from './decimal.js';
export type { Dec } from './decimal.js';

// Review verdicts and the findings of each form.
export { verdictOf, findingsByForm, VERDICTS } from './verdict.js';
export type { Verdict } from './verdict.js';
