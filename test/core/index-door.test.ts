/**
 * src/core/index.ts is the hosts' only door: every name hosts import from the core today is there
 * (values checked at run time, types by the type check of this file).
 */
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/index.js';
import type {
  AggregateCell, CellRange, CellState, CellValue, CheckOptions, Finding, FindingCode, FindingSuggestion, FormKind, FormReport,
  PlannedWrite, RulePack, RulePackName, Severity, SheetReport, SheetSnapshot, Suggestion, TemplateDescription, TemplateKind,
  TemplateOptions, TemplateStyle, UndoCell, UndoRecord, FindingRule, RuleMeta, GradeScheme, Dec,
} from '../../src/core/index.js';

export type HostTypes = [
  AggregateCell, CellRange, CellState, CellValue, CheckOptions, Finding, FindingCode, FindingSuggestion, FormKind, FormReport,
  PlannedWrite, RulePack, RulePackName, Severity, SheetReport, SheetSnapshot, Suggestion, TemplateDescription, TemplateKind,
  TemplateOptions, TemplateStyle, UndoCell, UndoRecord, FindingRule, RuleMeta, GradeScheme, Dec,
];

describe('the core index', () => {
  it('exports the contract names and what hosts use', () => {
    const names = [
      // CONTRACTS.md
      'checkSheet', 'CODE_TITLES', 'SEVERITY', 'sortFindings', 'SEVERITY_ORDER', 'getPack', 'RULE_PACKS', 'DEFAULT_PACK', 'isRulePackName',
      'UnknownRulePackError', 'toA1', 'parseA1', 'rangeToA1', 'parseRangeA1', 'columnName', 'FINDING_RULES', 'findingMeta', 'validatePack',
      'compareFindings',
      // hosts today
      'planWriteBack', 'displayValue', 'suggestionFor', 'formatNumber', 'D', 'show', 'buildTemplate', 'DEFAULT_TEMPLATE_ROWS',
      'MAX_TEMPLATE_ROWS', 'TEMPLATE_STYLES', 'evaluateTemplate', 'formulaOf', 'uniqueSheetName', 'columnWidthPoints', 'styleAreas',
      'templateFormulas', 'templateNumberFormats', 'templateRange', 'Grid',
    ];
    for (const n of names) expect(core, n).toHaveProperty(n);
  });
});
