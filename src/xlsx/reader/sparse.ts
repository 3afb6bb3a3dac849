/**
 * Cells as a sheet stores them (sparse), then the dense rectangle the core takes. The rectangle is
 * the used area — rows and columns holding a value or formula, or part of a merge; cells that only
 * carry formatting do not count — exactly as the ExcelJS reader drew it. Only when that area is
 * far larger than its content (one stray value at XFD1048576 beside a 30-row form) is it cut to
 * the block where most cells are: the content is split wherever there are more than ROW_GAP empty
 * rows or COL_GAP empty columns, the heaviest block is kept, and a note says what was left out.
 */
import type { CellRange, CellValue, SheetSnapshot } from '../../core/index.js';
import { formatNumber } from '../../core/index.js';
import { columnName } from '../../core/index.js';
import { WorkbookReadError, corrupt } from './errors.js';

/**
 * The cells a sheet stores, in document order, one array per field: five arrays for the whole
 * sheet instead of objects per row or per cell. A later cell at the same address wins.
 */
export class SparseCells {
  count = 0;
  // Plain arrays of small integers, not typed arrays: cheaper to make for a sheet of ten cells.
  readonly rows: number[];
  readonly cols: number[];
  readonly fmts: string[];
  /** undefined: the cell only carries a number format (not part of the used area). */
  readonly vals: (CellValue | undefined)[];
  readonly formulas: (string | null)[];

  /**
   * `expected`: about how many cells the sheet holds, so the arrays are made once at their size
   * instead of grown (and copied) cell by cell; past it they grow as usual.
   */
  constructor(expected = 0) {
    const n = Math.min(Math.max(0, Math.floor(expected)), MAX_RESERVE);
    this.rows = new Array<number>(n);
    this.cols = new Array<number>(n);
    this.fmts = new Array<string>(n);
    this.vals = new Array<CellValue | undefined>(n);
    this.formulas = new Array<string | null>(n);
  }

  add(row: number, col: number, fmt: string, value: CellValue | undefined, formula: string | null): void {
    const n = this.count++;
    this.rows[n] = row;
    this.cols[n] = col;
    this.fmts[n] = fmt;
    this.vals[n] = value;
    this.formulas[n] = formula;
  }
}

/**
 * Room made up front at most (the default cell limit): about 40 MB of slots, only for a sheet
 * whose XML is 24 MB or more, and one sheet's cells are alive at a time.
 */
const MAX_RESERVE = 1_000_000;

export interface SparseSheet {
  name: string;
  cells: SparseCells;
  merges: CellRange[];
  /** Cells with a value or formula. */
  used: number;
}

/** Texts of numbers remembered per format (0 and −0 are never looked up: a Map takes them as one). */
const SHOWN_PER_FORMAT = 4096;
const ROW_GAP = 100;
const COL_GAP = 26;
/** The rectangle is cut only when it is this much larger than its content (and not small anyway). */
const SPARSE_FACTOR = 4;
const SMALL_AREA = 65_536;

function textOf(v: CellValue, fmt: string): string {
  if (v === null) return '';
  if (typeof v === 'number') return formatNumber(v, fmt);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

interface Span {
  lo: number;
  hi: number;
  weight: number;
}

/** Groups [lo, hi] spans whose gaps are at most `gap`; returns the heaviest group's extent. */
function heaviest(spans: Span[], gap: number): { lo: number; hi: number; groups: number } {
  spans.sort((a, b) => a.lo - b.lo);
  let best = { lo: 0, hi: -1, weight: -1 };
  let cur = { ...spans[0] };
  let groups = 1;
  for (let i = 1; i <= spans.length; i++) {
    const s = spans[i];
    if (s && s.lo <= cur.hi + gap + 1) {
      if (s.hi > cur.hi) cur.hi = s.hi;
      cur.weight += s.weight;
      continue;
    }
    if (cur.weight > best.weight) best = cur;
    if (s) {
      cur = { ...s };
      groups++;
    }
  }
  return { lo: best.lo, hi: best.hi, groups };
}

/** The text of each number per format, shared by the sheets of one workbook (see buildSnapshot). */
export type ShownNumbers = Map<string, Map<number, string>>;

/**
 * The snapshot of one sheet. `shown`: the texts of numbers already formatted, passed from sheet
 * to sheet of a workbook (forms repeat their weights and scores across sheets too).
 */
export function buildSnapshot(sheet: SparseSheet, maxCells: number, notes: string[], shown: ShownNumbers = new Map()): SheetSnapshot {
  const { rows: cr, cols: cc, vals, fmts, formulas: cf, count } = sheet.cells;
  let top = Infinity;
  let bottom = -Infinity;
  let left = Infinity;
  let right = -Infinity;
  for (let k = 0; k < count; k++) {
    if (vals[k] === undefined) continue;
    const r = cr[k];
    const c = cc[k];
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (c < left) left = c;
    if (c > right) right = c;
  }
  for (const m of sheet.merges) {
    if (m.top < top) top = m.top;
    if (m.bottom > bottom) bottom = m.bottom;
    if (m.left < left) left = m.left;
    if (m.right > right) right = m.right;
  }
  if (!Number.isFinite(top)) {
    return { sheet: sheet.name, top: 0, left: 0, values: [], text: [], numberFormat: [], formulas: [], merges: [] };
  }

  const content = sheet.used + sheet.merges.length;
  let area = (bottom - top + 1) * (right - left + 1);
  if (area > SMALL_AREA && area > SPARSE_FACTOR * content) {
    ({ top, bottom, left, right } = trim(sheet, top, bottom, left, right, notes));
    area = (bottom - top + 1) * (right - left + 1);
  }
  if (area > 2 * maxCells) {
    throw new WorkbookReadError(
      'too-many-cells',
      `工作表“${sheet.name}”的内容区域过大（${area.toLocaleString('en-US')} 个单元格），超过上限`,
    );
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
  // Forms repeat their numbers (weights, scores, rates): each number's text is made once per format.
  for (let k = 0; k < count; k++) {
    const i = cr[k] - top;
    const j = cc[k] - left;
    if (i < 0 || i >= height || j < 0 || j >= width) continue;
    const fmt = fmts[k];
    numberFormat[i][j] = fmt;
    const v = vals[k];
    if (v === undefined) continue;
    values[i][j] = v;
    formulas[i][j] = cf[k];
    if (typeof v !== 'number' || v === 0) {
      text[i][j] = textOf(v, fmt);
      continue;
    }
    let byValue = shown.get(fmt);
    if (!byValue) shown.set(fmt, (byValue = new Map()));
    let t = byValue.get(v);
    if (t === undefined) {
      t = formatNumber(v, fmt);
      if (byValue.size < SHOWN_PER_FORMAT) byValue.set(v, t);
    }
    text[i][j] = t;
  }

  // Merges: clipped to the rectangle; covered cells hold nothing (their format stays).
  const merges: CellRange[] = [];
  let covered = 0;
  for (const m0 of sheet.merges) {
    const m = {
      top: Math.max(m0.top, top),
      left: Math.max(m0.left, left),
      bottom: Math.min(m0.bottom, bottom),
      right: Math.min(m0.right, right),
    };
    if (m.top > m.bottom || m.left > m.right) continue;
    if (m.top === m.bottom && m.left === m.right) continue;
    merges.push(m);
    covered += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (covered > area + sheet.merges.length) throw corrupt(`工作表“${sheet.name}”的合并单元格相互重叠`);
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const i = r - top;
        const j = c - left;
        values[i][j] = null;
        text[i][j] = '';
        formulas[i][j] = null;
      }
    }
  }
  merges.sort((a, b) => a.top - b.top || a.left - b.left);
  return { sheet: sheet.name, top, left, values, text, numberFormat, formulas, merges };
}

function trim(
  sheet: SparseSheet,
  top: number,
  bottom: number,
  left: number,
  right: number,
  notes: string[],
): { top: number; bottom: number; left: number; right: number } {
  const { rows: cr, cols: cc, vals, count } = sheet.cells;
  // One span per run of valued cells in the same row (document order keeps a row's cells together).
  const rowSpans: Span[] = [];
  let run: Span | null = null;
  for (let k = 0; k < count; k++) {
    if (vals[k] === undefined) continue;
    const r = cr[k];
    if (run && run.lo === r) run.weight++;
    else rowSpans.push((run = { lo: r, hi: r, weight: 1 }));
  }
  // A merge counts by its top-left cell only: one huge merge must not stretch the block.
  for (const m of sheet.merges) rowSpans.push({ lo: m.top, hi: m.top, weight: 1 });
  const rs = heaviest(rowSpans, ROW_GAP);
  const colSpans: Span[] = [];
  for (let k = 0; k < count; k++) {
    if (vals[k] === undefined || cr[k] < rs.lo || cr[k] > rs.hi) continue;
    colSpans.push({ lo: cc[k], hi: cc[k], weight: 1 });
  }
  for (const m of sheet.merges) {
    if (m.top >= rs.lo && m.top <= rs.hi) colSpans.push({ lo: m.left, hi: m.left, weight: 1 });
  }
  const cs = heaviest(colSpans, COL_GAP);
  const kept = { top: rs.lo, bottom: rs.hi, left: cs.lo, right: cs.hi };
  let dropped = 0;
  // The example named is the dropped cell in the topmost row, the first of that row.
  let exRow = Infinity;
  let exCol = 0;
  for (let k = 0; k < count; k++) {
    if (vals[k] === undefined) continue;
    const r = cr[k];
    const c = cc[k];
    if (r >= kept.top && r <= kept.bottom && c >= kept.left && c <= kept.right) continue;
    dropped++;
    if (r < exRow) {
      exRow = r;
      exCol = c;
    }
  }
  if (dropped || kept.top !== top || kept.bottom !== bottom || kept.left !== left || kept.right !== right) {
    const range = `${columnName(kept.left)}${kept.top + 1}:${columnName(kept.right)}${kept.bottom + 1}`;
    notes.push(
      dropped
        ? `工作表“${sheet.name}”只读取了表格所在区域 ${range}：远离表格的 ${dropped} 个单元格（如 ${columnName(exCol)}${exRow + 1}）未读取`
        : `工作表“${sheet.name}”只读取了表格所在区域 ${range}`,
    );
  }
  return kept;
}
