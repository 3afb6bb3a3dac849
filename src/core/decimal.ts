import { Decimal } from 'decimal.js';
import { remember } from './memo.js';

/** One Decimal constructor for the whole product, so precision and rounding are set once. */
export const D = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const ZERO = new D(0);
export const ONE = new D(1);
export const HUNDRED = new D(100);

export function dec(x: Decimal.Value): Dec {
  return new D(x);
}

const numbers = new Map<number, Dec>();

/**
 * A cell's number as a Decimal. Decimals never change, and a form repeats its numbers (weights
 * 1, 2, 5, 10; scores; 100), so each distinct number is converted once (a bounded cache).
 */
export function decOf(n: number): Dec {
  // -0 keeps its own Decimal (the cache cannot tell it from 0).
  if (n === 0 && 1 / n < 0) return new D(n);
  return numbers.get(n) ?? remember(numbers, n, new D(n), 4096);
}

const constants = new Map<string, Dec>();

/** A rule-pack number ("0.8", "100") as a Decimal, parsed once: packs are read for every row. */
export function constant(s: string): Dec {
  let d = constants.get(s);
  if (!d) constants.set(s, (d = new D(s)));
  return d;
}

/** Decimal places of a number as written ("4.70" → 2, "67%" → 2 as a fraction handled by caller). */
export function decimalsOf(written: string): number {
  const m = /\.(\d+)/.exec(written);
  return m ? m[1].length : 0;
}

// The last rounding done, as a Decimal never changes: a rule that compares a score at its places
// and then prints the same score at the same places (score-mismatch: agreesAt, then show) rounds once.
let roundedIn: Dec | null = null;
let roundedDp = -1;
let roundedOut: Dec | null = null;

export function roundTo(x: Dec, dp: number): Dec {
  // Most figures already have no more places than asked for: they stay as they are.
  if (x.decimalPlaces() <= dp) return x;
  if (x === roundedIn && dp === roundedDp) return roundedOut!;
  const out = x.toDecimalPlaces(dp, D.ROUND_HALF_UP);
  roundedIn = x;
  roundedDp = dp;
  roundedOut = out;
  return out;
}

/** True when declared and computed agree at `dp` decimal places. */
export function agreesAt(declared: Dec, computed: Dec, dp: number): boolean {
  return eq(roundTo(declared, dp), roundTo(computed, dp));
}

/** Canonical string for JSON and messages: no exponent, no trailing zeros. */
export function str(x: Dec | null | undefined): string | null {
  if (x === null || x === undefined) return null;
  const s = x.toFixed();
  if (!s.includes('.')) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  return s.slice(0, end);
}

/** Rounded to dp and printed without trailing zeros. */
export function show(x: Dec, dp = 2): string {
  return str(roundTo(x, dp)) as string;
}

// Sign tests without a comparison: `x.gt(0)` builds a Decimal for the 0 on every call. NaN is
// none of these, as it is neither `gt(0)`, `lt(0)`, `gte(0)` nor `lte(0)`.

/** x > 0 */
export function isPositive(x: Dec): boolean {
  return x.isPos() && !x.isZero();
}

/** x < 0 */
export function isNegative(x: Dec): boolean {
  return x.isNeg() && !x.isZero();
}

/** x ≥ 0 */
export function isNonNegative(x: Dec): boolean {
  return x.isZero() || x.isPos();
}

/** x ≤ 0 */
export function isNonPositive(x: Dec): boolean {
  return x.isZero() || x.isNeg();
}

// Comparisons without a copy. decimal.js's `x.cmp(y)` (and lt, gt, eq… which call it) first copies
// y into a new Decimal — an object and its digit array — before it compares. The core compares
// several times per indicator and per rule, so on a big form those copies are a good part of the
// garbage. `cmp` below is decimal.js's own comparison read straight from the documented instance
// properties (d: digits in base 1e7, e: exponent, s: sign); test/core/decimal-compare.test.ts holds
// it to the library's answer. Only Decimals of the one constructor D are compared, so the copy's
// range check (maxE/minE) never applies.

/** −1, 0 or 1 as x is less than, equal to or greater than y; NaN when either is NaN (as `x.cmp(y)`). */
export function cmp(x: Dec, y: Dec): number {
  const xd = x.d;
  const yd = y.d;
  const xs = x.s;
  const ys = y.s;
  // Either NaN or ±Infinity.
  if (!xd || !yd) return !xs || !ys ? NaN : xs !== ys ? xs : xd === yd ? 0 : !xd !== xs < 0 ? 1 : -1;
  // Either zero.
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (x.e !== y.e) return x.e > y.e !== xs < 0 ? 1 : -1;
  const xl = xd.length;
  const yl = yd.length;
  for (let i = 0, j = xl < yl ? xl : yl; i < j; ++i) {
    if (xd[i] !== yd[i]) return xd[i] > yd[i] !== xs < 0 ? 1 : -1;
  }
  return xl === yl ? 0 : xl > yl !== xs < 0 ? 1 : -1;
}

/** x < y, as `x.lt(y)`. */
export function lt(x: Dec, y: Dec): boolean {
  return cmp(x, y) < 0;
}

/** x ≤ y, as `x.lte(y)`. */
export function lte(x: Dec, y: Dec): boolean {
  return cmp(x, y) < 1;
}

/** x > y, as `x.gt(y)`. */
export function gt(x: Dec, y: Dec): boolean {
  return cmp(x, y) > 0;
}

/** x ≥ y, as `x.gte(y)`. */
export function gte(x: Dec, y: Dec): boolean {
  const k = cmp(x, y);
  return k === 1 || k === 0;
}

/** x = y, as `x.eq(y)`. */
export function eq(x: Dec, y: Dec): boolean {
  return cmp(x, y) === 0;
}

export function sum(xs: Iterable<Dec>): Dec {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
}

export function min(a: Dec, b: Dec): Dec {
  return lt(a, b) ? a : b;
}

export function max(a: Dec, b: Dec): Dec {
  return gt(a, b) ? a : b;
}

export function clamp(x: Dec, lo: Dec, hi: Dec): Dec {
  return max(lo, min(hi, x));
}
