/**
 * The pane's own writes, kept apart from the user's. Excel reports a sheet that 核分 activates
 * (导出审核意见 and 插入空白模板 open their new sheet) exactly as it reports the user clicking a tab,
 * with nothing to tell them apart; left alone, the pane would mark its results out of date and
 * check the new sheet. So while such a write runs, and for a moment after it (Excel's event and
 * the sheet-name lookup arrive late), activation events are not the user's.
 *
 * Edits are not silenced here: from ExcelApi 1.14 the host drops the ones Excel marks as this
 * add-in's (src/excel/events.ts); below that an own write costs one extra check, never a missed edit.
 */
import type { HostExtras } from '../host/index.js';

/** How long after an own write an activation event is taken as its echo. */
export const OWN_ECHO_MS = 1500;

export interface Quiet {
  /** Own writes running now. */
  running: number;
  /** Until when (Date.now()) the last one's echo may still come. */
  until: number;
}

export function hushed(q: Quiet, now = Date.now()): boolean {
  return q.running > 0 || now < q.until;
}

const WRITES = ['insertTemplate', 'exportFindings', 'removeExport', 'applyWriteBack', 'undoWriteBack', 'applySuggestion'] as const;

/** The host with each writing method counted in `q`. */
export function quietWrites(host: HostExtras, q: Quiet): HostExtras {
  const out: HostExtras = { ...host };
  for (const name of WRITES) {
    const write = host[name] as (...args: unknown[]) => Promise<unknown>;
    (out as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      q.running++;
      try {
        return await write.apply(host, args);
      } finally {
        q.running--;
        q.until = Date.now() + OWN_ECHO_MS;
      }
    };
  }
  return out;
}
