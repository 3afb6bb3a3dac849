/**
 * The order the pane lists findings in (severity, then kind of finding, then as the core reported
 * them) and the groups it shows. 上一个/下一个 walk the same order.
 */
import { D, show } from '../core/decimal.js';
import type { Finding, FindingCode, Severity } from '../core/report.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Roughly from the form's arithmetic outwards: scores, sums, execution, grade, then review items. */
export const FINDING_CODES: readonly FindingCode[] = [
  'score-exceeds-weight',
  'score-negative',
  'score-mismatch',
  'score-out-of-tier',
  'score-not-allowed-by-criteria',
  'subtotal-mismatch',
  'weight-subtotal-mismatch',
  'weight-label-mismatch',
  'total-mismatch',
  'weight-total-not-100',
  'execution-rate-mismatch',
  'grade-mismatch',
  'missing-deviation-reason',
  'nonstandard-level1-weights',
  'over-achievement',
  'approximate-value-mismatch',
  'score-tier-uncertain',
  'value-not-scoreable',
  'number-not-readable',
];

function rank<T>(list: readonly T[], x: T): number {
  const i = list.indexOf(x);
  return i < 0 ? list.length : i;
}

export function orderFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        rank(SEVERITIES, a.f.severity) - rank(SEVERITIES, b.f.severity) ||
        rank(FINDING_CODES, a.f.code) - rank(FINDING_CODES, b.f.code) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

export interface CodeGroup {
  code: FindingCode;
  /** Positions in the ordered list, which is what selection and 上一个/下一个 use. */
  items: { finding: Finding; index: number }[];
}

export interface SeverityGroup {
  severity: Severity;
  count: number;
  codes: CodeGroup[];
}

/** Groups of an already ordered list. */
export function groupFindings(ordered: readonly Finding[]): SeverityGroup[] {
  const groups: SeverityGroup[] = [];
  ordered.forEach((finding, index) => {
    let g = groups[groups.length - 1];
    if (!g || g.severity !== finding.severity) groups.push((g = { severity: finding.severity, count: 0, codes: [] }));
    let c = g.codes[g.codes.length - 1];
    if (!c || c.code !== finding.code) g.codes.push((c = { code: finding.code, items: [] }));
    c.items.push({ finding, index });
    g.count++;
  });
  return groups;
}

/** The most severe finding about this cell of this sheet, if any. */
export function severityAt(findings: readonly Finding[], sheet: string, cell: string | null): Severity | null {
  if (!cell) return null;
  let best: Severity | null = null;
  for (const f of findings) {
    if (f.sheet === sheet && f.cell === cell && (best === null || rank(SEVERITIES, f.severity) < rank(SEVERITIES, best))) {
      best = f.severity;
    }
  }
  return best;
}

/** A rate as the core gives it (a fraction such as "0.665513", or already "67%") → "66.55%". */
export function percent(x: string | null): string | null {
  if (x === null) return null;
  const s = x.trim();
  if (s.endsWith('%')) return s;
  try {
    return `${show(new D(s).times(100), 2)}%`;
  } catch {
    return s; // not a number: show it as written
  }
}
