/**
 * Opening a workbook file for the CLI: the file's bytes from disk, then the shared reader
 * (src/xlsx/reader), which tells the format from the bytes, never from the name. Every way this
 * can fail becomes an InputError carrying the Chinese sentence the user sees.
 */
import { promises as fs } from 'node:fs';
import { readWorkbook, WorkbookReadError, type WorkbookRead } from '../xlsx/reader/index.js';
import { prepareSheetjsFor } from './lazy-sheetjs.js';
import { nodeInflateRaw } from './node-inflate.js';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const READ_ERRNO: Record<string, string> = {
  ENOENT: '找不到文件',
  EACCES: '没有读取该文件的权限',
  EPERM: '没有读取该文件的权限',
  EBUSY: '文件正被其他程序占用',
  EISDIR: '这是一个文件夹，不是工作簿',
};

export async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new InputError(`${READ_ERRNO[code] ?? `无法读取文件（${code || '未知错误'}）`}：${file}`);
  }
}

/**
 * The reader's result for these bytes; any failure, expected or not, is an InputError. Legacy
 * bytes need SheetJS loaded first (prepareSheetjsFor): readInput does that.
 */
export function readBytesAsWorkbook(bytes: Uint8Array): WorkbookRead {
  try {
    return readWorkbook(bytes, { inflateRaw: nodeInflateRaw });
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new InputError(e.message);
    throw new InputError(`读取时出现意外错误：${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function readInput(file: string): Promise<{ bytes: Uint8Array; read: WorkbookRead }> {
  const bytes = await readBytes(file);
  await prepareSheetjsFor(bytes);
  return { bytes, read: readBytesAsWorkbook(bytes) };
}

/** A sentence for a failure that is not an InputError (a bug in the core, say): still this file's. */
export function unexpected(e: unknown): string {
  if (e instanceof InputError) return e.message;
  return `检查此文件时出现意外错误，已跳过：${e instanceof Error ? e.message : String(e)}`;
}
