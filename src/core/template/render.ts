/**
 * Rendering helpers shared by the hosts: the description as ranges of formulas, number formats and
 * style areas, and as the values Excel would show (`evaluateTemplate`).
 */
import { parseA1, rangeToA1, toA1, type CellRange, type CellValue } from '../snapshot.js';
import { evaluateCalc, formulaOf, type Calc } from './calc.js';
import type { TemplateCellRole, TemplateDescription, TemplateStyleName } from './model.js';

/** The form's rectangle as A1 ("A1:H60"). */
export function templateRange(t: TemplateDescription): string {
  return rangeToA1(t.print.area);
}

/** Content for Office.js `range.formulas` (and ExcelJS): formula text, constant or "". */
export function templateFormulas(t: TemplateDescription): (string | number)[][] {
  return t.rows.map((row) => row.cells.map((c) => (c?.calc ? formulaOf(c.calc) : (c?.value ?? ''))));
}

export function templateNumberFormats(t: TemplateDescription): string[][] {
  return t.rows.map((row) => row.cells.map((c) => c?.numberFormat ?? 'General'));
}

/**
 * Rectangles of equal style, for hosts that format range by range: runs of equal style along a
 * row, joined with the same run on the rows below.
 */
export function styleAreas(t: TemplateDescription): { range: CellRange; style: TemplateStyleName }[] {
  const open: { range: CellRange; style: TemplateStyleName }[] = [];
  const done: { range: CellRange; style: TemplateStyleName }[] = [];
  t.rows.forEach((row, r) => {
    const runs: { left: number; right: number; style: TemplateStyleName }[] = [];
    row.cells.forEach((c, col) => {
      if (!c) return;
      const last = runs[runs.length - 1];
      if (last && last.style === c.style && last.right === col - 1) last.right = col;
      else runs.push({ left: col, right: col, style: c.style });
    });
    const still: typeof open = [];
    for (const a of open) {
      const i = runs.findIndex((x) => x.left === a.range.left && x.right === a.range.right && x.style === a.style);
      if (i >= 0 && a.range.bottom === r - 1) {
        a.range.bottom = r;
        runs.splice(i, 1);
        still.push(a);
      } else done.push(a);
    }
    for (const x of runs) still.push({ range: { top: r, left: x.left, bottom: r, right: x.right }, style: x.style });
    open.splice(0, open.length, ...still);
  });
  return [...done, ...open].sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
}

/** Every cell with the given role (A1, in sheet order). */
export function cellsWithRole(t: TemplateDescription, role: TemplateCellRole): { cell: string; path?: string[] }[] {
  const out: { cell: string; path?: string[] }[] = [];
  t.rows.forEach((row, r) =>
    row.cells.forEach((c, col) => {
      if (c?.role === role) out.push({ cell: toA1(r, col), path: c.path });
    }),
  );
  return out;
}

/**
 * The values Excel shows once `inputs` are typed in (A1 → value; null clears a cell; typing into
 * a formula cell replaces its formula, as in Excel). Formulas are evaluated in dependency order.
 */
export function evaluateTemplate(
  t: TemplateDescription,
  inputs: Record<string, CellValue> = {},
): { values: CellValue[][]; formulas: (string | null)[][] } {
  const height = t.rows.length;
  const width = t.columns.length;
  const consts = new Map<string, CellValue>();
  const calcs = new Map<string, Calc>();
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const cell = t.rows[r].cells[c];
      const a1 = toA1(r, c);
      if (cell?.calc) calcs.set(a1, cell.calc);
      else if (cell?.value !== undefined && cell.value !== '') consts.set(a1, cell.value);
    }
  }
  for (const [key, v] of Object.entries(inputs)) {
    const { row, col } = parseA1(key);
    const a1 = toA1(row, col);
    calcs.delete(a1);
    if (v === null || v === '') consts.delete(a1);
    else consts.set(a1, v);
  }
  const done = new Map<string, CellValue>();
  const busy = new Set<string>();
  const get = (a1: string): CellValue => {
    if (done.has(a1)) return done.get(a1) as CellValue;
    const calc = calcs.get(a1);
    if (!calc) return consts.get(a1) ?? null;
    if (busy.has(a1)) throw new RangeError(`模板公式循环引用：${a1}`);
    busy.add(a1);
    const v = evaluateCalc(calc, get);
    busy.delete(a1);
    done.set(a1, v);
    return v;
  };
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = 0; r < height; r++) {
    values.push([]);
    formulas.push([]);
    for (let c = 0; c < width; c++) {
      const a1 = toA1(r, c);
      const calc = calcs.get(a1);
      values[r].push(get(a1));
      formulas[r].push(calc ? formulaOf(calc) : null);
    }
  }
  return { values, formulas };
}

