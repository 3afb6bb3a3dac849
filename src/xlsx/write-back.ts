/**
 * 写回合计 on an ExcelJS workbook: the plan comes from the core (planWriteBack over the check's
 * reports); this writes exactly those cells and leaves every other cell, style and merge as
 * ExcelJS read it. A cell holding a formula is replaced only when its item says so (`overwrite`
 * on an item planned for that formula). Where the workbook came from and where it goes is the
 * host's business (src/cli/write-totals.ts for files).
 *
 * ExcelJS does not calculate: formulas that depend on a written cell keep their old cached result,
 * so a workbook with anything written is marked to be fully recalculated when Excel opens it.
 */
import ExcelJS from 'exceljs';
import { displayValue, type PlannedWrite } from '../core/index.js';

export class WriteTotalsError extends Error {
  constructor(
    readonly code: 'same-file' | 'no-output' | 'no-sheet',
    message: string,
  ) {
    super(message);
    this.name = 'WriteTotalsError';
  }
}

export interface AppliedWrites {
  written: { sheet: string; cell: string; old: string | null; new: string }[];
  /** Items not written: a formula without `overwrite`, or an item the user left unticked. */
  skipped: { sheet: string; cell: string; reason: 'formula' | 'unticked' }[];
}

export type WriteItem = Pick<PlannedWrite, 'sheet' | 'cell' | 'value' | 'numberFormat' | 'overwrite' | 'role'> &
  Partial<Pick<PlannedWrite, 'formula'>>;

function hasFormula(cell: ExcelJS.Cell): boolean {
  return cell.type === ExcelJS.ValueType.Formula;
}

function oldText(cell: ExcelJS.Cell, role: PlannedWrite['role']): string | null {
  if (hasFormula(cell)) return `=${cell.formula}`;
  const v = cell.value;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string') return displayValue(role, v);
  return cell.text;
}

/**
 * Write the items into a loaded workbook. Items come from planWriteBack: an item with
 * `overwrite: false` is skipped ('unticked'); a cell that holds a formula is written only when the
 * item was planned for that formula (`formula` set) and is ticked.
 */
export function applyWrites(wb: ExcelJS.Workbook, items: readonly WriteItem[]): AppliedWrites {
  const result: AppliedWrites = { written: [], skipped: [] };
  for (const item of items) {
    if (!item.overwrite) {
      result.skipped.push({ sheet: item.sheet, cell: item.cell, reason: 'unticked' });
      continue;
    }
    const ws = wb.getWorksheet(item.sheet);
    if (!ws) throw new WriteTotalsError('no-sheet', `找不到工作表“${item.sheet}”。`);
    const cell = ws.getCell(item.cell);
    if (hasFormula(cell) && !item.formula) {
      result.skipped.push({ sheet: item.sheet, cell: item.cell, reason: 'formula' });
      continue;
    }
    const old = oldText(cell, item.role);
    cell.value = item.value;
    if (item.numberFormat) cell.numFmt = item.numberFormat;
    result.written.push({ sheet: item.sheet, cell: item.cell, old, new: displayValue(item.role, item.value) as string });
  }
  // ExcelJS keeps stale cached results in formulas that depend on a written cell.
  if (result.written.length) wb.calcProperties.fullCalcOnLoad = true;
  return result;
}
