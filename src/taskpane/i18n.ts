/**
 * The pane's language: the string pack for Excel's display language (strings/zh-CN.ts, the
 * reference, and strings/en-US.ts, typed by it), and failures put into words by describeFailure().
 * Finding explanations come from the core (Finding.message / messageEn), titles from CODE_TITLES.
 */
import { createContext, useContext } from 'react';
import { HostError, type Locale } from '../host/index.js';
import { enUS } from './strings/en-US.js';
import { zhCN, type PaneAction, type Strings } from './strings/zh-CN.js';

export type { PaneAction, Strings };

/** Shown before Office says which language it speaks, so in both. */
export const STARTUP_PROBLEMS = {
  elsewhere: '请在 Excel 中打开核分。 Open Hefen from Excel.',
  'no-office':
    '无法加载 Office.js：请检查网络，或请管理员放行 appsforoffice.microsoft.com。 Office.js could not be loaded: check the network, or ask for appsforoffice.microsoft.com to be allowed.',
} as const;

/**
 * A failure in words, with Excel's own detail when it gave one. A HostError's message is Chinese
 * and precise (which cell, which sheet, what was put back): the Chinese pane shows it as it is; the
 * English pane says it by the error's code and what the pane was doing. Anything else is a bug and
 * shows its own message after “could not …”.
 */
export function describeFailure(t: Strings, error: unknown, during: PaneAction): string {
  if (error instanceof HostError) {
    const excel = error.cause instanceof Error && error.cause.message ? t.detail(error.cause.message) : '';
    const text =
      t.locale === 'zh-CN' && error.message
        ? error.message
        : (t.errorsDuring[during]?.[error.code] ?? t.failed[during] + t.errors[error.code]);
    return text + excel;
  }
  return t.failed[during] + (error instanceof Error ? error.message : String(error));
}

export function stringsFor(locale: Locale): Strings {
  return locale === 'en-US' ? enUS : zhCN;
}

export const StringsContext = createContext<Strings>(zhCN);

export function useStrings(): Strings {
  return useContext(StringsContext);
}
