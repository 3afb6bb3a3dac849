/**
 * What hefen.html is made of: the page script, the worker script (and ExcelJS inside it, for the
 * blank templates only: the review workbook is written without it), the
 * rest. Printed by the web e2e test; `node --import tsx test/e2e/web-size.ts [FILE]` prints it too.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const KiB = 1024;

export function webPageSize(file: string): { total: number; page: number; worker: number; exceljs: number; report: string } {
  const html = readFileSync(file, 'utf8');
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const workerStart = html.indexOf('<script type="text/plain" id="hefen-worker-source"');
  const workerEnd = html.indexOf('</script>', workerStart);
  const inlined = html.slice(workerStart, workerEnd);
  const worker = inlined.slice(inlined.indexOf('>') + 1);
  const workerJs = gunzipSync(Buffer.from(worker, 'base64')).toString('utf8');
  const pageStart = html.indexOf('<script>', workerEnd);
  const page = html.slice(pageStart, html.indexOf('</script>\n', pageStart));
  // ExcelJS's prebuilt, already minified bundle goes into the worker as it is (its UMD wrapper
  // assigns a global named ExcelJS).
  const exceljs = workerJs.includes('.ExcelJS=') ? bytes(readFileSync(resolve('node_modules/exceljs/dist/exceljs.bare.min.js'), 'utf8')) : 0;
  const total = statSync(file).size;
  const kib = (n: number) => `${(n / KiB).toFixed(0)} KiB`;
  const report = [
    `hefen.html：${kib(total)}（上限 1536 KiB）`,
    `  页面脚本（React、界面、核心）：${kib(bytes(page))}`,
    `  worker 脚本（读取器、核心、审核汇总写入器、空白模板所用的 ExcelJS）：gzip+base64 后 ${kib(bytes(worker))}，解压后 ${kib(bytes(workerJs))}，其中 ExcelJS 约 ${kib(exceljs)}`,
    `  其他（HTML、CSP、许可声明）：${kib(total - bytes(page) - bytes(worker))}`,
  ].join('\n');
  return { total, page: bytes(page), worker: bytes(worker), exceljs, report };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(webPageSize(process.argv[2] ?? 'dist/web/hefen.html').report);
}
