/**
 * 写回合计 / 撤销写回 / 采用建议值 through the Excel adapter, the fake Office and the real engine.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExcelHost } from '../../src/excel/host.js';
import { UNDO_KEY, applySuggestion, applyWriteBack, NoSuggestionError, previewWriteBack, undoDepth, undoWriteBack } from '../../src/excel/write-back.js';
import type { Finding } from '../../src/core/report.js';
import { DEFAULT_SETTINGS, HostError } from '../../src/host/index.js';
import { fakeWorkbook, installFakeOffice, type FakeCell, type FakeOffice, type FakeOfficeOptions, type FakeSheet, type FakeWorkbook } from '../support/fake-office.js';
import { seed002Sheet } from './helpers.js';


const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

let fake: FakeOffice;
async function open(wb: FakeWorkbook, options: FakeOfficeOptions = {}): Promise<FakeOffice> {
  fake?.uninstall();
  fake = installFakeOffice(globalThis, wb, options);
  return fake;
}
afterEach(() => fake?.uninstall());

async function check() {
  const r = await createExcelHost().check({ ...DEFAULT_SETTINGS, highlight: [] });
  return r.reports;
}

const sheet = () => fake.workbook.sheets[0];
async function writeBackAll() {
  const reports = await check();
  return applyWriteBack(previewWriteBack(reports), reports);
}
/** Every cell except the given ones, for "nothing else changed". */
const others = (s: FakeSheet, except: string[]) => Object.fromEntries(Object.entries(s.cells).filter(([a]) => !except.includes(a)));

describe('写回合计 on seed 002', () => {
  beforeEach(async () => {
    await open(fakeWorkbook([seed002Sheet()]));
  });

  it('previews the execution score and the total, from the check, without a round trip', async () => {
    const reports = await check();
    fake.reset();
    const plan = previewWriteBack(reports);
    expect(fake.syncCount).toBe(0);
    expect(plan.map((p) => `${p.cell}: ${p.displayOld} → ${p.display} ${p.overwrite ? '☑' : '☐'}`)).toEqual(['H5: 7 → 4.66 ☑', 'G27: 94.5 → 92.16 ☑']);
    expect(plan.map((p) => p.role)).toEqual(['execution-score', 'total-score']);
  });

  it('writes in one sync, only those cells, records an exact undo entry, and the re-check is clean', async () => {
    const before = clone(sheet().cells);
    const reports = await check();
    const plan = previewWriteBack(reports);
    fake.reset();
    const out = await applyWriteBack(plan, reports);
    expect(fake.syncCount).toBe(2); // read the sheet again and check it; write
    expect(out.status).toBe('written');
    expect(out).toMatchObject({ written: [{ sheet: 'Sheet1', cell: 'H5' }, { sheet: 'Sheet1', cell: 'G27' }], unchanged: [], skipped: [], undoDepth: 1 });
    expect(sheet().cells.H5.value).toBe(4.66);
    expect(sheet().cells.G27.value).toBe(92.16);
    expect(others(sheet(), ['H5', 'G27'])).toEqual(others({ ...sheet(), cells: before }, ['H5', 'G27']));

    const stack = fake.workbook.settings[UNDO_KEY] as { kind: string; cells: unknown[] }[];
    expect(stack).toHaveLength(1);
    expect(stack[0].kind).toBe('totals');
    expect(stack[0].cells).toEqual([
      { sheet: 'Sheet1', cell: 'H5', before: { value: 7 }, after: { value: 4.66 } },
      { sheet: 'Sheet1', cell: 'G27', before: { value: 94.5 }, after: { value: 92.16 } },
    ]);

    const again = await check();
    const codes = again[0].findings.map((f) => f.code);
    expect(codes).not.toContain('total-mismatch');
    expect(codes).not.toContain('subtotal-mismatch');
    expect(codes).not.toContain('score-mismatch');
    expect(previewWriteBack(again)).toEqual([]);
  });

  it('writing the same preview twice is refused the second time (stale) and adds no undo entry', async () => {
    const reports = await check();
    const plan = previewWriteBack(reports);
    await applyWriteBack(plan, reports);
    const after = clone(sheet().cells);
    fake.reset();
    const second = await applyWriteBack(plan, reports);
    expect(second).toMatchObject({ status: 'stale', written: [], skipped: [], undoDepth: 1 });
    expect(second.changed).toEqual(expect.arrayContaining([{ sheet: 'Sheet1', cell: 'H5' }, { sheet: 'Sheet1', cell: 'G27' }]));
    expect(previewWriteBack(second.reports!)).toEqual([]);
    expect(sheet().cells).toEqual(after);
    expect(fake.syncCount).toBe(1);
    // nothing ticked, nothing to do: no round trip at all
    fake.reset();
    expect(await applyWriteBack(plan.map((p) => ({ ...p, overwrite: false })), reports)).toMatchObject({ written: [] });
    expect(fake.syncCount).toBe(0);
  });

  it('撤销写回 restores the previous values exactly, in two syncs (read, write)', async () => {
    const before = clone(sheet().cells);
    await writeBackAll();
    fake.reset();
    const out = await undoWriteBack();
    expect(fake.syncCount).toBe(2);
    expect(out).toEqual({ restored: [{ sheet: 'Sheet1', cell: 'H5' }, { sheet: 'Sheet1', cell: 'G27' }], changedSince: [], undoDepth: 0 });
    expect(sheet().cells).toEqual(before);
    expect(fake.workbook.settings[UNDO_KEY]).toEqual([]);
    fake.reset();
    expect(await undoWriteBack()).toEqual({ restored: [], changedSince: [], undoDepth: 0 });
    expect(fake.syncCount).toBe(0);
  });

  it('撤销写回 still works after the workbook was closed and reopened', async () => {
    const before = clone(sheet().cells);
    await writeBackAll();
    const saved = fake.savedCopy();
    await open(saved);
    expect(undoDepth()).toBe(1);
    await undoWriteBack();
    expect(sheet().cells).toEqual(before);
  });

  it('leaves a cell alone that was edited by hand after the write', async () => {
    await writeBackAll();
    sheet().cells.G27 = { value: 90 };
    const out = await undoWriteBack();
    expect(out.restored).toEqual([{ sheet: 'Sheet1', cell: 'H5' }]);
    expect(out.changedSince).toEqual([{ sheet: 'Sheet1', cell: 'G27' }]);
    expect(sheet().cells.G27).toEqual({ value: 90 });
    expect(sheet().cells.H5).toEqual({ value: 7 });
  });
});

describe('no write without its undo record', () => {
  it('when the record cannot be saved, the cells are put back and the failure reported', async () => {
    await open(fakeWorkbook([seed002Sheet((c) => (c.F5 = { value: '80%', numberFormat: '@' }))]), { failSettingsSave: true });
    const before = clone(sheet().cells);
    const reports = await check();
    const plan = previewWriteBack(reports);
    expect(plan.map((p) => p.cell)).toEqual(['F5', 'H5', 'G27']);
    fake.reset();
    const err = await applyWriteBack(plan, reports).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe('settings-failed');
    expect((err as HostError).message).toMatch(/没有写回/);
    expect(fake.syncCount).toBe(1); // the record is saved before the write sync, which never happens
    expect(sheet().cells).toEqual(before);
    expect(undoDepth()).toBe(0);
  });
});

describe('formulas are never overwritten silently', () => {
  const TOTAL = '=SUM(G13:G26)+H5';
  beforeEach(async () => {
    await open(fakeWorkbook([seed002Sheet((c) => (c.G27 = { value: 94.5, formula: TOTAL }))]));
  });

  it('lists a formula cell unticked; applying the preview leaves it as it is', async () => {
    const reports = await check();
    const plan = previewWriteBack(reports);
    expect(plan.find((p) => p.cell === 'G27')).toMatchObject({ formula: TOTAL, overwrite: false, display: '92.16' });
    const out = await applyWriteBack(plan, reports);
    expect(out.written.map((c) => c.cell)).toEqual(['H5']);
    // the formula stays; Excel recalculates it with the new H5: 87.5 + 4.66
    expect(sheet().cells.G27).toEqual({ value: 92.16, formula: TOTAL });
  });

  it('writes over it only when ticked, and 撤销写回 puts the formula back', async () => {
    const reports = await check();
    const plan = previewWriteBack(reports).map((p) => ({ ...p, overwrite: true }));
    await applyWriteBack(plan, reports);
    expect(sheet().cells.G27).toEqual({ value: 92.16 });
    const stack = fake.workbook.settings[UNDO_KEY] as { cells: { cell: string; before: unknown }[] }[];
    expect(stack[0].cells.find((c) => c.cell === 'G27')!.before).toEqual({ formula: TOTAL });
    await undoWriteBack();
    // the formula is back and shows 87.5 + 7 again
    expect(sheet().cells.G27).toEqual({ value: 94.5, formula: TOTAL });
  });

  it('a cell that turned into a formula after the check makes the preview stale: nothing written', async () => {
    await open(fakeWorkbook([seed002Sheet()]));
    const reports = await check();
    const plan = previewWriteBack(reports);
    sheet().cells.H5 = { value: 7, formula: '=G5' };
    const before = clone(sheet().cells);
    fake.reset();
    const out = await applyWriteBack(plan, reports);
    expect(out).toMatchObject({ status: 'stale', written: [], undoDepth: 0 });
    expect(out.changed).toContainEqual({ sheet: 'Sheet1', cell: 'H5' });
    expect(sheet().cells).toEqual(before);
    expect(fake.syncCount).toBe(1);
    expect(previewWriteBack(out.reports!).find((p) => p.cell === 'H5')).toMatchObject({ formula: '=G5', overwrite: false });
  });
});

describe('execution rate: value and number format', () => {
  it('writes 66.55% with a percent format and undo restores the old value and format', async () => {
    // The rate typed as text “80%”: a write makes it a number; undo puts the text back.
    await open(fakeWorkbook([seed002Sheet((c) => (c.F5 = { value: '80%' }))]));
    const reports = await check();
    const plan = previewWriteBack(reports);
    const rate = plan.find((p) => p.role === 'execution-rate')!;
    expect(rate).toMatchObject({ cell: 'F5', displayOld: '80%', display: '66.55%', value: 0.6655, numberFormat: '0.00%', overwrite: true });
    await applyWriteBack([rate], reports);
    expect(sheet().cells.F5).toMatchObject({ value: 0.6655, numberFormat: '0.00%', text: '66.55%' });
    const stack = fake.workbook.settings[UNDO_KEY] as { cells: unknown[] }[];
    expect(stack[0].cells).toEqual([
      { sheet: 'Sheet1', cell: 'F5', before: { value: '80%', numberFormat: 'General' }, after: { value: 0.6655, numberFormat: '0.00%' } },
    ]);
    await undoWriteBack();
    expect(sheet().cells.F5).toEqual({ value: '80%', numberFormat: 'General' });
  });
});

describe('采用建议值', () => {
  it('writes the rules’ score into the indicator’s score cell in one sync; totals can be written again; undoable', async () => {
    // 偿还历史欠款: target 10万, actual 5(万) → 5/10 × 5 = 2.5; declared 5 here.
    await open(fakeWorkbook([seed002Sheet((c) => (c.G16 = { value: 5 }))]));
    const reports = await check();
    const f = reports[0].findings.find((x) => x.code === 'score-mismatch' && x.cell === 'G16')!;
    expect(f).toMatchObject({ declared: '5', expected: '2.5' });
    fake.reset();
    const out = await applySuggestion(f);
    expect(fake.syncCount).toBe(1);
    expect(out.written).toEqual([{ sheet: 'Sheet1', cell: 'G16' }]);
    expect(sheet().cells.G16.value).toBe(2.5);

    const again = await check();
    expect(again[0].findings.some((x) => x.cell === 'G16' && x.code === 'score-mismatch')).toBe(false);
    const totals = previewWriteBack(again);
    expect(totals.map((p) => `${p.cell} ${p.displayOld}→${p.display}`)).toEqual(['H5 7→4.66', 'G27 94.5→92.16']);
    await applyWriteBack(totals, again);
    expect(undoDepth()).toBe(2);

    await undoWriteBack(); // the totals
    await undoWriteBack(); // the suggestion
    expect(sheet().cells.G16).toEqual({ value: 5 });
    expect(sheet().cells.G27).toEqual({ value: 94.5 });
  });

  it('refuses a finding that suggests no score, without a round trip', async () => {
    await open(fakeWorkbook([seed002Sheet()]));
    const reports = await check();
    const reason = reports[0].findings.find((x) => x.code === 'missing-deviation-reason') as Finding;
    fake.reset();
    await expect(applySuggestion(reason)).rejects.toBeInstanceOf(NoSuggestionError);
    expect(fake.syncCount).toBe(0);
  });
});
