/**
 * src/xlsx/workbook.ts takes bytes, not paths (the browser has no files): the same snapshots from a
 * Uint8Array or an ArrayBuffer as from ExcelJS directly, and the same typed failures the CLI prints.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { WorkbookLoadError, readSnapshotsFromBytes, workbookBytes, workbookToSnapshots } from '../../src/xlsx/index.js';
import { seed002 } from '../fixtures/seeds.js';

async function failure(p: Promise<unknown>): Promise<[string, string]> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkbookLoadError);
  return [(e as WorkbookLoadError).reason, (e as WorkbookLoadError).message];
}

describe('workbooks from bytes', () => {
  it('reads .xlsx bytes as a Uint8Array or an ArrayBuffer', async () => {
    const bytes = await workbookBytes(seed002());
    const direct = new ExcelJS.Workbook();
    await direct.xlsx.load(bytes as unknown as ArrayBuffer);
    const expected = workbookToSnapshots(direct);
    expect(await readSnapshotsFromBytes(bytes, { name: 'seed002.xlsx' })).toEqual(expected);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(await readSnapshotsFromBytes(buffer, { name: 'seed002.xlsx' })).toEqual(expected);
  });

  it('turns old formats, CSV, broken and empty workbooks into typed Chinese errors', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await failure(readSnapshotsFromBytes(ole, { name: '报表.xlsx' }))).toEqual([
      'format',
      '报表.xlsx 是旧版 Excel/WPS 格式（.xls/.et），核分只能读取 .xlsx：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再检查',
    ]);
    expect((await failure(readSnapshotsFromBytes(new Uint8Array([0x50, 0x4b, 3, 4]), { name: 'C:\\表\\旧.et' })))[0]).toBe('format');
    expect((await failure(readSnapshotsFromBytes(new TextEncoder().encode('a,b'), { name: 'a.csv' })))[0]).toBe('format');
    expect(await failure(readSnapshotsFromBytes(new TextEncoder().encode('not a zip'), { name: 'x.xlsx' }))).toEqual([
      'corrupt',
      'x.xlsx 不是有效的 .xlsx 工作簿（文件已损坏或不是 Excel 文件）',
    ]);
    expect((await failure(readSnapshotsFromBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), { name: 'x.xlsx' })))[0]).toBe('corrupt');
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Sheet1');
    expect(await failure(readSnapshotsFromBytes(await workbookBytes(blank), { name: 'blank.xlsx' }))).toEqual([
      'empty',
      'blank.xlsx 是空工作簿：所有工作表都没有内容',
    ]);
  });
});
