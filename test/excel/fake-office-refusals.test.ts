/**
 * The fake refuses what Excel refuses: protected sheets, sheets renamed or deleted under the
 * add-in, and requests or responses over Excel on the web's 5 MB. The pane's failure paths are
 * tested against these, so each refusal is pinned here: its code, what stays done, what does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  FakeOfficeError,
  PAYLOAD_LIMIT_BYTES,
  fakeSheet,
  fakeWorkbook,
  installFakeOffice,
  type FakeOffice,
  type FakeSheet,
} from '../support/fake-office.js';
import { formSheet } from './helpers.js';

let fake: FakeOffice | null = null;
afterEach(() => {
  fake?.uninstall();
  fake = null;
});

function install(...sheets: FakeSheet[]): FakeOffice {
  fake = installFakeOffice(globalThis, fakeWorkbook(sheets));
  return fake;
}

/** The rejection of `run`, which must reject. */
async function failure(run: () => Promise<unknown>): Promise<FakeOfficeError> {
  const e = await run().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected the batch to fail').toBeInstanceOf(FakeOfficeError);
  return e as FakeOfficeError;
}

describe('a protected sheet', () => {
  it('refuses a value written to a locked cell at sync, like OfficeExtension.Error with AccessDenied', async () => {
    const f = install(formSheet('Sheet1'), fakeSheet('Sheet2', [[1]]));
    f.protectSheet('Sheet1');
    const e = await failure(() =>
      Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.getItem('Sheet2').getRange('A1').values = [[2]]; // before: stays done
        sheets.getItem('Sheet1').getRange('C4').values = [[90]];
        sheets.getItem('Sheet2').getRange('A2').values = [[3]]; // after: dropped
        await context.sync();
      }),
    );
    expect(e).toBeInstanceOf(OfficeExtension.Error);
    expect(e.code).toBe('AccessDenied');
    expect(e.code).toBe(Excel.ErrorCodes.accessDenied);
    expect(e.name).toBe('RichApi.Error');
    expect(e.debugInfo).toMatchObject({ code: 'AccessDenied', errorLocation: 'Range.values at C4 (C4 is locked)' });
    expect(e.message).toMatch(/^AccessDenied: You cannot perform the requested operation\. \(the sheet “Sheet1” is protected/);
    const [s1, s2] = f.workbook.sheets;
    expect(s1.cells.C4.value).toBe(94.5);
    expect(s2.cells.A1.value).toBe(2);
    expect(s2.cells.A2).toBeUndefined();
  });

  it('refuses formulas and number formats; unlocked cells take values but not formats', async () => {
    const sheet = formSheet('Sheet1');
    sheet.cells.G9 = { value: 1, format: { 'protection.locked': false } };
    const f = install(sheet);
    f.protectSheet('Sheet1');
    const write = (fn: (ws: Excel.Worksheet) => void) =>
      Excel.run(async (context) => {
        fn(context.workbook.worksheets.getItem('Sheet1'));
        await context.sync();
      });
    expect((await failure(() => write((ws) => (ws.getRange('C4').formulas = [['=1+1']])))).code).toBe('AccessDenied');
    // one locked cell in the range is enough
    expect((await failure(() => write((ws) => (ws.getRange('G8:G9').values = [[5], [6]]))))).toMatchObject({
      code: 'AccessDenied',
      debugInfo: { errorLocation: 'Range.values at G8:G9 (G8 is locked)' },
    });
    expect((await failure(() => write((ws) => (ws.getRange('G9').numberFormat = [['0.00']]))))).toMatchObject({ code: 'AccessDenied' });
    await write((ws) => (ws.getRange('G9').values = [[7]]));
    expect(f.workbook.sheets[0].cells.G9).toEqual({ value: 7, format: { 'protection.locked': false } });
    expect(f.workbook.sheets[0].cells.C4.formula).toBeUndefined();
    expect(f.workbook.sheets[0].cells.G8).toBeUndefined();
  });

  it('refuses adding, changing and deleting conditional formats, and formatting, merging, validating', async () => {
    const f = install(formSheet('Sheet1'));
    f.protectSheet('Sheet1');
    const before = JSON.stringify(f.workbook.sheets[0]);
    const tries: [string, (ws: Excel.Worksheet) => void][] = [
      ['add', (ws) => ws.getRange('C4').conditionalFormats.add(Excel.ConditionalFormatType.custom)],
      ['format', (ws) => (ws.getRange('C4').format.fill.color = '#FF0000')],
      ['merge', (ws) => ws.getRange('B6:C6').merge()],
      ['validation', (ws) => (ws.getRange('C4').dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThan' } })],
    ];
    for (const [what, fn] of tries) {
      const e = await failure(() =>
        Excel.run(async (context) => {
          fn(context.workbook.worksheets.getItem('Sheet1'));
          await context.sync();
        }),
      );
      expect(e.code, what).toBe('AccessDenied');
    }
    // the user's own rules can be read on a protected sheet, but neither deleted nor changed
    for (const change of ['delete', 'formula', 'fill'] as const) {
      const e = await failure(() =>
        Excel.run(async (context) => {
          const cfs = context.workbook.worksheets.getItem('Sheet1').getRange().conditionalFormats.load('items/type');
          await context.sync();
          const custom = cfs.items.find((cf) => cf.type === 'Custom')!;
          if (change === 'delete') custom.delete();
          else if (change === 'formula') custom.custom.rule.formula = '=TRUE';
          else custom.custom.format.fill.color = '#000000';
          await context.sync();
        }),
      );
      expect(e.code, change).toBe('AccessDenied');
    }
    expect(JSON.stringify(f.workbook.sheets[0])).toBe(before);
  });

  it('still reads, selects, and says it is protected', async () => {
    const f = install(formSheet('Sheet1'), fakeSheet('Sheet2', [[1]]));
    f.protectSheet('Sheet1');
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const s1 = sheets.getItem('Sheet1').load('name,protection/protected');
      const s2 = sheets.getItem('Sheet2');
      s2.protection.load('protected');
      const range = s1.getRange('C3:C4').load('values');
      s1.getRange('C4').select();
      await context.sync();
      expect(s1.protection.protected).toBe(true);
      expect(s2.protection.protected).toBe(false);
      expect(range.values).toEqual([[0.67], [94.5]]);
    });
    expect(f.workbook.selection).toEqual({ sheet: 'Sheet1', address: 'C4' });
    f.unprotectSheet('Sheet1');
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('C4').values = [[90]];
    });
    expect(f.workbook.sheets[0].cells.C4.value).toBe(90);
  });

  it('can be protected by the user between two syncs of one batch', async () => {
    const f = install(formSheet('Sheet1'));
    f.beforeSync = (n) => {
      if (n === 2) f.protectSheet('Sheet1');
    };
    const e = await failure(() =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet();
        const read = ws.getRange('C4').load('values');
        await context.sync();
        ws.getRange('C4').values = [[Number(read.values[0][0]) - 1]];
        await context.sync();
      }),
    );
    expect(e.code).toBe('AccessDenied');
    expect(f.syncCount).toBe(2);
    expect(f.workbook.sheets[0].cells.C4.value).toBe(94.5);
  });

  it('the workbook structure protected: no sheet added or deleted', async () => {
    const f = install(formSheet('Sheet1'), fakeSheet('Sheet2', [[1]]));
    f.workbook.structureProtected = true;
    expect((await failure(() => Excel.run(async (c) => void c.workbook.worksheets.add('自评表')))).code).toBe('AccessDenied');
    expect((await failure(() => Excel.run(async (c) => c.workbook.worksheets.getItem('Sheet2').delete()))).code).toBe('AccessDenied');
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Sheet2']);
  });
});

describe('a sheet renamed or deleted under the add-in', () => {
  it('asked for by its old name: ItemNotFound at sync; by its id or a loaded item: still found', async () => {
    const f = install(formSheet('Sheet1', 'id-1'), fakeSheet('Sheet2', [[1]]));
    const items = await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      f.renameSheet('Sheet1', '自评表（终稿）');
      const e = await failure(async () => {
        context.workbook.worksheets.getItem('Sheet1').getRange('C4').values = [[1]];
        await context.sync();
      });
      expect(e.code).toBe(Excel.ErrorCodes.itemNotFound);
      expect(e.message).toMatch(/^ItemNotFound: The requested resource doesn't exist\. \(no worksheet named Sheet1\)/);
      const gone = context.workbook.worksheets.getItemOrNullObject('Sheet1');
      const byId = context.workbook.worksheets.getItem('id-1').load('name');
      const item = sheets.items[0].load('name');
      await context.sync();
      expect(gone.isNullObject).toBe(true);
      return [byId.name, item.name];
    });
    expect(items).toEqual(['自评表（终稿）', '自评表（终稿）']);
    expect(f.workbook.activeSheet).toBe('自评表（终稿）');
    expect(f.workbook.sheets[0].cells.C4.value).toBe(94.5);
  });

  it('deleted between two syncs: every reference to it is ItemNotFound, and its rules are gone', async () => {
    const f = install(formSheet('Sheet1'), formSheet('Sheet2'), fakeSheet('Sheet3', [[1]]));
    f.workbook.activeSheet = 'Sheet2';
    f.beforeSync = (n) => {
      if (n === 2) f.deleteSheet('Sheet2');
    };
    const e = await failure(() =>
      Excel.run(async (context) => {
        const sheets = context.workbook.worksheets.load('items/name');
        await context.sync();
        sheets.items[0].getRange('C4').values = [[1]]; // Sheet1: stays done
        sheets.items[1].getRange('C4').values = [[1]]; // Sheet2: deleted meanwhile
        await context.sync();
      }),
    );
    expect(e.code).toBe('ItemNotFound');
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Sheet3']);
    expect(f.workbook.sheets[0].cells.C4.value).toBe(1);
    expect(f.workbook.activeSheet).toBe('Sheet3'); // the next visible sheet
    f.beforeSync = null;
    expect((await failure(() => Excel.run(async (c) => void c.workbook.worksheets.getItem('Sheet2').load('name')))).code).toBe('ItemNotFound');
  });

  it('Excel keeps one visible sheet; the user cannot take names Excel refuses', async () => {
    const f = install(formSheet('Sheet1'), fakeSheet('Hidden', [[1]], { visibility: 'Hidden' }));
    expect(() => f.deleteSheet('Sheet1')).toThrow(/at least one visible worksheet/);
    expect((await failure(() => Excel.run(async (c) => c.workbook.worksheets.getItem('Sheet1').delete()))).code).toBe('InvalidOperation');
    expect(() => f.renameSheet('Sheet1', 'hidden')).toThrow(/exists/);
    expect(() => f.renameSheet('Sheet1', 'a/b')).toThrow(/does not allow/);
    expect(() => f.renameSheet('Sheet1', 'x'.repeat(32))).toThrow(/does not allow/);
    f.deleteSheet('Hidden');
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('a sheet the add-in deletes itself goes, with what it held', async () => {
    const f = install(formSheet('Sheet1'), formSheet('核分审核意见'));
    f.workbook.selection = { sheet: '核分审核意见', address: 'A1' };
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('核分审核意见').delete();
      await context.sync();
    });
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(f.workbook.selection).toBeNull();
  });
});

describe('the user editing while the add-in waits', () => {
  it('editCell types into a cell between two syncs, and formulas reading it follow', async () => {
    const sheet = fakeSheet('Sheet1', [[2]]);
    sheet.cells.B1 = { value: 6, formula: '=A1*3' };
    const f = install(sheet);
    f.beforeSync = (n) => {
      if (n === 2) f.editCell('Sheet1', '$a$1', '5');
    };
    const seen = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getActiveWorksheet().getRange('A1:B1');
      r.load('values');
      await context.sync();
      const first = r.values[0];
      r.load('values');
      await context.sync();
      return [first, r.values[0]];
    });
    expect(seen).toEqual([
      [2, 6],
      [5, 15],
    ]);
    f.editCell('Sheet1', 'A1', '80%');
    expect(f.workbook.sheets[0].cells.A1).toEqual({ value: 0.8, numberFormat: '0%', text: '80%' });
    f.editCell('Sheet1', 'C1', '=B1+1');
    expect(f.workbook.sheets[0].cells.C1).toEqual({ value: 3.4, formula: '=B1+1' });
    f.editCell('Sheet1', 'A1', null);
    expect(f.workbook.sheets[0].cells.B1.value).toBe(0);
    f.protectSheet('Sheet1');
    expect(() => f.editCell('Sheet1', 'A1', 1)).toThrow(/locked/);
  });
});

describe('the 5 MB cap on what one sync sends and receives', () => {
  /** `rows` cells in column A, each holding `text`. */
  function notes(rows: number, text: string): FakeSheet {
    return fakeSheet(
      'Sheet1',
      Array.from({ length: rows }, () => [text]),
    );
  }

  it('counts the response in bytes of JSON, not in cells: 2,720 notes of 1,500 characters fail', async () => {
    const f = install(notes(2720, '说明'.repeat(750)));
    const e = await failure(() =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange('A1:A2720').load('values,text');
        await context.sync();
      }),
    );
    expect(e.code).toBe(Excel.ErrorCodes.responsePayloadSizeLimitExceeded);
    expect(e.message).toMatch(/^ResponsePayloadSizeLimitExceeded: The response payload size has exceeded the limit/);
    // 2 × 2,720 × 1,500 characters × 3 bytes each in UTF-8, plus quotes and commas
    expect(f.payloads[0].response).toBeGreaterThan(2 * 2720 * 1500 * 3);
    expect(f.payloads[0].response).toBeLessThan(2 * 2720 * 1500 * 3 * 1.01);
  });

  it('the same characters in ASCII fit: it is bytes, not characters', async () => {
    // 1,200 cells × 1,500 characters, values and text: 3.6 MB in ASCII, 10.8 MB in Chinese
    const ascii = install(notes(1200, 'ab'.repeat(750)));
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getActiveWorksheet().getRange('A1:A1200').load('values,text');
      await context.sync();
      expect(r.values).toHaveLength(1200);
    });
    expect(ascii.payloads[0].response).toBeGreaterThan(3_600_000);
    expect(ascii.payloads[0].response).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    ascii.uninstall();
    install(notes(1200, '说明'.repeat(750)));
    expect((await failure(() => Excel.run(async (c) => void c.workbook.worksheets.getActiveWorksheet().getRange('A1:A1200').load('values,text')))).code).toBe(
      'ResponsePayloadSizeLimitExceeded',
    );
  });

  it('adds up every load of the sync; split over two syncs each half fits', async () => {
    const f = install(notes(1200, '说明'.repeat(750))); // 5.4 MB of values alone
    const load = (a1: string) =>
      Excel.run(async (context) => {
        const r = context.workbook.worksheets.getActiveWorksheet().getRange(a1).load('values');
        await context.sync();
        return r.values.length;
      });
    expect((await failure(() => load('A1:A1200'))).code).toBe('ResponsePayloadSizeLimitExceeded');
    f.reset();
    const both = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const top = ws.getRange('A1:A600').load('values');
      await context.sync();
      const bottom = ws.getRange('A601:A1200').load('values');
      await context.sync();
      return top.values.length + bottom.values.length;
    });
    expect(both).toBe(1200);
    expect(f.payloads).toHaveLength(2);
    for (const p of f.payloads) expect(p.response).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it('nothing loaded in a failed sync is readable, even what came before the failure', async () => {
    install(notes(1200, '说明'.repeat(750)), fakeSheet('Sheet2', [[1]]));
    await Excel.run(async (context) => {
      const small = context.workbook.worksheets.getItem('Sheet2').getRange('A1').load('values');
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A1200').load('values');
      await expect(context.sync()).rejects.toThrow(/ResponsePayloadSizeLimitExceeded/);
      expect(() => small.values).toThrow(/PropertyNotLoaded/);
    });
  });

  it('refuses a huge range before building it, whatever it holds', async () => {
    const f = install(fakeSheet('Sheet1', [[1]]));
    const e = await failure(() => Excel.run(async (c) => void c.workbook.worksheets.getActiveWorksheet().getRange('A:Z').load('values')));
    expect(e.code).toBe('ResponsePayloadSizeLimitExceeded');
    // the used range's size alone is a few bytes
    await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getActiveWorksheet().getRange('A:Z').load('rowCount,columnCount');
      await context.sync();
      expect([used.rowCount, used.columnCount]).toEqual([1048576, 26]);
    });
    expect(f.payloads.at(-1)!.response).toBeLessThan(100);
  });

  it('refuses writes over the cap before running anything of that sync', async () => {
    const f = install(fakeSheet('Sheet1', [[1]]), fakeSheet('Sheet2', [[1]]));
    const big = Array.from({ length: 1200 }, () => ['说明'.repeat(750)]);
    const e = await failure(() =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet2').getRange('A1').values = [[2]];
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:A1200').values = big;
        await context.sync();
      }),
    );
    expect(e.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(f.payloads[0].request).toBeGreaterThan(1200 * 1500 * 3);
    expect(f.workbook.sheets[1].cells.A1.value).toBe(1); // not even the small write before it
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:A600').values = big.slice(0, 600);
      await context.sync();
      ws.getRange('A601:A1200').values = big.slice(600);
    });
    expect(f.workbook.sheets[0].cells.A1200.value).toBe(big[0][0]);
  });

  it('the cap can be lowered to test chunking cheaply', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([notes(10, 'x'.repeat(100))]), { payloadLimitBytes: 1000 });
    const e = await failure(() => Excel.run(async (c) => void c.workbook.worksheets.getActiveWorksheet().getRange('A1:A10').load('values')));
    expect(e.code).toBe('ResponsePayloadSizeLimitExceeded');
    await Excel.run(async (c) => void c.workbook.worksheets.getActiveWorksheet().getRange('A1:A5').load('values'));
    expect(fake.payloads.map((p) => p.response)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(fake.payloads[1].response).toBeLessThan(1000);
    expect(fake.syncCount).toBe(2);
  });
});
