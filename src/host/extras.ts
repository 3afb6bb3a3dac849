/**
 * What 插入空白模板, 写回合计, 撤销写回 and 采用建议值 need from the host, on top of Host. In Excel the
 * methods are src/excel/template.ts (insertTemplate) and src/excel/write-back.ts (the rest); tests
 * use fakes. The panels receive a HostExtras and never touch Office.js themselves.
 */
import type { Finding, PlannedWrite, SheetReport, TemplateOptions } from '../core/index.js';
import type { Host, Settings } from './host.js';

export type { PlannedWrite, TemplateOptions };

export type TemplateWarning = 'validation-unavailable' | 'page-layout-unavailable';

export interface InsertedTemplate {
  /** Name of the new worksheet (自评表, 自评表 (2), …). */
  sheet: string;
  /** The form's range on it. */
  range: string;
  kind: TemplateOptions['kind'];
  /** Parts the host could not add (older Excel); the form itself is complete. */
  warnings: TemplateWarning[];
}

export interface CellRef {
  sheet: string;
  cell: string;
}

export interface WriteOutcome {
  /**
   * 'written': the ticked cells were written (possibly none). 'stale': the target cells or an input
   * they were computed from changed since the preview's check: NOTHING was written, and `reports`
   * holds the new check so the pane can show a fresh preview.
   */
  status: 'written' | 'stale';
  /** With 'stale': the sheets as they are now, checked again. */
  reports?: SheetReport[];
  /** With 'stale': the cells found different from the check the preview came from. */
  changed?: CellRef[];
  /** Cells whose content changed. */
  written: CellRef[];
  /** Cells that already held the value. */
  unchanged: CellRef[];
  /** Cells left alone because they hold a formula nobody allowed to be overwritten. */
  skipped: (CellRef & { reason: 'formula' })[];
  /** How many writes 撤销写回 can now take back. */
  undoDepth: number;
}

export interface UndoOutcome {
  /** Cells put back exactly as they were. */
  restored: CellRef[];
  /** Cells edited by hand after the write (or on a deleted sheet): left as they are. */
  changedSince: CellRef[];
  undoDepth: number;
}

/** 忽略 / 已复核 on one finding, kept in the workbook. */
export interface ReviewMark {
  /** `${sheet}!${cell}!${code}`: the finding it marks (see reviewKey). */
  key: string;
  status: 'ignored' | 'reviewed';
  note?: string;
  /** ISO time of marking. */
  at: string;
}

export function reviewKey(f: Pick<Finding, 'sheet' | 'cell' | 'code'>): string {
  return `${f.sheet}!${f.cell}!${f.code}`;
}

/**
 * 导出审核汇总: the review workbook of `hefen review` and the browser checker (一览, 审核意见, 统计,
 * 无法读取) for the workbook open now. `bytes` is always the file; `delivery` says whether the host
 * already opened it ('opened': a new, unsaved workbook in Excel) or the pane should offer it as a
 * download named `fileName` ('file').
 */
export interface ReviewWorkbook {
  delivery: 'opened' | 'file';
  /** With 'file': the host cannot open workbooks ('unsupported') or was refused ('refused'). */
  reason?: 'unsupported' | 'refused';
  bytes: Uint8Array;
  fileName: string;
  /** Forms in it: one 一览 row each. */
  forms: number;
  /** Findings left out because the reviewer marked them 忽略 / 已复核. */
  marked: number;
}

export interface HostExtras extends Host {
  /** 插入空白模板: a new sheet with the template; existing sheets untouched. */
  insertTemplate(options: TemplateOptions): Promise<InsertedTemplate>;
  /**
   * The cells 写回合计 would change, from the last check's reports (no round trip). With `ticked`
   * (keys `${sheet}!${cell}`), the values are what the sheet will hold after writing exactly those
   * cells: untick the execution score and the total follows the score that stays.
   */
  previewWriteBack(reports: readonly SheetReport[], ticked?: ReadonlySet<string>): PlannedWrite[];
  /**
   * Write the ticked items (`overwrite: true`) in one round trip, undoably. `basis` is the check the
   * preview came from: the host re-reads the targets and every input they were computed from in the
   * same batch and writes nothing when any differs (status 'stale', with a new check).
   */
  applyWriteBack(items: readonly PlannedWrite[], basis: readonly SheetReport[]): Promise<WriteOutcome>;
  /** 撤销写回: take back the newest write-back or adopted suggestion. */
  undoWriteBack(): Promise<UndoOutcome>;
  /** How many writes can be taken back (kept in the workbook, so it survives reopening). */
  undoDepth(): Promise<number>;
  /** 采用建议值: write the rules' score into the finding's score cell; undoable. */
  applySuggestion(finding: Finding): Promise<WriteOutcome>;
  /** Review marks saved in the workbook (empty when none). */
  loadReviewMarks(): Promise<ReviewMark[]>;
  saveReviewMarks(marks: readonly ReviewMark[]): Promise<void>;
  /**
   * 导出审核意见: a new sheet listing every finding of the reports (cell links, declared → expected,
   * explanation, how to fix, review mark); returns its name. Removable with removeExport.
   */
  exportFindings(reports: readonly SheetReport[], marks: readonly ReviewMark[]): Promise<{ sheet: string }>;
  /** Remove the sheets exportFindings added; how many were removed. */
  removeExport(): Promise<number>;
  /**
   * 导出审核汇总: check every visible sheet as it is now (with `settings.rules`, no highlight
   * changed), leave out the marked findings, build the review workbook and open or return it.
   * Hosts that cannot build it leave it out.
   */
  exportReviewWorkbook?(settings: Settings, marks: readonly ReviewMark[]): Promise<ReviewWorkbook>;
}
