/**
 * What a user interface needs from the program it runs in (Excel today; the browser checker and WPS
 * later): snapshots go into the core, highlights, clearing, writes and inserted templates come out.
 * The Excel implementation lives in src/excel/; tests and the screenshot harness use fakes. The task
 * pane's components receive a Host and never touch Office.js themselves.
 */
import type { AggregateCell, Finding, RulePackName, Severity, SheetReport } from '../core/index.js';

export type Locale = 'zh-CN' | 'en-US';

export interface Settings {
  rules: RulePackName;
  /** Severities that get a highlight in the sheet. */
  highlight: Severity[];
  /** Check every sheet instead of the active one. */
  wholeWorkbook: boolean;
  /**
   * Check again when the user switches to another sheet (single-sheet mode, hosts with change
   * events); off, switching only marks the results out of date.
   */
  recheckOnActivate: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: 'national',
  highlight: ['error', 'warning'],
  wholeWorkbook: false,
  recheckOnActivate: true,
};

export interface CheckResult {
  reports: SheetReport[];
  /** Number of cells highlighted in the sheet. */
  highlighted: number;
  /** Sheets that were read but hold no form. */
  sheetsWithoutForm: string[];
  /** Things the user should know although the check went through. */
  warnings?: HostWarning[];
}

/**
 * - merges-unavailable: merged areas could not be read (Excel without ExcelApi 1.13, or more than
 *   512 merged areas), so the sheet was read as if nothing were merged;
 * - record-not-saved: the highlights are in place but the record in the workbook settings could not
 *   be saved.
 */
export type HostWarning = 'merges-unavailable' | 'record-not-saved' | 'far-cells-skipped';

export type HostErrorCode = 'read-failed' | 'write-failed' | 'settings-failed' | 'select-failed';

/** An infrastructure failure in the host; `message` is Chinese, the pane localises by `code`. */
export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HostError';
  }
}

export interface WriteBackItem extends AggregateCell {
  sheet: string;
}

/**
 * What changed in the workbook since the last check, as the host reports it: a cell edit (the
 * address may be a range, "G14" or "A1:C3"), or another sheet becoming active.
 */
export type HostChange = { kind: 'edit'; sheet: string; address: string } | { kind: 'activate'; sheet: string };

export interface Host {
  locale: Locale;
  /** Office's theme, light or dark by its body background; light when unknown. */
  theme?: 'light' | 'dark';
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  /** Read the active sheet (or every sheet), run the core, replace 核分's highlights. */
  check(settings: Settings): Promise<CheckResult>;
  /** Activate the sheet and select the cell. */
  select(sheet: string, cell: string): Promise<void>;
  /** Remove every highlight 核分 added, in every sheet; returns how many were removed. */
  clearHighlights(): Promise<number>;
  /**
   * Listen to edits and sheet activation (Excel events where the API level allows, else nothing);
   * returns the function that stops listening. Hosts without events leave it out.
   */
  onChange?(listener: (change: HostChange) => void): () => void;
}

export type { Finding, SheetReport };
