/**
 * One workbook reader for every host (CLI, batch review, browser checker): bytes in, one sheet
 * snapshot per worksheet out, synchronously and without Node. The format comes from the bytes,
 * never from a file name: a ZIP package is OOXML (.xlsx/.xlsm) and takes the fast path in
 * ooxml.ts; an OLE compound file is encrypted OOXML (refused), or a BIFF8 workbook (.xls, WPS
 * .et/.ett) read through SheetJS. Every failure is a WorkbookReadError with a Chinese sentence.
 *
 * Snapshots follow the conventions of the ExcelJS reader (src/xlsx/snapshot.ts): the used
 * rectangle (values, formulas and merges count; formatting alone does not), values with formula
 * results cached, formula text with "=", number formats per cell ("General" when none), text
 * through formatNumber, covered merge cells null. Deliberate differences: numbers that are not
 * finite (NaN, 1e999) keep their stored text instead of entering as NaN/Infinity; date serials
 * are the stored numbers (ExcelJS rounds them through a Date to the millisecond); the
 * locale-dependent built-in formats 27–36 and 50–58 are their zh-CN forms (ExcelJS: General);
 * a sheet whose used area is mostly empty space is cut to the block holding its content (a note
 * says so); merges are clipped to the rectangle.
 */
import type { SheetSnapshot } from '../../core/index.js';
import { MESSAGES, WorkbookReadError, corrupt } from './errors.js';
import { isCfb, inspectCfb, biffHasFilePass, readBiff } from './legacy.js';
import { Deadline, resolveLimits, type ReadLimits } from './limits.js';
import { openOoxml, parseSharedStrings, parseSheet, parseStyles, readPart } from './ooxml.js';
import { SparseCells, buildSnapshot, type ShownNumbers } from './sparse.js';
import { Scanner } from './xml.js';
import { InflateBudget, isZip, openZip, type RawInflate } from './zip.js';

export { DEFAULT_LIMITS } from './limits.js';
export type { ReadLimits } from './limits.js';
export { WorkbookReadError } from './errors.js';
export type { WorkbookReadErrorCode } from './errors.js';
export type { RawInflate } from './zip.js';

export type WorkbookFormat = 'xlsx' | 'xlsm' | 'xls' | 'et';

export interface WorkbookRead {
  format: WorkbookFormat;
  /** Visible and hidden sheets, in workbook order. */
  sheets: SheetSnapshot[];
  hiddenSheets: string[];
  /** Chinese, things the user should know (e.g. a sheet trimmed to its form area). */
  notes: string[];
}

/** The workbook format the bytes hold, 'encrypted', or null when they are no workbook at all. */
export function detectFormat(bytes: Uint8Array): WorkbookFormat | 'encrypted' | null {
  try {
    if (isZip(bytes)) {
      const zip = openZip(bytes);
      if (zip.byName.has('EncryptedPackage')) return 'encrypted';
      const hasWorkbook = zip.entries.some((e) => /^xl\/workbook\.xml$/i.test(e.name)) || zip.byName.has('[Content_Types].xml');
      if (!hasWorkbook) return null;
      try {
        return openOoxml(zip, resolveLimits()).macro ? 'xlsm' : 'xlsx';
      } catch (e) {
        if (e instanceof WorkbookReadError && e.code === 'encrypted') return 'encrypted';
        return null;
      }
    }
    if (isCfb(bytes)) {
      const k = inspectCfb(bytes);
      if (k.kind === 'encrypted') return 'encrypted';
      if (k.kind === 'biff') return biffHasFilePass(k.workbook) ? 'encrypted' : k.et ? 'et' : 'xls';
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * One object of each class the hot loops use, alive as long as the module. V8 forgets an object
 * shape that no live object has at a full collection, and with it the optimized code built for
 * it: between two files nothing of the last read is alive, so without these every file of a
 * batch (or a warm benchmark) would start again in unoptimized code (measured: the warm
 * readWorkbook of 20 sheets × 500 rows took about 1.5× as long).
 */
export const KEPT_SHAPES: readonly object[] = [
  new Scanner('', ''),
  new SparseCells(0),
  new InflateBudget(0, () => new WorkbookReadError('too-large', '')),
  new Deadline(0, () => new Error()),
];

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  /** A faster inflater the host brings (the CLI: Node's zlib); fflate otherwise, and whenever it fails. */
  inflateRaw?: RawInflate;
}

export function readWorkbook(bytes: Uint8Array, options?: ReadOptions): WorkbookRead {
  const limits = resolveLimits(options?.limits);
  const deadline = new Deadline(
    limits.maxMillis,
    () => new WorkbookReadError('timeout', `读取超时（超过 ${Math.round(limits.maxMillis / 1000)} 秒），文件过大或结构异常`),
  );
  try {
    return read(bytes, limits, deadline, options?.inflateRaw);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    // A reader bug or an exhausted stack must still be this file's entry, not a crash.
    if (e instanceof RangeError) throw new WorkbookReadError('too-large', '文件过大或结构过深，超出读取上限');
    throw corrupt();
  }
}

function read(bytes: Uint8Array, limits: ReadLimits, deadline: Deadline, inflateRaw: RawInflate | undefined): WorkbookRead {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new WorkbookReadError('not-a-workbook', '文件是空的（0 字节）');
  if (isZip(bytes)) return readOoxml(bytes, limits, deadline, inflateRaw);
  if (isCfb(bytes)) {
    if (bytes.length > limits.maxUncompressedBytes) throw new WorkbookReadError('too-large', '文件过大，超出读取上限');
    const k = inspectCfb(bytes);
    if (k.kind === 'encrypted') throw new WorkbookReadError('encrypted', MESSAGES.encrypted);
    if (k.kind === 'other') throw new WorkbookReadError('not-a-workbook', '这是一个 Office 复合文档，但不是 Excel/WPS 工作簿（可能是 Word 或 PowerPoint 文件）');
    if (biffHasFilePass(k.workbook)) throw new WorkbookReadError('encrypted', MESSAGES.encrypted);
    const legacy = readBiff(bytes, limits, deadline);
    const notes: string[] = [];
    const shown: ShownNumbers = new Map();
    const sheets = legacy.sheets.map((s) => buildSnapshot(s, limits.maxCellsPerSheet, notes, shown));
    return finish(k.et ? 'et' : 'xls', sheets, legacy.hidden, notes);
  }
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) throw corrupt('压缩包头部损坏');
  throw new WorkbookReadError('not-a-workbook', MESSAGES.notAWorkbook);
}

function readOoxml(bytes: Uint8Array, limits: ReadLimits, deadline: Deadline, inflateRaw: RawInflate | undefined): WorkbookRead {
  const zip = openZip(bytes, inflateRaw);
  const pkg = openOoxml(zip, limits);
  const xfFormats = parseStyles(pkg.stylesPath ? readPart(pkg, pkg.stylesPath) : null, pkg.stylesPath ?? 'styles');
  deadline.check();
  const sstPath = pkg.sharedStringsPath;
  const sst = parseSharedStrings(sstPath ? readPart(pkg, sstPath) : null, sstPath ?? 'sharedStrings', deadline);
  deadline.check();
  const ctx = { sst, xfFormats, date1904: pkg.date1904, limits, deadline };
  const notes: string[] = [];
  const sheets: SheetSnapshot[] = [];
  const shown: ShownNumbers = new Map();
  // Each sheet to its snapshot before the next is read: one sheet's XML and cells alive at a time.
  for (const s of pkg.sheets) {
    const xml = readPart(pkg, s.path);
    if (xml === null) throw corrupt(`缺少工作表“${s.name}”的内容`);
    sheets.push(buildSnapshot(parseSheet(xml, s.path, s.name, ctx), limits.maxCellsPerSheet, notes, shown));
    deadline.check();
  }
  return finish(
    pkg.macro ? 'xlsm' : 'xlsx',
    sheets,
    pkg.sheets.map((s) => s.hidden),
    notes,
  );
}

function finish(format: WorkbookFormat, sheets: SheetSnapshot[], hidden: boolean[], notes: string[]): WorkbookRead {
  if (sheets.length === 0) throw new WorkbookReadError('empty', MESSAGES.noSheets);
  if (sheets.every((s) => s.values.length === 0)) throw new WorkbookReadError('empty', MESSAGES.empty);
  const hiddenSheets = sheets.filter((_, i) => hidden[i]).map((s) => s.sheet);
  return { format, sheets, hiddenSheets, notes };
}
