/**
 * Reader speed against the floor: per file, a bare unzip of every entry (fflate unzipSync), the
 * fast reader (readWorkbook) and the old ExcelJS path (load + workbookToSnapshots), run
 * alternately in this one process, median of N. Also .xls read time. Prints a table.
 *
 *   node --import tsx bench/reader.ts [N]        (add --expose-gc to collect before each run)
 *
 * The floor and the reader alternate on their own; the ExcelJS path and the .xls reads run after
 * them, so the garbage they leave does not land in the reader's figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { read as sheetjsRead, write as sheetjsWrite } from '@e965/xlsx';
import { unzipSync } from 'fflate';
import { workbookToSnapshots } from '../src/xlsx/index.js';
import { readWorkbook } from '../src/xlsx/reader/index.js';

const N = Number(process.argv[2] ?? 15);
const root = join(import.meta.dirname, '..');

async function build(sheets: number, rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (let s = 0; s < sheets; s++) {
    const ws = wb.addWorksheet(`表${s + 1}`);
    ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    for (let r = 2; r <= rows + 1; r++) {
      ws.addRow([
        r % 20 === 2 ? '产出指标' : null,
        r % 5 === 2 ? '数量指标' : null,
        `指标${r}`,
        `≥${r % 9}次`,
        (r % 97) / 4,
        5,
        { formula: `F${r}*E${r}/24`, result: (5 * ((r % 97) / 4)) / 24 },
        r % 3 ? '按计划完成' : null,
      ]);
      ws.getCell(r, 7).numFmt = '0.00';
      ws.getCell(r, 5).numFmt = '0%';
    }
    ws.mergeCells(`A2:A21`);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function toXls(xlsx: Uint8Array): Uint8Array {
  const wb = sheetjsRead(xlsx, { type: 'array', cellFormula: true, cellNF: true });
  return new Uint8Array(sheetjsWrite(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Wall-clock and CPU milliseconds of one run (CPU: this process, GC threads included). Small
 * files are run `reps` times per sample so one sample is long enough for the clock.
 */
async function time(fn: () => unknown | Promise<unknown>, reps = 1): Promise<[number, number]> {
  gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await fn();
  const c = process.cpuUsage(c0);
  return [(performance.now() - t0) / reps, (c.user + c.system) / 1000 / reps];
}

async function exceljsPath(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbookToSnapshots(wb);
}

async function main() {
  const seedName = readdirSync(join(root, 'examples')).find((f) => f.startsWith('seed-002-'))!;
  const cases: [string, Uint8Array][] = [
    [`seed (${seedName})`, new Uint8Array(readFileSync(join(root, 'examples', seedName)))],
    ['20 sheets × 500 rows', await build(20, 500)],
    ['10,000 rows, one sheet', await build(1, 10_000)],
  ];
  console.log(`median of ${N} alternating runs, one process (warm), wall-clock ms (small files: mean of a batch per sample); CPU × floor from process.cpuUsage${gc ? '' : ' (run with --expose-gc for steadier figures)'}\n`);
  const rows: string[][] = [['file', 'size KB', 'unzip floor', 'readWorkbook', '× floor', 'CPU × floor', 'target', 'ExcelJS path', '× floor', '.xls read']];
  const targets = ['≤ 1.5×', '≤ 4×', '≤ 4×'];
  for (const [k, [name, bytes]] of cases.entries()) {
    const xls = toXls(bytes);
    const floor: [number, number][] = [];
    const fast: [number, number][] = [];
    const old: [number, number][] = [];
    const legacy: [number, number][] = [];
    // Warm-up: JIT and caches for all paths.
    for (let i = 0; i < 3; i++) {
      unzipSync(bytes);
      readWorkbook(bytes);
      readWorkbook(xls);
    }
    await exceljsPath(bytes);
    const reps = Math.max(1, Math.ceil(20 / (await time(() => readWorkbook(bytes)))[0]));
    for (let i = 0; i < N; i++) {
      floor.push(await time(() => unzipSync(bytes), reps));
      fast.push(await time(() => readWorkbook(bytes), reps));
    }
    for (let i = 0; i < N; i++) legacy.push(await time(() => readWorkbook(xls), reps));
    for (let i = 0; i < Math.max(3, Math.ceil(N / 3)); i++) old.push(await time(() => exceljsPath(bytes)));
    const wall = (xs: [number, number][]) => median(xs.map((x) => x[0]));
    const cpu = (xs: [number, number][]) => median(xs.map((x) => x[1]));
    const f = wall(floor);
    const r = wall(fast);
    const o = wall(old);
    rows.push([
      name,
      (bytes.length / 1024).toFixed(0),
      f.toFixed(1),
      r.toFixed(1),
      `${(r / f).toFixed(2)}×`,
      `${(cpu(fast) / Math.max(cpu(floor), 0.001)).toFixed(2)}×`,
      targets[k],
      o.toFixed(1),
      `${(o / f).toFixed(1)}×`,
      wall(legacy).toFixed(1),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  '));
}

await main();
