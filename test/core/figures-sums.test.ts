/**
 * computeFigures adds the indicators' weights and declared scores from the levels' sums when no
 * sum of them can round (figures.ts, SumBound), instead of adding every row a second time. The
 * totals must be the very Decimals a row-by-row sum in sheet order gives, also for forms whose
 * figures are too long or too far apart for that shortcut (then it is not taken).
 */
import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/core/figures.js';
import { recognise } from '../../src/core/recognise/recognise.js';
import { getPack } from '../../src/core/rules/packs.js';
import { walkIndicators } from '../../src/core/form.js';
import { sum, ZERO } from '../../src/core/decimal.js';
import type { SheetSnapshot } from '../../src/core/snapshot.js';
import { cleanRows, projectForm, type Row } from '../support/forms.js';
import { bigSnapshot } from '../../bench/big-form.js';

function rowByRow(snapshot: SheetSnapshot) {
  const form = recognise(snapshot)[0];
  const fig = computeFigures(form, getPack('national'));
  const inds = walkIndicators(form.levels);
  return {
    fig,
    weights: sum(inds.map((i) => i.weight?.value ?? i.labelWeight ?? ZERO)),
    scores: sum(inds.map((i) => i.score?.value ?? ZERO)),
  };
}

function expectRowByRow(snapshot: SheetSnapshot) {
  const { fig, weights, scores } = rowByRow(snapshot);
  expect(fig.indicatorWeightSum.toString()).toBe(weights.toString());
  expect(fig.indicatorWeightSum.eq(weights)).toBe(true);
  // The declared total is the indicator sum plus the declared execution score.
  expect(fig.totals.sum.toString()).toBe(scores.plus(fig.execution.declared?.value ?? ZERO).toString());
  return fig;
}

const rows = (scores: (string | number)[], weights: (string | number)[]): Row[] =>
  scores.map((s, i) => [i === 0 ? '产出指标' : null, i % 2 === 0 ? '数量指标' : null, `指标${i}`, '≥1', '1', weights[i], s]);

describe('indicator totals from the levels’ sums', () => {
  it('the clean form and a big one', () => {
    expect(expectRowByRow(projectForm(cleanRows(), { total: 100 })).indicatorWeightSum.toString()).toBe('90');
    expectRowByRow(bigSnapshot(500));
  });

  it('figures with many places or far apart: the same Decimals as added row by row', () => {
    const cases: [(string | number)[], (string | number)[]][] = [
      [['0.1', '0.2', '0.3'], ['1', '2', '3']],
      [['12345678901234.5678901234', '0.0000000000001', '98765432109876.54321'], ['1e20', '1e-10', '3']],
      [['9999999999999999999999999999', '1', '1'], ['0.0000000000000000000000000001', '1', '1']],
      [['-5', '5', '0'], ['-0', '0', '0.5']],
      [['1.5', '2.25', '3.125'], ['10', '20', '30']],
    ];
    for (const [scores, weights] of cases) expectRowByRow(projectForm(rows(scores, weights), { total: 1 }));
  });

  it('a level that states its own weight in its label is not summed from its indicators', () => {
    const r: Row[] = [
      ['产出指标（50分）', '数量指标（20分）', '培训人数', '≥100人', '110人', 15, 15],
      [null, null, '合格率', '≥95%', '96%', 10, 10],
      [null, '质量指标', '及时率', '≥95%', '96%', 20, 20],
      ['效益指标', '社会效益指标', '知晓率', '≥90%', '92%', 30, 30],
    ];
    const fig = expectRowByRow(projectForm(r, { total: 85 }));
    expect(fig.indicatorWeightSum.toString()).toBe('75');
  });
});
