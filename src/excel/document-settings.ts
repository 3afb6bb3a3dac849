/**
 * 核分's entries in the workbook's own settings (Office.context.document.settings): the user's
 * settings, remembered per workbook, and the record of which sheets carry 核分 highlights, so that
 * 清除标记 still finds them after the workbook was closed and reopened.
 */
import { isRulePackName, type Severity } from '../core/index.js';
import { DEFAULT_SETTINGS, HostError, type ReviewMark, type Settings } from '../host/index.js';

export const SETTINGS_KEY = 'hefen.settings';
export const RECORD_KEY = 'hefen.highlights';
export const MARKS_KEY = 'hefen.reviewMarks';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface RecordedSheet {
  /** Worksheet.id; the name is the fallback when the id is not found. */
  id: string;
  name: string;
  /** Highlighted cells on that sheet. */
  cells: number;
}

export interface HighlightRecord {
  version: 1;
  sheets: RecordedSheet[];
}

function bag(): Office.Settings {
  return Office.context.document.settings;
}

/** Stored settings, each field validated; anything missing or unreadable takes the default. */
export function readSettings(): Settings {
  const raw: unknown = bag().get(SETTINGS_KEY);
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    rules: typeof s.rules === 'string' && isRulePackName(s.rules) ? s.rules : DEFAULT_SETTINGS.rules,
    highlight: Array.isArray(s.highlight)
      ? SEVERITIES.filter((sev) => (s.highlight as unknown[]).includes(sev))
      : [...DEFAULT_SETTINGS.highlight],
    wholeWorkbook: typeof s.wholeWorkbook === 'boolean' ? s.wholeWorkbook : DEFAULT_SETTINGS.wholeWorkbook,
    recheckOnActivate: typeof s.recheckOnActivate === 'boolean' ? s.recheckOnActivate : DEFAULT_SETTINGS.recheckOnActivate,
  };
}

/** The record, or null when this workbook never had one (or it is unreadable). */
export function readRecord(): HighlightRecord | null {
  const raw: unknown = bag().get(RECORD_KEY);
  if (!raw || typeof raw !== 'object') return null;
  const sheets = (raw as { sheets?: unknown }).sheets;
  if (!Array.isArray(sheets)) return null;
  return {
    version: 1,
    sheets: sheets.filter(
      (x): x is RecordedSheet =>
        !!x && typeof x === 'object' && typeof x.id === 'string' && typeof x.name === 'string' && typeof x.cells === 'number',
    ),
  };
}

/** Does the record mention this sheet (by id, or by name when the id changed)? */
export function recorded(record: HighlightRecord | null, sheet: { id: string; name: string }): boolean {
  return !!record?.sheets.some((r) => r.id === sheet.id || r.name === sheet.name);
}

/** Set the given entries and persist the whole bag into the document. */
export function saveEntries(entries: Record<string, unknown>): Promise<void> {
  const settings = bag();
  for (const [key, value] of Object.entries(entries)) settings.set(key, value);
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
      else reject(new HostError('settings-failed', '无法把核分的设置保存到工作簿中。', { cause: result.error }));
    });
  });
}

/** Stored review marks, each validated; anything malformed is dropped. */
export function readReviewMarks(): ReviewMark[] {
  const raw: unknown = bag().get(MARKS_KEY);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((m): ReviewMark[] => {
    if (!m || typeof m !== 'object') return [];
    const { key, status, note, at } = m as Record<string, unknown>;
    if (typeof key !== 'string' || (status !== 'ignored' && status !== 'reviewed') || typeof at !== 'string') return [];
    return [{ key, status, at, ...(typeof note === 'string' && note !== '' ? { note: note.slice(0, 2000) } : {}) }];
  });
}
