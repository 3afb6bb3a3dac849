/**
 * A small hand-written fake of the Office.js subset 核分 uses, backed by an in-memory workbook.
 *
 * It behaves like the real thing where the adapter could get it wrong:
 * - proxies are lazy: methods and property writes are queued and run at `context.sync()`;
 * - a property can only be read after it was loaded and synced (else `PropertyNotLoaded`);
 * - `*OrNullObject` results report `isNullObject` only after a sync;
 * - loading `custom` on a conditional format that is not custom fails the whole sync, as Excel does
 *   (office-js issue 2180), so the adapter has to use `customOrNullObject`;
 * - `Range.select()` on a sheet that is not active fails; `getMergedAreasOrNullObject` fails beyond
 *   512 merged areas and on hosts without ExcelApi 1.13;
 * - `Excel.run` syncs whatever is still queued when the batch returns;
 * - writes (`values`, `formulas`, `numberFormat`, `merge()`, `format.*`, `dataValidation`,
 *   `pageLayout`, `worksheets.add`) are queued like everything else, so a load queued before a
 *   write in the same batch reads the old state; a formula written, or one whose inputs were
 *   written, is recalculated at the end of the sync (fake-office-calc.ts), as Excel does;
 * - a failing command rejects the sync with an OfficeExtension.Error-like `FakeOfficeError`
 *   (`code`, `debugInfo`); the commands before it stay done, the ones after it are dropped, and
 *   nothing loaded in that sync becomes readable;
 * - a protected sheet (`protection.protected`) refuses writes to locked cells (every cell, unless
 *   `format.protection.locked` was false before protecting), number formats, formatting, merges,
 *   data validation, and adding, changing or deleting conditional formats: `AccessDenied`;
 * - a sheet asked for by a name it no longer has, or deleted, is `ItemNotFound` (sheets from a
 *   loaded collection follow their id, as in Excel, so they survive a rename);
 * - `getUsedRange(true)` and `Range.getUsedRangeOrNullObject(true)` (ExcelApi 1.4) count only cells
 *   holding a value or a formula, so an adapter can locate content cheaply before reading it;
 * - a sync whose response, as JSON in UTF-8 bytes, exceeds Excel on the web's 5 MB is
 *   `ResponsePayloadSizeLimitExceeded`, one whose queued writes exceed it
 *   `RequestPayloadSizeLimitExceeded` (before anything runs);
 * - the user can act between two syncs (`fake.beforeSync`, `protectSheet`, `renameSheet`,
 *   `deleteSheet`), as they can in Excel while an add-in waits.
 *
 * No Node imports: the same file is bundled for the browser and injected in place of office.js
 * (`installFakeOffice(window, workbook)`).
 */
import { formatNumber } from '../../src/core/numfmt.js';
import { parseA1, parseRangeA1, rangeToA1, toA1, type CellRange } from '../../src/core/snapshot.js';
import { CalcError, evaluateFormula, parseFormula, type CalcValue, type Formula } from './fake-office-calc.js';

export type FakeValue = string | number | boolean | null;

export interface FakeCell {
  value?: FakeValue;
  /** Displayed text; defaults to the value as a string. */
  text?: string;
  numberFormat?: string;
  /** "=SUM(G13:G26)"; the value is what the formula shows. */
  formula?: string;
  /**
   * The cell's own formatting, as "path" → value ("font.bold", "borders.EdgeTop.style",
   * "columnWidth", …). Written by `range.format.…` (column widths and row heights too, on the cells
   * of the range they were set on); tests also set it by hand to compare before and after.
   */
  format?: Record<string, unknown>;
}

export interface FakeValidation {
  rule?: unknown;
  errorAlert?: unknown;
}

export type FakeConditionalFormatType =
  | 'Custom'
  | 'CellValue'
  | 'ColorScale'
  | 'DataBar'
  | 'IconSet'
  | 'TopBottom'
  | 'PresetCriteria'
  | 'ContainsText';

export interface FakeConditionalFormat {
  id: string;
  type: FakeConditionalFormatType;
  /** A1 addresses (no sheet name) the rule applies to. */
  ranges: string[];
  formula?: string | null;
  fill?: string | null;
  fontColor?: string | null;
  stopIfTrue?: boolean;
}

export interface FakeSheet {
  name: string;
  id: string;
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /** `worksheet.protection.protected`: see the header for what it refuses. */
  protected?: boolean;
  cells: Record<string, FakeCell>;
  merges: string[];
  /** Highest priority first, as in Excel's rule manager. */
  conditionalFormats: FakeConditionalFormat[];
  /** Data validation per cell (A1), as `range.dataValidation` was given it; absent until set. */
  validations?: Record<string, FakeValidation>;
  /**
   * Page setup as `worksheet.pageLayout` was given it: properties by name, `setPrint…(…)` calls by
   * method name with their argument (or the list of arguments); absent until set.
   */
  pageLayout?: Record<string, unknown>;
}

export interface FakeWorkbook {
  sheets: FakeSheet[];
  activeSheet: string;
  selection: { sheet: string; address: string } | null;
  /** Document settings as persisted in the file (what `settings.saveAsync` wrote). */
  settings: Record<string, unknown>;
  /** The workbook's structure is protected: sheets cannot be added or deleted (`AccessDenied`). */
  structureProtected?: boolean;
}

export interface FakeOfficeOptions {
  /** Office.context.displayLanguage; default "zh-CN". */
  displayLanguage?: string;
  /** Office.context.officeTheme.bodyBackgroundColor; omitted → no officeTheme at all. */
  bodyBackgroundColor?: string;
  /** Highest supported ExcelApi version; default "1.17". */
  excelApi?: string;
  /** Office.onReady's host; default "Excel". */
  host?: string | null;
  /** Make `settings.saveAsync` report failure. */
  failSettingsSave?: boolean;
  /** Request and response cap per sync, in bytes of JSON; default PAYLOAD_LIMIT_BYTES. */
  payloadLimitBytes?: number;
}

/**
 * Excel on the web caps each request and each response at 5 MB; taken as 5,000,000 bytes so an
 * adapter that fits here fits there whichever megabyte Excel means.
 */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

/** What one sync sent and received, in bytes of JSON (UTF-8), as far as the fake can tell. */
export interface FakePayload {
  request: number;
  response: number;
}

export type FakeLogEntry =
  | { kind: 'sync'; n: number }
  | { kind: 'load'; object: string; props: string[] }
  | { kind: 'call'; object: string; method: string; args: unknown[] }
  /** `at`: the address a range was asked for with (getRange, getRangeByIndexes), when known. */
  | { kind: 'set'; object: string; prop: string; value: unknown; at?: string };

export interface FakeOffice {
  /** The live document. */
  readonly workbook: FakeWorkbook;
  /** The add-in's in-memory copy of the document settings (`settings.set` writes here). */
  readonly settingsInMemory: Record<string, unknown>;
  syncCount: number;
  log: FakeLogEntry[];
  /** Per sync since the last reset, in order: the bytes it sent and received. */
  readonly payloads: FakePayload[];
  /** Clear the sync counter, the log and the payloads (e.g. between set-up and the step under test). */
  reset(): void;
  /**
   * Runs at the start of every sync, before its commands, with the sync's number: what the user
   * does in Excel while the add-in waits between two syncs (edit a cell, rename a sheet, …).
   */
  beforeSync: ((n: number) => void) | null;
  /** The user protects the sheet (Review → Protect Sheet, no password, default options). */
  protectSheet(name: string): void;
  unprotectSheet(name: string): void;
  /** The user renames a sheet (its id, cells and formats stay; the active sheet follows). */
  renameSheet(oldName: string, newName: string): void;
  /** The user deletes a sheet (with its conditional formats); the next visible sheet becomes active. */
  deleteSheet(name: string): void;
  /** The user clicks another sheet's tab: it becomes active and onActivated is raised. */
  activate(name: string): void;
  /** How many event handlers are registered. */
  readonly handlerCount: number;
  /**
   * The user types into a cell: "=…" is a formula, other text is read as typed ("12", "80%"),
   * null empties it; formulas reading it recalculate. Refused on a locked cell of a protected sheet.
   * Raises onChanged (address, changeType 'RangeEdited', source 'Local').
   */
  editCell(sheet: string, a1: string, input: FakeValue): void;
  /** What a fresh open of the saved file would see: the sheets plus the persisted settings. */
  savedCopy(): FakeWorkbook;
  readonly Office: unknown;
  readonly Excel: unknown;
  uninstall(): void;
}

/**
 * What `context.sync()` rejects with, shaped like OfficeExtension.Error: `code` (Excel.ErrorCodes),
 * `debugInfo`; the message starts with the code so a test can match either.
 */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  readonly innerError: FakeOfficeError | null = null;
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

/** Excel's own wording, followed by what the fake saw. */
const EXCEL_SAYS = {
  AccessDenied: 'You cannot perform the requested operation.',
  ItemNotFound: "The requested resource doesn't exist.",
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
} as const;

function excelError(code: keyof typeof EXCEL_SAYS, detail: string, errorLocation?: string): FakeOfficeError {
  return new FakeOfficeError(code, `${EXCEL_SAYS[code]} (${detail})`, errorLocation);
}

/** Excel.ErrorCodes, as far as the fake raises them (and the two payload limits). */
const EXCEL_ERROR_CODES = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  notImplemented: 'NotImplemented',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
} as const;

/** OfficeExtension.ErrorCodes (the codes Office.js itself raises). */
const OFFICE_EXTENSION_ERROR_CODES = {
  accessDenied: 'AccessDenied',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidObjectPath: 'InvalidObjectPath',
  propertyNotLoaded: 'PropertyNotLoaded',
  apiNotFound: 'ApiNotFound',
} as const;

function refuseProtected(sheet: FakeSheet, what: string): never {
  throw excelError('AccessDenied', `the sheet “${sheet.name}” is protected: ${what}`, what);
}

/** A cell is locked unless its format says otherwise, as in Excel. */
function locked(cell: FakeCell | undefined): boolean {
  return cell?.format?.['protection.locked'] !== false;
}

/** Bytes of `s` in UTF-8, measured by encoding it: independent of the adapter's own estimate. */
const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** Bytes a value takes as JSON. */
function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : utf8Length(JSON.stringify(v));
}

// ---------------------------------------------------------------------------------------------
// Building workbooks

const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** A sheet from rows of values starting at `origin` (default A1); "=…" strings become formulas. */
export function fakeSheet(
  name: string,
  rows: FakeValue[][],
  opts: { origin?: string; id?: string; merges?: string[]; conditionalFormats?: FakeConditionalFormat[]; visibility?: FakeSheet['visibility'] } = {},
): FakeSheet {
  const o = parseRangeA1(opts.origin ?? 'A1');
  const cells: Record<string, FakeCell> = {};
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === '') return;
      cells[toA1(o.top + r, o.left + c)] = { value: v };
    }),
  );
  return {
    name,
    id: opts.id ?? `{${name}}`,
    visibility: opts.visibility ?? 'Visible',
    cells,
    merges: opts.merges ?? [],
    conditionalFormats: opts.conditionalFormats ?? [],
  };
}

export function fakeWorkbook(sheets: FakeSheet[], opts: { active?: string; settings?: Record<string, unknown> } = {}): FakeWorkbook {
  return { sheets, activeSheet: opts.active ?? sheets[0].name, selection: null, settings: opts.settings ?? {} };
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function intersect(a: CellRange, b: CellRange): CellRange | null {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
}

/**
 * The bounding box of the used cells of `sheet` (inside `within`, when given): cells holding a value
 * or a formula, or with `valuesOnly` false any cell the fake holds (formatted ones too).
 */
function usedIn(sheet: FakeSheet, within: CellRange | null, valuesOnly: boolean): CellRange | null {
  let box: CellRange | null = null;
  for (const { row, col, cell } of cellsOf(sheet)) {
    if (valuesOnly && !((cell.value !== undefined && cell.value !== null && cell.value !== '') || cell.formula)) continue;
    if (within && (row < within.top || row > within.bottom || col < within.left || col > within.right)) continue;
    box = box
      ? { top: Math.min(box.top, row), left: Math.min(box.left, col), bottom: Math.max(box.bottom, row), right: Math.max(box.right, col) }
      : { top: row, left: col, bottom: row, right: col };
  }
  return box;
}

function cellsOf(sheet: FakeSheet): { row: number; col: number; cell: FakeCell }[] {
  return Object.entries(sheet.cells).map(([a1, cell]) => {
    const p = parseRangeA1(a1);
    return { row: p.top, col: p.left, cell };
  });
}

/** An address as getRange takes it: "B2", "B2:H9", "$B$2", whole columns "A:C", whole rows "1:3". */
function parseAddress(address: string): CellRange {
  const bare = (address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address).replace(/\$/g, '').trim();
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(bare);
  if (cols) {
    const a = parseA1(`${cols[1]}1`).col;
    const b = parseA1(`${cols[2]}1`).col;
    return { top: 0, left: Math.min(a, b), bottom: MAX_ROW, right: Math.max(a, b) };
  }
  const rows = /^(\d+):(\d+)$/.exec(bare);
  if (rows) {
    const a = Number(rows[1]) - 1;
    const b = Number(rows[2]) - 1;
    return { top: Math.min(a, b), left: 0, bottom: Math.max(a, b), right: MAX_COL };
  }
  try {
    return parseRangeA1(bare);
  } catch (e) {
    throw new FakeOfficeError('InvalidArgument', `not an address: ${address} (${(e as Error).message})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing cells

/** Cells a per-cell write may touch at once; beyond that the fake refuses rather than fill memory. */
const MAX_WRITE_CELLS = 100_000;

interface RangeTarget {
  sheet: FakeSheet;
  rect: CellRange;
}

function cellCount(rect: CellRange): number {
  return (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
}

function eachCell(t: RangeTarget, fn: (a1: string, r: number, c: number) => void): void {
  if (cellCount(t.rect) > MAX_WRITE_CELLS) {
    throw new FakeOfficeError('NotImplemented', `the fake writes cell by cell and refuses ${rangeToA1(t.rect)} (over ${MAX_WRITE_CELLS} cells)`);
  }
  for (let r = t.rect.top; r <= t.rect.bottom; r++) for (let c = t.rect.left; c <= t.rect.right; c++) fn(toA1(r, c), r - t.rect.top, c - t.rect.left);
}

function cellAt(sheet: FakeSheet, a1: string): FakeCell {
  return (sheet.cells[a1] ??= {});
}

/** The displayed text follows the number format (numbers only; text shows as it is). */
function retext(cell: FakeCell): void {
  delete cell.text;
  if (typeof cell.value === 'number' && cell.numberFormat) cell.text = formatNumber(cell.value, cell.numberFormat);
}

/** A 2-D array must match the range exactly, as in Excel. */
function gridOf<V>(t: RangeTarget, v: V[][], what: string): (r: number, c: number) => V {
  const rows = t.rect.bottom - t.rect.top + 1;
  const cols = t.rect.right - t.rect.left + 1;
  if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeOfficeError('InvalidArgument', `${what}: the array does not match the range size ${rows}×${cols}`);
  }
  return (r, c) => v[r][c];
}

const shownKey = (sheet: FakeSheet, a1: string, formula: string) => `${sheet.name}!${a1}\u0000${formula}`;

function writeConstant(st: State, sheet: FakeSheet, a1: string, v: FakeValue): void {
  const cell = cellAt(sheet, a1);
  if (cell.formula) st.shown.set(shownKey(sheet, a1, cell.formula), cell.value ?? null);
  delete cell.formula;
  if (v === '' || v === null || v === undefined) delete cell.value;
  else cell.value = v;
  retext(cell);
}

/** Text entered into a cell that is not formatted as text: numbers and percentages become numbers. */
function writeTyped(st: State, sheet: FakeSheet, a1: string, text: string): void {
  const s = text.trim();
  const n = /^[-+]?(\d+(\.\d+)?|\.\d+)$/.test(s) ? Number(s) : null;
  const pct = /^[-+]?(\d+(\.(\d+))?)%$/.exec(s);
  if (n !== null) return writeConstant(st, sheet, a1, n);
  if (!pct) return writeConstant(st, sheet, a1, text);
  writeConstant(st, sheet, a1, Number((Number(s.slice(0, -1)) / 100).toPrecision(15)));
  const cell = cellAt(sheet, a1);
  if ((cell.numberFormat ?? 'General') === 'General') cell.numberFormat = pct[3] ? `0.${'0'.repeat(pct[3].length)}%` : '0%';
  retext(cell);
}

function writeFormula(st: State, sheet: FakeSheet, a1: string, f: string): void {
  const cell = cellAt(sheet, a1);
  if (cell.formula) st.shown.set(shownKey(sheet, a1, cell.formula), cell.value ?? null);
  cell.formula = f;
  // what it showed last with this formula; recalculation replaces it when the fake can calculate it
  const v = st.shown.get(shownKey(sheet, a1, f));
  if (v === undefined || v === null || v === '') delete cell.value;
  else cell.value = v;
  retext(cell);
}

const parsed = new Map<string, Formula | null>();
function formulaOf(text: string): Formula | null {
  let f = parsed.get(text);
  if (f === undefined) {
    f = parseFormula(text);
    parsed.set(text, f);
  }
  return f;
}

function contains(r: CellRange, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

/**
 * Excel's automatic calculation after cells of `sheet` changed: every formula among them, and every
 * formula reading one of them (directly or through other formulas), gets the value it now gives.
 */
function recalc(sheet: FakeSheet, changed: Set<string>): void {
  const formulas = Object.entries(sheet.cells)
    .filter(([, c]) => c.formula)
    .map(([a1, c]) => ({ a1, cell: c, f: formulaOf(c.formula as string), at: parseA1(a1) }));
  if (formulas.length === 0) return;
  const dirty = new Set(formulas.filter((x) => changed.has(x.a1)).map((x) => x.a1));
  const touched = [...changed].map(parseA1);
  let grew = true;
  while (grew) {
    grew = false;
    for (const x of formulas) {
      if (dirty.has(x.a1) || !x.f) continue;
      const reads = x.f.refs.some((r) => touched.some((p) => contains(r, p.row, p.col)));
      if (reads) {
        dirty.add(x.a1);
        touched.push(x.at);
        grew = true;
      }
    }
  }
  const byA1 = new Map(formulas.map((x) => [x.a1, x]));
  const done = new Map<string, CalcValue>();
  const busy = new Set<string>();
  const valueOf = (a1: string): CalcValue => {
    const x = byA1.get(a1);
    const cell = sheet.cells[a1];
    if (!x || !x.f || !dirty.has(a1)) {
      const v = cell?.value;
      return v === undefined || v === '' ? null : v;
    }
    const known = done.get(a1);
    if (known !== undefined) return known;
    if (busy.has(a1)) return 0; // a circular reference: Excel warns and shows 0
    busy.add(a1);
    const v = evaluateFormula(x.f, (row, col) => valueOf(toA1(row, col)));
    busy.delete(a1);
    done.set(a1, v);
    return v;
  };
  for (const a1 of dirty) {
    const x = byA1.get(a1);
    if (!x?.f) continue;
    const v = valueOf(a1);
    if (v instanceof CalcError) x.cell.value = v.code;
    else if (v === null || v === '') delete x.cell.value;
    else x.cell.value = v;
    retext(x.cell);
  }
}

/** A proxy recording every property written below it as "path" → value on each cell of the range. */
function formatRecorder(ctx: Ctx, target: () => RangeTarget, path: string): object {
  return new Proxy(
    {},
    {
      get(_o, prop) {
        if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
        if (prop === 'getItem') return (name: string) => formatRecorder(ctx, target, `${path}${name}.`);
        return formatRecorder(ctx, target, `${path}${prop}.`);
      },
      set(_o, prop, value) {
        const key = `${path}${String(prop)}`;
        ctx.st.log.push({ kind: 'set', object: 'RangeFormat', prop: key, value });
        ctx.enqueue(() => {
          const t = target();
          if (t.sheet.protected) refuseProtected(t.sheet, `Range.format.${key} at ${rangeToA1(t.rect)}`);
          eachCell(t, (a1) => {
            const cell = cellAt(t.sheet, a1);
            cell.format = { ...(cell.format ?? {}), [key]: clone(value) };
          });
        });
        return true;
      },
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The proxy machinery

interface State {
  wb: FakeWorkbook;
  opts: Required<Pick<FakeOfficeOptions, 'excelApi'>> & FakeOfficeOptions;
  syncCount: number;
  log: FakeLogEntry[];
  payloads: FakePayload[];
  beforeSync: ((n: number) => void) | null;
  nextCfId: number;
  /** Values formulas showed last, by sheet, cell and formula text: for formulas the fake cannot calculate. */
  shown: Map<string, FakeValue>;
  /** Registered event handlers (onChanged, onActivated), per collection or per sheet id. */
  handlers: FakeHandler[];
}

interface FakeHandler {
  event: 'changed' | 'activated';
  /** null: the worksheet collection (every sheet). */
  sheetId: string | null;
  fn: (args: Record<string, unknown>) => unknown;
}

/** Raise an event as Office does: asynchronously, after the user's action. */
function raise(st: State, event: FakeHandler['event'], sheetId: string, args: Record<string, unknown>): void {
  for (const h of st.handlers) {
    if (h.event !== event || (h.sheetId !== null && h.sheetId !== sheetId)) continue;
    setTimeout(() => void h.fn({ ...args, worksheetId: sheetId }));
  }
}

/**
 * `onChanged` / `onActivated` (ExcelApi 1.7; the collection's onChanged 1.9): `add` is queued like
 * any command and fails the sync on an older host; `remove()` too. The result's `context` is the
 * context it was added in, as Office's EventHandlerResult.
 */
function eventHandlers(ctx: Ctx, event: FakeHandler['event'], sheetId: () => string | null, api: string) {
  return {
    add(fn: FakeHandler['fn']) {
      const h: FakeHandler = { event, sheetId: null, fn };
      ctx.st.log.push({ kind: 'call', object: 'EventHandlers', method: `on${event}.add`, args: [] });
      ctx.enqueue(() => {
        ctx.requireApi(api, `on${event}`);
        h.sheetId = sheetId();
        ctx.st.handlers.push(h);
      });
      return {
        context: ctx,
        remove() {
          ctx.enqueue(() => {
            ctx.st.handlers = ctx.st.handlers.filter((x) => x !== h);
          });
        },
      };
    },
  };
}

class Ctx {
  queue: (() => void)[] = [];
  nullables: Obj<unknown>[] = [];
  readonly workbook: WorkbookProxy;
  /** Bytes of the writes queued for the next sync. */
  private requestBytes = 0;
  /** What the running sync has loaded: made readable only when the whole sync succeeds. */
  private staged: (() => void)[] = [];
  private responseBytes = 0;
  constructor(readonly st: State) {
    this.workbook = new WorkbookProxy(this, () => st.wb);
  }
  get limitBytes(): number {
    return this.st.opts.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES;
  }
  enqueue(fn: () => void, bytes = 0): void {
    this.queue.push(fn);
    this.requestBytes += bytes;
  }
  /** A loaded property: `bytes` of JSON in the response, `commit` makes it readable. */
  respond(bytes: number, commit: () => void): void {
    this.responseBytes += bytes;
    this.staged.push(commit);
  }
  async sync(): Promise<void> {
    this.st.syncCount++;
    const n = this.st.syncCount;
    this.st.log.push({ kind: 'sync', n });
    this.st.beforeSync?.(n);
    const q = this.queue;
    const payload: FakePayload = { request: this.requestBytes, response: 0 };
    this.st.payloads.push(payload);
    this.queue = [];
    this.requestBytes = 0;
    this.staged = [];
    this.responseBytes = 0;
    if (payload.request > this.limitBytes) {
      throw excelError('RequestPayloadSizeLimitExceeded', `${payload.request} bytes of writes in one sync`);
    }
    try {
      for (const fn of q) fn(); // the first failure rejects the sync; later commands are dropped
      payload.response = this.responseBytes;
      if (this.responseBytes > this.limitBytes) {
        throw excelError('ResponsePayloadSizeLimitExceeded', `${this.responseBytes} bytes in one sync`);
      }
      for (const commit of this.staged) commit();
    } finally {
      payload.response = this.responseBytes;
      this.staged = [];
    }
    for (const p of this.nullables) p.settleNull();
    this.nullables = [];
  }
  supports(version: string): boolean {
    return compareVersions(this.st.opts.excelApi, version) >= 0;
  }
  requireApi(version: string, what: string): void {
    if (!this.supports(version)) throw new FakeOfficeError('ApiNotFound', `${what} needs ExcelApi ${version}`);
  }
}

function parsePaths(spec?: string | string[]): string[] {
  if (spec === undefined) return [];
  const parts = Array.isArray(spec) ? spec : spec.split(',');
  return parts.map((s) => s.trim()).filter(Boolean);
}

/** Base of every proxy: lazy target, loaded scalars, navigation children, null-object state. */
abstract class Obj<T> {
  protected loaded = new Map<string, unknown>();
  protected nullState: boolean | undefined;
  private children = new Map<string, Obj<unknown>>();
  protected abstract readonly kind: string;
  protected readonly scalars: readonly string[] = [];

  constructor(
    protected ctx: Ctx,
    protected resolveTarget: () => T | null,
    nullable = false,
  ) {
    if (nullable) ctx.nullables.push(this as Obj<unknown>);
  }

  get context(): Ctx {
    return this.ctx;
  }

  allScalars(): string[] {
    return [...this.scalars];
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new FakeOfficeError('PropertyNotLoaded', `${this.kind}.isNullObject before sync`);
    return this.nullState;
  }

  settleNull(): void {
    if (this.nullState === undefined) this.nullState = this.resolveTarget() === null;
  }

  /** The target at sync time; throws like Excel when the object does not exist. */
  target(): T {
    const t = this.resolveTarget();
    if (t === null) throw new FakeOfficeError('InvalidObjectPath', `${this.kind} does not exist`);
    return t;
  }

  load(spec?: string | string[]): this {
    const paths = parsePaths(spec);
    this.ctx.st.log.push({ kind: 'load', object: this.kind, props: paths.length ? paths : ['*'] });
    this.ctx.enqueue(() => this.applyLoad(paths.length ? paths : [...this.scalars]));
    return this;
  }

  applyLoad(paths: string[]): void {
    const t = this.resolveTarget();
    this.ctx.respond(t === null ? 16 : 0, () => {
      this.nullState = t === null;
    });
    if (t === null) return; // loading a null object is allowed; reading it is not
    const byHead = new Map<string, string[]>();
    for (const p of paths) {
      const [head, ...rest] = p.split('/');
      const list = byHead.get(head) ?? [];
      if (rest.length) list.push(rest.join('/'));
      byHead.set(head, list);
    }
    for (const [head, rest] of byHead) {
      if (this.scalars.includes(head)) {
        const json = JSON.stringify(this.read(t, head)) ?? 'null';
        this.ctx.respond(utf8Length(json) + head.length + 4, () => this.loaded.set(head, JSON.parse(json)));
      } else {
        const child = this.nav(head);
        if (!child) throw new FakeOfficeError('InvalidArgument', `${this.kind} has no property ${head}`);
        child.applyLoad(rest);
      }
    }
  }

  protected read(_t: T, name: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `${this.kind}.${name} cannot be loaded`);
  }

  /** Navigation properties: the same child proxy every time. */
  protected child<C extends Obj<unknown>>(name: string, make: () => C): C {
    let c = this.children.get(name);
    if (!c) {
      c = make();
      this.children.set(name, c);
    }
    return c as C;
  }

  protected nav(_name: string): Obj<unknown> | null {
    return null;
  }

  protected prop<V>(name: string): V {
    if (this.nullState === true) throw new FakeOfficeError('InvalidObjectPath', `${this.kind} is a null object`);
    if (!this.loaded.has(name)) throw new FakeOfficeError('PropertyNotLoaded', `${this.kind}.${name} was not loaded`);
    return this.loaded.get(name) as V;
  }

  protected call(method: string, args: unknown[], fn?: () => void): void {
    this.ctx.st.log.push({ kind: 'call', object: this.kind, method, args });
    if (fn) this.ctx.enqueue(fn);
  }

  /** What the object was asked for with, for the log (a range's address). */
  protected label?: string;

  protected setLater(prop: string, value: unknown, apply: () => void): void {
    this.ctx.st.log.push({ kind: 'set', object: this.kind, prop, value, ...(this.label ? { at: this.label } : {}) });
    this.ctx.enqueue(apply, jsonBytes(value) + prop.length + 4);
  }
}

/** Collections: `items` after `load('items/…')`. */
abstract class Coll<T, P extends Obj<unknown>> extends Obj<T> {
  private itemProxies: P[] | undefined;
  protected abstract list(t: T): unknown[];
  protected abstract makeItem(item: unknown): P;

  override applyLoad(paths: string[]): void {
    const t = this.resolveTarget();
    this.ctx.respond(0, () => {
      this.nullState = t === null;
    });
    if (t === null) return;
    const rest = paths.map((p) => (p === 'items' ? '' : p.startsWith('items/') ? p.slice(6) : p)).filter(Boolean);
    const proxies = this.list(t).map((item) => {
      const p = this.makeItem(item);
      p.applyLoad(rest.length ? rest : p.allScalars());
      return p;
    });
    this.ctx.respond(proxies.length * 3 + 12, () => {
      this.itemProxies = proxies;
    });
  }

  get items(): P[] {
    if (!this.itemProxies) throw new FakeOfficeError('PropertyNotLoaded', `${this.kind}.items was not loaded`);
    return this.itemProxies;
  }
}

// ---- workbook and sheets

class WorkbookProxy extends Obj<FakeWorkbook> {
  protected readonly kind = 'Workbook';
  get worksheets(): WorksheetCollectionProxy {
    return this.child('worksheets', () => new WorksheetCollectionProxy(this.ctx, () => this.target()));
  }
  protected override nav(name: string): Obj<unknown> | null {
    return name === 'worksheets' ? this.worksheets : null;
  }
}

class WorksheetCollectionProxy extends Coll<FakeWorkbook, WorksheetProxy> {
  protected readonly kind = 'WorksheetCollection';
  protected list(t: FakeWorkbook): unknown[] {
    return t.sheets;
  }
  /** Loaded items follow their sheet's id, as Excel's do: a renamed sheet is still found. */
  protected makeItem(item: unknown): WorksheetProxy {
    const id = (item as FakeSheet).id;
    return new WorksheetProxy(this.ctx, () => {
      const s = this.target().sheets.find((x) => x.id === id);
      if (!s) throw excelError('ItemNotFound', `no worksheet with id ${id} (deleted)`);
      return s;
    });
  }
  private find(key: string): FakeSheet | null {
    const wb = this.target();
    return wb.sheets.find((s) => s.id === key) ?? wb.sheets.find((s) => s.name.toLowerCase() === key.toLowerCase()) ?? null;
  }
  get onChanged() {
    return eventHandlers(this.ctx, 'changed', () => null, '1.9');
  }
  get onActivated() {
    return eventHandlers(this.ctx, 'activated', () => null, '1.7');
  }
  getActiveWorksheet(): WorksheetProxy {
    this.call('getActiveWorksheet', []);
    return new WorksheetProxy(this.ctx, () => {
      const wb = this.target();
      return wb.sheets.find((s) => s.name === wb.activeSheet) ?? null;
    });
  }
  getItem(key: string): WorksheetProxy {
    this.call('getItem', [key]);
    return new WorksheetProxy(this.ctx, () => {
      const s = this.find(key);
      if (!s) throw excelError('ItemNotFound', `no worksheet named ${key}`, 'WorksheetCollection.getItem');
      return s;
    });
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    this.call('getItemOrNullObject', [key]);
    return new WorksheetProxy(this.ctx, () => this.find(key), true);
  }
  /** A new empty, visible sheet at the end; fails like Excel when the name is taken. */
  add(name: string): WorksheetProxy {
    let created: FakeSheet | null = null;
    this.call('add', [name], () => {
      const wb = this.target();
      if (wb.structureProtected) throw excelError('AccessDenied', 'the workbook structure is protected', 'WorksheetCollection.add');
      if (this.find(name)) throw new FakeOfficeError('ItemAlreadyExists', `a worksheet named ${name} exists`);
      created = { name, id: `{${name}}`, visibility: 'Visible', cells: {}, merges: [], conditionalFormats: [] };
      wb.sheets.push(created);
    });
    return new WorksheetProxy(this.ctx, () => {
      if (created && !this.target().sheets.includes(created)) throw excelError('ItemNotFound', `worksheet ${created.name} was deleted`);
      return created;
    });
  }
}

class WorksheetProxy extends Obj<FakeSheet> {
  protected readonly kind = 'Worksheet';
  protected override readonly scalars = ['name', 'id', 'visibility', 'position'];

  protected override read(t: FakeSheet, name: string): unknown {
    switch (name) {
      case 'name':
        return t.name;
      case 'id':
        return t.id;
      case 'visibility':
        return t.visibility ?? 'Visible';
      case 'position':
        return this.ctx.st.wb.sheets.indexOf(t);
    }
    return super.read(t, name);
  }

  get name(): string {
    return this.prop('name');
  }
  get id(): string {
    return this.prop('id');
  }
  get visibility(): string {
    return this.prop('visibility');
  }
  get position(): number {
    return this.prop('position');
  }
  get onChanged() {
    return eventHandlers(this.ctx, 'changed', () => this.target().id, '1.7');
  }
  get onActivated() {
    return eventHandlers(this.ctx, 'activated', () => this.target().id, '1.7');
  }

  /** ExcelApi 1.2: `protection.protected` (read only here: an add-in has no business unprotecting). */
  get protection(): WorksheetProtectionProxy {
    return this.child('protection', () => new WorksheetProtectionProxy(this.ctx, () => this.resolveTarget()));
  }

  protected override nav(name: string): Obj<unknown> | null {
    return name === 'protection' ? this.protection : null;
  }

  /** Deletes the sheet, with its conditional formats; Excel keeps at least one visible sheet. */
  delete(): void {
    this.call('delete', [], () => {
      const s = this.target();
      const wb = this.ctx.st.wb;
      if (wb.structureProtected) throw excelError('AccessDenied', 'the workbook structure is protected', 'Worksheet.delete');
      removeSheet(wb, s);
    });
  }

  private range(rect: () => CellRange, label?: string): RangeProxy {
    const r = new RangeProxy(this.ctx, () => ({ sheet: this.target(), rect: rect() }));
    r.labelAs(label);
    return r;
  }

  getRange(address?: string): RangeProxy {
    this.call('getRange', address === undefined ? [] : [address]);
    return this.range(() => (address === undefined ? { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL } : parseAddress(address)), address);
  }

  /** Page setup (ExcelApi 1.9): properties and `setPrint…(…)` calls land in `sheet.pageLayout`. */
  get pageLayout(): object {
    const record = (key: string, value: unknown) =>
      this.setLater(`pageLayout.${key}`, value, () => {
        this.ctx.requireApi('1.9', 'pageLayout');
        const t = this.target();
        (t.pageLayout ??= {})[key] = clone(value);
      });
    return new Proxy(
      {},
      {
        get(_o, prop) {
          if (typeof prop === 'string' && /^set[A-Z]/.test(prop)) {
            return (...args: unknown[]) => record(prop, args.length === 1 ? args[0] : args);
          }
          return undefined;
        },
        set(_o, prop, value) {
          record(String(prop), value);
          return true;
        },
      },
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    this.call('getRangeByIndexes', [startRow, startColumn, rowCount, columnCount]);
    const rect = { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 };
    return this.range(() => {
      this.ctx.requireApi('1.7', 'getRangeByIndexes');
      return rect;
    }, rangeToA1(rect));
  }

  getUsedRange(valuesOnly = false): RangeProxy {
    this.call('getUsedRange', [valuesOnly]);
    return this.range(() => usedIn(this.target(), null, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 });
  }

  activate(): void {
    this.call('activate', [], () => {
      const s = this.target();
      if ((s.visibility ?? 'Visible') !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'cannot activate a hidden sheet');
      this.ctx.st.wb.activeSheet = s.name;
    });
  }
}

class WorksheetProtectionProxy extends Obj<FakeSheet> {
  protected readonly kind = 'WorksheetProtection';
  protected override readonly scalars = ['protected'];
  protected override read(t: FakeSheet, name: string): unknown {
    return name === 'protected' ? Boolean(t.protected) : super.read(t, name);
  }
  get protected(): boolean {
    return this.prop('protected');
  }
}

/** Remove `sheet` as Excel's Delete does; the next visible sheet (else the previous) becomes active. */
function removeSheet(wb: FakeWorkbook, sheet: FakeSheet): void {
  const visible = (s: FakeSheet) => (s.visibility ?? 'Visible') === 'Visible';
  if (visible(sheet) && wb.sheets.filter(visible).length === 1) {
    throw new FakeOfficeError('InvalidOperation', 'a workbook must contain at least one visible worksheet');
  }
  const i = wb.sheets.indexOf(sheet);
  wb.sheets.splice(i, 1);
  if (wb.activeSheet === sheet.name) {
    const next = [...wb.sheets.slice(i), ...wb.sheets.slice(0, i).reverse()].find(visible);
    wb.activeSheet = next ? next.name : '';
  }
  if (wb.selection?.sheet === sheet.name) wb.selection = null;
}

class RangeProxy extends Obj<RangeTarget> {
  protected readonly kind = 'Range';

  labelAs(address: string | undefined): void {
    this.label = address;
  }
  protected override readonly scalars = [
    'address',
    'rowIndex',
    'columnIndex',
    'rowCount',
    'columnCount',
    'cellCount',
    'values',
    'text',
    'numberFormat',
    'formulas',
  ];

  private grid<V>(t: RangeTarget, f: (cell: FakeCell | undefined) => V): V[][] {
    const out: V[][] = [];
    for (let r = t.rect.top; r <= t.rect.bottom; r++) {
      const row: V[] = [];
      for (let c = t.rect.left; c <= t.rect.right; c++) row.push(f(t.sheet.cells[toA1(r, c)]));
      out.push(row);
    }
    return out;
  }

  protected override read(t: RangeTarget, name: string): unknown {
    const { rect } = t;
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    // at least two bytes a cell ("" or 0, and a comma) whatever it holds: refuse before building it
    if (['values', 'text', 'numberFormat', 'formulas'].includes(name) && rows * cols * 2 > this.ctx.limitBytes) {
      throw excelError('ResponsePayloadSizeLimitExceeded', `Range.${name} of ${rangeToA1(rect)}: ${rows * cols} cells`);
    }
    switch (name) {
      case 'address':
        return `${quoteSheet(t.sheet.name)}!${rangeToA1(rect)}`;
      case 'rowIndex':
        return rect.top;
      case 'columnIndex':
        return rect.left;
      case 'rowCount':
        return rows;
      case 'columnCount':
        return cols;
      case 'cellCount':
        return rows * cols;
      case 'values':
        return this.grid(t, (c) => c?.value ?? '');
      case 'text':
        return this.grid(t, (c) => c?.text ?? (c?.value === undefined || c.value === null ? '' : String(c.value)));
      case 'numberFormat':
        return this.grid(t, (c) => c?.numberFormat ?? 'General');
      case 'formulas':
        return this.grid(t, (c) => c?.formula ?? c?.value ?? '');
    }
    return super.read(t, name);
  }

  get address(): string {
    return this.prop('address');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get cellCount(): number {
    return this.prop('cellCount');
  }
  get values(): FakeValue[][] {
    return this.prop('values');
  }
  set values(v: FakeValue[][]) {
    this.write('values', v);
  }
  get text(): string[][] {
    return this.prop('text');
  }
  get numberFormat(): string[][] {
    return this.prop('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this.write('numberFormat', v);
  }
  get formulas(): FakeValue[][] {
    return this.prop('formulas');
  }
  set formulas(v: FakeValue[][]) {
    this.write('formulas', v);
  }

  /**
   * A 2-D write, as in Excel: "=…" is a formula, anything else a constant ("" or null empties the
   * cell); a number format changes the displayed text of numbers. Text is read like typed input
   * unless the cell is formatted as text ("@"): "=…" becomes a formula, "12" a number, "80%" 0.8
   * shown as a percentage. Formulas written and formulas reading the written cells
   * are recalculated at once.
   */
  private write(what: 'values' | 'formulas' | 'numberFormat', v: FakeValue[][]): void {
    this.setLater(what, v, () => {
      const t = this.target();
      const at = gridOf(t, v, what);
      if (t.sheet.protected) {
        if (what === 'numberFormat') refuseProtected(t.sheet, `Range.numberFormat at ${rangeToA1(t.rect)}`);
        eachCell(t, (a1) => {
          if (locked(t.sheet.cells[a1])) refuseProtected(t.sheet, `Range.${what} at ${rangeToA1(t.rect)} (${a1} is locked)`);
        });
      }
      const changed = new Set<string>();
      eachCell(t, (a1, r, c) => {
        const x = at(r, c);
        if (what === 'numberFormat') {
          const cell = cellAt(t.sheet, a1);
          cell.numberFormat = String(x);
          retext(cell);
          return;
        }
        const typed = typeof x === 'string' && (t.sheet.cells[a1]?.numberFormat ?? 'General') !== '@';
        if (typeof x === 'string' && x.startsWith('=') && (what === 'formulas' || typed)) writeFormula(this.ctx.st, t.sheet, a1, x);
        else if (typed) writeTyped(this.ctx.st, t.sheet, a1, x as string);
        else writeConstant(this.ctx.st, t.sheet, a1, x);
        changed.add(a1);
      });
      if (changed.size) recalc(t.sheet, changed);
    });
  }

  /** Merge the range (`across`: each row on its own); overlapping an existing merged area fails. */
  merge(across = false): void {
    this.call('merge', [across], () => {
      const t = this.target();
      if (t.sheet.protected) refuseProtected(t.sheet, `Range.merge at ${rangeToA1(t.rect)}`);
      const parts = across
        ? Array.from({ length: t.rect.bottom - t.rect.top + 1 }, (_, i) => ({ ...t.rect, top: t.rect.top + i, bottom: t.rect.top + i }))
        : [t.rect];
      for (const part of parts) {
        if (t.sheet.merges.some((m) => intersect(parseRangeA1(m), part))) {
          throw new FakeOfficeError('InvalidOperation', `merge ${rangeToA1(part)} overlaps a merged area`);
        }
        if (cellCount(part) > 1) t.sheet.merges.push(rangeToA1(part));
      }
    });
  }

  /** Formatting (font, fill, alignment, wrapping, borders.getItem(…), columnWidth, rowHeight), recorded on the cells. */
  get format(): object {
    return formatRecorder(this.ctx, () => this.target(), '');
  }

  /** Data validation (ExcelApi 1.8): `rule` and `errorAlert` land in `sheet.validations[cell]`. */
  get dataValidation(): { rule: unknown; errorAlert: unknown } {
    const put = (prop: 'rule' | 'errorAlert', value: unknown) =>
      this.setLater(`dataValidation.${prop}`, value, () => {
        this.ctx.requireApi('1.8', 'dataValidation');
        const t = this.target();
        if (t.sheet.protected) refuseProtected(t.sheet, `Range.dataValidation at ${rangeToA1(t.rect)}`);
        eachCell(t, (a1) => {
          ((t.sheet.validations ??= {})[a1] ??= {})[prop] = clone(value);
        });
      });
    return {
      get rule(): unknown {
        throw new FakeOfficeError('NotImplemented', 'the fake does not read data validation back');
      },
      set rule(v: unknown) {
        put('rule', v);
      },
      get errorAlert(): unknown {
        throw new FakeOfficeError('NotImplemented', 'the fake does not read data validation back');
      },
      set errorAlert(v: unknown) {
        put('errorAlert', v);
      },
    };
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return this.child('conditionalFormats', () => new ConditionalFormatCollectionProxy(this.ctx, () => this.target()));
  }

  protected override nav(name: string): Obj<unknown> | null {
    return name === 'conditionalFormats' ? this.conditionalFormats : null;
  }

  getIntersectionOrNullObject(other: RangeProxy | string): RangeProxy {
    this.call('getIntersectionOrNullObject', [typeof other === 'string' ? other : '<Range>']);
    return new RangeProxy(
      this.ctx,
      () => {
        const t = this.target();
        const o = typeof other === 'string' ? parseRangeA1(other) : other.target().rect;
        const r = intersect(t.rect, o);
        return r ? { sheet: t.sheet, rect: r } : null;
      },
      true,
    );
  }

  /** The used part of this range (ExcelApi 1.4): null when none of its cells is used. */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.call('getUsedRangeOrNullObject', [valuesOnly]);
    return new RangeProxy(
      this.ctx,
      () => {
        this.ctx.requireApi('1.4', 'Range.getUsedRangeOrNullObject');
        const t = this.target();
        const box = usedIn(t.sheet, t.rect, valuesOnly);
        return box ? { sheet: t.sheet, rect: box } : null;
      },
      true,
    );
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    this.call('getMergedAreasOrNullObject', []);
    return new RangeAreasProxy(
      this.ctx,
      () => {
        this.ctx.requireApi('1.13', 'getMergedAreasOrNullObject');
        const t = this.target();
        const rects = t.sheet.merges.map(parseRangeA1).filter((m) => intersect(m, t.rect));
        if (rects.length > 512) throw new FakeOfficeError('GeneralException', 'more than 512 merged areas');
        return rects.length ? { sheet: t.sheet, rects } : null;
      },
      true,
    );
  }

  select(): void {
    this.call('select', [], () => {
      const t = this.target();
      if (this.ctx.st.wb.activeSheet !== t.sheet.name) {
        throw new FakeOfficeError('InvalidOperation', 'select() on a sheet that is not active');
      }
      this.ctx.st.wb.selection = { sheet: t.sheet.name, address: rangeToA1(t.rect) };
    });
  }
}

interface AreasTarget {
  sheet: FakeSheet;
  rects: CellRange[];
}

class RangeAreasProxy extends Obj<AreasTarget> {
  protected readonly kind = 'RangeAreas';
  protected override readonly scalars = ['address', 'areaCount'];
  protected override read(t: AreasTarget, name: string): unknown {
    if (name === 'address') return t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${rangeToA1(r)}`).join(', ');
    if (name === 'areaCount') return t.rects.length;
    return super.read(t, name);
  }
  get address(): string {
    return this.prop('address');
  }
  get areaCount(): number {
    return this.prop('areaCount');
  }
}

// ---- conditional formats

class ConditionalFormatCollectionProxy extends Coll<RangeTarget, ConditionalFormatProxy> {
  protected readonly kind = 'ConditionalFormatCollection';
  protected list(t: RangeTarget): unknown[] {
    return t.sheet.conditionalFormats.filter((cf) => cf.ranges.some((a) => intersect(parseRangeA1(a), t.rect)));
  }
  protected makeItem(item: unknown): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.ctx, () => {
      const cf = item as FakeConditionalFormat;
      // a deleted format no longer exists
      return this.ctx.st.wb.sheets.some((s) => s.conditionalFormats.includes(cf)) ? { cf, sheet: this.sheetOf(cf) } : null;
    });
  }
  private sheetOf(cf: FakeConditionalFormat): FakeSheet {
    return this.ctx.st.wb.sheets.find((s) => s.conditionalFormats.includes(cf)) as FakeSheet;
  }
  add(type: FakeConditionalFormatType): ConditionalFormatProxy {
    let created: { cf: FakeConditionalFormat; sheet: FakeSheet } | null = null;
    this.call('add', [type], () => {
      const t = this.target();
      if (t.sheet.protected) refuseProtected(t.sheet, 'ConditionalFormatCollection.add');
      const cf: FakeConditionalFormat = {
        id: `cf${++this.ctx.st.nextCfId}`,
        type,
        ranges: [rangeToA1(t.rect)],
        formula: null,
        fill: null,
        fontColor: null,
        stopIfTrue: false,
      };
      t.sheet.conditionalFormats.unshift(cf); // "at the first/top priority"
      created = { cf, sheet: t.sheet };
    });
    return new ConditionalFormatProxy(this.ctx, () => created);
  }
}

interface CfTarget {
  cf: FakeConditionalFormat;
  sheet: FakeSheet;
}

class ConditionalFormatProxy extends Obj<CfTarget> {
  protected readonly kind = 'ConditionalFormat';
  protected override readonly scalars = ['id', 'type', 'priority', 'stopIfTrue'];
  protected override read(t: CfTarget, name: string): unknown {
    switch (name) {
      case 'id':
        return t.cf.id;
      case 'type':
        return t.cf.type;
      case 'priority':
        return t.sheet.conditionalFormats.indexOf(t.cf);
      case 'stopIfTrue':
        return t.cf.stopIfTrue ?? false;
    }
    return super.read(t, name);
  }
  get id(): string {
    return this.prop('id');
  }
  get type(): string {
    return this.prop('type');
  }
  get priority(): number {
    return this.prop('priority');
  }
  get stopIfTrue(): boolean {
    return this.prop('stopIfTrue');
  }

  get custom(): CustomConditionalFormatProxy {
    return this.child(
      'custom',
      () =>
        new CustomConditionalFormatProxy(this.ctx, () => {
          const t = this.target();
          if (t.cf.type !== 'Custom') {
            throw new FakeOfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
          }
          return t.cf;
        }),
    );
  }

  get customOrNullObject(): CustomConditionalFormatProxy {
    return this.child(
      'customOrNullObject',
      () =>
        new CustomConditionalFormatProxy(
          this.ctx,
          () => {
            const t = this.resolveTarget();
            return t && t.cf.type === 'Custom' ? t.cf : null;
          },
          true,
        ),
    );
  }

  protected override nav(name: string): Obj<unknown> | null {
    if (name === 'custom') return this.custom;
    if (name === 'customOrNullObject') return this.customOrNullObject;
    return null;
  }

  delete(): void {
    this.call('delete', [], () => {
      const t = this.target();
      if (t.sheet.protected) refuseProtected(t.sheet, 'ConditionalFormat.delete');
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((x) => x !== t.cf);
    });
  }
}

function refuseIfCfProtected(ctx: Ctx, cf: FakeConditionalFormat, what: string): void {
  const sheet = ctx.st.wb.sheets.find((s) => s.conditionalFormats.includes(cf));
  if (sheet?.protected) refuseProtected(sheet, what);
}

class CustomConditionalFormatProxy extends Obj<FakeConditionalFormat> {
  protected readonly kind = 'CustomConditionalFormat';
  get rule(): RuleProxy {
    return this.child('rule', () => new RuleProxy(this.ctx, () => this.resolveTarget()));
  }
  get format(): CfFormatProxy {
    return this.child('format', () => new CfFormatProxy(this.ctx, () => this.resolveTarget()));
  }
  protected override nav(name: string): Obj<unknown> | null {
    if (name === 'rule') return this.rule;
    if (name === 'format') return this.format;
    return null;
  }
}

class RuleProxy extends Obj<FakeConditionalFormat> {
  protected readonly kind = 'ConditionalFormatRule';
  protected override readonly scalars = ['formula'];
  protected override read(t: FakeConditionalFormat, name: string): unknown {
    return name === 'formula' ? (t.formula ?? '') : super.read(t, name);
  }
  get formula(): string {
    return this.prop('formula');
  }
  set formula(v: string) {
    this.setLater('formula', v, () => {
      const cf = this.target();
      refuseIfCfProtected(this.ctx, cf, 'ConditionalFormatRule.formula');
      cf.formula = v;
    });
  }
}

class CfFormatProxy extends Obj<FakeConditionalFormat> {
  protected readonly kind = 'ConditionalRangeFormat';
  get fill(): ColorProxy {
    return this.child('fill', () => new ColorProxy(this.ctx, () => this.resolveTarget(), 'fill'));
  }
  get font(): ColorProxy {
    return this.child('font', () => new ColorProxy(this.ctx, () => this.resolveTarget(), 'fontColor'));
  }
  protected override nav(name: string): Obj<unknown> | null {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return null;
  }
}

class ColorProxy extends Obj<FakeConditionalFormat> {
  protected readonly kind: string;
  protected override readonly scalars = ['color'];
  constructor(
    ctx: Ctx,
    resolve: () => FakeConditionalFormat | null,
    private readonly field: 'fill' | 'fontColor',
  ) {
    super(ctx, resolve);
    this.kind = field === 'fill' ? 'ConditionalRangeFill' : 'ConditionalRangeFont';
  }
  protected override read(t: FakeConditionalFormat, name: string): unknown {
    return name === 'color' ? (t[this.field] ?? null) : super.read(t, name);
  }
  get color(): string {
    return this.prop('color');
  }
  set color(v: string) {
    this.setLater('color', v, () => {
      const cf = this.target();
      refuseIfCfProtected(this.ctx, cf, `${this.kind}.color`);
      cf[this.field] = v;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Installing

/**
 * Put fake `Office` and `Excel` globals on `target` (globalThis in vitest, window in a browser),
 * backed by `workbook` (used live: tests can inspect it after the adapter ran).
 */
export function installFakeOffice(target: object, workbook: FakeWorkbook, options: FakeOfficeOptions = {}): FakeOffice {
  const host = target as Record<string, unknown>;
  const st: State = {
    wb: workbook,
    opts: { excelApi: '1.17', ...options },
    syncCount: 0,
    log: [],
    payloads: [],
    beforeSync: null,
    nextCfId: 0,
    shown: new Map(),
    handlers: [],
  };
  let inMemory: Record<string, unknown> = clone(workbook.settings);

  const settings = {
    get(name: string): unknown {
      return name in inMemory ? clone(inMemory[name]) : null;
    },
    set(name: string, value: unknown): void {
      inMemory[name] = clone(value); // the real bag serialises to JSON
    },
    remove(name: string): void {
      delete inMemory[name];
    },
    saveAsync(a?: unknown, b?: unknown): void {
      const cb = (typeof a === 'function' ? a : b) as ((r: { status: string; error?: Error }) => void) | undefined;
      const ok = !st.opts.failSettingsSave;
      if (ok) st.wb.settings = clone(inMemory);
      setTimeout(() =>
        cb?.(ok ? { status: 'succeeded' } : { status: 'failed', error: new Error('settings could not be saved') }),
      );
    },
  };

  const office = {
    HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    onReady(cb?: (info: { host: string | null; platform: string | null }) => void) {
      const info = { host: options.host === undefined ? 'Excel' : options.host, platform: 'PC' };
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      displayLanguage: options.displayLanguage ?? 'zh-CN',
      officeTheme: options.bodyBackgroundColor
        ? { bodyBackgroundColor: options.bodyBackgroundColor, bodyForegroundColor: '#000000' }
        : undefined,
      requirements: {
        isSetSupported(name: string, version?: string): boolean {
          if (name !== 'ExcelApi') return false;
          return version === undefined || compareVersions(st.opts.excelApi, version) >= 0;
        },
      },
      document: { settings },
    },
  };

  const excel = {
    async run<T>(a: ((context: Ctx) => Promise<T>) | Ctx | { context?: Ctx }, b?: (context: Ctx) => Promise<T>): Promise<T> {
      const batch = (typeof a === 'function' ? a : b) as (context: Ctx) => Promise<T>;
      // Excel.run(context or object, batch) runs in that context (EventHandlerResult.context)
      const ctx = typeof a === 'function' ? new Ctx(st) : a instanceof Ctx ? a : (a.context ?? new Ctx(st));
      const result = await batch(ctx);
      if (ctx.queue.length) await ctx.sync();
      return result;
    },
    ConditionalFormatType: {
      custom: 'Custom',
      dataBar: 'DataBar',
      colorScale: 'ColorScale',
      iconSet: 'IconSet',
      topBottom: 'TopBottom',
      presetCriteria: 'PresetCriteria',
      containsText: 'ContainsText',
      cellValue: 'CellValue',
    },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    ErrorCodes: EXCEL_ERROR_CODES,
  };
  // Office.js's own error type and codes, so an adapter can test `instanceof OfficeExtension.Error`.
  const officeExtension = { Error: FakeOfficeError, ErrorCodes: OFFICE_EXTENSION_ERROR_CODES };

  const previous = { Office: host.Office, Excel: host.Excel, OfficeExtension: host.OfficeExtension };
  host.Office = office;
  host.Excel = excel;
  host.OfficeExtension = officeExtension;

  const sheetNamed = (name: string): FakeSheet => {
    const s = st.wb.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`the fake workbook has no sheet named ${name}`);
    return s;
  };

  const fake: FakeOffice = {
    workbook,
    get settingsInMemory() {
      return inMemory;
    },
    get syncCount() {
      return st.syncCount;
    },
    set syncCount(n: number) {
      st.syncCount = n;
    },
    get log() {
      return st.log;
    },
    set log(l: FakeLogEntry[]) {
      st.log = l;
    },
    get payloads() {
      return st.payloads;
    },
    reset() {
      st.syncCount = 0;
      st.log = [];
      st.payloads = [];
    },
    get beforeSync() {
      return st.beforeSync;
    },
    set beforeSync(fn: ((n: number) => void) | null) {
      st.beforeSync = fn;
    },
    protectSheet(name) {
      sheetNamed(name).protected = true;
    },
    unprotectSheet(name) {
      sheetNamed(name).protected = false;
    },
    renameSheet(oldName, newName) {
      const s = sheetNamed(oldName);
      if (!/^[^[\]:*?/\\]{1,31}$/.test(newName) || /^'|'$/.test(newName)) throw new Error(`Excel does not allow the sheet name ${newName}`);
      if (st.wb.sheets.some((x) => x !== s && x.name.toLowerCase() === newName.toLowerCase())) throw new Error(`a sheet named ${newName} exists`);
      s.name = newName;
      if (st.wb.activeSheet === oldName) st.wb.activeSheet = newName;
      if (st.wb.selection?.sheet === oldName) st.wb.selection = { ...st.wb.selection, sheet: newName };
    },
    deleteSheet(name) {
      removeSheet(st.wb, sheetNamed(name));
    },
    editCell(sheetName, a1, input) {
      const s = sheetNamed(sheetName);
      const p = parseA1(a1.replace(/\$/g, '').toUpperCase());
      const at = toA1(p.row, p.col);
      if (s.protected && locked(s.cells[at])) throw new Error(`${sheetName}!${at} is locked: the sheet is protected`);
      const asText = (s.cells[at]?.numberFormat ?? 'General') === '@';
      if (typeof input === 'string' && input.startsWith('=') && !asText) writeFormula(st, s, at, input);
      else if (typeof input === 'string' && !asText) writeTyped(st, s, at, input);
      else writeConstant(st, s, at, input);
      recalc(s, new Set([at]));
      raise(st, 'changed', s.id, { type: 'WorksheetChanged', address: at, changeType: 'RangeEdited', source: 'Local' });
    },
    activate(name) {
      const s = sheetNamed(name);
      if ((s.visibility ?? 'Visible') !== 'Visible') throw new Error(`${name} is hidden`);
      st.wb.activeSheet = s.name;
      raise(st, 'activated', s.id, { type: 'WorksheetActivated' });
    },
    get handlerCount() {
      return st.handlers.length;
    },
    savedCopy() {
      return { ...clone(st.wb), selection: null };
    },
    Office: office,
    Excel: excel,
    uninstall() {
      host.Office = previous.Office;
      host.Excel = previous.Excel;
      host.OfficeExtension = previous.OfficeExtension;
      inMemory = {};
    },
  };
  return fake;
}

// pane: Excel.createWorkbook (ExcelApi 1.8), which opens a .xlsx given as base64 as a new workbook.
export interface FakeCreatedWorkbooks {
  /** The base64 of every workbook opened, in order. */
  readonly opened: string[];
}

/**
 * pane: give the installed fake `Excel.createWorkbook`. Like Excel it rejects what is not a zip
 * (base64 of "PK\x03\x04…") with InvalidArgument; `refuse` makes it reject everything, as Excel
 * does under the extensionHardening policy or a blocked pop-up in Excel on the web.
 */
export function addCreateWorkbook(fake: FakeOffice, options: { refuse?: boolean } = {}): FakeCreatedWorkbooks {
  const opened: string[] = [];
  (fake.Excel as Record<string, unknown>).createWorkbook = async (base64?: string): Promise<void> => {
    if (options.refuse) throw new FakeOfficeError('AccessDenied', 'This operation is not allowed due to the extension hardening policy.');
    if (base64 !== undefined && !base64.startsWith('UEsDB')) throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
    opened.push(base64 ?? '');
  };
  return { opened };
}
