/**
 * The review workbook and annotated copies: one builder for the CLI, the pane and the browser
 * checker. No `node:*` here.
 */
export { buildReviewWorkbook, OVERVIEW_HEADERS, FINDING_HEADERS, VERDICT_FILL } from './workbook.js';
export type { ReviewWorkbookOptions } from './workbook.js';
export { verdictOf, formItems, worstFirst, summarize, findingsByForm, totalBands, VERDICTS } from './model.js';
export type { ReviewedFile, Verdict, FormItem, ReviewSummary, Band } from './model.js';
export { annotateWorkbook, noteText, AnnotateError, ANNOTATION_SHEET, ANNOTATION_FILL } from './annotate.js';
export { reviewMeta } from './meta.js';
