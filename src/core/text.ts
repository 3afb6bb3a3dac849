import { D, type Dec } from './decimal.js';
import { memoByText } from './memo.js';

/**
 * RULES.md §2.1: NFKC folds full-width digits, ％ and （）; ≦/≧ and ASCII >=/<= need mapping by hand
 * because NFKC leaves them alone.
 */
/** Characters that never change under the folding below: ASCII letters/digits, CJK ideographs, common punctuation. */
const STABLE = /^[\u0020-\u003b\u003f-\u007d\u4e00-\u9fff\u3001\u3002\u300a-\u3011\u201c\u201d\u2018\u2019\n\r\t]*$/;

/**
 * The most characters of one cell the core looks at. No label, target, actual or rubric of a real
 * form comes near it (the longest seed rubric is under 400); a longer cell (30,000–100,000
 * characters in hostile files) is judged by its beginning, so every pattern over user text costs
 * at most a fixed amount per cell. Messages still quote the cell as it is.
 */
export const MAX_TEXT_CHARS = 4096;

/** The part of a text the core reads: its first MAX_TEXT_CHARS characters. */
export function clipText(s: string): string {
  return s.length > MAX_TEXT_CHARS ? s.slice(0, MAX_TEXT_CHARS) : s;
}

export function normalizeText(text: string): string {
  const s = clipText(text);
  if (STABLE.test(s)) return s;
  return s
    .normalize('NFKC')
    .replace(/≦/g, '≤')
    .replace(/≧/g, '≥')
    // The box-drawing “═” stands for “=” on some published forms (Yunnan 公开表).
    .replace(/[═]/g, '=')
    .replace(/>=/g, '≥')
    .replace(/<=/g, '≤')
    .replace(/[‐‑‒–—―－~～]/g, (c) => (c === '~' || c === '～' ? '~' : '-'))
    .replace(/\u00a0/g, ' ');
}

/** Labels and headers: normalised, without any whitespace or line breaks, without “指标N：”. */
export const normalizeLabel: (s: string) => string = memoByText(foldLabel);

function foldLabel(s: string): string {
  return normalizeText(s)
    .replace(/\s+/g, '')
    .replace(/^指标\d+[:：]/, '')
    .replace(/^\d+[、.．](?!\d)/, '');
}

const LABEL_WEIGHT = /[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$/;

/** “投入（20分）” → { name: "投入", weight: 20 }; a label without a weight keeps weight null. */
export const splitLabelWeight: (label: string) => { name: string; weight: Dec | null } = memoByText(splitWeight);

function splitWeight(label: string): { name: string; weight: Dec | null } {
  const s = normalizeLabel(label);
  const m = LABEL_WEIGHT.exec(s);
  if (!m) return { name: s, weight: null };
  return { name: s.slice(0, m.index), weight: new D(m[1]) };
}

/** Header text without a trailing parenthesised note: “分值(权重)” stays, “执行率(%)” → “执行率”. */
export function headerKey(s: string): string {
  return normalizeLabel(s).replace(/[:：]$/, '');
}
