/**
 * A legacy workbook (.xls BIFF8, WPS .et) saved as .xlsx by SheetJS, so the patch writer (which
 * needs OOXML) can write into it. SheetJS CE carries values, formulas with their cached results,
 * merges, number formats and column widths; fonts, borders and fills are not carried over.
 */
import { read, write } from '@e965/xlsx';

export function legacyToXlsx(bytes: Uint8Array): Uint8Array {
  const wb = read(bytes, { type: 'array', cellFormula: true, cellNF: true, cellStyles: true, cellDates: false });
  return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
