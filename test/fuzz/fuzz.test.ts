/**
 * Seeded fuzz test (issue 8): mutants of the example workbooks and of test fixtures, at the package
 * level (sheet XML, shared strings, the zip) and at the snapshot level. For each: readWorkbook
 * returns or throws WorkbookReadError, checkSheet never throws, every finding's cell is inside the
 * sheet, no NaN/Infinity/undefined in any figure or message, and the file's time is bounded.
 * Then the CLI's main() on a small mixed batch with --json: exit 0/1/2, valid JSON, one entry per file.
 *
 * Replay one case: FUZZ_SEED=<seed> FUZZ_CASES=<n> npx vitest run test/fuzz/fuzz.test.ts
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSheet, type SheetSnapshot } from '../../src/core/index.js';
import { readWorkbook, WorkbookReadError } from '../../src/xlsx/reader/index.js';
import { main } from '../../src/cli/main.js';
import { provinces } from '../fixtures/provinces.js';
import { variants } from '../fixtures/variants.js';
import { xlsxBytes } from '../xlsx/support.js';
import { mutatePackage, mutateSnapshot, prng } from './mutate.js';
import { insanities } from './sane.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const PACKAGE_CASES = Number(process.env.FUZZ_CASES ?? 200);
const SNAPSHOT_CASES = Math.round(PACKAGE_CASES / 2);
const CLI_FILES = 12;
/** Per file, reading and checking together; real forms take milliseconds, the old hangs took 11–100 s. */
const MAX_FILE_MS = 5_000;

const root = path.join(import.meta.dirname, '..', '..');
const sources: { name: string; bytes: Uint8Array }[] = [];

beforeAll(async () => {
  for (const f of readdirSync(path.join(root, 'examples')).filter((n) => n.endsWith('.xlsx')).sort()) {
    sources.push({ name: f, bytes: new Uint8Array(readFileSync(path.join(root, 'examples', f))) });
  }
  sources.push({ name: 'fixture:blankHierarchy', bytes: await xlsxBytes(variants.blankHierarchy()) });
  sources.push({ name: 'fixture:yunnanSplitTarget', bytes: await xlsxBytes(provinces.yunnanSplitTarget()) });
}, 60_000);

interface Failure {
  seed: string;
  kind: string;
  problem: string;
}

/** Read (when bytes) and check one input; the problems it shows, [] when none. */
function exercise(input: Uint8Array | SheetSnapshot[]): string[] {
  const problems: string[] = [];
  const t0 = performance.now();
  let sheets: SheetSnapshot[];
  if (input instanceof Uint8Array) {
    try {
      sheets = readWorkbook(input).sheets;
    } catch (e) {
      if (e instanceof WorkbookReadError && typeof e.message === 'string' && e.message.length > 0) return [];
      return [`readWorkbook threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`];
    }
  } else sheets = input;
  for (const snap of sheets) {
    try {
      const report = checkSheet(snap);
      for (const x of insanities(report, snap)) problems.push(`${snap.sheet}: ${x.why} at ${x.path} = ${JSON.stringify(x.value)}`);
    } catch (e) {
      problems.push(`checkSheet threw on ${snap.sheet}: ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 3).join(' | ') : String(e)}`);
    }
  }
  const ms = performance.now() - t0;
  if (ms > MAX_FILE_MS) problems.push(`took ${ms.toFixed(0)} ms`);
  return problems;
}

describe(`fuzz (seed ${SEED})`, () => {
  it(`${PACKAGE_CASES} package-level mutants read or fail cleanly, and check sanely`, () => {
    const failures: Failure[] = [];
    for (let i = 0; i < PACKAGE_CASES; i++) {
      const r = prng(SEED + i);
      const src = sources[i % sources.length];
      const { kind, bytes } = mutatePackage(src.bytes, r);
      for (const problem of exercise(bytes)) failures.push({ seed: `${SEED + i} ${src.name}`, kind, problem });
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it(`${SNAPSHOT_CASES} snapshot-level mutants check sanely`, () => {
    const base = sources.flatMap((s) => readWorkbook(s.bytes).sheets);
    const failures: Failure[] = [];
    for (let i = 0; i < SNAPSHOT_CASES; i++) {
      const r = prng(SEED * 3 + i);
      const { kind, snap } = mutateSnapshot(base[i % base.length], r);
      for (const problem of exercise([snap])) failures.push({ seed: `${SEED * 3 + i} ${snap.sheet}`, kind, problem });
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it(`the CLI checks a mixed batch of ${CLI_FILES} mutants with --json: exit 0/1/2, one JSON entry per file`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hefen-fuzz-'));
    const files: string[] = [];
    for (let i = 0; i < CLI_FILES; i++) {
      const r = prng(SEED * 7 + i);
      const src = sources[i % sources.length];
      // Every third file unmutated, so the batch mixes readable forms, broken files and odd content.
      const bytes = i % 3 === 0 ? src.bytes : mutatePackage(src.bytes, r).bytes;
      const file = path.join(dir, `${i}-${src.name.replace(/[^\w.-]/g, '_')}${src.name.endsWith('.xlsx') ? '' : '.xlsx'}`);
      writeFileSync(file, bytes);
      files.push(file);
    }
    let out = '';
    const io = { out: { write: (s: string) => (out += s) }, err: { write: () => true } };
    const code = await main(['check', ...files, '--json'], io);
    expect([0, 1, 2]).toContain(code);
    const json = JSON.parse(out) as { files: { file: string }[] };
    expect(json.files.map((f) => f.file)).toEqual(files);
    expect(out).not.toMatch(/\bNaN\b|Infinity/);
  }, 120_000);
});
