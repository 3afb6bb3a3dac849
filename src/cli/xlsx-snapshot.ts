import ExcelJS from 'exceljs';
import type { CellRange, CellValue, SheetSnapshot } from '../core/snapshot.js';
import { formatNumber } from '../core/numfmt.js';

/**
 * ExcelJS worksheet → SheetSnapshot, the CLI's host for .xlsx files.
 *
 * The snapshot covers the used rectangle: from the first to the last row and column that holds a
 * value or is part of a merged area (cells that only carry formatting do not count). Coordinates
 * are absolute and 0-based. Per cell:
 * - values: numbers, strings (rich text joined), booleans; dates as Excel serial numbers; errors
 *   as their text ("#DIV/0!"); hyperlinks as their text; formula cells give their cached result
 *   (null when the file has none); cells covered by a merge (other than its top-left) are null.
 * - formulas: "=" + formula text for formula cells (shared formulas resolved by ExcelJS), else null.
 * - numberFormat: the cell's format, "General" when it has none.
 * - text: numbers rendered with formatNumber(value, numberFormat), strings as they are (full-width
 *   digits kept), TRUE/FALSE for booleans, "" for empty cells.
 *
 * An empty worksheet gives a snapshot with top = left = 0 and no rows (values: []); a workbook with
 * no worksheets gives [].
 */

const VT = ExcelJS.ValueType;

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (1900 system, Lotus leap-year bug included) or 1904-01-01 to 1970-01-01. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;

function dateToSerial(d: Date, date1904: boolean): number {
  return d.getTime() / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
}

function richTextToString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && Array.isArray((v as ExcelJS.CellRichTextValue).richText)) {
    let s = '';
    for (const part of (v as ExcelJS.CellRichTextValue).richText) s += part.text ?? '';
    return s;
  }
  return null;
}

/** A formula's cached result, or a plain value, as a snapshot value. */
function plainValue(v: unknown, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return o.error;
    const rich = richTextToString(v);
    if (rich !== null) return rich === '' ? null : rich;
    if ('text' in o) {
      const t = richTextToString(o.text);
      return t === null || t === '' ? null : t;
    }
  }
  return null;
}

function textOf(v: CellValue, numFmt: string): string {
  if (v === null) return '';
  if (typeof v === 'number') return formatNumber(v, numFmt);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

function isDate1904(ws: ExcelJS.Worksheet): boolean {
  try {
    return !!ws.workbook?.properties?.date1904;
  } catch {
    return false;
  }
}

/** Adds a covered cell (1-based r, c) to the bounding box of its merge's master. */
function addToMerge(byMaster: Map<string, CellRange>, cell: ExcelJS.Cell, r: number, c: number): void {
  const m = cell.master;
  let rg = byMaster.get(m.address);
  if (!rg) {
    const mr = Number(m.row) - 1;
    const mc = Number(m.col) - 1;
    rg = { top: mr, left: mc, bottom: mr, right: mc };
    byMaster.set(m.address, rg);
  }
  if (r - 1 > rg.bottom) rg.bottom = r - 1;
  if (c - 1 > rg.right) rg.right = c - 1;
  if (r - 1 < rg.top) rg.top = r - 1;
  if (c - 1 < rg.left) rg.left = c - 1;
}

export function worksheetToSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const date1904 = isDate1904(ws);

  // Pass 1: the used rectangle (1-based while scanning) and the merged areas. Every cell covered
  // by a merge (other than its top-left) has type Merge and knows its master, so the areas come
  // from public cell API in the same pass (ws.model.merges would serialise the whole sheet).
  const byMaster = new Map<string, CellRange>();
  const checkMerges = ws.hasMerges;
  let top = Infinity;
  let bottom = -Infinity;
  let left = Infinity;
  let right = -Infinity;
  ws.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      // eachCell only visits cells that are not Null: values, formulas, merge-covered cells.
      const t = cell.type;
      if (t === VT.String && cell.value === '') return;
      if (checkMerges && t === VT.Merge) addToMerge(byMaster, cell, r, c);
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    });
  });
  const merges = [...byMaster.values()].sort((a, b) => a.top - b.top || a.left - b.left);
  for (const m of merges) {
    top = Math.min(top, m.top + 1);
    bottom = Math.max(bottom, m.bottom + 1);
    left = Math.min(left, m.left + 1);
    right = Math.max(right, m.right + 1);
  }
  if (!Number.isFinite(top)) {
    return { sheet: ws.name, top: 0, left: 0, values: [], text: [], numberFormat: [], formulas: [], merges: [] };
  }

  const height = bottom - top + 1;
  const width = right - left + 1;
  const values: CellValue[][] = new Array(height);
  const text: string[][] = new Array(height);
  const numberFormat: string[][] = new Array(height);
  const formulas: (string | null)[][] = new Array(height);
  for (let i = 0; i < height; i++) {
    values[i] = new Array<CellValue>(width).fill(null);
    text[i] = new Array<string>(width).fill('');
    numberFormat[i] = new Array<string>(width).fill('General');
    formulas[i] = new Array<string | null>(width).fill(null);
  }

  // Pass 2: fill. Cells that only carry formatting are not visited: they read null / "" / "General".
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r < top || r > bottom) return;
    const i = r - top;
    const vRow = values[i];
    const tRow = text[i];
    const fRow = numberFormat[i];
    const xRow = formulas[i];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c < left || c > right) return;
      const j = c - left;
      const fmt = cell.numFmt || 'General';
      fRow[j] = fmt;
      let v: CellValue;
      switch (cell.type) {
        case VT.Merge:
          return;
        case VT.Number:
          v = cell.value as number;
          break;
        case VT.String:
        case VT.SharedString:
          v = plainValue(cell.value, date1904);
          break;
        case VT.Boolean:
          v = cell.value as boolean;
          break;
        case VT.Date:
          v = dateToSerial(cell.value as Date, date1904);
          break;
        case VT.RichText:
          v = plainValue(cell.value, date1904);
          break;
        case VT.Hyperlink:
          v = plainValue((cell.value as ExcelJS.CellHyperlinkValue).text, date1904);
          break;
        case VT.Error:
          v = plainValue(cell.value, date1904);
          break;
        case VT.Formula: {
          const f = cell.formula;
          xRow[j] = f ? (f.startsWith('=') ? f : `=${f}`) : null;
          v = plainValue(cell.result, date1904);
          break;
        }
        default:
          v = plainValue(cell.value, date1904);
      }
      vRow[j] = v;
      tRow[j] = textOf(v, fmt);
    });
  });

  return {
    sheet: ws.name,
    top: top - 1,
    left: left - 1,
    values,
    text,
    numberFormat,
    formulas,
    merges,
  };
}

/** One snapshot per worksheet, in workbook order; [] for a workbook without worksheets. */
export function workbookToSnapshots(wb: ExcelJS.Workbook): SheetSnapshot[] {
  return wb.worksheets.map((ws) => worksheetToSnapshot(ws));
}
