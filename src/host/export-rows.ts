/**
 * 导出审核意见 as rows, decided once for every host (Excel writes them into a new sheet; the
 * annotated copy and the web checker can reuse them): one row per finding of every form, in sheet
 * order, with the registry's title and fix, declared → expected (no arrow without an expected
 * value; an empty cell shown as 空), and the review mark.
 */
import { findingMeta, isFindingCode, type Finding, type SheetReport } from '../core/index.js';
import { reviewKey, type ReviewMark } from './extras.js';

export const EXPORT_SHEET_BASE = '核分审核意见';

export const EXPORT_HEADER = ['工作表', '单元格', '指标', '审核要点', '说明', '填报 → 应为', '如何修改', '复核标记'] as const;

export interface ExportRow {
  sheet: string;
  cell: string;
  /** The indicator path, 一级 / 二级 / 三级 (or the block). */
  indicator: string;
  title: string;
  message: string;
  /** "7 → 4.66", "空 → 100", or just the declared value when there is no expected one. */
  figures: string;
  fix: string;
  /** "忽略", "已复核：note", or empty. */
  mark: string;
  severity: Finding['severity'];
}

const shown = (v: string | null) => (v === null || v.trim() === '' ? '空' : v);

export function figuresOf(f: Pick<Finding, 'declared' | 'expected'>): string {
  return f.expected === null ? shown(f.declared) : `${shown(f.declared)} → ${shown(f.expected)}`;
}

export function markText(m: ReviewMark | undefined): string {
  if (!m) return '';
  const word = m.status === 'ignored' ? '忽略' : '已复核';
  return m.note ? `${word}：${m.note}` : word;
}

export function exportRows(reports: readonly SheetReport[], marks: readonly ReviewMark[]): ExportRow[] {
  const byKey = new Map(marks.map((m) => [m.key, m]));
  return reports.flatMap((r) =>
    r.findings.map((f): ExportRow => {
      const meta = isFindingCode(f.code) ? findingMeta(f.code) : null;
      return {
        sheet: f.sheet,
        cell: f.cell,
        indicator: f.path.join(' / '),
        title: meta?.title.zh ?? f.code,
        message: f.message,
        figures: figuresOf(f),
        fix: meta?.fix.zh ?? '',
        mark: markText(byKey.get(reviewKey(f))),
        severity: f.severity,
      };
    }),
  );
}
