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
import type { SparseRow, SparseSheet } from './sparse.js';
import { Scanner, Tok, decodeXml, decodeXstring } from './xml.js';
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
      else {
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

/** "B12" or "$B$12" → [row, col] (0-based); null if malformed. */
function parseRef(ref: string): [number, number] | null {
  let i = 0;
  let col = 0;
  const n = ref.length;
  if (ref.charCodeAt(i) === 36) i++;
  const colStart = i;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === colStart || i - colStart > 3) return null;
  if (ref.charCodeAt(i) === 36) i++;
  const rowStart = i;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  if (i === rowStart || row < 1 || row > 1_048_576 || col > 16_384) return null;
  return [row - 1, col - 1];
}

function parseRange(ref: string): CellRange | null {
  const colon = ref.indexOf(':');
  const a = parseRef(colon < 0 ? ref : ref.slice(0, colon));
  const b = colon < 0 ? a : parseRef(ref.slice(colon + 1));
  if (!a || !b) return null;
  return { top: Math.min(a[0], b[0]), left: Math.min(a[1], b[1]), bottom: Math.max(a[0], b[0]), right: Math.max(a[1], b[1]) };
}

function isoToSerial(s: string, date1904: boolean): number | null {
  const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(s) || !s.includes('T') ? s : `${s}Z`);
  if (!Number.isFinite(t)) return null;
  return t / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
}

interface SharedMaster {
  row: number;
  col: number;
  text: string;
}

// The current <c> tag's attributes, set by cellAttrs: row/col −1 when there is no r.
let attrRow = -1;
let attrCol = -1;
let attrStyle = -1;
let attrType = 'n';
const CELL_TYPES = ['s', 'str', 'inlineStr', 'b', 'e', 'd', 'n'];

function cellAttrs(sc: Scanner): void {
  const s = sc.s;
  const end = sc.attrEnd;
  let i = sc.attrStart;
  attrRow = attrCol = attrStyle = -1;
  attrType = 'n';
  for (;;) {
    while (i < end && s.charCodeAt(i) <= 32) i++;
    if (i >= end) return;
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= end) sc.fail('属性格式错误');
    let nameEnd = eq;
    while (nameEnd > i && s.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
    let v = eq + 1;
    while (v < end && s.charCodeAt(v) <= 32) v++;
    const quote = s.charCodeAt(v);
    if (quote !== 34 && quote !== 39) sc.fail('属性值缺少引号');
    const close = s.indexOf(quote === 34 ? '"' : "'", v + 1);
    if (close < 0 || close >= end) sc.fail('属性值没有结束');
    if (nameEnd - i === 1) {
      const n = s.charCodeAt(i);
      if (n === 114 /* r */) {
        if (!refAt(s, v + 1, close)) sc.fail(`单元格地址无效 ${s.slice(v + 1, close)}`);
      } else if (n === 115 /* s */) {
        let x = 0;
        for (let k = v + 1; k < close; k++) {
          const d = s.charCodeAt(k) - 48;
          if (d < 0 || d > 9) sc.fail('单元格样式编号无效');
          x = x * 10 + d;
        }
        attrStyle = close > v + 1 ? x : -1;
      } else if (n === 116 /* t */) {
        const t = s.slice(v + 1, close);
        attrType = CELL_TYPES.find((x) => x === t) ?? t;
      }
    }
    i = close + 1;
    if (i < end && s.charCodeAt(i) > 32) sc.fail('属性之间缺少空格');
  }
}

/** Parses "B12" or "$B$12" in s[start, end) into attrRow/attrCol; false if malformed. */
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
  if (s.charCodeAt(i) === 36) i++;
  const rowStart = i;
  let row = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
  }
  if (i === rowStart || row < 1 || row > 1_048_576 || col > 16_384) return false;
  attrRow = row - 1;
  attrCol = col - 1;
  return true;
}

/** One worksheet part → its cells (sparse) and merges. */
export function parseSheet(xml: string, part: string, name: string, ctx: SheetContext): SparseSheet {
  const { sst, xfFormats, date1904, limits, deadline } = ctx;
  const sc: Scanner = new Scanner(xml, part);
  const rows: SparseRow[] = [];
  const merges: CellRange[] = [];
  const shared = new Map<string, SharedMaster>();
  let used = 0;
  let stored = 0;
  let row: SparseRow | null = null;
  let rowIndex = -1;
  let colIndex = -1;
  let inSheetData = false;

  // The current cell.
  let cRow = 0;
  let cCol = 0;
  let cType = '';
  let cFmt = 'General';
  let vText: string | null = null;
  let fText: string | null = null;
  let isText: string | null = null;
  let inIs = false;
  let inT = false;
  let inCell = false;

  const finishCell = () => {
    let value: CellValue = null;
    if (isText !== null) {
      value = decodeXstring(isText);
    } else if (vText !== null) {
      switch (cType) {
        case 's': {
          const k = Number(vText);
          if (!Number.isInteger(k) || k < 0 || k >= sst.length) sc.fail(`单元格引用了不存在的共享字符串 ${vText}`);
          value = sst[k];
          break;
        }
        case 'str':
        case 'inlineStr':
          value = decodeXstring(vText);
          break;
        case 'b':
          value = vText.trim() === '1' || vText.trim() === 'true';
          break;
        case 'e':
          value = vText.trim();
          break;
        case 'd':
          value = isoToSerial(vText.trim(), date1904) ?? vText;
          break;
        default: {
          const t = vText.trim();
          const n = t === '' ? NaN : Number(t);
          // NaN, Infinity and 1e999 never enter a snapshot as numbers: the stored text stays.
          value = Number.isFinite(n) ? n : t === '' ? null : t;
        }
      }
    }
    if (value === '') value = null;
    if (value === null && fText === null) {
      // Formatting only: kept for the format of a blank cell inside the used area.
      if (cFmt === 'General' || stored >= limits.maxCellsPerSheet) return;
      pushCell(undefined);
      return;
    }
    used++;
    if (used > limits.maxCellsPerSheet) {
      throw new WorkbookReadError('too-many-cells', `工作表“${name}”的单元格超过 ${limits.maxCellsPerSheet.toLocaleString('en-US')} 个，超出读取上限`);
    }
    if ((used & 0xfff) === 0) deadline.check();
    pushCell(value);
  };

  const pushCell = (value: CellValue | undefined) => {
    if (!row || row.r !== cRow) {
      row = { r: cRow, cols: [], vals: [], fmts: [], formulas: [] };
      rows.push(row);
    }
    row.cols.push(cCol);
    row.vals.push(value);
    row.fmts.push(cFmt);
    row.formulas.push(value === undefined ? null : fText);
    stored++;
  };

  let fAttrs: { t: string | null; si: string | null; ref: string | null } | null = null;

  while (sc.next() !== Tok.End) {
    const tag = sc.name;
    if (sc.tok === Tok.Close) {
      if (!inCell) {
        if (tag === 'sheetData') inSheetData = false;
        continue;
      }
      switch (tag) {
        case 'v':
          vText = sc.text();
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
          break;
        default:
      }
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
      }
      continue;
    }
    if (tag === 'sheetData') {
      inSheetData = sc.tok === Tok.Open;
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
    } else if (tag === 'c' && inSheetData) {
      // r, s and t read straight from the tag: no strings per cell.
      cellAttrs(sc);
      if (attrRow >= 0) {
        cRow = attrRow;
        cCol = attrCol;
      } else {
        cRow = rowIndex < 0 ? 0 : rowIndex;
        cCol = colIndex + 1;
        if (cCol > 16_383) sc.fail('一行的单元格超过 16384 个');
      }
      if (rowIndex < 0) rowIndex = cRow;
      colIndex = cCol;
      cType = attrType;
      cFmt = attrStyle < 0 ? 'General' : (xfFormats[attrStyle] ?? 'General');
      vText = null;
      fText = null;
      isText = null;
      fAttrs = null;
      inIs = inT = false;
      if (sc.tok === Tok.Empty) finishCell();
      else inCell = true;
    } else if (tag === 'mergeCell') {
      const ref = sc.attr('ref');
      const m = ref === null ? null : parseRange(ref);
      if (!m) sc.fail(`合并区域无效 ${ref}`);
      if (m.top !== m.bottom || m.left !== m.right) merges.push(m);
    }
  }
  return { name, rows, merges, used };

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
