/**
 * 导出审核汇总 in Excel: the review workbook `hefen review` and the browser checker write (one
 * builder, src/xlsx/review), made from a check of every visible sheet as the workbook is now, and
 * opened by Excel as a new, unsaved workbook (Excel.createWorkbook, ExcelApi 1.8) that the user
 * saves where they like. Where Excel cannot (older versions, a policy refusing it) the bytes go
 * back to the pane, which offers them as a download.
 *
 * Findings the reviewer marked 忽略 / 已复核 are left out of 一览's counts and 结论, as the pane
 * leaves them out of its counts and verdicts, and listed in 审核意见 with their mark (复核标记),
 * as the browser checker and 导出审核意见 list them.
 *
 * The builder is loaded only when asked for (its own chunk): the pane opens without it.
 * Round trips: the check's read (1 sync to list the sheets, 1 to read them), no highlight written;
 * createWorkbook is its own call, outside any batch.
 */
import type { SheetReport } from '../core/index.js';
import { reviewKey, type ReviewMark, type ReviewWorkbook } from '../host/index.js';
import { excelApiSupported } from './office.js';

export const REVIEW_FILE_SUFFIX = '审核汇总.xlsx';

/**
 * The workbook's file name from Office (a path, a URL, or a Doc.aspx link whose `file` parameter
 * names it, as Excel on the web gives), without folders; null when unsaved or unknown.
 */
export function documentFileName(): string | null {
  const url = Office.context.document?.url;
  if (typeof url !== 'string' || url.trim() === '') return null;
  // a local path may hold # or %; only an address is decoded
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url.split(/[\\/]/).filter(Boolean).pop() ?? null;
  const param = /[?&]file=([^&#]+)/i.exec(url)?.[1];
  const last = param?.replace(/\+/g, ' ') ?? url.split(/[?#]/)[0].split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last) || null;
  } catch {
    return last || null; // a stray % stays as it is
  }
}

/** 表一.xlsx → 表一-审核汇总.xlsx; an unsaved workbook → 审核汇总.xlsx. */
export function reviewFileName(source: string | null): string {
  const stem = source?.replace(/\.[^.]+$/, '').trim();
  return stem ? `${stem}-${REVIEW_FILE_SUFFIX}` : REVIEW_FILE_SUFFIX;
}

/** Base64 of bytes, in slices (String.fromCharCode on a whole file overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function createWorkbookSupported(): boolean {
  return excelApiSupported('1.8') && typeof (Excel as { createWorkbook?: unknown }).createWorkbook === 'function';
}

/** Build the review workbook of `reports` (the whole workbook's check) and open it in Excel, or hand it back. */
export async function deliverReviewWorkbook(
  reports: readonly SheetReport[],
  marks: readonly ReviewMark[],
  rules: string,
): Promise<ReviewWorkbook> {
  const keys = new Set(marks.map((m) => m.key));
  const on = reports.flatMap((r) => r.findings).filter((f) => keys.has(reviewKey(f)));
  const onKeys = new Set(on.map(reviewKey));
  const left = on.length;
  const source = documentFileName();
  const { buildReviewWorkbook } = await import(/* webpackChunkName: "review" */ '../xlsx/review/workbook.js');
  const bytes = await buildReviewWorkbook([{ file: source ?? '当前工作簿', reports: [...reports], marks: marks.filter((m) => onKeys.has(m.key)) }], { rules });
  const outcome = { bytes, fileName: reviewFileName(source), forms: reports.reduce((n, r) => n + r.forms.length, 0), marked: left };
  if (createWorkbookSupported()) {
    try {
      await Excel.createWorkbook(toBase64(bytes));
      return { ...outcome, delivery: 'opened' };
    } catch {
      // refused (extension hardening, the browser's pop-up blocker in Excel on the web): a download instead
      return { ...outcome, delivery: 'file', reason: 'refused' };
    }
  }
  return { ...outcome, delivery: 'file', reason: 'unsupported' };
}
