/**
 * `hefen check FILE --write-totals --out OUT.xlsx [--in-place]`: the write-back on a copy of the
 * file. The plan comes from the core (planWriteBack over the check's reports); this writes exactly
 * those cells with ExcelJS and leaves every other cell, style and merge as ExcelJS read it.
 * A cell holding a formula is replaced only when its item says so (`overwrite`); the original file
 * is never written unless `inPlace` is given.
 *
 * ExcelJS does not calculate: formulas that depend on a written cell keep their old cached result
 * in the copy, so the copy is marked to be fully recalculated when Excel opens it.
 */
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { PlannedWrite } from '../core/writeback-plan.js';
import { displayValue } from '../core/writeback-plan.js';

export class WriteTotalsError extends Error {
  constructor(
    readonly code: 'same-file' | 'no-output' | 'no-sheet',
    message: string,
  ) {
    super(message);
    this.name = 'WriteTotalsError';
  }
}

export interface WriteTotalsOptions {
  /** Write into `inPath` itself (outPath is then ignored). */
  inPlace?: boolean;
}

export interface WriteTotalsResult {
  path: string;
  written: { sheet: string; cell: string; old: string | null; new: string }[];
  /** Items not written: a formula without `overwrite`, or an item the user left unticked. */
  skipped: { sheet: string; cell: string; reason: 'formula' | 'unticked' }[];
}

type Item = Pick<PlannedWrite, 'sheet' | 'cell' | 'value' | 'numberFormat' | 'overwrite' | 'role'> & Partial<Pick<PlannedWrite, 'formula'>>;

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
export function applyWrites(wb: ExcelJS.Workbook, items: readonly Item[]): Omit<WriteTotalsResult, 'path'> {
  const result: Omit<WriteTotalsResult, 'path'> = { written: [], skipped: [] };
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

/** Where the written workbook goes: `outPath`, or the input itself only with `inPlace`. */
export function writeTarget(inPath: string, outPath: string | null, options: WriteTotalsOptions = {}): string {
  const target = options.inPlace ? inPath : outPath;
  if (!target) throw new WriteTotalsError('no-output', '写回合计需要用 --out 指定输出文件（或用 --in-place 直接改写原文件）。');
  if (!options.inPlace && resolve(target) === resolve(inPath)) {
    throw new WriteTotalsError('same-file', `输出文件与输入文件相同：${inPath}。如需直接改写原文件，请使用 --in-place。`);
  }
  return target;
}

/** Copy `inPath` to `outPath` (or rewrite it in place) with the items written. */
export async function writeTotalsToCopy(
  inPath: string,
  outPath: string | null,
  items: readonly Item[],
  options: WriteTotalsOptions = {},
): Promise<WriteTotalsResult> {
  const target = writeTarget(inPath, outPath, options);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(inPath);
  return saveWrites(wb, target, applyWrites(wb, items), options);
}

/** Save the workbook; in place, a file with nothing to change is not rewritten at all. */
export async function saveWrites(
  wb: ExcelJS.Workbook,
  target: string,
  result: Omit<WriteTotalsResult, 'path'>,
  options: WriteTotalsOptions = {},
): Promise<WriteTotalsResult> {
  if (!(options.inPlace && result.written.length === 0)) await wb.xlsx.writeFile(target);
  return { path: target, ...result };
}
