/**
 * The work the worker does, one function per request: check a file, and each download. Kept apart
 * from the worker's message loop so tests can run it in Node.
 */
import { findingsByForm, parseA1, parseRangeA1, verdictOf, type CellRange, type Finding, type RulePackName, type SheetReport, type SheetSnapshot, type Severity } from '../core/index.js';
import type { TemplateKind } from '../core/index.js';
import { checkSnapshots } from '../host/index.js';
import { annotateWorkbook, buildReviewWorkbook, patchWorkbook, readWorkbook, templateWorkbook, WorkbookReadError, type CellPatch, type ReviewedFile } from './modules.js';
import type { CheckedForm, FileCheck, SheetView, WriteItem } from './protocol.js';
import { contentHash, type ReviewMark } from './marks.js';

/** The sheet view never renders more than this, so a huge sheet stays fast. */
export const VIEW_MAX_ROWS = 400;
export const VIEW_MAX_COLS = 40;
/** Rows and columns shown around the form. */
const VIEW_MARGIN = 1;

/** The sheet's forms, each with its findings and verdict. */
export function formsOf(report: SheetReport): CheckedForm[] {
  const buckets = findingsByForm(report);
  return report.forms.map((form, i) => ({ form, findings: buckets[i], verdict: verdictOf(form, buckets[i]) }));
}

/** The displayed text of the forms' area (plus a margin and every flagged cell), capped. */
export function sheetView(snap: SheetSnapshot, report: SheetReport): SheetView {
  const areas = report.forms.map((f) => parseRangeA1(f.range));
  for (const f of report.findings) {
    try {
      const { row, col } = parseA1(f.cell);
      areas.push({ top: row, left: col, bottom: row, right: col });
    } catch {
      // ignore
    }
  }
  const width = snap.values.reduce((w, r) => Math.max(w, r.length), 0);
  const sheetBottom = snap.top + snap.values.length - 1;
  const sheetRight = snap.left + width - 1;
  let top = Math.max(snap.top, Math.min(...areas.map((a) => a.top)) - VIEW_MARGIN);
  let left = Math.max(snap.left, Math.min(...areas.map((a) => a.left)) - VIEW_MARGIN);
  let bottom = Math.min(sheetBottom, Math.max(...areas.map((a) => a.bottom)) + VIEW_MARGIN);
  let right = Math.min(sheetRight, Math.max(...areas.map((a) => a.right)) + VIEW_MARGIN);
  if (!areas.length) [top, left, bottom, right] = [snap.top, snap.left, sheetBottom, sheetRight];
  // Show from column A and row 1 when the form starts near them, as a spreadsheet would.
  if (top - snap.top < 3) top = snap.top;
  if (left - snap.left < 3) left = snap.left;
  const truncated = bottom - top + 1 > VIEW_MAX_ROWS || right - left + 1 > VIEW_MAX_COLS;
  bottom = Math.min(bottom, top + VIEW_MAX_ROWS - 1);
  right = Math.min(right, left + VIEW_MAX_COLS - 1);
  const text: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: string[] = [];
    for (let c = left; c <= right; c++) {
      const t = snap.text?.[r - snap.top]?.[c - snap.left];
      const v = snap.values[r - snap.top]?.[c - snap.left];
      const f = snap.formulas?.[r - snap.top]?.[c - snap.left];
      // A formula the file saved without its result shows as its formula, as Excel shows it before calculating.
      row.push(t !== undefined && t !== null && t !== '' ? String(t) : v !== null && v !== undefined ? String(v) : f ? f : '');
    }
    text.push(row);
  }
  const merges = snap.merges
    .filter((m) => m.bottom >= top && m.top <= bottom && m.right >= left && m.left <= right)
    .map((m) => ({ top: Math.max(m.top, top), left: Math.max(m.left, left), bottom: Math.min(m.bottom, bottom), right: Math.min(m.right, right) }));
  return { sheet: snap.sheet, top, left, text, merges, truncated };
}

/** Read a workbook and check every sheet with the hosts' one check loop. */
export async function checkFile(bytes: Uint8Array, rules: RulePackName): Promise<FileCheck> {
  const t0 = performance.now();
  const hash = contentHash(bytes);
  const read = await readWorkbook(bytes);
  const checked = checkSnapshots(read.sheets, { rules });
  const reports: SheetReport[] = [];
  const forms: CheckedForm[] = [];
  const views: Record<string, SheetView> = {};
  checked.reports.forEach((report, i) => {
    if (report.forms.length === 0) return;
    reports.push(report);
    forms.push(...formsOf(report));
    views[report.sheet] = sheetView(read.sheets[i], report);
  });
  const { sheetsWithoutForm } = checked;
  return {
    format: read.format,
    hash: await hash,
    forms,
    reports,
    sheetsWithoutForm,
    hiddenSheets: read.hiddenSheets,
    notes: read.notes,
    views,
    millis: performance.now() - t0,
  };
}

/** A Chinese sentence for any failure while reading a file. */
export function readFailure(e: unknown): string {
  if (e instanceof WorkbookReadError) return e.message;
  return '无法读取这个文件：文件已损坏或不是工作簿。';
}

// ---------------------------------------------------------------------------------------------
// Downloads: each one function, so swapping a stand-in changes one import in modules.ts.

export function reviewDownload(files: ReviewedFile[], rules: RulePackName): Promise<Uint8Array> {
  return buildReviewWorkbook(files, { rules });
}

export function templateDownload(kind: TemplateKind, rules: RulePackName): Promise<Uint8Array> {
  return templateWorkbook(kind, rules);
}

/**
 * The annotated copy: the original with each flagged cell of the chosen severities filled and
 * commented, plus the 核分审核意见 sheet (annotateWorkbook, the same copy as `hefen review
 * --annotate`); an .xls/.et comes back as .xlsx rebuilt from what the reader saw.
 */
export async function annotatedDownload(bytes: Uint8Array, findings: Finding[], severities: Severity[], marks: ReviewMark[] = []): Promise<Uint8Array> {
  const bySheet = new Map<string, SheetReport>();
  for (const f of findings) {
    if (!severities.includes(f.severity)) continue;
    const r = bySheet.get(f.sheet) ?? { sheet: f.sheet, forms: [], findings: [] };
    r.findings.push(f);
    bySheet.set(f.sheet, r);
  }
  // Marked findings get no fill or comment and are listed with their mark (the 复核标记 column).
  return annotateWorkbook(bytes, [...bySheet.values()], (await readWorkbook(bytes)).sheets, { marks });
}

/** The original with the ticked totals written (the core's write-back plan, chosen in the preview). */
export async function writeBackDownload(bytes: Uint8Array, writes: WriteItem[]): Promise<Uint8Array> {
  const patches: CellPatch[] = writes.map((w) => ({
    sheet: w.sheet,
    cell: w.cell,
    value: w.value,
    ...(w.numberFormat ? { numberFormat: w.numberFormat } : {}),
    keepFormula: false,
  }));
  return patchWorkbook(bytes, patches);
}
