/**
 * TEMPORARY: the writes 插入空白模板 and 写回合计 need, added to the fake Office of fake-office.ts
 * until it has them itself (then delete this file). Each feature is only added when the fake does
 * not already have it, and follows the fake's rules: property writes and method calls are queued,
 * logged, and run at `context.sync()` in order, so a load queued before a write reads the old state.
 *
 * Added:
 * - Range: `values`, `formulas`, `numberFormat` setters (2-D arrays; a formula keeps the value it
 *   last showed with that formula, as recalculation would give with unchanged inputs; the displayed
 *   text follows the number format); `merge()`; `format` (font/fill/alignment/wrap/borders/
 *   columnWidth/rowHeight recorded per cell in `cell.format` as "path" → value); `dataValidation`
 *   (`rule`, `errorAlert` recorded per cell in `extras(sheet).validations`);
 * - Worksheet: `pageLayout` (properties and setPrint* calls recorded in `extras(sheet).pageLayout`);
 * - WorksheetCollection: `add(name)` (fails like Excel when the name is taken).
 */
import { formatNumber } from '../../src/core/numfmt.js';
import { parseRangeA1, rangeToA1, toA1, type CellRange } from '../../src/core/snapshot.js';
import { FakeOfficeError, type FakeCell, type FakeOffice, type FakeSheet, type FakeValue } from './fake-office.js';

export interface SheetExtras {
  validations: Record<string, { rule?: unknown; errorAlert?: unknown }>;
  pageLayout: Record<string, unknown>;
}

const EXTRAS = new WeakMap<FakeSheet, SheetExtras>();

export function extras(sheet: FakeSheet): SheetExtras {
  let e = EXTRAS.get(sheet);
  if (!e) {
    e = { validations: {}, pageLayout: {} };
    EXTRAS.set(sheet, e);
  }
  return e;
}

/** Values formulas showed last, per sheet!cell and formula text. */
const shown = new Map<string, FakeValue>();

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyProxy = any;

interface RangeTarget {
  sheet: FakeSheet;
  rect: CellRange;
}

function eachCell(t: RangeTarget, fn: (a1: string, r: number, c: number) => void): void {
  for (let r = t.rect.top; r <= t.rect.bottom; r++) for (let c = t.rect.left; c <= t.rect.right; c++) fn(toA1(r, c), r - t.rect.top, c - t.rect.left);
}

function cellAt(sheet: FakeSheet, a1: string): FakeCell {
  return (sheet.cells[a1] ??= {});
}

function retext(cell: FakeCell): void {
  delete cell.text;
  if (typeof cell.value === 'number' && cell.numberFormat) cell.text = formatNumber(cell.value, cell.numberFormat);
}

function grid<V>(t: RangeTarget, v: V[][], what: string): (r: number, c: number) => V {
  const rows = t.rect.bottom - t.rect.top + 1;
  const cols = t.rect.right - t.rect.left + 1;
  if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeOfficeError('InvalidArgument', `${what}: the array does not match the range size ${rows}×${cols}`);
  }
  return (r, c) => v[r][c];
}

function writeConstant(sheet: FakeSheet, a1: string, v: FakeValue): void {
  const cell = cellAt(sheet, a1);
  if (cell.formula) shown.set(`${sheet.name}!${a1}\u0000${cell.formula}`, cell.value ?? null);
  delete cell.formula;
  if (v === '' || v === null) delete cell.value;
  else cell.value = v;
  retext(cell);
}

function writeFormula(sheet: FakeSheet, a1: string, f: string): void {
  const cell = cellAt(sheet, a1);
  if (cell.formula) shown.set(`${sheet.name}!${a1}\u0000${cell.formula}`, cell.value ?? null);
  cell.formula = f;
  const v = shown.get(`${sheet.name}!${a1}\u0000${f}`);
  if (v === undefined || v === null) delete cell.value;
  else cell.value = v;
  retext(cell);
}

/** A proxy that records every property write (and getItem/… navigation) as "path" → value on each cell. */
function recorder(ctx: AnyProxy, target: () => RangeTarget, path: string, log: (prop: string, value: unknown) => void): AnyProxy {
  const store = (prop: string, value: unknown) => {
    log(prop, value);
    ctx.enqueue(() => {
      const t = target();
      eachCell(t, (a1) => {
        const cell = cellAt(t.sheet, a1);
        cell.format = { ...(cell.format ?? {}), [`${path}${prop}`]: value };
      });
    });
  };
  return new Proxy(
    {},
    {
      get(_o, prop: string) {
        if (prop === 'getItem') return (name: string) => recorder(ctx, target, `${path}${name}.`, log);
        if (prop === 'then') return undefined;
        return recorder(ctx, target, `${path}${prop}.`, log);
      },
      set(_o, prop: string, value) {
        store(prop, value);
        return true;
      },
    },
  );
}

function defineSetter(proto: object, name: string, set: (this: AnyProxy, v: unknown) => void): void {
  const d = Object.getOwnPropertyDescriptor(proto, name);
  if (d?.set) return; // the fake has it now
  Object.defineProperty(proto, name, { configurable: true, get: d?.get, set });
}

function defineGetter(proto: object, name: string, get: (this: AnyProxy) => unknown): void {
  if (Object.getOwnPropertyDescriptor(proto, name)) return;
  Object.defineProperty(proto, name, { configurable: true, get });
}

function defineMethod(proto: AnyProxy, name: string, fn: (this: AnyProxy, ...args: any[]) => unknown): void {
  if (typeof proto[name] === 'function') return;
  Object.defineProperty(proto, name, { configurable: true, writable: true, value: fn });
}

let installed = false;

/** Add the missing write features to the fake's proxies (idempotent). */
export async function addWriteSupport(fake: FakeOffice): Promise<void> {
  if (installed) return;
  const excel = fake.Excel as { run<T>(f: (ctx: AnyProxy) => Promise<T>): Promise<T> };
  const protos = await excel.run(async (ctx) => {
    const coll = ctx.workbook.worksheets;
    const ws = coll.getItem('*');
    return { coll: Object.getPrototypeOf(coll), ws: Object.getPrototypeOf(ws), range: Object.getPrototypeOf(ws.getRange('A1')), Ws: ws.constructor };
  });
  fake.reset();

  const rangeWrite = (what: 'values' | 'formulas' | 'numberFormat') =>
    function (this: AnyProxy, v: unknown) {
      this.setLater(what, v, () => {
        const t: RangeTarget = this.target();
        const at = grid(t, v as FakeValue[][], what);
        eachCell(t, (a1, r, c) => {
          const x = at(r, c);
          if (what === 'numberFormat') {
            const cell = cellAt(t.sheet, a1);
            cell.numberFormat = String(x);
            retext(cell);
          } else if (what === 'formulas' && typeof x === 'string' && x.startsWith('=')) writeFormula(t.sheet, a1, x);
          else writeConstant(t.sheet, a1, x as FakeValue);
        });
      });
    };
  defineSetter(protos.range, 'values', rangeWrite('values'));
  defineSetter(protos.range, 'formulas', rangeWrite('formulas'));
  defineSetter(protos.range, 'numberFormat', rangeWrite('numberFormat'));

  defineMethod(protos.range, 'merge', function (this: AnyProxy, across = false) {
    this.call('merge', [across], () => {
      const t: RangeTarget = this.target();
      const a = rangeToA1(t.rect);
      const overlaps = t.sheet.merges.map(parseRangeA1).some((m) => m.top <= t.rect.bottom && m.bottom >= t.rect.top && m.left <= t.rect.right && m.right >= t.rect.left);
      if (overlaps) throw new FakeOfficeError('InvalidOperation', `merge ${a} overlaps a merged area`);
      t.sheet.merges.push(a);
    });
  });
  defineGetter(protos.range, 'format', function (this: AnyProxy) {
    return recorder(this.ctx, () => this.target(), '', (prop, value) => this.ctx.st.log.push({ kind: 'set', object: 'RangeFormat', prop, value }));
  });
  defineGetter(protos.range, 'dataValidation', function (this: AnyProxy) {
    const self = this;
    const put = (prop: 'rule' | 'errorAlert') => (value: unknown) =>
      self.setLater(`dataValidation.${prop}`, value, () => {
        const t: RangeTarget = self.target();
        if (!self.ctx.supports('1.8')) throw new FakeOfficeError('ApiNotFound', 'dataValidation needs ExcelApi 1.8');
        eachCell(t, (a1) => {
          const v = (extras(t.sheet).validations[a1] ??= {});
          v[prop] = JSON.parse(JSON.stringify(value));
        });
      });
    return {
      set rule(v: unknown) {
        put('rule')(v);
      },
      set errorAlert(v: unknown) {
        put('errorAlert')(v);
      },
    };
  });

  defineGetter(protos.ws, 'pageLayout', function (this: AnyProxy) {
    const self = this;
    const record = (key: string, value: unknown) =>
      self.setLater(`pageLayout.${key}`, value, () => {
        if (!self.ctx.supports('1.9')) throw new FakeOfficeError('ApiNotFound', 'pageLayout needs ExcelApi 1.9');
        extras(self.target()).pageLayout[key] = JSON.parse(JSON.stringify(value));
      });
    return new Proxy(
      {},
      {
        get(_o, prop: string) {
          if (prop.startsWith('set')) return (...args: unknown[]) => record(prop, args.length === 1 ? args[0] : args);
          return undefined;
        },
        set(_o, prop: string, value) {
          record(prop, value);
          return true;
        },
      },
    );
  });

  defineMethod(protos.coll, 'add', function (this: AnyProxy, name: string) {
    let created: FakeSheet | null = null;
    this.call('add', [name], () => {
      const wb = this.target();
      if (wb.sheets.some((s: FakeSheet) => s.name.toLowerCase() === name.toLowerCase())) {
        throw new FakeOfficeError('ItemAlreadyExists', `a worksheet named ${name} exists`);
      }
      created = { name, id: `{${name}}`, visibility: 'Visible', cells: {}, merges: [], conditionalFormats: [] };
      wb.sheets.push(created);
    });
    return new protos.Ws(this.ctx, () => created);
  });
  installed = true;
}
