/**
 * An .xlsx workbook from bytes and back, with ExcelJS, and every way opening one can fail turned
 * into a typed error carrying a Chinese message (never a stack trace for the user). Bytes in, bytes
 * out: where the bytes come from (a file, a drop in the browser) is the host's business, so nothing
 * here imports node:*.
 */
import ExcelJS from 'exceljs';
import type { SheetSnapshot } from '../core/index.js';
import { workbookToSnapshots } from './snapshot.js';

export type WorkbookLoadFailure = 'missing' | 'format' | 'corrupt' | 'empty' | 'unreadable';

export class WorkbookLoadError extends Error {
  constructor(
    /** The name the messages use for the workbook (a path in the CLI, a file name in the browser). */
    readonly file: string,
    message: string,
    readonly reason: WorkbookLoadFailure,
  ) {
    super(message);
    this.name = 'WorkbookLoadError';
  }
}

export type WorkbookBytes = Uint8Array | ArrayBuffer;

export interface LoadOptions {
  /** Shown in messages, and its extension tells old formats and CSV apart: "报表.xls". */
  name: string;
}

const OLD_FORMATS = new Set(['.xls', '.et', '.ett', '.xlt', '.wps']);
/** The OLE2 compound-file signature that .xls and .et files start with. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Open .xlsx bytes; throws WorkbookLoadError for old formats, CSV, broken files and workbooks without sheets. */
export async function loadWorkbookBytes(data: WorkbookBytes, { name }: LoadOptions): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const ext = extensionOf(name);
  if (OLD_FORMATS.has(ext) || startsWith(bytes, OLE_SIGNATURE)) {
    throw new WorkbookLoadError(
      name,
      `${name} 是旧版 Excel/WPS 格式（.xls/.et），核分只能读取 .xlsx：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再检查`,
      'format',
    );
  }
  if (ext === '.csv') {
    throw new WorkbookLoadError(name, `${name} 是 CSV 文件，没有合并单元格和数字格式：请提供 .xlsx 工作簿`, 'format');
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WorkbookLoadError(name, `${name} 不是有效的 .xlsx 工作簿（文件已损坏或不是 Excel 文件）`, 'corrupt');
  }
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS' typings ask for a Node Buffer; JSZip underneath takes any Uint8Array.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookLoadError(name, `${name} 无法打开：文件已损坏或不是完整的 .xlsx 工作簿`, 'corrupt');
  }
  if (wb.worksheets.length === 0) {
    throw new WorkbookLoadError(name, `${name} 中没有工作表`, 'empty');
  }
  return wb;
}

/** One snapshot per worksheet; a workbook whose sheets are all empty is an error. */
export function snapshotsOf(wb: ExcelJS.Workbook, { name }: LoadOptions): SheetSnapshot[] {
  const snaps = workbookToSnapshots(wb);
  if (snaps.every((s) => s.values.length === 0)) {
    throw new WorkbookLoadError(name, `${name} 是空工作簿：所有工作表都没有内容`, 'empty');
  }
  return snaps;
}

/** .xlsx bytes → snapshots, in workbook order. */
export async function readSnapshotsFromBytes(data: WorkbookBytes, options: LoadOptions): Promise<SheetSnapshot[]> {
  return snapshotsOf(await loadWorkbookBytes(data, options), options);
}

/** The workbook as .xlsx bytes. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
