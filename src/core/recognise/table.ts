/**
 * Walking an indicator table into a tree of levels and indicators. Hierarchy cells may be merged,
 * blank (carried over from above), repeated after a page break, or carry their weight in the label;
 * levels may have their own subtotal rows.
 */
import type { Grid } from '../snapshot.js';
import { foldLabel, normalizeLabel, splitFoldedWeight, splitLabelWeight } from '../text.js';
import { isPlaceholder } from '../values.js';
import { memoByText } from '../memo.js';
import {
  GRADE_VALUE_WORDS,
  NON_INDICATOR_LABELS,
  PROJECT_LEVEL2_PARENT,
  TABLE_END_PREFIXES,
  TOTAL_WORDS,
} from '../vocabulary.js';
import { figAt, numFig, optFig, Unreadable, type Fig, type Form, type Indicator, type LevelNode, type NumFig } from '../form.js';
import type { Header } from './header.js';
import { headerAt } from './header.js';

export interface TableResult {
  /** Levels, and indicators that have no level above them (blank 一级/二级 cells). */
  levels: (LevelNode | Indicator)[];
  indicators: Indicator[];
  total: Form['total'];
  lastRow: number;
  unreadable: Fig[];
  /** A grade word printed in the total row without a label of its own (总分 | 100 | 96 | 优). */
  totalGrade: Fig | null;
}

interface LabelCell {
  name: string;
  weight: ReturnType<typeof splitLabelWeight>['weight'];
  fig: Fig;
  /** The label starts on this row (not a continuation of a merge above). */
  starts: boolean;
}

/** A row without a 三级 name that opened its level: the level's subtotal, or an indicator. */
interface MaybeSubtotal {
  l1: LevelNode | null;
  l2: LevelNode | null;
  weight: NumFig | null;
  score: NumFig | null;
  /** This row created its level-2 (or level-1, when there is no level-2) node. */
  opensL2: boolean;
  opensL1: boolean;
}

/**
 * Level names compare without “指标” and weights: 产出 ≡ 产出指标, 过程（30分） ≡ 过程. Every row
 * compares its level names with the open levels': a few names, asked very often.
 */
export const canonicalLevel: (name: string) => string = memoByText((name) =>
  stripTrailingNote(splitLabelWeight(name).name.replace(/指标$/, '')),
);

/**
 * “产出(说明)” → “产出”: what /\(.*\)$/ removed (from the first “(” of the last line to a final
 * “)”), found in linear time — the regex is quadratic on a label of many “(”.
 */
function stripTrailingNote(s: string): string {
  if (!s.endsWith(')')) return s;
  let lineStart = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const ch = s.charCodeAt(i);
    if (ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029) {
      lineStart = i + 1;
      break;
    }
  }
  const open = s.indexOf('(', lineStart);
  return open >= 0 && open < s.length - 1 ? s.slice(0, open) : s;
}

/**
 * The folded label of a text of the row being read: the 总分 test, the note test and the level
 * labels of one row ask about the same few cells one after the other. Indicator names rarely
 * repeat, so a memo of them would only fill up (inserting into a Map costs more than folding a
 * label); the last few texts asked for are kept instead.
 */
const recentTexts: (string | null)[] = [null, null, null, null];
const recentLabels: string[] = ['', '', '', ''];
let recentNext = 0;

function rowLabel(text: string): string {
  for (let i = 0; i < 4; i++) if (recentTexts[i] === text) return recentLabels[i];
  const folded = foldLabel(text);
  recentTexts[recentNext] = text;
  recentLabels[recentNext] = folded;
  recentNext = (recentNext + 1) & 3;
  return folded;
}

/** A folded label without a trailing colon (/[:：]$/). */
function withoutColon(s: string): string {
  if (s.length === 0) return s;
  const last = s.charCodeAt(s.length - 1);
  return last === 0x3a || last === 0xff1a ? s.slice(0, -1) : s;
}

function labelAt(grid: Grid, row: number, col: number | undefined, previous?: LabelCell | null): LabelCell | null {
  if (col === undefined) return null;
  const ar = grid.anchorRow(row, col);
  const ac = grid.anchorCol(row, col);
  // Rows inside one merged label share it: no new figure per row.
  if (previous && previous.fig.row === ar && previous.fig.col === ac) {
    // A literal of the same shape as below, not a spread: one hidden class for every label.
    return previous.starts && ar !== row ? { name: previous.name, weight: previous.weight, fig: previous.fig, starts: false } : previous;
  }
  const shown = grid.ownText(ar, ac);
  if (shown.trim() === '' || isPlaceholder(shown)) return null;
  const fig = figAt(grid, ar, ac);
  const { name, weight } = splitFoldedWeight(rowLabel(fig.text.trim()));
  if (!name) return null;
  return { name, weight, fig, starts: fig.row === row };
}

/**
 * The non-blank cells that start on one row (merge anchors), in column order, as parallel arrays
 * filled again for every row: every cell of every row comes here, so nothing is allocated per cell.
 */
class RowCells {
  readonly cols: number[] = [];
  readonly texts: string[] = [];
  /** The same texts trimmed. */
  readonly trimmed: string[] = [];
  length = 0;
  /** Cells left out because they hold a template placeholder (“……”). */
  placeholders = 0;

  read(grid: Grid, row: number): this {
    this.length = 0;
    this.placeholders = 0;
    for (let c = grid.left; c <= grid.right; c++) {
      if (!grid.isMergeAnchor(row, c)) continue;
      const t = grid.ownText(row, c);
      if (!t) continue;
      const trimmed = t.trim();
      if (!trimmed) continue;
      if (isPlaceholder(t)) {
        this.placeholders++;
        continue;
      }
      this.cols[this.length] = c;
      this.texts[this.length] = t;
      this.trimmed[this.length] = trimmed;
      this.length++;
    }
    return this;
  }

  /** A 总分 label among the label columns. */
  hasTotalLabel(labelLimit: number): boolean {
    for (let i = 0; i < this.length; i++) if (this.cols[i] <= labelLimit && isTotalLabel(this.texts[i])) return true;
    return false;
  }
}

/** “其他需要说明事项 | 无”, “说明”: a note row inside the table, neither indicator nor weight. */
function isNoteRow(cells: RowCells, labelLimit: number): boolean {
  return cells.cols[0] <= labelLimit && isNoteLabel(cells.texts[0]);
}

function isNoteLabel(text: string): boolean {
  return NON_INDICATOR_LABELS.includes(withoutColon(rowLabel(text)));
}

/** A cell of the total row holding nothing but a grade word (优, 良好, …). */
function gradeInRow(grid: Grid, row: number, cells: RowCells): Fig | null {
  for (let i = 0; i < cells.length; i++) {
    const t = normalizeLabel(cells.texts[i]).replace(/^[“"']|[”"']$/g, '');
    if (GRADE_VALUE_WORDS.includes(t)) return figAt(grid, row, cells.cols[i]);
  }
  return null;
}

/** Within a few rows below `row`, the next non-blank row is a 总分 row or a row with a weight and a score. */
function tableResumes(grid: Grid, row: number, cols: Header['columns'], labelLimit: number): boolean {
  const cells = new RowCells();
  for (let r = row + 1; r <= Math.min(grid.bottom, row + 3); r++) {
    cells.read(grid, r);
    if (cells.length === 0) continue;
    if (cells.hasTotalLabel(labelLimit)) return true;
    const scored = (c: number | undefined) => c !== undefined && typeof grid.rawValue(r, c) === 'number';
    return scored(cols.weight) && scored(cols.score) && cells.cols[0] <= labelLimit;
  }
  return false;
}

function isTotalLabel(text: string): boolean {
  return text.length <= 12 && isTotalWord(text);
}

function isTotalWord(text: string): boolean {
  return TOTAL_WORDS.includes(withoutColon(rowLabel(text)));
}

function isTableEnd(text: string): boolean {
  // Asked on every row: only a text starting with 注 说 填 备 or with whitespace (/\s/ is among
  // these codes) needs the pattern.
  const c = text.charCodeAt(0);
  const mayMatch = c === 0x6ce8 || c === 0x8bf4 || c === 0x586b || c === 0x5907 || c <= 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x3000) || c === 0xfeff;
  if (!mayMatch || !/^\s*[注说填备]/.test(text)) return false;
  const t = normalizeLabel(text);
  return TABLE_END_PREFIXES.some((p) => t.startsWith(p.replace(/[:：]$/, ''))) && /^(注|说明|填报人|备注)[:：\d]/.test(t);
}

function insideLevelMerge(grid: Grid, row: number, cols: Header['columns']): boolean {
  return [cols.level1, cols.level2].some((c) => {
    if (c === undefined) return false;
    const m = grid.merge(row, c);
    return m !== undefined && m.top < row && m.bottom >= row;
  });
}

const LEVEL_HEADER = /^(一级|二级|三级|指标名称|指标内容)/;

function startsLevelHeader(cells: RowCells): boolean {
  for (let i = 0; i < cells.length; i++) {
    const t = cells.trimmed[i];
    // Asked on every row: the words start 一 二 三 or 指, most cells with none of them.
    const c = t.charCodeAt(0);
    if ((c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x6307) && LEVEL_HEADER.test(t)) return true;
  }
  return false;
}

export function readTable(grid: Grid, header: Header): TableResult {
  const cols = header.columns;
  const unreadable = new Unreadable();
  const numericCols = [cols.weight, cols.score, cols.target, cols.actual].filter((c): c is number => c !== undefined);
  const labelLimit = numericCols.length ? Math.min(...numericCols) - 1 : grid.right;
  const levels: (LevelNode | Indicator)[] = [];
  const hasLevel3 = cols.level3 !== undefined;
  const criteriaCols = header.extraCriteria.length ? header.extraCriteria : cols.criteria !== undefined ? [cols.criteria] : [];
  // Every kept row is made into its indicator as it is read (nothing per row waits for the end),
  // with the level it goes under; the few rows that may be a subtotal wait in `maybeSubtotal`.
  // Indicators join their levels only after the walk, so a level lists its sublevels first.
  const made: Indicator[] = [];
  const parents: (LevelNode | null)[] = [];
  const maybeSubtotal = new Map<number, MaybeSubtotal>();
  const lastInL2 = new Map<LevelNode, number>();
  const lastInL1 = new Map<LevelNode, number>();
  let l1: LevelNode | null = null;
  let l2: LevelNode | null = null;
  let blankRun = 0;
  let prevA1: LabelCell | null = null;
  let prevA2: LabelCell | null = null;
  let total: Form['total'] = null;
  let totalGrade: Fig | null = null;
  let lastRow = header.bottom;
  const filled = (r: number, c: number | undefined) => {
    if (c === undefined) return false;
    const t = grid.text(r, c);
    return t.trim() !== '' && !isPlaceholder(t);
  };
  const cells = new RowCells();

  for (let r = header.bottom + 1; r <= grid.bottom; r++) {
    cells.read(grid, r);
    // A row of “……” left from the template is neither an indicator nor the table's end.
    if (cells.length === 0 && cells.placeholders > 0) continue;
    if (cells.length === 0) {
      // An empty row inside a merged 一级/二级 cell is an unused row of the table, not its end.
      // Blank rows end the table, unless the table visibly goes on right after them (more scored
      // rows or its 总分 row): blank rows left inside a form are neither indicators nor its end.
      if (!insideLevelMerge(grid, r, cols) && ++blankRun >= 2 && !tableResumes(grid, r, cols, labelLimit)) break;
      continue;
    }
    blankRun = 0;
    if (cells.hasTotalLabel(labelLimit)) {
      const weight = numFig(grid, r, cols.weight, unreadable);
      const score = numFig(grid, r, cols.score, unreadable);
      total = {
        row: r,
        weight,
        weightCell: cols.weight !== undefined ? figAt(grid, r, cols.weight).cell : null,
        score,
        scoreCell: cols.score !== undefined ? figAt(grid, r, cols.score).cell : null,
        scoreFig: cols.score !== undefined ? figAt(grid, r, cols.score) : null,
      };
      totalGrade = gradeInRow(grid, r, cells);
      lastRow = r;
      break;
    }
    if (isTableEnd(cells.texts[0])) break;
    if (isNoteRow(cells, labelLimit)) continue;
    // Another table's header (a second form below this one) ends this table.
    if (r > header.bottom + 1 && startsLevelHeader(cells) && headerAt(grid, r)) break;

    const a1 = (prevA1 = labelAt(grid, r, cols.level1, prevA1));
    const a2 = (prevA2 = labelAt(grid, r, cols.level2, prevA2));
    const a3 = labelAt(grid, r, cols.level3);
    let opensL1 = false;
    let opensL2 = false;

    if (a1) {
      // The same name is the same level without asking (a merged 一级 cell repeats it on every row).
      if (!l1 || (l1.name !== a1.name && canonicalLevel(l1.name) !== canonicalLevel(a1.name))) {
        l1 = newLevel(1, a1);
        levels.push(l1);
        l2 = null;
        opensL1 = true;
      }
    }
    if (a2) {
      const sameL2 = l2 && (l2.name === a2.name || canonicalLevel(l2.name) === canonicalLevel(a2.name));
      if (!sameL2) {
        // A blank, unmerged 一级 cell carries the level above — unless the level-2 name belongs elsewhere
        // (seed 003: 社会效益指标 printed under 产出指标 with no 一级 label).
        const parent = PROJECT_LEVEL2_PARENT[canonicalLevel(a2.name) + '指标'];
        if (!a1 && parent && (!l1 || canonicalLevel(l1.name) !== canonicalLevel(parent))) {
          // Only a level can be the parent: an indicator straight under the header may share its name.
          const existing = levels.find((n): n is LevelNode => n.type === 'level' && canonicalLevel(n.name) === canonicalLevel(parent));
          l1 = existing ?? impliedLevel(parent);
          if (!existing) levels.push(l1);
          opensL1 = !existing;
        }
        l2 = newLevel(2, a2);
        (l1 ? l1.children : levels).push(l2);
        opensL2 = true;
      }
    }
    // Continuation of an indicator whose 三级 cell is merged over several rows.
    if (a3 && !a3.starts) continue;
    const weight = numFig(grid, r, cols.weight, unreadable);
    const score = numFig(grid, r, cols.score, unreadable);
    const hasValues =
      weight !== null ||
      score !== null ||
      filled(r, cols.target) ||
      filled(r, cols.actual);
    if (!a3 && !hasValues) continue;
    const i = made.length;
    made.push(makeIndicator(grid, cols, criteriaCols, r, l1, l2, a3, weight, score));
    parents.push(l2 ?? l1);
    if (l2) lastInL2.set(l2, i);
    if (l1) lastInL1.set(l1, i);
    if (!a3 && hasLevel3 && (opensL1 || opensL2)) maybeSubtotal.set(i, { l1, l2, weight, score, opensL1, opensL2 });
    lastRow = r;
  }

  // A row that opens a level with figures but no 三级 name is that level's subtotal when more rows
  // of the level follow it (seed 003's lone 服务对象满意度指标 row is an indicator).
  // Without a 三级 column a label-only row is the indicator itself.
  const indicators: Indicator[] = maybeSubtotal.size ? [] : made;
  for (let i = 0; i < made.length; i++) {
    const info = maybeSubtotal.size ? maybeSubtotal.get(i) : undefined;
    if (info) {
      if (info.l2 && info.opensL2 && (lastInL2.get(info.l2) ?? -1) > i) {
        info.l2.subtotal = { weight: info.weight, score: info.score };
        continue;
      }
      if (info.l1 && info.opensL1 && !info.l2 && (lastInL1.get(info.l1) ?? -1) > i) {
        info.l1.subtotal = { weight: info.weight, score: info.score };
        continue;
      }
    }
    const ind = made[i];
    if (indicators !== made) indicators.push(ind);
    const parent = parents[i];
    (parent ? parent.children : levels).push(ind);
  }

  return { levels, indicators, total, lastRow, unreadable: unreadable.figs, totalGrade };
}

function newLevel(level: 1 | 2, label: LabelCell): LevelNode {
  return { type: 'level', level, name: label.name, labelCell: label.fig, labelWeight: label.weight, subtotal: null, children: [] };
}

function impliedLevel(name: string): LevelNode {
  return { type: 'level', level: 1, name, labelCell: null, labelWeight: null, subtotal: null, children: [] };
}

function makeIndicator(
  grid: Grid,
  cols: Header['columns'],
  criteriaCols: number[],
  r: number,
  l1: LevelNode | null,
  l2: LevelNode | null,
  l3: LabelCell | null,
  weight: NumFig | null,
  score: NumFig | null,
): Indicator {
  const name = l3?.name ?? l2?.name ?? l1?.name ?? '';
  return {
    type: 'indicator',
    name,
    path: levelPath(l1?.name, l2?.name, l3?.name),
    row: r,
    nameCell: l3?.fig ?? null,
    labelWeight: l3?.weight ?? (l3 ? null : (l2 ?? l1)?.labelWeight ?? null),
    weight,
    score,
    target: optFig(grid, r, cols.target),
    actual: optFig(grid, r, cols.actual),
    explanation: optFig(grid, r, cols.explanation),
    criteria: criteriaAt(grid, r, criteriaCols),
    content: optFig(grid, r, cols.name),
    nature: optFig(grid, r, cols.nature),
    unit: optFig(grid, r, cols.unit),
    level2: l2?.name ?? null,
  };
}

/** The names from level 1 down, blanks left out and a name repeating the one above it once. */
function levelPath(l1: string | undefined, l2: string | undefined, l3: string | undefined): string[] {
  // Made at its final length: an array grown by push keeps room for 16 names, on every indicator.
  const a = l1 || undefined;
  const b = l2 && l2 !== a ? l2 : undefined;
  const c = l3 && l3 !== (b ?? a) ? l3 : undefined;
  if (a) return b ? (c ? [a, b, c] : [a, b]) : c ? [a, c] : [a];
  if (b) return c ? [b, c] : [b];
  return c ? [c] : [];
}

/** Several rubric columns (指标解释 + 指标说明) read as one text; the cell is the last, most specific one. */
function criteriaAt(grid: Grid, row: number, criteriaCols: number[]): Fig | null {
  if (criteriaCols.length === 0) return null;
  if (criteriaCols.length === 1) return optFig(grid, row, criteriaCols[0]);
  const figs = criteriaCols.map((c) => optFig(grid, row, c)).filter((f) => f !== null);
  return figs.length ? figs[figs.length - 1].withText(figs.map((f) => f.text).join('\n')) : null;
}
