/**
 * The one check loop every host runs: each sheet snapshot through the core, and which sheets hold
 * no form. The Excel host, the command line, the benchmark and the tests all call this, so "what a
 * check of a workbook is" is decided here once.
 */
import { checkSheet, type CheckOptions, type SheetReport, type SheetSnapshot } from '../core/index.js';

export interface CheckSnapshotsOptions extends CheckOptions {
  /** The scoring engine; tests substitute their own. */
  checkSheet?: (snapshot: SheetSnapshot, options: CheckOptions) => SheetReport;
}

export interface SnapshotsChecked {
  /** One report per snapshot, in the snapshots' order. */
  reports: SheetReport[];
  /** Sheets that were read but hold no form, in the same order. */
  sheetsWithoutForm: string[];
}

export function checkSnapshots(snapshots: readonly SheetSnapshot[], options: CheckSnapshotsOptions = {}): SnapshotsChecked {
  const { checkSheet: score = checkSheet, ...checkOptions } = options;
  const reports = snapshots.map((s) => score(s, checkOptions));
  return { reports, sheetsWithoutForm: reports.filter((r) => r.forms.length === 0).map((r) => r.sheet) };
}
