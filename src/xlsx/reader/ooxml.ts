/**
 * The .xlsx/.xlsm fast path: the package's directory, then one scan each over workbook.xml, its
 * relationships, styles.xml (number formats and cellXfs only), sharedStrings.xml and every sheet,
 * keeping only what a snapshot needs.
 *
 * Longer than 500 lines on purpose: the five part readers share one scanner loop style and the
 * cell-level traps (escapes, shared formulas, error and non-finite values, missing `r` attributes)
 * read best side by side; splitting them would scatter those traps over files.
 */
import type { CellRange, CellValue } from '../../core/index.js';
import { MESSAGES, WorkbookReadError, corrupt } from './errors.js';
import type { Deadline, ReadLimits } from './limits.js';
import { shiftFormula } from './shared-formula.js';
import { SparseCells, type SparseSheet } from './sparse.js';
import { Scanner, Tok, decodeXml, decodeXstring, unescapeXml } from './xml.js';
import { InflateBudget, inflateEntry, type ZipPackage } from './zip.js';

export interface SheetEntry {
  name: string;
  path: string;
  hidden: boolean;
}

export interface OoxmlPackage {
  zip: ZipPackage;
  macro: boolean;
  workbookPath: string;
  sheets: SheetEntry[];
  date1904: boolean;
  stylesPath: string | null;
  sharedStringsPath: string | null;
  budget: InflateBudget;
}

const REL_OFFICE_DOC = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_STYLES = /\/styles$/;
const REL_SST = /\/sharedStrings$/;

export function tooLarge(limits: ReadLimits): WorkbookReadError {
  const mb = Math.round(limits.maxUncompressedBytes / 1024 / 1024);
  return new WorkbookReadError('too-large', `文件解压后超过 ${mb} MB，超出读取上限（可能是异常或恶意文件）`);
}

export function readPart(pkg: { zip: ZipPackage; budget: InflateBudget }, path: string): string | null {
  const e = pkg.zip.byName.get(path);
  if (!e) return null;
  return decodeXml(inflateEntry(pkg.zip, e, pkg.budget), path);
}

/** "xl/worksheets/sheet1.xml" from a relationship target relative to its source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRels(xml: string | null, part: string): Rel[] {
  if (xml === null) return [];
  const sc = new Scanner(xml, part);
  const out: Rel[] = [];
  while (sc.next() !== Tok.End) {
    if (sc.tok !== Tok.Close && sc.name === 'Relationship') {
      const a = sc.attrs();
      out.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '', external: a.TargetMode === 'External' });
    }
  }
  return out;
}

export function openOoxml(zip: ZipPackage, limits: ReadLimits): OoxmlPackage {
  const budget = new InflateBudget(limits.maxUncompressedBytes, () => tooLarge(limits));
  const pkg0 = { zip, budget };
  const rootRels = parseRels(readPart(pkg0, '_rels/.rels'), '_rels/.rels');
  const main = rootRels.find((r) => REL_OFFICE_DOC.test(r.type) && !r.external);
  let workbookPath = main ? resolveTarget('', main.target) : 'xl/workbook.xml';
  if (!zip.byName.has(workbookPath) && zip.byName.has('xl/workbook.xml')) workbookPath = 'xl/workbook.xml';
  if (!zip.byName.has(workbookPath)) {
    if (zip.byName.has('xl/workbook.bin')) {
      throw new WorkbookReadError('not-a-workbook', '这是 Excel 二进制工作簿（.xlsb），核分不能读取：请另存为 .xlsx 后再检查');
    }
    if (zip.byName.has('EncryptedPackage')) throw new WorkbookReadError('encrypted', MESSAGES.encrypted);
    throw new WorkbookReadError('not-a-workbook', '这是一个压缩包，但不是 Excel/WPS 工作簿');
  }
  const types = readPart(pkg0, '[Content_Types].xml') ?? '';
  const macro = /macroEnabled\.main\+xml/i.test(types) || zip.byName.has('xl/vbaProject.bin');

  const rels = parseRels(readPart(pkg0, relsPathOf(workbookPath)), relsPathOf(workbookPath));
  const relById = new Map(rels.map((r) => [r.id, r]));
  const wbXml = readPart(pkg0, workbookPath)!;
  const sc = new Scanner(wbXml, workbookPath);
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  while (sc.next() !== Tok.End) {
    if (sc.tok === Tok.Close) continue;
    if (sc.name === 'workbookPr') {
      const v = sc.attr('date1904');
      date1904 = v === '1' || v === 'true';
    } else if (sc.name === 'sheet') {
      const a = sc.attrs();
      const rel = relById.get(a.id ?? '');
      // Chart sheets and dialog sheets hold no cells: skipped like the ExcelJS reader does.
      if (!rel || !REL_WORKSHEET.test(rel.type)) continue;
      const name = a.name ?? '';
      sheets.push({ name, path: resolveTarget(workbookPath, rel.target), hidden: a.state === 'hidden' || a.state === 'veryHidden' });
      if (sheets.length > limits.maxSheets) {
        throw new WorkbookReadError('too-many-sheets', `工作簿有超过 ${limits.maxSheets} 个工作表，超出读取上限`);
      }
    }
  }
  const styles = rels.find((r) => REL_STYLES.test(r.type));
  const sst = rels.find((r) => REL_SST.test(r.type));
  const sstPath = sst ? resolveTarget(workbookPath, sst.target) : null;
  const stylesPath = styles ? resolveTarget(workbookPath, styles.target) : null;

  // The declared sizes of everything to be read, before inflating any of it.
  let declared = 0;
  for (const p of [stylesPath, sstPath, ...sheets.map((s) => s.path)]) {
    const e = p ? zip.byName.get(p) : undefined;
    if (e) declared += e.size;
  }
  if (declared + budget.used > limits.maxUncompressedBytes) throw tooLarge(limits);

  return { zip, macro, workbookPath, sheets, date1904, stylesPath, sharedStringsPath: sstPath, budget };
}

/** Built-in number formats (ECMA-376 §18.8.30), with the zh-CN forms of the locale-dependent ids. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Number format of each cellXfs record, by index (the cell's `s`). */
export function parseStyles(xml: string | null, part: string): string[] {
  if (xml === null) return [];
  const custom = new Map<number, string>();
  const xfs: string[] = [];
  const xfIds: number[] = [];
  const sc = new Scanner(xml, part);
  let inCellXfs = false;
  while (sc.next() !== Tok.End) {
    const name = sc.name;
    if (sc.tok === Tok.Close) {
      if (name === 'cellXfs') inCellXfs = false;
      continue;
    }
    if (name === 'numFmt') {
      const id = Number(sc.attr('numFmtId'));
      const code = sc.attr('formatCode');
      if (Number.isInteger(id) && code !== null) custom.set(id, code);
    } else if (name === 'cellXfs') {
      inCellXfs = sc.tok === Tok.Open;
    } else if (name === 'xf' && inCellXfs) {
      const id = Number(sc.attr('numFmtId') ?? 0);
      xfIds.push(Number.isInteger(id) ? id : 0);
    }
  }
  for (const id of xfIds) xfs.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
  return xfs;
}

/** Shared strings: plain or rich runs joined; phonetic runs (<rPh>) left out. */
export function parseSharedStrings(xml: string | null, part: string, deadline: Deadline): string[] {
  if (xml === null) return [];
  const out: string[] = [];
  const sc = new Scanner(xml, part);
  let cur = '';
  let inSi = false;
  let inT = false;
  let n = 0;
  while (sc.next() !== Tok.End) {
    const name = sc.name;
    if (sc.tok === Tok.Close) {
      if (name === 't' && inT) {
        cur += sc.text();
        inT = false;
      } else if (name === 'si') {
        out.push(decodeXstring(cur));
        inSi = false;
        if ((++n & 0xfff) === 0) deadline.check();
      }
      continue;
    }
    if (name === 'si') {
      if (sc.tok === Tok.Empty) out.push('');
      else if (sc.qname === 'si' && plainString(sc, out)) {
        if ((++n & 0xfff) === 0) deadline.check();
      } else {
        inSi = true;
        cur = '';
      }
    } else if (!inSi) {
      continue;
    } else if (name === 'rPh' || name === 'phoneticPr') {
      sc.skipElement();
    } else if (name === 't' && sc.tok === Tok.Open) {
      inT = true;
    }
  }
  return out;
}

/**
 * `<t>text</t></si>` right after `<si>`, as most writers store a plain string: read straight from
 * the part and the <si> closed. False (nothing read) for anything else, left to the scanner.
 */
function plainString(sc: Scanner, out: string[]): boolean {
  const s = sc.s;
  const p = sc.pos;
  if (s.charCodeAt(p) !== 60 || s.charCodeAt(p + 1) !== 116 /* t */ || s.charCodeAt(p + 2) !== 62) return false;
  const lt = s.indexOf('<', p + 3);
  if (lt < 0 || !s.startsWith('</t></si>', lt)) return false;
  out.push(decodeXstring(unescapeXml(s, p + 3, lt, sc.part)));
  sc.closeAt(lt + 9);
  return true;
}

export interface SheetContext {
  sst: string[];
  xfFormats: string[];
  date1904: boolean;
  limits: ReadLimits;
  deadline: Deadline;
}

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;

/** A range "B2:C5" (or one cell, "$B$2"), corners in either order; null if malformed. */
function parseRange(ref: string): CellRange | null {
  const colon = ref.indexOf(':');
  if (!refAt(ref, 0, colon < 0 ? ref.length : colon)) return null;
  const r0 = refRow;
  const c0 = refCol;
  if (colon >= 0 && !refAt(ref, colon + 1, ref.length)) return null;
  return { top: Math.min(r0, refRow), left: Math.min(c0, refCol), bottom: Math.max(r0, refRow), right: Math.max(c0, refCol) };
}

// Set by refAt: the 0-based row and column of the reference just parsed.
let refRow = -1;
let refCol = -1;

/** Parses "B12" or "$B$12" in s[start, end) into refRow/refCol; false if malformed. */
function refAt(s: string, start: number, end: number): boolean {
  let i = start;
  let col = 0;
  if (s.charCodeAt(i) === 36) i++;
  const colStart = i;
  for (; i < end; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === colStart || i - colStart > 3) return false;
  if (i < end && s.charCodeAt(i) === 36) i++;
  const rowStart = i;
  let row = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
  }
  if (i === rowStart || row < 1 || row > 1_048_576 || col > 16_384) return false;
  refRow = row - 1;
  refCol = col - 1;
  return true;
}

function isoToSerial(s: string, date1904: boolean): number | null {
  const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(s) || !s.includes('T') ? s : `${s}Z`);
  if (!Number.isFinite(t)) return null;
  return t / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
}

/**
 * The number s[start, end) spells when it is written plainly — an optional minus, up to 15
 * digits with at most one point, nothing else — else NaN (the caller then goes through Number()).
 * Exact: a mantissa below 10^15 and a power of ten up to 10^15 are both exact doubles, so the
 * one division rounds correctly, as Number() would.
 */
function plainNumber(s: string, start: number, end: number): number {
  let i = start;
  const neg = s.charCodeAt(i) === 45;
  if (neg) i++;
  if (end - i < 1 || end - i > 16) return NaN;
  let m = 0;
  let point = -1;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) m = m * 10 + d;
    else if (d === -2 && point < 0) point = i;
    else return NaN;
  }
  if (point >= 0) {
    const decimals = end - point - 1;
    // "5." and "." are left to Number(); so are 16 digits with a point (more than 15 significant).
    if (decimals === 0 || point === (neg ? start + 1 : start) || end - start - (neg ? 2 : 1) > 15) return NaN;
    m /= POW10[decimals];
  } else if (end - start - (neg ? 1 : 0) > 15) return NaN;
  return neg ? -m : m;
}
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

interface SharedMaster {
  row: number;
  col: number;
  text: string;
}

// The cell types of ECMA-376 §18.18.11 (s, str, inlineStr, b, e, d, n); any other reads as a number.
const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;
const CHARS_PER_CELL = 24;

/** The character after a tag name: whitespace, `>` or `/`. */
function endsName(ch: number): boolean {
  return ch === 32 || ch === 62 || ch === 47 || ch === 10 || ch === 13 || ch === 9;
}

function cellType(s: string, start: number, end: number): number {
  const c = s.charCodeAt(start);
  switch (end - start) {
    case 1:
      return c === 115 ? T_S : c === 98 ? T_B : c === 101 ? T_E : c === 100 ? T_D : T_N;
    case 3:
      return s.startsWith('str', start) ? T_STR : T_N;
    case 9:
      return s.startsWith('inlineStr', start) ? T_INLINE : T_N;
    default:
      return T_N;
  }
}

/** One worksheet part → its cells (sparse) and merges. */
export function parseSheet(xml: string, part: string, name: string, ctx: SheetContext): SparseSheet {
  const { sst, xfFormats, date1904, limits, deadline } = ctx;
  const s = xml;
  const sc: Scanner = new Scanner(xml, part);
  // A cell takes 20–40 characters of XML as writers store it: room for that many, up front.
  const cells = new SparseCells(xml.length / CHARS_PER_CELL);
  const merges: CellRange[] = [];
  const shared = new Map<string, SharedMaster>();
  let used = 0;
  let rowIndex = -1;
  let colIndex = -1;
  let inSheetData = false;

  // The current cell. Its <v> is a span of the part (vStart ≥ 0) when read by the fast path, or
  // the text the scanner read (vText), or neither.
  let cRow = 0;
  let cCol = 0;
  let cType = T_N;
  let cFmt = 'General';
  let vStart = -1;
  let vEnd = -1;
  let vText: string | null = null;
  let fText: string | null = null;
  let isText: string | null = null;
  let inIs = false;
  let inT = false;
  let inCell = false;
  /** The cell's element is a plain `<c>` (no prefix) whose children the fast path may read. */
  let plainCell = false;
  let cellDepth = 0;
  /** The scanner's depth inside the current row while it is a plain `<row>`, else −1. */
  let rowDepth = -1;
  /** The depth inside a plain `<sheetData>` (where its rows open) while in it, else −1. */
  let sheetDepth = -1;
  let fAttrs: { t: string | null; si: string | null; ref: string | null } | null = null;

  /** The <c> tag's r, s and t, read from the scanner's attribute spans: no strings per cell. */
  const cellAttrs = () => {
    let row = -1;
    let col = -1;
    let style = -1;
    cType = T_N;
    const sp = sc.spans;
    for (let k = 0; k < sc.attrCount; k++) {
      const o = 4 * k;
      if (sp[o + 1] - sp[o] !== 1) continue;
      const v0 = sp[o + 2];
      const v1 = sp[o + 3];
      const n = s.charCodeAt(sp[o]);
      if (n === 114 /* r */) {
        if (!refAt(s, v0, v1)) sc.fail(`单元格地址无效 ${s.slice(v0, v1)}`);
        row = refRow;
        col = refCol;
      } else if (n === 115 /* s */) {
        let x = 0;
        for (let i = v0; i < v1; i++) {
          const d = s.charCodeAt(i) - 48;
          if (d < 0 || d > 9) sc.fail('单元格样式编号无效');
          x = x * 10 + d;
        }
        style = v1 > v0 ? x : -1;
      } else if (n === 116 /* t */) {
        cType = cellType(s, v0, v1);
      }
    }
    placeCell(row, col, style);
  };

  /**
   * A <c> tag as writers store it — ` r="…"`, ` s="…"`, ` t="…"`, each at most once, one space
   * before each, double quotes, a plain value — read straight from the part at s[p]. False for
   * anything else (nothing read): the scanner then reads the tag and reports what is wrong.
   */
  const quickCell = (p: number): boolean => {
    let i = p + 2;
    let row = -1;
    let col = -1;
    let style = -1;
    let type = T_N;
    let seen = 0;
    for (;;) {
      const ch = s.charCodeAt(i);
      if (ch === 62 /* > */ || ch === 47 /* / */) {
        if (ch === 47 && s.charCodeAt(i + 1) !== 62) return false;
        sc.enterAt(p, ch === 62 ? i + 1 : i + 2, 'c', ch === 47);
        cType = type;
        placeCell(row, col, style);
        return true;
      }
      const a = s.charCodeAt(i + 1);
      if (ch !== 32 || s.charCodeAt(i + 2) !== 61 || s.charCodeAt(i + 3) !== 34) return false;
      const v0 = i + 4;
      let v1 = v0;
      for (; ; v1++) {
        const c = s.charCodeAt(v1);
        if (c === 34) break;
        if (c === 60 || c === 38 || c !== c) return false; // <, &, or the end of the part
      }
      if (a === 114 /* r */ && !(seen & 1)) {
        if (!refAt(s, v0, v1)) return false;
        row = refRow;
        col = refCol;
        seen |= 1;
      } else if (a === 115 /* s */ && !(seen & 2)) {
        if (v1 === v0 || v1 - v0 > 9) return false;
        style = 0;
        for (let k = v0; k < v1; k++) {
          const d = s.charCodeAt(k) - 48;
          if (d < 0 || d > 9) return false;
          style = style * 10 + d;
        }
        seen |= 2;
      } else if (a === 116 /* t */ && !(seen & 4)) {
        type = cellType(s, v0, v1);
        seen |= 4;
      } else return false;
      i = v1 + 1;
    }
  };

  /** The current cell's address (from r, or after the previous cell when r is absent) and format. */
  const placeCell = (row: number, col: number, style: number) => {
    if (row >= 0) {
      cRow = row;
      cCol = col;
    } else {
      cRow = rowIndex < 0 ? 0 : rowIndex;
      cCol = colIndex + 1;
      if (cCol > 16_383) sc.fail('一行的单元格超过 16384 个');
    }
    cFmt = style < 0 ? 'General' : (xfFormats[style] ?? 'General');
  };

  const cellValue = (): CellValue => {
    if (isText !== null) return decodeXstring(isText);
    if (vStart >= 0) {
      // The common cases straight from the part: a shared-string index, a plain number.
      if (cType === T_S) {
        const k = plainNumber(s, vStart, vEnd);
        if (Number.isInteger(k) && k >= 0 && k < sst.length) return sst[k];
      } else if (cType === T_N) {
        const n = plainNumber(s, vStart, vEnd);
        if (n === n) return n;
      }
      vText = unescapeXml(s, vStart, vEnd, part);
    }
    if (vText === null) return null;
    switch (cType) {
      case T_S: {
        const k = Number(vText);
        if (!Number.isInteger(k) || k < 0 || k >= sst.length) sc.fail(`单元格引用了不存在的共享字符串 ${vText}`);
        return sst[k];
      }
      case T_STR:
      case T_INLINE:
        return decodeXstring(vText);
      case T_B:
        return vText.trim() === '1' || vText.trim() === 'true';
      case T_E:
        return vText.trim();
      case T_D:
        return isoToSerial(vText.trim(), date1904) ?? vText;
      default: {
        const t = vText.trim();
        const n = t === '' ? NaN : Number(t);
        // NaN, Infinity and 1e999 never enter a snapshot as numbers: the stored text stays.
        return Number.isFinite(n) ? n : t === '' ? null : t;
      }
    }
  };

  const finishCell = () => {
    let value = cellValue();
    if (value === '') value = null;
    if (value === null && fText === null) {
      // Formatting only: kept for the format of a blank cell inside the used area.
      if (cFmt === 'General' || cells.count >= limits.maxCellsPerSheet) return;
      cells.add(cRow, cCol, cFmt, undefined, null);
      return;
    }
    used++;
    if (used > limits.maxCellsPerSheet) {
      throw new WorkbookReadError('too-many-cells', `工作表“${name}”的单元格超过 ${limits.maxCellsPerSheet.toLocaleString('en-US')} 个，超出读取上限`);
    }
    if ((used & 0xfff) === 0) deadline.check();
    cells.add(cRow, cCol, cFmt, value, fText);
  };

  /**
   * The fast path, entered just after a <c> tag: the cell's children as writers usually store
   * them — `<v>…</v>` and `<f>…</f>` without attributes, then `</c>` — read straight from the
   * part, no token per tag, then the row's next `<c` (its tag read and checked by the scanner),
   * and so on. It stops at anything else (attributes on a child, a prefix, CDATA, whitespace,
   * other elements, the row's end) and leaves the rest to the scanner from there, so every check
   * still applies to what it did not read.
   */
  const fastCells = () => {
    let p = sc.pos;
    for (;;) {
      if (inCell) {
        if (s.charCodeAt(p) !== 60) break;
        const c1 = s.charCodeAt(p + 1);
        if (c1 === 118 /* v */ || c1 === 102 /* f */) {
          if (s.charCodeAt(p + 2) !== 62) break;
          const start = p + 3;
          const lt = s.indexOf('<', start);
          if (lt < 0 || s.charCodeAt(lt + 1) !== 47 || s.charCodeAt(lt + 2) !== c1 || s.charCodeAt(lt + 3) !== 62) break;
          if (c1 === 118) {
            vStart = start;
            vEnd = lt;
            vText = null;
          } else {
            fAttrs = null;
            fText = closeFormula(unescapeXml(s, start, lt, part));
          }
          p = lt + 4;
          continue;
        }
        if (c1 !== 47 || s.charCodeAt(p + 2) !== 99 /* c */ || s.charCodeAt(p + 3) !== 62) break;
        sc.closeAt(p + 4);
        inCell = false;
        finishCell();
        p += 4;
      }
      if (s.charCodeAt(p) !== 60 || s.charCodeAt(p + 1) !== 99 || !endsName(s.charCodeAt(p + 2))) {
        // The row's end and the next row's start, as writers store them: `</row><row r="…" …>`.
        if (rowDepth >= 0 && sc.depth === rowDepth && s.startsWith('</row>', p)) {
          sc.closeAt(p + 6);
          p += 6;
          rowDepth = -1;
        }
        if (rowDepth < 0 && sheetDepth >= 0 && sc.depth === sheetDepth && s.startsWith('<row', p) && endsName(s.charCodeAt(p + 4)) && quickRow(p)) {
          p = sc.pos;
          continue;
        }
        break;
      }
      if (quickCell(p)) beginCell();
      else {
        sc.openTagAt(p);
        openCell();
      }
      p = sc.pos;
    }
    sc.pos = p;
  };

  /**
   * A <row> tag at s[p] as writers store it — ` name="value"` pairs, one space before each, double
   * quotes, values without `<` or `&`, at most a plain `r` of digits — taken as the scanner would
   * take it. False (nothing read) for anything else, left to the scanner.
   */
  const quickRow = (p: number): boolean => {
    let i = p + 4;
    let row = -1;
    for (;;) {
      const ch = s.charCodeAt(i);
      if (ch === 62 /* > */ || ch === 47 /* / */) {
        if (ch === 47 && s.charCodeAt(i + 1) !== 62) return false;
        const empty = ch === 47;
        sc.enterAt(p, empty ? i + 2 : i + 1, 'row', empty);
        rowIndex = row >= 0 ? row : rowIndex + 1;
        colIndex = -1;
        rowDepth = empty ? -1 : sc.depth;
        return true;
      }
      if (ch !== 32) return false;
      const n0 = i + 1;
      let n1 = n0;
      for (; ; n1++) {
        const c = s.charCodeAt(n1);
        if (c === 61 /* = */) break;
        // Name characters only (letters, digits, `:`, `_`, `-`, `.`); anything else is the scanner's to judge.
        if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46)) return false;
      }
      if (n1 === n0 || s.charCodeAt(n1 + 1) !== 34) return false;
      const v0 = n1 + 2;
      let v1 = v0;
      for (; ; v1++) {
        const c = s.charCodeAt(v1);
        if (c === 34) break;
        if (c === 60 || c === 38 || c !== c) return false; // <, &, or the end of the part
      }
      if (s.charCodeAt(n1 - 1) === 114 /* r */ && (n1 - n0 === 1 || s.charCodeAt(n1 - 2) === 58)) {
        // The first attribute named r (any prefix) gives the row, as sc.attr('r') does.
        if (row < 0) {
          if (n1 - n0 !== 1 || v1 === v0 || v1 - v0 > 7) return false;
          let x = 0;
          for (let k = v0; k < v1; k++) {
            const d = s.charCodeAt(k) - 48;
            if (d < 0 || d > 9) return false;
            x = x * 10 + d;
          }
          if (x < 1 || x > 1_048_576) return false;
          row = x - 1;
        }
      }
      i = v1 + 1;
    }
  };

  /** A <c> tag just read by the scanner: its address, type and format; an empty one is finished at once. */
  const openCell = () => {
    cellAttrs();
    beginCell();
  };

  const beginCell = () => {
    if (rowIndex < 0) rowIndex = cRow;
    colIndex = cCol;
    vStart = -1;
    vText = null;
    fText = null;
    isText = null;
    fAttrs = null;
    inIs = inT = false;
    if (sc.tok === Tok.Empty) {
      inCell = false;
      finishCell();
    } else {
      inCell = true;
      plainCell = sc.qname === 'c';
      cellDepth = sc.depth;
    }
  };

  while (sc.next() !== Tok.End) {
    const tag = sc.name;
    if (sc.tok === Tok.Close) {
      if (!inCell) {
        if (tag === 'sheetData') {
          inSheetData = false;
          sheetDepth = -1;
        } else if (tag === 'row') rowDepth = -1;
        continue;
      }
      switch (tag) {
        case 'v':
          vText = sc.text();
          vStart = -1;
          break;
        case 't':
          if (inIs && inT) {
            isText = (isText ?? '') + sc.text();
            inT = false;
          }
          break;
        case 'is':
          inIs = false;
          isText ??= '';
          break;
        case 'f':
          fText = closeFormula(sc.text());
          break;
        case 'c':
          inCell = false;
          finishCell();
          continue;
        default:
      }
      if (plainCell && sc.depth === cellDepth) fastCells();
      continue;
    }
    // Open or empty tags.
    if (inCell) {
      if (tag === 'f') {
        fAttrs = { t: sc.attr('t'), si: sc.attr('si'), ref: sc.attr('ref') };
        if (sc.tok === Tok.Empty) fText = closeFormula('');
      } else if (tag === 'is') {
        inIs = sc.tok === Tok.Open;
        if (!inIs) isText = '';
      } else if (tag === 't' && inIs) {
        inT = sc.tok === Tok.Open;
      } else if (tag === 'rPh' && inIs) {
        sc.skipElement();
      } else if (tag === 'v' && sc.tok === Tok.Empty) {
        vText = '';
        vStart = -1;
      }
      if (sc.tok === Tok.Empty && plainCell && sc.depth === cellDepth) fastCells();
      continue;
    }
    if (tag === 'sheetData') {
      inSheetData = sc.tok === Tok.Open;
      sheetDepth = inSheetData && sc.qname === 'sheetData' ? sc.depth : -1;
    } else if (tag === 'row' && inSheetData) {
      const r = sc.attr('r');
      if (r !== null) {
        const n = Number(r);
        if (!Number.isInteger(n) || n < 1 || n > 1_048_576) sc.fail(`行号无效 ${r}`);
        rowIndex = n - 1;
      } else {
        rowIndex++;
      }
      colIndex = -1;
      rowDepth = sc.tok === Tok.Open && sc.qname === 'row' ? sc.depth : -1;
      if (sc.tok === Tok.Open) fastCells();
    } else if (tag === 'c' && inSheetData) {
      openCell();
      if (inCell ? plainCell : sc.qname === 'c') fastCells();
    } else if (tag === 'mergeCell') {
      const ref = sc.attr('ref');
      const m = ref === null ? null : parseRange(ref);
      if (!m) sc.fail(`合并区域无效 ${ref}`);
      if (m.top !== m.bottom || m.left !== m.right) merges.push(m);
    }
  }
  return { name, cells, merges, used };

  /** A formula's text with "=", shared formulas resolved from their master. */
  function closeFormula(raw: string): string | null {
    const a = fAttrs;
    if (a?.t === 'dataTable') return null;
    if (a?.t === 'shared' && a.si !== null) {
      if (raw.trim() !== '') {
        shared.set(a.si, { row: cRow, col: cCol, text: raw });
      } else {
        const m = shared.get(a.si);
        // A dependent without its master (a corrupt file Excel would repair): still a formula.
        if (!m) return '=#REF!';
        raw = shiftFormula(m.text, cRow - m.row, cCol - m.col);
      }
    }
    if (raw.trim() === '') return null;
    return raw.startsWith('=') ? raw : `=${raw}`;
  }
}
