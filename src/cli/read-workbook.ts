/**
 * Opening a workbook file for the CLI, with every way it can fail turned into a typed error that
 * carries a Chinese message (never a stack trace for the user).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetSnapshot } from '../core/snapshot.js';
import { workbookToSnapshots } from './xlsx-snapshot.js';

export class WorkbookReadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly reason: 'missing' | 'format' | 'corrupt' | 'empty' | 'unreadable',
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

const OLD_FORMATS = new Set(['.xls', '.et', '.ett', '.xlt', '.wps']);

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const ext = path.extname(file).toLowerCase();
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookReadError(file, `找不到文件：${file}`, 'missing');
    if (code === 'EISDIR') throw new WorkbookReadError(file, `这是一个文件夹，不是工作簿：${file}`, 'unreadable');
    throw new WorkbookReadError(file, `无法读取文件 ${file}（${code ?? '未知错误'}）`, 'unreadable');
  }
  if (OLD_FORMATS.has(ext) || buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new WorkbookReadError(
      file,
      `${file} 是旧版 Excel/WPS 格式（.xls/.et），核分只能读取 .xlsx：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再检查`,
      'format',
    );
  }
  if (ext === '.csv') {
    throw new WorkbookReadError(file, `${file} 是 CSV 文件，没有合并单元格和数字格式：请提供 .xlsx 工作簿`, 'format');
  }
  if (buf.length < 4 || buf[0] !== 0x50 || buf[1] !== 0x4b) {
    throw new WorkbookReadError(file, `${file} 不是有效的 .xlsx 工作簿（文件已损坏或不是 Excel 文件）`, 'corrupt');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookReadError(file, `${file} 无法打开：文件已损坏或不是完整的 .xlsx 工作簿`, 'corrupt');
  }
  if (wb.worksheets.length === 0) {
    throw new WorkbookReadError(file, `${file} 中没有工作表`, 'empty');
  }
  return wb;
}

export async function readSnapshots(file: string): Promise<SheetSnapshot[]> {
  const wb = await loadWorkbook(file);
  const snaps = workbookToSnapshots(wb);
  if (snaps.every((s) => s.values.length === 0)) {
    throw new WorkbookReadError(file, `${file} 是空工作簿：所有工作表都没有内容`, 'empty');
  }
  return snaps;
}
