/**
 * The workbook the end-to-end test opens: seed 002's form (test/fixtures/seeds.ts), read the way
 * the CLI reads an .xlsx file (worksheetToSnapshot), turned into the fake Office's in-memory
 * workbook. Runs in Node; the result is plain JSON handed to the page.
 */
import { worksheetToSnapshot } from '../../src/cli/xlsx-snapshot.js';
import { rangeToA1, toA1, type SheetSnapshot } from '../../src/core/snapshot.js';
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
