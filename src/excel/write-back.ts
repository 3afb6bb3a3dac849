/**
 * 写回合计 / 撤销写回 / 采用建议值 on top of Office.js. What to write is decided in the core
 * (src/core/writeback-plan.ts); this file only reads the cells' exact state, writes, and keeps the
 * undo record in the workbook's own settings (Office.context.document.settings), so 撤销写回 still
 * works after the workbook was closed and reopened.
 *
 * Round trips:
 * - preview: none (it is computed from the last check's reports);
 * - apply (写回合计): 2 syncs — read the items' sheets again and check them (stale: stop here,
 *   nothing written), then write; the undo record is saved between the two. A write failing
 *   part-way costs a third sync that puts every target back;
 * - 采用建议值: 1 sync — each cell's formula, value and number format are loaded in the same
 *   batch, before the write, so the undo record holds exactly what was there. Only if a cell turned
 *   out to hold a formula nobody allowed to overwrite (the sheet changed since the check) is a second
 *   sync spent putting that formula straight back;
 * - undo: 2 syncs — read the cells (a cell the user changed since the write is left alone), write
 *   back the old formulas, values and number formats.
 */
import {
  changedSince,
  isRulePackName,
  parseA1,
  planTickedWriteBack,
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
  type SheetSnapshot,
  type UndoCell,
  type UndoRecord,
} from '../core/index.js';
import { HostError, checkSnapshots, type CellRef, type CheckSnapshotsOptions, type UndoOutcome, type WriteOutcome } from '../host/index.js';
import { saveEntries } from './document-settings.js';
import { excelApiSupported } from './office.js';
import { DEFAULT_LIMITS, readSheets, type ReadLimits, type ReadResult } from './read.js';
import { syncOr } from './sync.js';

export type { UndoOutcome, WriteOutcome };

export const UNDO_KEY = 'hefen.writeBackUndo';

/**
 * The cells 写回合计 would change, from the last check's reports; no round trip. With `ticked`,
 * the values are what the sheet holds after writing exactly those cells (src/core/writeback-plan.ts).
 */
export function previewWriteBack(reports: readonly SheetReport[], ticked?: ReadonlySet<string>): PlannedWrite[] {
  return ticked ? planTickedWriteBack(reports, ticked) : planWriteBack(reports);
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

/** Where the verifying read gets its limits from (the host's, so it reads the sheet as the check did). */
export interface VerifyOptions {
  limits?: ReadLimits;
  /** Read merged areas (ExcelApi 1.13), as the check did; defaults to what Excel supports. */
  merges?: boolean;
  /** The scoring engine, as in the check (tests substitute their own). */
  checkSheet?: CheckSnapshotsOptions['checkSheet'];
}

/** What a cell of a snapshot holds (outside the snapshot: empty, General). */
function stateInSnapshot(s: SheetSnapshot, a1: string): CellState {
  const { row, col } = parseA1(a1);
  const r = row - s.top;
  const c = col - s.left;
  const inside = r >= 0 && c >= 0 && r < s.values.length && c < (s.values[r]?.length ?? 0);
  const formula = inside ? (s.formulas?.[r]?.[c] ?? null) : null;
  const v = inside ? s.values[r][c] : '';
  return {
    formula: formula ?? null,
    value: formula !== null || v === '' || v === null || v === undefined ? null : (v as string | number | boolean),
    numberFormat: (inside ? s.numberFormat?.[r]?.[c] : '') || 'General',
  };
}

/**
 * 写回合计: write the ticked items (`overwrite: true`), never from a stale check.
 *
 * Sync 1 reads the items' sheets again, as the check does (plus a chunk per further part of a big
 * sheet); the core checks them; when any target cell or any input of its form (scores, weights,
 * targets, actuals, budget and executed amounts, the execution score, aggregates) differs from
 * `basis`, or the values the same ticks would write differ, nothing is written: status 'stale',
 * with the new check and the cells that changed. Otherwise the undo record is saved first (the
 * workbook's settings), then sync 2 writes. If that sync fails part-way (a sheet renamed, deleted
 * or protected meanwhile), sync 3 puts back every target cell by sheet id and the undo record is
 * taken off again: the workbook is as before and the error says so.
 *
 * A formula is written over only when its item says so and the preview showed it (`formula` set).
 */
export async function applyWriteBack(
  items: readonly PlannedWrite[],
  basis: readonly SheetReport[],
  options: VerifyOptions = {},
): Promise<WriteOutcome> {
  const ticked = items.filter((i) => i.overwrite);
  if (ticked.length === 0) return { status: 'written', written: [], unchanged: [], skipped: [], undoDepth: undoDepth() };
  const sheetNames = [...new Set(ticked.map((i) => i.sheet))];
  const limits = options.limits ?? DEFAULT_LIMITS;
  const merges = options.merges ?? excelApiSupported('1.13');

  return Excel.run(async (context) => {
    const worksheets = sheetNames.map((n) => context.workbook.worksheets.getItem(n));
    let read: ReadResult;
    try {
      read = await readSheets(context, worksheets, [], { ...limits, merges, discover: false });
    } catch (e) {
      throw new HostError('write-failed', `写回前无法重新读取工作表（${sheetNames.join('、')}）：工作表可能已改名或被删除。请重新检查后再写回。未做任何更改。`, { cause: e });
    }
    const fresh = sheetNames.flatMap((name, i) => {
      const rules = basis.find((r) => r.sheet === name)?.forms[0]?.rules;
      return checkSnapshots([read.sheets[i].snapshot], {
        ...(rules && isRulePackName(rules) ? { rules } : {}),
        checkSheet: options.checkSheet,
      }).reports;
    });

    // Stale when an input changed, or the same ticks would now write something else.
    const tickedKeys = new Set(ticked.map((i) => `${i.sheet}!${bareCell(i.cell)}`));
    const changed = changedSince(basis, fresh, sheetNames);
    const again = new Map(planTickedWriteBack(fresh, tickedKeys).map((p) => [`${p.sheet}!${p.cell}`, p]));
    for (const i of ticked) {
      const now = again.get(`${i.sheet}!${bareCell(i.cell)}`);
      if (!now || now.value !== i.value || now.formula !== i.formula) {
        if (!changed.some((c) => c.sheet === i.sheet && c.cell === bareCell(i.cell))) changed.push({ sheet: i.sheet, cell: bareCell(i.cell) });
      }
    }
    if (changed.length) {
      return { status: 'stale', reports: fresh, changed, written: [], unchanged: [], skipped: [], undoDepth: undoDepth() } satisfies WriteOutcome;
    }

    const outcome: WriteOutcome = { status: 'written', written: [], unchanged: [], skipped: [], undoDepth: 0 };
    const cells: UndoCell[] = [];
    const writes: { i: PlannedWrite; at: CellRef; state: CellState; sheetId: string }[] = [];
    for (const i of ticked) {
      const k = sheetNames.indexOf(i.sheet);
      const at = { sheet: i.sheet, cell: bareCell(i.cell) };
      const state = stateInSnapshot(read.sheets[k].snapshot, at.cell);
      if (state.formula !== null && i.formula === null) outcome.skipped.push({ ...at, reason: 'formula' });
      else if (unchangedBy(state, i)) outcome.unchanged.push(at);
      else {
        outcome.written.push(at);
        cells.push(undoCell(at.sheet, at.cell, state, i));
        writes.push({ i, at, state, sheetId: read.sheets[k].id });
      }
    }
    const previous = readStack();
    if (writes.length === 0) return { ...outcome, undoDepth: previous.length };

    // The undo record goes into the workbook before any cell changes.
    const stack = pushUndo(previous, { version: 1, id: newId(), kind: 'totals', at: new Date().toISOString(), cells });
    try {
      await saveEntries({ [UNDO_KEY]: stack });
    } catch (e) {
      Office.context.document.settings.set(UNDO_KEY, previous);
      throw new HostError('settings-failed', '无法把撤销记录保存到工作簿中，因此没有写回，未做任何更改。', { cause: e });
    }

    for (const { i, at } of writes) {
      const target = context.workbook.worksheets.getItem(at.sheet).getRange(at.cell);
      target.values = [[i.value]];
      if (i.numberFormat !== null) target.numberFormat = [[i.numberFormat]];
    }
    try {
      await context.sync();
    } catch (cause) {
      // Some cells may be written: find them (by sheet id, so a renamed sheet is still found) and
      // put back exactly those, as 撤销写回 would.
      let restored = true;
      try {
        const byId = writes.map((w, k) => ({ ...w, u: cells[k] }));
        const reads = await readCellsById(context, byId);
        let queued = 0;
        for (const { w, range } of reads) {
          if (!range || !stillAsWritten(stateOf(range), w.u)) continue;
          queueRestore(range, w.u.before, w.state.numberFormat);
          queued++;
        }
        if (queued) await context.sync();
      } catch {
        restored = false;
      }
      if (restored) {
        await saveEntries({ [UNDO_KEY]: previous }).catch(() => Office.context.document.settings.set(UNDO_KEY, previous));
        throw new HostError('write-failed', '写回失败：工作表在写回时被改名、删除或保护。已恢复写回前的内容，未做任何更改。请重新检查。', { cause });
      }
      // The record stays: 撤销写回 puts back whatever was written.
      throw new HostError('write-failed', '写回失败，且未能自动恢复全部单元格。请点击“撤销写回”恢复已写入的单元格。', { cause });
    }
    return { ...outcome, undoDepth: stack.length };
  });
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
 * Load cells by their sheet's id (one sync; two more when a sheet was deleted meanwhile: list the
 * sheets, load the cells of those that remain).
 */
async function readCellsById<W extends { at: CellRef; sheetId: string }>(
  context: Excel.RequestContext,
  cells: W[],
): Promise<{ w: W; range: Excel.Range | null }[]> {
  const load = (keep: (id: string) => boolean) =>
    cells.map((w) => ({
      w,
      range: keep(w.sheetId) ? context.workbook.worksheets.getItem(w.sheetId).getRange(w.at.cell).load('formulas,values,numberFormat') : null,
    }));
  const first = load(() => true);
  try {
    await context.sync();
    return first;
  } catch {
    const sheets = context.workbook.worksheets.load('items/id');
    await context.sync();
    const ids = new Set(sheets.items.map((ws) => ws.id));
    const second = load((id) => ids.has(id));
    await context.sync();
    return second;
  }
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
