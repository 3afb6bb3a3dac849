/**
 * A shared formula's text as seen from one of its dependents: every relative A1 reference moves by
 * the dependent's offset from the master ("A1*2" at B1 → "A2*2" at B2); $-anchored parts stay.
 * String literals and quoted sheet names are left alone, as are function names and defined names.
 */
const REF = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(.!])/y;
const MAX_COL = 16383;
const MAX_ROW = 1048575;

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 32) - 96);
  return n - 1;
}

function colLetters(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula.charCodeAt(i);
    if (ch === 34 /* " */ || ch === 39 /* ' */) {
      // A string literal ("a""b") or a quoted sheet name ('it''s'!A1): copied verbatim.
      let j = i + 1;
      for (; j < n; j++) {
        if (formula.charCodeAt(j) === ch) {
          if (formula.charCodeAt(j + 1) === ch) j++;
          else break;
        }
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula.charCodeAt(i - 1) : 0;
    const startsWord = !(isWordChar(prev) || prev === 46 /* . */);
    if (startsWord && (ch === 36 || isLetter(ch))) {
      REF.lastIndex = i;
      const m = REF.exec(formula);
      if (m) {
        let col = colNumber(m[2]);
        let row = Number(m[4]) - 1;
        if (col <= MAX_COL && row >= 0) {
          if (!m[1]) col += dCol;
          if (!m[3]) row += dRow;
          out += col < 0 || row < 0 || col > MAX_COL || row > MAX_ROW ? '#REF!' : `${m[1]}${colLetters(col)}${m[3]}${row + 1}`;
          i += m[0].length;
          continue;
        }
      }
      // A name or function: copy the whole word.
      let j = i + 1;
      while (j < n && (isWordChar(formula.charCodeAt(j)) || formula.charCodeAt(j) === 46)) j++;
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    out += formula[i];
    i++;
  }
  return out;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;
}
