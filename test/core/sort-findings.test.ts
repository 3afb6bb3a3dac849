/**
 * sortFindings sorts on keys kept in flat arrays (findings.ts); its order must be the one
 * `findingComparator` defines, with ties in input order — for several sheets, unknown codes and
 * severities, and cells that are no address.
 */
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, findingComparator, sortFindings } from '../../src/core/findings.js';
import type { Finding } from '../../src/core/report.js';

function findings(count: number): Finding[] {
  let x = 11;
  const next = (n: number) => (x = (x * 1103515245 + 12345) % 2147483648) % n;
  const codes = [...FINDING_CODES, 'unknown-code'];
  const severities = ['error', 'warning', 'info', 'fatal'];
  const cells = ['A1', 'B1', 'A2', 'AA10', 'Z9', 'not a cell', 'C3', '$D$4', 'B10'];
  return Array.from({ length: count }, (_, i) => ({
    code: codes[next(codes.length)],
    severity: severities[next(severities.length)],
    sheet: ['表1', '表2', '表3'][next(3)],
    cell: cells[next(cells.length)],
    message: `m${i}`,
  })) as unknown as Finding[];
}

describe('sortFindings', () => {
  it('orders as findingComparator does, ties in input order', () => {
    const input = findings(3000);
    const order = ['表2', '表1', '表3'];
    const want = (o?: string[]) => {
      const cmp = findingComparator(o ?? [...new Set(input.map((f) => f.sheet))]);
      return input.map((f, i) => ({ f, i })).sort((a, b) => cmp(a.f, b.f) || a.i - b.i).map((x) => x.f.message);
    };
    expect(sortFindings(input).map((f) => f.message)).toEqual(want());
    expect(sortFindings(input, order).map((f) => f.message)).toEqual(want(order));
    expect(sortFindings(input, ['表1']).map((f) => f.message)).toEqual(want(['表1']));
    expect(sortFindings([])).toEqual([]);
  });
});
