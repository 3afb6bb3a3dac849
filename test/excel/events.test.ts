/**
 * Host.onChange on Excel's events (issue 12, live results), against the fake's events: editCell
 * raises onChanged, activate raises onActivated.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createExcelHost } from '../../src/excel/host.js';
import type { HostChange } from '../../src/host/index.js';
import { fakeWorkbook, installFakeOffice, type FakeOffice } from '../support/fake-office.js';
import { seed002Sheet } from './helpers.js';

let fake: FakeOffice;
afterEach(() => fake?.uninstall());

const wb = () => fakeWorkbook(['表一', '表二'].map((n) => ({ ...seed002Sheet(), name: n, id: `{${n}}` })));
const settle = () => new Promise((r) => setTimeout(r, 20));

async function listen(excelApi: string) {
  fake = installFakeOffice(globalThis, wb(), { excelApi });
  const host = createExcelHost();
  const seen: HostChange[] = [];
  fake.reset();
  const stop = host.onChange?.((c) => seen.push(c));
  await settle();
  return { host, seen, stop };
}

describe('Host.onChange', () => {
  it('ExcelApi 1.9: edits and activation on any sheet, one sync to register, one per event; stop removes the handlers', async () => {
    const { seen, stop } = await listen('1.9');
    expect(fake.syncCount).toBe(1);
    expect(fake.handlerCount).toBe(2);
    fake.editCell('表二', 'G14', 3);
    fake.activate('表二');
    await settle();
    expect(seen).toEqual([
      { kind: 'edit', sheet: '表二', address: 'G14' },
      { kind: 'activate', sheet: '表二' },
    ]);
    expect(fake.syncCount).toBe(3);
    fake.renameSheet('表一', '甲');
    fake.editCell('甲', 'H5', 4.66);
    await settle();
    expect(seen[2]).toEqual({ kind: 'edit', sheet: '甲', address: 'H5' }); // the name as it is now
    stop!();
    await settle();
    expect(fake.handlerCount).toBe(0);
    fake.editCell('甲', 'H5', 7);
    await settle();
    expect(seen).toHaveLength(3);
  });

  it('ExcelApi 1.7: per-sheet onChanged on the sheets there are (two syncs to register)', async () => {
    const { seen, stop } = await listen('1.7');
    expect(fake.syncCount).toBe(2);
    expect(fake.handlerCount).toBe(3);
    fake.editCell('表一', 'G14', 3);
    await settle();
    expect(seen).toEqual([{ kind: 'edit', sheet: '表一', address: 'G14' }]);
    stop!();
    await settle();
    expect(fake.handlerCount).toBe(0);
  });

  it('below ExcelApi 1.7 the host has no onChange (the pane re-checks only when asked)', async () => {
    fake = installFakeOffice(globalThis, wb(), { excelApi: '1.6' });
    expect(createExcelHost().onChange).toBeUndefined();
  });

  it('drops the changes Excel says this add-in made (triggerSource ThisLocalAddin, ExcelApi 1.14) without a round trip', async () => {
    fake = installFakeOffice(globalThis, wb(), { excelApi: '1.17' });
    // The fake raises every change as the user's; here Excel's own handler list stands in for it.
    const handlers: { changed?: (a: unknown) => Promise<void> } = {};
    let syncs = 0;
    const context = {
      workbook: {
        worksheets: {
          onActivated: { add: () => ({ remove() {} }) },
          onChanged: { add: (fn: (a: unknown) => Promise<void>) => ((handlers.changed = fn), { remove() {} }) },
          getItemOrNullObject: () => ({ load() {}, isNullObject: false, name: '表一' }),
        },
      },
      sync: async () => void syncs++,
    };
    (fake.Excel as { run: unknown }).run = async (a: unknown, b?: (c: unknown) => Promise<unknown>) => (b ?? (a as (c: unknown) => Promise<unknown>))(context);
    const seen: HostChange[] = [];
    createExcelHost().onChange!((c) => seen.push(c));
    await settle();
    const registered = syncs;
    await handlers.changed!({ worksheetId: '{表一}', address: 'H5', triggerSource: 'ThisLocalAddin' });
    expect(seen).toEqual([]);
    expect(syncs).toBe(registered); // not even the name looked up
    await handlers.changed!({ worksheetId: '{表一}', address: 'G14', triggerSource: 'Unknown' });
    expect(seen).toEqual([{ kind: 'edit', sheet: '表一', address: 'G14' }]);
  });
});
