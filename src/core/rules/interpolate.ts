/**
 * The one place a message template becomes text: `{name}` is replaced by `data.name` — a plain
 * value, or a {zh, en} pair from which the message's language is taken. A placeholder without data
 * stays as written, so a missing figure shows up in review instead of vanishing.
 * (The idea of ESLint's lib/linter/interpolate.js.)
 */
import { remember } from '../memo.js';
export type Lang = 'zh' | 'en';
export type MessageValue = string | number | { zh: string; en: string };
export type MessageData = Record<string, MessageValue>;

const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

/** A template cut at its placeholders: text, then [name, placeholder as written, text] repeated. */
interface Compiled {
  head: string;
  parts: { key: string; whole: string; text: string }[];
}

/** Templates are a few dozen constants and a finding fills one: each is cut once. */
const compiled = new Map<string, Compiled>();

function compile(template: string): Compiled {
  let c = compiled.get(template);
  if (c) return c;
  c = { head: '', parts: [] };
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const text = template.slice(at, m.index);
    if (c.parts.length) c.parts[c.parts.length - 1].text = text;
    else c.head = text;
    c.parts.push({ key: m[1], whole: m[0], text: '' });
    at = m.index + m[0].length;
  }
  const tail = template.slice(at);
  if (c.parts.length) c.parts[c.parts.length - 1].text = tail;
  else c.head = tail;
  return remember(compiled, template, c, 1000);
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

const inLanguage = (v: MessageValue, lang: Lang): string => (typeof v === 'object' ? v[lang] : String(v));

export function interpolate(template: string, data: MessageData = {}, lang: Lang = 'zh'): string {
  const { head, parts } = compile(template);
  // Pieces joined once: `+=` would make a rope of every piece, and a finding keeps its messages
  // until they are printed — ropes cost memory and make JSON.stringify flatten each (4× slower).
  // An index loop: a fresh process runs this interpreted for its first thousands of findings,
  // where for…of allocates an iterator result per element.
  const out = new Array<string>(1 + 2 * parts.length);
  out[0] = head;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    out[1 + 2 * i] = hasOwn(data, p.key) ? inLanguage(data[p.key], lang) : p.whole;
    out[2 + 2 * i] = p.text;
  }
  return out.join('');
}

/** The placeholders a template uses, for tests that every message gets its data. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}
