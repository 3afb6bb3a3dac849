/**
 * The one place a message template becomes text: `{name}` is replaced by `data.name` — a plain
 * value, or a {zh, en} pair from which the message's language is taken. A placeholder without data
 * stays as written, so a missing figure shows up in review instead of vanishing.
 * (The idea of ESLint's lib/linter/interpolate.js.)
 */
export type Lang = 'zh' | 'en';
export type MessageValue = string | number | { zh: string; en: string };
export type MessageData = Record<string, MessageValue>;

const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

export function interpolate(template: string, data: MessageData = {}, lang: Lang = 'zh'): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => {
    if (!Object.prototype.hasOwnProperty.call(data, key)) return whole;
    const v = data[key];
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

/** The placeholders a template uses, for tests that every message gets its data. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}
