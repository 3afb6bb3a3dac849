/**
 * The crash and hang classes of issue 8, each reproduced on its smallest input. Hangs are asserted
 * with a time budget far above the fixed cost and far below the old one (seconds to minutes).
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetSnapshot } from '../../src/core/index.js';
import { parseCriteria } from '../../src/core/criteria.js';
import { D } from '../../src/core/decimal.js';
import { canonicalLevel } from '../../src/core/recognise/table.js';
import { recognise } from '../../src/core/recognise/recognise.js';
import { readNumber, readValue } from '../../src/core/values.js';
import { normalizeLabel, splitLabelWeight } from '../../src/core/text.js';
import { workbookToSnapshots } from '../../src/xlsx/index.js';
import { seed002 } from '../fixtures/seeds.js';
import { assertSaneReport } from './sane.js';

function seedSnapshot(): SheetSnapshot {
  return workbookToSnapshots(seed002())[0];
}

function elapsed(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

describe('the recogniser survives any grid', () => {
  it('seed 002 with its first 一级/二级 labels left empty (indicators with no parent level)', () => {
    const snap = seedSnapshot();
    const headerRow = snap.values.findIndex((r) => r[0] === '一级指标');
    expect(headerRow).toBeGreaterThan(0);
    const first = headerRow + 1;
    expect(snap.values[first][0]).toBe('产出指标');
    snap.values[first][0] = null;
    snap.values[first][1] = null;
    if (snap.text) {
      snap.text[first][0] = '';
      snap.text[first][1] = '';
    }
    const report = checkSheet(snap);
    expect(report.forms.length).toBe(1);
    // Every indicator is still read, with or without a parent.
    expect(report.forms[0].indicators.length).toBe(14);
    assertSaneReport(report, snap);
  });

  it('a level-2 name whose implied level-1 parent matches an earlier parentless indicator', () => {
    // An indicator named 产出指标 straight under the header, then 质量指标 without a 一级 label:
    // the implied parent 产出指标 must be a level, never the indicator of the same name.
    const values: SheetSnapshot['values'] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      [null, null, '产出指标', '≥1', 1, 5, 5],
      [null, '质量指标', '合格率', '≥90%', 0.95, 5, 5],
      ['总分', null, null, null, null, 10, 10],
    ];
    const snap: SheetSnapshot = { sheet: 'S', top: 0, left: 0, values, merges: [] };
    const report = checkSheet(snap);
    assertSaneReport(report, snap);
  });
});

describe('bounded costs', () => {
  it('“每项扣1分，” repeated in one criteria cell stays fast and bounded', () => {
    const text = '每项扣1分，'.repeat(5000);
    let rule!: ReturnType<typeof parseCriteria>;
    const ms = elapsed(() => (rule = parseCriteria(text, new D(100))));
    expect(ms).toBeLessThan(2000);
    if (rule.allowed.kind === 'set') expect(rule.allowed.values.length).toBeLessThanOrEqual(2001);
    // The same deduction repeated allows what it allows once: 100, 99, …, 0.
    expect(rule.allowed.kind === 'set' ? rule.allowed.values.length : -1).toBe(101);
  });

  it('many different deductions in one cell fall back to a range within the budget', () => {
    const text = Array.from({ length: 400 }, (_, i) => `第${i}项不符合扣${(i % 97) / 100 + 0.01}分；`).join('');
    let rule!: ReturnType<typeof parseCriteria>;
    const ms = elapsed(() => (rule = parseCriteria(text, new D(100))));
    expect(ms).toBeLessThan(3000);
    expect(['set', 'range']).toContain(rule.allowed.kind);
    if (rule.allowed.kind === 'set') expect(rule.allowed.values.length).toBeLessThanOrEqual(2001);
  });

  it('canonicalLevel on 60,000 “(” is linear', () => {
    const label = '('.repeat(60_000);
    expect(elapsed(() => canonicalLevel(label))).toBeLessThan(500);
    expect(canonicalLevel('过程(30分)')).toBe('过程');
    expect(canonicalLevel('产出指标(说明)')).toBe('产出指标');
    expect(canonicalLevel('满意度(20分)指标')).toBe('满意度');
    // Same result as the regex it replaces, on short labels of the characters that matter.
    const old = (x: string) => splitLabelWeight(x).name.replace(/指标$/, '').replace(/\(.*\)$/, '');
    const alphabet = ['(', ')', '（', '）', 'a', '产', '指标', '\n', '1', '分'];
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      let x = '';
      for (let k = (i % 11) + 1; k > 0; k--) x += alphabet[(seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length];
      expect(canonicalLevel(x)).toBe(old(x));
    }
  });

  it('cells of 100,000 characters cost little wherever they sit', () => {
    const huge = '产出指标（'.repeat(20_000);
    const snap = seedSnapshot();
    const headerRow = snap.values.findIndex((r) => r[0] === '一级指标');
    for (let c = 0; c < 8; c++) {
      snap.values[headerRow + 2][c] = huge + c;
      if (snap.text) snap.text[headerRow + 2][c] = huge + c;
    }
    snap.values[0][0] = huge;
    if (snap.text) snap.text[0][0] = huge;
    let report!: ReturnType<typeof checkSheet>;
    const ms = elapsed(() => (report = checkSheet(snap)));
    expect(ms).toBeLessThan(3000);
    assertSaneReport(report, snap);
    expect(elapsed(() => normalizeLabel('（ '.repeat(50_000)))).toBeLessThan(500);
    expect(elapsed(() => readValue('1 '.repeat(50_000), '1 '.repeat(50_000)))).toBeLessThan(1000);
  });
});

describe('cells that hold text where a number belongs', () => {
  it('are listed once each, in sheet order, and a sheet of them costs little (was quadratic)', () => {
    const n = 60_000;
    const values: (string | number | null)[][] = [['一级指标', '二级指标', '三级指标', '分值', '得分']];
    for (let i = 0; i < n; i++) values.push(['产出指标', '数量指标', `指标${i}`, 1, `约${i}分`]);
    // The last score is one cell merged over two rows: read on both, listed once.
    values.push(['产出指标', '数量指标', '末项', 1, '待定'], ['产出指标', '数量指标', null, null, null]);
    const snap: SheetSnapshot = { sheet: 'S', top: 0, left: 0, values, merges: [{ top: n + 1, left: 4, bottom: n + 2, right: 4 }] };
    let forms!: ReturnType<typeof recognise>;
    const ms = elapsed(() => (forms = recognise(snap)));
    expect(ms).toBeLessThan(3000);
    const cells = forms[0].unreadable.map((u) => u.cell);
    expect(cells.length).toBe(n + 1);
    expect(new Set(cells).size).toBe(n + 1);
    expect(cells.slice(0, 2)).toEqual(['E2', 'E3']);
    expect(forms[0].unreadable[n]).toMatchObject({ cell: `E${n + 2}`, text: '待定' });
  });
});

describe('no NaN or Infinity from the core', () => {
  it('readNumber and readValue refuse non-finite numbers', () => {
    expect(readNumber(Number.NaN)).toBeUndefined();
    expect(readNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(readNumber('1e999')).toBeUndefined();
    expect(readNumber('NaN')).toBeUndefined();
    expect(readValue(Number.NaN, '').kind).not.toBe('number');
    expect(readValue(Number.NEGATIVE_INFINITY, '').kind).not.toBe('number');
    expect(readValue('1e999', '1e999').kind).not.toBe('number');
  });

  it('NaN, Infinity and 1e999 in weights, scores, targets and funds never reach a figure or message', () => {
    const snap = seedSnapshot();
    const headerRow = snap.values.findIndex((r) => r[0] === '一级指标');
    const bad: (string | number)[] = [Number.NaN, Number.POSITIVE_INFINITY, '1e999', 'NaN', '-Infinity', Number.NEGATIVE_INFINITY];
    let k = 0;
    for (let r = headerRow + 1; r < headerRow + 8; r++) {
      for (const c of [3, 4, 5, 6]) {
        const v = bad[k++ % bad.length];
        snap.values[r][c] = v;
        if (snap.text) snap.text[r][c] = typeof v === 'number' ? '' : v;
      }
    }
    // The funds row: execution rate inputs.
    snap.values[4][2] = Number.POSITIVE_INFINITY;
    snap.values[4][4] = Number.NaN;
    snap.values[4][5] = '1e999';
    const report = checkSheet(snap);
    assertSaneReport(report, snap);
  });
});

describe('fast paths answer as the slow ones', () => {
  it('isPlaceholder: the first-character shortcut agrees with the full test', async () => {
    const { isPlaceholder } = await import('../../src/core/values.js');
    const full = (text: string) => {
      const s = text.replace(/\s+/g, '');
      return s.length > 0 && /^[…⋯.。·\-—―–]+$/.test(s) && /[…⋯.。·]/.test(s);
    };
    const chars = ['…', '⋯', '.', '。', '·', '-', '—', '―', '–', ' ', '\u3000', '\u00a0', '\t', '\n', 'a', '1', '产', '\u2028', '\ufeff', '\u2003', ''];
    let seed = 11;
    for (let i = 0; i < 5000; i++) {
      let x = '';
      for (let k = (i % 5) + 1; k > 0; k--) x += chars[(seed = (seed * 48271) % 2147483647) % chars.length];
      expect(isPlaceholder(x)).toBe(full(x));
    }
  });
});
