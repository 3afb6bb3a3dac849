/**
 * 导出审核意见 in Excel: a new sheet (核分审核意见, 核分审核意见 (2), … beside existing names)
 * with the rows of src/host/export-rows.ts; each 单元格 is a HYPERLINK formula to the cell. The
 * sheet's id goes into the workbook's settings so 删除审核意见 removes it, and only it.
 *
 * Round trips: export 2 syncs (list the sheet names; add, write, activate); remove 1 sync to find
 * the recorded sheets (by id) and 1 to delete them.
 */
import { uniqueSheetName, type SheetReport } from '../core/index.js';
import { HostError, type ReviewMark } from '../host/index.js';
import { EXPORT_HEADER, EXPORT_SHEET_BASE, exportRows } from '../host/export-rows.js';
import { saveEntries } from './document-settings.js';
import { syncOr } from './sync.js';

export const EXPORT_KEY = 'hefen.exports';

function recordedExports(): string[] {
  const raw: unknown = Office.context.document.settings.get(EXPORT_KEY);
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
}

/** A formula string literal: doubled quotes. */
const lit = (s: string) => `"${s.replace(/"/g, '""')}"`;
const quoteSheet = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function cellLink(sheet: string, cell: string): string {
  return /^[A-Z]{1,3}[1-9]\d*$/.test(cell) ? `=HYPERLINK(${lit(`#${quoteSheet(sheet)}!${cell}`)},${lit(cell)})` : cell;
}

export async function exportFindings(reports: readonly SheetReport[], marks: readonly ReviewMark[]): Promise<{ sheet: string }> {
  const rows = exportRows(reports, marks);
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await syncOr(context, 'read-failed', '读取工作表列表失败。');
    const name = uniqueSheetName(
      sheets.items.map((s) => s.name),
      EXPORT_SHEET_BASE,
    );
    const ws = sheets.add(name);
    ws.load('id');
    const body = rows.map((r) => [r.sheet, cellLink(r.sheet, r.cell), r.indicator, r.title, r.message, r.figures, r.fix, r.mark]);
    const grid = [[...EXPORT_HEADER], ...(body.length ? body : [['（没有发现问题）', '', '', '', '', '', '', '']])];
    const range = ws.getRangeByIndexes(0, 0, grid.length, EXPORT_HEADER.length);
    // text format first so a figure like "1/2" stays text; the links are formulas
    range.numberFormat = grid.map((row) => row.map((v, c) => (c === 1 && v.startsWith('=') ? 'General' : '@')));
    range.formulas = grid;
    ws.getRangeByIndexes(0, 0, 1, EXPORT_HEADER.length).format.font.bold = true;
    ws.activate();
    await syncOr(context, 'write-failed', `导出审核意见失败：无法添加工作表“${name}”（工作簿结构可能受保护）。`);
    try {
      await saveEntries({ [EXPORT_KEY]: [...recordedExports(), ws.id] });
    } catch (e) {
      throw new HostError('settings-failed', `已导出到“${name}”，但无法把记录保存到工作簿中：删除审核意见时请手动删除该工作表。`, { cause: e });
    }
    return { sheet: name };
  });
}

export async function removeExport(): Promise<number> {
  const ids = recordedExports();
  if (ids.length === 0) return 0;
  const removed = await Excel.run(async (context) => {
    const found = ids.map((id) => context.workbook.worksheets.getItemOrNullObject(id));
    await syncOr(context, 'read-failed', '读取工作表列表失败。');
    const present = found.filter((ws) => !ws.isNullObject);
    for (const ws of present) ws.delete();
    if (present.length) await syncOr(context, 'write-failed', '无法删除审核意见工作表（工作簿结构可能受保护）。');
    return present.length;
  });
  await saveEntries({ [EXPORT_KEY]: [] });
  return removed;
}
