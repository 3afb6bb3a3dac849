import { D, type Dec } from './decimal.js';
import { memoByText } from './memo.js';

/**
 * RULES.md §2.1: NFKC folds full-width digits, ％ and （）; ≦/≧ and ASCII >=/<= need mapping by hand
 * because NFKC leaves them alone.
 */
function foldFully(s: string): string {
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

/**
 * What `foldFully` makes of each character a form is usually written in, so a text of only these
 * characters is folded in one pass over its char codes instead of `normalize` and seven replaces
 * (most labels hold a full-width “：” or “（”, so most labels would take that path). 0 = not here:
 * the text takes `foldFully`. Only starters that NFKC never composes or reorders are listed, so
 * NFKC of such a text is the concatenation of NFKC of its characters (test/core/text-fold.test.ts
 * checks every entry and random texts against `foldFully`). NUL is left out: 0 means “not here”.
 */
const FOLD = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  const same = (from: number, to: number) => {
    for (let c = from; c <= to; c++) t[c] = c;
  };
  same(0x01, 0x7f);
  // Latin-1 without the characters NFKC expands (¨ ¯ ´ ¸ ¼ ½ ¾) or changes (ª ² ³ µ ¹ º).
  same(0xa1, 0xa7);
  same(0xa9, 0xa9);
  same(0xab, 0xae);
  same(0xb0, 0xb1);
  same(0xb6, 0xb7);
  same(0xbb, 0xbb);
  same(0xbf, 0xff);
  t[0xa0] = 0x20;
  // Dashes and quotes, ‰ ′ ‵ ※; not the dot leaders (… becomes ...) nor ″ ‴.
  for (let c = 0x2010; c <= 0x2015; c++) t[c] = 0x2d;
  same(0x2016, 0x2016);
  same(0x2018, 0x2023);
  same(0x2030, 0x2032);
  same(0x2035, 0x2035);
  same(0x2038, 0x203b);
  // ①–⑨ are digits; ⑩ and above become two characters.
  for (let c = 0x2460; c <= 0x2468; c++) t[c] = c - 0x2460 + 0x31;
  // Arrows, mathematical operators (not ∬ ∭ ∯ ∰), box drawing and shapes, symbols and dingbats.
  same(0x2190, 0x21ff);
  same(0x2200, 0x222b);
  same(0x222e, 0x222e);
  same(0x2231, 0x22ff);
  t[0x2266] = 0x2264;
  t[0x2267] = 0x2265;
  same(0x2500, 0x25ff);
  t[0x2550] = 0x3d;
  same(0x2600, 0x27bf);
  // CJK punctuation up to the tone marks (combining, so left out), and the ideographs.
  t[0x3000] = 0x20;
  same(0x3001, 0x3029);
  same(0x3400, 0x4dbf);
  same(0x4e00, 0x9fff);
  // Full-width ASCII (－ and ～ included: they become - and ~ either way) and full-width signs.
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0;
  t[0xffe0] = 0xa2;
  t[0xffe1] = 0xa3;
  t[0xffe2] = 0xac;
  t[0xffe4] = 0xa6;
  t[0xffe5] = 0xa5;
  return t;
}

/**
 * `foldFully(s.slice(from))`, and with `dropSpace` also without the whitespace /\s/ matches, in
 * one pass; null when that part of `s` holds a character outside FOLD or an “=” after “<”/“>”
 * (rare: left to `foldFully`). Copies nothing when nothing changes.
 */
function foldFast(s: string, dropSpace: boolean, from = 0): string | null {
  let out = '';
  // Start of the run of characters not yet copied to `out` that fold to themselves.
  let run = from;
  let prev = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = FOLD[c];
    if (f === 0) return null;
    if (f === 0x3d && (prev === 0x3c || prev === 0x3e)) return null;
    prev = f;
    // After the table every whitespace character left is one of \t \n \v \f \r and space.
    const drop = dropSpace && (f === 0x20 || (f >= 0x09 && f <= 0x0d));
    if (f === c && !drop) continue;
    if (i > run) out += s.slice(run, i);
    if (!drop) out += String.fromCharCode(f);
    run = i + 1;
  }
  if (run === from) return from === 0 ? s : s.slice(from);
  return run < s.length ? out + s.slice(run) : out;
}

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
  return foldFast(s, false) ?? foldFully(s);
}

/** Labels and headers: normalised, without any whitespace or line breaks, without “指标N：”. */
export const normalizeLabel: (s: string) => string = memoByText(foldLabel);

export function foldLabel(text: string): string {
  const s = clipText(text);
  // Most labels start “指标12：” as typed: that prefix folds to “指标12:” and goes, so only the rest
  // is folded. Anything else (“指标 1：”, “指标１：”) is folded first and matched after.
  const from = typedIndicatorNumberEnd(s);
  const rest = foldFast(s, true, from);
  if (rest !== null) return from > 0 ? stripListNumber(rest) : stripNumbering(rest);
  return stripNumbering(foldFully(s).replace(/\s+/g, ''));
}

/**
 * What /^指标\d+[:：]/ and then /^\d+[、.．](?!\d)/ remove from a folded label (“指标3：”, then
 * “1、” / “2.” but not “2.5”), found by hand: every label comes here, and a replace costs more
 * than the fold itself.
 */
function stripNumbering(s: string): string {
  const from = typedIndicatorNumberEnd(s);
  return stripListNumber(from > 0 ? s.slice(from) : s);
}

/** The length of a leading “指标12：” / “指标12:” (/^指标\d+[:：]/), else 0. */
function typedIndicatorNumberEnd(s: string): number {
  if (s.length < 4 || s.charCodeAt(0) !== 0x6307 /* 指 */ || s.charCodeAt(1) !== 0x6807 /* 标 */) return 0;
  const end = digitsEnd(s, 2);
  const c = charAt(s, end);
  return end > 2 && (c === 0x3a || c === 0xff1a) ? end + 1 : 0;
}

/** Without a leading /^\d+[、.．](?!\d)/: “1、”, “2.”, not “2.5”. */
function stripListNumber(s: string): string {
  const end = digitsEnd(s, 0);
  if (end === 0) return s;
  const c = charAt(s, end);
  return (c === 0x3001 || c === 0x2e || c === 0xff0e) && digitsEnd(s, end + 1) === end + 1 ? s.slice(end + 1) : s;
}

/** The code unit at `i`, or -1 past the end. */
function charAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : -1;
}

/** The index after the ASCII digits (\d) starting at `i`. */
function digitsEnd(s: string, i: number): number {
  // Bounded by the length: a read past the end (NaN) makes V8 throw away the optimized code once.
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c < 0x30 || c > 0x39) break;
    j++;
  }
  return j;
}

const LABEL_WEIGHT = /[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$/;

/** “投入（20分）” → { name: "投入", weight: 20 }; a label without a weight keeps weight null. */
export const splitLabelWeight: (label: string) => { name: string; weight: Dec | null } = memoByText((label) =>
  splitFoldedWeight(normalizeLabel(label)),
);

/** `splitLabelWeight` of a label already folded by `foldLabel`. */
export function splitFoldedWeight(s: string): { name: string; weight: Dec | null } {
  // A folded label has no whitespace left, so LABEL_WEIGHT needs it to end in “)” or “）”.
  const last = s.charCodeAt(s.length - 1);
  const m = last === 0x29 || last === 0xff09 ? LABEL_WEIGHT.exec(s) : null;
  if (!m) return { name: s, weight: null };
  return { name: s.slice(0, m.index), weight: new D(m[1]) };
}

/** Header text without a trailing parenthesised note: “分值(权重)” stays, “执行率(%)” → “执行率”. */
export function headerKey(s: string): string {
  return normalizeLabel(s).replace(/[:：]$/, '');
}
