/**
 * An annotated copy of a reviewed workbook: every flagged cell filled (errors red, warnings
 * amber, info blue) with a comment (批注) saying what is wrong and what the rules give, and a
 * 核分审核意见 sheet listing the findings with links to their cells. Nothing else changes.
 *
 * Done with ExcelJS for now (load → fill + note → add sheet → write); it will move onto the
 * patch writer, which keeps every other part of the file byte-identical. Keep the signature.
 */
import ExcelJS from 'exceljs';
import type { Finding, SheetReport, SheetSnapshot } from '../../core/index.js';
import { reviewMeta } from './meta.js';
import { WRITE_OPTIONS } from './workbook.js';

export const ANNOTATION_SHEET = '核分审核意见';
export const ANNOTATION_FILL = { error: 'FFFF9999', warning: 'FFFFD966', info: 'FFBDD7EE' } as const;
const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

export class AnnotateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotateError';
  }
}

/** The comment text for one cell: each finding on it, its explanation and the expected value. */
export function noteText(findings: Finding[]): string {
  const parts = findings.map((x) => {
    const meta = reviewMeta(x.code);
    const lines = [`【核分·${SEVERITY_ZH[x.severity]}】${meta.title}`, x.message];
    if (x.declared !== null || x.expected !== null) lines.push(`填报：${x.declared ?? '（空）'}　应为：${x.expected ?? '—'}`);
    lines.push(`整改：${meta.fix}`);
    return lines.join('\n');
  });
  return parts.join('\n\n');
}

const ZIP = [0x50, 0x4b];

function uniqueSheetName(wb: ExcelJS.Workbook, base: string): string {
  const taken = new Set(wb.worksheets.map((w) => w.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

function existingNote(cell: ExcelJS.Cell): string {
  const n = cell.note as ExcelJS.Comment | string | undefined;
  if (!n) return '';
  if (typeof n === 'string') return n;
  return (n.texts ?? []).map((t) => t.text).join('');
}

/**
 * A legacy .xls/.et has no .xlsx to copy: its sheets are rebuilt from what the reader saw —
 * values (formulas with their cached results), number formats and merged areas; fonts, borders
 * and column widths are not carried over.
 */
function fromSnapshots(sheets: SheetSnapshot[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const snap of sheets) {
    const ws = wb.addWorksheet(snap.sheet);
    snap.values.forEach((row, i) => {
      row.forEach((v, j) => {
        const formula = snap.formulas?.[i]?.[j];
        const fmt = snap.numberFormat?.[i]?.[j];
        if (v === null && !formula && (!fmt || fmt === 'General')) return;
        const cell = ws.getCell(snap.top + i + 1, snap.left + j + 1);
        if (formula) cell.value = { formula: formula.replace(/^=/, ''), result: v ?? undefined } as ExcelJS.CellFormulaValue;
        else if (v !== null) cell.value = v;
        if (fmt && fmt !== 'General') cell.numFmt = fmt;
      });
    });
    for (const m of snap.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return wb;
}

/**
 * `sheets` is only used for a legacy (non-zip) input, which ExcelJS cannot open: pass the
 * snapshots the reader made of it and the copy is rebuilt from them as .xlsx.
 */
export async function annotateWorkbook(bytes: Uint8Array, reports: SheetReport[], sheets?: SheetSnapshot[]): Promise<Uint8Array> {
  const isZip = bytes.length >= 2 && bytes[0] === ZIP[0] && bytes[1] === ZIP[1];
  if (!isZip && !sheets) throw new AnnotateError('暂不能为旧版 .xls/.et 工作簿生成批注副本：请先另存为 .xlsx');
  let wb: ExcelJS.Workbook;
  if (isZip) {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } else wb = fromSnapshots(sheets!);

  const all: Finding[] = reports.flatMap((r) => r.findings);
  const byCell = new Map<string, Finding[]>();
  for (const x of all) {
    const key = `${x.sheet}\u0000${x.cell}`;
    const list = byCell.get(key);
    if (list) list.push(x);
    else byCell.set(key, [x]);
  }
  for (const list of byCell.values()) {
    const { sheet, cell: a1 } = list[0];
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const cell = ws.getCell(a1);
    const worst = list.some((x) => x.severity === 'error') ? 'error' : list.some((x) => x.severity === 'warning') ? 'warning' : 'info';
    // Loaded cells share style objects: give this one its own before changing its fill.
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: ANNOTATION_FILL[worst] } } };
    const before = existingNote(cell);
    const text = noteText(list);
    cell.note = before ? `${before}\n\n${text}` : text;
  }

  const ws = wb.addWorksheet(uniqueSheetName(wb, ANNOTATION_SHEET));
  const header = ws.addRow(['工作表', '单元格', '级别', '审核要点', '审核内容', '填报', '应为', '整改建议', '规则']);
  header.font = { bold: true };
  [14, 10, 8, 24, 60, 10, 10, 40, 30].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const x of all) {
    const meta = reviewMeta(x.code);
    const row = ws.addRow([x.sheet, x.cell, SEVERITY_ZH[x.severity], meta.title, x.message, x.declared, x.expected, meta.fix, x.rule]);
    // A HYPERLINK formula, not a hyperlink record: ExcelJS's in-document links do not work in WPS.
    const c = row.getCell(2);
    const target = `#'${x.sheet.replace(/'/g, "''")}'!${x.cell}`.replace(/"/g, '""');
    c.value = { formula: `HYPERLINK("${target}","${x.cell}")`, result: x.cell } as ExcelJS.CellFormulaValue;
    c.font = { color: { argb: 'FF0563C1' }, underline: true };
    row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ANNOTATION_FILL[x.severity] } };
  }
  if (all.length === 0) ws.addRow(['未发现问题']);
  ws.views = [{ state: 'frozen', ySplit: 1 }];

  return new Uint8Array(await wb.xlsx.writeBuffer(WRITE_OPTIONS));
}
