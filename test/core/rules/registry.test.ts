import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, FINDING_RULES, SEVERITY, CODE_TITLES, SEVERITY_ORDER, findingMeta, sortFindings, compareFindings } from '../../../src/core/index.js';
import type { Finding } from '../../../src/core/index.js';
import { interpolate, placeholders } from '../../../src/core/rules/interpolate.js';
import { computeFigures } from '../../../src/core/figures.js';
import { runRules } from '../../../src/core/check.js';
import { recognise } from '../../../src/core/recognise/recognise.js';
import { getPack } from '../../../src/core/rules/packs.js';
import { suggestionFor } from '../../../src/core/writeback-plan.js';
import { project } from './forms.js';

describe('the registry', () => {
  it('has one rule per code, errors before warnings before info', () => {
    expect(new Set(FINDING_CODES).size).toBe(FINDING_RULES.length);
    const ranks = FINDING_RULES.map((r) => SEVERITY_ORDER.indexOf(r.meta.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('has a module and a spec for every code', () => {
    for (const code of FINDING_CODES) {
      expect(existsSync(new URL(`../../../src/core/rules/codes/${code}.ts`, import.meta.url)), code).toBe(true);
      expect(existsSync(new URL(`./${code}.test.ts`, import.meta.url)), code).toBe(true);
    }
  });

  it('derives SEVERITY and CODE_TITLES from the rules', () => {
    for (const r of FINDING_RULES) {
      expect(SEVERITY[r.meta.code]).toBe(r.meta.severity);
      expect(CODE_TITLES[r.meta.code]).toEqual(r.meta.title);
      expect(findingMeta(r.meta.code)).toBe(r.meta);
    }
  });

  it('gives every code a title, a fix and messages in both languages', () => {
    for (const { meta } of FINDING_RULES) {
      for (const t of [meta.title, meta.fix, ...Object.values(meta.messages)]) {
        expect(t.zh.length).toBeGreaterThan(0);
        expect(t.en.length).toBeGreaterThan(0);
        expect(t.zh).toMatch(/\p{Script=Han}/u);
      }
      // An English message uses no placeholder its Chinese one lacks (the same data fills both).
      for (const m of Object.values(meta.messages)) {
        for (const p of placeholders(m.en)) expect(placeholders(m.zh).concat(['min', 'max'])).toContain(p);
      }
    }
  });
});

describe('interpolate', () => {
  it('fills placeholders, picks the language of a pair, keeps unknown ones', () => {
    expect(interpolate('得分 {declared} 超过 {weight}', { declared: 12, weight: '10' })).toBe('得分 12 超过 10');
    expect(interpolate('{x} / {y}', { x: { zh: '甲', en: 'A' } }, 'en')).toBe('A / {y}');
  });
});

describe('figures and rules leave the recognised form as it was', () => {
  const deepFreeze = (x: unknown, seen = new Set<unknown>()): void => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v, seen);
  };

  it('computes figures and runs every rule over a frozen form (seed 003’s funds row holding the total included)', () => {
    // The funds row's 分值 100 ≥ the indicators' 90: it holds the form total.
    const sheet = project({}, { execWeight: 100, execScore: 100, total: null });
    const [form] = recognise(sheet);
    deepFreeze(form);
    const pack = getPack('national');
    const figures = computeFigures(form, pack);
    expect(figures.fundsHoldTotal).toBe(true);
    expect(() => runRules(form, pack, figures)).not.toThrow();
    expect(form.funds?.holdsTotal).toBe(false);
  });
});

describe('one order for findings', () => {
  const f = (code: Finding['code'], cell: string, sheet = 'S'): Finding => ({
    code, severity: SEVERITY[code], sheet, cell, message: '', messageEn: '', declared: null, expected: null, path: [], inputs: {}, rule: '',
  });

  it('severity, then registry code order, then sheet, then row and column', () => {
    const list = [f('over-achievement', 'A1'), f('total-mismatch', 'G12'), f('score-mismatch', 'G9'), f('score-mismatch', 'G7'), f('score-mismatch', 'B7'), f('score-mismatch', 'A1', 'T')];
    expect(sortFindings(list).map((x) => `${x.code}@${x.sheet}!${x.cell}`)).toEqual([
      'score-mismatch@S!B7',
      'score-mismatch@S!G7',
      'score-mismatch@S!G9',
      'score-mismatch@T!A1',
      'total-mismatch@S!G12',
      'over-achievement@S!A1',
    ]);
    // Rows before columns: AA1 comes before B2.
    expect([f('score-mismatch', 'B2'), f('score-mismatch', 'AA1')].sort(compareFindings).map((x) => x.cell)).toEqual(['AA1', 'B2']);
  });

  it('puts sheets in the order given', () => {
    const list = [f('score-mismatch', 'A1', 'S'), f('score-mismatch', 'A1', 'T')];
    expect(sortFindings(list, ['T', 'S']).map((x) => x.sheet)).toEqual(['T', 'S']);
  });
});

describe('suggestions come from the finding, not from its rule text', () => {
  const base: Finding = {
    code: 'score-mismatch', severity: 'error', sheet: 'S', cell: 'G7', message: '', messageEn: '', declared: '20', expected: '16', path: [], inputs: {}, rule: 'nonsense',
  };
  it('uses the suggestion the rule set', () => {
    expect(suggestionFor({ ...base, suggestion: { cell: 'G7', value: '16' } })).toMatchObject({ cell: 'G7', value: 16 });
    expect(suggestionFor({ ...base, suggestion: null })).toBeNull();
  });
  it('falls back to the registry for reports made before the field existed', () => {
    expect(suggestionFor(base)).toMatchObject({ cell: 'G7', value: 16 });
    expect(suggestionFor({ ...base, code: 'total-mismatch' })).toBeNull();
  });
});
