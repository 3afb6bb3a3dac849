/**
 * 写回合计 that cannot write stale figures, and that leaves a way back when it fails part-way
 * (issue 12), through the Excel host, the fake Office and the real engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createExcelHost } from '../../src/excel/host.js';
import { UNDO_KEY } from '../../src/excel/write-back.js';
import { DEFAULT_SETTINGS, HostError, type HostExtras } from '../../src/host/index.js';
import { fakeWorkbook, installFakeOffice, type FakeOffice } from '../support/fake-office.js';
import { seed002Sheet } from './helpers.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
let fake: FakeOffice;
afterEach(() => fake?.uninstall());

function open(...names: string[]): HostExtras {
  const sheets = (names.length ? names : ['Sheet1']).map((n) => ({ ...seed002Sheet(), name: n, id: `{${n}}` }));
  fake = installFakeOffice(globalThis, fakeWorkbook(sheets));
  return createExcelHost();
}
const check = (host: HostExtras, whole = false) =>
  host.check({ ...DEFAULT_SETTINGS, highlight: [], wholeWorkbook: whole }).then((r) => r.reports);
const cells = () => clone(fake.workbook.sheets.map((s) => s.cells));

describe('write-back after an edit since the check', () => {
  it('seed 002, G14 edited from 5 to 3: writes nothing, returns the new check, re-previews G27 as 90.16', async () => {
    const host = open();
    const reports = await check(host);
    const plan = host.previewWriteBack(reports);
    expect(plan.map((p) => `${p.cell} ${p.display}`)).toEqual(['H5 4.66', 'G27 92.16']);
    fake.editCell('Sheet1', 'G14', 3);
    const before = cells();
    fake.reset();
    const out = await host.applyWriteBack(plan, reports);
    expect(fake.syncCount).toBe(1); // the verifying read; no write
    expect(out.status).toBe('stale');
    expect(out.written).toEqual([]);
    expect(out.changed).toContainEqual({ sheet: 'Sheet1', cell: 'G14' });
    expect(cells()).toEqual(before);
    expect(fake.workbook.settings[UNDO_KEY] ?? []).toEqual([]);
    const again = host.previewWriteBack(out.reports!);
    expect(again.map((p) => `${p.cell} ${p.display}`)).toEqual(['H5 4.66', 'G27 90.16']);

    // the fresh preview writes: 2 syncs, and the re-check is clean
    fake.reset();
    const ok = await host.applyWriteBack(again, out.reports!);
    expect(fake.syncCount).toBe(2);
    expect(ok).toMatchObject({ status: 'written', undoDepth: 1 });
    expect(fake.workbook.sheets[0].cells.G27.value).toBe(90.16);
  });

  it('an edit in a cell no figure comes from does not make the preview stale', async () => {
    const host = open();
    const reports = await check(host);
    fake.editCell('Sheet1', 'B28', '另有说明');
    const out = await host.applyWriteBack(host.previewWriteBack(reports), reports);
    expect(out.status).toBe('written');
    expect(out.written.map((c) => c.cell)).toEqual(['H5', 'G27']);
  });
});

describe('writing exactly the ticked cells', () => {
  it('H5 unticked: G27 follows H5’s declared 7, and writing it leaves no new total-mismatch', async () => {
    const host = open();
    fake.editCell('Sheet1', 'G14', 3); // so that G27 needs a write either way
    const reports = await check(host);
    const all = host.previewWriteBack(reports);
    expect(all.map((p) => `${p.cell} ${p.display}`)).toEqual(['H5 4.66', 'G27 90.16']);
    const ticked = new Set(['Sheet1!G27']);
    const plan = host.previewWriteBack(reports, ticked);
    expect(plan.map((p) => `${p.cell} ${p.display} ${p.overwrite ? '☑' : '☐'}`)).toEqual(['H5 4.66 ☐', 'G27 92.5 ☑']);
    const out = await host.applyWriteBack(plan, reports);
    expect(out.written).toEqual([{ sheet: 'Sheet1', cell: 'G27' }]);
    expect(fake.workbook.sheets[0].cells.H5.value).toBe(7);
    expect(fake.workbook.sheets[0].cells.G27.value).toBe(92.5);
    const after = await check(host);
    expect(after[0].findings.filter((f) => f.code === 'total-mismatch')).toEqual([]);
  });

  it('everything ticked: the same values as the plain preview', async () => {
    const host = open();
    const reports = await check(host);
    const plain = host.previewWriteBack(reports);
    const ticked = host.previewWriteBack(reports, new Set(plain.map((p) => `${p.sheet}!${p.cell}`)));
    expect(ticked).toEqual(plain);
  });
});

describe('a failure part-way leaves the workbook as it was', () => {
  it('a sheet renamed between the verifying read and the write: no cell changed, Chinese error, undo stack unchanged', async () => {
    const host = open('表一', '表二');
    const reports = await check(host, true);
    const plan = host.previewWriteBack(reports);
    expect(plan.map((p) => `${p.sheet}!${p.cell}`)).toEqual(['表一!H5', '表一!G27', '表二!H5', '表二!G27']);
    const before = cells();
    fake.reset();
    fake.beforeSync = (n) => {
      if (n === 2) fake.renameSheet('表二', '表二（改）');
    };
    const err = await host.applyWriteBack(plan, reports).catch((e: unknown) => e);
    fake.beforeSync = null;
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toMatch(/已恢复写回前的内容/);
    expect(fake.syncCount).toBe(4); // read, write (fails on 表二 after 表一 was written), find what was written, put it back
    expect(cells()).toEqual(before);
    expect(fake.workbook.settings[UNDO_KEY]).toEqual([]);
    expect(await host.undoDepth()).toBe(0);
  });

  it('a sheet renamed before the write-back: the verifying read fails, nothing written', async () => {
    const host = open('表一', '表二');
    const reports = await check(host, true);
    fake.renameSheet('表二', '表三');
    const before = cells();
    const err = await host.applyWriteBack(host.previewWriteBack(reports), reports).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toMatch(/未做任何更改/);
    expect(cells()).toEqual(before);
    expect(await host.undoDepth()).toBe(0);
  });

  it('a sheet protected between the read and the write: put back likewise', async () => {
    const host = open('表一', '表二');
    const reports = await check(host, true);
    const before = cells();
    fake.beforeSync = (n) => {
      if (n === 2) fake.protectSheet('表二');
    };
    fake.reset();
    await expect(host.applyWriteBack(host.previewWriteBack(reports), reports)).rejects.toBeInstanceOf(HostError);
    fake.beforeSync = null;
    expect(cells()).toEqual(before);
    expect(await host.undoDepth()).toBe(0);
  });
});
