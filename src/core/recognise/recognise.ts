/**
 * Find every form on a sheet, wherever it starts, and classify it. A sheet without an indicator
 * table yields no form and no error.
 */
import { Grid, type SheetSnapshot } from '../snapshot.js';
import { normalizeLabel } from '../text.js';
import {
  DEPARTMENT_LEVEL1,
  DEPARTMENT_LEVEL2,
  GRADE_WORDS,
  PROJECT_LEVEL1,
  TITLE_WORDS,
} from '../vocabulary.js';
import { figAt, optFig, type Form } from '../form.js';
import type { FormKind } from '../report.js';
import { headerAt } from './header.js';
import { findFunds } from './funds.js';
import { canonicalLevel, readTable } from './table.js';
import { findGradeScheme } from './grades.js';

export function recognise(snapshot: SheetSnapshot): Form[] {
  const grid = new Grid(snapshot);
  const forms: Form[] = [];
  const scheme = findGradeScheme(grid);
  let searchTop = grid.top;
  for (let r = grid.top; r <= grid.bottom; r++) {
    const header = headerAt(grid, r);
    if (!header) continue;
    const table = readTable(grid, header);
    if (table.indicators.length === 0) continue;
    const funds = findFunds(grid, searchTop, header.top);
    const end = table.lastRow;
    const labelled = findGrade(grid, table.lastRow, end);
    const grade = labelled ?? (table.totalGrade ? { row: table.totalGrade.row, cell: table.totalGrade.cell, fig: table.totalGrade } : null);
    const top = Math.min(header.top, funds?.top ?? Infinity);
    const title = findTitle(grid, top, searchTop);
    const headerCells: Form['headerCells'] = {};
    for (const [role, col] of Object.entries(header.columns)) {
      headerCells[role as keyof Form['headerCells']] = figAt(grid, header.bottom, col as number);
    }
    const form: Form = {
      sheet: snapshot.sheet,
      kind: 'project',
      range: {
        top: title ? title.row : top,
        left: grid.left,
        bottom: Math.max(end, grade ? grade.row : end),
        right: grid.right,
      },
      title: title?.text ?? null,
      headerRow: header.top,
      headerBottom: header.bottom,
      columns: header.columns,
      headerCells,
      funds,
      levels: table.levels,
      indicators: table.indicators,
      total: table.total,
      grade: grade ? { cell: grade.cell, fig: grade.fig } : null,
      gradeScheme: scheme,
      unreadable: table.unreadable,
    };
    form.kind = classify(form);
    forms.push(form);
    r = form.range.bottom;
    searchTop = r + 1;
  }
  return forms;
}

function classify(form: Form): FormKind {
  let dept = 0;
  let proj = 0;
  if (form.columns.criteria !== undefined) dept += 2;
  if (form.columns.target !== undefined || form.columns.actual !== undefined) proj += 2;
  for (const l of form.levels) {
    // An indicator with no parent level sits among the levels (a blank 一级/二级 cell): no vote.
    if (l.type !== 'level') continue;
    const c = canonicalLevel(l.name);
    if (DEPARTMENT_LEVEL1.some((d) => c.startsWith(d)) && !PROJECT_LEVEL1.includes(l.name)) dept += 1;
    if (PROJECT_LEVEL1.some((p) => canonicalLevel(p) === c) && l.name.endsWith('指标')) proj += 1;
    for (const ch of l.children) {
      if (ch.type === 'level' && DEPARTMENT_LEVEL2.includes(canonicalLevel(ch.name))) dept += 1;
    }
  }
  if (form.title) {
    if (/部门整体|整体支出/.test(form.title)) dept += 3;
    if (/项目支出|项目/.test(form.title)) proj += 3;
  }
  return dept > proj ? 'department' : 'project';
}

function findGrade(grid: Grid, lastRow: number, _end: number): { row: number; cell: string; fig: ReturnType<typeof optFig> } | null {
  for (let r = Math.max(grid.top, lastRow - 1); r <= Math.min(grid.bottom, lastRow + 4); r++) {
    for (let c = grid.left; c <= grid.right; c++) {
      const a = grid.anchor(r, c);
      if (a.row !== r || a.col !== c) continue;
      const t = normalizeLabel(grid.text(r, c)).replace(/[:：]$/, '');
      if (!GRADE_WORDS.includes(t)) continue;
      const m = grid.merge(r, c);
      let cc = (m ? m.right : c) + 1;
      // The grade sits in the first non-empty cell to the right, else in the cell right beside the label.
      let valueCol = -1;
      for (; cc <= grid.right; cc++) {
        const b = grid.anchor(r, cc);
        if (b.col !== cc) continue;
        if (!grid.isEmpty(r, cc) || grid.formula(r, cc)) {
          valueCol = cc;
          break;
        }
      }
      if (valueCol < 0) {
        const right = (m ? m.right : c) + 1;
        if (right > grid.right) return null;
        const fig = figAt(grid, r, right);
        return { row: r, cell: fig.cell, fig };
      }
      const fig = figAt(grid, r, valueCol);
      return { row: r, cell: fig.cell, fig };
    }
  }
  return null;
}

function findTitle(grid: Grid, top: number, limit: number): { row: number; text: string } | null {
  for (let r = top - 1; r >= Math.max(limit, top - 6); r--) {
    for (let c = grid.left; c <= grid.right; c++) {
      const a = grid.anchor(r, c);
      if (a.row !== r || a.col !== c) continue;
      const t = normalizeLabel(grid.text(r, c));
      if (t && TITLE_WORDS.some((w) => t.includes(w)) && t.length <= 40) return { row: r, text: t };
    }
  }
  return null;
}
