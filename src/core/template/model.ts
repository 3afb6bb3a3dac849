/**
 * The template description's model: options, styles, the cell/row/validation/print types hosts
 * render, and the small helpers every host needs (column widths, a free sheet name, an even split
 * of a weight). See ../template.ts for what a template is.
 */
import { D, type Dec } from '../decimal.js';
import type { RulePackName } from '../rules/packs.js';
import type { CellRange } from '../snapshot.js';
import type { Calc } from './calc.js';

export type TemplateKind = 'project' | 'department';

export interface TemplateOptions {
  kind: TemplateKind;
  /** Rule pack whose weights, execution cap and grade bands the template follows (default national). */
  rules?: RulePackName;
  /** Project: blank indicator rows per level-2 group (default 2, 1–50). */
  rows?: number;
  /** Subtitle “（2024年度）”; without it the year is left blank to fill in by hand. */
  year?: number | null;
  /**
   * Project: give the blank rows a placeholder weight, the pack's level-1 weights split evenly over
   * each level-1's rows, so the blank form already adds up to 100 (default true).
   */
  placeholderWeights?: boolean;
  /** Language of the data-validation messages (the form itself is always Chinese). */
  locale?: 'zh-CN' | 'en-US';
}

export const DEFAULT_TEMPLATE_ROWS = 2;
export const MAX_TEMPLATE_ROWS = 50;
/** Base name of inserted sheets: 自评表, 自评表 (2), … */
export const TEMPLATE_SHEET_BASE = '自评表';

// ---------------------------------------------------------------------------------------------
// Styles

export type TemplateStyleName =
  | 'title'
  | 'subtitle'
  | 'label'
  | 'header'
  | 'text'
  | 'level'
  | 'input'
  | 'computed'
  | 'note';

export interface TemplateStyle {
  font: { name: string; size: number; bold: boolean };
  horizontal: 'left' | 'center' | 'right';
  vertical: 'top' | 'center';
  wrap: boolean;
  /** Thin border on every edge of every cell. */
  border: boolean;
  /** Background as RRGGBB, or null. Computed cells are shaded so nobody types over a formula. */
  fill: string | null;
}

const FONT = '宋体';

export const TEMPLATE_STYLES: Record<TemplateStyleName, TemplateStyle> = {
  title: { font: { name: FONT, size: 16, bold: true }, horizontal: 'center', vertical: 'center', wrap: false, border: false, fill: null },
  subtitle: { font: { name: FONT, size: 11, bold: false }, horizontal: 'center', vertical: 'center', wrap: false, border: false, fill: null },
  label: { font: { name: FONT, size: 10.5, bold: true }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: null },
  header: { font: { name: FONT, size: 10.5, bold: true }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: null },
  text: { font: { name: FONT, size: 10.5, bold: false }, horizontal: 'left', vertical: 'center', wrap: true, border: true, fill: null },
  level: { font: { name: FONT, size: 10.5, bold: false }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: null },
  input: { font: { name: FONT, size: 10.5, bold: false }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: null },
  computed: { font: { name: FONT, size: 10.5, bold: false }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: 'F2F2F2' },
  note: { font: { name: FONT, size: 9, bold: false }, horizontal: 'left', vertical: 'top', wrap: true, border: false, fill: null },
};

// ---------------------------------------------------------------------------------------------
// The description

/** What a cell is for; lets tests, hosts and fillers find cells without counting rows. */
export type TemplateCellRole =
  | 'budget-initial'
  | 'budget'
  | 'executed'
  | 'execution-rate'
  | 'execution-weight'
  | 'execution-score'
  | 'indicator-name'
  | 'indicator-target'
  | 'indicator-actual'
  | 'indicator-weight'
  | 'indicator-score'
  | 'indicator-explanation'
  | 'level-weight'
  | 'level-score'
  | 'total-weight'
  | 'total-score'
  | 'grade';

export interface TemplateCell {
  /** Constant content; absent for formula cells and for cells covered by a merge. */
  value?: string | number;
  /** Live formula; `formulaOf(calc)` is its Excel text. */
  calc?: Calc;
  style: TemplateStyleName;
  /** Excel number format; "General" when absent. */
  numberFormat?: string;
  role?: TemplateCellRole;
  /** Indicator path for indicator and level cells (一级, 二级[, row number for blank rows]). */
  path?: string[];
}

export interface TemplateRow {
  /** Row height in points. */
  height: number;
  /** One entry per column; null where the sheet stays untouched (outside the form's frame). */
  cells: (TemplateCell | null)[];
}

export interface TemplateValidation {
  /** A1 address of the one cell the rule applies to. */
  cell: string;
  /** Decimal between min and max; max is a number or the A1 address of the row's weight cell. */
  min: number;
  max: { value: number } | { ref: string };
  title: string;
  message: string;
}

export interface TemplatePrint {
  paperSize: 'A4';
  orientation: 'portrait';
  /** Fit all columns on one page; rows flow onto as many pages as needed. */
  fitToWidth: 1;
  fitToHeight: 0;
  /** 0-based rows repeated at the top of every printed page (the table header). */
  titleRows: { top: number; bottom: number };
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  centerHorizontally: boolean;
  /** The whole form. */
  area: CellRange;
}

export interface TemplateLayout {
  /** 0-based row of the indicator table's header. */
  headerRow: number;
  /** 0-based column of each table column by role. */
  columns: Partial<Record<'level1' | 'level2' | 'level3' | 'target' | 'actual' | 'weight' | 'score' | 'explanation' | 'criteria' | 'rubric', number>>;
  /** 0-based rows of the level-3 indicator rows, in order. */
  indicatorRows: number[];
  /** Subtotal rows: path of the level they sum, their weight and score cells. */
  subtotals: { path: string[]; row: number; weightCell: string | null; scoreCell: string }[];
  total: { row: number; weightCell: string | null; scoreCell: string };
  grade: { row: number; cell: string };
  funds: { row: number; initialBudget: string; budget: string; executed: string; rate: string; weight: string; score: string } | null;
}

export interface TemplateDescription {
  kind: TemplateKind;
  rules: RulePackName;
  title: string;
  /** Column widths in Excel character units (see `columnWidthPoints` for Office.js). */
  columns: number[];
  rows: TemplateRow[];
  merges: CellRange[];
  validations: TemplateValidation[];
  print: TemplatePrint;
  layout: TemplateLayout;
}

/** Office.js sets column widths in points: Excel's width w characters is w·7 + 5 pixels, 0.75 pt each. */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** 自评表, 自评表 (2), 自评表 (3) … — the first name no existing sheet has (Excel ignores case). */
export function uniqueSheetName(existing: Iterable<string>, base: string = TEMPLATE_SHEET_BASE): string {
  const taken = new Set([...existing].map((n) => n.toLocaleLowerCase()));
  if (!taken.has(base.toLocaleLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!taken.has(name.toLocaleLowerCase())) return name;
  }
}

/**
 * `total` split into `parts` amounts that add up exactly: equal shares when they are exact at two
 * decimals, else whole half points (0.01 when there are more parts than half points), the larger
 * shares first.
 */
export function splitEvenly(total: Dec | string | number, parts: number): Dec[] {
  const t = new D(total);
  if (parts <= 0) return [];
  const share = t.div(parts);
  if (share.decimalPlaces() <= 2) return Array.from({ length: parts }, () => share);
  const unit = t.div('0.5').gte(parts) ? new D('0.5') : new D('0.01');
  const units = t.div(unit).floor().toNumber();
  const q = Math.floor(units / parts);
  const r = units - q * parts;
  const out: Dec[] = [];
  for (let i = 0; i < parts; i++) out.push(unit.mul(i < r ? q + 1 : q));
  // A total that is not a whole number of units keeps its remainder on the first share.
  const rest = t.minus(unit.mul(units));
  if (!rest.isZero()) out[0] = out[0].plus(rest);
  return out;
}
