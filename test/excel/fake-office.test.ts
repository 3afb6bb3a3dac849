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
});
