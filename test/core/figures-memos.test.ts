/**
 * The memos the figures and rules keep (values.ts number readings by text, decimal.ts's last
 * rounding) may only save work: every answer must be what a fresh computation gives. And the
 * root-cause pass returns the findings it does not link as they are, changing none of its input.
 */
import { describe, expect, it } from 'vitest';
import { readValue } from '../../src/core/values.js';
import { D, roundTo } from '../../src/core/decimal.js';
import { linkCauses } from '../../src/core/rules/causes.js';
import { runRules } from '../../src/core/check.js';
import { computeFigures } from '../../src/core/figures.js';
import { recognise } from '../../src/core/recognise/recognise.js';
import { getPack } from '../../src/core/rules/packs.js';
import { project } from './rules/forms.js';

const q = (raw: number, text: string, format = '') => {
  const r = readValue(raw, text, format);
  if (r.kind !== 'number') throw new Error(r.kind);
  return { text: r.text, value: r.q.value.toString(), neg: r.q.value.isNeg(), percent: r.q.percent, decimals: r.q.decimals };
};

describe('number readings kept by text', () => {
  it('the same text with another number or format is read again', () => {
    expect(q(90, '90')).toEqual({ text: '90', value: '90', neg: false, percent: false, decimals: 0 });
    expect(q(0.9, '90')).toEqual({ text: '90', value: '0.9', neg: false, percent: false, decimals: 0 });
    expect(q(0.9, '90', '0%')).toEqual({ text: '90', value: '0.9', neg: false, percent: true, decimals: 2 });
    expect(q(90, '90')).toEqual({ text: '90', value: '90', neg: false, percent: false, decimals: 0 });
    expect(readValue(90, '90')).toBe(readValue(90, '90'));
  });
  it('−0 keeps its sign next to 0 under the same text', () => {
    expect(q(0, '0').neg).toBe(false);
    expect(q(-0, '0').neg).toBe(true);
    expect(q(0, '0').neg).toBe(false);
  });
});

describe('the last rounding reused', () => {
  it('gives the rounding of the Decimal and places asked for', () => {
    const x = new D('0.9038461538461538461538461538');
    const y = new D('0.9038461538461538461538461538');
    expect(roundTo(x, 2).toString()).toBe('0.9');
    expect(roundTo(x, 3).toString()).toBe('0.904');
    expect(roundTo(x, 2).toString()).toBe('0.9');
    expect(roundTo(y, 4).toString()).toBe('0.9038');
    expect(roundTo(x, 2)).toBe(roundTo(x, 2));
    expect(roundTo(new D('2.5'), 0).toString()).toBe('3');
    expect(roundTo(new D('-2.5'), 0).toString()).toBe('-3');
  });
});

describe('linkCauses', () => {
  it('returns unlinked findings as they are and changes nothing it was given', () => {
    // A wrong score (root) makes the total and the grade wrong too.
    const sheet = project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '10人', 20, 20] }, { total: 100, grade: '优' });
    const form = recognise(sheet)[0];
    const fig = computeFigures(form, getPack('national'));
    const raw = runRules(form, getPack('national'), fig);
    const before = JSON.stringify(raw);
    const linked = linkCauses(raw, fig);
    expect(JSON.stringify(raw)).toBe(before);
    expect(linked).toHaveLength(raw.length);
    const withRoot = linked.filter((f) => f.causedBy);
    expect(withRoot.length).toBeGreaterThan(0);
    linked.forEach((f, i) => {
      if (f.causedBy) {
        expect(f).not.toBe(raw[i]);
        expect(f.message.startsWith(raw[i].message)).toBe(true);
      } else expect(f).toBe(raw[i]);
    });
  });
});
