/**
 * Live results: Excel's change and activation events turned into HostChange.
 *
 * - ExcelApi 1.9: WorksheetCollection.onChanged and .onActivated (every sheet, new ones too);
 * - ExcelApi 1.7–1.8: WorksheetCollection.onActivated and Worksheet.onChanged on each sheet that
 *   exists when listening starts (a sheet added later is not watched until the pane listens again);
 * - older: no events; the Host leaves onChange out and the pane re-checks only when asked.
 *
 * Excel raises onChanged for the add-in's own writes too (写回合计, 导出审核意见, …); from ExcelApi
 * 1.14 it says so (triggerSource 'ThisLocalAddin') and those are dropped here. Below that, and for
 * activation, which carries no source, the pane keeps its own writes quiet (App.tsx).
 *
 * Round trips: 1 sync to register (2 on 1.7–1.8: list the sheets first), 1 per event to turn the
 * sheet id into its name (an id is all Excel sends), 1 to stop listening.
 */
import type { HostChange } from '../host/index.js';
import { excelApiSupported } from './office.js';

export function eventsSupported(): boolean {
  return excelApiSupported('1.7');
}

interface ChangedArgs {
  worksheetId: string;
  address?: string;
}

/** A change this add-in made itself through Office.js (ExcelApi 1.14 tells). */
export function madeByThisAddin(args: { triggerSource?: string }): boolean {
  return args.triggerSource === 'ThisLocalAddin';
}

export function listenToChanges(listener: (change: HostChange) => void): () => void {
  const collectionChanges = excelApiSupported('1.9');
  const nameOf = (id: string) =>
    Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(id);
      ws.load('name');
      await context.sync();
      return ws.isNullObject ? null : ws.name;
    });
  const deliver = (make: (sheet: string) => HostChange) => async (args: ChangedArgs) => {
    try {
      const sheet = await nameOf(args.worksheetId);
      if (sheet !== null) listener(make(sheet));
    } catch {
      // the workbook is busy or closing: the next event will tell
    }
  };
  let stopped = false;
  const registered = Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const results: OfficeExtension.EventHandlerResult<unknown>[] = [];
    const edit = async (args: Excel.WorksheetChangedEventArgs) => {
      if (madeByThisAddin(args)) return;
      await deliver((sheet) => ({ kind: 'edit', sheet, address: args.address }))(args);
    };
    const activate = async (args: Excel.WorksheetActivatedEventArgs) => deliver((sheet) => ({ kind: 'activate', sheet }))(args);
    results.push(worksheets.onActivated.add(activate));
    if (collectionChanges) {
      results.push(worksheets.onChanged.add(edit));
    } else {
      worksheets.load('items/id');
      await context.sync();
      for (const ws of worksheets.items) results.push(ws.onChanged.add(edit));
    }
    await context.sync();
    return results;
  }).catch(() => [] as OfficeExtension.EventHandlerResult<unknown>[]);

  return () => {
    if (stopped) return;
    stopped = true;
    void registered.then(async (results) => {
      if (!results.length) return;
      await Excel.run(results[0].context, async (context) => {
        for (const r of results) r.remove();
        await context.sync();
      }).catch(() => undefined);
    });
  };
}
