/**
 * STAND-INS — delete when the reader (src/xlsx/reader) and the host's check loop (src/host) are
 * merged; `review-worker.ts` and `review.ts` import from here only, so the swap is one import.
 *
 * Same names and shapes as CONTRACTS.md, with one difference: this readWorkbook is async (ExcelJS
 * loads asynchronously); callers `await` it, which also works on the real, synchronous one.
 * Legacy .xls/.et (OLE2) files are recognised but not read: they come back as WorkbookReadError.
 */
import ExcelJS from 'exceljs';
import { checkSheet, type RulePackName, type SheetReport, type SheetSnapshot } from '../core/index.js';
import { workbookToSnapshots } from './xlsx-snapshot.js';

export type WorkbookFormat = 'xlsx' | 'xlsm' | 'xls' | 'et';

export interface WorkbookRead {
  format: WorkbookFormat;
  sheets: SheetSnapshot[];
  hiddenSheets: string[];
  notes: string[];
}

type ReadErrorCode = 'encrypted' | 'not-a-workbook' | 'corrupt' | 'too-large' | 'too-many-cells' | 'too-many-sheets' | 'timeout' | 'empty';

export class WorkbookReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** From the bytes alone: a zip is xlsx (xlsm when it carries a macro project), OLE2 is xls. */
export function detectFormat(bytes: Uint8Array): WorkbookFormat | 'encrypted' | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // Zip entry names are stored uncompressed; a VBA project marks a macro workbook.
    return latin1(bytes).includes('xl/vbaProject.bin') ? 'xlsm' : 'xlsx';
  }
  if (startsWith(bytes, OLE2)) {
    // An encrypted .xlsx is an OLE2 file holding an EncryptedPackage stream (name in UTF-16).
    const s = latin1(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
    if (s.includes('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e')) return 'encrypted';
    return 'xls';
  }
  return null;
}

export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookRead> {
  const format = detectFormat(bytes);
  if (format === 'encrypted') throw new WorkbookReadError('encrypted', '工作簿设置了打开密码：请在 Excel 或 WPS 中取消密码后再审核');
  if (format === null) throw new WorkbookReadError('not-a-workbook', '不是 Excel/WPS 工作簿（文件已损坏或是其他类型的文件）');
  if (format === 'xls' || format === 'et') {
    throw new WorkbookReadError('not-a-workbook', '旧版 Excel/WPS 格式（.xls/.et）暂不能读取：请在 Excel 或 WPS 中“另存为” .xlsx 后再审核');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookReadError('corrupt', '文件已损坏或不是完整的 .xlsx 工作簿，无法打开');
  }
  if (wb.worksheets.length === 0) throw new WorkbookReadError('empty', '工作簿中没有工作表');
  const sheets = workbookToSnapshots(wb);
  if (sheets.every((s) => s.values.length === 0)) throw new WorkbookReadError('empty', '空工作簿：所有工作表都没有内容');
  return {
    format,
    sheets,
    hiddenSheets: wb.worksheets.filter((w) => w.state && w.state !== 'visible').map((w) => w.name),
    notes: [],
  };
}

/** The host's one check loop (src/host, CONTRACTS.md). */
export function checkSnapshots(snapshots: SheetSnapshot[], options: { rules: RulePackName }): { reports: SheetReport[]; sheetsWithoutForm: string[] } {
  const reports = snapshots.map((s) => checkSheet(s, { rules: options.rules }));
  return { reports, sheetsWithoutForm: reports.filter((r) => r.forms.length === 0).map((r) => r.sheet) };
}
