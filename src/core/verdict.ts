/**
 * A form's review verdict and the findings that belong to each form of a sheet — the same in the
 * pane, the web checker, the review workbook and the CLI.
 */
import type { Finding, FormReport, SheetReport } from './report.js';
import { parseA1, parseRangeA1, type CellRange } from './snapshot.js';

export type Verdict = '通过' | '需复核' | '退回修改';

/** Worst first. */
export const VERDICTS: readonly Verdict[] = ['退回修改', '需复核', '通过'];

/** Errors send a form back, warnings ask for a second look; info never changes the verdict. */
export function verdictOf(_form: FormReport, findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return '退回修改';
  if (findings.some((f) => f.severity === 'warning')) return '需复核';
  return '通过';
}

function inside(r: CellRange, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

/** Each finding goes to the form whose area holds its cell, else to the sheet's first form. */
export function findingsByForm(report: SheetReport): Finding[][] {
  const ranges = report.forms.map((f) => parseRangeA1(f.range));
  const buckets: Finding[][] = report.forms.map(() => []);
  if (buckets.length === 0) return buckets;
  for (const f of report.findings) {
    let i = 0;
    try {
      const { row, col } = parseA1(f.cell);
      const k = ranges.findIndex((r) => inside(r, row, col));
      if (k >= 0) i = k;
    } catch {
      // a finding without a cell address stays with the first form
    }
    buckets[i].push(f);
  }
  return buckets;
}
