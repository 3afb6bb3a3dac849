/**
 * THE one place where the web checker meets the workbook modules of other parts. Today these are
 * stand-ins (src/web/standins/); the integrator swaps each line for the real module and deletes
 * the stand-in. Only the worker imports this file, so ExcelJS never reaches the page's own script.
 *
 *   readWorkbook, WorkbookReadError  → src/xlsx/reader/index.ts   (real one is synchronous; callers await)
 *   patchWorkbook, CellPatch         → src/xlsx/patch/index.ts    (real one is synchronous; callers await)
 *   buildReviewWorkbook, verdictOf   → src/xlsx/review/index.ts
 *   templateWorkbook                 → src/xlsx/ template writer of the host part (addTemplateSheet)
 */
export { readWorkbook, WorkbookReadError, type WorkbookRead } from './standins/reader.js';
export { patchWorkbook, type CellPatch } from './standins/patch.js';
export { buildReviewWorkbook, verdictOf, type ReviewedFile } from './standins/review.js';
export { templateWorkbook } from './standins/template.js';
