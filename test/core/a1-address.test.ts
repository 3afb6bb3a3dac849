import { describe, expect, it } from 'vitest';
import { columnName, parseA1, parseA1Loosely as reference, toA1 } from '../../src/core/snapshot.js';

function outcome(f: (a1: string) => { row: number; col: number }, a1: string): string {
  try {
    return JSON.stringify(f(a1));
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

describe('parseA1', () => {
  it('reads every address toA1 makes back to its row and column', () => {
    for (const col of [0, 1, 25, 26, 27, 51, 52, 701, 702, 16383]) {
      for (const row of [0, 1, 8, 9, 99, 1_048_575]) expect(parseA1(toA1(row, col))).toEqual({ row, col });
    }
  });

  it('agrees with the general path on odd and hostile addresses', () => {
    const odd = ['', 'A', '1', 'A1', 'a1', '$A$1', 'A$1', ' B7 ', 'B7 ', 'AB', '7B', 'A1B', 'A-1', 'A1.5', 'Ａ1', 'A１', 'A00', 'A0',
      'XFD1048576', 'ZZZZZZZZZZZZZ1', `A${'9'.repeat(400)}`, 'G12\n', 'A\u00001', 'A1:B2'];
    for (const a1 of odd) expect(outcome(parseA1, a1), a1).toBe(outcome(reference, a1));
  });

  it('agrees with the general path on random strings of address characters', () => {
    const alphabet = 'ABZaz09$ :';
    let seed = 7;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed);
    for (let i = 0; i < 5_000; i++) {
      let s = '';
      for (let n = next() % 7; n > 0; n--) s += alphabet[next() % alphabet.length];
      expect(outcome(parseA1, s), JSON.stringify(s)).toBe(outcome(reference, s));
    }
    expect(columnName(27)).toBe('AB');
  });
});
