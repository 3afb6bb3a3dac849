/**
 * The geometry of a bounded read (./read.ts), without Office.js: which parts of a used range to
 * ask about, which block around the form to keep, and how many cells the next chunk may hold for
 * its response to stay within a byte budget.
 */
import { parseRangeA1, type CellRange } from '../core/index.js';

/** Unread cells beyond this (outside the first window) are located before anything is read. */
export const DISCOVER_ABOVE = 100_000;
/** As the file reader (src/xlsx/reader/sparse.ts): content further than this from the form is not part of it. */
export const ROW_GAP = 100;
export const COL_GAP = 26;
/** Far content is still read while the block stays within this many cells (a few syncs). */
export const KEEP_AREA = 200_000;
/** A located box this small is taken as it is; a larger one is sliced and asked about again. */
const SETTLED_AREA = 65_536;
const SLICES = 16;
const MAX_ROUNDS = 5;
/** Questions in one sync (each answer is about a hundred bytes). */
const MAX_ASKS = 1_024;
/** Bytes per cell assumed where nothing was read yet: a long note in values, text and formulas. */
export const UNKNOWN_DENSITY = 8_000;

export type Found = CellRange;

export function area(r: CellRange): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

export function intersect(a: CellRange, b: CellRange): CellRange | null {
  const r = { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) };
  return r.top > r.bottom || r.left > r.right ? null : r;
}

export function contains(outer: CellRange, inner: CellRange): boolean {
  return outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}

function union(a: CellRange, b: CellRange): CellRange {
  return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
}

/**
 * `rect` minus `hole`, as at most four rectangles: the rows above (full width), then beside the
 * hole to the right and to the left, then the rows below (full width).
 */
export function subtract(rect: CellRange, hole: CellRange | null): CellRange[] {
  const h = hole ? intersect(rect, hole) : null;
  if (!h) return [rect];
  const out: CellRange[] = [];
  if (h.top > rect.top) out.push({ ...rect, bottom: h.top - 1 });
  if (h.right < rect.right) out.push({ top: h.top, bottom: h.bottom, left: h.right + 1, right: rect.right });
  if (h.left > rect.left) out.push({ top: h.top, bottom: h.bottom, left: rect.left, right: h.left - 1 });
  if (h.bottom < rect.bottom) out.push({ ...rect, top: h.bottom + 1 });
  return out;
}

/**
 * The first chunk of `rect` whose response should stay within `budgetBytes` at `density` bytes a
 * cell (unknown: UNKNOWN_DENSITY) and within `budgetCells`: whole rows when a row fits, else part
 * of the first row. `rest` is what is left of `rect`, in reading order.
 */
export function nextTile(
  rect: CellRange,
  density: number | null,
  budgetCells: number,
  budgetBytes: number,
): { tile: CellRange; rest: CellRange[]; estimate: number } {
  const d = Math.max(1, density ?? UNKNOWN_DENSITY);
  const max = Math.max(1, Math.min(budgetCells, Math.floor(budgetBytes / d)));
  const width = rect.right - rect.left + 1;
  let tile: CellRange;
  const rest: CellRange[] = [];
  if (width <= max) {
    const h = Math.max(1, Math.floor(max / width));
    tile = { ...rect, bottom: Math.min(rect.bottom, rect.top + h - 1) };
    if (tile.bottom < rect.bottom) rest.push({ ...rect, top: tile.bottom + 1 });
  } else {
    tile = { top: rect.top, bottom: rect.top, left: rect.left, right: rect.left + max - 1 };
    rest.push({ top: rect.top, bottom: rect.top, left: tile.right + 1, right: rect.right });
    if (rect.bottom > rect.top) rest.push({ ...rect, top: rect.top + 1 });
  }
  return { tile, rest, estimate: area(tile) * d };
}

/** SLICES slices of `box` across its longer side. */
function slices(box: CellRange): CellRange[] {
  const rows = box.bottom - box.top + 1;
  const cols = box.right - box.left + 1;
  const byRows = rows >= cols;
  const n = byRows ? rows : cols;
  const step = Math.ceil(n / SLICES);
  const out: CellRange[] = [];
  for (let i = 0; i < n; i += step) {
    out.push(
      byRows
        ? { ...box, top: box.top + i, bottom: Math.min(box.bottom, box.top + i + step - 1) }
        : { ...box, left: box.left + i, right: Math.min(box.right, box.left + i + step - 1) },
    );
  }
  return out;
}

/**
 * Locate the content of `explore[sheet]`'s rectangles: `ask` answers, in one sync, the bounding
 * box of the cells holding values in each rectangle (null: none). A box larger than SETTLED_AREA is
 * sliced and asked about again, for at most MAX_ROUNDS syncs; the boxes end up in `found[sheet]`.
 */
export async function refine(
  explore: CellRange[][],
  ask: (asks: { sheet: number; rect: CellRange }[]) => Promise<(CellRange | null)[]>,
  found: Found[][],
): Promise<void> {
  let open = explore.flatMap((rects, sheet) => rects.map((rect) => ({ sheet, rect })));
  for (let round = 0; open.length; round++) {
    const asks = open.slice(0, MAX_ASKS);
    // more questions than a sync should carry: the rest are taken whole, as if full
    for (const o of open.slice(MAX_ASKS)) found[o.sheet].push(o.rect);
    const answers = await ask(asks);
    const next: typeof open = [];
    answers.forEach((box, k) => {
      if (!box) return;
      const { sheet } = asks[k];
      if (area(box) <= SETTLED_AREA || round === MAX_ROUNDS - 1) found[sheet].push(box);
      else next.push(...slices(box).map((rect) => ({ sheet, rect })));
    });
    open = next;
  }
}

function near(a: CellRange, b: CellRange): boolean {
  const rowGap = Math.max(0, b.top - a.bottom - 1, a.top - b.bottom - 1);
  const colGap = Math.max(0, b.left - a.right - 1, a.left - b.right - 1);
  return rowGap <= ROW_GAP && colGap <= COL_GAP;
}

/**
 * The block around the form: the content of the first window (else the topmost box found), grown
 * by every box within ROW_GAP rows and COL_GAP columns of it, or that keeps the block within
 * `keepArea` cells (a second form further down is still read), repeatedly, the cheapest first.
 * What stays out is skipped: only content whose inclusion would make the block huge.
 */
export function keepAround(
  windowContent: CellRange | null,
  found: Found[],
  keepArea = KEEP_AREA,
): { rect: CellRange | null; skipped: CellRange[] } {
  const boxes = [...found];
  let rect = windowContent;
  if (!rect) {
    boxes.sort((a, b) => a.top - b.top || a.left - b.left);
    rect = boxes.shift() ?? null;
  }
  if (!rect) return { rect: null, skipped: [] };
  for (;;) {
    let best = -1;
    let bestArea = Infinity;
    for (let i = 0; i < boxes.length; i++) {
      const a = area(union(rect, boxes[i]));
      if (a < bestArea && (a <= keepArea || near(rect, boxes[i]))) {
        best = i;
        bestArea = a;
      }
    }
    if (best < 0) break;
    rect = union(rect, boxes[best]);
    boxes.splice(best, 1);
  }
  return { rect, skipped: boxes };
}

/** "Sheet1!A1:B2, 'My, sheet'!C3:D4" → rectangles (commas inside quoted sheet names kept). */
export function parseAreas(address: string): CellRange[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean).map(parseRangeA1);
}

/** Bytes of `s` in UTF-8, as the response carries it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
