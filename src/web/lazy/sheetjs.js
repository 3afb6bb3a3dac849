/*
 * @e965/xlsx for the web worker, evaluated on first use instead of when the worker starts: the
 * worker bundle aliases '@e965/xlsx' here (webpack.config.js), and SheetJS's module body only
 * runs when an .xls/.et file is read. Exactly the names the reader imports are forwarded (written
 * as `require(…).name`, so webpack still drops the parts of SheetJS nobody uses); importing any
 * other name fails the build (exportsPresence: 'error'), never silently. Plain JavaScript, parsed
 * as 'javascript/auto' so that `require` inside a function is webpack's lazy module evaluation.
 */
export const CFB = new Proxy({}, { get: (_, k) => require('hefen-real-sheetjs').CFB[k] });

export function read(data, options) {
  return require('hefen-real-sheetjs').read(data, options);
}
