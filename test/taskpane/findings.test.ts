import { describe, expect, it } from 'vitest';
import type { FindingCode } from '../../src/core/report.js';
import { FINDING_CODES, groupFindings, orderFindings, percent } from '../../src/taskpane/findings.js';
import { stringsFor } from '../../src/taskpane/i18n.js';
import { seed002Report } from './seed002-report.js';

describe('finding order and groups', () => {
  it('orders by severity, then kind, keeping the core’s order within a kind', () => {
    const ordered = orderFindings(seed002Report().findings);
    expect(ordered.map((f) => f.cell)).toEqual(['H5', 'F27', 'H16', 'E15']);
    expect(groupFindings(ordered).map((g) => [g.severity, g.count, g.codes.map((c) => c.code)])).toEqual([
      ['error', 2, ['score-mismatch', 'weight-total-not-100']],
      ['warning', 2, ['missing-deviation-reason', 'over-achievement']],
    ]);
  });

  it('names every finding code in both languages', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const t = stringsFor(locale);
      expect(Object.keys(t.codes).sort()).toEqual([...FINDING_CODES].sort());
      expect(FINDING_CODES.every((c: FindingCode) => t.codes[c].length > 0)).toBe(true);
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
