/**
 * Excel number formats → displayed text, for hosts that cannot ask Excel (the CLI reading .xlsx
 * through ExcelJS, tests). Pure: no Node, no DOM.
 *
 * Covered: General; digit placeholders 0 # ? with any number of decimals; thousands separators and
 * trailing-comma scaling (#,##0 / 0,); percent (one or more %); scientific (0.00E+00); literals in
 * quotes, after a backslash, or bare (0"分", 0.00"万元", "¥"#,##0.00, 0元); _x padding (one space);
 * *x fill (dropped); [Red]/[Color10] (ignored); [$¥-804] currency (its symbol); [>=100] conditions;
 * up to four ;-sections (positive; negative without its minus sign; zero; text). @ alone shows a
 * number as General. Dates, times, fractions and [DBNum] formats fall back to the General
 * rendering of the serial number. Never throws.
 *
 * Longer than the ~500 lines we aim for, on purpose: it is one algorithm (tokenise a section,
 * choose the section, render digits) over one token type, and is read top to bottom as one.
 */
import { remember } from './memo.js';

type Tok =
  | { k: 'lit'; s: string }
  | { k: 'dig'; c: '0' | '#' | '?' }
  | { k: 'dot' }
  | { k: 'comma' }
  | { k: 'pct' }
  | { k: 'exp'; plus: boolean }
  | { k: 'gen' }
  | { k: 'text' };

interface Condition {
  op: '<' | '<=' | '>' | '>=' | '=' | '<>';
  n: number;
}

interface Section {
  toks: Tok[];
  /** Date/time, fraction, [DBNum]: rendered as General. */
  fallback: boolean;
  /** Holds date or time codes. */
  date: boolean;
  cond: Condition | null;
  /** Digit placeholders of the integer part, in order. */
  intDigs: ('0' | '#' | '?')[];
  fracDigs: ('0' | '#' | '?')[];
  expDigs: number;
  expPlus: boolean;
  hasExp: boolean;
  hasDot: boolean;
  grouping: boolean;
  /** Number of commas right after the last integer placeholder: each divides by 1000. */
  scaleCommas: number;
  percents: number;
  hasGeneral: boolean;
  hasText: boolean;
  /** Set when the section is prefix + one plain number + suffix (0.00, #,##0, 0%, "¥"#,##0.00, 0"分"). */
  simple: Simple | null;
}

interface Simple {
  prefix: string;
  suffix: string;
  decimals: number;
  /** Integer digits always printed (zeros on the left): "#,##0" → 1, "000" → 3, "#.00" → 0. */
  minInt: number;
  /** Power of ten applied before rounding: +2 per %, −3 per scaling comma. */
  shift: number;
}

interface Parsed {
  /** The whole format is General (or empty). */
  general: boolean;
  sections: Section[];
  /** Sections that can show numbers: up to three; a trailing text-only section is left out. */
  numeric: Section[];
  hasCond: boolean;
}

const COLOR_RE = /^(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d{1,2})$/i;
const COND_RE = /^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const DATE_LETTERS = /[yYmMdDhHsS]/;

const cache = new Map<string, Parsed>();

function parse(fmt: string): Parsed {
  let p = cache.get(fmt);
  if (p) return p;
  const trimmed = fmt.trim();
  if (trimmed === '' || /^general$/i.test(trimmed)) {
    p = { general: true, sections: [], numeric: [], hasCond: false };
  } else {
    const sections = splitSections(trimmed).map(parseSection);
    const numeric =
      sections.length >= 4
        ? sections.slice(0, 3)
        : sections.filter((sec, i) => !(i > 0 && sec.hasText && !sec.intDigs.length && !sec.fracDigs.length));
    p = { general: false, sections, numeric: numeric.length ? numeric : sections.slice(0, 1), hasCond: sections.some((x) => !!x.cond) };
  }
  return remember(cache, fmt, p, 2000);
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') {
      const j = fmt.indexOf('"', i + 1);
      const end = j < 0 ? fmt.length : j;
      cur += fmt.slice(i, end + 1);
      i = end;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      cur += fmt.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      const j = fmt.indexOf(']', i + 1);
      const end = j < 0 ? fmt.length : j;
      cur += fmt.slice(i, end + 1);
      i = end;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

function parseSection(src: string): Section {
  const toks: Tok[] = [];
  let fallback = false;
  let date = false;
  let cond: Condition | null = null;
  const lit = (s: string) => {
    const last = toks[toks.length - 1];
    if (last && last.k === 'lit') last.s += s;
    else toks.push({ k: 'lit', s });
  };
  let inExp = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    switch (ch) {
      case '"': {
        const j = src.indexOf('"', i + 1);
        const end = j < 0 ? src.length : j;
        lit(src.slice(i + 1, end));
        i = end;
        break;
      }
      case '\\':
        if (i + 1 < src.length) lit(src[i + 1]);
        i++;
        break;
      case '_':
        lit(' ');
        i++;
        break;
      case '*':
        i++;
        break;
      case '[': {
        const j = src.indexOf(']', i + 1);
        const end = j < 0 ? src.length : j;
        const body = src.slice(i + 1, end).trim();
        i = end;
        if (COLOR_RE.test(body)) break;
        if (body.startsWith('$')) {
          const dash = body.indexOf('-');
          lit(body.slice(1, dash < 0 ? body.length : dash));
          break;
        }
        const m = COND_RE.exec(body);
        if (m) {
          cond = { op: m[1] as Condition['op'], n: Number(m[2]) };
          break;
        }
        // [h], [mm], [ss] elapsed time; [DBNum1] Chinese numerals; anything else unknown.
        if (/^(h+|m+|s+)$/i.test(body)) date = true;
        fallback = true;
        break;
      }
      case '0':
      case '#':
      case '?':
        toks.push({ k: 'dig', c: ch });
        break;
      case '.':
        if (inExp || toks.some((t) => t.k === 'dot')) lit('.');
        else toks.push({ k: 'dot' });
        break;
      case ',':
        toks.push({ k: 'comma' });
        break;
      case '%':
        toks.push({ k: 'pct' });
        break;
      case '@':
        toks.push({ k: 'text' });
        break;
      case '/':
        // A slash between digit placeholders is a fraction (# ?/?); otherwise a literal.
        if (toks.some((t) => t.k === 'dig') && /^[ ]*[0-9#?]/.test(src.slice(i + 1))) fallback = true;
        lit('/');
        break;
      case 'E':
      case 'e':
        if (src[i + 1] === '+' || src[i + 1] === '-') {
          toks.push({ k: 'exp', plus: src[i + 1] === '+' });
          inExp = true;
          i++;
        } else {
          fallback = date = true; // era year
        }
        break;
      case 'G':
      case 'g':
        if (src.slice(i, i + 7).toLowerCase() === 'general') {
          toks.push({ k: 'gen' });
          i += 6;
        } else {
          fallback = true;
        }
        break;
      case 'A':
      case 'a':
        if (/^(am\/pm|a\/p)/i.test(src.slice(i))) fallback = date = true;
        else lit(ch);
        break;
      default:
        if (DATE_LETTERS.test(ch) || ch === 'b' || ch === 'B') fallback = date = true;
        else lit(ch);
    }
  }
  return analyse(toks, fallback, date, cond);
}

function analyse(toks: Tok[], fallback: boolean, date: boolean, cond: Condition | null): Section {
  const s: Section = {
    toks,
    fallback,
    date,
    cond,
    intDigs: [],
    fracDigs: [],
    expDigs: 0,
    expPlus: false,
    hasExp: false,
    hasDot: false,
    grouping: false,
    scaleCommas: 0,
    percents: 0,
    hasGeneral: false,
    hasText: false,
    simple: null,
  };
  let part: 'int' | 'frac' | 'exp' = 'int';
  let lastIntDig = -1;
  let firstIntDig = -1;
  toks.forEach((t, i) => {
    switch (t.k) {
      case 'dig':
        if (part === 'int') {
          s.intDigs.push(t.c);
          if (firstIntDig < 0) firstIntDig = i;
          lastIntDig = i;
        } else if (part === 'frac') s.fracDigs.push(t.c);
        else s.expDigs++;
        break;
      case 'dot':
        s.hasDot = true;
        part = 'frac';
        break;
      case 'exp':
        s.hasExp = true;
        s.expPlus = t.plus;
        part = 'exp';
        break;
      case 'pct':
        s.percents++;
        break;
      case 'gen':
        s.hasGeneral = true;
        break;
      case 'text':
        s.hasText = true;
        break;
      default:
    }
  });
  // Commas: between integer placeholders → grouping; right after the last one → scaling.
  toks.forEach((t, i) => {
    if (t.k !== 'comma') return;
    if (firstIntDig >= 0 && i > firstIntDig && i < lastIntDig) s.grouping = true;
  });
  if (lastIntDig >= 0) {
    for (let i = lastIntDig + 1; i < toks.length && toks[i].k === 'comma'; i++) s.scaleCommas++;
  }
  s.simple = compileSimple(s);
  return s;
}

function compileSimple(s: Section): Simple | null {
  if (s.fallback || s.hasExp || s.hasGeneral || s.hasText || s.cond) return null;
  if (s.intDigs.length + s.fracDigs.length === 0) return null;
  if (s.fracDigs.some((c) => c !== '0') || s.intDigs.includes('?')) return null;
  // The number's tokens (digits, dot, commas) must be contiguous: no literal inside the number.
  const isNum = (t: Tok) => t.k === 'dig' || t.k === 'dot' || t.k === 'comma';
  const first = s.toks.findIndex(isNum);
  let last = first;
  for (let i = first; i < s.toks.length && isNum(s.toks[i]); i++) last = i;
  let prefix = '';
  let suffix = '';
  for (let i = 0; i < s.toks.length; i++) {
    const t = s.toks[i];
    if (i >= first && i <= last) continue;
    if (t.k === 'dig' || t.k === 'dot') return null;
    const txt = t.k === 'lit' ? t.s : t.k === 'pct' ? '%' : '';
    if (i < first) prefix += txt;
    else suffix += txt;
  }
  const firstForced = s.intDigs.indexOf('0');
  return {
    prefix,
    suffix,
    decimals: s.fracDigs.length,
    minInt: firstForced < 0 ? 0 : s.intDigs.length - firstForced,
    shift: 2 * s.percents - 3 * s.scaleCommas,
  };
}

const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(10 ** i);

/**
 * |x| × 10^shift rounded half away from zero to `d` decimals, as a plain decimal string. Rounds
 * the 15 significant digits Excel keeps, so 0.675 → "0.68", 1.005 → "1.01" and 0.565 as a
 * percentage → "57" like Excel shows them. Clear-cut cases take a float fast path; values within
 * a hair of a half go through the digit string.
 */
export function roundFixed(x: number, d: number, shift = 0): string {
  if (!Number.isFinite(x)) return String(x);
  x = Math.abs(x);
  const k = d + shift;
  if (d <= 15 && k >= -22 && k <= 22) {
    const scaled = k >= 0 ? x * POW10[k] : x / POW10[-k];
    if (scaled < 1e15) {
      const fl = Math.floor(scaled);
      const frac = scaled - fl;
      if (Math.abs(frac - 0.5) > scaled * 1e-13 + 1e-9) return fixedFromInt(frac > 0.5 ? fl + 1 : fl, d);
    }
  }
  return roundFixedExact(x, d, shift);
}

/** An integer count of 10^-d units as a decimal string with d decimals. */
function fixedFromInt(r: number, d: number): string {
  const s = String(r);
  if (d === 0) return s;
  if (s.length <= d) return `0.${s.padStart(d, '0')}`;
  return `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}`;
}

function roundFixedExact(x: number, d: number, shift: number): string {
  if (x === 0) return d > 0 ? `0.${'0'.repeat(d)}` : '0';
  const e = x.toExponential(14); // "d.dddddddddddddde±N": the 15 significant digits Excel keeps
  const ePos = e.indexOf('e');
  let digits = e[0] + e.slice(2, ePos);
  let exp = Number(e.slice(ePos + 1)) + shift; // value = 0.digits × 10^(exp+1)
  const keep = exp + 1 + d; // digits before the rounding point
  if (keep < 0) return d > 0 ? `0.${'0'.repeat(d)}` : '0';
  if (keep < digits.length) {
    const up = digits.charCodeAt(keep) >= 53; // '5'
    digits = digits.slice(0, keep);
    if (up) {
      const arr = digits.split('');
      let i = arr.length - 1;
      while (i >= 0 && arr[i] === '9') arr[i--] = '0';
      if (i >= 0) arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
      else {
        arr.unshift('1');
        exp++;
      }
      digits = arr.join('');
    }
  } else {
    digits = digits.padEnd(keep, '0');
  }
  // The integer part is the first exp+1 digits.
  const intLen = exp + 1;
  let intPart: string;
  let fracPart: string;
  if (intLen <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-intLen) + digits;
  } else {
    intPart = digits.slice(0, intLen) || '0';
    fracPart = digits.slice(intLen);
  }
  fracPart = fracPart.padEnd(d, '0').slice(0, d);
  intPart = intPart.replace(/^0+(?=\d)/, '') || '0';
  return d > 0 ? `${intPart}.${fracPart}` : intPart;
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Excel's General format in a standard-width cell: at most 11 characters, else scientific. */
export function formatGeneral(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const neg = value < 0;
  const a = Math.abs(value);
  if (a < 1e11) {
    // Short enough already: JavaScript's shortest round-trip form is what Excel shows.
    const quick = String(a);
    if (quick.length <= 11 && quick.indexOf('e') < 0) return neg ? `-${quick}` : quick;
  }
  let out: string;
  if (a >= 1e11 || a < 1e-9) {
    out = scientific(a, 5, true, 2, true);
  } else {
    const intDigits = a >= 1 ? Math.floor(Math.log10(a)) + 1 : 1;
    const dec = Math.max(0, 10 - intDigits);
    out = stripZeros(roundFixed(a, dec));
    if (out === '0') out = scientific(a, 5, true, 2, true);
  }
  return neg ? `-${out}` : out;
}

/** a ≥ 0 as mantissa E±exponent. */
function scientific(a: number, decimals: number, plus: boolean, expDigits: number, strip: boolean): string {
  let exp = a === 0 ? 0 : Math.floor(Math.log10(a));
  let mant = roundFixed(a / 10 ** exp, decimals);
  if (Number(mant) >= 10) {
    exp++;
    mant = roundFixed(a / 10 ** exp, decimals);
  } else if (a !== 0 && Number(mant) < 1) {
    exp--;
    mant = roundFixed(a / 10 ** exp, decimals);
  }
  if (strip) mant = stripZeros(mant);
  const sign = exp < 0 ? '-' : plus ? '+' : '';
  return `${mant}E${sign}${String(Math.abs(exp)).padStart(expDigits, '0')}`;
}

function holds(c: Condition, v: number): boolean {
  switch (c.op) {
    case '<':
      return v < c.n;
    case '<=':
      return v <= c.n;
    case '>':
      return v > c.n;
    case '>=':
      return v >= c.n;
    case '=':
      return v === c.n;
    case '<>':
      return v !== c.n;
  }
}

/**
 * Renders `value` with the section that shows it: the second for negatives (its own signs, so no
 * minus of ours), the third for zero, else the first; with [conditions], the first that holds.
 */
function renderParsed(p: Parsed, value: number): string {
  const secs = p.sections;
  if (p.hasCond) {
    for (let i = 0; i < Math.min(secs.length, 2); i++) {
      const c = secs[i].cond;
      if (c && holds(c, value)) return renderSection(secs[i], value, value < 0);
    }
    const rest = secs.find((x, i) => i < 3 && !x.cond) ?? secs[secs.length - 1];
    return renderSection(rest, value, value < 0);
  }
  const numeric = p.numeric;
  if (value < 0 && numeric.length >= 2) return renderSection(numeric[1], value, false);
  if (value === 0 && numeric.length >= 3) return renderSection(numeric[2], value, false);
  return renderSection(numeric[0], value, value < 0);
}

function renderInt(sec: Section, intPart: string): string {
  const ph = sec.intDigs;
  let digits = intPart === '0' ? '' : intPart;
  // Placeholders fill from the right; to the left of the digits, only positions from the first
  // 0 or ? onwards print something ('0' → 0, '?' → space; a '#' after a '0' prints 0 too).
  const firstForced = ph.findIndex((c) => c !== '#');
  if (firstForced >= 0) {
    let pad = '';
    for (let i = firstForced; i < ph.length - digits.length; i++) pad += ph[i] === '?' ? ' ' : '0';
    digits = pad + digits;
  }
  if (sec.grouping) {
    const m = /^( *)(\d*)$/.exec(digits);
    if (m) digits = m[1] + group(m[2]);
  }
  return digits;
}

function group(d: string): string {
  if (d.length <= 3) return d;
  let g = '';
  const head = d.length % 3 || 3;
  g = d.slice(0, head);
  for (let i = head; i < d.length; i += 3) g += `,${d.slice(i, i + 3)}`;
  return g;
}

function renderSimple(sec: Section, sp: Simple, a: number, sign: string): string {
  const fixed = roundFixed(a, sp.decimals, sp.shift);
  const dot = fixed.indexOf('.');
  let int = dot < 0 ? fixed : fixed.slice(0, dot);
  if (int === '0') int = '';
  if (int.length < sp.minInt) int = int.padStart(sp.minInt, '0');
  if (sec.grouping) int = group(int);
  const frac = dot < 0 ? (sec.hasDot ? '.' : '') : fixed.slice(dot);
  return sign + sp.prefix + int + frac + sp.suffix;
}

function renderFrac(sec: Section, fracPart: string): string[] {
  const ph = sec.fracDigs;
  const out = ph.map((_, i) => fracPart[i] ?? '0');
  for (let i = ph.length - 1; i >= 0; i--) {
    if (ph[i] === '0' || out[i] !== '0') break;
    out[i] = ph[i] === '?' ? ' ' : '';
  }
  return out;
}

function renderSection(sec: Section, value: number, signed: boolean): string {
  const sign = signed ? '-' : '';
  if (sec.fallback) return formatGeneral(value);
  if (sec.simple) return renderSimple(sec, sec.simple, Math.abs(value), sign);
  let a = Math.abs(value);
  const hasDigits = sec.intDigs.length + sec.fracDigs.length > 0;
  if (sec.hasGeneral) {
    let out = '';
    for (const t of sec.toks) {
      if (t.k === 'lit') out += t.s;
      else if (t.k === 'gen') out += formatGeneral(a);
      else if (t.k === 'pct') out += '%';
    }
    return sign + out;
  }
  if (!hasDigits) {
    if (sec.hasText && sec.toks.every((t) => t.k === 'text' || t.k === 'lit')) {
      // "@" (text format) shows a number as General; literals around @ stay.
      let out = '';
      for (const t of sec.toks) out += t.k === 'lit' ? t.s : formatGeneral(a);
      return sign + out;
    }
    let out = '';
    for (const t of sec.toks) {
      if (t.k === 'lit') out += t.s;
      else if (t.k === 'pct') out += '%';
    }
    return sign + out;
  }
  const shift = 2 * sec.percents - 3 * sec.scaleCommas;

  if (sec.hasExp) {
    a *= 10 ** shift;
    const mantInt = Math.max(1, sec.intDigs.length);
    const dec = sec.fracDigs.length;
    let exp = a === 0 ? 0 : Math.floor(Math.log10(a));
    if (mantInt > 1) exp = Math.floor(exp / mantInt) * mantInt;
    let m = roundFixed(a / 10 ** exp, dec);
    if (Number(m) >= 10 ** mantInt) {
      exp += mantInt > 1 ? mantInt : 1;
      m = roundFixed(a / 10 ** exp, dec);
    }
    const [mi, mf = ''] = m.split('.');
    const intTxt = renderInt({ ...sec, grouping: false }, mi);
    const frac = renderFrac(sec, mf);
    const expTxt = (exp < 0 ? '-' : sec.expPlus ? '+' : '') + String(Math.abs(exp)).padStart(sec.expDigs, '0');
    let out = '';
    let part: 'int' | 'frac' | 'exp' = 'int';
    let intDone = false;
    let fi = 0;
    for (const t of sec.toks) {
      if (t.k === 'lit') out += t.s;
      else if (t.k === 'pct') out += '%';
      else if (t.k === 'dot') {
        if (!intDone) {
          out += intTxt;
          intDone = true;
        }
        out += '.';
        part = 'frac';
      } else if (t.k === 'exp') {
        if (!intDone) {
          out += intTxt;
          intDone = true;
        }
        out += `E${expTxt}`;
        part = 'exp';
      } else if (t.k === 'dig') {
        if (part === 'int' && !intDone) {
          out += intTxt;
          intDone = true;
        } else if (part === 'frac') out += frac[fi++] ?? '';
      }
    }
    return sign + out;
  }

  const fixed = roundFixed(a, sec.fracDigs.length, shift);
  const [intPart, fracPart = ''] = fixed.split('.');
  const intTxt = sec.intDigs.length ? renderInt(sec, intPart) : intPart === '0' ? '' : intPart;
  const frac = renderFrac(sec, fracPart);
  // Integer placeholders split by literals ("0"-"000") take the digits right to left, one each;
  // the first takes whatever is left over. With grouping the integer prints in one piece.
  const nInt = sec.intDigs.length;
  const spread = !sec.grouping && nInt > 1;
  const offset = intTxt.length - nInt;
  let out = '';
  let intDone = false;
  let ii = 0;
  let fi = 0;
  let part: 'int' | 'frac' = 'int';
  for (const t of sec.toks) {
    switch (t.k) {
      case 'lit':
        out += t.s;
        break;
      case 'pct':
        out += '%';
        break;
      case 'dot':
        if (!intDone && !spread) out += intTxt;
        intDone = true;
        out += '.';
        part = 'frac';
        break;
      case 'dig':
        if (part === 'int') {
          if (spread) {
            const from = ii === 0 ? 0 : Math.max(0, offset + ii);
            out += intTxt.slice(from, Math.max(0, offset + ii + 1));
            ii++;
          } else if (!intDone) {
            out += intTxt;
            intDone = true;
          }
        } else out += frac[fi++] ?? '';
        break;
      default:
    }
  }
  if (!intDone && !spread) out = intTxt + out;
  return sign + out;
}

/**
 * The text Excel would display for `value` under `numFmt` (column wide enough). Unknown or
 * date formats give the General rendering; never throws.
 */
export function formatNumber(value: number, numFmt: string): string {
  try {
    if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
    if (!numFmt || numFmt === 'General') return formatGeneral(value);
    const p = parse(numFmt);
    return p.general ? formatGeneral(value) : renderParsed(p, value);
  } catch {
    return formatGeneral(value);
  }
}

/** True when the format shows numbers as percentages (a % outside quotes in its first section). */
export function isPercentFormat(numFmt: string): boolean {
  if (!numFmt) return false;
  try {
    const sec = parse(numFmt).sections[0];
    return !!sec && !sec.fallback && sec.percents > 0;
  } catch {
    return false;
  }
}

/** True when the format renders dates or times (y, m, d, h, s, AM/PM, [h] outside quotes). */
export function isDateFormat(numFmt: string): boolean {
  if (!numFmt) return false;
  try {
    const sec = parse(numFmt).sections[0];
    return !!sec && sec.date;
  } catch {
    return false;
  }
}
