/**
 * Workbook files with ExcelJS, for every host that holds the file itself (the command line, the
 * browser checker): an ExcelJS worksheet → snapshot, and template rendering. Reading files is
 * ./reader, writing into them ./patch. No node:* import
 * anywhere under src/xlsx, so a browser bundle can use all of it.
 */
export { worksheetToSnapshot, workbookToSnapshots } from './snapshot.js';
export { addTemplateSheet, templateWorkbook } from './template.js';
