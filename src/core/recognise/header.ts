/**
 * Finding an indicator table's header: one row or two (a group label above 一级/二级/三级, or a
 * label split as “年度 / 指标值”), columns in any order, extra columns ignored.
 */
import type { Grid } from '../snapshot.js';
import { headerKey } from '../text.js';
import { memoByText } from '../memo.js';
import { COLUMN_WORDS, type ColumnRole } from '../vocabulary.js';

export interface Header {
  top: number;
  bottom: number;
  columns: Partial<Record<ColumnRole, number>>;
  /** Every column whose header names a role, in sheet order (a role may repeat: two rubric columns). */
  extraCriteria: number[];
}

const ROLE_ORDER = Object.keys(COLUMN_WORDS) as ColumnRole[];

/** Strip a trailing parenthesised note, “执行率(%)” → “执行率”, “年度指标值(A)” → “年度指标值”. */
function bare(key: string): string {
  return key.replace(/\([^()]*\)$/, '');
}

const EXACT = new Map<string, ColumnRole>();
for (const role of ROLE_ORDER) {
  for (const w of COLUMN_WORDS[role].exact) {
    const k = headerKey(w);
    if (!EXACT.has(k)) EXACT.set(k, role);
    if (!EXACT.has(bare(k))) EXACT.set(bare(k), role);
  }
}

export const roleOf: (text: string) => ColumnRole | null = memoByText(findRole);

function findRole(text: string): ColumnRole | null {
  if (text.length > 40) return null;
  const k = headerKey(text);
  if (!k || k.length > 24) return null;
  const exact = EXACT.get(k) ?? EXACT.get(bare(k));
  if (exact) return exact;
  for (const role of ROLE_ORDER) {
    const c = COLUMN_WORDS[role].contains;
    if (c && c.some((w) => k.includes(w))) return role;
  }
  return null;
}

function isLevelRole(r: ColumnRole): boolean {
  return r === 'level1' || r === 'level2' || r === 'level3' || r === 'name';
}

/** Assign roles to columns given a text per column; the first column to claim a role keeps it. */
function assign(texts: Map<number, string[]>): Header['columns'] & { _criteria: number[] } {
  const columns: Partial<Record<ColumnRole, number>> = {};
  const criteria: number[] = [];
  const names: number[] = [];
  for (const [col, candidates] of [...texts.entries()].sort((a, b) => a[0] - b[0])) {
    for (const t of candidates) {
      const role = roleOf(t);
      if (!role) continue;
      if (role === 'criteria') criteria.push(col);
      if (role === 'name') {
        names.push(col);
        break;
      }
      if (columns[role] === undefined) columns[role] = col;
      break;
    }
  }
  // 指标名称/指标内容 names the indicator when there is no 三级指标 column; beside one it is a
  // description column (seed 001's 指标内容).
  if (names.length) {
    if (columns.level3 === undefined) columns.level3 = names[0];
    else columns.name = names[0];
  }
  return Object.assign(columns, { _criteria: criteria });
}

function scoreOf(cols: Partial<Record<ColumnRole, number>>): number {
  return Object.keys(cols).length;
}

function acceptable(cols: Partial<Record<ColumnRole, number>>): boolean {
  const hasLevel = (Object.keys(cols) as ColumnRole[]).some(isLevelRole);
  return cols.score !== undefined && hasLevel;
}

/** Texts of one header row, one entry per column (horizontal merges give their text to the first column). */
function rowTexts(grid: Grid, row: number): Map<number, string> {
  const out = new Map<number, string>();
  for (let c = grid.left; c <= grid.right; c++) {
    const a = grid.anchor(row, c);
    if (a.col !== c) continue;
    const t = grid.text(row, c).trim();
    if (t) out.set(c, t);
  }
  return out;
}

/**
 * Every word naming the score column holds 分, and no character but 分 itself folds into one (NFKC
 * maps none to it): a text without 分 names no score column. Checked on the words, so a word
 * without 分 added to the vocabulary turns the shortcut off rather than missing its header.
 */
const SCORE_WORDS_HOLD_FEN = !COLUMN_WORDS.score.contains && [...EXACT].every(([k, role]) => role !== 'score' || k.includes('分'));

function namesScore(t: string): boolean {
  // Every row of a sheet without a form comes here: most texts are ruled out without a memo entry.
  if (SCORE_WORDS_HOLD_FEN && !t.includes('分')) return false;
  return roleOf(t.trim()) === 'score';
}

/** Cheap test before the full one: a header row names a score column somewhere. */
function mayBeHeader(grid: Grid, row: number): boolean {
  for (let c = grid.left; c <= grid.right; c++) {
    const t = grid.text(row, c);
    if (t && t.length <= 40 && namesScore(t)) return true;
  }
  if (row + 1 > grid.bottom) return false;
  for (let c = grid.left; c <= grid.right; c++) {
    const t = grid.text(row + 1, c);
    if (t && t.length <= 40 && namesScore(t)) return true;
  }
  return false;
}

export function headerAt(grid: Grid, row: number): Header | null {
  if (!mayBeHeader(grid, row)) return null;
  const one = rowTexts(grid, row);
  if (one.size < 3) return null;
  const single = assign(new Map([...one].map(([c, t]) => [c, [t]])));
  let best: Header | null = acceptable(single)
    ? { top: row, bottom: row, columns: strip(single), extraCriteria: single._criteria }
    : null;
  // A row holding numbers is data (a funds row right above the table), never the top of a header.
  if (row + 1 <= grid.bottom && !hasNumber(grid, row)) {
    const two = new Map<number, string[]>();
    for (let c = grid.left; c <= grid.right; c++) {
      const upperAnchor = grid.anchor(row, c);
      const lowerAnchor = grid.anchor(row + 1, c);
      const upper = grid.text(row, c).trim();
      const lower = lowerAnchor.row === row + 1 && lowerAnchor.col === c ? grid.text(row + 1, c).trim() : '';
      const sameCell = upperAnchor.row === lowerAnchor.row && upperAnchor.col === lowerAnchor.col;
      const cands: string[] = [];
      if (lower && !sameCell) cands.push(lower, upper + lower);
      if (upper && (upperAnchor.col === c || sameCell || !lower)) cands.push(upper);
      if (cands.length) two.set(c, cands);
    }
    const double = assign(two);
    if (acceptable(double) && (!best || scoreOf(strip(double)) > scoreOf(best.columns))) {
      best = { top: row, bottom: row + 1, columns: strip(double), extraCriteria: double._criteria };
    }
  }
  return best;
}

function strip(c: Partial<Record<ColumnRole, number>> & { _criteria?: number[] }): Partial<Record<ColumnRole, number>> {
  const { _criteria, ...rest } = c;
  void _criteria;
  return rest;
}

function hasNumber(grid: Grid, row: number): boolean {
  for (let c = grid.left; c <= grid.right; c++) if (typeof grid.rawValue(row, c) === 'number') return true;
  return false;
}
