/**
 * What the core hands back to every host: plain data, decimals as strings, cells as A1 addresses
 * (the top-left cell of a merged area, without the sheet name). The CLI prints it as JSON; the
 * task pane renders it; the Excel adapter highlights and writes from it.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Derived from the registry of finding rules (rules/registry.ts): one code per rule module. */
export type { FindingCode } from './rules/registry.js';
import type { FindingCode } from './rules/registry.js';
import type { RulePackName } from './rules/packs/types.js';

/** The value 采用建议值 writes, set by the rule that found the contradiction. */
export interface FindingSuggestion {
  /** A1 address on the finding's sheet. */
  cell: string;
  /** A number as a string, to the pack's precision. */
  value: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  cell: string;
  /** Plain-Chinese explanation. */
  message: string;
  /** The same explanation in English, for Excel running in English. */
  messageEn: string;
  declared: string | null;
  expected: string | null;
  /** Indicator path (一级, 二级, 三级) or the block the finding is about (["预算执行率"]). */
  path: string[];
  /** The figures the rule used, by name: target, actual, weight, rate, … */
  inputs: Record<string, string>;
  /** Which rule produced it: "national/project.positive", "national/criteria.checklist", … (for people; code reads the other fields). */
  rule: string;
  /** What 采用建议值 would write; null when the rule suggests nothing. Absent in reports made before it existed. */
  suggestion?: FindingSuggestion | null;
  /**
   * The root finding this one follows from (same sheet; docs/rules.md §Root causes): the root has the
   * fix, this one carries none that could contradict it. null when it is a root or stands alone;
   * absent in reports made before it existed.
   */
  causedBy?: FindingCause | null;
}

/** Where a consequence's root finding is: its cell and code on the same sheet. */
export interface FindingCause {
  cell: string;
  code: FindingCode;
}

export type FormKind = 'project' | 'department';

export interface CellFigure {
  cell: string | null;
  declared: string | null;
}

export interface IndicatorReport {
  path: string[];
  weight: string | null;
  declared: string | null;
  recomputed: string | null;
  /** How the score was recomputed: "positive", "negative", "qualitative", "criteria:checklist", … */
  method: string;
  cells: {
    name: string | null;
    score: string | null;
    weight: string | null;
    target?: string | null;
    actual?: string | null;
    explanation?: string | null;
    criteria?: string | null;
  };
  target?: string | null;
  actual?: string | null;
}

/** A cell the recogniser identified as an aggregate, with the value the rules give it. */
export interface AggregateCell {
  cell: string;
  role:
    | 'level-score'
    | 'level-weight'
    | 'total-score'
    | 'total-weight'
    | 'execution-rate'
    | 'execution-score'
    | 'funds-total-score'
    | 'grade';
  /** Human label for previews: "产出指标 小计得分", "总分", … */
  label: string;
  declared: string | null;
  /** The value the cell should hold; a number as a string, or a grade word. */
  expected: string;
  /** The declared cell holds a formula. */
  formula: string | null;
  /** The declared value already says what the rules say, at the precision it is written in. */
  agrees: boolean;
}

export interface FormReport {
  sheet: string;
  kind: FormKind;
  range: string;
  title: string | null;
  rules: string;
  total: { cell: string | null; declared: string | null; sum: string; recomputed: string };
  weightTotal: string;
  executionRate: {
    cell: string | null;
    declared: string | null;
    computed: string | null;
    budget: string | null;
    executed: string | null;
    score: { cell: string | null; weight: string | null; declared: string | null; computed: string | null };
  };
  grade: { cell: string | null; declared: string | null; computed: string; scheme: string };
  indicators: IndicatorReport[];
  aggregates: AggregateCell[];
  /**
   * A province pack the layout's signature points to, when it is not the pack in use (the
   * `rules-pack-suggested` finding says the same); never applied by itself. Absent in older reports.
   */
  suggestedRules?: PackSuggestion | null;
}

/** Which pack a form's layout suggests, and why. */
export interface PackSuggestion {
  pack: RulePackName;
  reason: { zh: string; en: string };
}

export interface SheetReport {
  sheet: string;
  forms: FormReport[];
  findings: Finding[];
}
