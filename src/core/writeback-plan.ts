/**
 * 写回合计 and 采用建议值, decided without any host: which aggregate cells a write-back would
 * change, what it writes there, and the undo record that puts every cell back exactly. The Excel
 * adapter (src/excel/write-back.ts) and the command line (src/cli/write-totals.ts, through the patch writer) both apply these
 * plans; neither decides anything of its own.
 *
 * Only cells the recogniser identified as aggregates (FormReport.aggregates) are ever planned:
 * subtotals, totals, the execution rate and its score, the grade. Indicator rows, targets and
 * actuals never are. A cell the core found already agreeing with the rules (`agrees`: at its own
 * precision, never looser than the pack's score precision: 67% agrees with 66.55%) is left alone,
 * so writing twice changes nothing the second time. A cell holding a formula is planned but not
 * ticked: writing over a formula needs the user's explicit tick. On a form where nothing is scored
 * yet (a blank template) empty totals and grades are left empty.
 */
import { D, roundTo, str } from './decimal.js';
import type { AggregateCell, Finding, FindingCode, FormReport, SheetReport } from './report.js';
import { RULE_PACKS, isRulePackName } from './rules/packs.js';
import { FINDING_RULES, findingMeta, isFindingCode } from './rules/registry.js';

export type AggregateRole = AggregateCell['role'];

/** One cell a write-back would change. */
export interface PlannedWrite extends AggregateCell {
  sheet: string;
  /** What is written: a number (scores, rates) or a grade word. */
  value: number | string;
  /** `value` as the preview shows it ("66.55%", "92.16", "良"). */
  display: string;
  /** The declared value as the preview shows it; null for an empty cell. */
  displayOld: string | null;
  /** Number format set together with the value (rates that were not shown as a percentage), else null. */
  numberFormat: string | null;
  /** Ticked in the preview; false for cells that hold a formula. */
  overwrite: boolean;
}

/** Decimal places a written rate keeps: 0.01 % (0.6655 shows as 66.55%). */
export const RATE_DECIMALS = 4;
export const RATE_FORMAT = '0.00%';

function packDecimals(rules: string): number {
  return isRulePackName(rules) ? RULE_PACKS[rules].tolerance.scoreMinDecimals : 2;
}

function isNumber(s: string | null): s is string {
  return s !== null && /^-?\d+(\.\d+)?$/.test(s.trim());
}

/** The value written for an aggregate: rates to 0.01 %, scores to the pack's precision, grades as words. */
export function valueToWrite(a: AggregateCell, scoreDecimals = 2): number | string {
  if (a.role === 'grade' || !isNumber(a.expected)) return a.expected;
  const dp = a.role === 'execution-rate' ? RATE_DECIMALS : scoreDecimals;
  return Number(str(roundTo(new D(a.expected), dp)));
}

/** How the preview shows a value of this role: rates as percentages, the rest as written. */
export function displayValue(role: AggregateRole, v: number | string | null): string | null {
  if (v === null || v === '') return null;
  if (role === 'execution-rate' && (typeof v === 'number' || isNumber(v))) {
    return `${str(roundTo(new D(v).mul(100), 2))}%`;
  }
  return typeof v === 'number' ? (str(new D(v)) as string) : v;
}

/**
 * Every aggregate cell that does not agree with the rules, in sheet order, one entry per cell.
 * Formula cells come unticked.
 */
export function planWriteBack(reports: readonly SheetReport[]): PlannedWrite[] {
  const out: PlannedWrite[] = [];
  const seen = new Set<string>();
  for (const report of reports) {
    for (const form of report.forms) {
      const dp = packDecimals(form.rules);
      // Nothing scored yet (a blank form or template): an empty total or grade has nothing to show.
      const scored = form.indicators.some((i) => i.declared !== null) || form.executionRate.score.declared !== null;
      for (const a of form.aggregates) {
        const key = `${report.sheet}!${a.cell}`;
        if (seen.has(key) || a.agrees || (!scored && a.declared === null)) continue;
        seen.add(key);
        const value = valueToWrite(a, dp);
        out.push({
          ...a,
          sheet: report.sheet,
          value,
          display: displayValue(a.role, value) as string,
          displayOld: displayValue(a.role, a.declared),
          numberFormat: a.role === 'execution-rate' ? RATE_FORMAT : null,
          overwrite: a.formula === null,
        });
      }
    }
  }
  return out;
}

/**
 * The preview when only `ticked` cells (keys `${sheet}!${cell}`) are written: each value is what
 * the cell must hold given that every unticked cell keeps what it declares. The written total is
 * the declared indicator scores plus the execution score, so when the execution score stays as
 * declared (unticked), the total and the funds row that holds it follow the declared score. Level
 * subtotals, weights, the rate and the grade depend on no other aggregate cell.
 */
export function planTickedWriteBack(reports: readonly SheetReport[], ticked: ReadonlySet<string>): PlannedWrite[] {
  const plan = planWriteBack(reports);
  const byKey = new Map(plan.map((p) => [`${p.sheet}!${p.cell}`, p]));
  const out = plan.map((p) => ({ ...p, overwrite: ticked.has(`${p.sheet}!${p.cell}`) }));
  for (const report of reports) {
    for (const form of report.forms) {
      const exec = form.aggregates.find((a) => a.role === 'execution-score');
      const planned = exec && byKey.get(`${report.sheet}!${exec.cell}`);
      if (!exec || !planned || ticked.has(`${report.sheet}!${exec.cell}`) || !isNumber(planned.expected)) continue;
      // the execution score keeps its declared value: the total loses the difference
      const shift = new D(planned.expected).minus(isNumber(exec.declared) ? exec.declared : 0);
      const dp = packDecimals(form.rules);
      for (const p of out) {
        if (p.sheet !== report.sheet || !(p.role === 'total-score' || p.role === 'funds-total-score')) continue;
        if (!form.aggregates.some((a) => a.cell === p.cell) || !isNumber(p.expected)) continue;
        const expected = str(new D(p.expected).minus(shift)) as string;
        const value = valueToWrite({ ...p, expected }, dp);
        Object.assign(p, { expected, value, display: displayValue(p.role, value) as string });
      }
    }
  }
  // A total that now equals what it declares stays listed (the list must not change under the
  // user's ticks); writing it finds the cell unchanged.
  return out;
}

export interface ChangedCell {
  sheet: string;
  cell: string;
}

type FigureOf = (f: FormReport) => [string | null | undefined, string | null | undefined][];

/** Every cell a form's figures come from, with what it declared: scores, weights, targets, actuals, funds, aggregates. */
const FORM_INPUTS: FigureOf = (f) => [
  ...f.indicators.flatMap((i): [string | null | undefined, string | null | undefined][] => [
    [i.cells.score, i.declared],
    [i.cells.weight, i.weight],
    [i.cells.target, i.target],
    [i.cells.actual, i.actual],
  ]),
  [f.executionRate.cell, f.executionRate.declared],
  [f.executionRate.score.cell, f.executionRate.score.declared],
  [f.executionRate.score.cell ? `${f.executionRate.score.cell}#weight` : null, f.executionRate.score.weight],
  ['#budget', f.executionRate.budget],
  ['#executed', f.executionRate.executed],
  [f.total.cell, f.total.declared],
  [f.grade.cell, f.grade.declared],
  ...f.aggregates.map((a): [string, string | null] => [a.cell, `${a.declared ?? ''}|${a.formula ?? ''}`]),
];

/**
 * The cells whose figures differ between the check a preview came from (`basis`) and a check of
 * the sheets as they are now (`fresh`), for the sheets in `sheets`. A form that moved, appeared or
 * went away counts as its whole range. Budget and executed amounts have no cell in the report:
 * they are named by the execution-rate cell.
 */
export function changedSince(basis: readonly SheetReport[], fresh: readonly SheetReport[], sheets: readonly string[]): ChangedCell[] {
  const out: ChangedCell[] = [];
  const seen = new Set<string>();
  const add = (sheet: string, cell: string) => {
    const k = `${sheet}!${cell}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ sheet, cell });
    }
  };
  for (const sheet of sheets) {
    const before = basis.find((r) => r.sheet === sheet)?.forms ?? [];
    const now = fresh.find((r) => r.sheet === sheet)?.forms ?? [];
    for (let i = 0; i < Math.max(before.length, now.length); i++) {
      const a = before[i];
      const b = now[i];
      if (!a || !b || a.range !== b.range || a.kind !== b.kind) {
        add(sheet, (a ?? b).range);
        continue;
      }
      const was = new Map<string, string>();
      for (const [cell, v] of FORM_INPUTS(a)) if (cell) was.set(cell, v ?? '');
      const is = new Map<string, string>();
      for (const [cell, v] of FORM_INPUTS(b)) if (cell) is.set(cell, v ?? '');
      for (const cell of new Set([...was.keys(), ...is.keys()])) {
        if (was.get(cell) === is.get(cell)) continue;
        const named = cell.startsWith('#') ? b.executionRate.cell ?? b.range : cell.replace(/#.*$/, '');
        add(sheet, named);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 采用建议值

/** Codes whose findings carry a score to write (the registry's `suggests`). */
export const SUGGESTION_CODES: readonly FindingCode[] = FINDING_RULES.filter((r) => r.meta.suggests).map((r) => r.meta.code);

export interface Suggestion {
  sheet: string;
  cell: string;
  /** The rules' score, to the pack's precision. */
  value: number;
  declared: string | null;
  code: FindingCode;
  path: string[];
}

const A1 = /^[A-Z]{1,3}[1-9]\d*$/;

/**
 * The score 采用建议值 would write for this finding, or null when it suggests none. The rule that
 * made the finding set `suggestion`; a report from before that field existed falls back to the
 * registry's `suggests` and the finding's `expected`.
 */
export function suggestionFor(f: Finding): Suggestion | null {
  let cell: string;
  let value: string;
  if (f.suggestion !== undefined) {
    if (f.suggestion === null) return null;
    ({ cell, value } = f.suggestion);
  } else {
    if (!isFindingCode(f.code) || !findingMeta(f.code).suggests || !isNumber(f.expected)) return null;
    cell = f.cell;
    value = f.expected;
  }
  if (!A1.test(cell) || !isNumber(value)) return null;
  return { sheet: f.sheet, cell, value: Number(value), declared: f.declared, code: f.code, path: f.path };
}

// ---------------------------------------------------------------------------------------------
// Undo records

/** What a cell held: a formula, or a constant (null = empty), and its number format. */
export interface CellState {
  formula: string | null;
  value: string | number | boolean | null;
  numberFormat: string;
}

export interface UndoCell {
  sheet: string;
  cell: string;
  /** Exactly what to put back. */
  before: { formula?: string; value?: string | number | boolean | null; numberFormat?: string };
  /** What the write left there, to tell whether the user changed the cell since. */
  after: { value: string | number; numberFormat?: string };
}

export interface UndoRecord {
  version: 1;
  id: string;
  kind: 'totals' | 'suggestion';
  /** ISO time of the write. */
  at: string;
  cells: UndoCell[];
}

/** How many writes 撤销写回 can take back, newest first. */
export const UNDO_DEPTH = 10;

/** Excel's "General" is the default; an undo entry only remembers a format the write changed. */
function sameFormat(a: string, b: string | null): boolean {
  return b === null || a === b;
}

/** Same content and same type: the text “4.66” is not the number 4.66 (writing one over the other is a change). */
function sameValue(a: unknown, b: number | string): boolean {
  if (typeof b === 'number') return typeof a === 'number' && new D(a).eq(b);
  return typeof a === 'string' && a === b;
}

/** The write changes nothing: the cell holds no formula and already shows this value and format. */
export function unchangedBy(state: CellState, write: { value: number | string; numberFormat: string | null }): boolean {
  return state.formula === null && sameValue(state.value, write.value) && sameFormat(state.numberFormat, write.numberFormat);
}

/** The undo entry for one cell: its formula or its constant, plus its format when the write changes it. */
export function undoCell(
  sheet: string,
  cell: string,
  state: CellState,
  write: { value: number | string; numberFormat: string | null },
): UndoCell {
  const before: UndoCell['before'] = state.formula !== null ? { formula: state.formula } : { value: state.value };
  const after: UndoCell['after'] = { value: write.value };
  if (write.numberFormat !== null && write.numberFormat !== state.numberFormat) {
    before.numberFormat = state.numberFormat;
    after.numberFormat = write.numberFormat;
  }
  return { sheet, cell, before, after };
}

/** Is the cell still as the write left it? (Undo skips cells the user changed since.) */
export function stillAsWritten(state: CellState, u: UndoCell): boolean {
  return state.formula === null && sameValue(state.value, u.after.value) && (u.after.numberFormat === undefined || state.numberFormat === u.after.numberFormat);
}

/** Read a stored stack, dropping anything malformed. */
export function parseUndoStack(raw: unknown): UndoRecord[] {
  const list = typeof raw === 'string' ? safeJson(raw) : raw;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (r): r is UndoRecord =>
      !!r &&
      typeof r === 'object' &&
      (r as UndoRecord).version === 1 &&
      typeof (r as UndoRecord).id === 'string' &&
      Array.isArray((r as UndoRecord).cells) &&
      (r as UndoRecord).cells.every((c) => c && typeof c.sheet === 'string' && typeof c.cell === 'string' && c.before && c.after),
  );
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** Push a record, keeping the newest UNDO_DEPTH. */
export function pushUndo(stack: readonly UndoRecord[], record: UndoRecord): UndoRecord[] {
  return [...stack, record].slice(-UNDO_DEPTH);
}
