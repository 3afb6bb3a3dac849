/**
 * Moved to src/xlsx/snapshot.ts (issue 7). Kept only so that branches written against the old path
 * (the web checker's reader stand-in) still build; the integrator deletes it after the merge.
 */
export { workbookToSnapshots, worksheetToSnapshot } from '../xlsx/index.js';
