/**
 * What the page and its worker say to each other, and the checked-file data the page renders.
 * Plain structured-clone data only.
 */
import type { CellRange, Finding, FormReport, RulePackName, Severity } from '../core/index.js';
import type { TemplateKind } from '../core/index.js';
import type { ReviewMark } from '../host/index.js';

export type Verdict = '通过' | '需复核' | '退回修改';

/** What the sheet view shows: the displayed text of the form's area, merges inside it. */
export interface SheetView {
  sheet: string;
  /** Absolute 0-based row and column of text[0][0]. */
  top: number;
  left: number;
  text: string[][];
  merges: CellRange[];
  /** The area was cut to the view's row/column cap. */
  truncated: boolean;
}

export interface CheckedForm {
  form: FormReport;
  /** The findings that belong to this form, sorted as the core sorts them. */
  findings: Finding[];
  verdict: Verdict;
}

export interface FileCheck {
  format: string;
  /** The file's content hash (marks.ts contentHash): where its review marks are kept. */
  hash: string;
  forms: CheckedForm[];
  /** Every SheetReport with a form, as the core returned it (the review workbook's input). */
  reports: import('../core/index.js').SheetReport[];
  sheetsWithoutForm: string[];
  hiddenSheets: string[];
  notes: string[];
  views: Record<string, SheetView>;
  /** Time the worker spent reading and checking the file. */
  millis: number;
}

export interface WriteItem {
  sheet: string;
  cell: string;
  value: number | string;
  numberFormat: string | null;
  /** The cell holds a formula that the write replaces. */
  replacesFormula: boolean;
}

export type WorkerRequest =
  | { type: 'check'; name: string; bytes: ArrayBuffer; rules: RulePackName }
  | { type: 'review'; files: { file: string; format?: string; reports: import('../core/index.js').SheetReport[]; error?: string; marks?: ReviewMark[] }[]; rules: RulePackName }
  | { type: 'template'; kind: TemplateKind; rules: RulePackName }
  | { type: 'annotate'; bytes: ArrayBuffer; findings: Finding[]; severities: Severity[]; marks?: ReviewMark[] }
  | { type: 'write-back'; bytes: ArrayBuffer; writes: WriteItem[] };

export type WorkerResult<R extends WorkerRequest> = R extends { type: 'check' } ? FileCheck : Uint8Array;

export type WorkerMessage = { id: number; request: WorkerRequest };

export type WorkerReply =
  | { id: number; ok: true; result: FileCheck | Uint8Array }
  | { id: number; ok: false; message: string }
  /** Sent once when the worker has loaded its code (id 0: no request). */
  | { id: 0; ok: true; ready: true };
