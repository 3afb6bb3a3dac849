/**
 * Opening a workbook file for the CLI: the file's bytes from disk, then src/xlsx. A file that
 * cannot be read at all becomes the same typed error, with a Chinese message, as a broken one.
 */
import { promises as fs } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { SheetSnapshot } from '../core/index.js';
import { WorkbookLoadError, loadWorkbookBytes, snapshotsOf } from '../xlsx/index.js';

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookLoadError(file, `找不到文件：${file}`, 'missing');
    if (code === 'EISDIR') throw new WorkbookLoadError(file, `这是一个文件夹，不是工作簿：${file}`, 'unreadable');
    throw new WorkbookLoadError(file, `无法读取文件 ${file}（${code ?? '未知错误'}）`, 'unreadable');
  }
}

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  return loadWorkbookBytes(await readBytes(file), { name: file });
}

export async function readSnapshots(file: string): Promise<SheetSnapshot[]> {
  return snapshotsOf(await loadWorkbook(file), { name: file });
}
