/**
 * The one input the core accepts: a rectangle of a worksheet as a host (Office.js, ExcelJS, a test)
 * saw it. Arrays are row-major and share one shape; coordinates are 0-based and absolute in the sheet.
 */
export type CellValue = string | number | boolean | null;

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  sheet: string;
  /** Absolute 0-based row and column of values[0][0]. */
  top: number;
  left: number;
  values: CellValue[][];
  /** Displayed text as the host renders it; hosts that cannot render leave it out. */
  text?: string[][];
  numberFormat?: string[][];
  /** Formula text ("=D5/C5") or null/"" where the cell holds a constant. */
  formulas?: (string | null)[][];
  merges: CellRange[];
}

function spellColumn(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column names of the first columns, spelled once: every figure of a form names its cell. */
const COLUMN_NAMES = Array.from({ length: 256 }, (_, c) => spellColumn(c));

export function columnName(col: number): string {
  return col >= 0 && col < COLUMN_NAMES.length && Number.isInteger(col) ? COLUMN_NAMES[col] : spellColumn(col);
}

export function toA1(row: number, col: number): string {
  return columnName(col) + (row + 1);
}

export function rangeToA1(r: CellRange): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

export function parseA1(a1: string): { row: number; col: number } {
  // The shape every address the core makes has ("G12"), read without a regex: sorting findings
  // parses tens of thousands. Anything else ($, lower case, spaces) takes the general path.
  const n = a1.length;
  let i = 0;
  let col = 0;
  for (; i < n; i++) {
    const c = a1.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i > 0 && i < n) {
    let j = i;
    while (j < n && a1.charCodeAt(j) >= 48 && a1.charCodeAt(j) <= 57) j++;
    if (j === n) return { row: Number(a1.slice(i)) - 1, col: col - 1 };
  }
  return parseA1Loosely(a1);
}

/** Any address parseA1 accepts ($, lower case, spaces around): its general path, and the tests' reference. */
export function parseA1Loosely(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a1.trim());
  if (!m) throw new RangeError(`不是有效的单元格地址：${a1}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function parseRangeA1(a1: string): CellRange {
  const bare = a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1;
  const [a, b = a] = bare.split(':');
  const p = parseA1(a);
  const q = parseA1(b);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Cells a merge lookup table may cover (4 bytes each); a larger rectangle keeps merges in a Map. */
const MAX_MERGE_TABLE_CELLS = 1 << 23;

/**
 * Random access over a snapshot with merged areas resolved: a cell inside a merge reports the
 * merge's top-left cell as its anchor, so a merged 一级指标 reads the same on every row it spans.
 *
 * Every cell of a form is looked up several times, so the lookups allocate nothing: merges are
 * found through a table of merge numbers over the rectangle (a Map only for cells outside it, or
 * for a rectangle too large for a table), and `anchorRow`/`anchorCol` answer without an object.
 */
export class Grid {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly width: number;
  private readonly height: number;
  private readonly merges: CellRange[];
  /** 1 + index into `merges` of the merge covering each cell of the rectangle, 0 for none. */
  private readonly mergeTable: Int32Array | null = null;
  /** The same for cells outside the rectangle (or all cells when there is no table). */
  private readonly mergeMap = new Map<number, number>();
  private readonly values: CellValue[][];
  private readonly texts: string[][] | undefined;
  private readonly formats: string[][] | undefined;
  private readonly formulas: (string | null)[][] | undefined;

  constructor(readonly snap: SheetSnapshot) {
    this.sheet = snap.sheet;
    this.top = snap.top;
    this.left = snap.left;
    this.values = snap.values;
    this.texts = snap.text;
    this.formats = snap.numberFormat;
    this.formulas = snap.formulas;
    this.height = snap.values.length;
    let width = 0;
    for (const r of snap.values) if (r.length > width) width = r.length;
    this.width = width;
    this.bottom = snap.top + this.height - 1;
    this.right = snap.left + width - 1;
    this.merges = snap.merges;
    if (snap.merges.length && this.height * width <= MAX_MERGE_TABLE_CELLS) this.mergeTable = new Int32Array(this.height * width);
    const table = this.mergeTable;
    for (let i = 0; i < snap.merges.length; i++) {
      const m = snap.merges[i];
      for (let r = m.top; r <= m.bottom; r++) {
        const inRows = table !== null && r >= this.top && r <= this.bottom;
        for (let c = m.left; c <= m.right; c++) {
          if (inRows && c >= this.left && c <= this.right) table[(r - this.top) * width + (c - this.left)] = i + 1;
          else this.mergeMap.set(this.key(r, c), i + 1);
        }
      }
    }
  }

  private key(row: number, col: number): number {
    return row * 16384 + col;
  }

  /** 1 + the index of the merge covering (row, col), 0 when none. */
  private mergeNumber(row: number, col: number): number {
    const table = this.mergeTable;
    if (table !== null && row >= this.top && row <= this.bottom && col >= this.left && col <= this.right) {
      return table[(row - this.top) * this.width + (col - this.left)];
    }
    if (this.mergeMap.size === 0) return 0;
    return this.mergeMap.get(this.key(row, col)) ?? 0;
  }

  /** The cell whose value shows at (row, col): the top-left of its merge, or itself. */
  anchor(row: number, col: number): { row: number; col: number } {
    const m = this.mergeNumber(row, col);
    if (m === 0) return { row, col };
    const merge = this.merges[m - 1];
    return { row: merge.top, col: merge.left };
  }

  /** `anchor(row, col).row` without the object. */
  anchorRow(row: number, col: number): number {
    const m = this.mergeNumber(row, col);
    return m === 0 ? row : this.merges[m - 1].top;
  }

  /** `anchor(row, col).col` without the object. */
  anchorCol(row: number, col: number): number {
    const m = this.mergeNumber(row, col);
    return m === 0 ? col : this.merges[m - 1].left;
  }

  merge(row: number, col: number): CellRange | undefined {
    const m = this.mergeNumber(row, col);
    return m === 0 ? undefined : this.merges[m - 1];
  }

  isMergeAnchor(row: number, col: number): boolean {
    const m = this.mergeNumber(row, col);
    if (m === 0) return true;
    const merge = this.merges[m - 1];
    return merge.top === row && merge.left === col;
  }

  inside(row: number, col: number): boolean {
    return row >= this.top && row <= this.bottom && col >= this.left && col <= this.right;
  }

  /** Raw value of this very cell (no merge resolution). */
  rawValue(row: number, col: number): CellValue {
    if (!this.inside(row, col)) return null;
    const v = this.values[row - this.top]?.[col - this.left];
    return v === undefined || v === '' ? null : v;
  }

  /** Value shown at (row, col), resolving merges. */
  value(row: number, col: number): CellValue {
    const m = this.mergeNumber(row, col);
    if (m === 0) return this.rawValue(row, col);
    const merge = this.merges[m - 1];
    return this.rawValue(merge.top, merge.left);
  }

  /** Displayed text at (row, col), resolving merges; falls back to the raw value. */
  text(row: number, col: number): string {
    const m = this.mergeNumber(row, col);
    if (m === 0) return this.ownText(row, col);
    const merge = this.merges[m - 1];
    return this.ownText(merge.top, merge.left);
  }

  /** Displayed text of this very cell (no merge resolution); falls back to the raw value. */
  ownText(row: number, col: number): string {
    if (!this.inside(row, col)) return '';
    const t = this.texts?.[row - this.top]?.[col - this.left];
    if (t !== undefined && t !== null && t !== '') return typeof t === 'string' ? t : String(t);
    const v = this.values[row - this.top]?.[col - this.left];
    return v === undefined || v === null || v === '' ? '' : typeof v === 'string' ? v : String(v);
  }

  format(row: number, col: number): string {
    return this.ownFormat(this.anchorRow(row, col), this.anchorCol(row, col));
  }

  /** Number format of this very cell (no merge resolution). */
  ownFormat(row: number, col: number): string {
    if (!this.inside(row, col)) return '';
    return this.formats?.[row - this.top]?.[col - this.left] ?? '';
  }

  formula(row: number, col: number): string | null {
    return this.ownFormula(this.anchorRow(row, col), this.anchorCol(row, col));
  }

  /** Formula of this very cell (no merge resolution). */
  ownFormula(row: number, col: number): string | null {
    if (!this.inside(row, col)) return null;
    const f = this.formulas?.[row - this.top]?.[col - this.left];
    return typeof f === 'string' && f.startsWith('=') ? f : null;
  }

  isEmpty(row: number, col: number): boolean {
    return this.text(row, col).trim() === '';
  }
}
