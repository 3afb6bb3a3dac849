/**
 * What the pane shows of a check, beyond the core's report: the figures a finding line prints
 * (what the cell holds → what will be written), findings gathered per form with the form's verdict,
 * review marks, and which findings are consequences of which.
 */
import {
  findingsByForm,
  parseRangeA1,
  verdictOf,
  type Finding,
  type FindingCode,
  type FormReport,
  type Severity,
  type SheetReport,
  type Verdict,
  type CellRange,
} from '../core/index.js';
import { reviewKey, type ReviewMark } from '../host/index.js';
import { orderFindings } from './findings.js';

/** `causedBy` is being added to Finding by the core; read it as optional until it lands. */
export interface CausedBy {
  cell: string;
  code: FindingCode;
}
export const causedByOf = (f: Finding): CausedBy | null => (f as { causedBy?: CausedBy | null }).causedBy ?? null;

/** What a finding line prints: `from → to`, or only `from` when nothing is expected. */
export interface ShownValues {
  /** What the cell holds; null for an empty cell (shown as 空). */
  from: string | null;
  /** What 采用建议值 / the rules would put there; null: no arrow. */
  to: string | null;
}

/**
 * The figures of a finding as the sheet has them: an aggregate cell's own declared value wins
 * (null: empty). A missing execution weight prints no figures: its cell is the row's, not a
 * weight the user typed, and the message says what is missing. The expected side is the value
 * that will be written when there is a suggestion, so the line and 采用建议值 never disagree.
 */
export function shownValues(f: Finding, forms: readonly FormReport[]): ShownValues | null {
  if (f.code === 'nonstandard-level1-weights' && f.path[0] === '预算执行率' && f.declared === null) return null;
  const aggregate = forms.find((form) => form.sheet === f.sheet)?.aggregates.find((a) => a.cell === f.cell);
  const from = aggregate && aggregate.declared === null ? null : f.declared;
  const to = f.suggestion?.value ?? f.expected;
  if (from === null && to === null) return null;
  return { from, to };
}

export function markOf(marks: ReadonlyMap<string, ReviewMark>, f: Finding): ReviewMark | undefined {
  return marks.get(reviewKey(f));
}

export function marksByKey(marks: readonly ReviewMark[]): Map<string, ReviewMark> {
  return new Map(marks.map((m) => [m.key, m]));
}

/** One form's part of the results (or a sheet without a form). */
export interface FormGroup {
  key: string;
  sheet: string;
  form: FormReport | null;
  /** In the pane's order. */
  findings: Finding[];
  /** From the findings nobody marked. */
  verdict: Verdict | null;
}

/** Each form with its findings and its verdict; marked findings do not count towards the verdict. */
export function formGroups(reports: readonly SheetReport[], marks: ReadonlyMap<string, ReviewMark>): FormGroup[] {
  return reports.flatMap((r): FormGroup[] => {
    if (r.forms.length === 0) return [{ key: r.sheet, sheet: r.sheet, form: null, findings: orderFindings(r.findings), verdict: null }];
    const buckets = findingsByForm(r);
    return r.forms.map((form, i) => {
      const findings = orderFindings(buckets[i]);
      return {
        key: `${r.sheet}!${form.range}`,
        sheet: r.sheet,
        form,
        findings,
        verdict: verdictOf(form, findings.filter((f) => !markOf(marks, f))),
      };
    });
  });
}

export type SeverityCounts = Record<Severity, number>;

/** Findings per severity, leaving out the marked ones. */
export function countBySeverity(findings: readonly Finding[], marks: ReadonlyMap<string, ReviewMark>): SeverityCounts {
  const out: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!markOf(marks, f)) out[f.severity]++;
  return out;
}

/** Findings whose causedBy points at this one. */
export function consequencesOf(root: Finding, all: readonly Finding[]): Finding[] {
  return all.filter((f) => {
    const c = causedByOf(f);
    return c !== null && f.sheet === root.sheet && c.cell === root.cell && c.code === root.code;
  });
}

/** An edit at `address` ("G14", "A1:C3", "$B$2") touches one of the sheet's forms (unreadable: assume it does). */
export function touchesForm(reports: readonly SheetReport[], sheet: string, address: string): boolean {
  const forms = reports.find((r) => r.sheet === sheet)?.forms ?? [];
  let edit: CellRange;
  try {
    edit = parseRangeA1(address.replace(/\$/g, ''));
  } catch {
    return forms.length > 0;
  }
  return forms.some((form) => {
    const r = parseRangeA1(form.range);
    return edit.top <= r.bottom && edit.bottom >= r.top && edit.left <= r.right && edit.right >= r.left;
  });
}
