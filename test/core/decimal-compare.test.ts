/**
 * decimal.ts compares Decimals without copying them (cmp, lt, lte, gt, gte, eq); every answer must
 * be the library's own, for the numbers forms hold and for the edge cases (zeros of either sign,
 * infinities, NaN, numbers that differ only in a far digit or in length).
 */
import { describe, expect, it } from 'vitest';
import { D, type Dec, cmp, eq, gt, gte, lt, lte, max, min } from '../../src/core/decimal.js';

const EDGES = ['0', '-0', '1', '-1', '0.1', '-0.1', '1e-30', '-1e-30', '1e30', '-1e30', 'Infinity', '-Infinity', 'NaN',
  '0.9999999', '1.0000001', '1234567.8901234', '1234567.8901235', '12345678901234567890.123', '10', '100', '99.99',
  '0.95', '0.950000000000000000000000001', '-5.5', '-5.50001', '10000000', '9999999', '10000001', '0.0000001'];

function sample(seed: number): Dec[] {
  // A small LCG: reproducible numbers of every sign, size and length.
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: Dec[] = [];
  for (let i = 0; i < 400; i++) {
    const digits = Math.floor(next() * 20) + 1;
    let s = '';
    for (let k = 0; k < digits; k++) s += Math.floor(next() * 10);
    const point = Math.floor(next() * (digits + 1));
    const n = `${next() < 0.3 ? '-' : ''}${s.slice(0, point) || '0'}.${s.slice(point) || '0'}`;
    out.push(new D(n).mul(new D(10).pow(Math.floor(next() * 20) - 10)));
  }
  return out;
}

describe('Decimal comparisons without a copy', () => {
  const values = [...EDGES.map((s) => new D(s)), ...sample(7)];
  it('cmp answers as x.cmp(y) for every pair', () => {
    let pairs = 0;
    for (const x of values) {
      for (const y of values) {
        const want = x.cmp(y);
        const got = cmp(x, y);
        if (Number.isNaN(want)) expect(got).toBeNaN();
        else expect(got, `${x} vs ${y}`).toBe(want);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(100_000);
  });
  it('lt, lte, gt, gte, eq, min and max answer as the methods do', () => {
    for (const x of values) {
      for (const y of values.slice(0, 60)) {
        expect([lt(x, y), lte(x, y), gt(x, y), gte(x, y), eq(x, y)]).toEqual([x.lt(y), x.lte(y), x.gt(y), x.gte(y), x.eq(y)]);
        expect(min(x, y)).toBe(x.lt(y) ? x : y);
        expect(max(x, y)).toBe(x.gt(y) ? x : y);
      }
    }
  });
  it('equal values written differently compare equal', () => {
    expect(cmp(new D('1.50'), new D('1.5'))).toBe(0);
    expect(cmp(new D('-0'), new D('0'))).toBe(0);
    expect(eq(new D('1e7'), new D('10000000'))).toBe(true);
  });
});
