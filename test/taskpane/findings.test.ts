import { describe, expect, it } from 'vitest';
import { CODE_TITLES, sortFindings, type Finding, type FindingCode } from '../../src/core/index.js';
import { groupFindings, orderFindings, percent } from '../../src/taskpane/findings.js';
import { stringsFor } from '../../src/taskpane/i18n.js';
import { seed002Report } from './seed002-report.js';

describe('finding order and groups', () => {
  it('lists findings in the core’s order (the CLI’s), whatever order they come in', () => {
    const findings = seed002Report().findings;
    const ordered = orderFindings([...findings].reverse());
    expect(ordered).toEqual(sortFindings(findings));
    expect(ordered.map((f) => f.cell)).toEqual(['H5', 'F27', 'H16', 'E15']);
    expect(groupFindings(ordered).map((g) => [g.severity, g.count, g.codes.map((c) => c.code)])).toEqual([
      ['error', 2, ['score-mismatch', 'weight-total-not-100']],
      ['warning', 2, ['missing-deviation-reason', 'over-achievement']],
    ]);
  });

  it('keeps one group per code within a severity, and 上一个/下一个 walk the groups as shown', () => {
    const f = (code: FindingCode, cell: string): Finding => ({
      code, severity: 'error', sheet: 'Sheet1', cell, message: '', messageEn: '', declared: null, expected: null, path: [], inputs: {}, rule: '',
    });
    const ordered = orderFindings([f('score-mismatch', 'G13'), f('subtotal-mismatch', 'G14'), f('score-mismatch', 'G15')]);
    const groups = groupFindings(ordered);
    expect(groups[0].codes.map((c) => [c.code, c.items.map((i) => i.finding.cell)])).toEqual(
      groups[0].codes[0].code === 'score-mismatch'
        ? [['score-mismatch', ['G13', 'G15']], ['subtotal-mismatch', ['G14']]]
        : [['subtotal-mismatch', ['G14']], ['score-mismatch', ['G13', 'G15']]],
    );
    expect(groups.flatMap((g) => g.codes.flatMap((c) => c.items.map((i) => i.index)))).toEqual([0, 1, 2]);
  });

  it('titles every finding code as the core’s registry does, in both languages', () => {
    const codes = Object.keys(CODE_TITLES) as FindingCode[];
    for (const code of codes) {
      expect(stringsFor('zh-CN').codeTitle(code)).toBe(CODE_TITLES[code].zh);
      expect(stringsFor('en-US').codeTitle(code)).toBe(CODE_TITLES[code].en);
    }
  });

  it('shows rates as percentages', () => {
    expect(percent('0.665513')).toBe('66.55%');
    expect(percent('0.67')).toBe('67%');
    expect(percent('1.05')).toBe('105%');
    expect(percent('67%')).toBe('67%');
    expect(percent(null)).toBeNull();
    expect(percent('—')).toBe('—');
  });
});
