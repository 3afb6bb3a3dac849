/**
 * Reads bounded by bytes and by the form's block, against the fake host, which measures every
 * response in bytes of JSON and refuses one over 5 MB as Excel on the web does. Each case is seed
 * 002 (the real engine) with something beside it that a real workbook may carry; the findings must
 * be those of seed 002 alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createExcelHost } from '../../src/excel/host.js';
import { DEFAULT_LIMITS, MAX_BLOCK_CELLS, readSheets, type ReadLimits, type ReadResult } from '../../src/excel/read.js';
import { DEFAULT_SETTINGS, type CheckResult } from '../../src/host/index.js';
import { fakeSheet, installFakeOffice, PAYLOAD_LIMIT_BYTES, type FakeCell, type FakeOffice, type FakeSheet } from '../support/fake-office.js';
import { calls, seed002Sheet, workbookWith } from './helpers.js';
import { toA1 } from '../../src/core/snapshot.js';

let fake: FakeOffice | null = null;
afterEach(() => {
  fake?.uninstall();
  fake = null;
});

function install(...sheets: FakeSheet[]): FakeOffice {
  fake?.uninstall();
  fake = installFakeOffice(globalThis, workbookWith(...sheets));
  return fake;
}

/** What a check reports, without what depends on how it was read. */
function findings(r: CheckResult): string[] {
  return r.reports.flatMap((s) => s.findings.map((f) => JSON.stringify(f)));
}

async function check(): Promise<CheckResult> {
  return createExcelHost().check(DEFAULT_SETTINGS);
}

async function baseline(): Promise<string[]> {
  install(seed002Sheet());
  return findings(await check());
}

/** The read alone (no highlights), with the default limits. */
async function read(limits: Partial<ReadLimits> = {}): Promise<ReadResult> {
  return Excel.run(async (context) =>
    readSheets(context, [context.workbook.worksheets.getActiveWorksheet()], [], { ...DEFAULT_LIMITS, ...limits, merges: true }),
  );
}

const NOTE = '说明'.repeat(750); // 1,500 characters, 4,500 bytes in UTF-8

/** `count` notes in columns J:Q (8 columns), from row `top` (1-based) down. */
function withNotes(count: number, top = 1): (cells: Record<string, FakeCell>) => void {
  return (cells) => {
    for (let i = 0; i < count; i++) cells[toA1(top - 1 + Math.floor(i / 8), 9 + (i % 8))] = { value: NOTE };
  };
}

describe('a normal form', () => {
  it('is one read sync, a few kilobytes', async () => {
    const f = install(seed002Sheet());
    const r = await read();
    expect(f.syncCount).toBe(1);
    expect(f.payloads[0].response).toBeLessThan(20_000);
    expect(r.sheets[0].skipped).toEqual([]);
    expect(r.sheets[0].snapshot).toMatchObject({ top: 0, left: 0 });
    install(seed002Sheet());
    expect((await check()).warnings ?? []).not.toContain('far-cells-skipped');
  });
});

describe('2,720 notes of 1,500 characters beside a form', () => {
  it('keeps every response Excel sends under the limit (well under: 2 MB), and the findings', async () => {
    const expected = await baseline();
    const f = install(seed002Sheet(withNotes(2720)));
    const r = await check();
    expect(findings(r)).toEqual(expected);

    const responses = f.payloads.map((p) => p.response);
    // the blind first window (A1:AF312) would be 33 MB: Excel refuses it, and that sync is asked
    // again without the window; nothing after it is refused
    expect(responses[0]).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    for (const n of responses.slice(1)) expect(n).toBeLessThan(2_500_000);
    const total = responses.slice(1).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2720 * 4500 * 3); // values, text and formulas of every note
    expect(f.syncCount).toBe(23); // refused; without the window; 19 chunks of notes; the highlights
  });

  it('the next check of that sheet skips the window Excel refused; once the notes are gone, one sync again', async () => {
    const expected = await baseline();
    const f = install(seed002Sheet(withNotes(2720)));
    await check();
    f.reset();
    expect(findings(await check())).toEqual(expected);
    expect(f.payloads.every((p) => p.response < 2_500_000)).toBe(true);
    const second = f.syncCount;
    expect(second).toBe(21); // without the window; 18 chunks of notes, sized from the last check; the highlights

    for (let i = 0; i < 2720; i++) delete f.workbook.sheets[0].cells[toA1(Math.floor(i / 8), 9 + (i % 8))];
    f.reset();
    expect(findings(await check())).toEqual(expected);
    expect(f.syncCount).toBe(3); // without the window, the form in one chunk; highlights
    f.reset();
    expect(findings(await check())).toEqual(expected);
    expect(f.syncCount).toBe(2); // the window again: one read sync
  });

  it('notes below the window, behind an empty gap: the chunk Excel refuses is asked again in smaller pieces', async () => {
    const expected = await baseline();
    const f = install(seed002Sheet(withNotes(2720, 320)));
    const r = await check();
    expect(findings(r)).toEqual(expected);
    const refused = f.payloads.filter((p) => p.response > PAYLOAD_LIMIT_BYTES);
    expect(refused.length).toBe(1);
    for (const p of f.payloads) if (p.response <= PAYLOAD_LIMIT_BYTES) expect(p.response).toBeLessThan(4_000_000);
    expect(f.payloads[0].response).toBeLessThan(200_000); // the first window: the form and empty cells
    // the next check starts its chunks at the bytes per cell the notes came in at: nothing refused
    f.reset();
    expect(findings(await check())).toEqual(expected);
    expect(f.payloads.every((p) => p.response < 2_500_000)).toBe(true);
  });
});

describe('a used range far larger than the form', () => {
  it('a stray value at A200000: two read syncs, the stray not read, same findings', async () => {
    const expected = await baseline();
    const f = install(seed002Sheet((c) => void (c.A200000 = { value: 'x' })));
    const r = await check();
    expect(findings(r)).toEqual(expected);
    expect(f.syncCount).toBe(3); // window; where is the rest (one question); highlights
    expect(r.warnings).toContain('far-cells-skipped');

    install(seed002Sheet((c) => void (c.A200000 = { value: 'x' })));
    const read1 = await read();
    expect(fake!.syncCount).toBe(2);
    expect(calls(fake!.log, 'getUsedRangeOrNullObject')).toEqual(['Range.getUsedRangeOrNullObject(true)']);
    const s = read1.sheets[0];
    expect(s.skipped).toEqual([{ top: 199_999, left: 0, bottom: 199_999, right: 0 }]);
    expect(s.snapshot.values.length).toBeLessThan(320);
    for (const p of fake!.payloads) expect(p.response).toBeLessThan(100_000);
  });

  it('a value at XFD1048576: two read syncs, a snapshot of the form, bounded time', async () => {
    const expected = await baseline();
    const f = install(seed002Sheet((c) => void (c.XFD1048576 = { value: 1 })));
    const started = Date.now();
    const r = await check();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(findings(r)).toEqual(expected);
    expect(f.syncCount).toBe(3);
    expect(r.warnings).toContain('far-cells-skipped');

    install(seed002Sheet((c) => void (c.XFD1048576 = { value: 1 })));
    const s = (await read()).sheets[0];
    expect(s.skipped).toEqual([{ top: 1_048_575, left: 16_383, bottom: 1_048_575, right: 16_383 }]);
    const cells = s.snapshot.values.length * Math.max(...s.snapshot.values.map((row) => row.length));
    expect(cells).toBeLessThanOrEqual(10_000);
  });

  it('keeps what continues the form beyond the first window, and skips only what is far', async () => {
    const f = install(
      seed002Sheet((c) => {
        for (let r = 300; r <= 340; r++) c[`A${r}`] = { value: `附注 ${r}` };
        c.B100000 = { value: 'x' };
        c.ZZ5000 = { value: '远处' };
      }),
    );
    const s = (await read()).sheets[0];
    // rows 1–340 (the notes run on from inside the window), columns A:H; B100000 and ZZ5000 would
    // make the block millions of cells
    expect(s.snapshot).toMatchObject({ top: 0, left: 0 });
    expect(s.snapshot.values).toHaveLength(340);
    expect(s.snapshot.values[339][0]).toBe('附注 340');
    expect(s.skipped).toEqual(
      expect.arrayContaining([
        { top: 99_999, left: 1, bottom: 99_999, right: 1 },
        { top: 4999, left: 701, bottom: 4999, right: 701 },
      ]),
    );
    expect(f.syncCount).toBe(5); // window; where is the rest (three rounds of slices); rows 313–340
  });

  it('a second form 370 rows below the first (past the window) is still read when a stray value makes the used range huge', async () => {
    const twice = (c: Record<string, FakeCell>) => {
      for (const [a1, cell] of Object.entries(c)) {
        const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
        c[`${m[1]}${Number(m[2]) + 400}`] = { ...cell };
      }
    };
    const sheet = seed002Sheet(twice);
    sheet.merges = [...sheet.merges, ...sheet.merges.map((m) => m.replace(/\d+/g, (n) => String(Number(n) + 400)))];
    install(sheet);
    const expected = await check();
    expect(expected.reports[0].forms).toHaveLength(2);

    const stray = seed002Sheet((c) => {
      twice(c);
      c.A200000 = { value: 'x' };
    });
    stray.merges = sheet.merges;
    install(stray);
    const r = await check();
    expect(findings(r)).toEqual(findings(expected));
    expect(r.reports[0].forms).toHaveLength(2);
  });

  it('reads at most maxBlockCells cells of the block around the form (default a million): its first rows', async () => {
    // a chain of cells, each within 90 rows and 20 columns of the last: one block A1:ATQ5401
    const sheet = fakeSheet('大表', []);
    for (let k = 0; k <= 60; k++) sheet.cells[toA1(k * 90, k * 20)] = { value: k };
    const f = install(sheet);
    const s = (await read({ maxBlockCells: 100_000 })).sheets[0];
    expect(s.snapshot.values).toHaveLength(83); // 100,000 / 1,201 columns
    expect(s.snapshot.values[0][0]).toBe(0);
    expect(s.skipped).toEqual([{ top: 83, left: 0, bottom: 5400, right: 1200 }]);
    for (const p of f.payloads) expect(p.response).toBeLessThan(2_500_000);
    expect(MAX_BLOCK_CELLS).toBe(1_000_000);
  });
});

describe('the whole workbook', () => {
  it('one sheet with long notes: both are read, each response after the refused window under 2.5 MB', async () => {
    const expected = await baseline();
    const f = install(seed002Sheet(withNotes(2720)), { ...seed002Sheet(), name: '表二', id: 'two' });
    const r = await createExcelHost().check({ ...DEFAULT_SETTINGS, wholeWorkbook: true });
    expect(r.reports.map((s) => s.sheet)).toEqual(['Sheet1', '表二']);
    expect(findings({ ...r, reports: [r.reports[0]] })).toEqual(expected);
    expect(findings({ ...r, reports: [r.reports[1]] })).toEqual(expected.map((j) => j.replaceAll('"Sheet1"', '"表二"')));
    const responses = f.payloads.map((p) => p.response);
    expect(responses.filter((n) => n > PAYLOAD_LIMIT_BYTES)).toHaveLength(1); // sync 2, the first window of both
    for (const n of responses.slice(2)) expect(n).toBeLessThan(2_500_000);
  });
});
