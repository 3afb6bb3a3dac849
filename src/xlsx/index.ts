/**
 * Workbook files with ExcelJS, for every host that holds the file itself (the command line, the
 * browser checker): .xlsx bytes ↔ snapshots, write-back, template rendering. No node:* import
 * anywhere under src/xlsx, so a browser bundle can use all of it.
 */
export { worksheetToSnapshot, workbookToSnapshots } from './snapshot.js';
export {
  WorkbookLoadError,
  loadWorkbookBytes,
  readSnapshotsFromBytes,
  snapshotsOf,
  workbookBytes,
  type LoadOptions,
  type WorkbookBytes,
  type WorkbookLoadFailure,
} from './workbook.js';
export { WriteTotalsError, applyWrites, type AppliedWrites, type WriteItem } from './write-back.js';
export { addTemplateSheet, templateWorkbook } from './template.js';
