/**
 * The blank template of the core (buildTemplate) rendered into an ExcelJS worksheet — the same
 * description the task pane inserts, with cached formula results so readers that cannot calculate
 * see the blank form's values, and Excel recalculating on open. `hefen template` saves it to a file.
 */
import ExcelJS from 'exceljs';
import {
  TEMPLATE_STYLES,
  columnName,
  evaluateTemplate,
  formulaOf,
  toA1,
  uniqueSheetName,
  type CellRange,
  type TemplateDescription,
  type TemplateStyle,
} from '../core/index.js';

function absoluteRows(r: CellRange): string {
  return `${columnName(r.left)}$${r.top + 1}:${columnName(r.right)}$${r.bottom + 1}`;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };

function excelStyle(s: TemplateStyle): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {
    font: { name: s.font.name, size: s.font.size, bold: s.font.bold },
    alignment: { horizontal: s.horizontal, vertical: s.vertical === 'center' ? 'middle' : 'top', wrapText: s.wrap },
  };
  if (s.border) style.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (s.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${s.fill}` } };
  return style;
}

/**
 * Add `t` to `wb` as a new worksheet named `name` (default: the first free 自评表, 自评表 (2), …).
 * Existing sheets are not touched.
 */
export function addTemplateSheet(wb: ExcelJS.Workbook, t: TemplateDescription, name?: string): ExcelJS.Worksheet {
  const sheetName = name ?? uniqueSheetName(wb.worksheets.map((w) => w.name));
  const p = t.print;
  const ws = wb.addWorksheet(sheetName, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      horizontalCentered: p.centerHorizontally,
      margins: { ...p.margins },
      // ExcelJS puts a "$" before each end of the area; "A$1:H$47" comes out as $A$1:$H$47.
      printArea: absoluteRows(p.area),
      printTitlesRow: `${p.titleRows.top + 1}:${p.titleRows.bottom + 1}`,
    },
  });
  t.columns.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const { values } = evaluateTemplate(t);
  t.rows.forEach((row, r) => {
    const xr = ws.getRow(r + 1);
    xr.height = row.height;
    row.cells.forEach((c, col) => {
      if (!c) return;
      const cell = xr.getCell(col + 1);
      cell.style = excelStyle(TEMPLATE_STYLES[c.style]);
      if (c.numberFormat) cell.numFmt = c.numberFormat;
      if (c.calc) {
        const result = values[r][col];
        cell.value = { formula: formulaOf(c.calc).slice(1), result: result === null ? undefined : result } as ExcelJS.CellFormulaValue;
      } else if (c.value !== undefined && c.value !== '') {
        cell.value = c.value;
      }
    });
  });
  for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const v of t.validations) {
    ws.getCell(v.cell).dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [v.min, 'ref' in v.max ? v.max.ref : v.max.value],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: v.title,
      error: v.message,
    };
  }
  ws.views = [{ state: 'normal', activeCell: toA1(t.layout.headerRow + 1, 2) }];
  return ws;
}

/** A new workbook holding one blank template sheet, to be recalculated when Excel opens it. */
export function templateWorkbook(t: TemplateDescription): { workbook: ExcelJS.Workbook; sheet: string } {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '核分 Hefen';
  workbook.calcProperties.fullCalcOnLoad = true;
  return { workbook, sheet: addTemplateSheet(workbook, t).name };
}
