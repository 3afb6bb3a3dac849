/**
 * The core's public surface: hosts give a SheetSnapshot, get a SheetReport.
 * Nothing here imports Office.js, the DOM or Node.
 */
export type { SheetSnapshot, CellValue, CellRange } from './snapshot.js';
export { toA1, parseA1, rangeToA1, parseRangeA1, columnName } from './snapshot.js';
export type * from './report.js';
export { RULE_PACKS, DEFAULT_PACK, getPack, isRulePackName, UnknownRulePackError } from './rules/packs.js';
export type { RulePack, RulePackName } from './rules/packs.js';
export { checkSheet } from './check.js';
export type { CheckOptions } from './check.js';
