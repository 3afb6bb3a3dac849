/**
 * 写回合计 / 撤销写回 / 采用建议值 on top of Office.js. What to write is decided in the core
 * (src/core/writeback-plan.ts); this file only reads the cells' exact state, writes, and keeps the
 * undo record in the workbook's own settings (Office.context.document.settings), so 撤销写回 still
 * works after the workbook was closed and reopened.
 *
 * Round trips:
 * - preview: none (it is computed from the last check's reports);
 * - apply / 采用建议值: 1 sync — each cell's formula, value and number format are loaded in the same
 *   batch, before the write, so the undo record holds exactly what was there. Only if a cell turned
 *   out to hold a formula nobody allowed to overwrite (the sheet changed since the check) is a second
 *   sync spent putting that formula straight back;
 * - undo: 2 syncs — read the cells (a cell the user changed since the write is left alone), write
 *   back the old formulas, values and number formats.
 */
import {
  parseA1,
  parseUndoStack,
  planWriteBack,
  pushUndo,
  stillAsWritten,
  suggestionFor,
  toA1,
  unchangedBy,
  undoCell,
  type CellState,
  type Finding,
  type PlannedWrite,
  type SheetReport,
  type UndoCell,
  type UndoRecord,
} from '../core/index.js';
import { HostError, type UndoOutcome, type WriteOutcome } from '../host/index.js';
import { saveEntries } from './document-settings.js';
import { syncOr } from './sync.js';

export type { UndoOutcome, WriteOutcome };

export const UNDO_KEY = 'hefen.writeBackUndo';

/** The cells 写回合计 would change, from the last check's reports; no round trip. */
export function previewWriteBack(reports: readonly SheetReport[]): PlannedWrite[] {
  return planWriteBack(reports);
}

function readStack(): UndoRecord[] {
  return parseUndoStack(Office.context.document.settings.get(UNDO_KEY));
}

/** How many writes 撤销写回 can take back (read from the workbook's settings; no round trip). */
export function undoDepth(): number {
  return readStack().length;
}

interface Write {
  sheet: string;
  cell: string;
  value: number | string;
  numberFormat: string | null;
  /** The user allowed this cell's formula to be replaced. */
  formulaAllowed: boolean;
}

function stateOf(r: Excel.Range): CellState {
  const f = r.formulas[0][0];
  const v = r.values[0][0];
  const isFormula = typeof f === 'string' && f.startsWith('=');
  return {
    formula: isFormula ? f : null,
    value: isFormula || v === '' || v === undefined ? null : (v as string | number | boolean),
    numberFormat: String(r.numberFormat[0][0] ?? 'General'),
  };
}

/** "$G$43" → "G43"; throws a RangeError on anything that is not one cell. */
function bareCell(cell: string): string {
  const { row, col } = parseA1(cell);
  return toA1(row, col);
}

/** Queue putting one cell back to `before` (text stays text: it is written under the "@" format). */
function queueRestore(range: Excel.Range, before: UndoCell['before'], currentFormat: string): void {
  const format = before.numberFormat ?? currentFormat;
  if (before.formula !== undefined) {
    range.formulas = [[before.formula]];
    if (before.numberFormat !== undefined) range.numberFormat = [[format]];
    return;
  }
  const v = before.value ?? '';
  if (typeof v === 'string' && v !== '') {
    range.numberFormat = [['@']];
    range.values = [[v]];
    range.numberFormat = [[format]];
  } else {
    range.values = [[v]];
    if (before.numberFormat !== undefined) range.numberFormat = [[format]];
  }
}

/**
 * Write `writes` in one sync, reading each cell's exact state in the same batch; record what
 * changed as one undo entry of `kind`.
 */
async function write(writes: Write[], kind: UndoRecord['kind']): Promise<WriteOutcome> {
  if (writes.length === 0) return { status: 'written', written: [], unchanged: [], skipped: [], undoDepth: undoDepth() };
  const result = await Excel.run(async (context) => {
    const sheets = new Map<string, Excel.Worksheet>();
    const sheetOf = (name: string) => {
      let ws = sheets.get(name);
      if (!ws) {
        ws = context.workbook.worksheets.getItem(name);
        sheets.set(name, ws);
      }
      return ws;
    };
    const queued = writes.map((w) => {
      const ws = sheetOf(w.sheet);
      const before = ws.getRange(w.cell).load('formulas,values,numberFormat');
      const target = ws.getRange(w.cell);
      target.values = [[w.value]];
      if (w.numberFormat !== null) target.numberFormat = [[w.numberFormat]];
      return { w, before, target };
    });
    await syncOr(context, 'write-failed', '写回失败：无法写入单元格（工作表可能受保护或已被删除）。');

    // Each written cell's undo entry, with the number format it had (to put text back under it).
    const outcome: WriteOutcome & { cells: UndoCell[]; formats: string[] } = { status: 'written', written: [], unchanged: [], skipped: [], undoDepth: 0, cells: [], formats: [] };
    const restore: { target: Excel.Range; state: CellState }[] = [];
    for (const { w, before, target } of queued) {
      const state = stateOf(before);
      const at = { sheet: w.sheet, cell: bareCell(w.cell) };
      if (state.formula !== null && !w.formulaAllowed) {
        // The cell holds a formula the preview did not show (the sheet changed since the check).
        restore.push({ target, state });
        outcome.skipped.push({ ...at, reason: 'formula' });
      } else if (unchangedBy(state, w)) {
        outcome.unchanged.push(at);
      } else {
        outcome.written.push(at);
        outcome.cells.push(undoCell(at.sheet, at.cell, state, w));
        outcome.formats.push(state.numberFormat);
      }
    }
    for (const { target, state } of restore) {
      target.formulas = [[state.formula as string]];
      target.numberFormat = [[state.numberFormat]];
    }
    if (restore.length) await syncOr(context, 'write-failed', '写回失败：无法恢复含公式的单元格。');
    return outcome;
  });

  const { cells, formats, ...outcome } = result;
  const previous = readStack();
  if (cells.length === 0) return { ...outcome, undoDepth: previous.length };
  const record: UndoRecord = { version: 1, id: newId(), kind, at: new Date().toISOString(), cells };
  const stack = pushUndo(previous, record);
  try {
    await saveEntries({ [UNDO_KEY]: stack });
  } catch (e) {
    // No write without its undo record: put the cells back and say so.
    Office.context.document.settings.set(UNDO_KEY, previous);
    await Excel.run(async (context) => {
      cells.forEach((u, i) => queueRestore(context.workbook.worksheets.getItem(u.sheet).getRange(u.cell), u.before, formats[i]));
      await syncOr(context, 'write-failed', '无法保存撤销记录，且恢复写回前的内容失败。');
    });
    throw new HostError('settings-failed', '无法把撤销记录保存到工作簿中，已恢复写回前的内容，未做任何更改。', { cause: e });
  }
  return { ...outcome, undoDepth: stack.length };
}

function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Write the ticked items (`overwrite: true`) in one sync. A cell holding a formula is written only
 * when its item says so and the preview showed the formula (`formula` set); any other formula is
 * left exactly as it was.
 */
export async function applyWriteBack(items: readonly PlannedWrite[]): Promise<WriteOutcome> {
  const writes: Write[] = items
    .filter((i) => i.overwrite)
    .map((i) => ({
      sheet: i.sheet,
      cell: i.cell,
      value: i.value,
      numberFormat: i.numberFormat,
      formulaAllowed: i.formula !== null,
    }));
  return write(writes, 'totals');
}

export class NoSuggestionError extends HostError {
  constructor(readonly finding: Finding) {
    super('write-failed', `这条结果没有可采用的建议值：${finding.code} @ ${finding.cell}`);
    this.name = 'NoSuggestionError';
  }
}

/**
 * 采用建议值: write the rules' score into the finding's score cell (one sync, undoable like a
 * write-back). A formula there is only replaced with `overwriteFormula`.
 */
export async function applySuggestion(finding: Finding, options: { overwriteFormula?: boolean } = {}): Promise<WriteOutcome> {
  const s = suggestionFor(finding);
  if (!s) throw new NoSuggestionError(finding);
  return write(
    [{ sheet: s.sheet, cell: s.cell, value: s.value, numberFormat: null, formulaAllowed: options.overwriteFormula === true }],
    'suggestion',
  );
}

/**
 * 撤销写回: put back the cells of the newest write exactly as they were (formula, or value, and
 * number format where the write changed it). A cell edited by hand since the write, or on a sheet
 * deleted since, is left alone.
 */
export async function undoWriteBack(): Promise<UndoOutcome> {
  const stack = readStack();
  const record = stack[stack.length - 1];
  if (!record) return { restored: [], changedSince: [], undoDepth: 0 };
  const outcome = await Excel.run(async (context) => {
    const reads = await readCells(context, record.cells);
    const res: UndoOutcome = { restored: [], changedSince: [], undoDepth: 0 };
    for (const { u, range } of reads) {
      const at = { sheet: u.sheet, cell: u.cell };
      const state = range ? stateOf(range) : null;
      if (!range || !state || !stillAsWritten(state, u)) {
        res.changedSince.push(at);
        continue;
      }
      queueRestore(range, u.before, state.numberFormat);
      res.restored.push(at);
    }
    if (res.restored.length) await syncOr(context, 'write-failed', '撤销写回失败：无法写入单元格（工作表可能受保护）。');
    return res;
  });
  const next = stack.slice(0, -1);
  try {
    await saveEntries({ [UNDO_KEY]: next });
  } catch (e) {
    // The cells are back; only the record in the file still lists this write (undoing it again
    // later finds the cells changed and leaves them alone).
    throw new HostError('settings-failed', `已撤销写回（${outcome.restored.length} 个单元格），但无法更新工作簿中的撤销记录。`, { cause: e });
  }
  return { ...outcome, undoDepth: next.length };
}

/**
 * Load the recorded cells (one sync). When a recorded sheet was deleted that read fails; then the
 * sheet names are read and only the cells on sheets that still exist are loaded again.
 */
async function readCells(
  context: Excel.RequestContext,
  cells: UndoCell[],
): Promise<{ u: UndoCell; range: Excel.Range | null }[]> {
  const load = (keep: (sheet: string) => boolean) =>
    cells.map((u) => ({
      u,
      range: keep(u.sheet) ? context.workbook.worksheets.getItem(u.sheet).getRange(u.cell).load('formulas,values,numberFormat') : null,
    }));
  const first = load(() => true);
  try {
    await context.sync();
    return first;
  } catch {
    const sheets = context.workbook.worksheets.load('items/name');
    await syncOr(context, 'read-failed', '撤销写回失败：无法读取工作表列表。');
    const names = new Set(sheets.items.map((ws) => ws.name));
    const second = load((sheet) => names.has(sheet));
    await syncOr(context, 'read-failed', '撤销写回失败：无法读取写回过的单元格。');
    return second;
  }
}
