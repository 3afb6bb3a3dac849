/**
 * What 插入空白模板, 写回合计, 撤销写回 and 采用建议值 need from the host, on top of Host. In Excel the
 * methods are src/excel/template.ts (insertTemplate) and src/excel/write-back.ts (the rest); tests
 * use fakes. The panels receive a HostExtras and never touch Office.js themselves.
 */
import type { Finding, PlannedWrite, SheetReport, TemplateOptions } from '../core/index.js';
import type { Host } from './host.js';

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

export interface HostExtras extends Host {
  /** 插入空白模板: a new sheet with the template; existing sheets untouched. */
  insertTemplate(options: TemplateOptions): Promise<InsertedTemplate>;
  /** The cells 写回合计 would change, from the last check's reports (no round trip). */
  previewWriteBack(reports: readonly SheetReport[]): PlannedWrite[];
  /** Write the ticked items (`overwrite: true`) in one round trip; undoable. */
  applyWriteBack(items: readonly PlannedWrite[]): Promise<WriteOutcome>;
  /** 撤销写回: take back the newest write-back or adopted suggestion. */
  undoWriteBack(): Promise<UndoOutcome>;
  /** How many writes can be taken back (kept in the workbook, so it survives reopening). */
  undoDepth(): Promise<number>;
  /** 采用建议值: write the rules' score into the finding's score cell; undoable. */
  applySuggestion(finding: Finding): Promise<WriteOutcome>;
}
