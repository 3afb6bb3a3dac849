/**
 * Where the web checker meets the shared workbook modules. Only the worker imports this file, so
 * ExcelJS (the review workbook and template builders) never reaches the page's own script.
 */
import { buildTemplate, type RulePackName, type TemplateKind } from '../core/index.js';
import { templateWorkbook as templateModel } from '../xlsx/index.js';

export { readWorkbook, WorkbookReadError, type WorkbookRead } from '../xlsx/reader/index.js';
export { patchWorkbook, type CellPatch } from '../xlsx/patch/index.js';
export { buildReviewWorkbook, type ReviewedFile } from '../xlsx/review/index.js';
export { annotateWorkbook } from '../xlsx/review/annotate.js';

/** A workbook holding one blank template sheet, as bytes. */
export async function templateWorkbook(kind: TemplateKind, rules: RulePackName): Promise<Uint8Array> {
  const { workbook } = templateModel(buildTemplate({ kind, rules }));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
