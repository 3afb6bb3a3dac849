/*
 * ExcelJS for the web worker, evaluated on first use instead of when the worker starts: the
 * worker bundle aliases 'exceljs' here (webpack.config.js). ExcelJS's prebuilt bundle runs its
 * whole module graph when evaluated; only the blank templates and the annotated copy of an
 * .xls/.et need it. The default export forwards every property to the real module. Plain
 * JavaScript, parsed as 'javascript/auto' so that `require` inside a function is webpack's lazy
 * module evaluation.
 */
export default new Proxy({}, { get: (_, k) => require('hefen-real-exceljs')[k], has: (_, k) => k in require('hefen-real-exceljs') });
