/**
 * One file's review, the unit of work a worker thread (or the main thread under --jobs 1) does:
 * read the bytes, recognise and check every sheet, and optionally build the annotated copy.
 * Everything it returns is plain data that survives postMessage.
 */
import { promises as fs } from 'node:fs';
import { checkSheet, type FormReport, type RulePackName, type SheetReport } from '../core/index.js';
import { packageExtension, type PackageExtension } from '../xlsx/patch/index.js';
import { annotateWorkbook } from '../xlsx/review/index.js';
import { choosePack } from './review-rules.js';
import { checkSnapshots } from '../host/index.js';
import { readWorkbook, WorkbookReadError } from '../xlsx/reader/index.js';
import { prepareSheetjsFor } from './lazy-sheetjs.js';
import { nodeInflateRaw } from './node-inflate.js';

export interface ReviewJob {
  index: number;
  path: string;
  /** A pack name, or "auto" for choosePack per sheet. */
  rules: RulePackName | 'auto';
  annotate: boolean;
  /** Keep each form's indicators and aggregates (for --json); the review workbook does not use them. */
  detail: boolean;
}

export interface JobResult {
  index: number;
  format?: string;
  reports: SheetReport[];
  /** Sheet → why its pack was chosen (only under --rules auto). */
  packNotes?: Record<string, string>;
  error?: string;
  annotated?: Uint8Array;
  /** The extension the annotated copy's bytes call for (.xlsm when the input's macros are kept). */
  annotatedExt?: PackageExtension;
  /** Why the annotated copy could not be made (the review itself stands). */
  annotateError?: string;
}

const READ_ERRNO: Record<string, string> = {
  ENOENT: '找不到文件',
  EACCES: '没有读取该文件的权限',
  EPERM: '没有读取该文件的权限',
  EBUSY: '文件正被其他程序占用',
  EISDIR: '这是一个文件夹，不是工作簿',
};

export async function runJob(job: ReviewJob): Promise<JobResult> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(job.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return { index: job.index, reports: [], error: READ_ERRNO[code] ?? `无法读取文件（${code || '未知错误'}）` };
  }
  let read;
  try {
    await prepareSheetjsFor(bytes);
    read = readWorkbook(bytes, { inflateRaw: nodeInflateRaw });
  } catch (e) {
    if (e instanceof WorkbookReadError) return { index: job.index, reports: [], error: e.message };
    return { index: job.index, reports: [], error: `读取时出错：${e instanceof Error ? e.message : String(e)}` };
  }
  const base: RulePackName = job.rules === 'auto' ? 'national' : job.rules;
  let { reports } = checkSnapshots(read.sheets, { rules: base });
  let packNotes: Record<string, string> | undefined;
  if (job.rules === 'auto') {
    packNotes = {};
    reports = reports.map((r, i) => {
      if (r.forms.length === 0) return r;
      const choice = choosePack(r.forms[0]);
      packNotes![r.sheet] = choice.reason;
      return choice.pack === base ? r : checkSheet(read.sheets[i], { rules: choice.pack });
    });
  }
  const result: JobResult = { index: job.index, format: read.format, reports: job.detail ? reports : slim(reports), packNotes };
  if (job.annotate) {
    try {
      result.annotated = await annotateWorkbook(bytes, reports, read.sheets);
      result.annotatedExt = packageExtension(result.annotated);
    } catch (e) {
      result.annotateError = e instanceof Error ? e.message : String(e);
    }
  }
  return result;
}

/** The reports without the per-indicator detail, which is most of their size. */
export function slim(reports: SheetReport[]): SheetReport[] {
  return reports.map((r) => ({ ...r, forms: r.forms.map((f): FormReport => ({ ...f, indicators: [], aggregates: [] })) }));
}
