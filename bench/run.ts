/**
 * `npm run bench`: the core's speed against issue 8's targets; prints figures, asserts nothing.
 * (The reader against the unzip floor, per file and format, is `npm run bench:reader`.)
 *
 * Core figures are warm: the same snapshot checked again and again in one process, median of N,
 * so they measure checking, not module loading or JIT warm-up. Timings depend on the machine's
 * load: compare figures from one run, and note `uptime` beside them.
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { checkSheet, type SheetSnapshot } from '../src/core/index.js';
import { checkSnapshots } from '../src/host/index.js';
import { readWorkbook } from '../src/xlsx/reader/index.js';
import { seed002 } from '../test/fixtures/seeds.js';
import { bigSnapshot, bigWorkbook } from './big-form.js';

/** Issue 8, “Speed”: the core alone ≤ 100 ms per 10,000 indicator rows warm, growing linearly to 100,000. */
const TARGET_PER_10K_MS = 100;

/**
 * The same figures before this work (commit df13150, measured on an idle machine), for comparison
 * with a run on an idle machine: the 10k → 100k step was ×14.5 where linear is ×10 (the root-cause
 * pass compared every finding with every other).
 */
const BEFORE_MS: Record<string, number> = { seed: 0.82, 1000: 21.8, 10000: 267, 100000: 3868 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, f: () => unknown): number {
  return timeEach(runs, () => f);
}

/** Median time of `f`, a new one from `setup` (not timed) for every run. */
function timeEach(runs: number, setup: (run: number) => () => unknown): number {
  setup(-1)(); // warm-up
  setup(-2)();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const f = setup(i);
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const ms = (x: number) => `${x.toLocaleString('en', { maximumFractionDigits: x < 10 ? 2 : x < 1000 ? 1 : 0 })} ms`;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

function row(label: string, before: number | undefined, now: number, target = '') {
  const b = before === undefined ? '' : `${ms(before)}  →  `;
  const speedup = before === undefined ? '' : `  before/now ×${(before / now).toFixed(1)}`;
  console.log(`${pad(label, 40)}${pad(b + ms(now), 26)}${pad(speedup, 20)}${target}`);
}

async function main() {
  const seedBytes = new Uint8Array(await seed002().xlsx.writeBuffer());
  const seedSnap = readWorkbook(seedBytes).sheets[0];

  console.log(`核分 core benchmark (warm, median of repeated runs; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  console.log(`targets (issue 8): the core alone ≤ ${TARGET_PER_10K_MS} ms per 10,000 indicator rows, warm; growing linearly to 100,000 rows`);
  console.log(`${pad('', 40)}before (df13150) → now`);

  row('core, seed 002 (14 indicators)', BEFORE_MS.seed, time(300, () => checkSheet(seedSnap)));

  const sizes = [1_000, 10_000, 100_000];
  const core: Record<number, number> = {};
  for (const n of sizes) {
    const snap: SheetSnapshot = bigSnapshot(n);
    core[n] = time(n >= 100_000 ? 5 : n >= 10_000 ? 15 : 41, () => checkSheet(snap));
    const limit = (n / 10_000) * TARGET_PER_10K_MS;
    const target = n >= 10_000 ? `target ≤ ${ms(limit)} → ${core[n] <= limit ? 'met' : 'NOT met'}` : '';
    row(`core, ${n.toLocaleString('en')}-row indicator sheet`, BEFORE_MS[n], core[n], target);
  }
  const per10k = core[100_000] / 10;
  row('core, per 10,000 rows at 100,000', BEFORE_MS[100000] / 10, per10k, `target ≤ ${ms(TARGET_PER_10K_MS)} → ${per10k <= TARGET_PER_10K_MS ? 'met' : 'NOT met'}`);
  const scale = core[100_000] / core[10_000];
  console.log(
    `${pad('scaling 10k → 100k rows', 40)}×${(BEFORE_MS[100000] / BEFORE_MS[10000]).toFixed(1)}  →  ×${scale.toFixed(1)}${' '.repeat(14)}linear is ×10.0 (1k → 10k now: ×${(core[10_000] / core[1_000]).toFixed(1)})`,
  );

  // The same sheets with texts the core has not seen (a salted copy per run): what a new file costs.
  console.log('new texts every run (the core remembers worked-out texts; here it cannot):');
  const fresh: Record<number, number> = {};
  for (const n of [10_000, 100_000]) {
    fresh[n] = timeEach(n >= 100_000 ? 5 : 15, (run) => {
      const snap = bigSnapshot(n, `#${run}`);
      return () => checkSheet(snap);
    });
    const limit = (n / 10_000) * TARGET_PER_10K_MS;
    row(`core, ${n.toLocaleString('en')} rows, new texts`, undefined, fresh[n], `target ≤ ${ms(limit)} → ${fresh[n] <= limit ? 'met' : 'NOT met'}`);
  }
  console.log(`${pad('scaling 10k → 100k rows, new texts', 40)}×${(fresh[100_000] / fresh[10_000]).toFixed(1)}`);

  // A file as `hefen check` takes it: the shared reader (src/xlsx/reader), then the core, per sheet.
  const bigBytes = new Uint8Array(await bigWorkbook(10_000).xlsx.writeBuffer());
  const runs = 9;
  const reads: number[] = [];
  const fulls: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    let t = performance.now();
    readWorkbook(bigBytes);
    const read = performance.now() - t;
    t = performance.now();
    checkSnapshots(readWorkbook(bigBytes).sheets, { rules: 'national' });
    const full = performance.now() - t;
    if (i > 0) {
      reads.push(read);
      fulls.push(full);
    }
  }
  const read = median(reads);
  const full = median(fulls);
  console.log(
    `file path, 10,000-row .xlsx: read ${ms(read)}, read + check ${ms(full)} → the core is ${(((full - read) / full) * 100).toFixed(0)}% of it (reader against its floor: npm run bench:reader)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
