/**
 * What 核分 asks of Office itself (not of the workbook): readiness, language, theme, API support.
 */
import type { Locale } from '../host/index.js';

/**
 * Where the pane runs, once office.js is ready: in Excel, in another Office application or a plain
 * browser, or without office.js at all (the CDN was unreachable).
 */
export async function officeReady(): Promise<'excel' | 'elsewhere' | 'no-office'> {
  if (typeof Office === 'undefined') return 'no-office';
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? 'excel' : 'elsewhere';
}

/** English when Excel's display language is English, Simplified Chinese otherwise. */
export function displayLocale(): Locale {
  const lang = Office.context.displayLanguage ?? '';
  return lang.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

/** Dark when Office's body background is dark (relative luminance below one half). */
export function officeThemeKind(): 'light' | 'dark' {
  const bg = Office.context.officeTheme?.bodyBackgroundColor;
  const m = bg ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg.trim()) : null;
  if (!m) return 'light';
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
}

export function excelApiSupported(version: string): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}
