/**
 * The fake must fail where Excel fails, or the adapter tests prove nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSheet, fakeWorkbook, installFakeOffice, type FakeOffice } from '../support/fake-office.js';
import { formSheet } from './helpers.js';

let fake: FakeOffice | null = null;
afterEach(() => fake?.uninstall());

describe('the fake Office', () => {
  it('reads properties only after load and sync', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet()]));
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange('C3');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load('values');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(range.values).toEqual([[0.67]]);
      expect(() => range.text).toThrow(/PropertyNotLoaded/);
    });
  });

  it('fails the batch when `custom` is loaded while rules of other types exist (office-js #2180)', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet()]));
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange().conditionalFormats.load('items/custom/rule/formula');
        await context.sync();
      }),
    ).rejects.toThrow(/not permitted/);
  });

  it('refuses to select on a sheet that is not active', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet(), fakeSheet('Sheet2', [[1]])]));
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet2').getRange('A1').select();
        await context.sync();
      }),
    ).rejects.toThrow(/not active/);
  });

  it('runs what is still queued when the batch returns, and counts it', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet(), fakeSheet('Sheet2', [[1]])]));
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet2').activate();
    });
    expect(fake.workbook.activeSheet).toBe('Sheet2');
    expect(fake.syncCount).toBe(1);
  });

  it('keeps unsaved settings out of the file', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet()]));
    Office.context.document.settings.set('a', 1);
    expect(fake.savedCopy().settings).toEqual({});
    await new Promise<void>((resolve) => Office.context.document.settings.saveAsync(() => resolve()));
    expect(fake.savedCopy().settings).toEqual({ a: 1 });
  });

  it('runs a batch in order: a load queued before a write reads the old state', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet()]));
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const before = ws.getRange('C4').load('values');
      ws.getRange('C4').values = [[90]];
      const after = ws.getRange('C4').load('values');
      expect(fake!.workbook.sheets[0].cells.C4.value).toBe(94.5); // nothing happens before the sync
      await context.sync();
      expect(before.values).toEqual([[94.5]]);
      expect(after.values).toEqual([[90]]);
    });
    // the user's own formatting stays
    expect(fake.workbook.sheets[0].cells.C4).toEqual({ value: 90, format: { fill: '#FFFF00', bold: true } });
  });

  it('refuses a write whose array does not match the range, like Excel', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet()]));
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange('A1:B1').values = [[1]];
        await context.sync();
      }),
    ).rejects.toThrow(/does not match the range size 1×2/);
  });

  it('reads text written to `values` like typed input, except in cells formatted as text', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([fakeSheet('Sheet1', [[2]])]));
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.getRange('B1:E1').values = [['12.5', '80%', '=A1*3', '第1名']];
      ws.getRange('F1').numberFormat = [['@']];
      ws.getRange('F1').values = [['80%']];
    });
    const c = fake.workbook.sheets[0].cells;
    expect(c.B1).toEqual({ value: 12.5 });
    expect(c.C1).toEqual({ value: 0.8, numberFormat: '0%', text: '80%' });
    expect(c.D1).toEqual({ value: 6, formula: '=A1*3' });
    expect(c.E1).toEqual({ value: '第1名' });
    expect(c.F1).toEqual({ value: '80%', numberFormat: '@' });
  });

  it('recalculates a formula when it or one of its inputs is written, through chains of formulas', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([fakeSheet('Sheet1', [[87.5, 7]])]));
    const range = (a1: string) => fake!.workbook.sheets[0].cells[a1];
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.getRange('C1:F1').formulas = [['=SUM(A1:B1)', '=IF(C1="","",IF(C1>=90,"优","良"))', '=IFERROR(ROUND(A1/G1,4),"")', '=TODAY()']];
      const read = ws.getRange('C1:E1').load('values');
      await context.sync();
      expect(read.values).toEqual([[94.5, '优', '']]);
      ws.getRange('B1').values = [[4.66]];
      read.load('values');
      await context.sync();
      expect(read.values).toEqual([[92.16, '优', '']]); // exact, as Excel shows it: not 92.16000000000001
      ws.getRange('G1').values = [[3]];
    });
    expect(range('E1').value).toBe(29.1667);
    // a function the fake cannot calculate shows nothing, and keeps what it showed once written over
    expect(range('F1')).toEqual({ formula: '=TODAY()' });
  });

  it('merges, formats, validates, sets up the page and adds sheets only at sync, within the API sets', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet()]), { excelApi: '1.8' });
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const ws = sheets.add('自评表');
      ws.getRange('A1:C1').merge();
      ws.getRange('A2:B3').merge(true);
      const f = ws.getRange('A1:A2').format;
      f.font.bold = true;
      f.borders.getItem('EdgeTop').style = 'Continuous';
      ws.getRange('B5').dataValidation.rule = { decimal: { formula1: 0, formula2: 5, operator: 'Between' } };
      expect(fake!.workbook.sheets).toHaveLength(1);
      await context.sync();
      const added = fake!.workbook.sheets[1];
      expect(added).toMatchObject({ name: '自评表', visibility: 'Visible', merges: ['A1:C1', 'A2:B2', 'A3:B3'] });
      expect(added.cells.A2.format).toEqual({ 'font.bold': true, 'borders.EdgeTop.style': 'Continuous' });
      expect(added.cells.B1).toBeUndefined();
      expect(added.validations).toEqual({ B5: { rule: { decimal: { formula1: 0, formula2: 5, operator: 'Between' } } } });

      ws.getRange('B1:B2').merge();
      await expect(context.sync()).rejects.toThrow(/overlaps a merged area/);
      sheets.add('自评表');
      await expect(context.sync()).rejects.toThrow(/ItemAlreadyExists/);
      ws.pageLayout.orientation = 'Portrait';
      await expect(context.sync()).rejects.toThrow(/pageLayout needs ExcelApi 1.9/);
    });
  });

  it('addresses whole columns and rows', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([formSheet()]));
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const cols = ws.getRange('B:C').load('address,rowCount,columnCount');
      const rows = ws.getRange('$2:$3').load('address,rowCount,columnCount');
      await context.sync();
      expect([cols.address, cols.rowCount, cols.columnCount]).toEqual(['Sheet1!B1:C1048576', 1048576, 2]);
      expect([rows.address, rows.rowCount, rows.columnCount]).toEqual(['Sheet1!A2:XFD3', 2, 16384]);
      // formats are recorded cell by cell: the fake refuses whole columns rather than fill memory
      ws.getRange('B:C').format.columnWidth = 40;
      await expect(context.sync()).rejects.toThrow(/refuses B1:C1048576/);
    });
  });
});
