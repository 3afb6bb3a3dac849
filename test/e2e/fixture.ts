/**
 * The workbook the end-to-end test opens: seed 002's form (test/fixtures/seeds.ts), read the way
 * the CLI reads an .xlsx file (worksheetToSnapshot), turned into the fake Office's in-memory
 * workbook. Runs in Node; the result is plain JSON handed to the page.
 */
import { worksheetToSnapshot } from '../../src/xlsx/index.js';
import { parseRangeA1, rangeToA1, toA1, type CellValue, type SheetSnapshot } from '../../src/core/snapshot.js';
import { seed002 } from '../fixtures/seeds.js';
import type { FakeCell, FakeSheet, FakeWorkbook } from '../support/fake-office.js';

export function snapshotToFakeSheet(s: SheetSnapshot, id = `{${s.sheet}}`): FakeSheet {
  const cells: Record<string, FakeCell> = {};
  s.values.forEach((row, i) =>
    row.forEach((value, j) => {
      const formula = s.formulas?.[i]?.[j] ?? null;
      if (value === null && !formula) return;
      const cell: FakeCell = { value };
      const text = s.text?.[i]?.[j];
      if (text !== undefined && text !== String(value)) cell.text = text;
      const fmt = s.numberFormat?.[i]?.[j];
      if (fmt && fmt !== 'General') cell.numberFormat = fmt;
      if (formula) cell.formula = formula;
      cells[toA1(s.top + i, s.left + j)] = cell;
    }),
  );
  return { name: s.sheet, id, visibility: 'Visible', cells, merges: s.merges.map(rangeToA1), conditionalFormats: [] };
}

export function seed002Workbook(): FakeWorkbook {
  const ws = seed002().worksheets[0];
  const sheet = snapshotToFakeSheet(worksheetToSnapshot(ws));
  return { sheets: [sheet], activeSheet: sheet.name, selection: null, settings: {} };
}

/**
 * The fake's sheet as a host reads it (values, displayed text, number formats, formulas, merges over
 * the used cells), to work out in Node what the engine must find on the sheet the pane checked.
 */
export function fakeSheetToSnapshot(s: FakeSheet): SheetSnapshot {
  const at = Object.keys(s.cells).map(parseRangeA1);
  const top = 0;
  const left = 0;
  const bottom = Math.max(0, ...at.map((r) => r.bottom));
  const right = Math.max(0, ...at.map((r) => r.right));
  const grid = <V>(f: (cell: FakeCell | undefined) => V): V[][] =>
    Array.from({ length: bottom - top + 1 }, (_, r) => Array.from({ length: right - left + 1 }, (_, c) => f(s.cells[toA1(top + r, left + c)])));
  return {
    sheet: s.name,
    top,
    left,
    values: grid((c) => (c?.value === undefined || c.value === '' ? null : (c.value as CellValue))),
    text: grid((c) => c?.text ?? (c?.value === undefined || c.value === null ? '' : String(c.value))),
    numberFormat: grid((c) => c?.numberFormat ?? 'General'),
    formulas: grid((c) => c?.formula ?? null),
    merges: s.merges.map(parseRangeA1),
  };
}
