/**
 * Reading worksheets into SheetSnapshots, in as few round trips as Excel allows, each response well
 * under Excel on the web's 5 MB cap (counted in bytes of JSON, not in cells).
 *
 * Sync 1 asks, for every sheet at once: the used range's position and size (values only); a first
 * window of it (values, text, number formats, formulas), anchored at A1 and intersected with the
 * used range; the merged areas; and the sheet's conditional formats, to find 核分's old highlights.
 * A form fits in that window, so a normal check reads in one sync.
 *
 * Office.js reports no text lengths before the text itself, so that first window is blind: when
 * long notes beside a form make it more than Excel will send, Excel refuses the sync and sync 1 is
 * asked again without the window, and the sheet is remembered so that its next re-check does not
 * ask for it (./read-plan.ts has the geometry). Then, only for a sheet bigger than the window:
 * - a used range far larger than any form (a stray value at A200000 or XFD1048576) is narrowed
 *   first: `getUsedRangeOrNullObject(true)` (ExcelApi 1.4) of the unread parts, then of slices of
 *   what they report, a few hundred bytes a question, finds where the content is; only the block
 *   around the form (and whatever else keeps it small) is read, the rest is reported in `skipped`;
 * - what remains is read in chunks sized by bytes: the bytes per cell seen so far (at the start,
 *   in the first window, or what the last read of the sheet met) times the cells, at most
 *   `budgetBytes` a sync; after lighter rows the estimate comes down by half a sync at most; a
 *   chunk Excel still refuses is asked again in pieces sized for what the refusal proves.
 * The snapshot covers only that block, so its memory is bounded whatever the used range.
 */
import { rangeToA1, toA1, type CellRange, type CellValue, type SheetSnapshot } from '../core/index.js';
import { HostError } from '../host/index.js';
import { overlaysIn, queueDiscovery } from './overlay.js';
import { READ_FAILED, syncOr } from './sync.js';
import {
  DISCOVER_ABOVE,
  area,
  contains,
  intersect,
  keepAround,
  nextTile,
  parseAreas,
  refine,
  UNKNOWN_DENSITY,
  subtract,
  utf8Length,
  type Found,
} from './read-plan.js';

export interface ReadLimits {
  /** Cells one sync may ask values, text, number formats and formulas of. */
  budgetCells: number;
  /** Width of the first window; its height is what the budget leaves for each sheet. */
  windowColumns: number;
  /** Bytes of JSON one sync may expect in its response, by the bytes per cell seen so far. */
  budgetBytes?: number;
  /** Cells of the block around the form read at most (default MAX_BLOCK_CELLS). */
  maxBlockCells?: number;
}

/** 2 MB a sync, well under the 5 MB cap: the next rows may hold longer text than the last. */
export const DEFAULT_BUDGET_BYTES = 2_000_000;

export const DEFAULT_LIMITS: ReadLimits = { budgetCells: 10_000, windowColumns: 32, budgetBytes: DEFAULT_BUDGET_BYTES };

/** Excel on the web refuses a response larger than this (5 MB). */
const EXCEL_RESPONSE_CAP = 5_000_000;

/** At most this many cells of the block around the form are read: the pane's memory stays bounded. */
export const MAX_BLOCK_CELLS = 1_000_000;

export interface SheetRead {
  worksheet: Excel.Worksheet;
  id: string;
  name: string;
  snapshot: SheetSnapshot;
  /** Content far from the form that was not read (bounding boxes of used cells). */
  skipped: CellRange[];
}

export interface ReadResult {
  sheets: SheetRead[];
  /** 核分's highlight rules on the sheets read and on the extra sheets. */
  overlays: Excel.ConditionalFormat[];
}

const CELL_PROPS = 'values,text,numberFormat,formulas';

interface Block {
  rect: CellRange;
  values: CellValue[][];
  text: string[][];
  numberFormat: string[][];
  formulas: (string | null)[][];
}

function emptyBlock(rect: CellRange): Block {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  const grid = <T>(v: T) => Array.from({ length: rows }, () => new Array<T>(cols).fill(v));
  return { rect, values: grid<CellValue>(''), text: grid(''), numberFormat: grid(''), formulas: grid<string | null>(null) };
}

/** Copy the part of a loaded range that lies inside the block; returns the JSON bytes it came in. */
function paste(block: Block | null, at: CellRange, range: Excel.Range): number {
  const { values, text, numberFormat, formulas } = range;
  if (block) {
    for (let r = Math.max(at.top, block.rect.top); r <= Math.min(at.bottom, block.rect.bottom); r++) {
      const br = r - block.rect.top;
      for (let c = Math.max(at.left, block.rect.left); c <= Math.min(at.right, block.rect.right); c++) {
        const bc = c - block.rect.left;
        const v = values[r - at.top][c - at.left];
        block.values[br][bc] = v as CellValue;
        block.text[br][bc] = String(text[r - at.top][c - at.left] ?? '');
        block.numberFormat[br][bc] = String(numberFormat[r - at.top][c - at.left] ?? '');
        const f: unknown = formulas[r - at.top][c - at.left];
        block.formulas[br][bc] = typeof f === 'string' && f.startsWith('=') ? f : null;
      }
    }
  }
  return [values, text, numberFormat, formulas].reduce((n, p) => n + utf8Length(JSON.stringify(p)), 0);
}

/** Bounding box of the cells holding a value or a formula, in a loaded range at `at`. */
function contentBox(at: CellRange, range: Excel.Range): CellRange | null {
  let box: CellRange | null = null;
  range.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const f: unknown = range.formulas[r][c];
      if ((v === '' || v === null) && !(typeof f === 'string' && f.startsWith('='))) return;
      const row0 = at.top + r;
      const col0 = at.left + c;
      box = box
        ? { top: Math.min(box.top, row0), left: Math.min(box.left, col0), bottom: Math.max(box.bottom, row0), right: Math.max(box.right, col0) }
        : { top: row0, left: col0, bottom: row0, right: col0 };
    }),
  );
  return box;
}

/** A range whose rowIndex, columnIndex, rowCount and columnCount were loaded. */
function rectOf(r: Excel.Range): CellRange {
  return { top: r.rowIndex, left: r.columnIndex, bottom: r.rowIndex + r.rowCount - 1, right: r.columnIndex + r.columnCount - 1 };
}

/** Excel refused the response for its size (by its code; some builds say so only in the message). */
function tooLarge(e: unknown): boolean {
  const x = e as { code?: unknown; message?: unknown; debugInfo?: { code?: unknown } } | null;
  return (
    x?.code === 'ResponsePayloadSizeLimitExceeded' ||
    x?.debugInfo?.code === 'ResponsePayloadSizeLimitExceeded' ||
    /response payload size has exceeded/i.test(String(x?.message ?? ''))
  );
}

function rangeAt(ws: Excel.Worksheet, r: CellRange): Excel.Range {
  return ws.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
}

/**
 * What earlier reads of this document showed: the sheets (by id) whose first window was too large
 * for one response. Their next read skips the blind window rather than have Excel refuse it again
 * on every re-check; a read that finds the window small enough clears the mark. A sheet asked for
 * without a known id (the active sheet) goes by the last such sheet read.
 */
interface ReadMemory {
  tooLarge: Set<string>;
  /** The most bytes per cell a chunk beyond the window came in at: where the next read starts. */
  chunkDensity: Map<string, number>;
  lastUnknown: string | null;
}
const memories = new WeakMap<object, ReadMemory>();

function memory(): ReadMemory {
  const doc: object = typeof Office !== 'undefined' && Office.context?.document ? Office.context.document : memories;
  let m = memories.get(doc);
  if (!m) memories.set(doc, (m = { tooLarge: new Set(), chunkDensity: new Map(), lastUnknown: null }));
  return m;
}

/** The sheet's id when it was loaded before this read (a sheet of a loaded collection), else null. */
function knownId(ws: Excel.Worksheet): string | null {
  try {
    return ws.id;
  } catch {
    return null;
  }
}

interface SheetState {
  ws: Excel.Worksheet;
  used: CellRange;
  /** The first window, when it came with sync 1. */
  window: CellRange | null;
  merged: Excel.RangeAreas | null;
  cfs: Excel.ConditionalFormatCollection | null;
  /** Bytes per cell of the last cells read; null until something was. */
  density: number | null;
  /** The most bytes per cell a sync of chunks of this sheet came in at. */
  chunkDensity: number;
  /** The same, from the last read of this sheet: chunks are sized for at least that. */
  floorDensity: number;
  /** Bytes of the first window's cells, read in sync 1 or in chunks. */
  windowBytes: number;
  block: Block | null;
  skipped: CellRange[];
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
  const budgetBytes = opts.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const maxBlockCells = opts.maxBlockCells ?? MAX_BLOCK_CELLS;
  const cols = opts.windowColumns;
  const rows = Math.max(1, Math.floor(opts.budgetCells / Math.max(1, worksheets.length) / cols));
  const windowOf = (used: CellRange) => intersect(used, { top: 0, left: 0, bottom: rows - 1, right: cols - 1 });

  const mem = memory();
  const idsBefore = worksheets.map(knownId);
  const memoryKeys = idsBefore.map((id) => id ?? mem.lastUnknown ?? '');
  const blind = memoryKeys.map((k) => !mem.tooLarge.has(k));

  /** Sync 1, with the first window of the sheets in `withWindow`. */
  const queueFirst = (withWindow: boolean[]) => {
    const pending = worksheets.map((ws, i) => {
      ws.load('name,id');
      const used = ws.getUsedRange(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      const window = withWindow[i] ? used.getIntersectionOrNullObject(`A1:${toA1(rows - 1, cols - 1)}`) : null;
      window?.load(`rowIndex,columnIndex,rowCount,columnCount,${CELL_PROPS}`);
      const merged = opts.merges ? used.getMergedAreasOrNullObject() : null;
      merged?.load('address');
      return { ws, used, window, merged, cfs: opts.discover === false ? null : queueDiscovery(ws) };
    });
    return { pending, extra: alsoDiscover.map(queueDiscovery) };
  };
  let first = queueFirst(blind);
  try {
    await context.sync();
  } catch (e) {
    if (!tooLarge(e)) throw new HostError('read-failed', READ_FAILED, { cause: e });
    first = queueFirst(worksheets.map(() => false));
    await syncOr(context, 'read-failed', READ_FAILED);
  }

  const sheets: SheetState[] = first.pending.map((p) => {
    const windowRead = p.window && !p.window.isNullObject ? rectOf(p.window) : null;
    return {
      ws: p.ws,
      used: rectOf(p.used),
      window: windowRead,
      merged: p.merged,
      cfs: p.cfs,
      density: null,
      chunkDensity: 0,
      floorDensity: 0,
      windowBytes: 0,
      block: null,
      skipped: [],
    };
  });

  // Where to read: the used range, unless it is far larger than any form.
  const unread = sheets.map((s) => subtract(s.used, s.window));
  const explore = sheets.map((s, i) => (unread[i].reduce((n, r) => n + area(r), 0) > DISCOVER_ABOVE ? unread[i] : []));
  const found: Found[][] = sheets.map(() => []);
  await refine(explore, async (asks) => {
    const ranges = asks.map(({ sheet, rect }) => {
      const r = rangeAt(sheets[sheet].ws, rect).getUsedRangeOrNullObject(true);
      r.load('rowIndex,columnIndex,rowCount,columnCount');
      return r;
    });
    await syncOr(context, 'read-failed', READ_FAILED);
    return ranges.map((r) => (r.isNullObject ? null : rectOf(r)));
  }, found);

  sheets.forEach((s, i) => {
    const p = first.pending[i];
    const windowContent = s.window && p.window ? contentBox(s.window, p.window) : null;
    let rect = s.used;
    if (explore[i].length) {
      const kept = keepAround(windowContent, found[i]);
      rect = kept.rect ?? (s.window ?? { top: s.used.top, left: s.used.left, bottom: s.used.top, right: s.used.left });
      s.skipped = kept.skipped;
    }
    if (area(rect) > maxBlockCells) {
      // a form is at the top of its block: keep the first rows, report the rest as not read
      const rows = Math.max(1, Math.floor(maxBlockCells / (rect.right - rect.left + 1)));
      s.skipped.push({ ...rect, top: rect.top + rows });
      rect = { ...rect, bottom: rect.top + rows - 1 };
    }
    s.block = emptyBlock(rect);
    if (s.window && p.window) {
      s.windowBytes = paste(s.block, s.window, p.window);
      s.density = s.windowBytes / area(s.window);
    }
    // the chunks of the last read of this sheet held longer text than its window: start from there
    s.floorDensity = mem.chunkDensity.get(memoryKeys[i]) ?? 0;
    if (s.floorDensity > (s.density ?? 0)) s.density = s.floorDensity;
  });

  // The rest of each block, in chunks of at most budgetCells cells and budgetBytes bytes a sync.
  const queue: { sheet: number; rect: CellRange }[] = [];
  sheets.forEach((s, i) => {
    const block = s.block as Block;
    const readPart = s.window ? intersect(s.window, block.rect) : null;
    for (const r of subtract(block.rect, readPart)) queue.push({ sheet: i, rect: r });
  });
  let refusals = 0;
  while (queue.length) {
    const batch: { sheet: number; rect: CellRange }[] = [];
    let cells = 0;
    let bytes = 0;
    while (queue.length) {
      const head = queue[0];
      const { tile, rest, estimate } = nextTile(head.rect, sheets[head.sheet].density, opts.budgetCells, budgetBytes);
      if (batch.length && (cells + area(tile) > opts.budgetCells || bytes + estimate > budgetBytes)) break;
      batch.push({ sheet: head.sheet, rect: tile });
      cells += area(tile);
      bytes += estimate;
      if (rest.length) queue.splice(0, 1, ...rest.map((r) => ({ sheet: head.sheet, rect: r })));
      else queue.shift();
    }
    const ranges = batch.map(({ sheet, rect }) => rangeAt(sheets[sheet].ws, rect).load(CELL_PROPS));
    try {
      await context.sync();
    } catch (e) {
      if (!tooLarge(e) || ++refusals > 24) throw new HostError('read-failed', READ_FAILED, { cause: e });
      // More text than the bytes seen so far suggested: at least Excel's cap over these cells came
      // back. Ask again in smaller chunks, expecting four times that.
      const floor = (4 * EXCEL_RESPONSE_CAP) / cells;
      for (const { sheet } of batch) sheets[sheet].density = Math.max(floor, (sheets[sheet].density ?? UNKNOWN_DENSITY) * 4);
      queue.unshift(...batch);
      continue;
    }
    const seen = new Map<number, { bytes: number; cells: number }>();
    batch.forEach(({ sheet, rect }, k) => {
      const b = paste(sheets[sheet].block, rect, ranges[k]);
      const w = windowOf(sheets[sheet].used);
      const inWindow = w && intersect(rect, w);
      if (inWindow) sheets[sheet].windowBytes += (b * area(inWindow)) / area(rect);
      const acc = seen.get(sheet) ?? { bytes: 0, cells: 0 };
      seen.set(sheet, { bytes: acc.bytes + b, cells: acc.cells + area(rect) });
    });
    for (const [sheet, { bytes: b, cells: n }] of seen) {
      const s = sheets[sheet];
      // lighter rows (an empty gap) say little about the next ones: lower the estimate gradually
      s.density = Math.max(b / n, (s.density ?? 0) / 2, s.floorDensity);
      s.chunkDensity = Math.max(s.chunkDensity, b / n);
    }
  }

  sheets.forEach((s, i) => {
    if (s.windowBytes > 0.9 * EXCEL_RESPONSE_CAP) mem.tooLarge.add(s.ws.id);
    else mem.tooLarge.delete(s.ws.id);
    if (s.chunkDensity > 0) mem.chunkDensity.set(s.ws.id, s.chunkDensity);
    else mem.chunkDensity.delete(s.ws.id);
    if (idsBefore[i] === null) mem.lastUnknown = s.ws.id;
  });

  return {
    sheets: sheets.map((s) => {
      const block = s.block as Block;
      const all = s.merged && !s.merged.isNullObject ? parseAreas(s.merged.address) : [];
      // merged areas are clipped to what was read only when the sheet was narrowed (a merge reaching
      // far out must not make the core walk every cell of it)
      const merges = contains(block.rect, s.used) ? all : all.flatMap((m) => clipMerge(m, block.rect));
      return {
        worksheet: s.ws,
        id: s.ws.id,
        name: s.ws.name,
        snapshot: {
          sheet: s.ws.name,
          top: block.rect.top,
          left: block.rect.left,
          values: block.values,
          text: block.text,
          numberFormat: block.numberFormat,
          formulas: block.formulas,
          merges,
        },
        skipped: s.skipped,
      };
    }),
    overlays: [...first.pending.flatMap((p) => (p.cfs ? [p.cfs] : [])), ...first.extra].flatMap(overlaysIn),
  };
}

function clipMerge(m: CellRange, rect: CellRange): CellRange[] {
  const c = intersect(m, rect);
  return c && area(c) > 1 ? [c] : [];
}
