/**
 * STAND-IN for src/xlsx/patch (issue 8), same names as CONTRACTS.md, written over ExcelJS. The
 * integrator deletes this file and points src/web/modules.ts at the real patch writer.
 *
 * Differences from the contract: returns a Promise (callers await it, which works unchanged with
 * the real, synchronous writer) and re-saves the whole workbook through ExcelJS, so parts other
 * than the patched cells are rewritten rather than kept byte-identical.
 */
import ExcelJS from 'exceljs';

export interface CellPatch {
  sheet: string;
  cell: string;
  value?: number | string | null;
  numberFormat?: string;
  fill?: string;
  keepFormula?: boolean;
}

export async function patchWorkbook(xlsxBytes: Uint8Array, patches: CellPatch[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsxBytes as unknown as ArrayBuffer);
  let wroteValue = false;
  for (const p of patches) {
    const ws = wb.getWorksheet(p.sheet);
    if (!ws) throw new Error(`找不到工作表“${p.sheet}”。`);
    const cell = ws.getCell(p.cell);
    // New style objects: ExcelJS shares one style object between cells loaded with the same style.
    if (p.fill) cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: p.fill } } };
    if (p.numberFormat) cell.style = { ...cell.style, numFmt: p.numberFormat };
    if (p.value !== undefined) {
      if (p.value !== null && typeof p.value === 'number' && !Number.isFinite(p.value)) throw new RangeError(`${p.cell} 的值不是有限数字`);
      const isFormula = cell.type === ExcelJS.ValueType.Formula;
      if (isFormula && p.keepFormula) continue;
      cell.value = p.value;
      wroteValue = true;
    }
  }
  if (wroteValue) wb.calcProperties.fullCalcOnLoad = true;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
