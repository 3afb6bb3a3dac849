/**
 * `npm run bench`: prints timings; asserts nothing. Figures go into README and the closing note.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { checkSheet } from '../src/core/index.js';
import { checkFiles } from '../src/cli/main.js';
import { workbookToSnapshots } from '../src/xlsx/index.js';
import { seed002 } from '../test/fixtures/seeds.js';
import { bigSnapshot, bigWorkbook } from './big-form.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(runs: number, f: () => unknown | Promise<unknown>): Promise<number> {
  await f(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'hefen-bench-'));
  const seedFile = path.join(dir, 'seed002.xlsx');
  await seed002().xlsx.writeFile(seedFile);
  const seedWb = new ExcelJS.Workbook();
  await seedWb.xlsx.readFile(seedFile);
  const seedSnap = workbookToSnapshots(seedWb)[0];

  console.log('核分 benchmark (median of repeated runs)');
  const typical = await time(300, () => checkSheet(seedSnap));
  console.log(`core, one typical form (seed 002, 14 indicators): ${ms(typical)}   target ≤ 5 ms`);

  const sizes = [1_000, 10_000, 100_000];
  const core: Record<number, number> = {};
  for (const n of sizes) {
    const snap = bigSnapshot(n);
    core[n] = await time(n >= 100_000 ? 5 : 15, () => checkSheet(snap));
    console.log(`core, ${n.toLocaleString('en')}-row indicator sheet: ${ms(core[n])}${n === 10_000 ? '   target ≤ 300 ms' : ''}`);
  }
  console.log(`scaling 1k → 10k rows: ×${(core[10_000] / core[1_000]).toFixed(1)};  10k → 100k rows: ×${(core[100_000] / core[10_000]).toFixed(1)}   target ≤ ×12`);

  const bigFile = path.join(dir, 'big10k.xlsx');
  await bigWorkbook(10_000).xlsx.writeFile(bigFile);
  for (const [label, file, runs] of [
    ['seed 002', seedFile, 41],
    ['10,000-row sheet', bigFile, 7],
  ] as const) {
    // The baseline reads the file the way the CLI does (bytes, then ExcelJS), so only checking
    // differs; the two alternate so that both see the same machine.
    const loadOnly = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    };
    const checkAll = () => checkFiles([file], 'national');
    await loadOnly();
    await checkAll();
    const loads: number[] = [];
    const fulls: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await loadOnly();
      loads.push(performance.now() - t);
      t = performance.now();
      await checkAll();
      fulls.push(performance.now() - t);
    }
    const load = median(loads);
    const full = median(fulls);
    console.log(
      `CLI per file, ${label}: exceljs load ${ms(load)}, load + snapshot + check ${ms(full)} → checking adds ${(((full - load) / load) * 100).toFixed(0)}%   target ≤ 25%`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
