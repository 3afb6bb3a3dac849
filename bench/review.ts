/**
 * `node --import tsx bench/review.ts [--files N] [--jobs N]`: reviews N single-form workbooks
 * (variations of seed 002; default 1,000, `--files 10000` for the large run) into a review
 * workbook, and prints the total time, the time per file against a bare unzip of the same files,
 * and the peak RSS. Prints figures; asserts nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { inflateRawSync } from 'node:zlib';
import { runReview } from '../src/cli/review.js';
import { defaultJobs } from '../src/cli/review-pool.js';
import { seed002Variant } from '../test/review/forms.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Every entry of a zip inflated, nothing parsed: the floor under any .xlsx reader. */
function bareUnzip(buf: Buffer): number {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let bytes = 0;
  for (let n = 0; n < entries; n++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const local = buf.readUInt32LE(p + 42);
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    bytes += (method === 8 ? inflateRawSync(raw) : raw).length;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return bytes;
}

const sink = { write: () => true };

async function main() {
  const files = flag('--files', 1000);
  const jobs = flag('--jobs', defaultJobs());
  const dir = mkdtempSync(path.join(tmpdir(), 'hefen-bench-review-'));
  const input = path.join(dir, '来文');
  // 60 distinct variants written round-robin into folders of 100 (generation is not timed).
  const distinct = await Promise.all(Array.from({ length: 60 }, async (_, i) => Buffer.from(await seed002Variant(i).xlsx.writeBuffer())));
  for (let i = 0; i < files; i++) {
    const sub = path.join(input, `批次${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `自评表${String(i).padStart(5, '0')}.xlsx`), distinct[i % distinct.length]);
  }
  console.log(`核分 review benchmark: ${files.toLocaleString('en')} single-form files (seed 002 variations), ${jobs === 1 ? 'in-process (--jobs 1)' : `${jobs} worker threads`}`);

  let unzip = performance.now();
  for (let i = 0; i < files; i++) {
    bareUnzip(readFileSync(path.join(input, `批次${String(Math.floor(i / 100)).padStart(3, '0')}`, `自评表${String(i).padStart(5, '0')}.xlsx`)));
  }
  unzip = performance.now() - unzip;

  const out = path.join(dir, '审核汇总.xlsx');
  const t = performance.now();
  const phases: Record<string, number> = {};
  const rssAt: Record<string, number> = {};
  const code = await runReview([input, '--out', out, '--jobs', String(jobs)], {
    out: sink,
    err: sink,
    timings: (p, ms) => {
      phases[p] = ms;
      rssAt[p] = process.memoryUsage().rss / 1024 / 1024;
    },
  });
  const total = performance.now() - t;
  const rss = process.resourceUsage().maxRSS / 1024;

  const perFile = total / files;
  console.log(`total, review workbook included: ${(total / 1000).toFixed(2)} s   target ≤ ${files <= 1000 ? 10 : (files / 100).toFixed(0)} s   (exit ${code})`);
  console.log(`per file: ${perFile.toFixed(2)} ms wall vs bare unzip (read + inflate every entry, one thread) ${(unzip / files).toFixed(2)} ms → ×${(perFile / (unzip / files)).toFixed(1)}`);
  console.log(`of which: files read + checked ${(phases.files / 1000).toFixed(2)} s, review workbook built ${(phases.workbook / 1000).toFixed(2)} s (${(readFileSync(out).length / 1024).toFixed(0)} KiB)`);
  console.log(`peak RSS: ${rss.toFixed(0)} MiB (RSS after the files ${rssAt.files.toFixed(0)} MiB, after the review workbook ${rssAt.workbook.toFixed(0)} MiB)`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
