import { vi } from 'vitest';
import type { SheetReport } from '../../src/core/report.js';
import { planWriteBack, type PlannedWrite } from '../../src/core/writeback-plan.js';
import {
  DEFAULT_SETTINGS,
  type CellRef,
  type CheckResult,
  type HostChange,
  type HostExtras,
  type InsertedTemplate,
  type Locale,
  type ReviewMark,
  type ReviewWorkbook,
  type Settings,
  type UndoOutcome,
  type WriteOutcome,
} from '../../src/host/index.js';

export interface FakeHostOptions {
  locale?: Locale;
  settings?: Settings;
  highlighted?: number;
  theme?: 'light' | 'dark';
  /** 撤销写回 depth at the start (a workbook reopened after a write). */
  depth?: number;
  insert?: () => Promise<InsertedTemplate>;
  /** Review marks already saved in the workbook. */
  marks?: ReviewMark[];
  /** The next applyWriteBack finds the sheet changed: writes nothing, answers 'stale' with these reports. */
  staleWith?: SheetReport[];
  /** Listen to changes: the host gets onChange, and `emit` sends one. */
  live?: boolean;
  /** 导出审核汇总: how the host delivers the review workbook; absent → the host has no such export. */
  review?: Pick<ReviewWorkbook, 'delivery' | 'reason'>;
}

/**
 * What the sheet holds after writing exactly the ticked cells, for the fake: an unticked score
 * keeps its declared value, so the total (and any subtotal above it) takes the difference.
 */
export function tickedPlan(reports: readonly SheetReport[], ticked?: ReadonlySet<string>): PlannedWrite[] {
  const plan = planWriteBack(reports);
  if (!ticked) return plan;
  const key = (p: { sheet: string; cell: string }) => `${p.sheet}!${p.cell}`;
  const kept = plan.filter((p) => !ticked.has(key(p)) && (p.role === 'execution-score' || p.role === 'level-score'));
  const shift = kept.reduce((d, p) => d + (Number(p.declared ?? 0) - Number(p.expected)), 0);
  return plan.map((p) => {
    if (p.role !== 'total-score' || !shift) return p;
    const value = Math.round((Number(p.expected) + shift) * 100) / 100;
    return { ...p, value, display: String(value), expected: String(value) };
  });
}

/**
 * A HostExtras that answers from hand-made reports and records every call: the write-back preview
 * is the core's real plan of the reports; writes and undos only count (undoDepth follows them).
 */
export function fakeHost(initial: SheetReport[], opts: FakeHostOptions = {}) {
  let reports = initial;
  let stored: Settings = opts.settings ?? { ...DEFAULT_SETTINGS };
  let depth = opts.depth ?? 0;
  let marks: ReviewMark[] = opts.marks ?? [];
  let stale = opts.staleWith;
  const listeners = new Set<(c: HostChange) => void>();
  const result = (): CheckResult => ({
    reports,
    highlighted: opts.highlighted ?? 4,
    sheetsWithoutForm: reports.filter((r) => r.forms.length === 0).map((r) => r.sheet),
  });
  const wrote = (cells: CellRef[]): WriteOutcome => ({
    status: 'written',
    written: cells.map((c) => ({ sheet: c.sheet, cell: c.cell })),
    unchanged: [],
    skipped: [],
    undoDepth: ++depth,
  });
  const host = {
    locale: opts.locale ?? 'zh-CN',
    theme: opts.theme,
    loadSettings: vi.fn(async () => stored),
    saveSettings: vi.fn(async (s: Settings) => {
      stored = s;
    }),
    check: vi.fn(async (_s: Settings) => result()),
    select: vi.fn(async (_sheet: string, _cell: string) => {}),
    clearHighlights: vi.fn(async () => opts.highlighted ?? 4),
    insertTemplate: vi.fn(opts.insert ?? (async (): Promise<InsertedTemplate> => ({ sheet: '自评表', range: 'A1:H47', kind: 'project', warnings: [] }))),
    previewWriteBack: vi.fn((r: readonly SheetReport[], ticked?: ReadonlySet<string>) => tickedPlan(r, ticked)),
    applyWriteBack: vi.fn(async (items: readonly PlannedWrite[], _basis: readonly SheetReport[]): Promise<WriteOutcome> => {
      if (stale) {
        const now = stale;
        stale = undefined;
        reports = now;
        return { status: 'stale', reports: now, changed: [{ sheet: now[0]?.sheet ?? '', cell: 'G14' }], written: [], unchanged: [], skipped: [], undoDepth: depth };
      }
      return wrote(items.filter((i) => i.overwrite));
    }),
    undoWriteBack: vi.fn(async (): Promise<UndoOutcome> => ({ restored: [], changedSince: [], undoDepth: (depth = Math.max(0, depth - 1)) })),
    undoDepth: vi.fn(async () => depth),
    applySuggestion: vi.fn(async (f: CellRef) => wrote([f])),
    loadReviewMarks: vi.fn(async (): Promise<ReviewMark[]> => marks),
    saveReviewMarks: vi.fn(async (m: readonly ReviewMark[]) => {
      marks = [...m];
    }),
    exportFindings: vi.fn(async (_r: readonly SheetReport[], _m: readonly ReviewMark[]) => ({ sheet: '核分审核意见' })),
    removeExport: vi.fn(async () => 1),
    ...(opts.review
      ? {
          exportReviewWorkbook: vi.fn(async (_s: Settings, m: readonly ReviewMark[]): Promise<ReviewWorkbook> => ({
            ...opts.review!,
            bytes: new Uint8Array([0x50, 0x4b, 3, 4]),
            fileName: '表一-审核汇总.xlsx',
            forms: reports.reduce((n, r) => n + r.forms.length, 0),
            marked: m.length,
          })),
        }
      : {}),
    ...(opts.live
      ? {
          onChange: vi.fn((listener: (c: HostChange) => void) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          }),
        }
      : {}),
  } satisfies HostExtras;
  return Object.assign(host, {
    /** Send a change to every listener (hosts made with `live`). */
    emit: (c: HostChange) => listeners.forEach((l) => l(c)),
    listeners: () => listeners.size,
    /** What the next check answers. */
    setReports: (r: SheetReport[]) => {
      reports = r;
    },
  });
}
