/**
 * An annotated copy of a reviewed workbook: every flagged cell filled (errors red, warnings
 * amber, info blue) with a comment (批注) saying what is wrong, what the rules give and how to fix
 * it, and a 核分审核意见 sheet listing the findings with links to their cells.
 *
 * An .xlsx/.xlsm input is patched (src/xlsx/patch): the flagged cells get new style records
 * cloned from their own with the fill changed, comments go into the sheet's comments part and
 * VML drawing, the sheet is appended — every other part of the file stays byte-identical, so
 * charts, x14 validation, sparklines, custom properties and the rest survive. A legacy .xls/.et
 * has no package to patch: its sheets are rebuilt from the reader's snapshots with ExcelJS.
 *
 * An annotated copy is refused as input (it has a 核分审核意见 sheet): annotating it again would
 * stack a second set of comments on the first, and the old fills cannot be told from the user's.
 */
import ExcelJS from 'exceljs';
import { parseA1, type CellRange, type Finding, type SheetReport, type SheetSnapshot } from '../../core/index.js';
import { hyperlinkFormula, patchWorkbook, PatchError, type CellComment, type CellPatch, type NewCellSpec } from '../patch/index.js';
import { readWorkbook } from '../reader/index.js';
import { reviewMeta } from './meta.js';
import { numberOrText, WRAPPED_LINE, wrappedLines, WRITE_OPTIONS } from './workbook.js';
import { markText, reviewKey, type ReviewMark } from '../../host/index.js';

export const ANNOTATION_SHEET = '核分审核意见';
/** The add-in's highlight colours: errors red, warnings amber, info blue. */
export const ANNOTATION_FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' } as const;
const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;
const HEADERS = ['工作表', '单元格', '指标', '审核要点', '审核内容', '填报', '应为', '整改建议', '级别'];
const WIDTHS = [14, 10, 28, 24, 60, 12, 12, 40, 8, 30];
const LINK_COLOR = 'FF0563C1';
/**
 * The workbook's default font, named: a font record without a name is drawn in the reader's own
 * fallback (LibreOffice showed the links of a rebuilt .xls copy in a serif face).
 */
const BASE_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, family: 2 };

export class AnnotateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotateError';
  }
}

/** The comment text for one cell: each finding on it, its explanation, the expected value and how to fix it. */
export function noteText(findings: Finding[]): string {
  const parts = findings.map((x) => {
    const meta = reviewMeta(x.code);
    const lines = [`【核分·${SEVERITY_ZH[x.severity]}】${meta.title}`, x.message];
    if (x.declared !== null || x.expected !== null) lines.push(`填报：${x.declared ?? '（空）'}　应为：${x.expected ?? '—'}`);
    lines.push(`如何修改：${meta.fix}`);
    return lines.join('\n');
  });
  return parts.join('\n\n');
}

function worstOf(list: Finding[]): Finding['severity'] {
  return list.some((x) => x.severity === 'error') ? 'error' : list.some((x) => x.severity === 'warning') ? 'warning' : 'info';
}

function a1(row: number, col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row + 1}`;
}

/**
 * The findings by the cell that shows them: a finding inside a merged area belongs to the area's
 * top-left cell (the one whose fill and comment Excel shows). Cells that are no address are left out.
 */
function byShownCell(findings: Finding[], merges: Map<string, CellRange[]>): Map<string, { sheet: string; cell: string; list: Finding[] }> {
  const out = new Map<string, { sheet: string; cell: string; list: Finding[] }>();
  for (const x of findings) {
    let pos: { row: number; col: number };
    try {
      pos = parseA1(x.cell);
    } catch {
      continue;
    }
    const m = (merges.get(x.sheet) ?? []).find((r) => pos.row >= r.top && pos.row <= r.bottom && pos.col >= r.left && pos.col <= r.right);
    const cell = m ? a1(m.top, m.left) : a1(pos.row, pos.col);
    const key = `${x.sheet}\u0000${cell}`;
    const had = out.get(key);
    if (had) had.list.push(x);
    else out.set(key, { sheet: x.sheet, cell, list: [x] });
  }
  return out;
}

/**
 * The 核分审核意见 sheet: the header, then one row per finding, every body cell wrapped and
 * top-aligned, each row as high as its longest text needs (LibreOffice does not fit rows
 * on open: without a height a long explanation is cut off after its first line). With marks, a
 * 复核标记 column.
 */
function findingSheet(
  all: Finding[],
  linkable: (f: Finding) => boolean,
  marks?: ReadonlyMap<string, ReviewMark>,
): { rows: NewCellSpec[][]; heights: (number | undefined)[] } {
  const rows: NewCellSpec[][] = [[...HEADERS, ...(marks ? ['复核标记'] : [])].map((h) => ({ value: h, bold: true }))];
  const heights: (number | undefined)[] = [undefined];
  for (const x of all) {
    const meta = reviewMeta(x.code);
    const cells: NewCellSpec[] = [
      { value: x.sheet },
      linkable(x) ? { value: x.cell, link: { sheet: x.sheet, cell: x.cell } } : { value: x.cell },
      { value: x.path.join(' / ') },
      { value: meta.title },
      { value: x.message },
      { value: numberOrText(x.declared) },
      { value: numberOrText(x.expected) },
      { value: meta.fix },
      { value: SEVERITY_ZH[x.severity], fill: ANNOTATION_FILL[x.severity] },
      ...(marks ? [{ value: markText(marks.get(reviewKey(x))) || null }] : []),
    ];
    const lines = Math.max(...cells.map((c, j) => (c.value === null ? 1 : wrappedLines(String(c.value), WIDTHS[j]))));
    rows.push(cells.map((c) => ({ ...c, wrap: true })));
    heights.push(lines > 1 ? lines * WRAPPED_LINE : undefined);
  }
  if (all.length === 0) rows.push([{ value: '未发现问题' }]);
  return { rows, heights };
}

const ZIP = [0x50, 0x4b];

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
 * `sheets`: the reader's snapshots of the input. Required for a legacy (non-zip) input, which is
 * rebuilt from them; for .xlsx they give the merged areas (read from the file when omitted).
 * `options.marks` (the web checker's 忽略 / 已复核): a marked finding gets no fill and no comment,
 * as the add-in leaves it out of its highlights, and 核分审核意见 lists it with its mark in an
 * extra 复核标记 column.
 */
export async function annotateWorkbook(
  bytes: Uint8Array,
  reports: SheetReport[],
  sheets?: SheetSnapshot[],
  options: { marks?: readonly ReviewMark[] } = {},
): Promise<Uint8Array> {
  const isZip = bytes.length >= 2 && bytes[0] === ZIP[0] && bytes[1] === ZIP[1];
  if (!isZip && !sheets) throw new AnnotateError('暂不能为旧版 .xls/.et 工作簿生成批注副本：请先另存为 .xlsx');
  const snaps = sheets ?? readWorkbook(bytes).sheets;
  if (snaps.some((s) => s.sheet === ANNOTATION_SHEET)) {
    throw new AnnotateError(`这个文件已是核分批注副本（含“${ANNOTATION_SHEET}”工作表），请用原始文件生成批注副本`);
  }
  const names = new Set(snaps.map((s) => s.sheet));
  const all: Finding[] = reports.flatMap((r) => r.findings).filter((x) => names.has(x.sheet));
  const marks = options.marks ? new Map(options.marks.map((m) => [m.key, m])) : undefined;
  const flagged = marks ? all.filter((x) => !marks.has(reviewKey(x))) : all;
  const shown = byShownCell(flagged, new Map(snaps.map((s) => [s.sheet, s.merges])));
  const linkable = (x: Finding) => /^[A-Z]{1,3}[1-9][0-9]{0,6}$/.test(x.cell);
  const sheet = findingSheet(all, linkable, marks);
  return isZip ? patched(bytes, sheet, shown) : rebuilt(snaps, sheet, shown);
}

type FindingSheet = ReturnType<typeof findingSheet>;

function patched(bytes: Uint8Array, sheet: FindingSheet, shown: ReturnType<typeof byShownCell>): Uint8Array {
  const fills: CellPatch[] = [];
  const comments: CellComment[] = [];
  for (const { sheet, cell, list } of shown.values()) {
    fills.push({ sheet, cell, fill: ANNOTATION_FILL[worstOf(list)] });
    comments.push({ sheet, cell, text: noteText(list) });
  }
  try {
    return patchWorkbook(bytes, fills, {
      comments,
      sheets: [{ name: ANNOTATION_SHEET, ...sheet, widths: WIDTHS, frozenRows: 1 }],
    });
  } catch (e) {
    if (e instanceof PatchError) throw new AnnotateError(`无法生成批注副本：${e.message}`);
    throw e;
  }
}

async function rebuilt(snaps: SheetSnapshot[], sheet: FindingSheet, shown: ReturnType<typeof byShownCell>): Promise<Uint8Array> {
  const wb = fromSnapshots(snaps);
  for (const { sheet, cell: at, list } of shown.values()) {
    const cell = wb.getWorksheet(sheet)!.getCell(at);
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: ANNOTATION_FILL[worstOf(list)] } } };
    cell.note = noteText(list);
  }
  const ws = wb.addWorksheet(ANNOTATION_SHEET);
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  sheet.rows.forEach((row, i) => {
    const h = sheet.heights[i];
    if (h !== undefined) ws.getRow(i + 1).height = h;
    row.forEach((v, j) => {
      const c = ws.getCell(i + 1, j + 1);
      // A HYPERLINK formula, not a hyperlink record: ExcelJS's in-document links do not work in WPS.
      if (v.link) {
        c.value = { formula: hyperlinkFormula(v.link.sheet, v.link.cell, String(v.value)), result: String(v.value) } as ExcelJS.CellFormulaValue;
        c.font = { ...BASE_FONT, color: { argb: LINK_COLOR }, underline: true };
      } else if (v.value !== null) c.value = v.value;
      if (v.bold) c.font = { ...BASE_FONT, bold: true };
      if (v.fill) c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: v.fill } };
      if (v.wrap) c.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await wb.xlsx.writeBuffer(WRITE_OPTIONS));
}
