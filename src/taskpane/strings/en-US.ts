/**
 * Every string the pane shows in English (Excel running in English). Typed as the Chinese pack's
 * `Strings`: leaving a string out here is a type error.
 */
import { CODE_TITLES, MAX_TEMPLATE_ROWS, type AggregateRole } from '../../core/index.js';
import type { Strings } from './zh-CN.js';

/** The engine labels aggregate cells in Chinese; in English the role says what the cell is. */
const ROLE_EN: Record<AggregateRole, string> = {
  'level-score': 'subtotal',
  'level-weight': 'weight subtotal',
  'total-score': 'total',
  'total-weight': 'total weight',
  'execution-rate': 'execution rate',
  'execution-score': 'execution score',
  'funds-total-score': 'total on the funds row',
  grade: 'grade',
};

export const enUS: Strings = {
  locale: 'en-US',
  appName: 'Hefen',
  check: 'Check scores',
  checking: 'Checking…',
  clearing: 'Clearing highlights…',
  wholeWorkbook: 'Whole workbook',
  clear: 'Clear highlights',
  settings: 'Settings',
  rulePack: 'Rule pack',
  highlightIn: 'Highlight in the sheet',
  settingsRemembered: 'Settings are saved with this workbook.',
  severity: { error: 'Errors', warning: 'Warnings', info: 'Notes' },
  formKind: { project: 'Project self-evaluation form', department: 'Department self-evaluation form' },
  total: 'Total',
  declared: 'Declared',
  summed: 'Summed',
  recomputed: 'Recomputed',
  computed: 'Computed',
  executionRate: 'Budget execution rate',
  executionScore: 'Execution score',
  weight: 'Weight',
  grade: 'Grade',
  weightTotal: 'Weights total',
  rules: 'Rule pack',
  empty: '(empty)',
  noForm: (sheet) => `No performance self-evaluation form found on sheet “${sheet}”.`,
  noFindings: 'No problems found.',
  findings: (n) => (n === 1 ? '1 problem found' : `${n} problems found`),
  prev: 'Previous',
  next: 'Next',
  position: (i, n) => `${i} of ${n}`,
  highlighted: (n) => (n === 1 ? 'Highlighted 1 cell.' : n ? `Highlighted ${n} cells.` : 'Nothing to highlight.'),
  cleared: (n) => (n === 1 ? 'Removed 1 highlight.' : n ? `Removed ${n} highlights.` : 'No highlights to remove.'),
  failed: {
    check: 'Could not check the sheet: ',
    clear: 'Could not clear the highlights: ',
    select: 'Could not go to that cell: ',
    settings: 'Could not save the settings: ',
    adopt: 'Could not use the suggested score: ',
    'write-back': 'Could not write back the totals: ',
    undo: 'Could not undo the write-back: ',
    template: 'Could not insert the template: ',
  },
  errors: {
    'read-failed': 'the workbook could not be read.',
    'write-failed': 'the cells could not be written (the sheet may be protected or deleted).',
    'settings-failed': 'the workbook’s settings could not be saved.',
    'select-failed': 'the cell could not be selected (the sheet may have been deleted or renamed).',
  },
  errorsDuring: {
    check: {
      'read-failed': 'Could not read the worksheet.',
      'write-failed': 'Could not add or remove highlights; the sheet may be protected.',
    },
    clear: { 'write-failed': 'Could not remove the highlights; the sheet may be protected.' },
    settings: { 'settings-failed': 'Could not save the settings into the workbook.' },
    // The host puts the cells back when it cannot record how to undo the write.
    adopt: {
      'write-failed': 'Could not use the suggested score: the cell could not be written (the sheet may be protected or deleted).',
      'settings-failed': 'Nothing was written: the undo record could not be saved in the workbook.',
    },
    'write-back': { 'settings-failed': 'Nothing was written: the undo record could not be saved in the workbook.' },
    undo: { 'settings-failed': 'The cells were restored, but the undo record in the workbook could not be updated.' },
    template: {
      'read-failed': 'Could not insert the template: the list of sheets could not be read.',
      'write-failed': 'Could not insert the template: the new sheet could not be written (the workbook may be protected).',
    },
  },
  detail: (excel) => ` (${excel})`,
  warnings: {
    'merges-unavailable':
      'Merged cells could not be read (older Excel or too many merged areas); recognition may be incomplete.',
    'record-not-saved':
      'The highlights are in place but could not be recorded in the workbook; after reopening, check again before clearing.',
  },
  codeTitle: (code) => CODE_TITLES[code].en,
  message: (f) => f.messageEn || f.message,
  sections: 'Hefen',
  sectionResults: 'Results',
  sectionWriteBack: 'Write back',
  sectionTemplate: 'Blank template',
  withCount: (label, n) => `${label} (${n})`,
  checkFirst: 'Click “Check scores” first: the write-back lists the cells to change from the last check.',
  adopt: 'Use suggested score',
  adoptLabel: (cell, value) => `Use the suggested score: set ${cell} to ${value}`,
  adopting: 'Writing the suggested score…',
  adopted: (cell, value) => `Used the suggested score: ${cell} set to ${value} (undo it under “Write back”).`,
  adoptSkipped: (cell) => `${cell} holds a formula and was left as it is.`,
  writeBack: {
    title: 'Write back totals',
    intro: 'These cells differ from what the rules give. Tick the cells to write; cells holding a formula start unticked and are overwritten only when ticked.',
    none: 'Subtotals, total, execution rate and score and grade all agree with the rules: nothing to write.',
    empty: '(empty)',
    item: (where, from, to, role) => `${where}: ${from} → ${to} (${role})`,
    formula: (f) => `holds the formula ${f}; ticking replaces it with the value`,
    apply: (n) => `Write back totals (${n})`,
    applying: 'Writing…',
    written: (o) =>
      `Wrote ${o.written.length} cell(s)` +
      (o.unchanged.length ? `; ${o.unchanged.length} already held the value` : '') +
      '. Use “Undo write-back” to restore them.',
    skipped: (cells) => `These cells became formulas after the check and were not written: ${cells}.`,
    undo: 'Undo write-back',
    undoing: 'Undoing…',
    undone: (o) => `Undone: ${o.restored.length} cell(s) restored to their values or formulas.`,
    changedSince: (cells) => `These cells were edited after the write-back and were left as they are: ${cells}.`,
    nothingToUndo: 'There is no write-back to undo.',
    suggested: (n) =>
      `${n === 1 ? 'One indicator score differs' : `${n} indicator scores differ`} from the scoring rules. ` +
      'The totals add up the scores as they stand and change when a suggested score is used: ' +
      'use “Use suggested score” on those findings under “Results” first, then write back the totals.',
    showFindings: 'Go to Results',
    role: (p, level) => (level ? `${level} ${ROLE_EN[p.role]}` : ROLE_EN[p.role]),
  },
  template: {
    title: 'Insert a blank template',
    kind: 'Form',
    project: 'Project self-evaluation form (national layout)',
    department: 'Department self-evaluation form (common framework)',
    rows: 'Blank rows per level-2 indicator',
    rowsHint: `1 to ${MAX_TEMPLATE_ROWS} rows; blank rows get placeholder weights (output, benefit, satisfaction per the rule pack) to adjust.`,
    rowsInvalid: `Enter a whole number from 1 to ${MAX_TEMPLATE_ROWS}.`,
    year: 'Year (optional)',
    yearInvalid: 'Enter a four-digit year, or leave it empty.',
    rules: (title) => `Rule pack: ${title}`,
    insert: 'Insert blank template',
    inserting: 'Inserting…',
    inserted: (r) => `Inserted the new sheet “${r.sheet}” (${r.range}); existing sheets are unchanged.`,
    warnings: {
      'validation-unavailable': 'This Excel has no data validation: score cells have no allowed range.',
      'page-layout-unavailable': 'This Excel has no page setup: set A4 portrait, fit to one page wide by hand.',
    },
  },
};
