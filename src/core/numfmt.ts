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
 */

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
}

interface Parsed {
  sections: Section[];
}

const COLOR_RE = /^(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d{1,2})$/i;
const COND_RE = /^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const DATE_LETTERS = /[yYmMdDhHsS]/;

const cache = new Map<string, Parsed>();

function parse(fmt: string): Parsed {
  let p = cache.get(fmt);
  if (p) return p;
  p = { sections: splitSections(fmt).map(parseSection) };
  if (cache.size > 2000) cache.clear();
  cache.set(fmt, p);
  return p;
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
  return s;
}

/**
 * x ≥ 0 rounded half away from zero to `d` decimals, as a plain decimal string. Works on the
 * 15 significant digits Excel keeps, so 0.675 → "0.68" and 1.005 → "1.01" like Excel shows them.
 */
export function roundFixed(x: number, d: number): string {
  if (!Number.isFinite(x)) return String(x);
  x = Math.abs(x);
  if (x === 0) return d > 0 ? `0.${'0'.repeat(d)}` : '0';
  const e = x.toExponential(14); // "d.dddddddddddddde±N"
  const ePos = e.indexOf('e');
  let digits = e[0] + e.slice(2, ePos);
  let exp = Number(e.slice(ePos + 1)); // value = 0.digits × 10^(exp+1)
  let keep = exp + 1 + d; // digits before the rounding point
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
        keep++;
      }
      digits = arr.join('');
    }
  } else {
    digits = digits.padEnd(keep, '0');
  }
  // digits now holds exactly `keep` digits; the integer part is the first exp+1 of them.
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
  intPart = intPart.replace(/^0+(?=\d)/, '');
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

/** Which section shows `value`, and whether the minus sign is printed by us. */
function pick(p: Parsed, value: number): { sec: Section; signed: boolean } {
  const secs = p.sections;
  if (secs.some((s) => s.cond)) {
    for (let i = 0; i < Math.min(secs.length, 2); i++) {
      const c = secs[i].cond;
      if (c && holds(c, value)) return { sec: secs[i], signed: value < 0 };
    }
    const rest = secs.find((s, i) => i < 3 && !s.cond) ?? secs[secs.length - 1];
    return { sec: rest, signed: value < 0 };
  }
  const numeric = secs.length >= 4 ? secs.slice(0, 3) : secs.filter((s, i) => !(i > 0 && s.hasText && !s.intDigs.length));
  if (numeric.length >= 2 && value < 0) return { sec: numeric[1], signed: false };
  if (numeric.length >= 3 && value === 0) return { sec: numeric[2], signed: false };
  return { sec: numeric[0] ?? secs[0], signed: value < 0 };
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
    if (m && m[2].length > 3) {
      let g = '';
      const d = m[2];
      for (let i = 0; i < d.length; i++) {
        if (i > 0 && (d.length - i) % 3 === 0) g += ',';
        g += d[i];
      }
      digits = m[1] + g;
    }
  }
  return digits;
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
  for (let i = 0; i < sec.percents; i++) a *= 100;
  for (let i = 0; i < sec.scaleCommas; i++) a /= 1000;

  if (sec.hasExp) {
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

  const fixed = roundFixed(a, sec.fracDigs.length);
  const [intPart, fracPart = ''] = fixed.split('.');
  const intTxt = sec.intDigs.length ? renderInt(sec, intPart) : intPart === '0' ? '' : intPart;
  const frac = renderFrac(sec, fracPart);
  let out = '';
  let intDone = false;
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
        if (!intDone) {
          out += intTxt;
          intDone = true;
        }
        out += '.';
        part = 'frac';
        break;
      case 'dig':
        if (part === 'int') {
          if (!intDone) {
            out += intTxt;
            intDone = true;
          }
        } else out += frac[fi++] ?? '';
        break;
      default:
    }
  }
  if (!intDone) out = intTxt + out;
  return sign + out;
}

/**
 * The text Excel would display for `value` under `numFmt` (column wide enough). Unknown or
 * date formats give the General rendering; never throws.
 */
export function formatNumber(value: number, numFmt: string): string {
  try {
    if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
    const fmt = (numFmt ?? '').trim();
    if (fmt === '' || /^general$/i.test(fmt)) return formatGeneral(value);
    const p = parse(fmt);
    const { sec, signed } = pick(p, value);
    return renderSection(sec, value, signed);
  } catch {
    return formatGeneral(value);
  }
}

/** True when the format shows numbers as percentages (a % outside quotes in its first section). */
export function isPercentFormat(numFmt: string): boolean {
  if (!numFmt) return false;
  try {
    const sec = parse(numFmt.trim()).sections[0];
    return !!sec && !sec.fallback && sec.percents > 0;
  } catch {
    return false;
  }
}

/** True when the format renders dates or times (y, m, d, h, s, AM/PM, [h] outside quotes). */
export function isDateFormat(numFmt: string): boolean {
  if (!numFmt) return false;
  try {
    const sec = parse(numFmt.trim()).sections[0];
    return !!sec && sec.date;
  } catch {
    return false;
  }
}
