/**
 * Reading targets, actuals, weights and scores as people type them (RULES.md §2): units, 万/亿,
 * percentages (written or by number format), operators in symbols and words, approximations,
 * compound targets, deadlines, ordinal scales and plain qualitative statements.
 */
import { D, type Dec, decOf, decimalsOf } from './decimal.js';
import { remember } from './memo.js';
import type { CellValue } from './snapshot.js';
import { normalizeText } from './text.js';
import { VALUE_WORDS } from './vocabulary.js';
import { STATUS_WORDS } from './data/status-words.js';

export type Operator = '>=' | '>' | '<=' | '<' | '=';

export interface Quantity {
  /** The number in base units: 22万 → 220000, 67% → 0.67; money in 万元 stays in 万元. */
  value: Dec;
  unit: string;
  percent: boolean;
  /** 万 or 亿 was written as a multiplier. */
  scaled: boolean;
  op: Operator | null;
  approximate: boolean;
  /** Text before the number in its clause: pairs the parts of compound targets. */
  label: string;
  /** Decimal places of `value` as written (67% → 2, 4.7 → 1). */
  decimals: number;
}

export type Reading =
  | { kind: 'empty' }
  | { kind: 'number'; q: Quantity; text: string }
  | { kind: 'compound'; parts: Quantity[]; text: string }
  | { kind: 'boolean'; value: boolean; text: string }
  | { kind: 'ordinal'; scale: string; rank: number; word: string; text: string }
  | { kind: 'deadline'; text: string }
  | { kind: 'text'; text: string; status: Status; statusWord: string | null; certain: boolean };

export type Status = 'met' | 'partial' | 'unmet' | 'unknown';

/** The tier a plain text states, the word that said it, and whether that word says it outright. */
export interface StatusReading {
  status: Status;
  word: string | null;
  certain: boolean;
}

const SUFFIX_OPS: [string, Operator][] = VALUE_WORDS.suffixOperators as [string, Operator][];
const APPROX_PREFIX = new RegExp(`^(?:${VALUE_WORDS.approximatePrefix.join('|')})`);
const APPROX_PREFIX_END = new RegExp(`(?:${VALUE_WORDS.approximatePrefix.join('|')})$`);
const APPROX_SUFFIX = new RegExp(`(?:${VALUE_WORDS.approximateSuffix.join('|')})$`);

/**
 * One number with its decorations: [operator] [约/近] number [万|亿] [余|多] [unit] [以上/以下/左右].
 * The unit is any short run of non-digit, non-separator characters.
 */
const QUANTITY =
  /(-?\d+(?:\.\d+)?)\s*(万(?!元)|亿(?!元))?\s*(余|多)?\s*(%|[^\d\s,;、。:()]{0,8})?(及以上|以上|及以下|以下|以内|左右|上下)?/;

function stripThousands(s: string): string {
  return s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

const OP_WORDS: [string, Operator][] = VALUE_WORDS.operators
  .flatMap(([words, op]) => words.map((w) => [w, op as Operator] as [string, Operator]))
  .sort((a, b) => b[0].length - a[0].length);
const OP_OF = new Map(OP_WORDS);
const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An operator word right before the number (“群众满意度≥”, “不低于”), and the text before it. */
const OP_AT_END = new RegExp(`(${OP_WORDS.map(([w]) => escape(w)).join('|')})$`);

function readOperator(prefix: string): { op: Operator | null; approx: boolean; rest: string } {
  let p = prefix.trim();
  let op: Operator | null = null;
  const m = OP_AT_END.exec(p);
  if (m) {
    op = OP_OF.get(m[1]) ?? null;
    p = p.slice(0, m.index);
  }
  return { op, approx: APPROX_PREFIX_END.test(p), rest: p };
}

/** Parse every quantity in a normalised clause, in one pass (no re-slicing: linear in the clause). */
const QUANTITY_ALL = new RegExp(QUANTITY.source, 'g');

function quantitiesIn(clause: string): Quantity[] {
  const out: Quantity[] = [];
  let from = 0;
  QUANTITY_ALL.lastIndex = 0;
  for (;;) {
    const m = QUANTITY_ALL.exec(clause);
    if (!m) break;
    const before = clause.slice(from, m.index);
    from = QUANTITY_ALL.lastIndex;
    const [, num, mult, approxWord, unitRaw = '', explicitSuffix] = m;
    let suffix: string | undefined = explicitSuffix;
    let unit = unitRaw.trim();
    let op: Operator | null = null;
    let approximate = Boolean(approxWord);
    const pre = readOperator(before);
    if (pre.op) op = pre.op;
    if (pre.approx) approximate = true;
    // A unit may have swallowed the suffix word when no space separated them.
    const tailWord = /(及以上|以上|及以下|以下|以内|左右|上下)$/.exec(unit);
    if (tailWord && !suffix) {
      suffix = tailWord[1];
      unit = unit.slice(0, -suffix.length);
    }
    if (suffix) {
      const so = SUFFIX_OPS.find(([w]) => w === suffix);
      if (so) op = op ?? so[1];
      else approximate = true;
    }
    if (APPROX_SUFFIX.test(unit)) {
      unit = unit.replace(APPROX_SUFFIX, '');
      approximate = true;
    }
    if (APPROX_PREFIX.test(before.trim().slice(-2))) approximate = true;
    const percent = unit === '%';
    let value = new D(num);
    let decimals = decimalsOf(num);
    if (mult === '万') value = value.mul(1e4);
    if (mult === '亿') value = value.mul(1e8);
    if (mult) decimals = Math.max(0, decimals - (mult === '万' ? 4 : 8));
    if (percent) {
      value = value.div(100);
      decimals += 2;
    }
    out.push({
      value,
      unit: percent ? '%' : unit.replace(/^[/每]+$/, ''),
      percent,
      scaled: Boolean(mult),
      op,
      approximate,
      label: pre.rest.replace(APPROX_PREFIX_END, '').trim(),
      decimals,
    });
    if (from >= clause.length) break;
  }
  return out;
}

const DEADLINES = VALUE_WORDS.deadlinePatterns.map((p) => new RegExp(p));

function isDeadline(s: string): boolean {
  return DEADLINES.some((re) => re.test(s));
}

/** Ordinal words (满意度, 质量等级): the longest word found decides. */
function ordinalOf(s: string): { scale: string; rank: number; word: string } | null {
  let best: { scale: string; rank: number; word: string } | null = null;
  for (const scale of VALUE_WORDS.ordinalScales) {
    scale.words.forEach((word, idx) => {
      if (s.includes(word) && (!best || word.length > best.word.length)) {
        best = { scale: scale.name, rank: scale.words.length - 1 - idx, word };
      }
    });
  }
  return best;
}

const EXPLICIT = STATUS_WORDS.explicit.map((g) => ({
  tier: g.tier,
  words: [...g.words].sort((a, b) => b.length - a.length),
  patterns: (g.patterns ?? []).map((p) => new RegExp(p)),
}));

const NEGATION = /(未|不|没|没有|无法|尚未|不能|未能|没能)$/;

/** RULES.md §2.9: explicit status words first (certain), then loose words (a guess). */
export function statusOf(text: string): StatusReading {
  const s = normalizeText(text).replace(/\s+/g, '');
  for (const g of EXPLICIT) {
    const w = g.words.find((x) => s.includes(x));
    if (w) {
      // “无法按时完成”, “不能完成”: a completion word under a negation says the opposite.
      const negated = g.tier === 'met' && NEGATION.test(s.slice(0, s.indexOf(w)));
      return { status: negated ? 'unmet' : g.tier, word: w, certain: true };
    }
    const p = g.patterns.map((re) => re.exec(s)).find((m) => m !== null);
    if (p) return { status: g.tier, word: p[0], certain: true };
  }
  for (const g of STATUS_WORDS.loose) {
    const w = g.words.find((x) => s.includes(x));
    if (w) return { status: g.tier, word: w, certain: false };
  }
  return { status: 'unknown', word: null, certain: false };
}

export function statusOfText(s: string): Status {
  return statusOf(s).status;
}

function textReading(original: string, s: string): Reading {
  const st = statusOf(s);
  return { kind: 'text', text: original, status: st.status, statusWord: st.word, certain: st.certain };
}

const BOOLEAN = /^(是|否)[。.!！]?$/;

/** A target or actual as written: raw cell value, displayed text and number format. */
export function readValue(raw: CellValue, text: string, format = ''): Reading {
  // NaN and ±Infinity are no quantity: the cell reads as its text (a host that kept one shows it).
  if (typeof raw === 'number' && !Number.isFinite(raw)) raw = null;
  if (raw === null && text.trim() === '') return { kind: 'empty' };
  if (typeof raw === 'number') {
    // A number cell's reading depends on its number, text and format, and forms repeat all three
    // (scores 90, 100; 95%): the last reading of each text is kept, and taken when the other two match.
    // (−0 is never kept: `===` cannot tell it from 0, and its Decimal keeps its sign.)
    if (Object.is(raw, -0)) return readCellNumber(raw, text, format);
    const hit = numberReadings.get(text);
    if (hit !== undefined && hit.raw === raw && hit.format === format) return hit.reading;
    return remember(numberReadings, text, { raw, format, reading: readCellNumber(raw, text, format) }, 20_000).reading;
  }
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw, text: raw ? '是' : '否' };
  const original = (text && text.trim()) || String(raw ?? '');
  // Forms repeat their words (满意, 是, 及时, ≥95%): readings are immutable, so one per distinct text.
  return readings.get(original) ?? remember(readings, original, readText(original), 20_000);
}

const readings = new Map<string, Reading>();

const numberReadings = new Map<string, { raw: number; format: string; reading: Reading }>();

function readCellNumber(raw: number, text: string, format: string): Reading {
  const percent = /%/.test(format.replace(/"[^"]*"/g, ''));
  const shown = text && text.trim() ? text.trim() : String(raw);
  const dm = /(\d+)(?:\.(\d+))?\s*%?/.exec(shown.replace(/,/g, ''));
  const shownDecimals = dm?.[2]?.length ?? 0;
  return {
    kind: 'number',
    text: shown,
    q: {
      value: decOf(raw),
      unit: percent ? '%' : '',
      percent,
      scaled: false,
      op: null,
      approximate: false,
      label: '',
      decimals: text && text.trim() ? shownDecimals + (percent ? 2 : 0) : decimalsOf(String(raw)),
    },
  };
}

function readText(original: string): Reading {
  const s = stripThousands(normalizeText(original)).replace(/\s+/g, '').trim();
  if (!s) return { kind: 'empty' };
  if (BOOLEAN.test(s)) return { kind: 'boolean', value: s.startsWith('是'), text: original };
  const clauses = s.split(/[;,、；，]/).filter(Boolean);
  const parts = clauses.flatMap((c) => quantitiesIn(c));
  if (parts.length === 0) {
    if (isDeadline(s)) return { kind: 'deadline', text: original };
    const ord = ordinalOf(s);
    if (ord) return { kind: 'ordinal', ...ord, text: original };
    return textReading(original, s);
  }
  if (isDeadline(s) && parts.every((p) => p.unit.startsWith('月') || p.unit.startsWith('日') || p.unit.startsWith('年'))) {
    return { kind: 'deadline', text: original };
  }
  // Text that merely mentions a number inside a sentence ("按时完成3项工作") stays a number only
  // when the number carries the meaning: little text around it.
  const leftover = s.replace(/[\d.%]/g, '');
  if (parts.length === 1) {
    const q = parts[0];
    if (leftover.length - q.label.length - q.unit.length > 8) {
      return textReading(original, s);
    }
    return { kind: 'number', q, text: original };
  }
  return { kind: 'compound', parts, text: original };
}

/** The longest text a weight or score may be written as (“１,０００,０００.００ 分” and spaces fit). */
const MAX_NUMBER_CHARS = 64;

/**
 * Weights and scores: plain numbers, “10分”, “２.５”, “94分”. Returns null for blanks and dashes,
 * and `undefined` when there is text that is not a number (the caller reports it).
 */
export function readNumber(raw: CellValue, text = ''): { value: Dec; decimals: number } | null | undefined {
  // NaN and ±Infinity are text that is no number: the caller reports the cell, nothing computes with it.
  if (typeof raw === 'number' && !Number.isFinite(raw)) return undefined;
  if (typeof raw === 'number') {
    const shown = text.trim();
    return { value: decOf(raw), decimals: shown ? decimalsOf(shown) : decimalsOf(String(raw)) };
  }
  if (raw === null || raw === undefined) {
    if (!text.trim()) return null;
  }
  if (typeof raw === 'boolean') return undefined;
  const written = String(raw ?? text);
  // A weight or score is a few characters; a longer text is no number (and is never cut into one).
  if (written.length > MAX_NUMBER_CHARS) return undefined;
  const s = normalizeText(written).replace(/\s+/g, '');
  if (!s || /^[-/—―–无]+$/.test(s) || isPlaceholder(s)) return null;
  const m = /^(-?\d+(?:\.\d+)?)(分|%)?$/.exec(stripThousands(s));
  if (!m) return undefined;
  let value = new D(m[1]);
  let decimals = decimalsOf(m[1]);
  if (m[2] === '%') {
    value = value.div(100);
    decimals += 2;
  }
  return { value, decimals };
}

/** An actual without a unit takes the target's (seed 002: target “10万”, actual “5” means 5万). */
export function inheritUnit(actual: Quantity, target: Quantity): Quantity {
  if (actual.unit || actual.percent || actual.scaled) return actual;
  if (target.percent) {
    // 0.9 next to a 95% target is already a fraction; 90 is a percentage written without its sign.
    const value = actual.value.gt(1.5) ? actual.value.div(100) : actual.value;
    return { ...actual, value, percent: true, unit: '%' };
  }
  if (target.scaled) {
    const factor = target.value.abs().gte(1e8) && !target.value.abs().lt(1e8) ? 1e8 : 1e4;
    return { ...actual, value: actual.value.mul(factor), scaled: true, unit: target.unit };
  }
  return { ...actual, unit: target.unit };
}

const MONEY: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };

/** Both quantities in one scale where their money units differ (万元 vs 元). */
export function comparable(a: Quantity, b: Quantity): [Dec, Dec] {
  const fa = MONEY[a.unit];
  const fb = MONEY[b.unit];
  if (fa && fb && fa !== fb) return [a.value.mul(fa), b.value.mul(fb)];
  return [a.value, b.value];
}

/** “……”, “…”, “...”, “——”: template placeholders, not values (RULES.md §1). */
export function isPlaceholder(text: string): boolean {
  // Nearly every cell starts with a character no placeholder has: answered without a copy.
  const first = text.charCodeAt(0);
  // (/\s/ is asked only of characters that may be whitespace: an ideograph is none.)
  if (first > 0x7f && first !== 0x2026 && first !== 0x22ef && first !== 0x3002 && first !== 0xb7 && first !== 0x2014 && first !== 0x2015 && first !== 0x2013 && first !== 0xa0 && first !== 0x3000 && ((first > 0x3000 && first !== 0xfeff) || !/\s/.test(text[0]))) return false;
  if (first < 0x7f && first !== 46 && first !== 45 && first > 32) return false;
  const s = text.replace(/\s+/g, '');
  return s.length > 0 && /^[…⋯.。·\-—―–]+$/.test(s) && /[…⋯.。·]/.test(s);
}

const PERCENT_UNITS = ['%', '％', '百分比', '百分之'];

/**
 * A 度量单位 column (Yunnan, Sichuan) gives the unit of a bare 指标值 and of an actual that carries
 * none: 100 with “%” is 100% = 1; 20 with “万张” is 200000 张. A quantity with its own unit keeps it.
 */
export function withUnit(q: Quantity, unitText: string | null | undefined): Quantity {
  // Most forms have no unit column.
  if (!unitText) return q;
  const u = normalizeText(unitText).replace(/\s+/g, '');
  if (!u || q.unit || q.percent || q.scaled) return q;
  if (PERCENT_UNITS.includes(u)) return { ...q, value: q.value.div(100), percent: true, unit: '%', decimals: q.decimals + 2 };
  const m = /^(万|亿)(?!元)(.*)$/.exec(u);
  if (m) return { ...q, value: q.value.mul(m[1] === '万' ? 1e4 : 1e8), scaled: true, unit: m[2], decimals: Math.max(0, q.decimals - (m[1] === '万' ? 4 : 8)) };
  return { ...q, unit: u };
}

export type Nature = { op: Operator } | { kind: 'qualitative' | 'quantitative' } | null;

const NATURE_WORDS: Record<string, Operator> = { 正向: '>=', 反向: '<=', 逆向: '<=', 负向: '<=' };

/**
 * The 指标性质 column: an operator in any spelling (≥ ≧ >= 大于等于 …, “═”/“＝” for “=”) or a word —
 * 正向/反向 give a direction, 定性/定量 only say what kind of indicator it is.
 */
export function readNature(text: string | null | undefined): Nature {
  const s = normalizeText(text ?? '').replace(/\s+/g, '').replace(/(指标|型)$/, '');
  if (!s) return null;
  if (NATURE_WORDS[s]) return { op: NATURE_WORDS[s] };
  if (s === '定性') return { kind: 'qualitative' };
  if (s === '定量') return { kind: 'quantitative' };
  const op = OP_OF.get(s);
  return op ? { op } : null;
}
