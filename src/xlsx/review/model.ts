/**
 * The reviewed items and the figures across them: one item per form on each sheet, the findings
 * that belong to it, its 结论, and the counts the 统计 sheet and `review --json` share.
 */
import { findingsByForm, verdictOf, VERDICTS, type Finding, type FindingCode, type FormReport, type SheetReport, type Verdict } from '../../core/index.js';

export { findingsByForm, verdictOf, VERDICTS, type Verdict };
import { reviewMeta } from './meta.js';
import { reviewKey, type ReviewMark } from '../../host/index.js';

export interface ReviewedFile {
  /** The path as the reviewer gave it (or relative to the folder given). */
  file: string;
  /** Where 一览 links: the annotated copy, or the file itself, relative to the review workbook. */
  link?: string;
  /** Format found from the content: xlsx, xlsm, xls, et. */
  format?: string;
  reports: SheetReport[];
  /** Why the file could not be read (Chinese); no reports then. */
  error?: string;
  /** Sheet → why its rule pack was chosen (under --rules auto). */
  packNotes?: Record<string, string>;
  /**
   * 忽略 / 已复核 marks on the file's findings (the web checker's): a marked finding is still listed
   * in 审核意见 with its mark, but counts towards neither the form's 结论 nor its error/warning counts.
   */
  marks?: readonly ReviewMark[];
}

/** The file's mark on a finding, if any. */
export function markOn(file: ReviewedFile, f: Finding): ReviewMark | undefined {
  if (!file.marks?.length) return undefined;
  const key = reviewKey(f);
  return file.marks.find((m) => m.key === key);
}


export interface FormItem {
  file: ReviewedFile;
  form: FormReport;
  findings: Finding[];
  verdict: Verdict;
  errors: number;
  warnings: number;
  /** Position in input order (path, then sheet, then form), for stable sorting. */
  order: number;
}

/** A sheet's findings split among its forms: each goes to the form whose area holds its cell. */

export function formItems(files: ReviewedFile[]): FormItem[] {
  const items: FormItem[] = [];
  for (const file of files) {
    for (const report of file.reports) {
      const split = findingsByForm(report);
      report.forms.forEach((form, i) => {
        const findings = split[i];
        const counted = file.marks?.length ? findings.filter((f) => !markOn(file, f)) : findings;
        items.push({
          file,
          form,
          findings,
          verdict: verdictOf(form, counted),
          errors: counted.filter((f) => f.severity === 'error').length,
          warnings: counted.filter((f) => f.severity === 'warning').length,
          order: items.length,
        });
      });
    }
  }
  return items;
}

/** Worst first: 退回修改, 需复核, 通过; then more errors, more warnings; then input order. */
export function worstFirst(items: FormItem[]): FormItem[] {
  return [...items].sort(
    (a, b) =>
      VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) ||
      b.errors - a.errors ||
      b.warnings - a.warnings ||
      a.order - b.order,
  );
}

export interface Band {
  label: string;
  /** Inclusive lower bound, exclusive upper bound (the top band includes 100). */
  from: number | null;
  to: number | null;
  forms: number;
}

/** Bands of 5 points over 0–100 (95–100 includes 100), plus below 0 and above 100 when used. */
export function totalBands(totals: number[]): Band[] {
  const bands: Band[] = [];
  for (let from = 95; from >= 0; from -= 5) {
    bands.push({ label: from === 95 ? '95–100' : `${from}–<${from + 5}`, from, to: from + 5, forms: 0 });
  }
  const above: Band = { label: '超过 100', from: 100, to: null, forms: 0 };
  const below: Band = { label: '低于 0', from: null, to: 0, forms: 0 };
  for (const t of totals) {
    if (t > 100) above.forms++;
    else if (t < 0) below.forms++;
    else bands[19 - Math.min(19, Math.floor(t / 5))].forms++;
  }
  return [...(above.forms ? [above] : []), ...bands, ...(below.forms ? [below] : [])];
}

const GRADE_ORDER = ['优', '优秀', '良', '良好', '中', '中等', '一般', '合格', '差', '较差', '不合格'];
const gradeRank = (g: string) => {
  const i = GRADE_ORDER.indexOf(g);
  return i < 0 ? GRADE_ORDER.length : i;
};

export interface ReviewSummary {
  rules: string;
  files: number;
  unreadable: number;
  withoutForm: number;
  forms: number;
  verdicts: Record<Verdict, number>;
  findings: { error: number; warning: number; info: number };
  byCode: { code: FindingCode; title: string; severity: string; findings: number; forms: number }[];
  byGrade: { grade: string; declared: number; recomputed: number }[];
  recomputedTotals: Band[];
}

export function summarize(files: ReviewedFile[], rules: string, items = formItems(files)): ReviewSummary {
  const verdicts: Record<Verdict, number> = { 退回修改: 0, 需复核: 0, 通过: 0 };
  const findings = { error: 0, warning: 0, info: 0 };
  const byCode = new Map<FindingCode, { findings: number; forms: Set<number> }>();
  const grades = new Map<string, { declared: number; recomputed: number }>();
  const grade = (g: string) => {
    let e = grades.get(g);
    if (!e) grades.set(g, (e = { declared: 0, recomputed: 0 }));
    return e;
  };
  for (const it of items) {
    verdicts[it.verdict]++;
    for (const f of it.findings) {
      findings[f.severity]++;
      let e = byCode.get(f.code);
      if (!e) byCode.set(f.code, (e = { findings: 0, forms: new Set() }));
      e.findings++;
      e.forms.add(it.order);
    }
    if (it.form.grade.declared) grade(it.form.grade.declared).declared++;
    grade(it.form.grade.computed).recomputed++;
  }
  return {
    rules,
    files: files.length,
    unreadable: files.filter((f) => f.error).length,
    withoutForm: files.filter((f) => !f.error && f.reports.every((r) => r.forms.length === 0)).length,
    forms: items.length,
    verdicts,
    findings,
    byCode: [...byCode]
      .map(([code, e]) => ({ code, title: reviewMeta(code).title, severity: reviewMeta(code).severity, findings: e.findings, forms: e.forms.size }))
      .sort((a, b) => ['error', 'warning', 'info'].indexOf(a.severity) - ['error', 'warning', 'info'].indexOf(b.severity) || b.findings - a.findings || (a.code < b.code ? -1 : 1)),
    byGrade: [...grades]
      .map(([g, e]) => ({ grade: g, ...e }))
      .sort((a, b) => gradeRank(a.grade) - gradeRank(b.grade) || (a.grade < b.grade ? -1 : a.grade > b.grade ? 1 : 0)),
    recomputedTotals: totalBands(items.map((it) => Number(it.form.total.recomputed))),
  };
}
