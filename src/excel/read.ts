/**
 * Reading worksheets into SheetSnapshots, in as few round trips as Excel allows.
 *
 * One sync asks, for every sheet at once: the used range's position and size; a first window of it
 * (values, text, number formats, formulas), anchored at A1 and intersected with the used range so
 * nothing outside the used range is sent; the merged areas; and the sheet's conditional formats, to
 * find 核分's old highlights. A form fits in that window, so a check reads in one sync. Only a sheet
 * bigger than the window costs more syncs, each asking for at most `budgetCells` cells, which keeps
 * every response well under Excel on the web's 5 MB cap.
 */
import { parseRangeA1, toA1, type CellRange, type CellValue, type SheetSnapshot } from '../core/index.js';
import { overlaysIn, queueDiscovery } from './overlay.js';
import { READ_FAILED, syncOr } from './sync.js';

export interface ReadLimits {
  /** Cells one sync may ask values, text, number formats and formulas of. */
  budgetCells: number;
  /** Width of the first window; its height is what the budget leaves for each sheet. */
  windowColumns: number;
}

export const DEFAULT_LIMITS: ReadLimits = { budgetCells: 10_000, windowColumns: 32 };

export interface SheetRead {
  worksheet: Excel.Worksheet;
  id: string;
  name: string;
  snapshot: SheetSnapshot;
}

export interface ReadResult {
  sheets: SheetRead[];
  /** 核分's highlight rules on the sheets read and on the extra sheets. */
  overlays: Excel.ConditionalFormat[];
}

const CELL_PROPS = 'values,text,numberFormat,formulas';

interface Block {
  top: number;
  left: number;
  values: CellValue[][];
  text: string[][];
  numberFormat: string[][];
  formulas: (string | null)[][];
}

function emptyBlock(top: number, left: number, rows: number, cols: number): Block {
  const grid = <T>(v: T) => Array.from({ length: rows }, () => new Array<T>(cols).fill(v));
  return { top, left, values: grid<CellValue>(''), text: grid(''), numberFormat: grid(''), formulas: grid<string | null>(null) };
}

/** Copy a loaded range (values, text, formats, formulas) into the block at its own position. */
function paste(block: Block, at: { row: number; col: number }, range: Excel.Range): void {
  const { values, text, numberFormat, formulas } = range;
  for (let r = 0; r < values.length; r++) {
    const br = at.row - block.top + r;
    for (let c = 0; c < values[r].length; c++) {
      const bc = at.col - block.left + c;
      block.values[br][bc] = values[r][c] as CellValue;
      block.text[br][bc] = String(text[r][c] ?? '');
      block.numberFormat[br][bc] = String(numberFormat[r][c] ?? '');
      const f: unknown = formulas[r][c];
      block.formulas[br][bc] = typeof f === 'string' && f.startsWith('=') ? f : null;
    }
  }
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

/** Rectangles of at most `budget` cells covering `rect`. */
export function tiles(rect: CellRange, budget: number): CellRange[] {
  const width = rect.right - rect.left + 1;
  const w = Math.min(width, budget);
  const h = Math.max(1, Math.floor(budget / w));
  const out: CellRange[] = [];
  for (let top = rect.top; top <= rect.bottom; top += h) {
    for (let left = rect.left; left <= rect.right; left += w) {
      out.push({ top, left, bottom: Math.min(top + h - 1, rect.bottom), right: Math.min(left + w - 1, rect.right) });
    }
  }
  return out;
}

/** The used range minus the window read in the first sync (the window shares its top-left). */
export function remainder(used: CellRange, window: CellRange | null): CellRange[] {
  if (!window) return [used];
  const out: CellRange[] = [];
  if (window.right < used.right) out.push({ top: used.top, left: window.right + 1, bottom: window.bottom, right: used.right });
  if (window.bottom < used.bottom) out.push({ top: window.bottom + 1, left: used.left, bottom: used.bottom, right: used.right });
  return out;
}

function cells(r: CellRange): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/** A range whose rowIndex, columnIndex, rowCount and columnCount were loaded. */
function rectOf(r: Excel.Range): CellRange {
  return { top: r.rowIndex, left: r.columnIndex, bottom: r.rowIndex + r.rowCount - 1, right: r.columnIndex + r.columnCount - 1 };
}

/**
 * Read `worksheets` into snapshots and find 核分's highlight rules on them and on `alsoDiscover`.
 * Merged areas are asked for only when `merges` is true (ExcelApi 1.13).
 */
export async function readSheets(
  context: Excel.RequestContext,
  worksheets: Excel.Worksheet[],
  alsoDiscover: Excel.Worksheet[],
  opts: ReadLimits & { merges: boolean; discover?: boolean },
): Promise<ReadResult> {
  const cols = opts.windowColumns;
  const rows = Math.max(1, Math.floor(opts.budgetCells / Math.max(1, worksheets.length) / cols));
  const windowAddress = `A1:${toA1(rows - 1, cols - 1)}`;

  const pending = worksheets.map((ws) => {
    ws.load('name,id');
    const used = ws.getUsedRange(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const window = used.getIntersectionOrNullObject(windowAddress);
    window.load(`rowIndex,columnIndex,rowCount,columnCount,${CELL_PROPS}`);
    const merged = opts.merges ? used.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    return { ws, used, window, merged, cfs: opts.discover === false ? null : queueDiscovery(ws) };
  });
  const extra = alsoDiscover.map(queueDiscovery);
  await syncOr(context, 'read-failed', READ_FAILED);

  const blocks: Block[] = [];
  const rest: { sheet: number; rect: CellRange }[] = [];
  pending.forEach((p, i) => {
    const used = rectOf(p.used);
    const block = emptyBlock(used.top, used.left, p.used.rowCount, p.used.columnCount);
    const window = p.window.isNullObject ? null : rectOf(p.window);
    if (window) paste(block, { row: window.top, col: window.left }, p.window);
    for (const r of remainder(used, window)) for (const t of tiles(r, opts.budgetCells)) rest.push({ sheet: i, rect: t });
    blocks.push(block);
  });

  // Sheets bigger than the window: further syncs of at most budgetCells cells each.
  while (rest.length) {
    const batch: typeof rest = [];
    let size = 0;
    while (rest.length && (batch.length === 0 || size + cells(rest[0].rect) <= opts.budgetCells)) {
      const t = rest.shift() as (typeof rest)[number];
      size += cells(t.rect);
      batch.push(t);
    }
    const ranges = batch.map(({ sheet, rect }) =>
      pending[sheet].ws.getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1).load(CELL_PROPS),
    );
    await syncOr(context, 'read-failed', READ_FAILED);
    batch.forEach(({ sheet, rect }, k) => paste(blocks[sheet], { row: rect.top, col: rect.left }, ranges[k]));
  }

  return {
    sheets: pending.map((p, i) => ({
      worksheet: p.ws,
      id: p.ws.id,
      name: p.ws.name,
      snapshot: {
        sheet: p.ws.name,
        top: blocks[i].top,
        left: blocks[i].left,
        values: blocks[i].values,
        text: blocks[i].text,
        numberFormat: blocks[i].numberFormat,
        formulas: blocks[i].formulas,
        merges: p.merged && !p.merged.isNullObject ? parseAreas(p.merged.address) : [],
      },
    })),
    overlays: [...pending.flatMap((p) => (p.cfs ? [p.cfs] : [])), ...extra].flatMap(overlaysIn),
  };
}
