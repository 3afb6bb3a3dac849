import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkSheet } from '../../src/core/index.js';
import { workbookToSnapshots } from '../../src/xlsx/index.js';
import { ANNOTATION_FILL, ANNOTATION_SHEET, AnnotateError, annotateWorkbook, noteText } from '../../src/xlsx/review/index.js';
import { seed002 } from '../fixtures/seeds.js';

const OLE2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

async function seedSnapshots() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await seed002().xlsx.writeBuffer());
  const sheets = workbookToSnapshots(wb);
  return { sheets, reports: sheets.map((s) => checkSheet(s)) };
}

describe('annotateWorkbook for a legacy .xls/.et input', () => {
  it('rebuilds the sheets from the reader snapshots as .xlsx, with fills, comments and the findings sheet', async () => {
    const { sheets, reports } = await seedSnapshots();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annotateWorkbook(OLE2, reports, sheets)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sheet1', ANNOTATION_SHEET]);
    const ws = wb.getWorksheet('Sheet1')!;
    expect(ws.getCell('C2').value).toBe('2023年政府网站运营维护、机关维修等运转项目');
    expect(ws.getCell('G27').value).toBe(94.5);
    expect(ws.getCell('F5').numFmt).toBe('0%');
    expect(ws.model.merges).toContain('A1:H1');
    // Re-checking the rebuilt copy finds the same problems at the same cells.
    const again = checkSheet(workbookToSnapshots(wb)[0]);
    expect(again.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(reports[0].findings.map((f) => `${f.code}@${f.cell}`));
    const h5 = ws.getCell('H5');
    expect((h5.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(ANNOTATION_FILL.error);
    expect(String(h5.note)).toContain('应为：4.66');
    expect(wb.getWorksheet(ANNOTATION_SHEET)!.rowCount).toBe(1 + reports[0].findings.length);
  });

  it('says so in Chinese when no snapshots are given for a non-zip input', async () => {
    await expect(annotateWorkbook(OLE2, [])).rejects.toThrow(AnnotateError);
    await expect(annotateWorkbook(OLE2, [])).rejects.toThrow(/另存为/);
  });

  it('one comment holds every finding on its cell, each with its fix', async () => {
    const { reports } = await seedSnapshots();
    const text = noteText(reports[0].findings.filter((f) => f.cell === 'H5'));
    expect(text).toContain('【核分·错误】得分与计分规则不符');
    expect(text).toContain('如何修改：');
  });
});
