/**
 * The host interface: what every host (the Excel add-in, the browser checker, the command line, a
 * later WPS add-in) shares. No React, Office.js, Node or ExcelJS here.
 */
export * from './host.js';
export * from './extras.js';
export * from './check.js';
export * from './export-rows.js';
