/**
 * The order the pane lists findings in and the groups it shows. The order is the core's
 * (sortFindings: the same order the CLI prints); the pane only gathers each severity's findings by
 * code, keeping the codes in the order they first appear. 上一个/下一个 walk the listed order.
 */
import {
  SEVERITY_ORDER,
  displayValue,
  sortFindings,
  type Finding,
  type FindingCode,
  type Severity,
} from '../core/index.js';

export const SEVERITIES: readonly Severity[] = SEVERITY_ORDER;

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

function gather(findings: readonly Finding[]): Finding[][][] {
  const bySeverity = new Map<Severity, Map<FindingCode, Finding[]>>();
  for (const f of findings) {
    let codes = bySeverity.get(f.severity);
    if (!codes) bySeverity.set(f.severity, (codes = new Map()));
    let list = codes.get(f.code);
    if (!list) codes.set(f.code, (list = []));
    list.push(f);
  }
  return SEVERITIES.filter((s) => bySeverity.has(s)).map((s) => [...bySeverity.get(s)!.values()]);
}

/** The findings of every sheet in the pane's order: the core's, each code's findings together. */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return gather(sortFindings([...findings])).flat(2);
}

/** Groups of a list already in the pane's order (orderFindings). */
export function groupFindings(ordered: readonly Finding[]): SeverityGroup[] {
  const groups: SeverityGroup[] = [];
  ordered.forEach((finding, index) => {
    let g = groups[groups.length - 1];
    if (!g || g.severity !== finding.severity) groups.push((g = { severity: finding.severity, count: 0, codes: [] }));
    let c = g.codes.find((x) => x.code === finding.code);
    if (!c) g.codes.push((c = { code: finding.code, items: [] }));
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
    if (f.sheet === sheet && f.cell === cell && (best === null || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(best))) {
      best = f.severity;
    }
  }
  return best;
}

/** A rate as the core gives it (a fraction such as "0.665513", or already "67%") → "66.55%", as 写回合计 shows rates. */
export function percent(x: string | null): string | null {
  return x === null ? null : displayValue('execution-rate', x.trim());
}
