/**
 * STAND-IN for src/xlsx/reader (issue 8), same exported names and shapes as CONTRACTS.md, written
 * over ExcelJS and src/cli/xlsx-snapshot.ts. The integrator deletes this file and points
 * src/web/modules.ts at the real reader.
 *
 * Differences from the contract: readWorkbook returns a Promise (ExcelJS loads asynchronously);
 * every caller awaits it, which works unchanged with the real, synchronous reader. .xls/.et are
 * refused with a Chinese message (ExcelJS reads only .xlsx/.xlsm).
 */
import ExcelJS from 'exceljs';
import type { SheetSnapshot } from '../../core/index.js';
import { worksheetToSnapshot } from '../../cli/xlsx-snapshot.js';

export type WorkbookFormat = 'xlsx' | 'xlsm' | 'xls' | 'et';

export interface ReadLimits {
  maxUncompressedBytes: number;
  maxCellsPerSheet: number;
  maxSheets: number;
  maxMillis: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCellsPerSheet: 2_000_000,
  maxSheets: 255,
  maxMillis: 30_000,
};

export interface WorkbookRead {
  format: WorkbookFormat;
  sheets: SheetSnapshot[];
  hiddenSheets: string[];
  notes: string[];
}

export type WorkbookReadErrorCode =
  | 'encrypted'
  | 'not-a-workbook'
  | 'corrupt'
  | 'too-large'
  | 'too-many-cells'
  | 'too-many-sheets'
  | 'timeout'
  | 'empty';

export class WorkbookReadError extends Error {
  constructor(
    readonly code: WorkbookReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** "EncryptedPackage" as UTF-16LE, the stream an encrypted .xlsx keeps inside its CFB container. */
function hasEncryptedPackage(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const limit = Math.min(bytes.length, 1 << 20);
  outer: for (let i = 0; i + name.length * 2 <= limit; i++) {
    for (let k = 0; k < name.length; k++) {
      if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

function includesAscii(bytes: Uint8Array, s: string): boolean {
  const limit = bytes.length - s.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let k = 0; k < s.length; k++) if (bytes[i + k] !== s.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

export function detectFormat(bytes: Uint8Array): WorkbookFormat | 'encrypted' | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return includesAscii(bytes, 'xl/vbaProject.bin') ? 'xlsm' : 'xlsx';
  if (startsWith(bytes, CFB)) return hasEncryptedPackage(bytes) ? 'encrypted' : 'xls';
  return null;
}

export async function readWorkbook(bytes: Uint8Array, options: { limits?: Partial<ReadLimits> } = {}): Promise<WorkbookRead> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const format = detectFormat(bytes);
  if (format === 'encrypted') throw new WorkbookReadError('encrypted', '文件设置了打开密码：请在 Excel 或 WPS 中取消密码后再检查。');
  if (format === null) throw new WorkbookReadError('not-a-workbook', '这不是 Excel 或 WPS 工作簿（.xlsx、.xlsm、.xls、.et）。');
  if (format === 'xls' || format === 'et') {
    throw new WorkbookReadError('not-a-workbook', '暂时只能读取 .xlsx/.xlsm：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再检查。');
  }
  if (bytes.length > limits.maxUncompressedBytes) throw new WorkbookReadError('too-large', '文件太大，无法在浏览器中检查。');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookReadError('corrupt', '文件已损坏或不是完整的工作簿，无法打开。');
  }
  if (wb.worksheets.length === 0) throw new WorkbookReadError('empty', '工作簿中没有工作表。');
  if (wb.worksheets.length > limits.maxSheets) throw new WorkbookReadError('too-many-sheets', `工作表太多（${wb.worksheets.length} 个）。`);
  const sheets = wb.worksheets.map((ws) => worksheetToSnapshot(ws));
  if (sheets.every((s) => s.values.length === 0)) throw new WorkbookReadError('empty', '这是空工作簿：所有工作表都没有内容。');
  const hiddenSheets = wb.worksheets.filter((ws) => ws.state === 'hidden' || ws.state === 'veryHidden').map((ws) => ws.name);
  return { format, sheets, hiddenSheets, notes: [] };
}
