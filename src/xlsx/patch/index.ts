/**
 * Writes cells into an .xlsx/.xlsm package by patching it: only the target cells' XML in their
 * sheet parts changes; a number format or fill goes through a new cellXfs record appended to
 * styles.xml (a copy of the cell's own, so cells that shared it keep theirs); a formula replaced
 * by a value leaves calcChain.xml too; new values in a workbook with formulas set fullCalcOnLoad in
 * workbook.xml's calcPr, so dependent formulas are recalculated on open. Every other entry is copied with its compressed bytes as
 * they were. Values go in as numbers or inline strings, so sharedStrings.xml is untouched.
 *
 * Comments (批注) and new worksheets come through `extras`: a comment adds to (or creates) the
 * sheet's comments part and VML drawing; a new sheet is appended after the others. They change
 * the sheet's relationships, workbook.xml(+rels) and [Content_Types].xml by insertion only.
 *
 * Formulas: a value over a formula cell replaces the formula unless `keepFormula` is set, in which
 * case the formula stays and the value becomes its cached result. Cells that are part of a shared
 * formula's master or an array formula range are refused (rewriting them would change other cells).
 */
import { parseA1, toA1 } from '../../core/index.js';
import { resolveLimits } from '../reader/limits.js';
import { openOoxml, readPart, relsPathOf, parseRels, resolveTarget } from '../reader/ooxml.js';
import { Scanner, Tok } from '../reader/xml.js';
import { openZip, type ZipEntry, type ZipPackage } from '../reader/zip.js';
import { WorkbookReadError } from '../reader/errors.js';
import { hasFormula, withFullCalcOnLoad } from './calc-pr.js';
import { addSheetComments, type CellComment, type CommentTarget } from './comments.js';
import { addSheet, type NewSheet } from './new-sheet.js';
import { PackageEditor } from './parts.js';
import { StyleSheet, setAttr } from './styles.js';
import { PatchError, applyEdits, escapeAttr, escapeText } from './xml-out.js';
import { deflatedEntry, writeZip, type OutEntry } from './zip-write.js';

export { PatchError } from './xml-out.js';
export { hyperlinkFormula, checkSheetName } from './new-sheet.js';
export { packageExtension, withExtension, type PackageExtension } from './extension.js';
export type { CellComment } from './comments.js';
export type { NewSheet, NewCell, NewCellSpec } from './new-sheet.js';

/** What a patch adds besides cell values and formats. */
export interface PatchExtras {
  /** At most one per cell; added below a comment the cell already has. */
  comments?: CellComment[];
  /** Appended after the workbook's sheets, in this order. */
  sheets?: NewSheet[];
}

/** Excel's limit on a comment's text. */
const MAX_COMMENT = 32_767;

export interface CellPatch {
  sheet: string;
  /** A1. */
  cell: string;
  /** Omitted = keep; a number must be finite. */
  value?: number | string | null;
  /** Applied through a NEW style record, never editing a shared one. */
  numberFormat?: string;
  /** ARGB like 'FFFFC7CE'; through a new style record too. */
  fill?: string;
  /** Default false: a value replaces a formula; true keeps the formula and writes the value as its cached result. */
  keepFormula?: boolean;
}

interface Target {
  row: number;
  col: number;
  ref: string;
  patches: CellPatch[];
}

interface CellSpan {
  col: number;
  start: number;
  end: number;
}

interface RowSpan {
  r: number;
  openStart: number;
  openEnd: number;
  /** Offset of </row>, or -1 for <row/>. */
  closeStart: number;
  cells: CellSpan[];
}


export function patchWorkbook(xlsxBytes: Uint8Array, patches: CellPatch[], extras: PatchExtras = {}): Uint8Array {
  for (const p of patches) validate(p);
  const comments = extras.comments ?? [];
  const newSheets = extras.sheets ?? [];
  let zip: ZipPackage;
  try {
    zip = openZip(xlsxBytes);
  } catch (e) {
    throw new PatchError(e instanceof WorkbookReadError ? e.message : '文件不是有效的 .xlsx 工作簿');
  }
  const pkg = openOoxml(zip, resolveLimits());
  const sheetPath = new Map(pkg.sheets.map((s) => [s.name, s.path]));
  const sheetIdOf = sheetIds(pkg.workbookPath, readPart(pkg, pkg.workbookPath) ?? '');

  // Group by sheet, then by cell (in order: later patches of a cell override earlier ones).
  const bySheet = new Map<string, Map<string, Target>>();
  for (const p of patches) {
    if (!sheetPath.has(p.sheet)) throw new PatchError(`工作簿中没有工作表“${p.sheet}”`);
    const { row, col } = parseA1(p.cell);
    if (row < 0 || col < 0 || row > 1_048_575 || col > 16_383) throw new PatchError(`单元格地址超出范围：${p.cell}`);
    const cells = bySheet.get(p.sheet) ?? new Map<string, Target>();
    bySheet.set(p.sheet, cells);
    const key = `${row},${col}`;
    const t = cells.get(key) ?? { row, col, ref: toA1(row, col), patches: [] };
    t.patches.push(p);
    cells.set(key, t);
  }

  const notesBySheet = new Map<string, CommentTarget[]>();
  for (const c of comments) {
    if (typeof c.sheet !== 'string' || typeof c.cell !== 'string' || typeof c.text !== 'string') throw new PatchError('批注缺少工作表、单元格或内容');
    if (!sheetPath.has(c.sheet)) throw new PatchError(`工作簿中没有工作表“${c.sheet}”`);
    const { row, col } = parseA1(c.cell);
    if (row < 0 || col < 0 || row > 1_048_575 || col > 16_383) throw new PatchError(`单元格地址超出范围：${c.cell}`);
    const list = notesBySheet.get(c.sheet) ?? [];
    list.push({ ref: toA1(row, col), row, col, text: c.text.slice(0, MAX_COMMENT), author: c.author ?? '核分' });
    notesBySheet.set(c.sheet, list);
  }

  const ed = new PackageEditor(pkg);
  const styles = pkg.stylesPath ? new StyleSheet(readPart(pkg, pkg.stylesPath) ?? '') : null;
  const removedFormulas: { sheetId: string; ref: string }[] = [];
  for (const [sheet, path] of sheetPath) {
    const targets = bySheet.get(sheet);
    const notes = notesBySheet.get(sheet);
    if (!targets && !notes) continue;
    let xml = readPart(pkg, path);
    if (xml === null) throw new PatchError(`缺少工作表“${sheet}”的内容`);
    if (targets) xml = patchSheet(xml, path, sheet, [...targets.values()], styles, (ref) => removedFormulas.push({ sheetId: sheetIdOf.get(sheet) ?? '', ref }));
    if (notes) xml = addSheetComments(ed, path, xml, notes);
    ed.write(path, xml);
  }
  const names = pkg.sheets.map((s) => s.name);
  for (const sheet of newSheets) {
    addSheet(ed, pkg.workbookPath, names, sheet, styles);
    names.push(sheet.name);
  }
  if (styles?.changed) ed.write(pkg.stylesPath!, styles.serialize());
  // New values leave the formulas that read them with stale cached results: recalculate on open.
  if (patches.some((p) => p.value !== undefined) && pkg.sheets.some((s) => hasFormula(ed.read(s.path) ?? ''))) {
    const wb = ed.read(pkg.workbookPath);
    const next = wb === null ? null : withFullCalcOnLoad(wb, pkg.workbookPath);
    if (next !== null && next !== wb) ed.write(pkg.workbookPath, next);
  }
  if (removedFormulas.length) {
    const calcPath = calcChainPath(pkg.workbookPath, readPart(pkg, relsPathOf(pkg.workbookPath)));
    const calc = calcPath ? readPart(pkg, calcPath) : null;
    if (calcPath && calc !== null) {
      const next = dropCalcChainCells(calc, calcPath, removedFormulas);
      if (next !== calc) ed.write(calcPath, next);
    }
  }
  const { replaced, added } = ed.changes();
  return rezip(zip, replaced, added);
}

function validate(p: CellPatch): void {
  if (typeof p.sheet !== 'string' || typeof p.cell !== 'string') throw new PatchError('写入请求缺少工作表或单元格');
  const v = p.value;
  if (v !== undefined && v !== null && typeof v !== 'number' && typeof v !== 'string') {
    throw new PatchError(`单元格 ${p.cell} 的值类型无效`);
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new PatchError(`单元格 ${p.cell} 的值不是有效数字（${String(v)}），已拒绝写入`);
  if (p.numberFormat !== undefined && (typeof p.numberFormat !== 'string' || p.numberFormat === '' || p.numberFormat.length > 255)) {
    throw new PatchError(`单元格 ${p.cell} 的数字格式无效`);
  }
}


function sheetIds(path: string, xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const sc = new Scanner(xml, path);
  while (sc.next() !== Tok.End) {
    if (sc.tok !== Tok.Close && sc.name === 'sheet') {
      const a = sc.attrs();
      if (a.name !== undefined && a.sheetId !== undefined) out.set(a.name, a.sheetId);
    }
  }
  return out;
}

function parseRefAt(ref: string): { row: number; col: number } | null {
  try {
    return parseA1(ref);
  } catch {
    return null;
  }
}

/** Positions of every row and cell element in the sheet XML. */
function layout(sc: Scanner): { rows: RowSpan[]; sheetData: { openStart: number; openEnd: number; closeStart: number } | null } {
  const rows: RowSpan[] = [];
  let sheetData: { openStart: number; openEnd: number; closeStart: number } | null = null;
  let row: RowSpan | null = null;
  let cellStart = -1;
  let cellCol = -1;
  let lastRow = -1;
  let lastCol = -1;
  while (sc.next() !== Tok.End) {
    const name = sc.name;
    if (sc.tok === Tok.Close) {
      if (name === 'c' && cellStart >= 0) {
        row!.cells.push({ col: cellCol, start: cellStart, end: sc.tagEnd });
        cellStart = -1;
      } else if (name === 'row' && row) {
        row.closeStart = sc.tagStart;
        row = null;
      } else if (name === 'sheetData' && sheetData) {
        sheetData.closeStart = sc.tagStart;
      }
      continue;
    }
    if (name === 'sheetData') {
      sheetData = { openStart: sc.tagStart, openEnd: sc.tagEnd, closeStart: -1 };
    } else if (name === 'row' && sheetData && sheetData.closeStart < 0) {
      const r = sc.attr('r');
      const n = r === null ? lastRow + 1 : Number(r) - 1;
      lastRow = n;
      lastCol = -1;
      row = { r: n, openStart: sc.tagStart, openEnd: sc.tagEnd, closeStart: -1, cells: [] };
      rows.push(row);
      if (sc.tok === Tok.Empty) row = null;
    } else if (name === 'c' && row) {
      const r = sc.attr('r');
      const pos = r === null ? null : parseRefAt(r);
      cellCol = pos ? pos.col : lastCol + 1;
      lastCol = cellCol;
      if (sc.tok === Tok.Empty) row.cells.push({ col: cellCol, start: sc.tagStart, end: sc.tagEnd });
      else cellStart = sc.tagStart;
    }
  }
  return { rows, sheetData };
}

interface CellParts {
  attrs: Record<string, string>;
  /** The whole <f>…</f> element as written, or null. */
  formulaXml: string | null;
  formula: { t: string | null; ref: string | null; si: string | null; text: string } | null;
  /** The <v> text, or null. */
  value: string | null;
  type: string;
  /** Everything between <c …> and </c>, as written. */
  innerXml: string;
  /** Namespace prefix of the cell's tag ("x:" or ""). */
  prefix: string;
}

function parseCell(xml: string, part: string): CellParts {
  const sc = new Scanner(xml, part);
  let attrs: Record<string, string> = {};
  let formulaXml: string | null = null;
  let formula: CellParts['formula'] = null;
  let fStart = -1;
  let value: string | null = null;
  let innerStart = -1;
  let innerXml = '';
  const prefix = /^<([A-Za-z_][\w.-]*:)?/.exec(xml)?.[1] ?? '';
  while (sc.next() !== Tok.End) {
    if (sc.name === 'c' && sc.tok !== Tok.Close && sc.depth <= 1) {
      attrs = sc.attrs();
      innerStart = sc.tok === Tok.Open ? sc.tagEnd : -1;
    } else if (sc.name === 'c' && sc.tok === Tok.Close && sc.depth === 0 && innerStart >= 0) innerXml = xml.slice(innerStart, sc.tagStart);
    else if (sc.name === 'f') {
      if (sc.tok === Tok.Open) {
        fStart = sc.tagStart;
        formula = { t: sc.attr('t'), ref: sc.attr('ref'), si: sc.attr('si'), text: '' };
      } else if (sc.tok === Tok.Empty) {
        formula = { t: sc.attr('t'), ref: sc.attr('ref'), si: sc.attr('si'), text: '' };
        formulaXml = xml.slice(sc.tagStart, sc.tagEnd);
      } else {
        formula!.text = sc.text();
        formulaXml = xml.slice(fStart, sc.tagEnd);
      }
    } else if (sc.name === 'v' && sc.tok === Tok.Close) value = sc.text();
  }
  return { attrs, formulaXml, formula, value, type: attrs.t ?? 'n', innerXml, prefix };
}

function patchSheet(
  xml: string,
  part: string,
  sheet: string,
  targets: Target[],
  styles: StyleSheet | null,
  onFormulaRemoved: (ref: string) => void,
): string {
  const { rows, sheetData } = layout(new Scanner(xml, part));
  if (!sheetData) throw new PatchError(`工作表“${sheet}”没有单元格数据区`);
  const rowByIndex = new Map(rows.map((r) => [r.r, r]));
  const edits: { at: number; end: number; text: string }[] = [];
  const newRows = new Map<number, Target[]>();
  const newCellsInRow = new Map<RowSpan, Target[]>();

  for (const t of targets) {
    const row = rowByIndex.get(t.row);
    const cell = row?.cells.find((c) => c.col === t.col);
    if (cell) {
      const old = xml.slice(cell.start, cell.end);
      edits.push({ at: cell.start, end: cell.end, text: cellXml(t, parseCell(old, part), styles, sheet, onFormulaRemoved) });
    } else if (row) {
      const list = newCellsInRow.get(row) ?? [];
      list.push(t);
      newCellsInRow.set(row, list);
    } else {
      const list = newRows.get(t.row) ?? [];
      list.push(t);
      newRows.set(t.row, list);
    }
  }
  const prefix = /^<([A-Za-z_][\w.-]*:)?/.exec(xml.slice(sheetData.openStart))?.[1] ?? '';
  const blank: CellParts = { attrs: {}, formulaXml: null, formula: null, value: null, type: 'n', innerXml: '', prefix };
  const fresh = (t: Target) => cellXml(t, blank, styles, sheet, onFormulaRemoved);

  for (const [row, list] of newCellsInRow) {
    list.sort((a, b) => a.col - b.col);
    if (row.closeStart < 0) {
      // <row .../> becomes <row ...>cells</row>.
      const open = xml.slice(row.openStart, row.openEnd).replace(/\s*\/>$/, '>');
      const qname = /^<([^\s/>]+)/.exec(open)![1];
      edits.push({ at: row.openStart, end: row.openEnd, text: `${open}${list.map(fresh).join('')}</${qname}>` });
      continue;
    }
    for (const t of list) {
      const after = row.cells.find((c) => c.col > t.col);
      const at = after ? after.start : row.closeStart;
      edits.push({ at, end: at, text: fresh(t) });
    }
  }
  for (const [r, list] of [...newRows].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.col - b.col);
    const text = `<${prefix}row r="${r + 1}">${list.map(fresh).join('')}</${prefix}row>`;
    const after = rows.find((x) => x.r > r);
    if (after) edits.push({ at: after.openStart, end: after.openStart, text });
    else if (sheetData.closeStart >= 0) edits.push({ at: sheetData.closeStart, end: sheetData.closeStart, text });
    else {
      const open = xml.slice(sheetData.openStart, sheetData.openEnd).replace(/\s*\/>$/, '>');
      edits.push({ at: sheetData.openStart, end: sheetData.openEnd, text: `${open}${text}</${prefix}sheetData>` });
    }
  }
  // inserts at one offset keep their column order
  return applyEdits(xml, edits);
}

function cellXml(t: Target, cell: CellParts, styles: StyleSheet | null, sheet: string, onFormulaRemoved: (ref: string) => void): string {
  let value: number | string | null | undefined;
  let numberFormat: string | undefined;
  let fill: string | undefined;
  let keepFormula = false;
  for (const p of t.patches) {
    if (p.value !== undefined) {
      value = p.value;
      keepFormula = !!p.keepFormula;
    }
    if (p.numberFormat !== undefined) numberFormat = p.numberFormat;
    if (p.fill !== undefined) fill = p.fill;
  }
  const where = `工作表“${sheet}”的 ${t.ref}`;
  const f = cell.formula;
  if (value !== undefined && f) {
    if (f.t === 'shared' && f.ref && f.text.trim() !== '') throw new PatchError(`${where} 是共享公式的起始单元格，改写它会影响其他单元格，已拒绝写入`);
    if (f.t === 'array' && f.ref && f.ref.includes(':') && f.ref.split(':')[0] !== f.ref.split(':')[1]) {
      throw new PatchError(`${where} 属于数组公式区域，不能单独改写`);
    }
  }
  // A numeric cell takes only a finite number (or is cleared).
  const numeric = (cell.type === 'n' && cell.value !== null && cell.value.trim() !== '') || (f !== null && cell.type === 'n' && cell.value !== null);
  if (typeof value === 'string' && numeric) throw new PatchError(`${where} 是数值单元格，不能写入文本“${value}”`);

  const attrs: Record<string, string> = { ...cell.attrs };
  attrs.r = t.ref;
  if (numberFormat !== undefined || fill !== undefined) {
    if (!styles) throw new PatchError('工作簿没有样式表（styles.xml），无法写入格式');
    const base = Number(cell.attrs.s ?? 0);
    attrs.s = String(styles.derive(Number.isInteger(base) ? base : 0, numberFormat, fill));
  }
  if (value === undefined) {
    // Format only: the cell's content stays exactly as it was.
    return rebuild(cell.prefix, attrs, cell.innerXml);
  }
  delete attrs.t;
  delete attrs.vm; // value metadata belongs to the old value
  let inner = '';
  const formulaStays = !!f && keepFormula;
  if (formulaStays) inner += cell.formulaXml ?? '';
  else {
    delete attrs.cm;
    if (f) onFormulaRemoved(t.ref);
  }
  const x = cell.prefix;
  if (typeof value === 'number') {
    inner += `<${x}v>${String(value)}</${x}v>`;
  } else if (typeof value === 'string') {
    if (formulaStays) {
      attrs.t = 'str';
      inner += `<${x}v>${escapeText(value)}</${x}v>`;
    } else {
      attrs.t = 'inlineStr';
      inner += `<${x}is><${x}t xml:space="preserve">${escapeText(value)}</${x}t></${x}is>`;
    }
  }
  return rebuild(x, attrs, inner);
}

function rebuild(prefix: string, attrs: Record<string, string>, inner: string): string {
  const order = ['r', 's', 't', 'cm', 'vm', 'ph'];
  const keys = [...order.filter((k) => k in attrs), ...Object.keys(attrs).filter((k) => !order.includes(k))];
  let head = `<${prefix}c`;
  for (const k of keys) head += ` ${k}="${escapeAttr(attrs[k])}"`;
  return inner ? `${head}>${inner}</${prefix}c>` : `${head}/>`;
}

function calcChainPath(workbookPath: string, relsXml: string | null): string | null {
  const rel = parseRels(relsXml, relsPathOf(workbookPath)).find((r) => /\/calcChain$/.test(r.type));
  return rel ? resolveTarget(workbookPath, rel.target) : null;
}

/** calcChain.xml without the cells whose formulas were removed (an omitted i repeats the previous one). */
function dropCalcChainCells(xml: string, part: string, removed: { sheetId: string; ref: string }[]): string {
  const gone = new Set(removed.map((x) => `${x.sheetId}!${x.ref}`));
  const sc = new Scanner(xml, part);
  const edits: { at: number; end: number; text: string }[] = [];
  let sheet = '';
  let pendingSheet: string | null = null;
  while (sc.next() !== Tok.End) {
    if (sc.name !== 'c' || sc.tok === Tok.Close) continue;
    const i = sc.attr('i');
    if (i !== null) sheet = i;
    const r = (sc.attr('r') ?? '').replace(/\$/g, '');
    const tag = xml.slice(sc.tagStart, sc.tagEnd);
    if (gone.has(`${sheet}!${r}`)) {
      edits.push({ at: sc.tagStart, end: sc.tagEnd, text: '' });
      if (i !== null) pendingSheet = i;
      continue;
    }
    if (pendingSheet !== null && i === null) edits.push({ at: sc.tagStart, end: sc.tagEnd, text: setAttr(tag, 'i', pendingSheet) });
    pendingSheet = null;
  }
  return edits.length ? applyEdits(xml, edits) : xml;
}

function rezip(zip: ZipPackage, replaced: Map<string, Uint8Array>, added: Map<string, Uint8Array>): Uint8Array {
  const entries: OutEntry[] = zip.entries.map((e: ZipEntry) => {
    const time = e.central[12] | (e.central[13] << 8);
    const date = e.central[14] | (e.central[15] << 8);
    const content = replaced.get(e.name);
    if (content) return deflatedEntry(e.name, content, { time, date, flags: e.flags & 0x800 });
    return {
      name: e.name,
      method: e.method,
      crc: e.crc,
      compressedSize: e.compressedSize,
      size: e.size,
      data: zip.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize),
      flags: e.flags & ~0x8,
      time,
      date,
    };
  });
  // New parts carry the workbook part's timestamp, so the same input gives the same bytes.
  const like = entries.find((e) => /workbook\.xml$/.test(e.name)) ?? entries[0];
  for (const [name, content] of added) entries.push(deflatedEntry(name, content, { time: like?.time, date: like?.date }));
  return writeZip(entries);
}

