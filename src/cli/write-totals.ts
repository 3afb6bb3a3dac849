/**
 * `hefen check FILE --write-totals (--out OUT.xlsx [--force] | --in-place) [--overwrite-formulas]`:
 * the aggregates the rules recompute (the core's planWriteBack) written by the patch writer, so
 * only those cells' XML changes and every other part of the package stays byte-identical; then an
 * atomic write. The input is never written unless `--in-place` is given, by whatever path --out
 * names it; an existing --out needs `force`. Legacy input (.xls/.et) is first saved as .xlsx
 * (values, formulas, merges and number formats; fonts, borders and fills are not carried) and the
 * output is always an .xlsx file, which the outcome says. A macro-enabled input gives an .xlsm
 * copy: the output's name follows what its bytes are, whatever --out says.
 */
import path from 'node:path';
import { parseA1, planWriteBack, type PlannedWrite, type RulePackName, type SheetSnapshot } from '../core/index.js';
import { checkSnapshots } from '../host/index.js';
import { packageExtension, patchWorkbook, PatchError, withExtension, type CellPatch, type PackageExtension } from '../xlsx/patch/index.js';
import { readWorkbook, type WorkbookFormat } from '../xlsx/reader/index.js';
import { exists, isSameFile, nodeFs, writeFileAtomic, type FileSystem } from './files.js';
import { legacyToXlsx } from './legacy-to-xlsx.js';
import { nodeInflateRaw } from './node-inflate.js';
import { InputError, readInput } from './read-workbook.js';

/** The write was refused or failed; the message is the Chinese sentence shown. Nothing was written. */
export class WriteTotalsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteTotalsError';
  }
}

export interface WriteTotalsRequest {
  input: string;
  out: string | null;
  inPlace: boolean;
  force: boolean;
  rules: RulePackName;
  overwriteFormulas: boolean;
  /** Tests substitute a file system that fails part-way. */
  fs?: FileSystem;
}

export interface WrittenCell {
  sheet: string;
  cell: string;
  role: PlannedWrite['role'];
  label: string;
  old: string | null;
  new: string;
}

export interface SkippedCell {
  sheet: string;
  cell: string;
  role: PlannedWrite['role'];
  /** formula: the cell holds a formula (needs --overwrite-formulas); unticked: the plan left it out. */
  reason: 'formula' | 'unticked';
}

export interface WriteTotalsOutcome {
  file: string;
  format: WorkbookFormat;
  /** Where the workbook was written; null when in place with nothing to change (the file is not rewritten). */
  output: string | null;
  /** Legacy input was saved as .xlsx for the write. */
  converted: boolean;
  /**
   * The --out name's extension was changed to the one the bytes need (名.xlsx → 名.xlsm for a
   * macro-enabled input, whose content types and vbaProject.bin the copy keeps; 名.xls → 名.xlsx).
   */
  renamed: boolean;
  written: WrittenCell[];
  skipped: SkippedCell[];
  notes: string[];
}

const LEGACY: ReadonlySet<WorkbookFormat> = new Set(['xls', 'et']);

function formulaAt(snapshots: readonly SheetSnapshot[], sheet: string, cell: string): string | null {
  const s = snapshots.find((x) => x.sheet === sheet);
  if (!s?.formulas) return null;
  const { row, col } = parseA1(cell);
  const f = s.formulas[row - s.top]?.[col - s.left];
  return f ? f : null;
}

/** A numeric aggregate must get a finite number; a grade a non-empty word. */
function checkValue(p: PlannedWrite): void {
  const where = `${p.sheet}!${p.cell}（${p.label}）`;
  if (p.role === 'grade') {
    if (typeof p.value !== 'string' || p.value.trim() === '') throw new WriteTotalsError(`${where} 应写入等级，但计算结果无效，已拒绝写入，文件未改动。`);
    return;
  }
  if (typeof p.value !== 'number' || !Number.isFinite(p.value)) {
    throw new WriteTotalsError(`${where} 应写入数字，但计算结果是“${String(p.value)}”，已拒绝写入，文件未改动。`);
  }
}

/** Which planned cells are written and which are not, and the patches for the written ones. */
export function selectWrites(plan: readonly PlannedWrite[], snapshots: readonly SheetSnapshot[]) {
  const written: WrittenCell[] = [];
  const skipped: SkippedCell[] = [];
  const patches: CellPatch[] = [];
  for (const p of plan) {
    if (!p.overwrite) {
      // The planner leaves formula cells unticked; on the command line that tick is --overwrite-formulas.
      skipped.push({ sheet: p.sheet, cell: p.cell, role: p.role, reason: p.formula ? 'formula' : 'unticked' });
      continue;
    }
    const formula = formulaAt(snapshots, p.sheet, p.cell);
    // A formula the plan did not see (the sheet changed under it) is never written over.
    if (formula && !p.formula) {
      skipped.push({ sheet: p.sheet, cell: p.cell, role: p.role, reason: 'formula' });
      continue;
    }
    checkValue(p);
    patches.push({ sheet: p.sheet, cell: p.cell, value: p.value, ...(p.numberFormat ? { numberFormat: p.numberFormat } : {}), keepFormula: false });
    written.push({ sheet: p.sheet, cell: p.cell, role: p.role, label: p.label, old: formula ?? p.displayOld, new: p.display });
  }
  return { written, skipped, patches };
}

/**
 * Where the workbook goes, named with the extension its bytes need (`ext`), refusing the input
 * itself (except in place) and, without force, any existing file.
 */
async function outputPath(req: WriteTotalsRequest, legacy: boolean, ext: PackageExtension, fsys: FileSystem): Promise<string> {
  if (req.inPlace && !legacy) return fsys.realpath(path.resolve(req.input));
  const wanted = req.inPlace ? req.input : req.out;
  if (!wanted) throw new WriteTotalsError('写回合计需要用 --out 指定输出文件（或用 --in-place 直接改写原文件）。');
  const target = withExtension(wanted, ext);
  if (await isSameFile(req.input, target, fsys)) {
    throw new WriteTotalsError(
      target === req.input || path.resolve(target) === path.resolve(req.input)
        ? `输出文件与输入文件相同：${req.input}。如需直接改写原文件，请使用 --in-place。`
        : `输出文件 ${target} 就是输入文件 ${req.input}（符号链接、硬链接或大小写不同的同一文件）。如需直接改写原文件，请使用 --in-place。`,
    );
  }
  if (!req.force && (await exists(target, fsys))) throw new WriteTotalsError(`输出文件已存在，未覆盖：${target}。如需覆盖，请加 --force。`);
  return target;
}

export async function writeTotals(req: WriteTotalsRequest): Promise<WriteTotalsOutcome> {
  const fsys = req.fs ?? nodeFs;
  const { bytes, read } = await readInput(req.input);
  const { reports, sheetsWithoutForm } = checkSnapshots(read.sheets, { rules: req.rules });
  if (sheetsWithoutForm.length === reports.length) throw new WriteTotalsError(`${req.input} 中没有找到绩效自评表，没有可写回的合计。`);
  const plan = planWriteBack(reports).map((p) => (req.overwriteFormulas && p.formula ? { ...p, overwrite: true } : p));
  const { written, skipped, patches } = selectWrites(plan, read.sheets);
  const legacy = LEGACY.has(read.format);
  // A legacy input is saved as a plain .xlsx; a package keeps its own content types.
  const ext = legacy ? '.xlsx' : packageExtension(bytes);
  const target = await outputPath(req, legacy, ext, fsys);
  const renamed = !(req.inPlace && !legacy) && target !== (req.inPlace ? req.input : req.out);
  const outcome: WriteTotalsOutcome = { file: req.input, format: read.format, output: target, converted: legacy, renamed, written, skipped, notes: read.notes };
  // In place with nothing to change: the file is not rewritten at all.
  if (req.inPlace && !legacy && patches.length === 0) return { ...outcome, output: null };

  let base = bytes;
  if (legacy) {
    try {
      base = legacyToXlsx(bytes);
    } catch (e) {
      throw new WriteTotalsError(`无法把 .${read.format} 文件另存为 .xlsx：${e instanceof Error ? e.message : String(e)}。请在 Excel 或 WPS 中另存为 .xlsx 后再写回。`);
    }
  }
  let result: Uint8Array;
  try {
    result = patches.length ? patchWorkbook(base, patches) : base;
  } catch (e) {
    if (e instanceof PatchError) throw new WriteTotalsError(`无法写回：${e.message}。文件未改动。`);
    throw new WriteTotalsError(`写回时出现意外错误，文件未改动：${e instanceof Error ? e.message : String(e)}`);
  }
  // What is written must open again: never leave the user a file that neither Excel nor 核分 reads.
  try {
    readWorkbook(result, { inflateRaw: nodeInflateRaw });
  } catch {
    throw new WriteTotalsError('写回结果无法重新读取，已放弃写入，文件未改动。');
  }
  let mode: number | undefined;
  if (req.inPlace && !legacy) mode = Number((await fsys.stat(target)).mode & 0o7777n);
  try {
    await writeFileAtomic(target, result, { mode, fs: fsys });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WriteTotalsError(`无法写入 ${target}（${code ?? (e instanceof Error ? e.message : String(e))}），${req.inPlace ? '原文件未改动' : '未生成输出文件'}。`);
  }
  return outcome;
}

export { InputError };
