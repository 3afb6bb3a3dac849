/**
 * The geometry of a bounded read: what is left to read, how large the next chunk may be for its
 * bytes, where the content is, and which block is the form's.
 */
import { describe, expect, it } from 'vitest';
import { keepAround, nextTile, refine, subtract, utf8Length, UNKNOWN_DENSITY } from '../../src/excel/read-plan.js';
import { parseRangeA1, rangeToA1, type CellRange } from '../../src/core/snapshot.js';
import { fakeSheet, fakeWorkbook, installFakeOffice } from '../support/fake-office.js';

const R = parseRangeA1;
const A1 = (rs: CellRange[]) => rs.map(rangeToA1);

describe('subtract', () => {
  it('leaves at most four rectangles: above, right, left, below', () => {
    expect(A1(subtract(R('A1:J20'), R('C5:E8')))).toEqual(['A1:J4', 'F5:J8', 'A5:B8', 'A9:J20']);
    expect(A1(subtract(R('A1:J20'), R('A1:E8')))).toEqual(['F1:J8', 'A9:J20']);
    expect(A1(subtract(R('A1:J20'), null))).toEqual(['A1:J20']);
    expect(A1(subtract(R('A1:J20'), R('X1:Y2')))).toEqual(['A1:J20']);
    expect(subtract(R('A1:J20'), R('A1:Z99'))).toEqual([]);
  });
});

describe('nextTile', () => {
  it('takes whole rows within the cell budget when the bytes allow', () => {
    const t = nextTile(R('A16:L50'), 30, 120, 2_000_000);
    expect(rangeToA1(t.tile)).toBe('A16:L25');
    expect(A1(t.rest)).toEqual(['A26:L50']);
    expect(t.estimate).toBe(120 * 30);
  });

  it('takes fewer rows when the bytes per cell are high: 4,500 bytes a cell, 2 MB → 444 cells', () => {
    const t = nextTile(R('A1:Q400'), 4500, 10_000, 2_000_000);
    expect(rangeToA1(t.tile)).toBe('A1:Q26'); // 444 / 17 columns = 26 rows
    expect(t.estimate).toBeLessThanOrEqual(2_000_000);
  });

  it('splits a row that alone is over budget', () => {
    const t = nextTile(R('A1:Z3'), 100_000, 10_000, 2_000_000);
    expect(rangeToA1(t.tile)).toBe('A1:T1');
    expect(A1(t.rest)).toEqual(['U1:Z1', 'A2:Z3']);
  });

  it('assumes long text where nothing was read yet', () => {
    const t = nextTile(R('A1:A1000'), null, 10_000, 2_000_000);
    expect(t.tile.bottom + 1).toBe(Math.floor(2_000_000 / UNKNOWN_DENSITY));
  });
});

describe('keepAround', () => {
  it('grows the form by what keeps it small, then by what lies within 100 rows and 26 columns; the rest is skipped', async () => {
    const boxes = [R('A120:B130'), R('C225:C225'), R('A200000:A200000'), R('AM5:AM5'), R('AK1:AK1')];
    const kept = keepAround(R('A1:H27'), boxes);
    expect(rangeToA1(kept.rect!)).toBe('A1:AM225');
    expect(A1(kept.skipped)).toEqual(['A200000']);
    // by the gaps alone: C225 joins through A120:B130, AK1 is 28 columns from H, AM5 2 from AK1
    const gaps = keepAround(R('A1:H27'), boxes, 0);
    expect(rangeToA1(gaps.rect!)).toBe('A1:H225');
    expect(A1(gaps.skipped)).toEqual(['A200000', 'AM5', 'AK1']);
  });

  it('without anything read, starts from the topmost content', () => {
    const kept = keepAround(null, [R('XFD1048576:XFD1048576'), R('B400:H430')]);
    expect(rangeToA1(kept.rect!)).toBe('B400:H430');
    expect(A1(kept.skipped)).toEqual(['XFD1048576']);
  });
});

describe('refine', () => {
  it('slices a large box and asks again until each is small, one sync a round', async () => {
    const content = [R('A313:H400'), R('A200000:A200000')];
    const asked: string[][] = [];
    const found: CellRange[][] = [[]];
    await refine([[R('A313:H200000')]], async (asks) => {
      asked.push(asks.map((a) => rangeToA1(a.rect)));
      return asks.map(({ rect }) => {
        const hits = content.filter((c) => c.top >= rect.top && c.bottom <= rect.bottom);
        if (!hits.length) return null;
        return hits.reduce((a, b) => ({ top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) }));
      });
    }, found);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toHaveLength(16);
    expect(A1(found[0])).toEqual(['A313:H400', 'A200000']);
  });
});

describe('utf8Length', () => {
  it('counts bytes as the response carries them', () => {
    for (const s of ['abc', '说明', 'é', '𠀀x', JSON.stringify([['说明', 1, null]])]) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});

describe("the fake's Range.getUsedRangeOrNullObject", () => {
  it('is the box of the cells with values inside the range, null when there are none; needs ExcelApi 1.4', async () => {
    const sheet = fakeSheet('Sheet1', [['a', null, 'b']]);
    sheet.cells.D9 = { value: 1 };
    sheet.cells.E20 = { numberFormat: '0%' }; // formatted only: not used when values only
    const fake = installFakeOffice(globalThis, fakeWorkbook([sheet]));
    try {
      const [inside, none, formatted] = await Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet();
        const rs = ['B1:Z100', 'F1:Z100', 'E1:E30'].map((a) => ws.getRange(a).getUsedRangeOrNullObject(true).load('address'));
        const all = ws.getRange('E1:E30').getUsedRangeOrNullObject(false).load('address');
        await context.sync();
        return [rs[0].address, rs[1].isNullObject, rs[2].isNullObject ? all.address : 'not null'];
      });
      expect(inside).toBe('Sheet1!C1:D9');
      expect(none).toBe(true);
      expect(formatted).toBe('Sheet1!E20');
    } finally {
      fake.uninstall();
    }
    const old = installFakeOffice(globalThis, fakeWorkbook([fakeSheet('Sheet1', [[1]])]), { excelApi: '1.3' });
    try {
      await expect(
        Excel.run(async (context) => {
          context.workbook.worksheets.getActiveWorksheet().getRange('A1:B2').getUsedRangeOrNullObject(true).load('address');
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: 'ApiNotFound' });
    } finally {
      old.uninstall();
    }
  });
});
