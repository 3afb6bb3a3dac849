/**
 * Findings as every host lists them: one order (severity, then the registry's code order, then
 * sheet, then position on the sheet — row, then column) and the metadata derived from the
 * registry (rules/registry.ts).
 */
import type { Finding, Severity } from './report.js';
import { FINDING_CODES, codeRank } from './rules/registry.js';
import { parseA1 } from './snapshot.js';

export { CODE_TITLES, SEVERITY, FINDING_CODES, FINDING_RULES, findingMeta, isFindingCode, codeRank } from './rules/registry.js';

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

function severityRank(s: Severity): number {
  const i = SEVERITY_ORDER.indexOf(s);
  return i < 0 ? SEVERITY_ORDER.length : i;
}

function position(cell: string): { row: number; col: number } {
  try {
    return parseA1(cell);
  } catch {
    return { row: Number.MAX_SAFE_INTEGER, col: Number.MAX_SAFE_INTEGER };
  }
}

/**
 * The comparator behind `sortFindings`. Sheets compare by their place in `sheetOrder` (workbook
 * order); without it, findings of different sheets with the same code keep their order only as
 * far as their cells allow, so pass the order when a list spans sheets.
 */
export function findingComparator(sheetOrder: readonly string[] = []): (a: Finding, b: Finding) => number {
  const sheetRank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  return (a, b) => {
    const pa = position(a.cell);
    const pb = position(b.cell);
    return (
      severityRank(a.severity) - severityRank(b.severity) ||
      codeRank(a.code) - codeRank(b.code) ||
      sheetRank(a.sheet) - sheetRank(b.sheet) ||
      pa.row - pb.row ||
      pa.col - pb.col
    );
  };
}

/** Severity, code (registry order), sheet, row, column — for one sheet's findings and for a workbook's. */
export const compareFindings = findingComparator();

/** Findings in the one order; sheets in the order they first appear in `findings` unless `sheetOrder` says. */
export function sortFindings(findings: readonly Finding[], sheetOrder?: readonly string[]): Finding[] {
  const order = sheetOrder ?? [...new Set(findings.map((f) => f.sheet))];
  const sheetRank = new Map(order.map((s, i) => [s, i]));
  const n = findings.length;
  // The same comparison as `findingComparator`, on keys computed once per finding (a big sheet has
  // tens of thousands) into flat arrays rather than an array per finding: severity and code packed
  // in one number, then sheet, row and column; ties keep the input order, as the stable sort did.
  const codes = FINDING_CODES.length + 1;
  const group = new Float64Array(n);
  const sheets = new Float64Array(n);
  const rows = new Float64Array(n);
  const cols = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = findings[i];
    const p = position(f.cell);
    group[i] = severityRank(f.severity) * codes + codeRank(f.code);
    sheets[i] = sheetRank.get(f.sheet) ?? order.length;
    rows[i] = p.row;
    cols[i] = p.col;
  }
  const index = Array.from({ length: n }, (_, i) => i);
  index.sort((a, b) => group[a] - group[b] || sheets[a] - sheets[b] || rows[a] - rows[b] || cols[a] - cols[b] || a - b);
  return index.map((i) => findings[i]);
}
