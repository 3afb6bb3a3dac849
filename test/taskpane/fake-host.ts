import { vi } from 'vitest';
import type { SheetReport } from '../../src/core/report.js';
import { planWriteBack, type PlannedWrite } from '../../src/core/writeback-plan.js';
import {
  DEFAULT_SETTINGS,
  type CellRef,
  type CheckResult,
  type HostExtras,
  type InsertedTemplate,
  type Locale,
  type ReviewMark,
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
}

/**
 * A HostExtras that answers from hand-made reports and records every call: the write-back preview
 * is the core's real plan of the reports; writes and undos only count (undoDepth follows them).
 */
export function fakeHost(reports: SheetReport[], opts: FakeHostOptions = {}) {
  let stored: Settings = opts.settings ?? { ...DEFAULT_SETTINGS };
  let depth = opts.depth ?? 0;
  let marks: ReviewMark[] = [];
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
    previewWriteBack: vi.fn((r: readonly SheetReport[]) => planWriteBack(r)),
    applyWriteBack: vi.fn(async (items: readonly PlannedWrite[], _basis?: readonly SheetReport[]) => wrote(items.filter((i) => i.overwrite))),
    undoWriteBack: vi.fn(async (): Promise<UndoOutcome> => ({ restored: [], changedSince: [], undoDepth: (depth = Math.max(0, depth - 1)) })),
    undoDepth: vi.fn(async () => depth),
    applySuggestion: vi.fn(async (f: CellRef) => wrote([f])),
    loadReviewMarks: vi.fn(async (): Promise<ReviewMark[]> => marks),
    saveReviewMarks: vi.fn(async (m: readonly ReviewMark[]) => {
      marks = [...m];
    }),
    exportFindings: vi.fn(async (_r: readonly SheetReport[], _m: readonly ReviewMark[]) => ({ sheet: '核分审核意见' })),
    removeExport: vi.fn(async () => 1),
  } satisfies HostExtras;
  return host;
}
