import { describe, expect, it } from 'vitest';
import type { SheetSnapshot } from '../../src/core/index.js';
import { checkSnapshots } from '../../src/host/index.js';
import { cleanRows, projectForm } from '../support/forms.js';
import { snap } from '../support/snap.js';

describe('checkSnapshots, the one check loop', () => {
  const form = (sheet: string): SheetSnapshot => ({ ...projectForm(cleanRows(), { total: 100 }), sheet });
  const notes = snap([['说明'], ['本表无指标']], { sheet: '说明' });

  it('reports every sheet in order and names the ones without a form', () => {
    const r = checkSnapshots([form('表一'), notes, form('表二')], { rules: 'national' });
    expect(r.reports.map((x) => [x.sheet, x.forms.length])).toEqual([
      ['表一', 1],
      ['说明', 0],
      ['表二', 1],
    ]);
    expect(r.sheetsWithoutForm).toEqual(['说明']);
  });

  it('passes the rule pack to the engine, which a test can replace', () => {
    const seen: (string | undefined)[] = [];
    const r = checkSnapshots([form('表一')], {
      rules: 'hubei',
      checkSheet: (s, o) => {
        seen.push(o.rules);
        return { sheet: s.sheet, forms: [], findings: [] };
      },
    });
    expect(seen).toEqual(['hubei']);
    expect(r.sheetsWithoutForm).toEqual(['表一']);
  });

  it('gives nothing for no snapshots', () => {
    expect(checkSnapshots([])).toEqual({ reports: [], sheetsWithoutForm: [] });
  });
});
