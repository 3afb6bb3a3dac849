/**
 * OLE compound files: encrypted OOXML (an EncryptionInfo + EncryptedPackage pair), legacy BIFF8
 * workbooks (.xls, and WPS .et/.ett which store the same Workbook stream) read through SheetJS
 * (@e965/xlsx, pinned), and anything else refused.
 */
import { CFB, read as sheetjsRead, type WorkBook, type WorkSheet, type CellObject } from '@e965/xlsx';
import type { CellRange, CellValue } from '../../core/index.js';
import { MESSAGES, WorkbookReadError, corrupt } from './errors.js';
import type { Deadline, ReadLimits } from './limits.js';
import { SparseCells, type SparseSheet } from './sparse.js';

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCfb(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && CFB_MAGIC.every((b, i) => bytes[i] === b);
}

interface CfbEntry {
  name: string;
  type: number;
  content?: Uint8Array | number[];
}
interface CfbContainer {
  FileIndex: CfbEntry[];
}

export type CfbKind = { kind: 'encrypted' } | { kind: 'biff'; et: boolean; workbook: Uint8Array } | { kind: 'other' };

export function inspectCfb(bytes: Uint8Array): CfbKind {
  let cfb: CfbContainer;
  try {
    cfb = CFB.read(bytes, { type: 'array' }) as CfbContainer;
  } catch {
    throw corrupt('复合文档结构损坏');
  }
  const streams = new Map<string, CfbEntry>();
  for (const e of cfb.FileIndex) if (e.type === 2) streams.set(e.name.toLowerCase(), e);
  if (streams.has('encryptioninfo') || streams.has('encryptedpackage')) return { kind: 'encrypted' };
  const wb = streams.get('workbook') ?? streams.get('book');
  if (!wb) return { kind: 'other' };
  const content = wb.content instanceof Uint8Array ? wb.content : Uint8Array.from(wb.content ?? []);
  const et = [...streams.keys()].some((n) => /^(etextdata|wpscustomdata|ksodocinfo)/.test(n));
  return { kind: 'biff', et, workbook: content };
}

/** FILEPASS (0x002F) in the workbook globals: the .xls is password-protected. */
export function biffHasFilePass(stream: Uint8Array): boolean {
  let p = 0;
  let first = true;
  while (p + 4 <= stream.length) {
    const type = stream[p] | (stream[p + 1] << 8);
    const len = stream[p + 2] | (stream[p + 3] << 8);
    if (first && type !== 0x0809 && type !== 0x0209 && type !== 0x0409) return false; // not BIFF BOF
    first = false;
    if (type === 0x002f) return true;
    if (type === 0x000a) return false; // EOF of the globals substream
    p += 4 + len;
  }
  return false;
}

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

export interface LegacyRead {
  sheets: SparseSheet[];
  hidden: boolean[];
}

export function readBiff(bytes: Uint8Array, limits: ReadLimits, deadline: Deadline): LegacyRead {
  let wb: WorkBook;
  try {
    wb = sheetjsRead(bytes, { type: 'array', dense: true, cellFormula: true, cellNF: true, cellDates: false, sheetStubs: true, cellHTML: false, cellText: true });
  } catch (e) {
    if (/password|encrypt/i.test(String((e as Error)?.message))) throw new WorkbookReadError('encrypted', MESSAGES.encrypted);
    throw corrupt('旧版工作簿（.xls/.et）结构损坏');
  }
  deadline.check();
  const names = wb.SheetNames;
  if (names.length > limits.maxSheets) {
    throw new WorkbookReadError('too-many-sheets', `工作簿有超过 ${limits.maxSheets} 个工作表，超出读取上限`);
  }
  const meta = (wb.Workbook?.Sheets ?? []) as { Hidden?: number }[];
  const sheets: SparseSheet[] = [];
  const hidden: boolean[] = [];
  names.forEach((name, i) => {
    const ws = wb.Sheets[name];
    hidden.push(!!meta[i]?.Hidden);
    sheets.push(sheetOf(name, ws, limits));
    deadline.check();
  });
  return { sheets, hidden };
}

function sheetOf(name: string, ws: WorkSheet | undefined, limits: ReadLimits): SparseSheet {
  const cells = new SparseCells();
  const merges: CellRange[] = [];
  let used = 0;
  if (!ws) return { name, cells, merges, used };
  const data = (ws as unknown as { '!data'?: (CellObject | undefined)[][] })['!data'] ?? [];
  for (let r = 0; r < data.length; r++) {
    const line = data[r];
    if (!line) continue;
    for (let c = 0; c < line.length; c++) {
      const cell = line[c];
      if (!cell) continue;
      const fmt = typeof cell.z === 'string' && cell.z !== '' ? cell.z : 'General';
      const value = valueOf(cell);
      const formula = cell.f ? (cell.f.startsWith('=') ? cell.f : `=${cell.f}`) : null;
      if (value === null && formula === null) {
        if (fmt !== 'General') cells.add(r, c, fmt, undefined, null);
        continue;
      }
      cells.add(r, c, fmt, value, formula);
      if (++used > limits.maxCellsPerSheet) {
        throw new WorkbookReadError('too-many-cells', `工作表“${name}”的单元格超过 ${limits.maxCellsPerSheet.toLocaleString('en-US')} 个，超出读取上限`);
      }
    }
  }
  for (const m of ws['!merges'] ?? []) {
    if (m.s.r === m.e.r && m.s.c === m.e.c) continue;
    merges.push({ top: Math.min(m.s.r, m.e.r), left: Math.min(m.s.c, m.e.c), bottom: Math.max(m.s.r, m.e.r), right: Math.max(m.s.c, m.e.c) });
  }
  return { name, cells, merges, used };
}

function valueOf(cell: CellObject): CellValue {
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (typeof v !== 'number') return null;
      return Number.isFinite(v) ? v : String(v);
    }
    case 's':
      return typeof cell.v === 'string' && cell.v !== '' ? cell.v : null;
    case 'b':
      return !!cell.v;
    case 'e':
      return (typeof cell.w === 'string' && cell.w) || ERROR_TEXT[cell.v as number] || '#N/A';
    case 'd': {
      const d = cell.v instanceof Date ? cell.v.getTime() : Date.parse(String(cell.v));
      return Number.isFinite(d) ? d / 86_400_000 + 25_569 : null;
    }
    default:
      return null;
  }
}
