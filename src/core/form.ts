/**
 * The recognised form: a tree of levels and indicators in which every figure keeps the cell it came
 * from. Built by recognise/, read by score/ and figures.ts; never changed after recognition.
 */
import type { Dec } from './decimal.js';
import type { CellRange, CellValue, Grid } from './snapshot.js';
import { toA1 } from './snapshot.js';
import type { ColumnRole } from './vocabulary.js';
import type { FormKind } from './report.js';
import type { GradeScheme } from './rules/packs.js';
import { readNumber } from './values.js';

export interface Fig {
  row: number;
  col: number;
  cell: string;
  raw: CellValue;
  text: string;
  format: string;
  formula: string | null;
}

export interface NumFig extends Fig {
  value: Dec;
  decimals: number;
}

export interface Indicator {
  type: 'indicator';
  name: string;
  path: string[];
  row: number;
  nameCell: Fig | null;
  /** Weight written in the indicator's own label (“绩效目标合理性（2分）”). */
  labelWeight: Dec | null;
  weight: NumFig | null;
  score: NumFig | null;
  target: Fig | null;
  actual: Fig | null;
  explanation: Fig | null;
  criteria: Fig | null;
  content: Fig | null;
  nature: Fig | null;
  /** The 度量单位/计量单位 cell: the unit of a bare target and of an actual without one. */
  unit: Fig | null;
  level2: string | null;
}

export interface LevelNode {
  type: 'level';
  level: 1 | 2;
  name: string;
  /** The label cell; null when the level was implied by vocabulary (seed 003's missing 效益指标). */
  labelCell: Fig | null;
  labelWeight: Dec | null;
  /** A row that states the level's own weight/score (subtotal row). */
  subtotal: { weight: NumFig | null; score: NumFig | null } | null;
  children: (LevelNode | Indicator)[];
}

export interface Funds {
  budget: NumFig | null;
  executed: NumFig | null;
  rates: NumFig[];
  weight: NumFig | null;
  score: NumFig | null;
  /**
   * Always false from the recogniser and read by nothing: whether the funds row holds the form
   * total (seed 003) depends on the indicator weights, so it is a figure
   * (`FormFigures.fundsHoldTotal`, figures.ts). Kept so recognise/funds.ts need not change.
   */
  holdsTotal: boolean;
  top: number;
}

export interface Form {
  sheet: string;
  kind: FormKind;
  range: CellRange;
  title: string | null;
  headerRow: number;
  headerBottom: number;
  columns: Partial<Record<ColumnRole, number>>;
  headerCells: Partial<Record<ColumnRole, Fig>>;
  funds: Funds | null;
  /** Levels, and indicators that have no level above them (blank 一级/二级 cells). */
  levels: (LevelNode | Indicator)[];
  indicators: Indicator[];
  total: {
    row: number;
    weight: NumFig | null;
    weightCell: string | null;
    score: NumFig | null;
    scoreCell: string | null;
    /** The total cell as it is, also when it shows nothing (a formula over blank rows). */
    scoreFig: Fig | null;
  } | null;
  grade: { cell: string; fig: Fig | null } | null;
  gradeScheme: GradeScheme | null;
  /** Cells holding text where a number belongs. */
  unreadable: Fig[];
}

/**
 * A figure reads its address, format and formula from the grid when asked instead of copying them:
 * a form has up to eight figures per indicator row, kept until the report is made, and most are
 * never asked for their format or formula. Fewer fields and no A1 string per figure is most of what
 * recognition allocated. The raw value stays a field: the figures and rules read it again and again.
 * The snapshot never changes during a check, so what a getter reads is what a copy would have held.
 */
/** The grid a figure reads from, under a symbol: JSON of a form or a spread never copies the sheet. */
const GRID: unique symbol = Symbol('grid');

export class GridFig implements Fig {
  readonly [GRID]: Grid;
  readonly raw: CellValue;

  constructor(
    grid: Grid,
    readonly row: number,
    readonly col: number,
    readonly text: string,
  ) {
    this[GRID] = grid;
    this.raw = grid.rawValue(row, col);
  }

  get cell(): string {
    return toA1(this.row, this.col);
  }

  get format(): string {
    return this[GRID].ownFormat(this.row, this.col);
  }

  get formula(): string | null {
    return this[GRID].ownFormula(this.row, this.col);
  }

  /** The fields a figure had when it was a plain object, for anyone printing a form. */
  toJSON(): Record<string, unknown> {
    return { row: this.row, col: this.col, cell: this.cell, raw: this.raw, text: this.text, format: this.format, formula: this.formula };
  }

  /** The same cell read as a number. */
  withValue(value: Dec, decimals: number): GridNumFig {
    return new GridNumFig(this[GRID], this.row, this.col, this.text, value, decimals);
  }

  /** The same cell standing for another text (several rubric columns read as one). */
  withText(text: string): GridFig {
    return new GridFig(this[GRID], this.row, this.col, text);
  }
}

export class GridNumFig extends GridFig implements NumFig {
  constructor(
    grid: Grid,
    row: number,
    col: number,
    text: string,
    readonly value: Dec,
    readonly decimals: number,
  ) {
    super(grid, row, col, text);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), value: this.value, decimals: this.decimals };
  }
}

export function figAt(grid: Grid, row: number, col: number): GridFig {
  const r = grid.anchorRow(row, col);
  const c = grid.anchorCol(row, col);
  return new GridFig(grid, r, c, grid.ownText(r, c));
}

/** A figure if the cell holds something, else null. */
export function optFig(grid: Grid, row: number, col: number | undefined): GridFig | null {
  if (col === undefined) return null;
  const r = grid.anchorRow(row, col);
  const c = grid.anchorCol(row, col);
  const text = grid.ownText(r, c);
  // The text falls back to the raw value, so an empty text means an empty cell.
  if (text === '' || (text.trim() === '' && grid.rawValue(r, c) === null)) return null;
  return new GridFig(grid, r, c, text);
}

/**
 * Read a weight/score cell. Blank → null; text that is no number → null and the cell is added to
 * `unreadable` so the user hears about it.
 */
export function numFig(grid: Grid, row: number, col: number | undefined, unreadable: Unreadable): NumFig | null {
  if (col === undefined) return null;
  const r = grid.anchorRow(row, col);
  const c = grid.anchorCol(row, col);
  const raw = grid.rawValue(r, c);
  const text = grid.ownText(r, c);
  if (raw === null && !text) return null;
  const n = readNumber(raw, text);
  if (n === null) return null;
  if (n === undefined) {
    unreadable.add(grid, r, c, text);
    return null;
  }
  return new GridNumFig(grid, r, c, text, n.value, n.decimals);
}

/**
 * Cells holding text where a number belongs, each once (a merged score cell is read on every row
 * it spans), in the order met. A set of cell keys, not a search of the list: a hostile sheet may
 * hold such text on every row.
 */
export class Unreadable {
  readonly figs: Fig[] = [];
  private readonly seen = new Set<number | string>();

  add(grid: Grid, row: number, col: number, text: string): void {
    // Excel has 16,384 columns: row * 16384 + col names one cell. Any other coordinates (a wider
    // or odd snapshot) are keyed by their A1 name, as the list search compared them.
    const key = Number.isInteger(row) && Number.isInteger(col) && col >= 0 && col < 16384 ? row * 16384 + col : toA1(row, col);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.figs.push(new GridFig(grid, row, col, text));
  }
}

export function walkIndicators(nodes: (LevelNode | Indicator)[], out: Indicator[] = []): Indicator[] {
  for (const n of nodes) {
    if (n.type === 'indicator') out.push(n);
    else walkIndicators(n.children, out);
  }
  return out;
}
