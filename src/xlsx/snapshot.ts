/**
 * ExcelJS worksheet → SheetSnapshot: how the command line (and any host holding an .xlsx file)
 * turns a workbook into what the core reads.
 *
 * The snapshot covers the used rectangle: from the first to the last row and column that holds a
 * value or is part of a merged area (cells that only carry formatting do not count). Coordinates
 * are absolute and 0-based. Per cell:
 * - values: numbers, strings (rich text joined), booleans; dates as Excel serial numbers; errors
 *   as their text ("#DIV/0!"); hyperlinks as their text; formula cells give their cached result
 *   (null when the file has none); cells covered by a merge (other than its top-left) are null.
 * - formulas: "=" + formula text for formula cells (shared formulas resolved by ExcelJS), else null.
 * - numberFormat: the cell's format (empty cells included), "General" when it has none.
 * - text: numbers rendered with formatNumber(value, numberFormat), strings as they are (full-width
 *   digits kept), TRUE/FALSE for booleans, "" for empty cells.
 *
 * An empty worksheet gives a snapshot with top = left = 0 and no rows (values: []); a workbook with
 * no worksheets gives [].
 */
import ExcelJS from 'exceljs';
import { formatNumber, type CellRange, type CellValue, type SheetSnapshot } from '../core/index.js';

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

interface RowData {
  /** 1-based row number. */
  r: number;
  /** Per column from A (index 0) to the row's last cell. */
  v: CellValue[];
  t: string[];
  f: string[];
  x: (string | null)[];
}

function cellValue(cell: ExcelJS.Cell, type: ExcelJS.ValueType, date1904: boolean): CellValue {
  switch (type) {
    case VT.Number:
      return cell.value as number;
    case VT.Boolean:
      return cell.value as boolean;
    case VT.Date:
      return dateToSerial(cell.value as Date, date1904);
    case VT.Hyperlink:
      return plainValue((cell.value as ExcelJS.CellHyperlinkValue).text, date1904);
    case VT.Formula:
      return plainValue(cell.result, date1904);
    default:
      // String, SharedString, RichText, Error
      return plainValue(cell.value, date1904);
  }
}

export function worksheetToSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const date1904 = isDate1904(ws);
  const checkMerges = ws.hasMerges;
  const byMaster = new Map<string, CellRange>();
  const rows: RowData[] = [];
  let top = Infinity;
  let bottom = -Infinity;
  let left = Infinity;
  let right = -Infinity;

  // One pass over the stored cells, by findRow / findCell (ws.eachRow would first scan every
  // row's cells for hasValues). Null cells are skipped; cells covered by a merge know their
  // master, so the merged areas come from public cell API here (ws.model.merges would serialise
  // the whole sheet first).
  const rowCount = ws.rowCount;
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const n = row.cellCount;
    let v: CellValue[] | null = null;
    let t: string[] = [];
    let f: string[] = [];
    let x: (string | null)[] = [];
    for (let c = 1; c <= n; c++) {
      const cell = row.findCell(c);
      if (!cell) continue;
      const type = cell.type;
      if (type === VT.Null) continue;
      if (type === VT.Merge) {
        if (checkMerges) addToMerge(byMaster, cell, r, c);
      } else if (type === VT.String && cell.value === '') {
        continue;
      }
      if (!v) {
        v = new Array<CellValue>(n).fill(null);
        t = new Array<string>(n).fill('');
        f = new Array<string>(n).fill('General');
        x = new Array<string | null>(n).fill(null);
      }
      if (c < left) left = c;
      if (c > right) right = c;
      const j = c - 1;
      const fmt = cell.numFmt || 'General';
      f[j] = fmt;
      if (type === VT.Merge) continue;
      if (type === VT.Formula) {
        const formula = cell.formula;
        x[j] = formula ? (formula.startsWith('=') ? formula : `=${formula}`) : null;
      }
      const value = cellValue(cell, type, date1904);
      v[j] = value;
      t[j] = textOf(value, fmt);
    }
    if (!v) continue;
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    rows.push({ r, v, t, f, x });
  }

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

  // Cut every row to the used columns [left, right]; rows with nothing stored get blanks.
  const height = bottom - top + 1;
  const width = right - left + 1;
  const values: CellValue[][] = new Array(height);
  const text: string[][] = new Array(height);
  const numberFormat: string[][] = new Array(height);
  const formulas: (string | null)[][] = new Array(height);
  const fit = <T>(a: T[], blank: T): T[] => {
    if (left === 1 && a.length === width) return a;
    const out = a.slice(left - 1, right);
    while (out.length < width) out.push(blank);
    return out;
  };
  let k = 0;
  for (let i = 0; i < height; i++) {
    const rd = rows[k];
    if (rd && rd.r === top + i) {
      values[i] = fit(rd.v, null);
      text[i] = fit(rd.t, '');
      numberFormat[i] = fit(rd.f, 'General');
      formulas[i] = fit(rd.x, null);
      k++;
    } else {
      values[i] = new Array<CellValue>(width).fill(null);
      text[i] = new Array<string>(width).fill('');
      numberFormat[i] = new Array<string>(width).fill('General');
      formulas[i] = new Array<string | null>(width).fill(null);
    }
    // Empty cells that carry a format of their own (a blank 得分 cell formatted "0.0") report it.
    const vRow = values[i];
    const fRow = numberFormat[i];
    let row: ExcelJS.Row | undefined;
    for (let j = 0; j < width; j++) {
      if (vRow[j] !== null || fRow[j] !== 'General') continue;
      row ??= ws.findRow(top + i);
      if (!row) break;
      const fmt = row.findCell(left + j)?.numFmt;
      if (fmt) fRow[j] = fmt;
    }
  }
  return { sheet: ws.name, top: top - 1, left: left - 1, values, text, numberFormat, formulas, merges };
}

/** One snapshot per worksheet, in workbook order; [] for a workbook without worksheets. */
export function workbookToSnapshots(wb: ExcelJS.Workbook): SheetSnapshot[] {
  return wb.worksheets.map((ws) => worksheetToSnapshot(ws));
}
