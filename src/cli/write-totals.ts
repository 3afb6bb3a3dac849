/**
 * `hefen check FILE --write-totals --out OUT.xlsx [--in-place]`: the write-back (src/xlsx) on a
 * copy of the file. The original file is never written unless `inPlace` is given, and in place a
 * file with nothing to change is not rewritten at all.
 */
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { WriteTotalsError, applyWrites, type AppliedWrites, type WriteItem } from '../xlsx/index.js';

export { WriteTotalsError };

export interface WriteTotalsOptions {
  /** Write into `inPath` itself (outPath is then ignored). */
  inPlace?: boolean;
}

export interface WriteTotalsResult extends AppliedWrites {
  path: string;
}

/** Where the written workbook goes: `outPath`, or the input itself only with `inPlace`. */
export function writeTarget(inPath: string, outPath: string | null, options: WriteTotalsOptions = {}): string {
  const target = options.inPlace ? inPath : outPath;
  if (!target) throw new WriteTotalsError('no-output', '写回合计需要用 --out 指定输出文件（或用 --in-place 直接改写原文件）。');
  if (!options.inPlace && resolve(target) === resolve(inPath)) {
    throw new WriteTotalsError('same-file', `输出文件与输入文件相同：${inPath}。如需直接改写原文件，请使用 --in-place。`);
  }
  return target;
}

/** Copy `inPath` to `outPath` (or rewrite it in place) with the items written. */
export async function writeTotalsToCopy(
  inPath: string,
  outPath: string | null,
  items: readonly WriteItem[],
  options: WriteTotalsOptions = {},
): Promise<WriteTotalsResult> {
  const target = writeTarget(inPath, outPath, options);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(inPath);
  return saveWrites(wb, target, applyWrites(wb, items), options);
}

/** Save the workbook; in place, a file with nothing to change is not rewritten at all. */
export async function saveWrites(
  wb: ExcelJS.Workbook,
  target: string,
  result: AppliedWrites,
  options: WriteTotalsOptions = {},
): Promise<WriteTotalsResult> {
  if (!(options.inPlace && result.written.length === 0)) await wb.xlsx.writeFile(target);
  return { path: target, ...result };
}
