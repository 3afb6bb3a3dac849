import { vi } from 'vitest';
import type { SheetReport } from '../../src/core/report.js';
import { DEFAULT_SETTINGS, type CheckResult, type Host, type Locale, type Settings } from '../../src/taskpane/host.js';

/** A Host that answers from hand-made reports and records every call. */
export function fakeHost(
  reports: SheetReport[],
  opts: { locale?: Locale; settings?: Settings; highlighted?: number; theme?: 'light' | 'dark' } = {},
) {
  let stored: Settings = opts.settings ?? { ...DEFAULT_SETTINGS };
  const result = (): CheckResult => ({
    reports,
    highlighted: opts.highlighted ?? 4,
    sheetsWithoutForm: reports.filter((r) => r.forms.length === 0).map((r) => r.sheet),
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
  } satisfies Host;
  return host;
}
