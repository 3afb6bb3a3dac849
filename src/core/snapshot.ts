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

export function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function toA1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

export function rangeToA1(r: CellRange): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

export function parseA1(a1: string): { row: number; col: number } {
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

/**
 * Random access over a snapshot with merged areas resolved: a cell inside a merge reports the
 * merge's top-left cell as its anchor, so a merged 一级指标 reads the same on every row it spans.
 */
export class Grid {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly anchorOf = new Map<number, number>();
  private readonly mergeOf = new Map<number, CellRange>();
  private readonly width: number;

  constructor(readonly snap: SheetSnapshot) {
    this.sheet = snap.sheet;
    this.top = snap.top;
    this.left = snap.left;
    this.bottom = snap.top + snap.values.length - 1;
    this.width = snap.values.reduce((w, r) => Math.max(w, r.length), 0);
    this.right = snap.left + this.width - 1;
    for (const m of snap.merges) {
      const anchor = this.key(m.top, m.left);
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) {
          this.anchorOf.set(this.key(r, c), anchor);
          this.mergeOf.set(this.key(r, c), m);
        }
      }
    }
  }

  private key(row: number, col: number): number {
    return row * 16384 + col;
  }

  /** The cell whose value shows at (row, col): the top-left of its merge, or itself. */
  anchor(row: number, col: number): { row: number; col: number } {
    const k = this.anchorOf.get(this.key(row, col));
    if (k === undefined) return { row, col };
    return { row: Math.floor(k / 16384), col: k % 16384 };
  }

  merge(row: number, col: number): CellRange | undefined {
    return this.mergeOf.get(this.key(row, col));
  }

  isMergeAnchor(row: number, col: number): boolean {
    const m = this.merge(row, col);
    return !m || (m.top === row && m.left === col);
  }

  inside(row: number, col: number): boolean {
    return row >= this.top && row <= this.bottom && col >= this.left && col <= this.right;
  }

  /** Raw value of this very cell (no merge resolution). */
  rawValue(row: number, col: number): CellValue {
    if (!this.inside(row, col)) return null;
    const v = this.snap.values[row - this.top]?.[col - this.left];
    return v === undefined || v === '' ? null : v;
  }

  /** Value shown at (row, col), resolving merges. */
  value(row: number, col: number): CellValue {
    const a = this.anchor(row, col);
    return this.rawValue(a.row, a.col);
  }

  /** Displayed text at (row, col), resolving merges; falls back to the raw value. */
  text(row: number, col: number): string {
    const a = this.anchor(row, col);
    if (!this.inside(a.row, a.col)) return '';
    const t = this.snap.text?.[a.row - this.top]?.[a.col - this.left];
    if (t !== undefined && t !== null && t !== '') return String(t);
    const v = this.rawValue(a.row, a.col);
    return v === null ? '' : String(v);
  }

  format(row: number, col: number): string {
    const a = this.anchor(row, col);
    if (!this.inside(a.row, a.col)) return '';
    return this.snap.numberFormat?.[a.row - this.top]?.[a.col - this.left] ?? '';
  }

  formula(row: number, col: number): string | null {
    const a = this.anchor(row, col);
    if (!this.inside(a.row, a.col)) return null;
    const f = this.snap.formulas?.[a.row - this.top]?.[a.col - this.left];
    return typeof f === 'string' && f.startsWith('=') ? f : null;
  }

  isEmpty(row: number, col: number): boolean {
    return this.text(row, col).trim() === '';
  }
}
