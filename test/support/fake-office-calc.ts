/**
 * Recalculation for the fake Office (fake-office.ts): Excel recalculates a formula as soon as it or
 * one of its inputs is written, so what the add-in reads back is the formula's result. This is the
 * small part of Excel's formula language the forms and 核分's template use:
 *
 * - numbers, "text", TRUE/FALSE, cell references (A1, $A$1) and ranges (A1:B9) on the same sheet;
 * - + - * / ^ & %, unary minus, comparisons = <> < <= > >=;
 * - SUM, COUNT, MIN, MAX, AVERAGE, ROUND, ABS, IF, IFERROR, AND, OR, NOT.
 *
 * Arithmetic is exact (decimal.js), so 87.5 + 4.66 gives 92.16 as Excel shows it. A formula outside
 * this subset (another function, a reference to another sheet) is not an error: `parseFormula`
 * returns null and the fake keeps the value the formula showed before.
 */
import { D, type Dec } from '../../src/core/decimal.js';
import { parseA1, type CellRange } from '../../src/core/snapshot.js';

export type CalcValue = number | string | boolean | null | CalcError;

export class CalcError {
  constructor(readonly code: '#DIV/0!' | '#VALUE!' | '#NUM!' | '#N/A') {}
}

type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'ref'; r: CellRange }
  | { k: 'neg'; a: Node }
  | { k: 'pct'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'fn'; name: string; args: Node[] };

export interface Formula {
  node: Node;
  /** Every range the formula reads. */
  refs: CellRange[];
}

const FUNCTIONS = new Set(['SUM', 'COUNT', 'MIN', 'MAX', 'AVERAGE', 'ROUND', 'ABS', 'IF', 'IFERROR', 'AND', 'OR', 'NOT']);

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|("(?:[^"]|"")*")|(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(!])|([A-Za-z][A-Za-z0-9.]*)\s*\(|(TRUE|FALSE)(?![\w(])|(<=|>=|<>|[-+*/^&%=<>(),]))/iy;

type Token = { t: 'num' | 'str' | 'ref' | 'fn' | 'bool' | 'op'; v: string };

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) return null;
    i = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: m[1] });
    else if (m[2] !== undefined) out.push({ t: 'str', v: m[2].slice(1, -1).replace(/""/g, '"') });
    else if (m[3] !== undefined) out.push({ t: 'ref', v: m[3] });
    else if (m[4] !== undefined) out.push({ t: 'fn', v: m[4].toUpperCase() });
    else if (m[5] !== undefined) out.push({ t: 'bool', v: m[5].toUpperCase() });
    else out.push({ t: 'op', v: m[6] });
  }
  return out;
}

function rangeOf(ref: string): CellRange {
  const [a, b = a] = ref.split(':');
  const p = parseA1(a);
  const q = parseA1(b);
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

class Unsupported extends Error {}

/** Parse "=…"; null when the formula is outside the subset above. */
export function parseFormula(text: string): Formula | null {
  if (!text.startsWith('=')) return null;
  const tokens = tokenize(text.slice(1));
  if (!tokens) return null;
  let at = 0;
  const refs: CellRange[] = [];
  const peek = () => tokens[at];
  const isOp = (...ops: string[]) => peek()?.t === 'op' && ops.includes(peek().v);
  const expect = (op: string) => {
    if (!isOp(op)) throw new Unsupported(`expected ${op}`);
    at++;
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let a = next();
    while (isOp(...ops)) {
      const op = tokens[at++].v;
      a = { k: 'bin', op, a, b: next() };
    }
    return a;
  };
  const primary = (): Node => {
    const tok = tokens[at++];
    if (!tok) throw new Unsupported('unexpected end');
    switch (tok.t) {
      case 'num':
        return { k: 'num', v: Number(tok.v) };
      case 'str':
        return { k: 'str', v: tok.v };
      case 'bool':
        return { k: 'bool', v: tok.v === 'TRUE' };
      case 'ref': {
        const r = rangeOf(tok.v);
        refs.push(r);
        return { k: 'ref', r };
      }
      case 'fn': {
        if (!FUNCTIONS.has(tok.v)) throw new Unsupported(tok.v);
        const args: Node[] = [];
        if (!isOp(')')) {
          args.push(compare());
          while (isOp(',')) {
            at++;
            args.push(compare());
          }
        }
        expect(')');
        return { k: 'fn', name: tok.v, args };
      }
      case 'op':
        if (tok.v === '(') {
          const inner = compare();
          expect(')');
          return inner;
        }
        throw new Unsupported(tok.v);
    }
  };
  const postfix = (): Node => {
    let a = primary();
    while (isOp('%')) {
      at++;
      a = { k: 'pct', a };
    }
    return a;
  };
  const unary = (): Node => {
    if (isOp('-')) {
      at++;
      return { k: 'neg', a: unary() };
    }
    if (isOp('+')) {
      at++;
      return unary();
    }
    return postfix();
  };
  const power = binary(unary, ['^']);
  const term = binary(power, ['*', '/']);
  const additive = binary(term, ['+', '-']);
  const concat = binary(additive, ['&']);
  const compare: () => Node = binary(concat, ['=', '<>', '<', '<=', '>', '>=']);
  try {
    const node = compare();
    if (at !== tokens.length) return null;
    return { node, refs };
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError) return null;
    throw e;
  }
}

/** What a reference reads: one value per cell, row by row. */
export type CellReader = (row: number, col: number) => CalcValue;

type Arg = CalcValue | { range: CalcValue[] };

const isError = (v: unknown): v is CalcError => v instanceof CalcError;

function toNumber(v: CalcValue): Dec | CalcError {
  if (isError(v)) return v;
  if (v === null || v === '') return new D(0);
  if (typeof v === 'boolean') return new D(v ? 1 : 0);
  if (typeof v === 'number') return new D(v);
  const s = v.trim();
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?$/.test(s)) return s.endsWith('%') ? new D(s.slice(0, -1)).div(100) : new D(s);
  return new CalcError('#VALUE!');
}

function toText(v: Exclude<CalcValue, CalcError>): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function truthy(v: CalcValue): boolean | CalcError {
  if (isError(v)) return v;
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  const n = toNumber(v);
  return isError(n) ? n : !n.isZero();
}

/** Excel's order for comparisons: numbers < text < booleans; blank is 0 or "" as needed. */
function compareValues(a: Exclude<CalcValue, CalcError>, b: Exclude<CalcValue, CalcError>): number {
  const rank = (v: Exclude<CalcValue, CalcError>) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (a === null) a = typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
  if (b === null) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number') return new D(a).cmp(b as number);
  if (typeof a === 'string') {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

const num = (x: Dec): number => x.toNumber();

/** Evaluate a parsed formula. */
export function evaluateFormula(f: Formula, read: CellReader): CalcValue {
  const scalar = (n: Node): CalcValue => {
    const v = ev(n);
    if (v !== null && typeof v === 'object' && 'range' in v) {
      // a range where one value is wanted: Excel's implicit intersection is out of scope; one cell is fine
      return v.range.length === 1 ? v.range[0] : new CalcError('#VALUE!');
    }
    return v;
  };
  const numbersIn = (args: Node[]): Dec[] | CalcError => {
    const out: Dec[] = [];
    for (const a of args) {
      const v = ev(a);
      if (v !== null && typeof v === 'object' && 'range' in v) {
        for (const x of v.range) {
          if (isError(x)) return x;
          if (typeof x === 'number') out.push(new D(x));
        }
      } else {
        const n = toNumber(v);
        if (isError(n)) return n;
        out.push(n);
      }
    }
    return out;
  };
  const ev = (n: Node): Arg => {
    switch (n.k) {
      case 'num':
        return n.v;
      case 'str':
        return n.v;
      case 'bool':
        return n.v;
      case 'ref': {
        const { r } = n;
        if (r.top === r.bottom && r.left === r.right) return read(r.top, r.left);
        const range: CalcValue[] = [];
        for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) range.push(read(row, col));
        return { range };
      }
      case 'neg': {
        const x = toNumber(scalar(n.a));
        return isError(x) ? x : num(x.neg());
      }
      case 'pct': {
        const x = toNumber(scalar(n.a));
        return isError(x) ? x : num(x.div(100));
      }
      case 'bin': {
        const a = scalar(n.a);
        const b = scalar(n.b);
        if (isError(a)) return a;
        if (isError(b)) return b;
        if (n.op === '&') return toText(a) + toText(b);
        if (['=', '<>', '<', '<=', '>', '>='].includes(n.op)) {
          const c = compareValues(a, b);
          return { '=': c === 0, '<>': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[n.op] as boolean;
        }
        const x = toNumber(a);
        const y = toNumber(b);
        if (isError(x)) return x;
        if (isError(y)) return y;
        switch (n.op) {
          case '+':
            return num(x.plus(y));
          case '-':
            return num(x.minus(y));
          case '*':
            return num(x.times(y));
          case '/':
            return y.isZero() ? new CalcError('#DIV/0!') : num(x.div(y));
          case '^':
            return num(x.pow(y));
        }
        return new CalcError('#VALUE!');
      }
      case 'fn':
        return call(n.name, n.args);
    }
  };
  const call = (name: string, args: Node[]): CalcValue => {
    switch (name) {
      case 'SUM':
      case 'MIN':
      case 'MAX':
      case 'AVERAGE': {
        const xs = numbersIn(args);
        if (isError(xs)) return xs;
        if (name === 'SUM') return num(xs.reduce((s, x) => s.plus(x), new D(0)));
        if (xs.length === 0) return name === 'AVERAGE' ? new CalcError('#DIV/0!') : 0;
        if (name === 'AVERAGE') return num(xs.reduce((s, x) => s.plus(x), new D(0)).div(xs.length));
        return num(xs.reduce((m, x) => (name === 'MIN' ? (x.lt(m) ? x : m) : x.gt(m) ? x : m)));
      }
      case 'COUNT': {
        let c = 0;
        for (const a of args) {
          const v = ev(a);
          if (v !== null && typeof v === 'object' && 'range' in v) c += v.range.filter((x) => typeof x === 'number').length;
          else if (typeof v === 'number') c++;
        }
        return c;
      }
      case 'ROUND': {
        const x = toNumber(scalar(args[0]));
        const d = toNumber(args[1] ? scalar(args[1]) : 0);
        if (isError(x)) return x;
        if (isError(d)) return d;
        const places = d.trunc().toNumber();
        if (places >= 0) return num(x.toDecimalPlaces(places, D.ROUND_HALF_UP));
        const unit = new D(10).pow(-places);
        return num(x.div(unit).toDecimalPlaces(0, D.ROUND_HALF_UP).times(unit));
      }
      case 'ABS': {
        const x = toNumber(scalar(args[0]));
        return isError(x) ? x : num(x.abs());
      }
      case 'IF': {
        const c = truthy(scalar(args[0]));
        if (isError(c)) return c;
        return c ? (args[1] ? scalar(args[1]) : true) : args[2] ? scalar(args[2]) : false;
      }
      case 'IFERROR': {
        const v = scalar(args[0]);
        return isError(v) ? scalar(args[1]) : v;
      }
      case 'AND':
      case 'OR': {
        const vs = args.map((a) => truthy(scalar(a)));
        const err = vs.find(isError);
        if (err) return err;
        return name === 'AND' ? vs.every(Boolean) : vs.some(Boolean);
      }
      case 'NOT': {
        const c = truthy(scalar(args[0]));
        return isError(c) ? c : !c;
      }
    }
    return new CalcError('#N/A');
  };
  return scalar(f.node);
}
