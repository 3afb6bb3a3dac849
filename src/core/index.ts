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

// --- Added for the hosts (issue 7, host half): what src/excel, src/taskpane, src/cli, src/xlsx,
// src/host, bench and scripts use, so that none of them imports a core module directly.
export { CODE_TITLES, SEVERITY, SEVERITY_ORDER, sortFindings } from './findings.js';
export { formatNumber } from './numfmt.js';
export {
  planWriteBack,
  displayValue,
  suggestionFor,
  parseUndoStack,
  pushUndo,
  stillAsWritten,
  unchangedBy,
  undoCell,
} from './writeback-plan.js';
export type { PlannedWrite, Suggestion, CellState, UndoCell, UndoRecord, AggregateRole } from './writeback-plan.js';
export {
  TEMPLATE_STYLES,
  DEFAULT_TEMPLATE_ROWS,
  MAX_TEMPLATE_ROWS,
  buildTemplate,
  evaluateTemplate,
  formulaOf,
  uniqueSheetName,
  columnWidthPoints,
  styleAreas,
  templateFormulas,
  templateNumberFormats,
  templateRange,
} from './template.js';
export type { TemplateDescription, TemplateOptions, TemplateStyle, TemplateKind } from './template.js';
