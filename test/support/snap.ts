/**
 * Building SheetSnapshots by hand for core tests: a grid of plain values (or {v, t, fmt, f}) and
 * merged areas in A1 notation.
 */
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot.js';
import { parseA1, parseRangeA1 } from '../../src/core/snapshot.js';

export type SnapCell = CellValue | undefined | { v: CellValue; t?: string; fmt?: string; f?: string };

export function snap(rows: SnapCell[][], opts: { sheet?: string; merges?: string[]; origin?: string } = {}): SheetSnapshot {
  const { row: top, col: left } = parseA1(opts.origin ?? 'A1');
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values: CellValue[][] = [];
  const text: string[][] = [];
  const numberFormat: string[][] = [];
  const formulas: (string | null)[][] = [];
  for (const r of rows) {
    const vr: CellValue[] = [];
    const tr: string[] = [];
    const fr: string[] = [];
    const xr: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = r[c];
      if (cell !== null && typeof cell === 'object') {
        vr.push(cell.v);
        tr.push(cell.t ?? (cell.v === null ? '' : String(cell.v)));
        fr.push(cell.fmt ?? 'General');
        xr.push(cell.f ?? null);
      } else {
        const v = cell === undefined ? null : cell;
        vr.push(v);
        tr.push(v === null ? '' : String(v));
        fr.push('General');
        xr.push(null);
      }
    }
    values.push(vr);
    text.push(tr);
    numberFormat.push(fr);
    formulas.push(xr);
  }
  return {
    sheet: opts.sheet ?? 'Sheet1',
    top,
    left,
    values,
    text,
    numberFormat,
    formulas,
    merges: (opts.merges ?? []).map(parseRangeA1),
  };
}

export const pct = (v: number, t: string, fmt = '0%') => ({ v, t, fmt });
