/**
 * The Host the task pane uses inside Excel. This folder is the only code that touches Office.js.
 *
 * Round trips per action:
 * - check, active sheet: 1 sync to read (plus one per further chunk of a sheet bigger than the
 *   first window) and 1 sync to replace the highlights (skipped when there is nothing to remove or
 *   add);
 * - check, whole workbook: 1 more sync first, to list the sheets;
 * - clear: 1 sync to list the sheets and find the rules on the active sheet, 1 more only when the
 *   record names other sheets, 1 to delete;
 * - select: 1 sync;
 * - 导出审核意见 / removeExport: 2 syncs each (./export.ts);
 * - 导出审核汇总: 2 syncs (list the sheets, read them), nothing written; then Excel.createWorkbook
 *   (./review.ts);
 * - onChange: 1 sync to start listening, 1 per event (the sheet's name), 1 to stop (./events.ts).
 *
 * 插入空白模板 (./template.ts) and 写回合计 / 撤销写回 / 采用建议值 (./write-back.ts) come as they
 * are; their round trips are documented there.
 */
import type { Severity, SheetReport } from '../core/index.js';
import {
  HostError,
  checkSnapshots,
  reviewKey,
  type CheckResult,
  type CheckSnapshotsOptions,
  type HostExtras,
  type HostWarning,
  type Settings,
} from '../host/index.js';
import {
  MARKS_KEY,
  RECORD_KEY,
  SETTINGS_KEY,
  readReviewMarks,
  readRecord,
  readSettings,
  recorded,
  saveEntries,
  type HighlightRecord,
} from './document-settings.js';
import { eventsSupported, listenToChanges } from './events.js';
import { exportFindings, removeExport } from './export.js';
import { deliverReviewWorkbook } from './review.js';
import { displayLocale, excelApiSupported, officeThemeKind } from './office.js';
import { overlaysIn, planHighlights, queueDiscovery, queueHighlight } from './overlay.js';
import { DEFAULT_LIMITS, readSheets, type ReadLimits, type ReadResult } from './read.js';
import { READ_FAILED, syncOr } from './sync.js';
import { insertTemplate } from './template.js';
import { applySuggestion, applyWriteBack, previewWriteBack, undoDepth, undoWriteBack } from './write-back.js';

export { officeReady } from './office.js';

export interface ExcelHostOptions extends Partial<ReadLimits>, Pick<CheckSnapshotsOptions, 'checkSheet'> {}

export function createExcelHost(options: ExcelHostOptions = {}): HostExtras {
  const limits: ReadLimits = {
    budgetCells: options.budgetCells ?? DEFAULT_LIMITS.budgetCells,
    windowColumns: options.windowColumns ?? DEFAULT_LIMITS.windowColumns,
  };

  async function checkOnce(settings: Settings, merges: boolean, warnings: HostWarning[]): Promise<CheckResult> {
    return Excel.run(async (context) => {
      const record = readRecord();
      const worksheets = context.workbook.worksheets;
      let targets: Excel.Worksheet[];
      let others: Excel.Worksheet[] = [];
      if (settings.wholeWorkbook) {
        worksheets.load('items/name,items/id,items/visibility');
        await syncOr(context, 'read-failed', '读取工作表列表失败。');
        targets = worksheets.items.filter((ws) => ws.visibility === 'Visible');
        // hidden sheets are not checked, but highlights 核分 left on them are still replaced
        others = worksheets.items.filter((ws) => ws.visibility !== 'Visible' && recorded(record, ws));
      } else {
        targets = [worksheets.getActiveWorksheet()];
      }

      const read = await readSheets(context, targets, others, { ...limits, merges });
      // Content far from every form is not read (bounded reads): say so, it may be a second form.
      if (read.sheets.some((s) => s.skipped.length > 0)) warnings.push('far-cells-skipped');
      const { reports, sheetsWithoutForm } = checkSnapshots(
        read.sheets.map((s) => s.snapshot),
        { rules: settings.rules, checkSheet: options.checkSheet },
      );
      const plan = planFor(reports, settings);
      const replaced = [...read.sheets, ...others.map((ws) => ({ id: ws.id, name: ws.name }))];
      const kept = (record?.sheets ?? []).filter((r) => !replaced.some((s) => s.id === r.id || s.name === r.name));
      const added = read.sheets
        .map((s) => ({ id: s.id, name: s.name, cells: plan.get(s.name)?.size ?? 0 }))
        .filter((s) => s.cells > 0);
      const next: HighlightRecord = { version: 1, sheets: [...kept, ...added] };
      const same = (a: HighlightRecord['sheets']) => JSON.stringify(a) === JSON.stringify(record?.sheets ?? []);

      // The record goes into the workbook BEFORE the highlights: every sheet that may carry one after
      // the write sync (the old record's and the new plan's) is listed, so 清除标记 finds them even
      // when the write fails part-way (a protected sheet refuses its rules after others were added).
      const during: HighlightRecord = { version: 1, sheets: [...(record?.sheets ?? []), ...added.filter((a) => !recorded(record, a))] };
      let saved = true;
      if (!same(during.sheets)) {
        await saveEntries({ [RECORD_KEY]: during }).catch(() => {
          saved = false;
        });
      }
      const highlighted = await replaceHighlights(context, read, plan);
      // Then the exact record (fewer sheets when some were cleared).
      if (JSON.stringify(next.sheets) !== JSON.stringify(during.sheets)) {
        await saveEntries({ [RECORD_KEY]: next }).catch(() => {
          saved = false;
        });
      }
      if (!saved) warnings.push('record-not-saved');

      return {
        reports,
        highlighted: [...highlighted.values()].reduce((a, b) => a + b, 0),
        sheetsWithoutForm,
        warnings,
      };
    });
  }

  /**
   * `run` with merged areas where the API has them; more than 512 merged areas makes
   * getMergedAreasOrNullObject fail the read, so then once more without.
   */
  async function withMerges<T>(run: (merges: boolean) => Promise<T>): Promise<T> {
    const merges = excelApiSupported('1.13');
    try {
      return await run(merges);
    } catch (e) {
      if (!(merges && e instanceof HostError && e.code === 'read-failed')) throw e;
      return run(false);
    }
  }

  /** Every visible sheet read and checked, nothing written (导出审核汇总). */
  async function checkVisibleSheets(settings: Settings, merges: boolean): Promise<SheetReport[]> {
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id,items/visibility');
      await syncOr(context, 'read-failed', '读取工作表列表失败。');
      const visible = worksheets.items.filter((ws) => ws.visibility === 'Visible');
      const read = await readSheets(context, visible, [], { ...limits, merges });
      return checkSnapshots(
        read.sheets.map((s) => s.snapshot),
        { rules: settings.rules, checkSheet: options.checkSheet },
      ).reports;
    });
  }

  /** The cells to highlight: the chosen severities, minus findings marked 忽略 / 已复核. */
  function planFor(reports: SheetReport[], settings: Settings): Map<string, Map<string, Severity>> {
    const marked = new Set(readReviewMarks().map((m) => m.key));
    return planHighlights(
      reports.flatMap((r) => r.findings).filter((f) => !marked.has(reviewKey(f))),
      settings.highlight,
    );
  }

  /** One write sync: delete every old 核分 rule found while reading, add the new ones. */
  async function replaceHighlights(
    context: Excel.RequestContext,
    read: ReadResult,
    plan: Map<string, Map<string, Severity>>,
  ): Promise<Map<string, number>> {
    for (const cf of read.overlays) cf.delete();
    const counts = new Map<string, number>();
    for (const s of read.sheets) {
      const cells = plan.get(s.name);
      if (!cells) continue;
      for (const [cell, severity] of cells) queueHighlight(s.worksheet, cell, severity);
      counts.set(s.name, cells.size);
    }
    if (read.overlays.length || counts.size) {
      await syncOr(context, 'write-failed', '无法在工作表中添加或移除核分的标记（工作表可能受保护）。');
    }
    return counts;
  }

  return {
    insertTemplate,
    previewWriteBack,
    applyWriteBack: (items, basis) =>
      applyWriteBack(items, basis, { limits, merges: excelApiSupported('1.13'), checkSheet: options.checkSheet }),
    undoWriteBack,
    // kept in the workbook's settings: no round trip, but the pane awaits it like the rest
    undoDepth: async () => undoDepth(),
    // the pane never overwrites a formula with a suggestion (write-back.ts' overwriteFormula)
    applySuggestion: (finding) => applySuggestion(finding),
    // kept in the workbook's settings, validated on load: no round trip
    loadReviewMarks: async () => readReviewMarks(),
    saveReviewMarks: async (marks) => {
      await saveEntries({ [MARKS_KEY]: marks.map((m) => ({ ...m })) });
    },
    exportFindings,
    removeExport,
    async exportReviewWorkbook(settings, marks) {
      const reports = await withMerges((merges) => checkVisibleSheets(settings, merges));
      return deliverReviewWorkbook(reports, marks, settings.rules);
    },

    // Excel events where the API level allows (ExcelApi 1.7); left out on older hosts (./events.ts)
    ...(eventsSupported() ? { onChange: listenToChanges } : {}),

    locale: displayLocale(),
    theme: officeThemeKind(),

    async loadSettings() {
      return readSettings();
    },

    async saveSettings(settings) {
      await saveEntries({ [SETTINGS_KEY]: settings });
    },

    async check(settings) {
      return withMerges((merges) => checkOnce(settings, merges, merges ? [] : ['merges-unavailable']));
    },

    async select(sheet, cell) {
      await Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await syncOr(context, 'select-failed', `无法定位到“${sheet}”的 ${cell}。`);
      });
    },

    async clearHighlights() {
      return Excel.run(async (context) => {
        const record = readRecord();
        const worksheets = context.workbook.worksheets;
        worksheets.load('items/name,items/id');
        const active = worksheets.getActiveWorksheet();
        active.load('id');
        const activeRules = queueDiscovery(active);
        await syncOr(context, 'read-failed', READ_FAILED);
        const overlays = overlaysIn(activeRules);

        // No record at all (lost, or never saved): look on every sheet.
        const others = worksheets.items.filter((ws) => ws.id !== active.id && (record === null || recorded(record, ws)));
        if (others.length) {
          const rules = others.map(queueDiscovery);
          await syncOr(context, 'read-failed', READ_FAILED);
          overlays.push(...rules.flatMap(overlaysIn));
        }

        for (const cf of overlays) cf.delete();
        if (overlays.length) await syncOr(context, 'write-failed', '无法移除核分的标记（工作表可能受保护）。');
        if (overlays.length || record?.sheets.length) await saveEntries({ [RECORD_KEY]: { version: 1, sheets: [] } });
        return overlays.length;
      });
    },
  };
}
