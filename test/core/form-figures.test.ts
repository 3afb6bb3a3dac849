import { describe, expect, it } from 'vitest';
import { recognise } from '../../src/core/recognise/recognise.js';
import type { SheetSnapshot } from '../../src/core/index.js';

/** Figures read their address, format and formula from the sheet when asked (form.ts GridFig). */
describe('a recognised figure', () => {
  const snap: SheetSnapshot = {
    sheet: 'S',
    top: 10,
    left: 2,
    values: [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人次', '≥100人', 20, 18.5],
    ],
    text: [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人次', '≥100人', '20', '18.50'],
    ],
    numberFormat: [
      ['', '', '', '', '', ''],
      ['', '', '', '@', '0', '0.00'],
    ],
    formulas: [
      [null, null, null, null, null, null],
      [null, null, null, null, null, '=20*0.925'],
    ],
    merges: [],
  };
  const [form] = recognise(snap);
  const ind = form.indicators[0];

  it('names its cell and shows the sheet’s format and formula', () => {
    expect(ind.score).toMatchObject({ row: 11, col: 7, cell: 'H12', raw: 18.5, text: '18.50', format: '0.00', formula: '=20*0.925', decimals: 2 });
    expect(ind.score?.value.toString()).toBe('18.5');
    expect(ind.target).toMatchObject({ cell: 'F12', text: '≥100人', format: '@', formula: null });
    expect(ind.nameCell?.cell).toBe('E12');
  });

  it('prints as the plain object it was, and never carries the sheet along', () => {
    expect(JSON.parse(JSON.stringify(ind.score))).toEqual({
      row: 11, col: 7, cell: 'H12', raw: 18.5, text: '18.50', format: '0.00', formula: '=20*0.925', value: '18.5', decimals: 2,
    });
    expect(JSON.parse(JSON.stringify(ind.target))).toEqual({ row: 11, col: 5, cell: 'F12', raw: '≥100人', text: '≥100人', format: '@', formula: null });
    // A spread (or Object.values, as a deep freeze walks it) reaches no grid or snapshot.
    expect(Object.values({ ...ind.target }).filter((v) => typeof v === 'object' && v !== null)).toEqual([]);
  });
});
